"""Each organisation's frameworks and accreditations, edited by its own EDI leads."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from objectives.forms.accreditations import AccreditationForm
from objectives.history.feeds import record_history_feed
from objectives.models.eds import takes_part_in_eds
from objectives.permissions import can_edit_accreditations, can_view_plan
from objectives.selectors import accreditations as selectors
from objectives.selectors.eds import EDS_STANDARD
from objectives.selectors.eds_comparisons import latest_approved
from objectives.services.accreditations import accreditation_save
from organisations.models import Organisation
from organisations.permissions import editable_organisations, is_edi_lead, require
from organisations.shortcuts import get_for_user, private_download, save_form, submitted


def accreditation_overview(request):
    require(can_view_plan(request.user))
    standards, rows = selectors.accreditation_matrix()
    organisations = [organisation for organisation, _records in rows]
    # Admins may edit every row, so the "you can update these" hint is for leads only.
    editable = (
        set(editable_organisations(request.user).values_list("pk", flat=True)) if is_edi_lead(request.user) else set()
    )
    return render(
        request,
        "objectives/accreditation_overview.html",
        {"standards": standards, "rows": rows, "editable": editable, "eds": latest_approved(organisations)},
    )


def organisation_accreditations(request, slug):
    organisation = get_for_user(request, Organisation, slug=slug)
    return render(
        request,
        "objectives/organisation_accreditations.html",
        {
            "organisation": organisation,
            "records": selectors.organisation_accreditations(organisation),
            "eds": latest_approved([organisation]).get(organisation.pk),
            "takes_part_in_eds": takes_part_in_eds(organisation),
            "can_edit": can_edit_accreditations(request.user, organisation),
        },
    )


def accreditation_detail(request, slug, standard):
    organisation = get_for_user(request, Organisation, slug=slug)
    if standard == EDS_STANDARD and takes_part_in_eds(organisation):
        # EDS 2022 is no longer an accreditation with a status: its assessments replace the record.
        return redirect("objectives:eds_organisation", organisation.slug)
    standard = get_for_user(request, selectors.accreditation_standard, slug=standard)
    record = selectors.accreditation_record(organisation=organisation, standard=standard)
    return render(
        request,
        "objectives/accreditation_detail.html",
        {
            "organisation": organisation,
            "standard": standard,
            "record": record,
            "can_edit": can_edit_accreditations(request.user, organisation),
            "history_entries": record_history_feed(record).latest(20) if record else [],
        },
    )


def accreditation_edit(request, slug, standard):
    organisation = get_for_user(request, Organisation, may_change=can_edit_accreditations, slug=slug)
    standard = get_for_user(request, selectors.accreditation_standard, slug=standard)
    record = selectors.accreditation_record(organisation=organisation, standard=standard)
    form = AccreditationForm(*submitted(request), standard=standard, record=record)
    if save_form(
        form,
        lambda data: accreditation_save(
            organisation=organisation, standard=standard, change=form.change(), by=request.user
        ),
    ):
        messages.success(request, f"{organisation.display_short_name}'s {standard.short_name} record has been saved")
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
    organisation = get_for_user(request, Organisation, slug=slug)
    # The evidence of an EDS 2022 record made before assessments were kept in the portal stays downloadable.
    standard = get_for_user(request, selectors.recorded_standard, slug=standard)
    record = selectors.accreditation_record(organisation=organisation, standard=standard)
    if record is None or not record.evidence_file:
        raise Http404
    return private_download(
        record.evidence_file, filename=record.evidence_file_name, content_type=record.evidence_content_type
    )
