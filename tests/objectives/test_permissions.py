"""Who may update which plan item, role by role; the list check agrees with the single-item check."""

import pytest

from objectives.models import PlanItem
from objectives.permissions import (
    can_change_update,
    can_edit_accreditations,
    can_manage_plan,
    can_update_item,
    item_access,
    updatable_items,
)
from tests.objectives.factories import make_round, make_update

ROLES = ["admin_user", "lead_user", "other_lead", "ics_lead_user", "board_user", "roleless_user"]

# Who may update each kind of item. lead_user and ics_lead_user both lead own_org; only the latter is ICS-level.
EXPECTED = {
    "own_item": {"admin_user", "lead_user", "ics_lead_user"},
    "other_item": {"admin_user", "other_lead"},
    "ics_item": {"admin_user", "ics_lead_user"},
    "place_item": {"admin_user", "ics_lead_user"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("item_fixture", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_update_each_kind_of_item(request, item_fixture, role):
    item = request.getfixturevalue(item_fixture)
    user = request.getfixturevalue(role)
    allowed = role in EXPECTED[item_fixture]
    assert can_update_item(user, item) is allowed
    assert item_access(user).can_update(item) is allowed
    assert updatable_items(user).filter(pk=item.pk).exists() is allowed


@pytest.mark.django_db
def test_edi_lead_cannot_update_another_organisations_priority(lead_user, other_item):
    assert not can_update_item(lead_user, other_item)
    assert other_item not in updatable_items(lead_user)


@pytest.mark.django_db
def test_board_member_may_update_nothing(board_user, own_item, ics_item, place_item):
    assert not updatable_items(board_user).exists()
    assert not item_access(board_user).can_update_anything


@pytest.mark.django_db
def test_an_item_no_longer_tracked_takes_no_updates(admin_user, lead_user, own_item):
    own_item.is_active = False
    own_item.save()
    assert not can_update_item(admin_user, own_item)
    assert not can_update_item(lead_user, own_item)
    assert not updatable_items(admin_user).filter(pk=own_item.pk).exists()


@pytest.mark.django_db
def test_updates_of_a_closed_round_are_frozen_for_everyone(admin_user, lead_user, own_item):
    open_round = make_round()
    update = make_update(own_item, reporting_round=open_round)
    assert can_change_update(lead_user, update)
    assert item_access(lead_user).can_change(update)
    open_round.is_open = False
    open_round.closed_at = open_round.opened_at
    open_round.save()
    update.refresh_from_db()
    assert not can_change_update(lead_user, update)
    assert not can_change_update(admin_user, update)
    assert not item_access(admin_user).can_change(update)


@pytest.mark.django_db
def test_only_admins_manage_the_plan(admin_user, lead_user, ics_lead_user, board_user, roleless_user):
    assert can_manage_plan(admin_user)
    for user in (lead_user, ics_lead_user, board_user, roleless_user):
        assert not can_manage_plan(user)


@pytest.mark.django_db
def test_accreditations_are_edited_by_their_organisations_leads(
    admin_user, lead_user, other_lead, board_user, own_org, other_org
):
    assert can_edit_accreditations(admin_user, own_org)
    assert can_edit_accreditations(lead_user, own_org)
    assert not can_edit_accreditations(lead_user, other_org)
    assert can_edit_accreditations(other_lead, other_org)
    assert not can_edit_accreditations(board_user, own_org)


@pytest.mark.django_db
def test_updatable_items_is_exactly_the_items_each_lead_may_update(
    admin_user, lead_user, ics_lead_user, other_lead, own_item, other_item, ics_item, place_item
):
    for user in (admin_user, lead_user, ics_lead_user, other_lead):
        expected = {item.pk for item in PlanItem.objects.all() if can_update_item(user, item)}
        assert set(updatable_items(user).values_list("pk", flat=True)) == expected
