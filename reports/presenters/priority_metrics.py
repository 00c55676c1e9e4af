"""The workforce metrics a priority should move, as its page shows them: for the whole ICS, each metric's
latest figure, its change since the year before, its reading, and its trend as a chart and a table
(`MetricTrend`, as on the dashboards).

Every figure comes from the stored results, already suppressed: a hidden figure shows as "*" in the table
and leaves a gap in the chart. Two queries whatever the number of metrics, years or staff: the priority's
links (none when prefetched) and every stored ICS result.
"""

from dataclasses import dataclass

from reports.presenters.metric_trend import MetricTrend
from workforce.scopes import Scope
from workforce.selectors.results import metric_trend


@dataclass(frozen=True)
class PriorityMetrics:
    metrics: list[MetricTrend]  # each read for the latest year with stored results
    has_results: bool  # False until the first ESR import has stored any metrics
    scope_label: str


def priority_metrics(priority) -> PriorityMetrics:
    """Everything the priority's page shows about the workforce metrics it should move."""
    scope = Scope.ics()
    definitions = priority.linked_metrics()
    results = metric_trend(scope) if definitions else {}
    latest = max(results) if results else None
    return PriorityMetrics(
        metrics=[MetricTrend(definition, results, latest, scope.label) for definition in definitions],
        has_results=bool(results),
        scope_label=scope.label,
    )
