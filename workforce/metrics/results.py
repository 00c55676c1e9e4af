"""The shape of a metric result as every output reads it: the contract between the metrics and the outputs.

`metric_set.as_plain_data` turns a computed metric set into JSON-ready data of the shape `MetricSetData`;
the import service stores it with the scope named for readers, and `workforce.selectors.results` reads it
back as `MetricResultData`. The catalogue, the dashboards, the board pack, the API and its OpenAPI document
(generated from these types) all read a result through these types, so a key renamed here fails the type
checker (`make typecheck`) wherever it is read, and a key renamed in the calculations but not here fails
`tests/workforce/metrics/test_results_contract.py`.

Keys that are data (groups such as "white" or "disabled", bands, organisations) are `dict[str, ...]` and
keep their order (bands lowest first, groups as listed); keys that are names are TypedDict fields. WRES and
WDES number their parts "1", "2", "4a_i" ..., so those two are declared in the functional syntax.
"""

from typing import NotRequired, TypeAlias, TypedDict


class FigureData(TypedDict):
    """One published figure (`suppression.Figure.to_dict`): its value, or why it is not shown.

    A suppressed figure has value None and display "*"; one that cannot be calculated has value None,
    display "Not computable" and says why in `reason` and `note`.
    """

    value: int | float | None
    display: str
    suppressed: bool
    reason: str
    note: str


class BasisData(TypedDict):
    """What kind of figure a metric is (`basis.FigureBasis`): every output prints `label` beside it.

    `kind` is "statutory" (the gender pay gap from ordinary pay, SI 2017/353 Schedule 1), "ordinary_pay" (the
    same method for ethnicity or disability, which no statute asks for), "estimate" (a pay gap from basic
    rates only: not the statutory figure), "rolling_average" (WRES 3, WDES 3 over two years) or "single_year"
    (WRES 3, WDES 3 when the previous year has no figures, so there is no rolling average).
    """

    kind: str
    label: str
    detail: str


# --- WRES indicator 1 and WDES metric 1: staff by pay band ------------------------------------------

# row (band, grade, cluster or "total") -> group (or "total") -> figure
BandCountsData: TypeAlias = dict[str, dict[str, FigureData]]


class BandTableData(TypedDict):
    """Clinical or non-clinical staff by band row and group (`bands.band_distribution`)."""

    counts: BandCountsData
    share_of_row: BandCountsData  # the percentage of the row's staff in each group
    share_of_group: BandCountsData  # the percentage of each group's staff in each row


class WorkforceShareData(TypedDict):
    """A headcount by group (with "total") and each group's percentage of it."""

    counts: dict[str, FigureData]
    share: dict[str, FigureData]


class BandsData(TypedDict):
    clinical: BandTableData
    non_clinical: BandTableData
    overall_workforce: WorkforceShareData
    senior: NotRequired[WorkforceShareData]  # Bands 8a and above: the ICS's result only


# --- Relative likelihoods: WRES 2-4, WDES 2-3 ----------------------------------------------------------


class LikelihoodData(TypedDict):
    """`likelihood.RelativeLikelihood.to_dict`: the ratio with its 95% interval and how to read it."""

    ratio: FigureData
    ci_lower: FigureData
    ci_upper: FigureData
    adverse_impact: bool | None  # None when the ratio is not shown
    may_be_chance: bool | None
    first_group: str
    second_group: str
    event: str
    inverse: FigureData | None


class AppointedRatesData(TypedDict):
    shortlisted: FigureData
    appointed: FigureData
    rate: FigureData


class EnteringRatesData(TypedDict):
    headcount: FigureData
    entering: FigureData
    rate: FigureData


class AccessingRatesData(TypedDict):
    headcount: FigureData
    accessing: FigureData
    rate: FigureData


class AppointmentLikelihoodData(TypedDict):
    """WRES 2 and WDES 2: appointed from shortlisting."""

    likelihood: LikelihoodData
    groups: dict[str, AppointedRatesData]


