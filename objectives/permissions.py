"""Who may change which part of the plan, built on workforce.permissions.

- Everyone with a portal role reads the whole plan, its progress and its evidence.
- Individual-organisation items: admins, and EDI leads of that organisation.
- ICS-level and place-level items: admins, and ICS-level leads.
- A frozen update (its round is closed) changes for nobody.
- The plan itself (priorities, rounds, named leads): admins only.
- An organisation's accreditations: admins, and that organisation's EDI leads.
"""

from dataclasses import dataclass

from django.db.models import Q

from objectives.models import Level, PlanItem
from organisations.permissions import (
    can_edit_ics_items,
    can_edit_organisation_items,
    can_edit_place_items,
    can_manage_portal,
    can_view_portal,
    editable_organisations,
    is_admin,
    is_ics_lead,
)


def can_view_plan(user) -> bool:
    return can_view_portal(user)


def can_manage_plan(user) -> bool:
    """Add, edit and retire priorities, name item leads, open and close reporting rounds."""
    return can_manage_portal(user)


def can_update_item(user, item: PlanItem) -> bool:
    """May the user add progress updates to this item?"""
    if not item.is_active:
        return False
    level = item.priority.level
    if level == Level.ORGANISATION:
        return can_edit_organisation_items(user, item.organisation)
    if level == Level.PLACE:
        return can_edit_place_items(user, item.place)
    return can_edit_ics_items(user)


def can_change_update(user, update) -> bool:
    """May the user correct or withdraw this update? Only while its round is open."""
    return not update.is_frozen and can_update_item(user, update.item)


def updatable_items_filter(user) -> Q:
    """A filter on PlanItem matching exactly the items the user may update."""
    if is_admin(user):
        return Q(is_active=True)
    allowed = Q(priority__level=Level.ORGANISATION, organisation__in=editable_organisations(user))
    if is_ics_lead(user):
        allowed |= Q(priority__level__in=[Level.ICS, Level.PLACE])
    return Q(is_active=True) & allowed


def updatable_items(user, queryset=None):
    queryset = PlanItem.objects.all() if queryset is None else queryset
    if not can_view_plan(user):
        return queryset.none()
    return queryset.filter(updatable_items_filter(user))


@dataclass(frozen=True)
class ItemAccess:
    """The user's update rights, read once, so a list can check every row without a query per row."""

    admin: bool
    ics_lead: bool
    organisation_ids: frozenset[int]

    @property
    def can_update_anything(self) -> bool:
        return self.admin or self.ics_lead or bool(self.organisation_ids)

    def can_update(self, item: PlanItem) -> bool:
        if not item.is_active:
            return False
        if self.admin:
            return True
        if item.priority.level == Level.ORGANISATION:
            return item.organisation_id in self.organisation_ids
        return self.ics_lead

    def can_change(self, update) -> bool:
        return not update.is_frozen and self.can_update(update.item)


def item_access(user) -> ItemAccess:
    if not can_view_plan(user):
        return ItemAccess(admin=False, ics_lead=False, organisation_ids=frozenset())
    return ItemAccess(
        admin=is_admin(user),
        ics_lead=is_ics_lead(user),
        organisation_ids=frozenset(editable_organisations(user).values_list("pk", flat=True)),
    )


def can_edit_accreditations(user, organisation) -> bool:
    return can_edit_organisation_items(user, organisation)
