"""Each organisation's status on the frameworks and accreditations the plan names, with its evidence."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from objectives.evidence import EvidenceUpload, check_evidence_file, safe_display_name
from objectives.models import EqualityStandard, OrganisationAccreditation, StandardLevel
from objectives.permissions import can_edit_accreditations
from objectives.services.recording import attribute_change, delete_file_after_commit
from organisations.models import Organisation


@dataclass
class AccreditationChange:
    """What an organisation's record on one accreditation should say after a change."""

    status: str
    level: StandardLevel | None = None
    achieved_on: date | None = None
    renewal_due_on: date | None = None
    evidence_url: str = ""
    notes: str = ""
    evidence_file: EvidenceUpload | None = None
    remove_evidence_file: bool = False


def accreditation_change_validate(*, standard: EqualityStandard, change: AccreditationChange) -> None:
    """Raise ValidationError, keyed by field, unless the change makes sense for this accreditation."""
    errors = {}
    Status = OrganisationAccreditation.Status
    if change.status not in Status.values:
        errors["status"] = "Select the status"
    if change.level is not None and change.level.standard_id != standard.pk:
        errors["level"] = f"Select a level of {standard.short_name}"
    elif change.status == Status.HELD and standard.levels.exists() and change.level is None:
        errors["level"] = f"Select the level of {standard.short_name} held"
    elif change.status == Status.NOT_HELD and change.level is not None:
        errors["level"] = "Leave the level empty when the accreditation is not held"
    if change.status == Status.HELD and change.achieved_on is None:
        errors["achieved_on"] = "Enter the date the accreditation was achieved"
    if change.achieved_on and change.achieved_on > timezone.localdate():
        errors["achieved_on"] = "The date achieved must be today or in the past"
    if change.achieved_on and change.renewal_due_on and change.renewal_due_on <= change.achieved_on:
        errors["renewal_due_on"] = "The renewal or expiry date must be after the date achieved"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def accreditation_save(
    *, organisation: Organisation, standard: EqualityStandard, change: AccreditationChange, by
) -> OrganisationAccreditation:
    """Record an organisation's status on an accreditation, replacing the previous one (kept in history).

    Returns the saved record.
    """
    if not can_edit_accreditations(by, organisation):
        raise PermissionDenied
    if standard.kind != EqualityStandard.Kind.ACCREDITATION:
        raise ValidationError("Only frameworks and accreditations are recorded for each organisation")
    accreditation_change_validate(standard=standard, change=change)
    record = OrganisationAccreditation.objects.filter(organisation=organisation, standard=standard).first()
    record = record or OrganisationAccreditation(organisation=organisation, standard=standard)
    record.status = change.status
    record.level = change.level
    record.achieved_on = change.achieved_on
    record.renewal_due_on = change.renewal_due_on
    record.evidence_url = change.evidence_url
    record.notes = change.notes.strip()
    _evidence_file_replace(record, change)
    attribute_change(record, by=by).save()
    return record


def _evidence_file_replace(record: OrganisationAccreditation, change: AccreditationChange) -> None:
    """Remove the record's evidence file, or replace it with the uploaded one (the old file goes on commit)."""
    if change.remove_evidence_file or (change.evidence_file is not None and record.evidence_file):
        delete_file_after_commit(record.evidence_file)
    if change.remove_evidence_file:
        record.evidence_file = ""
        record.evidence_file_name = ""
        record.evidence_content_type = ""
    if change.evidence_file is not None:
        upload = change.evidence_file
        file_type = check_evidence_file(upload.name, upload.content, settings.EVIDENCE_MAX_BYTES)
        record.evidence_file.save(upload.name, ContentFile(upload.content), save=False)
        record.evidence_file_name = safe_display_name(upload.name)
        record.evidence_content_type = file_type.content_type
