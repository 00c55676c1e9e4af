"""The overview of one scope and year: the headline metrics, each with its change since the year before
and its reading (`MetricTrend`), the plan's progress beside the EDS 2022 domain that measures each objective,
and the scope's EDS 2022 scores. The board pack prints the same tables."""

from dataclasses import dataclass, field

from objectives.selectors.board import (
    objective_progress,
    overdue_items,
    rag_counts_by_level_and_period,
    recently_completed,
)
from objectives.selectors.eds_comparisons import EdsCell
from objectives.selectors.scope import plan_scope_for
from reports import charts
from reports.choice import Choice, data_as_at
from reports.exports import Table
from reports.presenters.eds import eds_scores_table, objective_domain_texts, scope_cells
from reports.presenters.metric_trend import NO_FIGURE, MetricTrend
from reports.presenters.plan_tables import (
    completed_table,
    level_period_table,
    objectives_table,
    overdue_by_owner_table,
    overdue_table,
    status_chart,
)
from workforce.catalogue import headline_metrics
from workforce.metrics.results import MetricResultData
from workforce.models import reporting_year_label
from workforce.selectors.results import metric_result


@dataclass
class Overview:
    choice: Choice
    stamp: str
    result: MetricResultData | None
    headlines: list[MetricTrend]
    tables: list[Table] = field(default_factory=list)
    overdue: list = field(default_factory=list)
    recent: list = field(default_factory=list)
    status_chart: charts.Chart | None = None
    eds: list[EdsCell] = field(default_factory=list)

    def table(self, slug: str) -> Table | None:
        return next((table for table in self.tables if table.slug == slug), None)

    @property
    def eds_table(self) -> Table | None:
        return self.table("eds-scores")


def this_year_and_the_year_before(choice: Choice) -> dict[int, MetricResultData]:
    """{year: result} of the chosen scope for the year before the chosen one and the chosen one, if stored."""
    results: dict[int, MetricResultData] = {}
    if choice.year:
        for year in (choice.year - 1, choice.year):
            if (result := metric_result(choice.scope, year)) is not None:
                results[year] = result
    return results


def headline_table(trends: list[MetricTrend], choice: Choice) -> Table:
    previous = reporting_year_label(choice.year - 1) if choice.year else "Previous year"
    return Table(
        title="Headline workforce equality metrics",
        slug="headline-metrics",
        columns=["Metric", choice.year_label, "Basis", previous, "Change", "Better or worse", "What it means"],
        rows=[
            [
                trend.definition.label,
                trend.figure or NO_FIGURE,
                trend.basis["label"] if trend.basis else "",
                trend.previous_figure or NO_FIGURE,
                trend.change.text,
                trend.change.verdict or "Not judged",
                trend.reading,
            ]
            for trend in trends
        ],
        notes=[
            "* = not shown, to protect the privacy of a small number of people.",
            "Basis: whether a pay gap is the statutory figure or an estimate from basic pay, and whether WRES 3 "
            "and WDES 3 are the two-year rolling average.",
        ],
    )


def overview(choice: Choice) -> Overview:
    """Everything the overview page shows for the chosen scope and year."""
    results = this_year_and_the_year_before(choice)
    trends = [MetricTrend(definition, results, choice.year, choice.scope.label) for definition in headline_metrics()]
    result = results.get(choice.year) if choice.year else None
    scope = plan_scope_for(choice.scope)
    progress = objective_progress(scope)
    overdue = list(overdue_items(scope))
    recent = recently_completed(scope, limit=10)
    eds = scope_cells(choice)
    return Overview(
        choice=choice,
        stamp=data_as_at(choice, result),
        result=result,
        headlines=trends,
        tables=[
            headline_table(trends, choice),
            objectives_table(progress, objective_domain_texts(eds) if eds else None),
            level_period_table(rag_counts_by_level_and_period(scope)),
            overdue_by_owner_table(overdue),
            completed_table(recent),
            overdue_table(overdue),
            eds_scores_table(eds, choice.year),
        ],
        overdue=overdue,
        recent=recent,
        status_chart=status_chart(progress),
        eds=eds,
    )
