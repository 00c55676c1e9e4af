"""The read-only JSON API (version 1): each endpoint's answer as a plain, JSON-ready dict.

Metric figures come from `workforce.selectors`, so every one is already suppressed: nothing here
computes or re-suppresses a figure, it only chooses which stored result to return. Bad parameters
raise ApiError, which the views turn into a JSON error. The endpoints are described for machines in
`reports/openapi.py` and for people on the /api/ page (templates/reports/api_docs.html).
"""

import re

from django.urls import reverse

from objectives.models import ReportingRound
from objectives.selectors.board import (
    objective_progress,
    overdue_items,
    rag_counts,
    rag_counts_by_level_and_period,
    recently_completed,
)
from objectives.selectors.item_progress import RagCounts
from objectives.selectors.scope import plan_scope_for
from reports.api_answers import (
    DataAsAtData,
    IndexAnswer,
    MetricComparisonAnswer,
    MetricsAnswer,
    MetricTrendAnswer,
    ScopesAnswer,
    ScopeSummaryData,
    YearsAnswer,
)
from workforce.metrics.results import MetricResultData
from workforce.models import reporting_year_label
from workforce.scopes import Scope, UnknownScope, all_scopes, parse_scope
from workforce.selectors.results import available_years, figure_at, metric_comparison, metric_result, metric_trend

COMPARISON_KINDS = ("organisation", "place")
PATH_PATTERN = re.compile(r"[A-Za-z0-9_.]+")
RECENTLY_COMPLETED_LIMIT = 10

# Every endpoint by URL name, with the one line the index and the OpenAPI document give it.
ENDPOINTS = {
    "api_index": "This list of endpoints.",
    "api_scopes": "Every scope: the ICS, each place and each organisation, with the key other endpoints take.",
    "api_years": "The reporting years with stored metrics, oldest first.",
    "api_metrics": "Every metric of one scope and year, as stored (already suppressed).",
    "api_metric_trend": "One figure (or part of a result) of one scope in every year.",
    "api_metric_comparison": "One figure (or part of a result) of every organisation or place in one year.",
    "api_plan_summary": "The plan's progress in a scope: status counts, objectives, overdue and completed items.",
    "api_eds_framework": "The EDS 2022 framework: domains, outcomes, ratings, overall bands and the Domain 1 rule.",
    "api_eds_assessments": "EDS 2022 assessments approved by their board, with their scores.",
    "api_eds_assessment": "One organisation's approved EDS 2022 assessment of one year, in full.",
    "api_openapi": "The OpenAPI 3.1 description of the API.",
}


