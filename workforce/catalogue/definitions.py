"""What the catalogue says of a metric: its names, which way is better, where its figures sit in a result
and how to read it in one sentence.

A definition names its figures by accessor functions over the result contract
(`workforce.metrics.results`), e.g. `figure=lambda r: r["wres"]["2"]["likelihood"]["ratio"]`, so the type
checker follows every key: a key renamed in the contract fails `make typecheck` here, not on a page.
Each kind of metric has its own class, with a typed accessor for the part of a result its page tabulates.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias

from workforce.metrics.likelihood import RelativeLikelihood
from workforce.metrics.readings import (
    board_reading,
    declaration_reading,
    likelihood_reading,
    pay_gap_reading,
    single_survey_reading,
    survey_reading,
)
from workforce.metrics.results import (
    BandPayGapData,
    BandsData,
    BasisData,
    BoardData,
    CharacteristicDeclarationData,
    FigureData,
    LikelihoodData,
    LikelihoodPartData,
    MetricFiguresData,
    PayGapFiguresData,
    SurveyPartData,
    VoicesData,
)
from workforce.metrics.suppression import Figure

# What a definition reads: a stored result, or a computed set (both hold every metric's figures).
Result: TypeAlias = MetricFiguresData
FigureOf: TypeAlias = Callable[[Result], FigureData | None]

# Which way a figure should move: a relative likelihood towards 1 (equal treatment), a gap towards 0.
TOWARDS_ONE, TOWARDS_ZERO, LOWER, HIGHER = "towards_one", "towards_zero", "lower", "higher"
BETTER_TEXT = {
    TOWARDS_ONE: "closer to 1 is better",
    TOWARDS_ZERO: "closer to 0 is better",
    LOWER: "lower is better",
    HIGHER: "higher is better",
}
UNITS = {"ratio": "", "percent": "%", "points": " percentage points", "score": ""}
UNIT_WORDS = {"ratio": "relative likelihood", "percent": "per cent", "points": "percentage points", "score": "score"}
RELATIVE_LIKELIHOOD_BAND = (0.80, 1.25)
LIKELIHOOD_HELP = (
    "A relative likelihood between 0.80 and 1.25 is taken to show no adverse impact (the four-fifths rule)."
)


@dataclass(frozen=True)
class Series:
    """One line on a metric's trend chart: a label and its figure in a result."""

    label: str
    figure: FigureOf


@dataclass(frozen=True, kw_only=True)
class MetricDefinition:
    slug: str
    standard: str  # "WRES", "WDES", "Pay gap", "Representation" or "Declaration"
    code: str  # as boards say it: "WRES 2", "WDES 4a(i)"
    title: str
    figure: FigureOf  # the headline figure
    unit: str  # a key of UNITS
    better: str | None
    series: tuple[Series, ...]
    headline: bool = False
    help_text: str = ""
    # What kind of figure the headline is, where that varies (statutory or an estimate, a rolling average or a
    # single year): every page and export prints its label beside the figure.
    basis: Callable[[Result], BasisData] | None = None
    # A second figure shown beside the headline (WRES 3 and WDES 3: the year alone beside the rolling average).
    beside: Series | None = None

    @property
    def label(self) -> str:
        return f"{self.code}: {self.title}"

    @property
    def better_text(self) -> str:
        return BETTER_TEXT.get(self.better or "", "")

    @property
    def unit_suffix(self) -> str:
        return UNITS.get(self.unit, "")

    @property
    def number_format(self) -> str:
        return "{:.2f}" if self.unit == "ratio" else "{:.1f}"

    @property
    def series_unit(self) -> str:
        """The unit of the trend lines (a key of UNITS): the headline's, unless the class says otherwise."""
        return self.unit

    def read(self, result: Result) -> str:
        """The one-sentence reading of the metric in a result (KeyError when the result lacks its part)."""
        return ""


@dataclass(frozen=True, kw_only=True)
class LikelihoodMetric(MetricDefinition):
    """WRES 2-4, WDES 2-3: a relative likelihood and the counts behind it."""

    part: Callable[[Result], LikelihoodPartData]

    def read(self, result: Result) -> str:
        return likelihood_reading(as_likelihood(self.part(result)["likelihood"]))


