"""Priority-to-metric links: admins link a priority to the workforce metrics it should move; its page shows
their trends for the ICS, suppressed figures as "*", in a fixed number of queries."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from objectives.history.feeds import priority_history_feed
from objectives.models import Priority, PriorityMetric
from objectives.services.plan_load import PLAN_DATA, admin_plan_permissions_grant, plan_load
from objectives.services.priorities import priority_metrics_set
from reports.presenters.priority_metrics import priority_metrics
from tests.objectives.factories import figure, hidden_figure, likelihood, store_ics_result
from workforce.catalogue import METRICS, metric_definition

pytestmark = pytest.mark.django_db


def links(priority):
    return set(PriorityMetric.objects.filter(priority=priority).values_list("metric", flat=True))


def priority(code):
    return Priority.objects.get(code=code)


def pay_gap(mean, median):
    return {"pay_gap": {"gender": {"mean_hourly_gap": mean, "median_hourly_gap": median}}}


@pytest.fixture
def linked(org_priority, admin_user):
    priority_metrics_set(priority=org_priority, metrics=["wres-2", "pay-gap-gender"], by=admin_user)
    return org_priority


@pytest.fixture
def results():
    """Two years of ICS results: WRES 2 worsens; the gender pay gap's latest mean is hidden."""
    store_ics_result(2024, wres={"2": {"likelihood": likelihood(figure(1.44))}}, **pay_gap(figure(12.3), figure(9.8)))
    store_ics_result(
        2025, wres={"2": {"likelihood": likelihood(figure(1.56))}}, **pay_gap(hidden_figure(), figure(10.1))
    )


# --- The links ----------------------------------------------------------------------------------


def test_a_link_to_a_metric_not_in_the_catalogue_is_refused(org_priority, admin_user):
    with pytest.raises(ValidationError) as error:
        PriorityMetric(priority=org_priority, metric="wres-99").full_clean()
    assert "metric" in error.value.message_dict
    with pytest.raises(ValidationError):
        priority_metrics_set(priority=org_priority, metrics=["wres-2", "wres-99"], by=admin_user)
    assert links(org_priority) == set()


def test_a_priority_links_to_a_metric_once(linked):
    with pytest.raises(ValidationError):
        PriorityMetric(priority=linked, metric="wres-2").full_clean()


def test_only_admins_may_change_links_through_the_service(org_priority, lead_user, board_user):
    for user in (lead_user, board_user):
        with pytest.raises(PermissionDenied):
            priority_metrics_set(priority=org_priority, metrics=["wres-2"], by=user)
    assert links(org_priority) == set()


def edit(client, priority, metrics, organisations):
    return client.post(
        reverse("objectives:priority_edit", args=[priority.code]),
        {
            "period": priority.period,
            "title": priority.title,
            "objectives": [o.pk for o in priority.objectives.all()],
            "organisations": [o.pk for o in organisations],
            "metrics": metrics,
        },
    )


def test_admin_links_and_unlinks_metrics_on_the_priority_form(client_for, admin_user, own_item):
    client = client_for(admin_user)
    priority = own_item.priority
    form = client.get(reverse("objectives:priority_edit", args=[priority.code])).content.decode()
    assert "Workforce metrics this priority should move" in form
    assert 'class="nhsuk-checkboxes__input" type="checkbox" name="metrics" value="wres-2"' in form
    assert "WRES 2: Relative likelihood of White applicants being appointed from shortlisting" in form

    assert edit(client, priority, ["wres-2", "pay-gap-gender"], [own_item.organisation]).status_code == 302
    assert links(priority) == {"wres-2", "pay-gap-gender"}
    form = client.get(reverse("objectives:priority_edit", args=[priority.code])).content.decode()
    assert 'name="metrics" value="wres-2" id="id_metrics_2" checked' in form

    assert edit(client, priority, ["wres-2"], [own_item.organisation]).status_code == 302
    assert links(priority) == {"wres-2"}
    changes = [(h.history_type, h.metric, h.history_user) for h in PriorityMetric.history.order_by("history_id")]
    assert changes == [
        ("+", "wres-2", admin_user),
        ("+", "pay-gap-gender", admin_user),
        ("-", "pay-gap-gender", admin_user),
    ]
    subjects = [(e.action, e.subject) for e in priority_history_feed(priority).latest(10)]
    assert ("Removed", "Linked workforce metric Gender pay gap: Mean hourly pay gap between men and women") in subjects


def test_an_unknown_metric_posted_to_the_form_is_an_error(client_for, admin_user, own_item):
    response = edit(client_for(admin_user), own_item.priority, ["wres-99"], [own_item.organisation])
    assert response.status_code == 200
    assert "Select a valid choice. wres-99 is not one of the available choices." in response.content.decode()
    assert links(own_item.priority) == set()


