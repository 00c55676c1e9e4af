"""The workforce metrics a priority should move, as its page shows them: for the whole ICS, each metric's
latest figure, its change since the year before in words, its one-sentence reading, a trend chart and the
table of the same figures.

Every figure comes from the stored results (`workforce.selectors`), already suppressed: a hidden figure
shows as "*" in the table and leaves a gap in the chart. Two queries whatever the number of metrics,
years or staff: the priority's links (none when prefetched) and every stored ICS result.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

# The chart drawing is pure (SVG strings, no ORM) and lives with the dashboards that use it most.
from lsc_belonging.charts import Chart, line_chart
from lsc_belonging.charts import Series as ChartSeries
from workforce.catalogue import (
    METRICS,
    RELATIVE_LIKELIHOOD_BAND,
    UNITS,
    Change,
    MetricDefinition,
    Series,
    change_since,
    headline_figure,
    metric_definition,
    reading,
)
from workforce.models import reporting_year_label
from workforce.scopes import Scope
from workforce.selectors.results import figure_at, metric_trend

NO_FIGURE = "No figure"
NO_READING = "There is no figure for this metric in the latest year."
UNIT_WORDS = {
    "ratio": "relative likelihood",
    "percent": "per cent",
    "points": "percentage points",
    "score": "score",
}
CATALOGUE_ORDER = {definition.slug: index for index, definition in enumerate(METRICS)}


@dataclass(frozen=True)
class TrendRow:
    year_label: str
    figures: list[str]  # each series' display value: "1.44", "*", "Not computable" or NO_FIGURE


@dataclass(frozen=True)
class LinkedMetric:
    definition: MetricDefinition
    url: str | None  # the metric's own page, when the dashboards provide one
    year_label: str  # of the latest figure; "" when there are no stored results
    latest: str  # the latest figure with its unit, e.g. "1.44", "12.3%", "*"
    latest_note: str  # why the latest figure is not shown, when it is not
    change: Change
    reading: str
    unit_words: str
    series_labels: list[str]
    rows: list[TrendRow]
    chart: Chart | None  # None when no year has a figure that can be drawn


@dataclass(frozen=True)
class PriorityMetrics:
    metrics: list[LinkedMetric]
    has_results: bool  # False until the first ESR import has stored any metrics
    scope_label: str


def metric_page_url(slug: str) -> str | None:
    """The address of the metric's dashboard page, or None while the reports app has no such page."""
    try:
        return reverse("reports:metric", args=[slug])
    except NoReverseMatch:
        return None


def linked_definitions(priority) -> list[MetricDefinition]:
    """The catalogue definitions of the priority's linked metrics, in catalogue order."""
    definitions = [metric_definition(link.metric) for link in priority.metric_links.all()]
    return sorted((d for d in definitions if d is not None), key=lambda d: CATALOGUE_ORDER[d.slug])


def priority_metrics(priority) -> PriorityMetrics:
    """Everything the priority's page shows about the workforce metrics it should move."""
    scope = Scope.ics()
    definitions = linked_definitions(priority)
    results = metric_trend(scope) if definitions else {}
    return PriorityMetrics(
        metrics=[linked_metric(definition, results) for definition in definitions],
        has_results=bool(results),
        scope_label=scope.label,
    )


def _series(definition: MetricDefinition) -> tuple[Series, ...]:
    # A derived metric (the BME share of senior posts) has no stored path: its one line is its headline.
    return definition.series or (Series(definition.title, ""),)


def _series_unit(definition: MetricDefinition) -> str:
    # A staff survey metric's headline is a difference in points; its lines are each group's percentage.
    return "percent" if definition.kind == "survey" and definition.unit == "points" else definition.unit


def _figure(definition: MetricDefinition, result: dict, series: Series) -> dict | None:
    return figure_at(result, series.path) if series.path else headline_figure(definition, result)


def _chart_value(figure: dict | None):
    """A figure's value for drawing, or None (a gap) when it is hidden or cannot be calculated."""
    if figure is None or figure["suppressed"]:
        return None
    return figure["value"]


def _with_unit(definition: MetricDefinition, figure: dict | None) -> str:
    if figure is None:
        return NO_FIGURE
    if figure["suppressed"] or figure["value"] is None:
        return figure["display"]
    return f"{figure['display']}{UNITS[definition.unit]}"


def linked_metric(definition: MetricDefinition, results: dict[int, dict]) -> LinkedMetric:
    """One metric of the priority's page, from the ICS results of every year ({year: result}, oldest first)."""
    series = _series(definition)
    years = list(results)
    rows, values = [], [[] for _ in series]
    for year in years:
        figures = [_figure(definition, results[year], one) for one in series]
        rows.append(TrendRow(reporting_year_label(year), [f["display"] if f else NO_FIGURE for f in figures]))
        for index, figure in enumerate(figures):
            values[index].append(_chart_value(figure))
    latest_year = years[-1] if years else None
    latest = headline_figure(definition, results.get(latest_year))
    previous = headline_figure(definition, results.get(latest_year - 1)) if latest_year else None
    chart = None
    if any(value is not None for line in values for value in line):
        likelihood = definition.kind == "likelihood"
        chart = line_chart(
            f"metric-{definition.slug}-trend",
            f"{definition.label}, {Scope.ics().label}, by year",
            [row.year_label for row in rows],
            [ChartSeries(one.label, line) for one, line in zip(series, values, strict=True)],
            number_format=definition.number_format,
            y_label=UNIT_WORDS[_series_unit(definition)].capitalize(),
            reference_band=RELATIVE_LIKELIHOOD_BAND if likelihood else None,
            reference_band_label="0.80 to 1.25, no adverse impact" if likelihood else "",
        )
    return LinkedMetric(
        definition=definition,
        url=metric_page_url(definition.slug),
        year_label=reporting_year_label(latest_year) if latest_year else "",
        latest=_with_unit(definition, latest),
        latest_note=(latest["note"] or latest["reason"]) if latest and latest["value"] is None else "",
        change=change_since(definition, latest, previous),
        reading=reading(definition, results[latest_year]) if latest is not None else NO_READING,
        unit_words=UNIT_WORDS[_series_unit(definition)],
        series_labels=[one.label for one in series],
        rows=rows,
        chart=chart,
    )
