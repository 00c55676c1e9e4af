"""Tracked items with their progress, their updates and evidence, and each lead's "My updates" list."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from objectives.models import Evidence, Level, PlanItem, ProgressUpdate, ReportingRound
from objectives.permissions import updatable_items_filter
from objectives.selectors.item_progress import (
    ITEM_ORDER,
    NO_UPDATE,
    RoundState,
    awaiting_update,
    plan_position,
    round_state,
    with_progress,
    with_round_state,
)
from objectives.selectors.scope import WHOLE_PLAN, PlanScope
from organisations.models import Membership
from organisations.permissions import Role, is_edi_lead

ITEM_RELATIONS = ("priority", "organisation", "place", "lead")


def plan_items(
    scope: PlanScope = WHOLE_PLAN,
    *,
    status: str | None = None,
    overdue: bool = False,
    reporting_round: ReportingRound | None = None,
    today: date | None = None,
) -> QuerySet:
    """Tracked items in scope with their progress, optionally only one status or only the overdue ones.

    status may be a Status value or NO_UPDATE. Overdue means: a round is open, its due date has
    passed, and the item has had no update in it (complete items owe nothing).
    """
    items = with_progress(scope.filter_items(PlanItem.objects.tracked()), reporting_round)
    if status == NO_UPDATE:
        items = items.filter(current_status__isnull=True)
    elif status:
        items = items.filter(current_status=status)
    if overdue:
        today = today or timezone.localdate()
        if reporting_round is None or today <= reporting_round.due_on:
            return items.none()
        items = awaiting_update(items)
    return items.select_related(*ITEM_RELATIONS).order_by(*ITEM_ORDER)


def item_list_page(items, *, reporting_round: ReportingRound | None, today: date | None = None) -> list[PlanItem]:
    """A page of plan_items ready to show: each with its round_state."""
    return with_round_state(items, reporting_round, today)


def item_detail(*, pk: int) -> PlanItem:
    """An item with its progress, its `round_state` and the open `reporting_round` (or None)."""
    reporting_round = ReportingRound.objects.current()
    item = (
        with_progress(PlanItem.objects.all(), reporting_round)
        .select_related(*ITEM_RELATIONS)
        .prefetch_related("priority__objectives")
        .get(pk=pk)
    )
    item.round_state = round_state(item, reporting_round)
    item.reporting_round = reporting_round
    return item


def item_for_change(*, pk: int) -> PlanItem:
    """An item to update or assign, with what its permission checks and its page read."""
    return PlanItem.objects.select_related(*ITEM_RELATIONS).get(pk=pk)


def item_updates(item: PlanItem) -> list[ProgressUpdate]:
    """Every update of the item, newest first, with its evidence, round and author."""
    return list(
        item.updates.select_related("round", "recorded_by")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("pk")))
        .order_by("-recorded_at", "-pk")
    )


def latest_update(item: PlanItem) -> ProgressUpdate | None:
    return item.updates.order_by("-recorded_at", "-pk").first()


def update_for_change(*, pk: int) -> ProgressUpdate:
    """An update to correct or withdraw, with its round, item and evidence."""
    return (
        ProgressUpdate.objects.select_related("round", "item__priority", "item__organisation", "item__place")
        .prefetch_related("evidence")
        .get(pk=pk)
    )


def evidence_for_download(*, pk: int) -> Evidence:
    """An evidence file (not a link)."""
    return Evidence.objects.select_related("update__item").get(pk=pk, url="")


def responsible_items_filter(user) -> Q:
    """Items this user answers for: those naming them as lead, and unassigned items they may update."""
    if not is_edi_lead(user):
        # Admins may update everything, but only answer for items that name them.
        return Q(lead=user)
    return Q(lead=user) | (Q(lead__isnull=True) & updatable_items_filter(user))


def my_items(user, *, reporting_round: ReportingRound | None = None) -> list[PlanItem]:
    """The items a lead answers for, with progress and their state in the round, most urgent first."""
    items = with_progress(
        PlanItem.objects.tracked().filter(responsible_items_filter(user)), reporting_round
    ).select_related(*ITEM_RELATIONS)
    items = with_round_state(items, reporting_round)
    urgency = {RoundState.OVERDUE: 0, RoundState.DUE: 1, RoundState.NO_ROUND: 2, RoundState.UPDATED: 3}
    return sorted(items, key=lambda i: (urgency.get(i.round_state, 4), *plan_position(i.priority), i.owner_name))


def leads_to_remind() -> QuerySet:
    """Active EDI leads with an email address, each with their memberships, for the reminder command."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.EDI_LEAD.value)
        .exclude(email="")
        .prefetch_related(Prefetch("memberships", queryset=Membership.objects.select_related("organisation")))
        .distinct()
        .order_by("pk")
    )


def lead_choices(item: PlanItem) -> QuerySet:
    """Users who may be named as an item's lead: EDI leads who may update it."""
    users = get_user_model().objects.filter(is_active=True, groups__name=Role.EDI_LEAD.value)
    if item.priority.level == Level.ORGANISATION:
        users = users.filter(memberships__organisation=item.organisation)
    else:
        users = users.filter(memberships__is_ics_lead=True)
    return users.distinct().order_by("first_name", "last_name")
