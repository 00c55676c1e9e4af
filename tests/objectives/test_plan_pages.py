"""The plan pages through the test client: access by role, filters in the URL, managing priorities."""

import pytest
from django.urls import reverse

from objectives.models import EqualityStandard, Priority, ReportingRound, Status
from tests.objectives.factories import make_round, make_update


@pytest.fixture
def pages(own_item, other_item, ics_item, place_item):
    """Every read-only page of the plan, as (url name, kwargs)."""
    update = make_update(own_item, Status.AMBER, 30)
    reporting_round = make_round(name="Quarter 1 2026/27")
    EqualityStandard.objects.create(slug="veteran-aware", name="Veteran Aware", short_name="VA", kind="accreditation")
    return {
        "read": [
            ("objectives:plan", {}),
            ("objectives:plan_by_level", {}),
            ("objectives:plan_by_period", {}),
            ("objectives:measures", {}),
            ("objectives:objective_detail", {"number": 1}),
            ("objectives:priority_detail", {"code": "ORG-T-1"}),
            ("objectives:priority_history", {"code": "ORG-T-1"}),
            ("objectives:item_list", {}),
            ("objectives:item_detail", {"pk": own_item.pk}),
            ("objectives:item_history", {"pk": own_item.pk}),
            ("objectives:round_list", {}),
            ("objectives:round_detail", {"pk": reporting_round.pk}),
            ("objectives:accreditation_overview", {}),
            ("objectives:organisation_accreditations", {"slug": "own-trust"}),
            ("objectives:accreditation_detail", {"slug": "own-trust", "standard": "veteran-aware"}),
        ],
        "admin": [
            ("objectives:priority_add", {}),
            ("objectives:priority_edit", {"code": "ORG-T-1"}),
            ("objectives:priority_retire", {"code": "ORG-T-1"}),
            ("objectives:item_assign", {"pk": own_item.pk}),
            ("objectives:round_open", {}),
            ("objectives:round_edit", {"pk": reporting_round.pk}),
            ("objectives:round_close", {"pk": reporting_round.pk}),
        ],
        "update": update,
    }


@pytest.mark.django_db
def test_every_plan_page_sends_anonymous_visitors_to_sign_in(client, pages):
    for name, kwargs in pages["read"] + pages["admin"] + [("objectives:my_updates", {})]:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["admin_user", "lead_user", "ics_lead_user", "board_user"])
def test_every_role_reads_the_plan(client_for, request, pages, fixture):
    client = client_for(request.getfixturevalue(fixture))
    for name, kwargs in pages["read"]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name


@pytest.mark.django_db
def test_account_without_a_role_reads_nothing(client_for, roleless_user, pages):
    client = client_for(roleless_user)
    for name, kwargs in pages["read"] + pages["admin"] + [("objectives:my_updates", {})]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 403, name


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["lead_user", "ics_lead_user", "board_user"])
def test_only_admins_reach_plan_management_pages(client_for, request, pages, fixture):
    client = client_for(request.getfixturevalue(fixture))
    for name, kwargs in pages["admin"]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 403, name
        assert client.post(reverse(name, kwargs=kwargs), {"title": "x", "reason": "x"}).status_code == 403, name


@pytest.mark.django_db
def test_admin_reaches_every_management_page(client_for, admin_user, pages):
    client = client_for(admin_user)
    for name, kwargs in pages["admin"]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name


@pytest.mark.django_db
def test_plan_by_objective_shows_each_priority_with_its_status(client_for, board_user, pages):
    html = client_for(board_user).get(reverse("objectives:plan")).content.decode()
    assert "Objective 1</a>: Objective 1 title" in html
    assert "ORG-T-1" in html and "ICS-T-1" in html and "PL-T-1" in html
    # Status has its words and an icon, never colour alone.
    assert 'nhsuk-tag--orange portal-status-tag"><svg' in html and "Amber</strong>" in html
    assert "No update yet" in html


