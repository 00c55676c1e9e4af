"""Adding, changing, retiring and reinstating the plan's priorities, and the workforce metrics they should move."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from objectives.models import EqualityObjective, EqualityStandard, Level, Period, PlanItem, Priority, PriorityMetric
from objectives.permissions import can_manage_plan
from objectives.services.items import default_ics_owner, plan_items_ensure, tracking_organisations_set
from objectives.services.recording import attribute_change, save_with_one_history_record
from organisations.models import Organisation
from workforce.catalogue import metric_definition

LEVEL_PREFIX = {Level.PLACE: "PL", Level.ICS: "ICS", Level.ORGANISATION: "ORG"}
PERIOD_PREFIX = {Period.YEAR_1: "Y1", Period.YEARS_2_TO_5: "Y25"}


def priority_code_next(*, level: str, period: str) -> str:
    """The code for a new priority at this level and period: the next number after the highest, e.g. ORG-Y1-8."""
    prefix = f"{LEVEL_PREFIX[Level(level)]}-{PERIOD_PREFIX[Period(period)]}-"
    numbers = [
        int(code.removeprefix(prefix))
        for code in Priority.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        if code.removeprefix(prefix).isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"


@transaction.atomic
def priority_save(
    *,
    by,
    priority: Priority | None = None,
    level: str,
    period: str,
    title: str,
    objectives: Iterable[EqualityObjective],
    description: str = "",
    objective_rationale: str = "",
    standards: Iterable[EqualityStandard] = (),
    position: int | None = None,
    organisations: Iterable[Organisation] | None = None,
    ics_owner: Organisation | None = None,
    metrics: Iterable[str] | None = None,
) -> Priority:
    """Add a priority (with its tracked items) or change one; return it. The level of an existing one is fixed.

    organisations: for an individual-organisation priority, the organisations that track it
    (default on creation: every active organisation). Unticked organisations' items become
    inactive rather than being deleted, so their updates stay on record.
    metrics: the catalogue slugs of the workforce metrics the priority should move (None: unchanged).
    """
    if not can_manage_plan(by):
        raise PermissionDenied
    objectives = list(objectives)
    if not objectives:
        raise ValidationError({"objectives": "Select at least one objective the priority serves"})
    creating = priority is None
    if creating:
        if position is None:
            last = Priority.objects.filter(level=level, period=period).aggregate(n=Max("position"))["n"]
            position = (last or 0) + 1
        priority = Priority(
            code=priority_code_next(level=level, period=period), level=level, source="Added in the portal"
        )
    elif priority.level != level:
        raise ValidationError({"level": "The level of a priority cannot change: retire it and add a new one"})
    priority.period = period
    priority.title = title
    priority.description = description
    priority.objective_rationale = objective_rationale
    if position is not None:
        priority.position = position
    save_with_one_history_record(
        attribute_change(priority, by=by), created=creating, objectives=objectives, standards=list(standards)
    )
    if creating:
        _first_items_create(priority, by=by, ics_owner=ics_owner)
    if level == Level.ORGANISATION and organisations is not None:
        tracking_organisations_set(priority=priority, organisations=list(organisations), by=by)
    if metrics is not None:
        priority_metrics_set(priority=priority, metrics=metrics, by=by)
    return priority


def _first_items_create(priority: Priority, *, by, ics_owner: Organisation | None) -> None:
    """A new priority's items: one owned by the chosen organisation (or the ICB) at ICS level, else every owner."""
    if priority.level == Level.ICS:
        owner = ics_owner or default_ics_owner()
        if owner is None:
            raise ValidationError({"ics_owner": "Select the organisation that owns this priority"})
        attribute_change(PlanItem(priority=priority, organisation=owner), by=by).save()
    else:
        plan_items_ensure(priorities=[priority])


def priority_metrics_set(*, priority: Priority, metrics: Iterable[str], by) -> None:
    """Make the priority's linked workforce metrics exactly `metrics` (catalogue slugs).

    Links are added or removed one by one, so the history says who linked or unlinked which metric.
    """
    if not can_manage_plan(by):
        raise PermissionDenied
    wanted = list(dict.fromkeys(metrics))
    unknown = [slug for slug in wanted if metric_definition(slug) is None]
    if unknown:
        raise ValidationError({"metrics": f"Not a metric in the catalogue: {', '.join(unknown)}"})
    with transaction.atomic():
        current = {link.metric: link for link in PriorityMetric.objects.filter(priority=priority)}
        for slug, link in current.items():
            if slug not in wanted:
                attribute_change(link, by=by).delete()
        for slug in wanted:
            if slug not in current:
                attribute_change(PriorityMetric(priority=priority, metric=slug), by=by).save()


@transaction.atomic
def priority_retire(*, priority: Priority, by, reason: str, on: date | None = None) -> Priority:
    """Stop tracking a priority without losing it: it leaves the plan pages and nothing more is due. Returns it."""
    if not can_manage_plan(by):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the priority is being retired"})
    priority.is_retired = True
    priority.retired_on = on or timezone.localdate()
    priority.retired_reason = reason.strip()
    attribute_change(priority, by=by).save()
    return priority


@transaction.atomic
def priority_reinstate(*, priority: Priority, by) -> Priority:
    """Bring a retired priority back into the plan, with any items it is missing; return it."""
    if not can_manage_plan(by):
        raise PermissionDenied
    priority.is_retired = False
    priority.retired_on = None
    priority.retired_reason = ""
    attribute_change(priority, by=by).save()
    plan_items_ensure(priorities=[priority])
    return priority
