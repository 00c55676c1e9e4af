"""Progress updates on plan items and their evidence: added in a round, corrected or withdrawn while it is open."""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from objectives.evidence import MAX_FILES_PER_UPDATE, EvidenceUpload
from objectives.models import Evidence, PlanItem, ProgressUpdate, ReportingRound, Status
from objectives.permissions import can_change_update, can_update_item
from objectives.services.evidence import (
    evidence_add,
    evidence_apply,
    evidence_changes_check,
    evidence_files_check,
    evidence_remove,
)
from objectives.services.recording import attribute_change


def progress_validate(*, status: str, percent_complete: int) -> None:
    """The rules a status and percent complete must meet whatever their source; raise ValidationError by field."""
    errors = {}
    if status not in Status.values:
        errors["status"] = "Select the status"
    if not 0 <= percent_complete <= 100:
        errors["percent_complete"] = "Percent complete must be a whole number from 0 to 100"
    elif status == Status.COMPLETE and percent_complete != 100:
        errors["percent_complete"] = "A complete item is 100% complete: enter 100 or choose another status"
    elif status == Status.NOT_STARTED and percent_complete != 0:
        errors["percent_complete"] = "An item that has not started is 0% complete: enter 0 or choose another status"
    if errors:
        raise ValidationError(errors)


def _update_fields_check(*, status: str, percent_complete: int, narrative: str) -> None:
    progress_validate(status=status, percent_complete=percent_complete)
    if not narrative.strip():
        raise ValidationError({"narrative": "Describe the progress made"})


@transaction.atomic
def progress_update_create(
    *,
    item: PlanItem,
    by,
    status: str,
    percent_complete: int,
    narrative: str,
    next_steps: str = "",
    links: Iterable[str] = (),
    files: Iterable[EvidenceUpload] = (),
    recorded_at: datetime | None = None,
    reporting_round: ReportingRound | None = None,
) -> ProgressUpdate:
    """Add a progress update to an item, with its evidence links and files, in the current round; return it.

    Between rounds the update has no round and joins the next one when it opens. `recorded_at`
    and `reporting_round` are for loading past updates (demo data); pages never pass them.
    """
    if not can_update_item(by, item):
        raise PermissionDenied
    _update_fields_check(status=status, percent_complete=percent_complete, narrative=narrative)
    files = list(files)
    if len(files) > MAX_FILES_PER_UPDATE:
        raise ValidationError({"files": f"Upload {MAX_FILES_PER_UPDATE} files or fewer with one update"})
    checked = evidence_files_check(files)
    if reporting_round is None and recorded_at is None:
        reporting_round = ReportingRound.objects.current()
    update = ProgressUpdate(
        item=item,
        round=reporting_round,
        status=status,
        percent_complete=percent_complete,
        narrative=narrative.strip(),
        next_steps=next_steps.strip(),
        recorded_at=recorded_at or timezone.now(),
        recorded_by=by,
    )
    attribute_change(update, by=by, at=recorded_at).save()
    evidence_add(lambda: Evidence(update=update), by=by, links=links, files=checked, at=recorded_at)
    return update


@transaction.atomic
def progress_update_correct(
    *,
    update: ProgressUpdate,
    by,
    status: str,
    percent_complete: int,
    narrative: str,
    next_steps: str = "",
    add_links: Iterable[str] = (),
    add_files: Iterable[EvidenceUpload] = (),
    remove_evidence: Iterable[Evidence] = (),
) -> ProgressUpdate:
    """Correct an update while its round is open; return it. The history keeps what it said before."""
    if not can_change_update(by, update):
        raise PermissionDenied
    _update_fields_check(status=status, percent_complete=percent_complete, narrative=narrative)
    remove_ids, checked = evidence_changes_check(
        update.evidence.all(), remove=remove_evidence, add=add_files, holder="An update"
    )
    update.status = status
    update.percent_complete = percent_complete
    update.narrative = narrative.strip()
    update.next_steps = next_steps.strip()
    attribute_change(update, by=by).save()
    evidence_apply(
        update.evidence.all(),
        lambda: Evidence(update=update),
        by=by,
        remove_ids=remove_ids,
        add_links=add_links,
        files=checked,
    )
    return update


@transaction.atomic
def progress_update_withdraw(*, update: ProgressUpdate, by) -> None:
    """Remove an update made in error while its round is open; the history keeps a copy of its text.

    Its evidence files are deleted from storage: a file uploaded by mistake (perhaps one that
    should never have been uploaded) must not linger where nobody can see or remove it.
    """
    if not can_change_update(by, update):
        raise PermissionDenied
    for evidence in update.evidence.all():
        evidence_remove(evidence, by=by)
    attribute_change(update, by=by).delete()
