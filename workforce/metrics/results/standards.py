"""WRES and WDES results: staff by band, relative likelihoods, staff survey, board against workforce."""

from typing import NotRequired, TypeAlias, TypedDict

from workforce.metrics.results.figures import BasisData, FigureData

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
