"""The API's plan summary: status counts, objectives, overdue and completed items, by scope."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from objectives.models import Level, Status
from organisations.permissions import Role
from tests.factories import make_user
from tests.objectives.factories import make_item, make_priority, make_round, make_update


@pytest.fixture
def plan(own_org, other_org, place):
    """An open round past its due date; own_org's item overdue, other_org's complete, a place item amber."""
    reporting_round = make_round(due_in_days=-3)
    priority = make_priority(level=Level.ORGANISATION, code="ORG-A", title="Implement EDI training.")
    lead = make_user(Role.EDI_LEAD, organisations=[own_org], email="named.lead@example.org")
    own_item = make_item(priority, organisation=own_org, lead=lead)
    other_item = make_item(priority, organisation=other_org)
    make_update(own_item, status=Status.RED, percent_complete=10, recorded_at=timezone.now() - timedelta(days=30))
    make_update(other_item, status=Status.COMPLETE, percent_complete=100, reporting_round=reporting_round)
    place_item = make_item(make_priority(level=Level.PLACE, code="PL-A"), place=place)
    make_update(place_item, status=Status.AMBER, percent_complete=40, reporting_round=reporting_round)
    return {"round": reporting_round, "own": own_item, "other": other_item, "place": place_item, "lead": lead}


def test_the_plan_summary_gives_status_counts_objectives_overdue_and_completed_items(plan, api):
    body = api("api_plan_summary").json()
    assert body["scope"]["key"] == "ics"
    assert body["rag_counts"] == {"red": 1, "amber": 1, "green": 0, "complete": 1, "not_started": 0, "no_update": 0}
    assert body["statuses"]["no_update"] == "No update yet"
    organisation_year_1 = next(
        row for row in body["by_level_and_period"] if row["level"] == "organisation" and row["period"] == "year-1"
    )
    assert organisation_year_1["counts"]["red"] == 1 and organisation_year_1["counts"]["complete"] == 1
    assert body["objectives"] == [
        {
            "number": 1,
            "title": body["objectives"][0]["title"],
            "counts": {"red": 1, "amber": 1, "green": 0, "complete": 1, "not_started": 0, "no_update": 0},
            "item_count": 3,
            "mean_percent_complete": 50.0,
        }
    ]
    assert body["reporting_round"] == {"name": plan["round"].name, "due": plan["round"].due_on.isoformat()}
    assert body["overdue_items"] == [
        {
            "id": plan["own"].pk,
            "priority": {"code": "ORG-A", "title": "Implement EDI training."},
            "owner": "Own Trust",
            "lead": plan["lead"].get_full_name(),
            "due": plan["round"].due_on.isoformat(),
        }
    ]
    assert [item["id"] for item in body["recently_completed"]] == [plan["other"].pk]
    assert body["recently_completed"][0]["completed_at"]
    # Leads' names are on the plan pages; their email addresses are not, and are not here.
    assert "named.lead@example.org" not in json.dumps(body)


def test_the_plan_summary_of_a_place_or_organisation_holds_only_its_items(plan, api):
    own = api("api_plan_summary", scope="organisation:own-trust").json()
    assert own["rag_counts"]["red"] == 1 and sum(own["rag_counts"].values()) == 1
    assert [item["id"] for item in own["overdue_items"]] == [plan["own"].pk] and own["recently_completed"] == []
    other = api("api_plan_summary", scope="organisation:other-trust").json()
    assert other["overdue_items"] == [] and [i["id"] for i in other["recently_completed"]] == [plan["other"].pk]
    # The place holds its own item and its organisations' items.
    blackpool = api("api_plan_summary", scope="place:blackpool").json()
    assert sum(blackpool["rag_counts"].values()) == 3