class FormalProcessLikelihoodData(TypedDict):
    """WRES 3 (disciplinary) and WDES 3 (capability): entering a formal process (`rolling.with_rolling_average`).

    `likelihood`, the headline, is the two-year rolling average (or says "No rolling average: no figures for
    2023/24"); `single_year` is this year alone, shown beside it; `groups` are this year's counts; `basis` says
    which years the headline averages ("rolling_average") or that it has none ("single_year").
    """

    likelihood: LikelihoodData
    groups: dict[str, EnteringRatesData]
    single_year: LikelihoodData
    basis: BasisData


class TrainingLikelihoodData(TypedDict):
    """WRES 4: accessing non-mandatory training and CPD."""

    likelihood: LikelihoodData
    groups: dict[str, AccessingRatesData]


LikelihoodPartData: TypeAlias = AppointmentLikelihoodData | FormalProcessLikelihoodData | TrainingLikelihoodData


# --- Staff survey: WRES 5-8, WDES 4a-9a ---------------------------------------------------------------


class SurveyResultData(TypedDict):
    value: FigureData  # a percentage, or the WDES 9a engagement score (0-10)
    respondents: FigureData


class WresSurveyData(TypedDict):
    title: str
    white: SurveyResultData
    bme: SurveyResultData
    difference: FigureData  # BME minus White


class WdesSurveyData(TypedDict):
    title: str
    non_disabled: SurveyResultData
    disabled: SurveyResultData
    difference: FigureData  # disabled minus non-disabled


class WdesDisabledSurveyData(TypedDict):
    """WDES 8: asked of disabled staff only, so their percentage alone (no other group, no difference)."""

    title: str
    disabled: SurveyResultData


SurveyPartData: TypeAlias = WresSurveyData | WdesSurveyData | WdesDisabledSurveyData


class VoicesData(TypedDict):
    """WDES 9b: whether the organisation(s) took action to facilitate the voices of disabled staff.

    `yes` and `no` count organisations, not people, so they are plain numbers (never suppressed). `answer`
    is "Yes" or "No" for an organisation, "<yes> of <answered> organisations" for a place or the ICS, or a
    not computable figure when nobody answered.
    """

    answer: str | FigureData
    yes: int
    no: int


# --- Board against workforce: WRES 9, WDES 10 ----------------------------------------------------------


class BoardMembersData(TypedDict):
    counts: dict[str, FigureData]  # by group, with "total"
    share: FigureData  # the focus group's share of these members
    difference: FigureData  # that share minus the workforce share, in percentage points


class BoardData(TypedDict):
    workforce_share: FigureData
    all_members: BoardMembersData
    voting_members: BoardMembersData
    executive_members: BoardMembersData


WresData = TypedDict(
    "WresData",
    {
        "1": BandsData,
        "2": AppointmentLikelihoodData,
        "3": FormalProcessLikelihoodData,
        "4": TrainingLikelihoodData,
        "5": WresSurveyData,
        "6": WresSurveyData,
        "7": WresSurveyData,
        "8": WresSurveyData,
        "9": BoardData,
    },
)
WresData.__doc__ = "The Workforce Race Equality Standard, indicators 1 to 9 (`wres.wres`)."

WdesData = TypedDict(
    "WdesData",
    {
        "1": BandsData,
        "2": AppointmentLikelihoodData,
        "3": FormalProcessLikelihoodData,
        "4a_i": WdesSurveyData,
        "4a_ii": WdesSurveyData,
        "4a_iii": WdesSurveyData,
        "4b": WdesSurveyData,
        "5": WdesSurveyData,
        "6": WdesSurveyData,
        "7": WdesSurveyData,
        "8": WdesDisabledSurveyData,
        "9a": WdesSurveyData,
        "9b": VoicesData,
        "10": BoardData,
    },
)
WdesData.__doc__ = "The Workforce Disability Equality Standard, metrics 1 to 10 (`wdes.wdes`)."


# --- Pay gaps ------------------------------------------------------------------------------------------


class BonusData(TypedDict):
    relevant_employees: FigureData
    received: FigureData
    percent_received: FigureData


