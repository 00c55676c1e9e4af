"""Reads for workforce-app pages, each returning exactly what its page shows."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q

from workforce.figures import SECTIONS
from workforce.models import Membership, MetricResult, Organisation, Place, Snapshot
from workforce.scopes import Scope


def organisation_list():
    return (
        Organisation.objects.select_related("place")
        .annotate(lead_count=Count("memberships", filter=Q(memberships__user__is_active=True)))
        .order_by("name")
    )


def organisation_detail(slug):
    return (
        Organisation.objects.select_related("place")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(user__is_active=True).select_related("user"),
                to_attr="active_memberships",
            )
        )
        .get(slug=slug)
    )


def place_list():
    return Place.objects.annotate(organisation_count=Count("organisations")).order_by("name")


def place_detail(slug):
    return Place.objects.prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
    ).get(slug=slug)


def portal_users():
    return (
        get_user_model()
        .objects.order_by("last_name", "first_name", "username")
        .prefetch_related("groups", Prefetch("memberships", queryset=Membership.objects.select_related("organisation")))
    )


def esr_snapshots():
    """Every snapshot with its organisation and the import that loaded it, newest first."""
    return Snapshot.objects.select_related("organisation", "import_batch", "import_batch__imported_by").order_by(
        "-snapshot_date", "organisation__name"
    )


def figures_for_organisation(organisation, years):
    """{(section slug, year): figures} for the sections of figures ESR does not hold, one query per section."""
    found = {}
    for section in SECTIONS:
        for figures in section.model.objects.filter(organisation=organisation, year__in=years):
            found[(section.slug, figures.year)] = figures
    return found


# --- Stored equality metrics ------------------------------------------------------------------------
# What dashboards, exports and the API read. Each result is the `data` of a MetricResult: the metric set
# of one scope and year, computed and suppressed by services.recompute_metrics (see README, "Metrics",
# for its shape). Every figure in it is already suppressed, so nothing read here can show a small count.
# Each selector makes one query, whatever the size of the workforce. A result suppressed with a lower
# threshold than SUPPRESSION_THRESHOLD now is (the setting was raised and nothing recomputed yet) is
# treated as missing, so it can never show a count the current rule hides.


def _scope_key(scope: Scope | str) -> str:
    return scope if isinstance(scope, str) else scope.key


def _usable(row: MetricResult) -> bool:
    return row.data["scope"]["threshold"] >= settings.SUPPRESSION_THRESHOLD


def _result(row: MetricResult) -> dict:
    data = row.data
    data["scope"]["computed_at"] = row.computed_at.isoformat()
    return data


def available_years() -> list[int]:
    """The reporting years with stored metrics, oldest first (2025 is 2024/25)."""
    return list(MetricResult.objects.order_by("year").values_list("year", flat=True).distinct())


def metric_result(scope: Scope | str, year: int) -> dict | None:
    """The metrics of one scope (a Scope or its key: "ics", "place:<slug>", "organisation:<slug>") for one
    reporting year, or None when there are none (no snapshot that year, or an unknown scope)."""
    row = MetricResult.objects.filter(scope_key=_scope_key(scope), year=year).first()
    return _result(row) if row and _usable(row) else None


def metric_trend(scope: Scope | str, path=None) -> dict[int, object]:
    """{year: metrics} of one scope for every year it has, oldest first. With `path`, each year's
    `figure_at(result, path)` instead of the whole result (years without that figure are left out)."""
    trend = {}
    for row in filter(_usable, MetricResult.objects.filter(scope_key=_scope_key(scope)).order_by("year")):
        value = _result(row) if path is None else figure_at(row.data, path)
        if value is not None:
            trend[row.year] = value
    return trend


def metric_comparison(year: int, kind: str = "organisation", path=None) -> dict[str, object]:
    """{scope key: metrics} of every scope of one kind ("organisation", "place" or "ics") for one year, in
    the order of their names. With `path`, each scope's `figure_at(result, path)` (missing ones left out)."""
    rows = sorted(
        filter(_usable, MetricResult.objects.filter(year=year, scope_kind=kind)),
        key=lambda row: row.data["scope"]["label"].lower(),
    )
    comparison = {}
    for row in rows:
        value = _result(row) if path is None else figure_at(row.data, path)
        if value is not None:
            comparison[row.scope_key] = value
    return comparison


def figure_at(result: dict | None, path):
    """The part of a result at `path`: a tuple of keys, or the same joined with dots.

    figure_at(result, ("wres", "2", "likelihood", "ratio")) or figure_at(result, "pay_gap.gov_uk.DiffMeanHourlyPercent")
    gives a figure {"value", "display", "suppressed", "reason", "note"}; a shorter path gives the dict of
    figures under it. None when the result or any key is missing.
    """
    keys = path.split(".") if isinstance(path, str) else path
    value = result
    for key in keys:
        if not isinstance(value, dict) or str(key) not in value:
            return None
        value = value[str(key)]
    return value
