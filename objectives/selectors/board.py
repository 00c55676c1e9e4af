"""The People Board summaries of the plan's progress, which the reports app's dashboards and API are built on.

Each takes a `PlanScope` (the whole ICS by default) and runs a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Coalesce

from objectives.models import LEVEL_ORDER, PERIOD_ORDER, EqualityObjective, PlanItem, ReportingRound, Status
from objectives.selectors.item_progress import RagCounts, rag_counts_from_rows, with_progress
from objectives.selectors.items import plan_items
from objectives.selectors.scope import WHOLE_PLAN, PlanScope


def _tracked_with_progress(scope: PlanScope) -> QuerySet:
    return with_progress(scope.filter_items(PlanItem.objects.tracked()))


def rag_counts(scope: PlanScope = WHOLE_PLAN) -> RagCounts:
    """Current status counts of the tracked items in scope (one query)."""
    rows = _tracked_with_progress(scope).values("current_status").annotate(n=Count("pk")).order_by()
    return rag_counts_from_rows(rows)


def rag_counts_by_level_and_period(scope: PlanScope = WHOLE_PLAN) -> list[tuple[str, str, RagCounts]]:
    """[(level, period, counts)] for each level and period of the plan, in the plan's order (one query)."""
    rows = (
        _tracked_with_progress(scope)
        .values("priority__level", "priority__period", "current_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    grouped = defaultdict(list)
    for row in rows:
        grouped[(row["priority__level"], row["priority__period"])].append(row)
    return [
        (level, period, rag_counts_from_rows(grouped.get((level, period), [])))
        for level in LEVEL_ORDER
        for period in PERIOD_ORDER
    ]


def overdue_items(scope: PlanScope = WHOLE_PLAN, *, today: date | None = None) -> QuerySet:
    """Items in scope with no update in the open round after its due date (empty when none is overdue)."""
    return plan_items(scope, overdue=True, reporting_round=ReportingRound.objects.current(), today=today)


def recently_completed(
    scope: PlanScope = WHOLE_PLAN, *, since: datetime | None = None, limit: int = 10
) -> list[PlanItem]:
    """Items in scope whose current status is Complete, most recently completed first."""
    items = plan_items(scope, status=Status.COMPLETE)
    if since is not None:
        items = items.filter(last_update_at__gte=since)
    return list(items.order_by("-last_update_at", "pk")[:limit])


@dataclass(frozen=True)
class ObjectiveProgress:
    objective: EqualityObjective
    counts: RagCounts
    mean_percent_complete: float | None

    @property
    def item_count(self) -> int:
        return self.counts.total


def objective_progress(scope: PlanScope = WHOLE_PLAN) -> list[ObjectiveProgress]:
    """For each objective: status counts and mean percent complete of the items of priorities serving it.

    An item with no update counts as 0% complete. An item whose priority serves two objectives
    counts towards both.
    """
    rows = (
        _tracked_with_progress(scope)
        .values("priority__objectives", "current_status")
        .annotate(n=Count("pk"), percent_sum=Sum(Coalesce("current_percent", 0)))
        .order_by()
    )
    counts = defaultdict(list)
    percent_sums = defaultdict(float)
    for row in rows:
        counts[row["priority__objectives"]].append(row)
        percent_sums[row["priority__objectives"]] += float(row["percent_sum"] or 0)
    results = []
    for objective in EqualityObjective.objects.order_by("number"):
        if scope.objective is not None and objective != scope.objective:
            continue
        objective_counts = rag_counts_from_rows(counts.get(objective.pk, []))
        total = objective_counts.total
        mean = round(percent_sums[objective.pk] / total, 1) if total else None
        results.append(ObjectiveProgress(objective, objective_counts, mean))
    return results
