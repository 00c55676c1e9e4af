"""Admins' ESR import pages: upload, check (a dry run showing every error), confirm, and the snapshots held.

The uploaded file is kept between check and confirmation by the ESR upload flow, which the Django
admin's import uses too (workforce.services.esr_upload).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from jobs.models import Job
from organisations.permissions import can_import_esr, require
from workforce.esr.extract import ExtractRejected
from workforce.forms import ESRConfirmForm, ESRUploadForm
from workforce.selectors.esr import esr_snapshots
from workforce.services.esr_upload import UploadNotFound, esr_upload_check, esr_upload_confirm, esr_upload_store


def esr_import(request):
    require(can_import_esr(request.user))
    form = ESRUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        token = esr_upload_store(chunks=data["extract"].chunks())
        try:
            report = esr_upload_check(
                token=token,
                snapshot_date=data["snapshot_date"],
                organisation=data["organisation"],
                file_name=data["extract"].name,
            )
        except ExtractRejected as error:
            form.add_error("extract", str(error))
        else:
            confirm = ESRConfirmForm(
                initial={
                    "token": token,
                    "file_name": report.file_name,
                    "snapshot_date": report.snapshot_date,
                    "organisation": data["organisation"].pk if data["organisation"] else "",
                }
            )
            return render(request, "workforce/esr_preview.html", {"report": report, "confirm_form": confirm})
    page = Paginator(esr_snapshots(), 50).get_page(request.GET.get("page"))
    job_id = request.GET.get("job", "")
    job = Job.objects.filter(pk=job_id, started_by=request.user).first() if job_id.isdigit() else None
    return render(request, "workforce/esr_import.html", {"form": form, "page": page, "job": job})


def esr_import_confirm(request):
    require(can_import_esr(request.user))
    if request.method != "POST":
        return redirect("workforce:esr_import")
    form = ESRConfirmForm(request.POST)
    if not form.is_valid():
        raise Http404("That upload is not available")
    try:
        report = esr_upload_confirm(**form.cleaned_data, user=request.user)
    except UploadNotFound as error:
        messages.info(request, str(error))
        return redirect("workforce:esr_import")
    except ExtractRejected as error:
        messages.error(request, str(error))
        return redirect("workforce:esr_import")
    if report.status == "invalid":
        return render(request, "workforce/esr_preview.html", {"report": report, "confirm_form": None})
    level = messages.INFO if report.status == "unchanged" else messages.SUCCESS
    messages.add_message(request, level, report.summary())
    if report.metrics_job is not None:  # the import page shows how the recomputation goes
        return redirect(f"{reverse('workforce:esr_import')}?job={report.metrics_job.pk}")
    return redirect("workforce:esr_import")
