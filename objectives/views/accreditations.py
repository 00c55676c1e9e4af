"""Each organisation's frameworks and accreditations, edited by its own EDI leads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from objectives import history, selectors
from objectives.forms import AccreditationForm
from objectives.models import EqualityStandard
from objectives.permissions import can_edit_accreditations, can_view_plan
from objectives.services.accreditations import AccreditationChange, accreditation_save
from objectives.views.common import add_service_errors, posted, posted_files
from organisations.models import Organisation
from organisations.permissions import editable_organisations, is_edi_lead, require


def _standard(slug):
    return get_object_or_404(EqualityStandard, slug=slug, kind=EqualityStandard.Kind.ACCREDITATION)


def accreditation_overview(request):
    require(can_view_plan(request.user))
    standards, rows = selectors.accreditation_matrix()
    # Admins may edit every row, so the "you can update these" hint is for leads only.
    editable = (
        set(editable_organisations(request.user).values_list("pk", flat=True)) if is_edi_lead(request.user) else set()
    )
    return render(
        request,
        "objectives/accreditation_overview.html",
        {"standards": standards, "rows": rows, "editable": editable},
    )


def organisation_accreditations(request, slug):
    require(can_view_plan(request.user))
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(
        request,
        "objectives/organisation_accreditations.html",
        {
            "organisation": organisation,
            "records": selectors.organisation_accreditations(organisation),
            "can_edit": can_edit_accreditations(request.user, organisation),
        },
    )


def accreditation_detail(request, slug, standard):
    require(can_view_plan(request.user))
    organisation = get_object_or_404(Organisation, slug=slug)
    standard = _standard(standard)
    record = selectors.accreditation_record(organisation, standard)
    return render(
        request,
        "objectives/accreditation_detail.html",
        {
            "organisation": organisation,
            "standard": standard,
            "record": record,
            "can_edit": can_edit_accreditations(request.user, organisation),
            "history_entries": history.accreditation_history(record).latest(20) if record else [],
        },
    )


def accreditation_edit(request, slug, standard):
    organisation = get_object_or_404(Organisation, slug=slug)
    require(can_edit_accreditations(request.user, organisation))
    standard = _standard(standard)
    record = selectors.accreditation_record(organisation, standard)
    initial = {}
    if record:
        initial = {
            "status": record.status,
            "level": record.level,
            "achieved_on": record.achieved_on,
            "renewal_due_on": record.renewal_due_on,
            "evidence_url": record.evidence_url,
            "notes": record.notes,
        }
    form = AccreditationForm(posted(request), posted_files(request), standard=standard, record=record, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        change = AccreditationChange(
            status=data["status"],
            level=data.get("level"),
            achieved_on=data["achieved_on"],
            renewal_due_on=data["renewal_due_on"],
            evidence_url=data["evidence_url"],
            notes=data["notes"],
            evidence_file=data["evidence_file"],
            remove_evidence_file=data.get("remove_evidence_file", False),
        )
        try:
            accreditation_save(organisation=organisation, standard=standard, change=change, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{organisation.display_short_name}'s {standard.short_name} record has been saved"
            )
            return redirect("objectives:accreditation_detail", organisation.slug, standard.slug)
    return render(
        request,
        "objectives/accreditation_form.html",
        {
            "form": form,
            "organisation": organisation,
            "standard": standard,
            "record": record,
            "files_were_chosen": bool(request.FILES),
        },
    )


def accreditation_evidence(request, slug, standard):
    require(can_view_plan(request.user))
    organisation = get_object_or_404(Organisation, slug=slug)
    record = selectors.accreditation_record(organisation, _standard(standard))
    if record is None or not record.evidence_file:
        raise Http404
    try:
        handle = record.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=record.evidence_file_name, content_type=record.evidence_content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
