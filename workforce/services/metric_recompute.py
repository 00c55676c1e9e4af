"""Compute and store the equality metrics of every scope for a year, whenever the data behind them changes."""

import dataclasses
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from organisations.models import Organisation
from workforce import census, metric_inputs
from workforce.metrics.metric_set import ScopeSpec, as_plain_data, compute_metric_sets
from workforce.models import CatchmentArea, MetricResult, reporting_year_label
from workforce.scopes import Scope
from workforce.signals import metrics_recomputed


@dataclass
class MetricsReport:
    """What `metrics_recompute` did: the years it computed (or skipped as up to date), and its timings."""

    years: list = dataclasses.field(default_factory=list)
    up_to_date: list = dataclasses.field(default_factory=list)
    past_retention: list = dataclasses.field(default_factory=list)
    scopes: int = 0
    rows: int = 0
    read_seconds: float = 0.0
    compute_seconds: float = 0.0
    store_seconds: float = 0.0

    @property
    def seconds(self) -> float:
        return self.read_seconds + self.compute_seconds + self.store_seconds

    def summary(self) -> list[str]:
        """Lines saying what was done, for the commands that recompute metrics."""
        lines = []
        if self.years:
            lines.append(
                f"Metrics for {_years(self.years)}: {self.scopes} scopes from {self.rows:,} staff records in "
                f"{self.seconds:.1f} s (read {self.read_seconds:.1f} s, computed {self.compute_seconds:.1f} s, "
                f"stored {self.store_seconds:.1f} s)."
            )
        if self.up_to_date:
            lines.append(f"Metrics already up to date for {_years(self.up_to_date)}.")
        if self.past_retention:
            lines.append(f"Metrics kept as stored for {_years(self.past_retention)}: past retention.")
        if not self.years and not self.up_to_date and not self.past_retention:
            lines.append("No ESR snapshots: there are no metrics to compute.")
        return lines


def _years(years) -> str:
    return ", ".join(reporting_year_label(year) for year in years)


# The PostgreSQL advisory lock taken while a year's metrics are recomputed (with the year as second key);
# an arbitrary number that nothing else in the portal uses.
METRICS_LOCK = 440_002


def metrics_recompute(
    *, years: Iterable[int] | None = None, only_stale: bool = False, progress: Callable[[float], None] | None = None
) -> MetricsReport:
    """Compute and store the equality metrics of every scope, year by year; return what was done.

    For each year (default: every year with an ESR snapshot or stored results), in one transaction: read
    the year's snapshots and figures, compute the metric sets of the ICS, every place and every
    organisation with a snapshot that year, suppressed together so that no hidden count can be worked out
    across them (`metrics.compute_metric_sets`), and replace the year's `MetricResult` rows. A year with
    no snapshots left loses its results. With `only_stale`, a year whose stored results were computed from
    exactly the current inputs (`metric_inputs_signature`) is left as it is. The year after each year
    computed is brought up to date too, when it has results or snapshots: its WRES 3 and WDES 3 rolling
    averages read this year's figures.

    Called by every service that changes what the metrics read (ESR imports, figure saves and imports),
    by `manage.py recompute_metrics`, by `setup_demo` and, in the background, by `workforce.tasks`, which
    passes `progress` to hear the percentage done after each year.
    """
    report = MetricsReport()
    stored = set(MetricResult.objects.order_by().values_list("year", flat=True).distinct())
    known = set(metric_inputs.metric_years()) | stored
    wanted = sorted(known if years is None else set(years))
    # WRES 3 and WDES 3 of a year average its figures with the year before's, so the year after each one
    # recomputed may now be out of date (its signature covers this year's inputs): bring it up to date too.
    following = [year for year in sorted({year + 1 for year in wanted} - set(wanted)) if year in known]
    steps = [(year, only_stale) for year in wanted] + [(year, True) for year in following]
    for done, (year, stale_only) in enumerate(steps, start=1):
        _recompute_year(year, stale_only, report)
        if progress is not None:
            progress(100 * done / len(steps))
    if report.years:
        metrics_recomputed.send(sender=MetricResult, years=list(report.years))
    return report


