"""The catalogue itself: every metric the portal shows, in the order pages list them.

Each entry names the part of a result it reads by an accessor over the result contract, with literal keys
(`lambda r: r["wres"]["2"]`), so the type checker follows each one.
"""

from collections.abc import Callable
from typing import Literal

from workforce.labels import DECLARATION_LABELS, METRIC_TITLES, PAY_GAP_GROUP_NAMES
from workforce.metrics.readings import WITHHELD, representation_reading
from workforce.metrics.results import (
    BandsData,
    BoardData,
    FigureData,
    FormalProcessLikelihoodData,
    LikelihoodPartData,
    WdesDisabledSurveyData,
    WdesSurveyData,
    WresSurveyData,
)

from .definitions import (
    HIGHER,
    LIKELIHOOD_HELP,
    LOWER,
    TOWARDS_ONE,
    TOWARDS_ZERO,
    BoardMetric,
    DeclarationMetric,
    FigureOf,
    LikelihoodMetric,
    MetricDefinition,
    PayGapMetric,
    Result,
    Series,
    ShareMetric,
    SurveyMetric,
    as_figure,
    figure_in,
)

SURVEY_HELP = "From the NHS Staff Survey. The difference is the second group's figure minus the first's."
ROLLING_HELP = (
    "The technical guidance bases it on a two-year rolling average of the current year and the previous year: "
    "the numbers entering the process in the two years, averaged, over this year's headcount."
)


def _likelihood(
    slug: str, code: str, part: Callable[[Result], LikelihoodPartData], headline: bool, **extra
) -> LikelihoodMetric:
    def ratio(r: Result) -> FigureData:
        return part(r)["likelihood"]["ratio"]

    return LikelihoodMetric(
        **{
            "slug": slug,
            "standard": code.split()[0],
            "code": code,
            "title": METRIC_TITLES[slug],
            "figure": ratio,
            "unit": "ratio",
            "better": TOWARDS_ONE,
            "headline": headline,
            "series": (Series("Relative likelihood", ratio),),
            "part": part,
            "help_text": LIKELIHOOD_HELP,
            **extra,
        }
    )


def _formal_process(slug: str, code: str, part: Callable[[Result], FormalProcessLikelihoodData]) -> LikelihoodMetric:
    """WRES 3 and WDES 3: the two-year rolling average is the headline, the year alone beside it."""

    def rolling(r: Result) -> FigureData:
        return part(r)["likelihood"]["ratio"]

    def single_year(r: Result) -> FigureData:
        return part(r)["single_year"]["ratio"]

    return _likelihood(
        slug,
        code,
        part,
        True,
        series=(Series("Two-year rolling average", rolling), Series("This year alone", single_year)),
        help_text=f"{LIKELIHOOD_HELP} {ROLLING_HELP}",
        basis=lambda r: part(r)["basis"],
        beside=Series("This year alone", single_year),
    )


def _wres_survey(number: str, part: Callable[[Result], WresSurveyData]) -> SurveyMetric:
    slug = f"wres-{number}"
    return SurveyMetric(
        slug=slug,
        standard="WRES",
        code=f"WRES {number}",
        title=METRIC_TITLES[slug],
        figure=lambda r: part(r)["difference"],
        unit="points",
        better=TOWARDS_ZERO,
        series=(
            Series("White staff", lambda r: part(r)["white"]["value"]),
            Series("BME staff", lambda r: part(r)["bme"]["value"]),
        ),
        part=part,
        group_labels=("White staff", "BME staff"),
        help_text=SURVEY_HELP,
    )


def _wdes_survey(number: str, part: Callable[[Result], WdesSurveyData], unit: str = "points", **extra) -> SurveyMetric:
    slug = f"wdes-{number.replace('(', '-').rstrip(')')}"
    return SurveyMetric(
        slug=slug,
        standard="WDES",
        code=f"WDES {number}",
        title=METRIC_TITLES[slug],
        figure=lambda r: part(r)["difference"],
        unit=unit,
        better=TOWARDS_ZERO,
        series=(
            Series("non-disabled staff", lambda r: part(r)["non_disabled"]["value"]),
            Series("disabled staff", lambda r: part(r)["disabled"]["value"]),
        ),
        part=part,
        group_labels=("non-disabled staff", "disabled staff"),
        help_text=SURVEY_HELP,
        **extra,
    )


