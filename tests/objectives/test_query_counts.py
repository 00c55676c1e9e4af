"""Every plan page runs the same number of SQL queries whatever the amount of data behind it."""

import itertools

import pytest
from django.urls import reverse

from objectives.models import EqualityStandard, Evidence, OrganisationAccreditation, Status
from tests.factories import make_organisation
from tests.objectives.factories import make_item, make_priority, make_round, make_update

_names = itertools.count(1)


def grow(items_per_org_priority, org_count, reporting_round, lead_org=None):
    """Add organisations (each gets its items), with two updates and evidence on each item."""
    standard = EqualityStandard.objects.get(slug="veteran-aware")
    for _ in range(org_count):
        n = next(_names)
        organisation = make_organisation(name=f"Growth Trust {n}", slug=f"growth-{n}")
        OrganisationAccreditation.objects.create(organisation=organisation, standard=standard, status="held")
        for item in organisation.plan_items.all():
            make_update(item, Status.AMBER, 20)
            update = make_update(item, Status.GREEN, 60, reporting_round=reporting_round)
            Evidence.objects.create(update=update, url=f"https://example.org/{n}")


@pytest.fixture
def plan(db, own_item, other_item, ics_item, place_item, lead_user):
    reporting_round = make_round(due_in_days=-1)
    EqualityStandard.objects.create(slug="veteran-aware", name="Veteran Aware", short_name="VA", kind="accreditation")
    make_priority(code="ORG-T-2")  # a second individual-organisation priority
    for item in (own_item, other_item, ics_item, place_item):
        make_update(item, Status.RED, 10, reporting_round=reporting_round)
    return {"round": reporting_round, "own": own_item, "priority": own_item.priority}


def pages(plan):
    return [
        reverse("objectives:plan"),
        reverse("objectives:plan_by_level") + "?place=blackpool",
        reverse("objectives:plan_by_period") + "?organisation=own-trust",
        reverse("objectives:measures"),
        reverse("objectives:item_list"),
        reverse("objectives:item_list") + "?overdue=1&level=organisation",
        reverse("objectives:item_list") + "?status=green&page=2",
        reverse("objectives:priority_detail", args=[plan["priority"].code]),
        reverse("objectives:priority_history", args=[plan["priority"].code]) + "?page=2",
        reverse("objectives:item_detail", args=[plan["own"].pk]),
        reverse("objectives:item_history", args=[plan["own"].pk]),
        reverse("objectives:my_updates"),
        reverse("objectives:round_list"),
        reverse("objectives:round_detail", args=[plan["round"].pk]),
        reverse("objectives:accreditation_overview"),
        reverse("objectives:organisation_accreditations", args=["own-trust"]),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("page_index", range(16))
def test_query_count_does_not_grow_with_the_data(
    client_for, ics_lead_user, plan, page_index, django_assert_num_queries
):
    client = client_for(ics_lead_user)
    url = pages(plan)[page_index]
    grow(1, 3, plan["round"])
    for _ in range(8):
        make_update(plan["own"], Status.AMBER, 30, reporting_round=plan["round"])
    client.get(url)  # warm up: session and permission caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(1, 25, plan["round"])
    for _ in range(20):
        make_update(plan["own"], Status.AMBER, 30, reporting_round=plan["round"])
    make_item(make_priority(code="ORG-T-3"), organisation=plan["own"].organisation)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
    assert len(small.captured_queries) <= 40, [q["sql"] for q in small.captured_queries]