class ApiError(Exception):
    """A request the API cannot answer: `status` is the HTTP status, the message says what to change."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# --- Parameters ------------------------------------------------------------------------------


def _scope(params) -> Scope:
    key = params.get("scope", "")
    try:
        return parse_scope(key)
    except UnknownScope:
        raise ApiError(400, f"Unknown scope '{key}': use a key listed by /api/v1/scopes/.") from None


def _year(params) -> int:
    """The `year` parameter, or the latest year with stored metrics when it is left out."""
    text = params.get("year", "")
    if not text:
        years = available_years()
        if not years:
            raise ApiError(404, "No metrics are stored yet.")
        return years[-1]
    if not re.fullmatch(r"[0-9]{4}", text):
        raise ApiError(400, f"Bad year '{text}': give four digits, e.g. 2025 for 2024/25 (see /api/v1/years/).")
    return int(text)


def _path(params) -> str:
    path = params.get("path", "")
    # Dots separate keys; anything else could only be a typing mistake, and is refused before any lookup.
    if not PATH_PATTERN.fullmatch(path) or "" in path.split("."):
        raise ApiError(
            400, "Give a 'path' of keys joined with dots, e.g. wres.2.likelihood.ratio (letters, digits, _ and .)."
        )
    return path


def _scope_fields(scope: Scope) -> ScopeSummaryData:
    return {"key": scope.key, "kind": scope.kind, "label": scope.label}


def _data_as_at(result: MetricResultData) -> DataAsAtData:
    """When the figures of a stored result were true (its snapshot) and when they were computed."""
    return {"snapshot_date": result["scope"]["snapshot_date"], "computed_at": result["scope"]["computed_at"]}


# --- Endpoints -------------------------------------------------------------------------------


def index() -> IndexAnswer:
    return {
        "api_version": "1",
        "documentation": reverse("reports:api_docs"),
        "endpoints": [{"path": reverse(f"reports:{name}"), "summary": summary} for name, summary in ENDPOINTS.items()],
    }


def scopes() -> ScopesAnswer:
    return {"scopes": [_scope_fields(scope) for scope in all_scopes()]}


def years() -> YearsAnswer:
    return {"years": [{"year": year, "label": reporting_year_label(year)} for year in available_years()]}


def metrics(params) -> MetricsAnswer:
    """The stored metrics of one scope and year, as `metric_result` gives them, with their `data_as_at`."""
    scope, year = _scope(params), _year(params)
    result = metric_result(scope, year)
    if result is None:
        raise ApiError(404, f"No metrics for {scope.label} in {reporting_year_label(year)}.")
    return {"data_as_at": _data_as_at(result), **result}


def metric_trend_at(params) -> MetricTrendAnswer:
    """{year: figure} at one path for one scope, oldest year first."""
    scope, path = _scope(params), _path(params)
    # Whole results (still one query) rather than metric_trend(scope, path), so each year's data_as_at comes
    # from the same row as its figure. Years without the path are left out, as metric_trend does.
    results = {year: result for year, result in metric_trend(scope).items() if figure_at(result, path) is not None}
    if not results:
        raise ApiError(404, f"Nothing at '{path}' for {scope.label} in any year.")
    return {
        "scope": _scope_fields(scope),
        "path": path,
        "figures": {year: figure_at(result, path) for year, result in results.items()},
        "year_labels": {year: reporting_year_label(year) for year in results},
        "data_as_at": {year: _data_as_at(result) for year, result in results.items()},
    }


def metric_comparison_at(params) -> MetricComparisonAnswer:
    """{scope key: figure} at one path for every organisation (or place) in one year, in name order."""
    path, kind = _path(params), params.get("kind") or "organisation"
    if kind not in COMPARISON_KINDS:
        raise ApiError(400, f"Bad kind '{kind}': give 'organisation' or 'place'.")
    year = _year(params)
    # Whole results for the same reason as the trend: labels and data_as_at from the rows the figures came from.
    results = {
        key: result for key, result in metric_comparison(year, kind).items() if figure_at(result, path) is not None
    }
    if not results:
        raise ApiError(404, f"Nothing at '{path}' for any {kind} in {reporting_year_label(year)}.")
    return {
        "year": year,
        "year_label": reporting_year_label(year),
        "kind": kind,
        "path": path,
        "figures": {key: figure_at(result, path) for key, result in results.items()},
        "labels": {key: result["scope"]["label"] for key, result in results.items()},
        "data_as_at": {key: _data_as_at(result) for key, result in results.items()},
    }


# --- The plan --------------------------------------------------------------------------------


def _counts(counts: RagCounts) -> dict:
    """{status: count} for every status in report order, "no_update" last, zeros included."""
    return {status: count for status, _, count in counts.rows}


def _item(item) -> dict:
    # The named lead's name is on the plan pages; their email address is not, so it is not here either.
    lead = item.lead.get_full_name() if item.lead_id else ""
    return {
        "id": item.pk,
        "priority": {"code": item.priority.code, "title": item.priority.title},
        "owner": item.owner_name,
        "lead": lead or None,
    }


def plan_summary(params) -> dict:
    """Where the Belonging Plan stands for a scope, as the People Board reads it."""
    scope = _scope(params)
    plan_scope = plan_scope_for(scope)
    reporting_round = ReportingRound.objects.current()
    due = reporting_round.due_on if reporting_round else None
    return {
        "scope": _scope_fields(scope),
        "statuses": {status: label for status, label, _ in RagCounts().rows},
        "rag_counts": _counts(rag_counts(plan_scope)),
        # The selectors give Level and Period members and items annotated with last_update_at, which their
        # (untyped) signatures do not say.
        "by_level_and_period": [
            {
                "level": level,
                "level_label": level.label,  # type: ignore[attr-defined]
                "period": period,
                "period_label": period.label,  # type: ignore[attr-defined]
                "counts": _counts(counts),
            }
            for level, period, counts in rag_counts_by_level_and_period(plan_scope)
        ],
        "objectives": [
            {
                "number": progress.objective.number,
                "title": progress.objective.title,
                "counts": _counts(progress.counts),
                "item_count": progress.item_count,
                "mean_percent_complete": progress.mean_percent_complete,
            }
            for progress in objective_progress(plan_scope)
        ],
        "reporting_round": {"name": reporting_round.name, "due": due} if reporting_round else None,
        "overdue_items": [_item(item) | {"due": due} for item in overdue_items(plan_scope)],
        "recently_completed": [
            _item(item) | {"completed_at": item.last_update_at}  # type: ignore[attr-defined]
            for item in recently_completed(plan_scope, limit=RECENTLY_COMPLETED_LIMIT)
        ],
    }