@pytest.mark.django_db
def test_scope_filter_lives_in_the_url(client_for, board_user, pages):
    html = (
        client_for(board_user).get(reverse("objectives:plan_by_level") + "?organisation=other-trust").content.decode()
    )
    assert "Progress for Other Trust" in html
    assert '<option value="other-trust" selected>' in html


@pytest.mark.django_db
def test_item_filters_live_in_the_url(client_for, board_user, pages):
    client = client_for(board_user)
    url = reverse("objectives:item_list")
    html = client.get(url + "?organisation=own-trust&status=amber").content.decode()
    assert "1 item matches the filters" in html
    html = client.get(url + "?status=no_update&level=organisation").content.decode()
    # Other Trust and the ICB (a partner organisation too) have not reported on ORG-T-1.
    assert "2 items match the filters" in html
    assert "Other Trust" in html and "Test ICB" in html
    html = client.get(url + "?level=ics").content.decode()
    assert "ICS-T-1" in html and "ORG-T-1</a>" not in html
    html = client.get(url + "?overdue=1").content.decode()
    assert "0 items match the filters" in html  # the round is not yet due


@pytest.mark.django_db
def test_overdue_filter(client_for, board_user, pages):
    ReportingRound.objects.update(due_on="2020-01-01", opened_at="2019-12-01T00:00:00Z")
    html = client_for(board_user).get(reverse("objectives:item_list") + "?overdue=1").content.decode()
    # Nothing was updated in the round, so all five tracked items are overdue.
    assert "5 items match the filters" in html
    assert html.count("Overdue</strong>") == 5


@pytest.mark.django_db
def test_bad_filter_values_show_the_error_summary(client_for, board_user, pages):
    html = (
        client_for(board_user).get(reverse("objectives:item_list") + "?status=purple&place=atlantis").content.decode()
    )
    assert "<title>Error: " in html
    assert "There is a problem" in html
    assert 'href="#id_status"' in html


@pytest.mark.django_db
def test_item_list_paginates_and_keeps_filters_in_page_links(client_for, board_user, org_priority):
    from tests.factories import make_organisation

    for n in range(30):
        make_organisation(name=f"Trust {n:02d}", slug=f"trust-{n:02d}")
    html = client_for(board_user).get(reverse("objectives:item_list") + "?level=organisation").content.decode()
    assert "30 items match the filters" in html
    assert "?level=organisation&amp;page=2" in html


@pytest.mark.django_db
def test_admin_adds_a_priority_in_the_portal(client_for, admin_user, objective, own_org, other_org):
    response = client_for(admin_user).post(
        reverse("objectives:priority_add"),
        {
            "level": "organisation",
            "period": "years-2-5",
            "title": "Publish an ethnicity pay gap report",
            "objectives": [objective.pk],
            "objective_rationale": "Pay equity",
        },
    )
    priority = Priority.objects.get(title="Publish an ethnicity pay gap report")
    assert response.status_code == 302
    assert response["Location"] == priority.get_absolute_url()
    assert priority.items.count() == 2
    assert priority.history.first().history_user == admin_user


@pytest.mark.django_db
def test_invalid_priority_form_shows_errors_and_keeps_input(client_for, admin_user, objective):
    html = (
        client_for(admin_user)
        .post(reverse("objectives:priority_add"), {"level": "ics", "title": "Kept wording"})
        .content.decode()
    )
    assert "<title>Error: " in html
    assert "Select the period" in html
    assert "Select at least one objective the priority serves" in html
    assert "Kept wording" in html
    assert not Priority.objects.filter(title="Kept wording").exists()


@pytest.mark.django_db
def test_lead_cannot_add_a_priority_by_posting_the_form(client_for, ics_lead_user, objective):
    response = client_for(ics_lead_user).post(
        reverse("objectives:priority_add"),
        {"level": "ics", "period": "year-1", "title": "Sneaky", "objectives": [objective.pk]},
    )
    assert response.status_code == 403
    assert not Priority.objects.filter(title="Sneaky").exists()


