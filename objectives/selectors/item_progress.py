"""Each item's current status (its latest update) and its state in the open reporting round.

The other selectors build on these: `with_progress` annotates items in one query, and
`RagCounts` counts them by status.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from objectives.models import (
    LEVEL_ORDER,
    PERIOD_ORDER,
    STATUS_ORDER,
    PlanItem,
    Priority,
    ProgressUpdate,
    ReportingRound,
    Status,
)

NO_UPDATE = "no_update"
NO_UPDATE_LABEL = "No update yet"


@dataclass(frozen=True)
class RagCounts:
    """How many items have each current status, plus those with no update yet."""

    counts: dict = field(default_factory=dict)

    # A method, not __getitem__: templates look keys up before attributes, so `counts.total` would break.
    def of(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def rows(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in the order a report shows them, no-update last."""
        rows = [(status.value, status.label, self.of(status.value)) for status in STATUS_ORDER]
        return rows + [(NO_UPDATE, NO_UPDATE_LABEL, self.of(NO_UPDATE))]

    @property
    def nonzero_rows(self) -> list[tuple[str, str, int]]:
        return [row for row in self.rows if row[2]]


def rag_counts_from_rows(rows, key: str = "current_status") -> RagCounts:
    """RagCounts from rows of values() with a status (None: no update yet) and a count `n`."""
    counts = defaultdict(int)
    for row in rows:
        counts[row[key] or NO_UPDATE] += row["n"]
    return RagCounts(dict(counts))


def with_progress(items: QuerySet, reporting_round: ReportingRound | None = None) -> QuerySet:
    """The items annotated with current_status, current_percent, last_update_at and updated_in_round."""
    latest = ProgressUpdate.objects.filter(item=OuterRef("pk")).order_by("-recorded_at", "-pk")
    items = items.annotate(
        current_status=Subquery(latest.values("status")[:1]),
        current_percent=Subquery(latest.values("percent_complete")[:1]),
        last_update_at=Subquery(latest.values("recorded_at")[:1]),
    )
    if reporting_round is None:
        return items.annotate(updated_in_round=Value(False))
    in_round = ProgressUpdate.objects.filter(item=OuterRef("pk"), round=reporting_round)
    return items.annotate(updated_in_round=Exists(in_round))


def awaiting_update(items: QuerySet) -> QuerySet:
    """Items (annotated by with_progress) that still owe an update in the round: not complete, none yet."""
    return items.filter(updated_in_round=False).filter(
        Q(current_status__isnull=True) | ~Q(current_status=Status.COMPLETE)
    )


# Items in the plan's order: Place, ICS, Individual organisation; year 1 first; then by owner.
LEVEL_RANK = Case(
    *[When(priority__level=level, then=Value(rank)) for rank, level in enumerate(LEVEL_ORDER)],
    output_field=IntegerField(),
)
ITEM_ORDER = (
    LEVEL_RANK,
    "priority__period",
    "priority__position",
    "priority__code",
    "organisation__name",
    "place__name",
)


def plan_position(priority: Priority) -> tuple[int, int, int]:
    """Where a priority stands in the plan's order (level, then period, then its position), to sort by."""
    return LEVEL_ORDER.index(priority.level), PERIOD_ORDER.index(priority.period), priority.position


class RoundState(StrEnum):
    """Where an item stands in the open reporting round."""

    UPDATED = "updated"
    DUE = "due"
    OVERDUE = "overdue"
    COMPLETE = "complete"
    NO_ROUND = "no_round"
    NOT_TRACKED = "not_tracked"


def round_state(item: PlanItem, reporting_round: ReportingRound | None, today: date | None = None) -> RoundState:
    """An annotated item's state in the round: updated, due (before the due date), overdue, or none due."""
    if not item.is_active or item.priority.is_retired:
        return RoundState.NOT_TRACKED
    if reporting_round is None:
        return RoundState.NO_ROUND
    if item.updated_in_round:
        return RoundState.UPDATED
    if item.current_status == Status.COMPLETE:
        return RoundState.COMPLETE
    today = today or timezone.localdate()
    return RoundState.OVERDUE if today > reporting_round.due_on else RoundState.DUE


def with_round_state(items, reporting_round: ReportingRound | None, today: date | None = None) -> list[PlanItem]:
    """The annotated items as a list, each with its `round_state`."""
    items = list(items)
    for item in items:
        item.round_state = round_state(item, reporting_round, today)
    return items
