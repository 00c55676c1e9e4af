"""Reporting rounds: admins open one at a time, may rename it or move its due date, and close it."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from objectives.models import ProgressUpdate, ReportingRound
from objectives.permissions import can_manage_plan
from objectives.services.recording import attribute_change


def quarter_round_name(*, day: date) -> str:
    """The name offered for a round: "Quarter N YYYY/YY", the financial-year quarter containing the day."""
    quarter = (day.month - 4) % 12 // 3 + 1
    start = day.year if day.month >= 4 else day.year - 1
    return f"Quarter {quarter} {start}/{(start + 1) % 100:02d}"


def _name_check(name: str, *, other_than: ReportingRound | None = None) -> None:
    rounds = ReportingRound.objects.filter(name__iexact=name.strip())
    if other_than is not None:
        rounds = rounds.exclude(pk=other_than.pk)
    if rounds.exists():
        raise ValidationError({"name": "A reporting round with this name already exists"})


@transaction.atomic
def round_open(*, by, name: str, due_on: date, opened_at: datetime | None = None) -> ReportingRound:
    """Open a reporting round and return it. Updates recorded since the last round closed join it."""
    if not can_manage_plan(by):
        raise PermissionDenied
    if ReportingRound.objects.select_for_update().open().exists():
        raise ValidationError("Close the open reporting round before opening another")
    opened_at = opened_at or timezone.now()
    if due_on < timezone.localdate(opened_at):
        raise ValidationError({"due_on": "The due date must be today or later"})
    _name_check(name)
    new_round = ReportingRound(name=name.strip(), due_on=due_on, opened_at=opened_at, opened_by=by)
    attribute_change(new_round, by=by, at=opened_at).save()
    waiting = list(ProgressUpdate.objects.filter(round__isnull=True))
    for update in waiting:
        update.round = new_round
    if waiting:
        bulk_update_with_history(
            waiting, ProgressUpdate, ["round"], default_user=by, default_change_reason="Joined the new round"
        )
    return new_round


@transaction.atomic
def round_change(*, reporting_round: ReportingRound, by, name: str, due_on: date) -> ReportingRound:
    """Rename an open round or move its due date (for example to give leads more time); return it."""
    if not can_manage_plan(by):
        raise PermissionDenied
    if not reporting_round.is_open:
        raise ValidationError("A closed round cannot be changed")
    _name_check(name, other_than=reporting_round)
    if due_on < timezone.localdate(reporting_round.opened_at):
        raise ValidationError({"due_on": "The due date must be on or after the day the round opened"})
    reporting_round.name = name.strip()
    reporting_round.due_on = due_on
    attribute_change(reporting_round, by=by).save()
    return reporting_round


@transaction.atomic
def round_close(*, reporting_round: ReportingRound, by, closed_at: datetime | None = None) -> ReportingRound:
    """Close a round and return it: its updates are frozen, and new updates wait for the next round."""
    if not can_manage_plan(by):
        raise PermissionDenied
    if not reporting_round.is_open:
        raise ValidationError("This reporting round is already closed")
    reporting_round.is_open = False
    reporting_round.closed_at = closed_at or timezone.now()
    reporting_round.closed_by = by
    attribute_change(reporting_round, by=by, at=closed_at).save()
    return reporting_round