def _wdes_disabled_survey(number: str, part: Callable[[Result], WdesDisabledSurveyData]) -> SurveyMetric:
    """WDES 8: the disabled staff's own percentage is the figure (the question is asked of no one else)."""

    def disabled(r: Result) -> FigureData:
        return part(r)["disabled"]["value"]

    slug = f"wdes-{number}"
    return SurveyMetric(
        slug=slug,
        standard="WDES",
        code=f"WDES {number}",
        title=METRIC_TITLES[slug],
        figure=disabled,
        unit="percent",
        better=HIGHER,
        series=(Series("disabled staff", disabled),),
        part=part,
        group_labels=("disabled staff",),
        help_text="From the NHS Staff Survey, which asks this of disabled staff only: the figure is their percentage.",
    )


def _board(slug: str, code: str, group: str, part: Callable[[Result], BoardData], headline: bool) -> BoardMetric:
    return BoardMetric(
        slug=slug,
        standard=code.split()[0],
        code=code,
        title=METRIC_TITLES[slug],
        figure=lambda r: part(r)["all_members"]["difference"],
        unit="points",
        better=TOWARDS_ZERO,
        headline=headline,
        series=(
            Series("All board members", lambda r: part(r)["all_members"]["difference"]),
            Series("Voting members", lambda r: part(r)["voting_members"]["difference"]),
            Series("Executive members", lambda r: part(r)["executive_members"]["difference"]),
        ),
        part=part,
        group=group,
        help_text=f"The {group} share of the board minus the {group} share of the workforce, in percentage points.",
    )


def _pay_gap(characteristic: Literal["gender", "ethnicity", "disability"]) -> PayGapMetric:
    reference, comparison = PAY_GAP_GROUP_NAMES[characteristic]
    slug = f"pay-gap-{characteristic}"
    return PayGapMetric(
        slug=slug,
        standard="Pay gap",
        code=f"{characteristic.capitalize()} pay gap",
        title=METRIC_TITLES[slug],  # "Mean hourly pay gap between ..."
        figure=lambda r: r["pay_gap"][characteristic]["mean_hourly_gap"],
        unit="percent",
        better=TOWARDS_ZERO,
        headline=True,
        series=(
            Series("Mean hourly pay gap", lambda r: r["pay_gap"][characteristic]["mean_hourly_gap"]),
            Series("Median", lambda r: r["pay_gap"][characteristic]["median_hourly_gap"]),
        ),
        part=lambda r: r["pay_gap"][characteristic],
        by_band=lambda r: r["pay_gap"]["by_band"][characteristic],
        group_names=(reference, comparison),
        basis=lambda r: r["pay_gap"][characteristic]["basis"],
        help_text=(
            f"The difference between the average hourly pay of {reference} and of {comparison}, as a percentage "
            f"of {reference}'s. A negative gap means {comparison} are paid more on average."
        ),
    )


def _declaration(
    characteristic: Literal["ethnicity", "disability", "sexual_orientation", "religion"],
) -> DeclarationMetric:
    slug = f"declaration-{characteristic.replace('_', '-')}"

    def not_recorded(r: Result) -> FigureData:
        return r["declaration"][characteristic]["overall"]["percent_not_stated"]

    return DeclarationMetric(
        slug=slug,
        standard="Declaration",
        code="Declaration rate",
        title=METRIC_TITLES[slug],
        figure=not_recorded,
        unit="percent",
        better=LOWER,
        headline=True,
        series=(Series("Not recorded", not_recorded),),
        part=lambda r: r["declaration"][characteristic],
        characteristic=characteristic,
        help_text="Staff whose answer is unknown or not declared in ESR. "
        "Low rates make every other figure more reliable.",
    )


def _representation(characteristic: Literal["ethnicity", "disability"], group: str) -> ShareMetric:
    slug = f"representation-{characteristic}"

    def read(r: Result) -> str:
        part = r["representation"]
        return representation_reading(
            as_figure(part[characteristic]["workforce_percent"]),
            as_figure(part[characteristic]["population_percent"]),
            group,
            part["area"] or "",
        )

    return ShareMetric(
        slug=slug,
        standard="Representation",
        code="Representation",
        title=METRIC_TITLES[slug],
        figure=lambda r: r["representation"][characteristic]["workforce_percent"],
        unit="percent",
        better=None,
        series=(
            Series(
                f"{group} share of the workforce (known)",
                lambda r: r["representation"][characteristic]["workforce_percent"],
            ),
            Series("Population (Census 2021)", lambda r: r["representation"][characteristic]["population_percent"]),
        ),
        reader=read,
        help_text=(
            "Compared with ONS Census 2021: a place with its local authorities, the ICS with all of them, an "
            "organisation with its catchment. Where a Census figure could not be found the page says so."
        ),
    )


