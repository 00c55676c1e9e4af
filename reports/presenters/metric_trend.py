"""One metric in one scope across the years: its figure in a year, the change since the year before, its
reading, and the table and chart of its trend. Built in one place and shown alike on the overview's
headline cards, a metric's page, the board pack and a priority's page.

"The year before" is the previous reporting year (2023/24 for 2024/25), whether or not it has figures:
when it has none the change says "No figure for 2023/24" rather than comparing with an older year.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from reports import charts
from reports.exports import Table
from workforce.catalogue import (
    RELATIVE_LIKELIHOOD_BAND,
    UNIT_WORDS,
    UNITS,
    Change,
    LikelihoodMetric,
    MetricDefinition,
    change_since,
    figure_basis,
    figure_in,
    headline_figure,
    reading,
)
from workforce.metrics.results import BasisData, FigureData, MetricResultData
from workforce.models import reporting_year_label

NO_FIGURE = "No figure"
# The colour of the tag that names a figure's basis (its words say it; the colour only echoes them).
BASIS_TAG_COLOURS = {
    "statutory": "green",
    "ordinary_pay": "white",
    "estimate": "orange",
    "rolling_average": "blue",
    "single_year": "grey",
}


@dataclass(frozen=True)
class TrendRow:
    year: int
    year_label: str
    figures: list[FigureData | None]  # one per series; None when that year's result lacks it


class MetricTrend:
    """A metric's figures in one scope, from `results` ({year: result}, oldest first), read for `year`."""

    def __init__(
        self,
        definition: MetricDefinition,
        results: Mapping[int, MetricResultData],
        year: int | None,
        scope_label: str,
    ):
        self.definition = definition
        self.results = results
        self.year = year
        self.scope_label = scope_label

    # --- The chosen year --------------------------------------------------------------------------

    @property
    def year_label(self) -> str:
        return reporting_year_label(self.year) if self.year else ""

    @property
    def result(self) -> MetricResultData | None:
        return self.results.get(self.year) if self.year else None

    @property
    def figure(self) -> FigureData | None:
        """The headline figure in the chosen year."""
        return headline_figure(self.definition, self.result)

    @property
    def figure_text(self) -> str:
        """The headline figure with its unit ("1.44", "12.3%"), "Not shown" when suppressed, why it cannot be
        calculated ("Not computable"), or NO_FIGURE when the year has none."""
        return _figure_text(self.figure, self.definition.unit)

    @property
    def figure_note(self) -> str:
        """Why the headline figure is not shown, when it is not."""
        figure = self.figure
        return (figure["note"] or figure["reason"]) if figure and figure["value"] is None else ""

    @property
    def reading(self) -> str:
        return reading(self.definition, self.result)

    @property
    def basis(self) -> BasisData | None:
        """What kind of figure the headline is in the chosen year (statutory, an estimate, a rolling average),
        for metrics whose kind varies; None for the others."""
        return figure_basis(self.definition, self.result)

    @property
    def basis_tag_colour(self) -> str:
        basis = self.basis
        return BASIS_TAG_COLOURS.get(basis["kind"], "grey") if basis else ""

    @property
    def beside_text(self) -> str:
        """The figure shown beside the headline ("This year alone: 2.00"), or "" for a metric without one."""
        beside = self.definition.beside
        if beside is None or self.result is None:
            return ""
        return f"{beside.label}: {_figure_text(figure_in(beside.figure, self.result), self.definition.unit)}"

    # --- The year before --------------------------------------------------------------------------

    @property
    def previous_year(self) -> int | None:
        return self.year - 1 if self.year else None

    @property
    def previous_year_label(self) -> str:
        return reporting_year_label(self.previous_year) if self.previous_year else "Previous year"

    @property
    def previous_figure(self) -> FigureData | None:
        return headline_figure(self.definition, self.results.get(self.previous_year or 0))

    @cached_property
    def change(self) -> Change:
        return change_since(self.definition, self.figure, self.previous_figure, self.previous_year_label)

    # --- Every year ---------------------------------------------------------------------------------

    @property
    def unit_words(self) -> str:
        """What the trend's numbers are, in words ("per cent", "relative likelihood")."""
        return UNIT_WORDS[self.definition.series_unit]

    @property
    def series_labels(self) -> list[str]:
        return [one.label for one in self.definition.series]

    @cached_property
    def rows(self) -> list[TrendRow]:
        return [
            TrendRow(
                year,
                reporting_year_label(year),
                [figure_in(one.figure, result) for one in self.definition.series],
            )
            for year, result in self.results.items()
        ]

    @property
    def table(self) -> Table:
        """The trend as a table (the metric page, its CSV and the board pack); a metric whose figures differ in
        kind (statutory or an estimate, a rolling average or not) says each year's in a last column."""
        definition = self.definition
        rows = [[row.year_label, *[figure or NO_FIGURE for figure in row.figures]] for row in self.rows]
        columns = ["Year", *self.series_labels]
        if definition.basis is not None:
            columns.append("Basis")
            for row, result in zip(rows, self.results.values(), strict=True):
                basis = figure_basis(definition, result)
                row.append(basis["label"] if basis else NO_FIGURE)
        return Table(
            title=f"{definition.code} over time: {self.scope_label}",
            slug="trend",
            columns=columns,
            rows=rows,
            notes=[definition.help_text] if definition.help_text else [],
        )

    @cached_property
    def chart(self) -> charts.Chart | None:
        """The trend as a line chart, or None when no year has a figure that can be drawn."""
        definition = self.definition
        lines = [
            charts.Series(label, [_drawn(row.figures[index]) for row in self.rows])
            for index, label in enumerate(self.series_labels)
        ]
        if all(value is None for line in lines for value in line.values):
            return None
        likelihood = isinstance(definition, LikelihoodMetric)
        return charts.line_chart(
            f"trend-{definition.slug}",
            f"{definition.code} each year, {self.scope_label}",
            [row.year_label for row in self.rows],
            lines,
            number_format=definition.number_format,
            y_label=self.unit_words.capitalize(),
            reference_band=RELATIVE_LIKELIHOOD_BAND if likelihood else None,
            reference_band_label="0.80 to 1.25, no adverse impact" if likelihood else "",
        )


def _drawn(figure: FigureData | None) -> float | None:
    """A figure's value for drawing, or None (a gap) when it is hidden or cannot be calculated."""
    if figure is None or figure["suppressed"]:
        return None
    return figure["value"]


def _figure_text(figure: FigureData | None, unit: str) -> str:
    """A figure with its unit ("1.44", "12.3%"), "Not shown" when suppressed, why it cannot be calculated
    ("Not computable"), or NO_FIGURE when there is none."""
    if figure is None:
        return NO_FIGURE
    if figure["suppressed"]:
        return "Not shown"
    if figure["value"] is None:
        return figure["display"]
    return f"{figure['display']}{UNITS[unit]}"
