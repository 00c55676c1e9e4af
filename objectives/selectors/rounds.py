"""Reporting rounds, newest first, and how far the tracked items have got in one."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from objectives.models import PlanItem, ReportingRound, Status
from objectives.selectors.item_progress import ITEM_ORDER, awaiting_update, with_progress
from objectives.selectors.items import ITEM_RELATIONS
from objectives.selectors.scope import WHOLE_PLAN, PlanScope


def round_list() -> QuerySet:
    """Every round, newest first, with who opened and closed it and its `update_count`."""
    return (
        ReportingRound.objects.select_related("opened_by", "closed_by")
        .annotate(update_count=Count("updates"))
        .order_by("-opened_at")
    )


def round_detail(*, pk: int) -> ReportingRound:
    return ReportingRound.objects.select_related("opened_by", "closed_by").get(pk=pk)


@dataclass(frozen=True)
class RoundProgress:
    tracked: int
    updated: int
    awaiting: int
    complete_before: int


def round_progress(reporting_round: ReportingRound) -> RoundProgress:
    """How many tracked items were updated in the round, and how many still owe an update."""
    items = with_progress(PlanItem.objects.tracked(), reporting_round)
    totals = items.aggregate(
        tracked=Count("pk"),
        updated=Count("pk", filter=Q(updated_in_round=True)),
        complete_before=Count("pk", filter=Q(updated_in_round=False, current_status=Status.COMPLETE)),
    )
    awaiting = totals["tracked"] - totals["updated"] - totals["complete_before"]
    return RoundProgress(totals["tracked"], totals["updated"], awaiting, totals["complete_before"])


def awaiting_items(reporting_round: ReportingRound, *, scope: PlanScope = WHOLE_PLAN) -> QuerySet:
    """Tracked items in scope that have not been updated in the round (and are not complete)."""
    items = with_progress(scope.filter_items(PlanItem.objects.tracked()), reporting_round)
    return awaiting_update(items).select_related(*ITEM_RELATIONS).order_by(*ITEM_ORDER)
