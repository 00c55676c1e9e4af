"""The summaries the People Board dashboard reads: RAG counts, overdue, recently completed, objective progress."""

from datetime import timedelta

import pytest
from django.utils import timezone

from objectives.models import Level, Period, PlanItem, ReportingRound, Status
from objectives.selectors.board import (
    objective_progress,
    overdue_items,
    rag_counts,
    rag_counts_by_level_and_period,
    recently_completed,
)
from objectives.selectors.item_progress import NO_UPDATE, RoundState, round_state
from objectives.selectors.items import item_detail, my_items
from objectives.selectors.plan_pages import plan_by_level, plan_by_objective
from objectives.selectors.scope import PlanScope
from tests.factories import make_organisation
from tests.objectives.factories import make_item, make_objective, make_priority, make_round, make_update


@pytest.fixture
def plan(db, own_org, other_org, icb, place):
    """Two objectives; an org priority in year 1 (both orgs), an ICS priority in years 2-5, a place priority."""
    first, second = make_objective(1), make_objective(2)
    org_priority = make_priority(Level.ORGANISATION, Period.YEAR_1, objectives=[first, second])
    ics_priority = make_priority(Level.ICS, Period.YEARS_2_TO_5, objectives=[second])
    place_priority = make_priority(Level.PLACE, Period.YEAR_1, objectives=[first])
    return {
        "own": make_item(org_priority, organisation=own_org),
        "other": make_item(org_priority, organisation=other_org),
        "icb_org": make_item(org_priority, organisation=icb),
        "ics": make_item(ics_priority, organisation=icb),
        "place": make_item(place_priority, place=place),
        "first": first,
        "second": second,
    }


def at(days_ago):
    return timezone.now() - timedelta(days=days_ago)


@pytest.mark.django_db
def test_rag_counts_use_each_items_latest_update(plan):
    make_update(plan["own"], Status.RED, 10, recorded_at=at(30))
    make_update(plan["own"], Status.GREEN, 40, recorded_at=at(1))
    make_update(plan["other"], Status.COMPLETE, 100)
    make_update(plan["ics"], Status.AMBER, 30)
    counts = rag_counts()
    assert counts.counts == {Status.GREEN: 1, Status.COMPLETE: 1, Status.AMBER: 1, NO_UPDATE: 2}
    assert counts.total == 5
    assert counts.rows[0] == ("red", "Red", 0)


@pytest.mark.django_db
def test_rag_counts_by_scope(plan, own_org, icb, place):
    make_update(plan["ics"], Status.AMBER, 30)
    make_update(plan["icb_org"], Status.GREEN, 30)
    assert rag_counts(PlanScope(organisation=icb)).counts == {Status.AMBER: 1, Status.GREEN: 1}
    assert rag_counts(PlanScope(organisation=own_org)).total == 1
    # A place holds its own items and those of the organisations in it (both trusts are in Blackpool).
    assert rag_counts(PlanScope(place=place)).total == 3
    assert rag_counts(PlanScope(level=Level.ICS)).counts == {Status.AMBER: 1}
    assert rag_counts(PlanScope(period=Period.YEARS_2_TO_5)).total == 1
    assert rag_counts(PlanScope(objective=plan["first"])).total == 4


@pytest.mark.django_db
def test_rag_counts_by_level_and_period_cover_the_whole_plan_in_order(plan):
    make_update(plan["own"], Status.RED, 10)
    rows = rag_counts_by_level_and_period()
    assert [(level, period) for level, period, _ in rows] == [
        ("place", "year-1"),
        ("place", "years-2-5"),
        ("ics", "year-1"),
        ("ics", "years-2-5"),
        ("organisation", "year-1"),
        ("organisation", "years-2-5"),
    ]
    counts = {(level, period): c for level, period, c in rows}
    assert counts[("organisation", "year-1")].counts == {Status.RED: 1, NO_UPDATE: 2}
    assert counts[("ics", "years-2-5")].counts == {NO_UPDATE: 1}
    assert counts[("place", "years-2-5")].total == 0


@pytest.mark.django_db
def test_nothing_is_overdue_before_the_due_date(plan):
    make_round(due_in_days=3)
    assert not overdue_items().exists()


@pytest.mark.django_db
def test_overdue_means_no_update_in_the_open_round_after_its_due_date(plan):
    old_round = make_round(is_open=False)
    make_update(plan["own"], Status.GREEN, 50, reporting_round=old_round, recorded_at=at(60))
    reporting_round = make_round(due_in_days=-1)
    make_update(plan["other"], Status.GREEN, 50, reporting_round=reporting_round)
    make_update(plan["ics"], Status.COMPLETE, 100, reporting_round=old_round, recorded_at=at(60))
    overdue = set(overdue_items())
    # Updated in an earlier round only: overdue. Complete: owes nothing. Updated this round: fine.
    assert overdue == {plan["own"], plan["icb_org"], plan["place"]}
    today = timezone.localdate()
    assert round_state(item_detail(pk=plan["own"].pk), reporting_round, today) == RoundState.OVERDUE
    assert round_state(item_detail(pk=plan["other"].pk), reporting_round, today) == RoundState.UPDATED
    assert round_state(item_detail(pk=plan["ics"].pk), reporting_round, today) == RoundState.COMPLETE


