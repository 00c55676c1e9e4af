"""Admins' ESR import pages: upload, check (a dry run showing every error), confirm, and the snapshots held."""

import time
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from organisations.permissions import can_import_esr, require
from workforce import selectors
from workforce.esr.reader import ExtractRejected
from workforce.forms import ESRConfirmForm, ESRUploadForm
from workforce.services import import_esr_extract

UPLOAD_DIR = "esr-uploads"
ABANDONED_AFTER_SECONDS = 24 * 60 * 60


def _upload_path(token: str) -> Path:
    return Path(settings.MEDIA_ROOT) / UPLOAD_DIR / f"{token}.csv"


def _save_upload(upload) -> str:
    """Stream the upload to the private uploads folder (outside the web root); return its token."""
    folder = Path(settings.MEDIA_ROOT) / UPLOAD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):  # checked but never confirmed
        if time.time() - old.stat().st_mtime > ABANDONED_AFTER_SECONDS:
            old.unlink(missing_ok=True)
    token = uuid.uuid4().hex
    with _upload_path(token).open("wb") as file:
        for chunk in upload.chunks():
            file.write(chunk)
    return token


def esr_import(request):
    require(can_import_esr(request.user))
    form = ESRUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        token = _save_upload(data["extract"])
        try:
            report = import_esr_extract(
                _upload_path(token),
                snapshot_date=data["snapshot_date"],
                organisation=data["organisation"],
                file_name=data["extract"].name,
                dry_run=True,
            )
        except ExtractRejected as error:
            _upload_path(token).unlink(missing_ok=True)
            form.add_error("extract", str(error))
        else:
            if report.status != "checked":
                _upload_path(token).unlink(missing_ok=True)
            confirm = ESRConfirmForm(
                initial={
                    "token": token,
                    "file_name": report.file_name,
                    "snapshot_date": report.snapshot_date,
                    "organisation": data["organisation"].pk if data["organisation"] else "",
                }
            )
            return render(request, "workforce/esr_preview.html", {"report": report, "confirm_form": confirm})
    page = Paginator(selectors.esr_snapshots(), 50).get_page(request.GET.get("page"))
    return render(request, "workforce/esr_import.html", {"form": form, "page": page})


def esr_import_confirm(request):
    require(can_import_esr(request.user))
    if request.method != "POST":
        return redirect("workforce:esr_import")
    form = ESRConfirmForm(request.POST)
    if not form.is_valid():
        raise Http404("That upload is not available")
    data = form.cleaned_data
    path = _upload_path(data["token"])
    if not path.exists():
        messages.info(request, "That upload has already been imported or has expired. Upload the file again.")
        return redirect("workforce:esr_import")
    try:
        report = import_esr_extract(
            path,
            snapshot_date=data["snapshot_date"],
            organisation=data["organisation"],
            file_name=data["file_name"],
            user=request.user,
        )
    except ExtractRejected as error:
        messages.error(request, str(error))
        return redirect("workforce:esr_import")
    finally:
        path.unlink(missing_ok=True)
    if report.status == "invalid":
        return render(request, "workforce/esr_preview.html", {"report": report, "confirm_form": None})
    if report.status == "unchanged":
        messages.info(request, f"{report.file_name} was already imported for this date: nothing changed")
    else:
        messages.success(
            request,
            f"Imported {report.rows:,} assignments on {report.snapshot_date:%-d %B %Y} from {report.file_name}",
        )
    return redirect("workforce:esr_import")