def _recompute_year(year: int, only_stale: bool, report: MetricsReport) -> None:
    started = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One recomputation of a year at a time, each reading what the one before it committed.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [METRICS_LOCK, year])
        snapshots = metric_inputs.year_snapshots(year)
        if any(s.staff_records_removed_on for s in snapshots.snapshots):
            # Past retention (workforce.services.retention): recomputing would count no one; keep what is stored.
            report.past_retention.append(year)
            return
        signature = metric_inputs.metric_inputs_signature(snapshots)
        scopes = metric_scopes(snapshots)
        if only_stale and _stored_results_match(year, signature, scopes):
            report.up_to_date.append(year)
            return
        staff = metric_inputs.staff_members(snapshots.snapshots)
        figures = metric_inputs.organisation_figures(year, [o.pk for o in snapshots.organisations])
        without_snapshot = list(
            Organisation.objects.filter(uses_esr=True)
            .exclude(pk__in=[o.pk for o in snapshots.organisations])
            .select_related("place")
        )
        read = time.perf_counter()
        results = compute_metric_sets(
            staff,
            figures,
            [spec for _, spec in scopes],
            year=year,
            threshold=settings.SUPPRESSION_THRESHOLD,
        )
        now = timezone.now()
        rows = [
            MetricResult(
                scope_key=scope.key,
                scope_kind=scope.kind,
                year=year,
                snapshot_date=_latest_snapshot_date(snapshots, spec),
                computed_at=now,
                input_signature=signature,
                data_json=json.dumps(
                    _stored_data(results[spec.name], scope, spec, snapshots, without_snapshot), separators=(",", ":")
                ),
            )
            for scope, spec in scopes
        ]
        computed = time.perf_counter()
        MetricResult.objects.filter(year=year).exclude(scope_key__in=[row.scope_key for row in rows]).delete()
        MetricResult.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["scope_key", "year"],
            update_fields=["scope_kind", "snapshot_date", "computed_at", "input_signature", "data_json"],
        )
    stored = time.perf_counter()
    report.years.append(year)
    report.scopes += len(rows)
    report.rows += len(staff)
    report.read_seconds += read - started
    report.compute_seconds += computed - read
    report.store_seconds += stored - computed


def _stored_results_match(year, signature, scopes) -> bool:
    stored = dict(MetricResult.objects.filter(year=year).values_list("scope_key", "input_signature"))
    return stored.keys() == {scope.key for scope, _ in scopes} and set(stored.values()) <= {signature}


def metric_scopes(snapshots) -> list:
    """(Scope, ScopeSpec) for the ICS, each place and each organisation with a snapshot in the year.

    Each has its Census comparator (`workforce.census`): the ICS's and a place's are their local authorities'
    counts added up; an organisation's is its catchment (the rows admins keep, or its default), and with
    neither, its place's (or the ICS's, for one without a place).
    """
    organisations = snapshots.organisations
    if not organisations:
        return []
    catchments = CatchmentArea.objects.by_organisation()
    ics = Scope.ics()
    scopes = [(ics, ScopeSpec("ics", ics.key, frozenset(o.pk for o in organisations), census.ics_comparator()))]
    places = {o.place_id: o.place for o in organisations if o.place_id}
    for place in sorted(places.values(), key=lambda place: place.name):
        scope = Scope.for_place(place)
        members = frozenset(o.pk for o in organisations if o.place_id == place.pk)
        scopes.append((scope, ScopeSpec("place", scope.key, members, census.place_comparator(place.slug, place.name))))
    for organisation in organisations:
        scope = Scope.for_organisation(organisation)
        spec = ScopeSpec("organisation", scope.key, frozenset({organisation.pk}), _comparator(organisation, catchments))
        scopes.append((scope, spec))
    return scopes


def _comparator(organisation: Organisation, catchments: dict[int, dict[str, float]]):
    catchment = catchments.get(organisation.pk) or census.default_catchment(organisation.slug)
    if catchment:
        return census.organisation_comparator(organisation.name, catchment)
    if organisation.place:
        return census.place_comparator(organisation.place.slug, organisation.place.name)
    return census.ics_comparator()


def _latest_snapshot_date(snapshots, spec):
    return max(s.snapshot_date for s in snapshots.snapshots if s.organisation_id in spec.organisation_ids)


def _stored_data(result: dict, scope, spec, snapshots, without_snapshot) -> dict:
    """The metric set as stored: plain JSON, organisations named by slug, the scope and its coverage."""
    slug_of = {s.organisation_id: s.organisation.slug for s in snapshots.snapshots}
    for rates in result["declaration"].values():
        rates["by_organisation"] = {slug_of[o]: figures for o, figures in rates["by_organisation"].items()}
    coverage = {name: [slug_of[o] for o in organisation_ids] for name, organisation_ids in result["coverage"].items()}
    coverage["snapshot_dates"] = {
        s.organisation.slug: s.snapshot_date.isoformat()
        for s in snapshots.snapshots
        if s.organisation_id in spec.organisation_ids
    }
    # The scope's ESR organisations with no snapshot this year, so a reader knows what the figures leave out.
    if scope.kind == "ics":
        missing = without_snapshot
    else:
        missing = [o for o in without_snapshot if scope.kind == "place" and o.place and o.place.slug == scope.slug]
    coverage["organisations_without_snapshot"] = sorted(o.slug for o in missing)
    result["coverage"] = coverage
    data = as_plain_data(result)
    data["scope"] = {
        "key": scope.key,
        "kind": scope.kind,
        "label": scope.label,
        "year": snapshots.year,
        "year_label": reporting_year_label(snapshots.year),
        "snapshot_date": _latest_snapshot_date(snapshots, spec).isoformat(),
        "threshold": settings.SUPPRESSION_THRESHOLD,
    }
    return data