@dataclass(frozen=True, kw_only=True)
class SurveyMetric(MetricDefinition):
    """WRES 5-8, WDES 4a-9a: two groups' staff survey results and the difference between them."""

    part: Callable[[Result], SurveyPartData]
    group_labels: tuple[str, ...]  # the groups, in words: two compared, or one (WDES 8, disabled staff only)
    voices: Callable[[Result], VoicesData] | None = None  # WDES 9b, shown beside 9a

    @property
    def series_unit(self) -> str:
        # The headline is a difference in points; the lines are each group's percentage.
        return "percent" if self.unit == "points" else self.unit

    def read(self, result: Result) -> str:
        figures = [as_figure(one.figure(result)) for one in self.series]
        title = self.part(result)["title"]
        unit = "" if self.unit == "score" else "%"
        if len(figures) == 1:
            return single_survey_reading(title, figures[0], unit)
        comparison = {"title": title, "first": {"value": figures[0]}, "second": {"value": figures[1]}}
        return survey_reading(comparison, "first", "second", self.group_labels[0], self.group_labels[1], unit)


@dataclass(frozen=True, kw_only=True)
class BoardMetric(MetricDefinition):
    """WRES 9, WDES 10: the focus group's share of the board minus its share of the workforce."""

    part: Callable[[Result], BoardData]
    group: str  # "BME", "Disabled"

    def read(self, result: Result) -> str:
        return board_reading(as_figure(self.part(result)["all_members"]["difference"]), self.group)


@dataclass(frozen=True, kw_only=True)
class PayGapMetric(MetricDefinition):
    part: Callable[[Result], PayGapFiguresData]
    by_band: Callable[[Result], dict[str, BandPayGapData]]
    group_names: tuple[str, str]  # the reference and the compared group, in words

    def read(self, result: Result) -> str:
        reference, comparison = self.group_names
        gap = as_figure(self.part(result)["mean_hourly_gap"])
        return pay_gap_reading(gap, reference, comparison) + " (mean hourly pay)"


@dataclass(frozen=True, kw_only=True)
class ShareMetric(MetricDefinition):
    """A share of the workforce: by pay band (WRES 1, WDES 1, Bands 8a and above) or against the population."""

    reader: Callable[[Result], str]
    bands: Callable[[Result], BandsData] | None = None  # the staff by band the page tabulates, if any
    characteristic: str = ""  # "ethnicity" or "disability"

    def read(self, result: Result) -> str:
        return self.reader(result)


@dataclass(frozen=True, kw_only=True)
class DeclarationMetric(MetricDefinition):
    part: Callable[[Result], CharacteristicDeclarationData]
    characteristic: str

    def read(self, result: Result) -> str:
        return declaration_reading(as_figure(self.part(result)["overall"]["percent_not_stated"]), self.characteristic)


# --- Figures as stored (dicts) back to the metrics layer's types, for its readings ---------------


def as_figure(figure: FigureData | None) -> Figure:
    if figure is None:
        return Figure.not_computable("not computable: no data", "There is no figure for this year.")
    return Figure(figure["value"], figure["suppressed"], figure["reason"], figure["note"])


def as_likelihood(likelihood: LikelihoodData) -> RelativeLikelihood:
    inverse = likelihood.get("inverse")
    return RelativeLikelihood(
        ratio=as_figure(likelihood["ratio"]),
        lower=as_figure(likelihood["ci_lower"]),
        upper=as_figure(likelihood["ci_upper"]),
        adverse_impact=likelihood["adverse_impact"],
        may_be_chance=likelihood["may_be_chance"],
        first_group=likelihood["first_group"],
        second_group=likelihood["second_group"],
        event=likelihood["event"],
        inverse=as_figure(inverse) if inverse else None,
    )


def figure_in(figure: FigureOf, result: Result | None) -> FigureData | None:
    """`figure(result)`, or None when there is no result or it lacks that part (a result stored before the
    part existed, or the Bands 8a and above row, which only the ICS's result has)."""
    if result is None:
        return None
    try:
        return figure(result)
    except (KeyError, TypeError):
        return None


def figure_basis(definition: MetricDefinition, result: Result | None) -> BasisData | None:
    """What kind of figure the metric's headline is in one result (statutory, an estimate, a rolling average),
    or None when the metric does not say (its figures are of one kind) or the result lacks it."""
    if definition.basis is None or result is None:
        return None
    try:
        return definition.basis(result)
    except (KeyError, TypeError):
        return None


def headline_figure(definition: MetricDefinition, result: Result | None) -> FigureData | None:
    """The metric's headline figure in one result, or None when the result lacks it."""
    return figure_in(definition.figure, result)


def reading(definition: MetricDefinition, result: Result | None) -> str:
    """The one-sentence plain-English reading of the metric in one result."""
    if result is None:
        return "There are no figures for this scope and year."
    try:
        return definition.read(result)
    except (KeyError, TypeError, AttributeError):  # a result of an older shape lacks the part
        return "There are no figures for this metric in this scope and year."
