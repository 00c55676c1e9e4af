"""The change history shown on plan pages: who, when, before and after, for pages, admin and bulk edits."""

import pytest
from django.urls import reverse

from objectives.history.feeds import item_history_feed, priority_history_feed
from objectives.models import PlanItem, Priority, Status
from objectives.services.plan_load import admin_plan_permissions_grant
from objectives.services.priorities import priority_save
from objectives.services.progress import progress_update_correct, progress_update_create, progress_update_withdraw
from tests.objectives.factories import make_objective, make_round


def record(item, by, **overrides):
    fields = {"status": Status.AMBER, "percent_complete": 40, "narrative": "Sessions booked"}
    fields.update(overrides)
    return progress_update_create(item=item, by=by, **fields)


def entry_for(entries, subject_start, action):
    return next(e for e in entries if e.subject.startswith(subject_start) and e.action == action)


@pytest.mark.django_db
def test_item_history_shows_an_added_update_with_its_author_and_values(lead_user, own_item):
    record(own_item, lead_user, links=["https://example.org/minutes"])
    entries = item_history_feed(own_item).latest()
    added = entry_for(entries, "Progress update", "Added")
    assert added.who == lead_user.get_full_name()
    assert ("Status", None, "Amber") in [(c.label, c.before, c.after) for c in added.changes]
    assert ("Percent complete", None, "40%") in [(c.label, c.before, c.after) for c in added.changes]
    evidence = entry_for(entries, "Evidence", "Added")
    assert evidence.changes[0].after == "https://example.org/minutes"


@pytest.mark.django_db
def test_a_correction_shows_before_and_after(lead_user, own_item):
    make_round()
    update = record(own_item, lead_user)
    progress_update_correct(update=update, by=lead_user, status=Status.GREEN, percent_complete=40, narrative="Fixed")
    changed = entry_for(item_history_feed(own_item).latest(), "Progress update", "Changed")
    assert [(c.label, c.before, c.after) for c in changed.changes] == [
        ("Status", "Amber", "Green"),
        ("Progress", "Sessions booked", "Fixed"),
    ]


@pytest.mark.django_db
def test_a_withdrawn_update_stays_in_the_history(lead_user, own_item):
    update = record(own_item, lead_user)
    progress_update_withdraw(update=update, by=lead_user)
    removed = entry_for(item_history_feed(own_item).latest(), "Progress update", "Removed")
    assert removed.who == lead_user.get_full_name()


@pytest.mark.django_db
def test_priority_history_includes_objective_changes_and_its_items(admin_user, lead_user, own_item):
    priority = own_item.priority
    second = make_objective(2)
    priority_save(
        by=admin_user,
        priority=priority,
        level=priority.level,
        period=priority.period,
        title=priority.title,
        objectives=[second],
    )
    record(own_item, lead_user)
    entries = priority_history_feed(priority).latest(20)
    objectives_change = next(c for e in entries for c in e.changes if c.label == "Objectives")
    assert (objectives_change.before, objectives_change.after) == ("Objective 1", "Objective 2")
    assert any(e.subject.startswith("Progress update (ORG-T-1, Own Trust)") for e in entries)


@pytest.mark.django_db
def test_history_pages_through_every_change(lead_user, own_item):
    for n in range(30):
        record(own_item, lead_user, narrative=f"Update {n}")
    feed = item_history_feed(own_item)
    first_page, entries = feed.page(1, per_page=25)
    assert first_page.paginator.count == 31  # 30 updates and the item itself
    assert len(entries) == 25
    assert entries[0].changes[-1].after == "Update 29" or any(c.after == "Update 29" for c in entries[0].changes)
    _, last = feed.page(2, per_page=25)
    assert last[-1].subject.startswith("Item for")


@pytest.mark.django_db
def test_edits_in_the_admin_site_are_kept_with_their_author(client, admin_user, org_priority):
    admin_plan_permissions_grant()
    client.force_login(admin_user)
    url = reverse("admin:objectives_priority_change", args=[org_priority.pk])
    response = client.post(
        url,
        {
            "period": "years-2-5",
            "position": 3,
            "title": "Reworded in the admin",
            "description": "",
            "objectives": [org_priority.objectives.get().pk],
            "objective_rationale": "",
            "source": "",
            "retired_reason": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = entry_for(priority_history_feed(org_priority).latest(), "Priority", "Changed")
    assert entry.who == admin_user.get_full_name()
    assert ("Priority", "Implement EDI training and development.", "Reworded in the admin") in [
        (c.label, c.before, c.after) for c in entry.changes
    ]


@pytest.mark.django_db
def test_bulk_edits_in_the_admin_site_are_kept(client, admin_user, own_item, other_item):
    admin_plan_permissions_grant()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:objectives_planitem_changelist"),
        {"action": "stop_tracking", "_selected_action": [own_item.pk, other_item.pk]},
    )
    assert response.status_code == 302
    assert not PlanItem.objects.filter(is_active=True).exists()
    for item in (own_item, other_item):
        latest = item.history.first()
        assert (latest.is_active, latest.history_user) == (False, admin_user)
    response = client.post(
        reverse("admin:objectives_priority_changelist"),
        {"action": "retire_selected", "_selected_action": [own_item.priority.pk]},
    )
    assert Priority.objects.get(pk=own_item.priority.pk).history.first().history_user == admin_user