def _workforce_share(
    slug: str, code: str, group: str, share: FigureOf, bands: Callable[[Result], BandsData], characteristic: str
) -> ShareMetric:
    """WRES 1 and WDES 1: the group's share of all staff, with the staff by band behind it."""

    def read(r: Result) -> str:
        return representation_reading(as_figure(share(r)), as_figure(None), group, "").replace(" where it is known", "")

    return ShareMetric(
        slug=slug,
        standard=code.split()[0],
        code=code,
        title=METRIC_TITLES[slug],
        figure=share,
        unit="percent",
        better=None,
        series=(Series(f"{group} share of the workforce", share),),
        reader=read,
        bands=bands,
        characteristic=characteristic,
        help_text=f"The share of all staff (including those whose {DECLARATION_LABELS[characteristic]} is unknown).",
    )


# --- BME staff in Bands 8a and above: a row of the WRES 1 table, suppressed with the band rows it adds up ---


def _senior_share(r: Result) -> FigureData:
    return r["wres"]["1"]["senior"]["share"]["bme"]


def _bme_share(r: Result) -> FigureData:
    return r["wres"]["1"]["overall_workforce"]["share"]["bme"]


def _senior_reading(r: Result) -> str:
    found = figure_in(_senior_share, r)
    if found is None:
        return (
            "This is published for the whole ICS only: for a place or an organisation it would hide too many "
            "of the band figures it adds up."
        )
    share = as_figure(found)
    if not share.is_available:
        return WITHHELD
    workforce = as_figure(_bme_share(r))
    tail = f", compared with {workforce.value:.1f}% of the whole workforce" if workforce.is_available else ""
    return f"BME staff make up {share.value:.1f}% of staff in Bands 8a and above{tail}."


METRICS: tuple[MetricDefinition, ...] = (
    _workforce_share("wres-1", "WRES 1", "BME", _bme_share, lambda r: r["wres"]["1"], "ethnicity"),
    ShareMetric(
        slug="bme-senior",
        standard="WRES",
        code="WRES 1",
        title=METRIC_TITLES["bme-senior"],
        figure=_senior_share,
        unit="percent",
        better=HIGHER,
        headline=True,
        series=(Series("Bands 8a and above", _senior_share), Series("Whole workforce", _bme_share)),
        reader=_senior_reading,
        bands=lambda r: r["wres"]["1"],
        characteristic="ethnicity",
        help_text="Agenda for Change Bands 8a to 9 and very senior managers, clinical and non-clinical "
        "together, as a share of all their staff (including those whose ethnicity is unknown). For the "
        "whole ICS only.",
    ),
    _likelihood("wres-2", "WRES 2", lambda r: r["wres"]["2"], headline=True),
    _formal_process("wres-3", "WRES 3", lambda r: r["wres"]["3"]),
    _likelihood("wres-4", "WRES 4", lambda r: r["wres"]["4"], headline=True),
    _wres_survey("5", lambda r: r["wres"]["5"]),
    _wres_survey("6", lambda r: r["wres"]["6"]),
    _wres_survey("7", lambda r: r["wres"]["7"]),
    _wres_survey("8", lambda r: r["wres"]["8"]),
    _board("wres-9", "WRES 9", "BME", lambda r: r["wres"]["9"], headline=True),
    _workforce_share(
        "wdes-1",
        "WDES 1",
        "Disabled",
        lambda r: r["wdes"]["1"]["overall_workforce"]["share"]["disabled"],
        lambda r: r["wdes"]["1"],
        "disability",
    ),
    _likelihood("wdes-2", "WDES 2", lambda r: r["wdes"]["2"], headline=True),
    _formal_process("wdes-3", "WDES 3", lambda r: r["wdes"]["3"]),
    _wdes_survey("4a(i)", lambda r: r["wdes"]["4a_i"]),
    _wdes_survey("4a(ii)", lambda r: r["wdes"]["4a_ii"]),
    _wdes_survey("4a(iii)", lambda r: r["wdes"]["4a_iii"]),
    _wdes_survey("4b", lambda r: r["wdes"]["4b"]),
    _wdes_survey("5", lambda r: r["wdes"]["5"]),
    _wdes_survey("6", lambda r: r["wdes"]["6"]),
    _wdes_survey("7", lambda r: r["wdes"]["7"]),
    _wdes_disabled_survey("8", lambda r: r["wdes"]["8"]),
    _wdes_survey("9a", lambda r: r["wdes"]["9a"], unit="score", voices=lambda r: r["wdes"]["9b"]),
    _board("wdes-10", "WDES 10", "Disabled", lambda r: r["wdes"]["10"], headline=False),
    _pay_gap("gender"),
    _pay_gap("ethnicity"),
    _pay_gap("disability"),
    _representation("ethnicity", "BME"),
    _representation("disability", "Disabled"),
    _declaration("ethnicity"),
    _declaration("disability"),
    _declaration("sexual_orientation"),
    _declaration("religion"),
)
STANDARDS = ("WRES", "WDES", "Pay gap", "Representation", "Declaration")