@pytest.mark.parametrize("fixture", ["lead_user", "ics_lead_user", "board_user"])
def test_edi_leads_and_board_members_cannot_change_links(client_for, request, fixture, own_item, admin_user):
    priority_metrics_set(priority=own_item.priority, metrics=["wres-3"], by=admin_user)
    client = client_for(request.getfixturevalue(fixture))
    assert client.get(reverse("objectives:priority_edit", args=[own_item.priority.code])).status_code == 403
    assert edit(client, own_item.priority, ["wres-2"], [own_item.organisation]).status_code == 403
    assert links(own_item.priority) == {"wres-3"}
    assert PriorityMetric.history.count() == 1


def test_admin_edits_links_in_the_admin_site(client, admin_user, org_priority):
    admin_plan_permissions_grant()
    priority_metrics_set(priority=org_priority, metrics=["wres-3"], by=admin_user)
    client.force_login(admin_user)
    url = reverse("admin:objectives_priority_change", args=[org_priority.pk])
    assert 'name="metrics" value="wres-3"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "period": org_priority.period,
            "position": org_priority.position,
            "title": org_priority.title,
            "objectives": [org_priority.objectives.get().pk],
            "metrics": ["wdes-2", "wdes-3"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert links(org_priority) == {"wdes-2", "wdes-3"}
    assert set(PriorityMetric.history.filter(history_type="-").values_list("metric", "history_user")) == {
        ("wres-3", admin_user.pk)
    }


# --- The seeded links ---------------------------------------------------------------------------


def test_every_seeded_link_names_a_catalogue_metric():
    priorities = json.loads(PLAN_DATA.read_text(encoding="utf-8"))["priorities"]
    slugs = [slug for row in priorities for slug in row.get("metrics", [])]
    assert slugs and all(metric_definition(slug) for slug in slugs)


def test_setup_seeds_links_once_and_keeps_what_admins_changed(admin_user, objective):
    first = plan_load()
    seeded = PriorityMetric.objects.count()
    assert first.metric_links == seeded > 0
    assert links(priority("ORG-Y25-7")) == {"wres-2", "wdes-2"}
    assert links(priority("ORG-Y1-1")) >= {"declaration-ethnicity", "declaration-disability"}
    assert links(priority("ORG-Y1-6")) == set()  # culture and celebration days: no metric

    assert plan_load().metric_links == 0
    assert PriorityMetric.objects.count() == seeded

    priority_metrics_set(priority=priority("ORG-Y25-7"), metrics=[], by=admin_user)
    priority_metrics_set(priority=priority("ORG-Y25-4"), metrics=["wres-9"], by=admin_user)
    assert plan_load().metric_links == 0
    assert links(priority("ORG-Y25-7")) == set()
    assert links(priority("ORG-Y25-4")) == {"wres-9"}


# --- The priority page --------------------------------------------------------------------------


def test_priority_page_shows_the_linked_metrics_latest_figures_readings_and_tables(
    client_for, board_user, linked, results
):
    html = client_for(board_user).get(linked.get_absolute_url()).content.decode()
    assert "Workforce metrics this priority should move" in html
    assert "WRES 2: Relative likelihood of White applicants being appointed from shortlisting" in html
    assert "<strong>1.56</strong>" in html
    assert "Up 0.12 from 1.44: <strong>worse</strong>" in html
    assert "Closer to 1 is better" in html
    assert "White applicants are 1.56 times as likely as BME applicants to be appointed from shortlisting." in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="portal-chart"' in html
    assert "Relative likelihood rose from 1.44 in 2023/24 to 1.56 in 2024/25." in html
    assert '<th class="nhsuk-table__header" scope="row">2023/24</th>' in html
    assert '<td class="nhsuk-table__cell nhsuk-table__cell--numeric">1.44</td>' in html
    # Catalogue order: WRES before the pay gap, whatever order they were linked in.
    assert html.index("WRES 2:") < html.index("Gender pay gap:")


def test_a_suppressed_figure_shows_as_a_star_and_its_value_never_appears(client_for, board_user, linked, results):
    html = client_for(board_user).get(linked.get_absolute_url()).content.decode()
    section = html[html.index("Gender pay gap: Mean hourly pay gap between men and women") :]
    assert "<strong>Not shown</strong>" in section
    assert "(Fewer than 7 people in a group.)" in section
    assert "No comparison" in section
    assert '<td class="nhsuk-table__cell nhsuk-table__cell--numeric">*</td>' in section
    assert "Mean hourly pay gap: 12.3 in 2023/24." in section  # the chart summary stops at the last shown year


def test_the_page_trusts_the_suppressed_flag_not_a_stored_value(client_for, board_user, linked):
    store_ics_result(2025, **pay_gap(figure(17.7, "*", suppressed=True, reason="small number"), figure(4.2)))
    html = client_for(board_user).get(linked.get_absolute_url()).content.decode()
    assert "17.7" not in html
    assert "<strong>Not shown</strong>" in html


def test_linked_metrics_without_stored_results_are_listed_plainly(client_for, board_user, linked):
    html = client_for(board_user).get(linked.get_absolute_url()).content.decode()
    assert "No workforce metrics have been computed yet." in html
    assert "WRES 2: Relative likelihood of White applicants being appointed from shortlisting" in html
    assert "portal-chart" not in html


def test_a_priority_without_links_says_so(client_for, board_user, admin_user, org_priority):
    html = client_for(board_user).get(org_priority.get_absolute_url()).content.decode()
    assert "No workforce metrics are linked to this priority." in html
    assert "Admins can link them" not in html
    html = client_for(admin_user).get(org_priority.get_absolute_url()).content.decode()
    assert "Admins can link them on the" in html


def test_a_result_computed_with_a_lower_threshold_is_not_shown(client_for, board_user, linked):
    store_ics_result(2025, threshold=3, wres={"2": {"likelihood": likelihood(figure(1.56))}})
    html = client_for(board_user).get(linked.get_absolute_url()).content.decode()
    assert "1.56" not in html
    assert "No workforce metrics have been computed yet." in html


def test_each_linked_metric_links_to_its_dashboard_page(client_for, board_user, linked, results):
    html = client_for(board_user).get(linked.get_absolute_url()).content.decode()
    assert f'<a href="{reverse("reports:metric", args=["wres-2"])}">WRES 2:' in html


def test_every_catalogue_metric_can_be_shown(admin_user, org_priority, results):
    priority_metrics_set(priority=org_priority, metrics=[m.slug for m in METRICS], by=admin_user)
    shown = priority_metrics(org_priority)
    assert [m.definition.slug for m in shown.metrics] == [m.slug for m in METRICS]
    assert all(len(m.rows) == 2 for m in shown.metrics)
    units = {m.definition.slug: m.unit_words for m in shown.metrics}
    # A survey metric's headline is a difference in points, but its lines are each group's percentage.
    assert (units["wres-7"], units["wres-9"], units["wres-2"]) == (
        "per cent",
        "percentage points",
        "relative likelihood",
    )


def test_priority_page_queries_do_not_grow_with_the_years_or_metrics(
    client_for, board_user, admin_user, org_priority, django_assert_num_queries, django_assert_max_num_queries
):
    client = client_for(board_user)
    url = org_priority.get_absolute_url()
    client.get(url)  # warm up: session and permission caches
    with CaptureQueriesContext(connection) as without_links:
        client.get(url)
    priority_metrics_set(priority=org_priority, metrics=["wres-2"], by=admin_user)
    store_ics_result(2024, wres={"2": {"likelihood": likelihood(figure(1.2))}}, **pay_gap(figure(5.0), figure(4.0)))
    # The links come with the priority; every stored ICS result is read in one more query (two while the
    # results are not yet parsed in this process: their headers, then their JSON).
    with django_assert_max_num_queries(len(without_links.captured_queries) + 2):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    few_count = len(few.captured_queries)  # read now: the next request clears the query log
    priority_metrics_set(priority=org_priority, metrics=[m.slug for m in METRICS], by=admin_user)
    for year in range(2018, 2024):
        store_ics_result(year, wres={"2": {"likelihood": likelihood(figure(1.3))}}, **pay_gap(figure(5.0), figure(4.0)))
    client.get(url)  # parse the new results once, as a running portal has
    with django_assert_num_queries(few_count):
        assert client.get(url).status_code == 200


def test_the_priority_page_and_the_dashboard_compare_with_the_previous_reporting_year_alike(
    client_for, board_user, linked
):
    # 2024 has no figures: neither page may compare 2025 with 2023 and call it "the year before".
    store_ics_result(2023, wres={"2": {"likelihood": likelihood(figure(1.44))}})
    store_ics_result(2025, wres={"2": {"likelihood": likelihood(figure(1.56))}})
    client = client_for(board_user)
    priority_page = client.get(linked.get_absolute_url()).content.decode()
    metric_page = client.get(reverse("reports:metric", args=["wres-2"]), {"scope": "ics", "year": "2025"})
    for html in (priority_page, metric_page.content.decode()):
        assert "No figure for 2023/24" in html
        assert "Up 0.12" not in html
