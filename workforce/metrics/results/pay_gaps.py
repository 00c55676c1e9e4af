"""Pay gap results: the six measures, the gov.uk columns and the gaps by band."""

from typing import TypedDict

from workforce.metrics.results.figures import BasisData, FigureData

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
