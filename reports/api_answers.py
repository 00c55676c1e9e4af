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


# --- EDS 2022 (reports/api_eds.py) -----------------------------------------------------------------


class EdsRatingData(TypedDict):
    score: int  # 0 to 3
    name: str  # "Achieving activity"


class EdsOutcomeData(TypedDict):
    code: str  # "1A" ... "3C"
    text: str


class EdsDomainData(TypedDict):
    number: int
    name: str
    objective: int  # the ICB equality objective the domain measures
    maximum: int  # three for each outcome
    outcomes: list[EdsOutcomeData]


class EdsBandData(TypedDict):
    """An overall rating and the totals that earn it."""

    rating: EdsRatingData
    lowest: int
    highest: int


class EdsFrameworkAnswer(TypedDict):
    """The EDS 2022 framework the portal scores by, with its sources and what could not be verified."""

    domains: list[EdsDomainData]
    ratings: list[EdsRatingData]
    overall_bands: list[EdsBandData]
    minimum_services: int
    domain_1_rule: str
    domain_1_rule_source: str
    sources: dict[str, str]
    unverified: list[str]


class EdsDomainScoreData(TypedDict):
    number: int
    score: int | None  # null until every outcome of the domain is scored
    maximum: int
    outcomes: dict[str, int | None]  # outcome code: its score


class EdsScoresData(TypedDict):
    """An assessment's scores, worked out from its ratings (never typed in)."""

    domains: list[EdsDomainScoreData]
    total: int | None
    maximum: int
    overall_rating: str | None  # "Developing activity" ...


class EdsOrganisationData(TypedDict):
    slug: str
    name: str
    ods_code: str | None


class EdsAssessmentSummaryData(TypedDict):
    """An assessment its board approved (published ones too): drafts are not given out."""

    organisation: EdsOrganisationData
    year: int
    year_label: str
    status: str  # "approved" or "published"
    approved_on: str  # ISO date
    approved_by: str  # the board or committee
    published_on: str | None
    published_url: str
    scores: EdsScoresData


class EdsAssessmentsAnswer(TypedDict):
    assessments: list[EdsAssessmentSummaryData]


class EdsOutcomeRatingData(TypedDict):
    outcome: str
    rating: EdsRatingData | None
    evidence: str
    evidence_items: list[str]  # web addresses, and the names of files (downloadable in the portal)
    owner: str
    peer_rating: EdsRatingData | None
    peer_comment: str


class EdsServiceData(TypedDict):
    name: str
    why_chosen: str
    groups: list[str]
    ratings: list[EdsOutcomeRatingData]  # 1A to 1D


class EdsActionData(TypedDict):
    outcome: str
    action: str
    owner: str
    due_on: str  # ISO date
    status: str  # "not_started", "red", "amber", "green" or "complete"
    priority: str | None  # the Belonging Plan priority's code


class EdsAssessmentAnswer(EdsAssessmentSummaryData):
    """One approved assessment in full: who took part, each service's and outcome's rating, the action plan."""

    lead: str
    reviewed_on: str | None
    participants: dict[str, list[str]]  # kind of group: names of groups
    peer_review_summary: str
    domain_1_rule: str
    services: list[EdsServiceData]
    ratings: list[EdsOutcomeRatingData]  # Domains 2 and 3
    actions: list[EdsActionData]
