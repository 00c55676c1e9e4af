"""The stored equality metrics, as dashboards, exports and the API read them."""

import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any, TypeAlias, overload

from django.conf import settings

from workforce.metrics.results import FigureData, MetricResultData
from workforce.models import MetricResult
from workforce.scopes import Scope

# The part of a result at a path of keys (`figure_at`), as the API's trend and comparison answer it: a
# figure, a typed part of `workforce.metrics.results` (a likelihood, a survey comparison, ...), a mapping of
# them, a list of organisation slugs, or a plain value (a title, a flag, a threshold).
ResultPart: TypeAlias = FigureData | Mapping[str, Any] | list[str] | str | int | float | bool | None


def figure_at(result: Mapping[str, Any] | None, path: str | tuple[str, ...]) -> ResultPart:
    """The part of a result at `path`: a tuple of keys, or the same joined with dots.

    figure_at(result, ("wres", "2", "likelihood", "ratio")) or figure_at(result, "pay_gap.gov_uk.DiffMeanHourlyPercent")
    gives a figure {"value", "display", "suppressed", "reason", "note"}; a shorter path gives the part under
    it. None when the result or any key is missing. For the API, whose callers name a path; code reads a
    result through the types of `workforce.metrics.results` instead, so that the type checker follows it.
    """
    keys = path.split(".") if isinstance(path, str) else path
    value: Any = result
    for key in keys:
        if not isinstance(value, dict) or str(key) not in value:
            return None
        value = value[str(key)]
    return value


# --- Stored equality metrics ------------------------------------------------------------------------
# What dashboards, exports and the API read. Each result is the `data` of a MetricResult: the metric set
# of one scope and year, computed and suppressed by services.metric_recompute (see README, "Metrics",
# for its shape). Every figure in it is already suppressed, so nothing read here can show a small count.
# Each selector makes one or two queries, whatever the size of the workforce.


def _scope_key(scope: Scope | str) -> str:
    return scope if isinstance(scope, str) else scope.key


# Parsed results, kept per process: a result is about 175 kB of JSON and a metric page reads a dozen,
# so parsing them on every request would dominate the page's time. A row is keyed by its id, computed_at
# and input signature, so a recomputed result is read afresh. Callers must treat what they get as read-only.
_PARSED_LIMIT = 48
_parsed: OrderedDict = OrderedDict()
_parsed_lock = threading.Lock()
_HEADER_FIELDS = ("pk", "scope_key", "scope_kind", "year", "computed_at", "input_signature")


def _cache_key(row: dict) -> tuple:
    return row["pk"], row["computed_at"], row["input_signature"]


def _results(queryset) -> list[tuple[dict, MetricResultData]]:
    """(header, data) of each usable row of the queryset, in its order: one query when every row is
    already parsed in this process, two otherwise, whatever the number of rows or staff."""
    headers = list(queryset.values(*_HEADER_FIELDS))
    with _parsed_lock:
        missing = [h["pk"] for h in headers if _cache_key(h) not in _parsed]
    if missing:
        loaded = MetricResult.objects.filter(pk__in=missing).values(*_HEADER_FIELDS, "data_json")
        for row in loaded:
            data = json.loads(row["data_json"])
            data["scope"]["computed_at"] = row["computed_at"].isoformat()
            with _parsed_lock:
                _parsed[_cache_key(row)] = data
    found = []
    with _parsed_lock:
        for header in headers:
            data = _parsed.get(_cache_key(header))
            if data is not None:
                _parsed.move_to_end(_cache_key(header))
                found.append((header, data))
        while len(_parsed) > _PARSED_LIMIT:
            _parsed.popitem(last=False)
    # A result suppressed with a lower threshold than SUPPRESSION_THRESHOLD now is (the setting was raised
    # and nothing recomputed yet) is treated as missing, so it can never show a count the current rule hides.
    return [(h, d) for h, d in found if d["scope"]["threshold"] >= settings.SUPPRESSION_THRESHOLD]


def available_years() -> list[int]:
    """The reporting years with stored metrics, oldest first (2025 is 2024/25)."""
    return list(MetricResult.objects.order_by("year").values_list("year", flat=True).distinct())


def metric_result(scope: Scope | str, year: int) -> MetricResultData | None:
    """The metrics of one scope (a Scope or its key: "ics", "place:<slug>", "organisation:<slug>") for one
    reporting year, or None when there are none (no snapshot that year, or an unknown scope)."""
    found = _results(MetricResult.objects.filter(scope_key=_scope_key(scope), year=year))
    return found[0][1] if found else None


def metric_results(scope: Scope | str) -> dict[int, MetricResultData]:
    """{year: metrics} of one scope for every year it has, oldest first."""
    return {
        h["year"]: d for h, d in _results(MetricResult.objects.filter(scope_key=_scope_key(scope)).order_by("year"))
    }


@overload
def metric_trend(scope: Scope | str, path: None = None) -> dict[int, MetricResultData]: ...
@overload
def metric_trend(scope: Scope | str, path: str) -> dict[int, ResultPart]: ...
def metric_trend(scope: Scope | str, path: str | None = None) -> dict[int, MetricResultData] | dict[int, ResultPart]:
    """{year: metrics} of one scope for every year it has, oldest first. With `path`, each year's
    `figure_at(result, path)` instead of the whole result (years without that figure are left out)."""
    trend: dict[int, Any] = {}
    for year, data in metric_results(scope).items():
        value = data if path is None else figure_at(data, path)
        if value is not None:
            trend[year] = value
    return trend


@overload
def metric_comparison(year: int, kind: str = ..., path: None = None) -> dict[str, MetricResultData]: ...
@overload
def metric_comparison(year: int, kind: str, path: str) -> dict[str, ResultPart]: ...
def metric_comparison(
    year: int, kind: str = "organisation", path: str | None = None
) -> dict[str, MetricResultData] | dict[str, ResultPart]:
    """{scope key: metrics} of every scope of one kind ("organisation", "place" or "ics") for one year, in
    the order of their names. With `path`, each scope's `figure_at(result, path)` (missing ones left out)."""
    found = sorted(
        _results(MetricResult.objects.filter(year=year, scope_kind=kind)),
        key=lambda pair: pair[1]["scope"]["label"].lower(),
    )
    comparison: dict[str, Any] = {}
    for header, data in found:
        value = data if path is None else figure_at(data, path)
        if value is not None:
            comparison[header["scope_key"]] = value
    return comparison
