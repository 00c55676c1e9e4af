"""Who tracks each priority: its items for organisations, places or the ICS owner, and each item's named lead."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.utils import bulk_update_with_history

from objectives.models import Level, PlanItem, Priority
from objectives.permissions import can_manage_plan
from objectives.services.recording import attribute_change
from organisations.models import Organisation, Place


def default_ics_owner() -> Organisation | None:
    """The organisation that owns an ICS-level item unless an admin chooses another: the (first) active ICB."""
    return Organisation.objects.filter(kind=Organisation.Kind.ICB, is_active=True).order_by("pk").first()


def plan_items_ensure(*, priorities=None) -> int:
    """Create the missing tracked items of the given (default: all current) priorities; return how many.

    Individual-organisation priorities get an item for every active partner organisation, place
    priorities one for every place, ICS priorities one owned by the ICB. Items an admin made
    inactive stay inactive.
    """
    priorities = Priority.objects.current() if priorities is None else priorities
    organisations = list(Organisation.objects.filter(is_active=True))
    places = list(Place.objects.all())
    existing = set(PlanItem.objects.filter(priority__in=priorities).values_list("priority_id", "organisation_id"))
    existing |= set(PlanItem.objects.filter(priority__in=priorities).values_list("priority_id", "place_id"))
    has_item = {priority_id for priority_id, _ in existing}
    created = 0
    for priority in priorities:
        if priority.level == Level.ORGANISATION:
            owners = [{"organisation": o} for o in organisations if (priority.pk, o.pk) not in existing]
        elif priority.level == Level.PLACE:
            owners = [{"place": p} for p in places if (priority.pk, p.pk) not in existing]
        else:
            owner = default_ics_owner()
            owners = [{"organisation": owner}] if owner and priority.pk not in has_item else []
        for owner_fields in owners:
            PlanItem.objects.create(priority=priority, **owner_fields)
            created += 1
    return created


def organisation_plan_items_ensure(*, organisation: Organisation) -> int:
    """Give a newly added (or reactivated) organisation its items for the individual-organisation priorities.

    Returns how many items were created.
    """
    if not organisation.is_active:
        return 0
    priorities = Priority.objects.current().filter(level=Level.ORGANISATION).exclude(items__organisation=organisation)
    for priority in priorities:
        PlanItem.objects.create(priority=priority, organisation=organisation)
    return len(priorities)


def tracking_organisations_set(*, priority: Priority, organisations: list[Organisation], by) -> None:
    """Make exactly `organisations` track an individual-organisation priority.

    New ones get an item; unticked organisations' items become inactive rather than being
    deleted, so their updates stay on record.
    """
    chosen = {o.pk for o in organisations}
    if not chosen:
        raise ValidationError({"organisations": "Select at least one organisation that tracks this priority"})
    items = {item.organisation_id: item for item in priority.items.all()}
    for organisation in organisations:
        if organisation.pk not in items:
            attribute_change(PlanItem(priority=priority, organisation=organisation), by=by).save()
    changed = []
    for organisation_id, item in items.items():
        should_be_active = organisation_id in chosen
        if item.is_active != should_be_active:
            item.is_active = should_be_active
            changed.append(item)
    if changed:
        bulk_update_with_history(changed, PlanItem, ["is_active"], default_user=by)


@transaction.atomic
def plan_item_assign(*, item: PlanItem, by, lead, organisation: Organisation | None = None) -> PlanItem:
    """Name an item's lead and, for an ICS-level item, the organisation that owns it; return the item."""
    if not can_manage_plan(by):
        raise PermissionDenied
    if organisation is not None and organisation != item.organisation:
        if item.priority.level != Level.ICS:
            raise ValidationError({"organisation": "Only an ICS-level item can change its owning organisation"})
        item.organisation = organisation
    item.lead = lead
    attribute_change(item, by=by).save()
    return item
