"""The shape of each answer of the JSON API (version 1), from which `reports/openapi.py` generates the
document's schemas; metric results are described by `workforce.metrics.results` (the same contract the
pages read), so the document says exactly what the API answers."""

from typing import TypedDict

from workforce.metrics.results import MetricResultData
from workforce.selectors.results import ResultPart


class DataAsAtData(TypedDict):
    """When the figures of a stored result were true (its ESR snapshot) and when they were computed."""

    snapshot_date: str  # ISO date
    computed_at: str  # ISO date-time


class ScopeSummaryData(TypedDict):
    key: str  # "ics", "place:<slug>" or "organisation:<slug>": what the other endpoints take
    kind: str  # "ics", "place" or "organisation"
    label: str


class EndpointData(TypedDict):
    path: str
    summary: str


class IndexAnswer(TypedDict):
    api_version: str
    documentation: str
    endpoints: list[EndpointData]


class ScopesAnswer(TypedDict):
    scopes: list[ScopeSummaryData]


class YearData(TypedDict):
    year: int  # 2025 is April 2024 to March 2025
    label: str  # "2024/25"


class YearsAnswer(TypedDict):
    years: list[YearData]


class MetricsAnswer(MetricResultData):
    """Every metric of one scope and year, as stored (already suppressed), with when its figures were true."""

    data_as_at: DataAsAtData


class MetricTrendAnswer(TypedDict):
    """The part of one scope's result at `path` in every year that has it, by year, oldest first."""

    scope: ScopeSummaryData
    path: str
    figures: dict[int, ResultPart]
    year_labels: dict[int, str]
    data_as_at: dict[int, DataAsAtData]


class MetricComparisonAnswer(TypedDict):
    """The part at `path` of every organisation's (or place's) result in one year, by scope key in name order."""

    year: int
    year_label: str
    kind: str  # "organisation" or "place"
    path: str
    figures: dict[str, ResultPart]
    labels: dict[str, str]
    data_as_at: dict[str, DataAsAtData]
