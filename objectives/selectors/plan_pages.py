"""What the plan pages show: the plan by objective, level and year; a priority, an objective; measures."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from objectives.models import (
    LEVEL_ORDER,
    PERIOD_ORDER,
    EqualityObjective,
    EqualityStandard,
    Evidence,
    Level,
    MeasureOfSuccess,
    PlanItem,
    Priority,
    ReportingRound,
)
from objectives.selectors.item_progress import (
    RagCounts,
    plan_position,
    rag_counts_from_rows,
    with_progress,
    with_round_state,
)
from objectives.selectors.scope import WHOLE_PLAN, PlanScope
from organisations.models import Organisation, Place


def _priorities(scope: PlanScope) -> list[Priority]:
    """Current priorities in scope, in the plan's order: Place, ICS, Individual organisation; year 1 first."""
    priorities = scope.filter_priorities(Priority.objects.current())
    return sorted(priorities.prefetch_related("objectives", "standards"), key=lambda p: (*plan_position(p), p.code))


def _progress_by_priority(scope: PlanScope) -> dict[int, RagCounts]:
    rows = (
        with_progress(scope.filter_items(PlanItem.objects.tracked()))
        .values("priority_id", "current_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    grouped = defaultdict(list)
    for row in rows:
        grouped[row["priority_id"]].append(row)
    return {priority_id: rag_counts_from_rows(group) for priority_id, group in grouped.items()}


def _with_counts(priorities: list[Priority], scope: PlanScope) -> list[Priority]:
    """The priorities, each with `progress`: the status counts of its tracked items in scope."""
    counts = _progress_by_priority(scope)
    for priority in priorities:
        priority.progress = counts.get(priority.pk, RagCounts())
    return priorities


@dataclass
class PriorityGroup:
    """Priorities under one heading of a plan page; `key` is unique on the page (for element ids)."""

    heading: str
    priorities: list
    key: str
    caption: str = ""
    subgroups: list = field(default_factory=list)
    objective: EqualityObjective | None = None
    level: str | None = None
    period: str | None = None


def plan_by_objective(scope: PlanScope = WHOLE_PLAN) -> list[PriorityGroup]:
    """Each objective with the priorities that serve it (a priority may serve several)."""
    priorities = _with_counts(_priorities(PlanScope(level=scope.level, period=scope.period)), scope)
    groups = []
    for objective in EqualityObjective.objects.order_by("number"):
        if scope.objective is not None and objective != scope.objective:
            continue
        serving = [p for p in priorities if objective in p.objectives.all()]
        groups.append(
            PriorityGroup(
                heading=str(objective),
                priorities=serving,
                key=f"objective-{objective.number}",
                caption=f"Priorities serving objective {objective.number}",
                objective=objective,
            )
        )
    return groups


def plan_by_level(scope: PlanScope = WHOLE_PLAN) -> list[PriorityGroup]:
    """Each level with a group for each period under it (levels with no priority left out)."""
    return _groups_within_groups(_with_counts(_priorities(scope), scope), outer=LEVEL_ORDER, inner=PERIOD_ORDER)


def plan_by_period(scope: PlanScope = WHOLE_PLAN) -> list[PriorityGroup]:
    """Each period with a group for each level under it (periods with no priority left out)."""
    return _groups_within_groups(_with_counts(_priorities(scope), scope), outer=PERIOD_ORDER, inner=LEVEL_ORDER)


def _groups_within_groups(priorities: list[Priority], *, outer: list, inner: list) -> list[PriorityGroup]:
    """Priorities grouped by level then period, or by period then level, as `outer` and `inner` say."""
    groups = []
    for heading in outer:
        by_level = isinstance(heading, Level)
        subgroups = []
        for subheading in inner:
            level, period = (heading, subheading) if by_level else (subheading, heading)
            subgroups.append(
                PriorityGroup(
                    heading=subheading.label,
                    priorities=[p for p in priorities if p.level == level and p.period == period],
                    key=f"{heading}-{subheading}",
                    caption=f"{heading.label}: {subheading.label}",
                    level=level,
                    period=period,
                )
            )
        groups.append(
            PriorityGroup(
                heading=heading.label,
                priorities=[],
                key=heading,
                subgroups=subgroups,
                level=heading if by_level else None,
                period=None if by_level else heading,
            )
        )
    return [g for g in groups if any(s.priorities for s in g.subgroups)]


def retired_priorities() -> list[Priority]:
    return list(Priority.objects.retired().order_by("-retired_on", "code"))


def priority_detail(*, code: str) -> Priority:
    return Priority.objects.prefetch_related("objectives", "standards", "metric_links").get(code=code)


def priority_items(priority: Priority) -> list[PlanItem]:
    """The priority's items, with progress and round state: its status across organisations or places."""
    reporting_round = ReportingRound.objects.current()
    items = (
        with_progress(priority.items.all(), reporting_round)
        .select_related("priority", "organisation", "place", "lead")
        .order_by("-is_active", "organisation__name", "place__name")
    )
    return with_round_state(items, reporting_round)


def priority_evidence(priority: Priority, *, limit: int = 20) -> list[Evidence]:
    """The most recent evidence given for any of the priority's items."""
    return list(
        Evidence.objects.filter(update__item__priority=priority)
        .select_related("update__item__organisation", "update__item__place", "update__round")
        .order_by("-update__recorded_at", "-pk")[:limit]
    )


def objective_detail(*, number: int) -> EqualityObjective:
    return EqualityObjective.objects.get(number=number)


def measures_of_success() -> dict[str, list[MeasureOfSuccess]]:
    """The current measures of success by term (short, long, both), in the plan's order."""
    measures = MeasureOfSuccess.objects.filter(is_retired=False).prefetch_related("standards").order_by("position")
    grouped = {term: [] for term in MeasureOfSuccess.Term.values}
    for measure in measures:
        grouped[measure.term].append(measure)
    return grouped


def equality_standards() -> list[EqualityStandard]:
    return list(EqualityStandard.objects.prefetch_related("levels").order_by("kind", "name"))


def scope_choices() -> tuple[list[Place], list[Organisation]]:
    """Places and active organisations for the scope pickers, read once."""
    return list(Place.objects.order_by("name")), list(Organisation.objects.filter(is_active=True).order_by("name"))