@pytest.mark.django_db
def test_admin_edits_and_retires_a_priority(client_for, admin_user, own_item, objective):
    client = client_for(admin_user)
    priority = own_item.priority
    response = client.post(
        reverse("objectives:priority_edit", args=[priority.code]),
        {
            "period": "years-2-5",
            "title": "Reworded",
            "objectives": [objective.pk],
            "organisations": [own_item.organisation.pk],
        },
    )
    assert response.status_code == 302
    priority.refresh_from_db()
    assert (priority.title, priority.period) == ("Reworded", "years-2-5")
    html = client.post(reverse("objectives:priority_retire", args=[priority.code]), {}).content.decode()
    assert "Enter why the priority is being retired" in html
    client.post(reverse("objectives:priority_retire", args=[priority.code]), {"reason": "Done across the ICS"})
    priority.refresh_from_db()
    assert priority.is_retired
    assert "Reworded" not in client.get(reverse("objectives:plan")).content.decode()
    assert "Retired priorities" in client.get(reverse("objectives:plan_by_level")).content.decode()
    client.post(reverse("objectives:priority_reinstate", args=[priority.code]))
    priority.refresh_from_db()
    assert not priority.is_retired


@pytest.mark.django_db
def test_admin_names_an_items_lead(client_for, admin_user, lead_user, own_item):
    response = client_for(admin_user).post(
        reverse("objectives:item_assign", args=[own_item.pk]), {"lead": lead_user.pk}
    )
    assert response.status_code == 302
    own_item.refresh_from_db()
    assert own_item.lead == lead_user


@pytest.mark.django_db
def test_a_lead_of_another_organisation_cannot_be_named(client_for, admin_user, other_lead, own_item):
    html = (
        client_for(admin_user)
        .post(reverse("objectives:item_assign", args=[own_item.pk]), {"lead": other_lead.pk})
        .content.decode()
    )
    assert "Select a valid choice" in html
    own_item.refresh_from_db()
    assert own_item.lead is None


@pytest.mark.django_db
def test_my_updates_lists_what_is_due_and_overdue(client_for, lead_user, own_item, other_item):
    make_round(name="Quarter 3 2026/27", due_in_days=-1)
    html = client_for(lead_user).get(reverse("objectives:my_updates")).content.decode()
    assert "Overdue (1)" in html
    assert f'href="/plan/items/{own_item.pk}/updates/add/"' in html
    assert "Other Trust" not in html


@pytest.mark.django_db
def test_board_members_have_no_my_updates_page(client_for, board_user):
    assert client_for(board_user).get(reverse("objectives:my_updates")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fixture, expected",
    [
        (
            "admin_user",
            [
                "Home",
                "Dashboards",
                "The plan",
                "Accreditations",
                "EDS 2022",
                "Reporting rounds",
                "Organisations",
                "Users",
                "ESR imports",
            ],
        ),
        ("lead_user", ["Home", "My updates", "Dashboards", "The plan", "Accreditations", "EDS 2022", "Organisations"]),
        ("board_user", ["Home", "Dashboards", "The plan", "Accreditations", "EDS 2022", "Organisations"]),
    ],
)
def test_navigation_for_each_role(client_for, request, fixture, expected):
    response = client_for(request.getfixturevalue(fixture)).get(reverse("objectives:plan"))
    assert [item.label for item in response.context["nav_items"]] == expected
    assert [item.label for item in response.context["nav_items"] if item.current] == ["The plan"]


@pytest.mark.django_db
def test_only_the_most_specific_navigation_item_is_current(client_for, lead_user):
    response = client_for(lead_user).get(reverse("objectives:my_updates"))
    current = [item.label for item in response.context["nav_items"] if item.current]
    assert current == ["My updates"]


@pytest.mark.django_db
def test_home_page_links_each_role_to_the_plan(client_for, lead_user, board_user, admin_user):
    assert reverse("objectives:my_updates") in client_for(lead_user).get("/").content.decode()
    assert reverse("objectives:plan") in client_for(board_user).get("/").content.decode()
    assert reverse("objectives:round_list") in client_for(admin_user).get("/").content.decode()
