"""Retention: staff-level ESR records are deleted once past their retention period; the figures stay.

What goes is every `StaffRecord` of snapshots dated before a day. What stays is each `Snapshot` (who, when,
how many assignments: the summary the ESR imports page lists) and every stored `MetricResult`, so the
dashboards, exports and board pack still show those years. A snapshot so emptied is marked
(`staff_records_removed_on`) and its year is no longer recomputed (`metrics_recompute` keeps its results).
"""

import logging
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from workforce.models import Snapshot, StaffRecord, reporting_year_label

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionReport:
    """What `staff_records_delete` removed, or would remove on a dry run."""

    before: date
    dry_run: bool
    staff_records: int = 0
    snapshots: list[Snapshot] = field(default_factory=list)

    def summary(self) -> list[str]:
        """Lines for the command's output: the totals, then one line per snapshot, oldest first."""
        verb = "Would delete" if self.dry_run else "Deleted"
        lines = [
            f"{verb} {self.staff_records:,} staff records from {len(self.snapshots)} ESR snapshots dated before "
            f"{self.before:%-d %B %Y}. Snapshot summaries and metric results are kept."
        ]
        lines += [
            f"  {s.snapshot_date:%Y-%m-%d} {s.organisation.display_short_name} "
            f"({reporting_year_label(s.reporting_year)}): {s.row_count:,} assignments"
            for s in self.snapshots
        ]
        return lines


def staff_records_delete(*, before: date, dry_run: bool = False) -> RetentionReport:
    """Delete the staff records of every ESR snapshot dated before `before`; return what went (or would go).

    Refuses a day after today, which would delete records that cannot be past any retention period yet.
    One transaction: either every snapshot is emptied and marked, or nothing changes.
    """
    if before > timezone.localdate():
        raise ValueError(f"The retention date {before:%-d %B %Y} is in the future.")
    with transaction.atomic():
        snapshots = list(
            Snapshot.objects.filter(snapshot_date__lt=before, staff_records_removed_on__isnull=True)
            .select_related("organisation")
            .order_by("snapshot_date", "organisation__name")
            .select_for_update(of=("self",))
        )
        records = StaffRecord.objects.filter(snapshot__in=snapshots)
        count = records.count()
        if not dry_run:
            records.delete()
            Snapshot.objects.filter(pk__in=[s.pk for s in snapshots]).update(
                staff_records_removed_on=timezone.localdate()
            )
    report = RetentionReport(before=before, dry_run=dry_run, staff_records=count, snapshots=snapshots)
    # The audit line: what went, when, before which day (no personal data: counts and snapshot ids only).
    logger.warning(
        "Retention %s: %s staff records of %s snapshots dated before %s (snapshot ids %s)",
        "dry run" if dry_run else "deleted",
        count,
        len(snapshots),
        before.isoformat(),
        [s.pk for s in snapshots],
        extra={"audit": "retention", "dry_run": dry_run, "staff_records": count, "before": before.isoformat()},
    )
    return report
