"""The page of one metric for a scope and year: its trend (`MetricTrend`), how the ICS's organisations and
places compare, and the detail behind it. The board pack prints the same tables."""

from dataclasses import dataclass

from django.urls import reverse

from reports import charts
from reports.choice import Choice, data_as_at
from reports.exports import Table
from reports.presenters.detail_tables import detail_views
from reports.presenters.metric_trend import NO_FIGURE, MetricTrend
from workforce.catalogue import (
    RELATIVE_LIKELIHOOD_BAND,
    LikelihoodMetric,
    MetricDefinition,
    figure_basis,
    headline_figure,
)
from workforce.metrics.results import FigureData
from workforce.selectors.results import metric_comparison, metric_results


@dataclass
class MetricPage:
    definition: MetricDefinition
    choice: Choice
    stamp: str
    trend: MetricTrend
    comparison_chart: charts.Chart | None
    extra_charts: list[charts.Chart]
    tables: list[Table]  # the trend, the comparison across the ICS (when a year is chosen), then the detail

    def table(self, slug: str) -> Table | None:
        return next((table for table in self.tables if table.slug == slug), None)


def metric_page(
    definition: MetricDefinition, choice: Choice, *, short_names: dict[str, str] | None = None
) -> MetricPage:
    """Everything the metric's page shows for the chosen scope and year.

    With `short_names` ({organisation slug: "BTH"}) the comparison chart names organisations so: the board
    pack's charts, whose every letter costs WeasyPrint a text layout of its own, and which carry a key.
    """
    trend = MetricTrend(definition, metric_results(choice.scope), choice.year, choice.scope.label)
    tables = [trend.table]
    comparison_chart = None
    if choice.year:
        comparison_table, comparison_chart = comparison_view(
            definition, choice.year, choice.year_label, short_names=short_names or {}
        )
        tables.append(comparison_table)
    extra_tables, extra_charts = detail_views(definition, trend.result)
    return MetricPage(
        definition=definition,
        choice=choice,
        stamp=data_as_at(choice, trend.result),
        trend=trend,
        comparison_chart=comparison_chart,
        extra_charts=extra_charts,
        tables=tables + extra_tables,
    )


def chart_label(label: str) -> str:
    """An organisation's name short enough for a chart axis (the table beside it has the full name)."""
    for suffix in (" NHS Foundation Trust", " NHS Trust"):
        label = label.removesuffix(suffix)
    return label.removeprefix("NHS ").replace("Integrated Care Board", "ICB")


def _value(figure: FigureData | None) -> float | None:
    return figure["value"] if figure else None


def comparison_view(
    definition: MetricDefinition, year: int, year_label: str, *, short_names: dict[str, str] | None = None
) -> tuple[Table, charts.Chart]:
    """The metric's headline figure for every organisation and place in one year, as a table and a bar chart."""
    keyed = [
        (key, kind_label, result)
        for kind, kind_label in (("organisation", "Organisation"), ("place", "Place"))
        for key, result in metric_comparison(year, kind).items()
    ]
    keys = [key for key, _, _ in keyed]
    results = [(kind_label, result) for _, kind_label, result in keyed]
    found = [  # (scope label, kind, the scope's headline figure)
        (result["scope"]["label"], kind_label, headline_figure(definition, result)) for kind_label, result in results
    ]
    rows: list[list] = [[label, kind_label, figure or NO_FIGURE] for label, kind_label, figure in found]
    short = short_names or {}
    bars = [
        (short.get(key.removeprefix("organisation:"), chart_label(label)), _value(figure))
        for key, (label, _, figure) in zip(keys, found, strict=True)
    ]
    columns = ["Organisation or place", "Kind", f"{definition.code} ({year_label})"]
    if definition.basis is not None:  # statutory or an estimate, a rolling average or not: scope by scope
        columns.append("Basis")
        for row, (_, result) in zip(rows, results, strict=True):
            basis = figure_basis(definition, result)
            row.append(basis["label"] if basis else NO_FIGURE)
    likelihood = isinstance(definition, LikelihoodMetric)
    if likelihood:
        columns.append("Outside 0.80 to 1.25")
        low, high = RELATIVE_LIKELIHOOD_BAND
        for row, (_, _, figure) in zip(rows, found, strict=True):
            value = _value(figure)
            row.append("Not shown" if value is None else ("Yes" if not low <= value <= high else "No"))
    table = Table(
        title=f"{definition.code} across the ICS, {year_label}",
        slug="comparison",
        columns=columns,
        rows=rows,
        notes=["Organisations without an ESR snapshot that year (councils do not use ESR) are not listed."],
    )
    chart = charts.bar_chart(
        f"comparison-{definition.slug}",
        f"{definition.code} by organisation and place, {year_label}",
        bars,
        number_format=definition.number_format,
        reference_band=RELATIVE_LIKELIHOOD_BAND if likelihood else None,
        reference_band_label="0.80 to 1.25" if likelihood else "",
        reference_line=1.0 if likelihood else None,
        # The board pack's key says what "*" means; every letter of SVG text costs WeasyPrint a layout.
        missing_label="*" if short_names else "not shown",
    )
    return table, chart


def metric_page_url(definition: MetricDefinition, choice: Choice) -> str:
    return reverse("reports:metric", args=[definition.slug]) + "?" + choice.query
