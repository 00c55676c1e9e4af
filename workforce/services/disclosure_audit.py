"""The disclosure audit of a stored year (`manage.py audit_disclosure`): the year's metric sets computed
afresh from its ESR snapshots and entered figures, exactly as `metric_recompute` stores them, and audited
by `workforce.metrics.disclosure_audit`."""

from datetime import date

from django.conf import settings

from workforce import metric_inputs
from workforce.metrics.disclosure_audit import AuditReport, audit_metric_sets
from workforce.models import Snapshot
from workforce.models.reporting_years import reporting_year_for
from workforce.services.metric_recompute import metric_scopes


def disclosure_audit_run(*, snapshot_date: date, linked_tables: bool = True) -> AuditReport:
    """Audit everything published for the reporting year of the snapshot dated `snapshot_date`.

    Raises ValueError when no snapshot has that date, or its staff records are past retention."""
    if not Snapshot.objects.filter(snapshot_date=snapshot_date).exists():
        raise ValueError(f"No ESR snapshot is dated {snapshot_date.isoformat()}.")
    year = reporting_year_for(snapshot_date)
    snapshots = metric_inputs.year_snapshots(year)
    if any(snapshot.staff_records_removed_on for snapshot in snapshots.snapshots):
        raise ValueError(
            f"The staff records of {snapshot_date.isoformat()} were deleted after their retention period: "
            "there is nothing left to audit."
        )
    return audit_metric_sets(
        metric_inputs.staff_members(snapshots.snapshots),
        metric_inputs.organisation_figures(year, [o.pk for o in snapshots.organisations]),
        [spec for _, spec in metric_scopes(snapshots)],
        year=year,
        threshold=settings.SUPPRESSION_THRESHOLD,
        linked_tables=linked_tables,
    )
