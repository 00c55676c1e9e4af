"""A whole result: every metric of one scope and year, as computed and as stored."""

from typing import NotRequired, TypedDict

from workforce.metrics.results.figures import FigureData
from workforce.metrics.results.pay_gaps import PayGapData
from workforce.metrics.results.population import DeclarationData, IntersectionTableData, RepresentationData
from workforce.metrics.results.standards import WdesData, WresData

# --- A whole result ------------------------------------------------------------------------------------


class MetricFiguresData(TypedDict):
    """Every metric of one scope and year: what a computed set and a stored result have in common."""

    headcount: FigureData
    wres: WresData
    wdes: WdesData
    pay_gap: PayGapData
    representation: RepresentationData
    declaration: DeclarationData
    intersections: NotRequired[dict[str, IntersectionTableData]]


class ComputedScopeData(TypedDict):
    kind: str  # "organisation", "place" or "ics"
    name: str
    year: int
    threshold: int


class MetricSetData(MetricFiguresData):
    """`metric_set.as_plain_data` of a computed metric set. `coverage` names, for each kind of entered
    figure (and "organisations"), the ids of the organisations whose figures it covers."""

    scope: ComputedScopeData
    coverage: dict[str, list[int]]


class ResultScopeData(TypedDict):
    """The scope and year of a stored result, named for readers."""

    key: str  # "ics", "place:<slug>" or "organisation:<slug>"
    kind: str
    label: str
    year: int
    year_label: str  # "2024/25"
    snapshot_date: str  # ISO date of the ESR snapshot the year uses
    threshold: int  # counts from 1 to this are suppressed
    computed_at: str  # ISO date-time the result was stored (added when it is read)


class CoverageData(TypedDict):
    """Which organisations (by slug) a stored result covers, and which entered each kind of figure."""

    recruitment_by_ethnicity: list[str]
    recruitment_by_disability: list[str]
    entering_disciplinary_by_ethnicity: list[str]
    entering_capability_by_disability: list[str]
    non_mandatory_training_by_ethnicity: list[str]
    wres_survey: list[str]
    wdes_survey: list[str]
    board_by_ethnicity: list[str]
    board_by_disability: list[str]
    organisations: list[str]
    snapshot_dates: dict[str, str]  # slug -> ISO date of its snapshot
    organisations_without_snapshot: list[str]  # the scope's ESR organisations that have none this year


class MetricResultData(MetricFiguresData):
    """A stored result as the selectors return it (and `export_metrics` and the API's metrics answer). Every
    count of people and every statistic in it is a Figure; WDES 9b's `yes` and `no` count organisations, not
    people, and are plain integers (see Voices)."""

    scope: ResultScopeData
    coverage: CoverageData
