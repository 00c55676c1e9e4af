"""A priority's linked workforce metrics in the browser: readable and accessible, the form to link them too."""

import pytest
from playwright.sync_api import expect

from demo.users import create_demo_users
from objectives.services.plan_load import admin_plan_permissions_grant, plan_load
from organisations.services.reference_data import reference_data_load
from tests.browser.conftest import assert_accessible, sign_in
from tests.objectives.factories import figure, hidden_figure, likelihood, store_ics_result

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-Password-for-tests-1"


@pytest.fixture
def portal():
    """The real plan with its seeded links, and three years of ICS results (one figure hidden)."""
    reference_data_load()
    create_demo_users(PASSWORD)
    plan_load()
    admin_plan_permissions_grant()
    disabled = {"first_group": "Non-disabled applicants", "second_group": "disabled applicants"}
    for year, white, non_disabled in ((2023, 1.61, 1.20), (2024, 1.44, None), (2025, 1.31, 1.05)):
        wdes = figure(non_disabled) if non_disabled else hidden_figure()
        store_ics_result(
            year,
            wres={"2": {"likelihood": likelihood(figure(white))}},
            wdes={"2": {"likelihood": likelihood(wdes, **disabled)}},
        )


def test_board_member_reads_a_priorities_metrics(page, portal):
    sign_in(page, "demo.board@example.org", PASSWORD)
    page.goto("/plan/priorities/ORG-Y25-7/")
    section = page.locator("section", has_text="WRES 2: Relative likelihood of White applicants")
    expect(section.locator("dd").first).to_have_text("1.31")
    expect(section).to_contain_text("Down 0.13 from 1.44: better")
    expect(section.locator("svg.portal-chart")).to_be_visible()
    expect(section.locator("table")).to_contain_text("2022/23")
    disability = page.locator("section", has_text="WDES 2")
    expect(disability.locator("td").nth(1)).to_have_text("*")
    assert_accessible(page)


def test_admin_links_metrics_on_an_accessible_form(page, portal):
    sign_in(page, "demo.admin@example.org", PASSWORD)
    page.goto("/plan/priorities/ORG-Y1-6/edit/")
    assert_accessible(page)
    page.get_by_label("WRES 4: Relative likelihood of White staff accessing non-mandatory training").check()
    page.get_by_role("button", name="Save priority").click()
    expect(page.locator("h3", has_text="WRES 4")).to_be_visible()
    assert_accessible(page)