@pytest.mark.django_db
def test_retired_priorities_and_untracked_items_are_never_overdue(plan):
    make_round(due_in_days=-1)
    plan["place"].priority.is_retired = True
    plan["place"].priority.retired_on = timezone.localdate()
    plan["place"].priority.save()
    plan["other"].is_active = False
    plan["other"].save()
    assert set(overdue_items()) == {plan["own"], plan["icb_org"], plan["ics"]}


@pytest.mark.django_db
def test_items_of_an_inactive_organisation_are_not_tracked(plan, other_org):
    other_org.is_active = False
    other_org.save()
    assert plan["other"] not in PlanItem.objects.tracked()
    assert rag_counts().total == 4


@pytest.mark.django_db
def test_recently_completed_newest_first(plan):
    make_update(plan["own"], Status.COMPLETE, 100, recorded_at=at(20))
    make_update(plan["ics"], Status.COMPLETE, 100, recorded_at=at(2))
    make_update(plan["other"], Status.COMPLETE, 100, recorded_at=at(200))
    make_update(plan["other"], Status.AMBER, 90, recorded_at=at(1))  # reopened: no longer complete
    assert recently_completed() == [plan["ics"], plan["own"]]
    assert recently_completed(since=at(10)) == [plan["ics"]]
    assert recently_completed(limit=1) == [plan["ics"]]


@pytest.mark.django_db
def test_objective_progress_counts_items_of_every_priority_serving_it(plan):
    make_update(plan["own"], Status.GREEN, 40)
    make_update(plan["ics"], Status.COMPLETE, 100)
    make_update(plan["place"], Status.AMBER, 20)
    progress = {p.objective.number: p for p in objective_progress()}
    # Objective 1: own (40), other (none = 0), icb_org (0), place (20) -> mean 15.0
    assert progress[1].counts.counts == {Status.GREEN: 1, Status.AMBER: 1, NO_UPDATE: 2}
    assert progress[1].mean_percent_complete == 15.0
    # Objective 2: own (40), other (0), icb_org (0), ics (100) -> mean 35.0
    assert progress[2].item_count == 4
    assert progress[2].mean_percent_complete == 35.0


@pytest.mark.django_db
def test_objective_progress_for_one_organisation(plan, own_org):
    make_update(plan["own"], Status.GREEN, 40)
    progress = objective_progress(PlanScope(organisation=own_org))
    assert [(p.objective.number, p.item_count, p.mean_percent_complete) for p in progress] == [
        (1, 1, 40.0),
        (2, 1, 40.0),
    ]


@pytest.mark.django_db
def test_plan_pages_list_priorities_in_the_plans_order(plan):
    by_level = plan_by_level()
    assert [g.level for g in by_level] == [Level.PLACE, Level.ICS, Level.ORGANISATION]
    by_objective = plan_by_objective()
    first = [p.level for p in by_objective[0].priorities]
    assert first == [Level.PLACE, Level.ORGANISATION]


@pytest.mark.django_db
def test_my_items_are_those_naming_the_lead_or_unassigned_in_their_organisations(
    plan, lead_user, ics_lead_user, own_org
):
    make_round(due_in_days=-1)
    plan["own"].lead = ics_lead_user
    plan["own"].save()
    lead_items = my_items(lead_user, reporting_round=ReportingRound.objects.current())
    assert lead_items == []
    ics_items = my_items(ics_lead_user, reporting_round=ReportingRound.objects.current())
    assert {i.pk for i in ics_items} == {plan["own"].pk, plan["ics"].pk, plan["place"].pk}
    assert all(i.round_state == RoundState.OVERDUE for i in ics_items)


@pytest.mark.django_db
def test_admins_answer_only_for_items_naming_them(plan, admin_user):
    assert my_items(admin_user) == []
    plan["ics"].lead = admin_user
    plan["ics"].save()
    assert my_items(admin_user) == [plan["ics"]]


@pytest.mark.django_db
def test_new_organisation_in_scope_has_items_without_updates(plan, place):
    newcomer = make_organisation(name="Newcomer", slug="newcomer", place=place)
    assert rag_counts(PlanScope(organisation=newcomer)).counts == {NO_UPDATE: 1}


@pytest.mark.django_db
def test_dashboard_summaries_cost_a_fixed_number_of_queries(plan, django_assert_num_queries, own_org):
    for item in (plan["own"], plan["other"], plan["ics"]):
        make_update(item, Status.COMPLETE, 100)
    make_round(due_in_days=-1)
    scope = PlanScope(organisation=own_org, period=Period.YEAR_1)
    with django_assert_num_queries(1):
        rag_counts(scope)
    with django_assert_num_queries(1):
        rag_counts_by_level_and_period(scope)
    with django_assert_num_queries(2):  # the open round, then the items
        list(overdue_items(scope))
    with django_assert_num_queries(1):
        recently_completed(scope)
    with django_assert_num_queries(2):  # the objectives, then the counts
        objective_progress(scope)