class PayGapFiguresData(TypedDict):
    """One characteristic's six measures (`paygap.pay_gap_figures`); groups are "male"/"female" and so on."""

    reference_group: str
    comparison_group: str
    mean_hourly_gap: FigureData
    median_hourly_gap: FigureData
    mean_bonus_gap: FigureData
    median_bonus_gap: FigureData
    bonus: dict[str, BonusData]  # by group
    quartiles: dict[str, dict[str, FigureData]]  # quartile (lowest first) -> group -> percentage
    population: dict[str, FigureData]  # the two groups and "total" in the hourly measures
    basis: BasisData  # statutory, or an estimate from basic pay (then every gap's note says so too)


class GovUkColumnsData(TypedDict):
    """The gender pay gap under the gov.uk service's column names."""

    DiffMeanHourlyPercent: FigureData
    DiffMedianHourlyPercent: FigureData
    DiffMeanBonusPercent: FigureData
    DiffMedianBonusPercent: FigureData
    MaleBonusPercent: FigureData
    FemaleBonusPercent: FigureData
    MaleLowerQuartile: FigureData
    FemaleLowerQuartile: FigureData
    MaleLowerMiddleQuartile: FigureData
    FemaleLowerMiddleQuartile: FigureData
    MaleUpperMiddleQuartile: FigureData
    FemaleUpperMiddleQuartile: FigureData
    MaleTopQuartile: FigureData
    FemaleTopQuartile: FigureData


class BandPayGapData(TypedDict):
    headcount: dict[str, FigureData]  # the two groups
    mean_hourly_gap: FigureData
    median_hourly_gap: FigureData


class PayGapsByBandData(TypedDict):
    """Characteristic -> Agenda for Change band -> the gaps within it."""

    gender: dict[str, BandPayGapData]
    ethnicity: dict[str, BandPayGapData]
    disability: dict[str, BandPayGapData]


class PayGapData(TypedDict):
    gender: PayGapFiguresData
    ethnicity: PayGapFiguresData
    disability: PayGapFiguresData
    gov_uk: GovUkColumnsData
    by_band: PayGapsByBandData


# --- Representation and declaration ------------------------------------------------------------------


class PopulationComparisonData(TypedDict):
    workforce_percent: FigureData
    population_percent: FigureData
    difference: FigureData  # workforce minus population, in percentage points


class RepresentationShareData(PopulationComparisonData):
    known_headcount: FigureData
    unknown_headcount: FigureData


class AgeProfileData(TypedDict):
    counts: dict[str, FigureData]  # by age band, then "unknown", "total" and "55_and_over"
    percent: dict[str, FigureData]  # by age band, of staff whose age is known
    aged_55_and_over: PopulationComparisonData


class RepresentationData(TypedDict):
    """The workforce against its Census 2021 comparator; a population figure that could not be found is not
    computable and its note says so ("Census figure not available: ...")."""

    area: str | None  # the Census comparator's area (a place, the ICS or an organisation's catchment)
    source: str | None  # the Census tables, licence and local authorities it adds up
    ethnicity: RepresentationShareData
    disability: RepresentationShareData
    age: AgeProfileData


class DeclarationRatesData(TypedDict):
    declared: FigureData
    not_stated: FigureData
    headcount: FigureData
    percent_not_stated: FigureData


class CharacteristicDeclarationData(TypedDict):
    overall: DeclarationRatesData
    by_organisation: dict[str, DeclarationRatesData]  # by organisation id as computed, by slug as stored


class DeclarationData(TypedDict):
    ethnicity: CharacteristicDeclarationData
    disability: CharacteristicDeclarationData
    sexual_orientation: CharacteristicDeclarationData
    religion: CharacteristicDeclarationData


class IntersectionCellData(TypedDict):
    counts: dict[str, FigureData]


class IntersectionTableData(TypedDict):
    """A headcount by two characteristics at once (with IntersectionCell). The metrics layer stores none
    today (README, "Intersectional views"); the dashboards print one if it ever does."""

    groups: list[str]
    sexes: list[str]
    rows: dict[str, dict[str, IntersectionCellData]]  # band -> sex -> counts by group and "total"
    note: NotRequired[str]


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
