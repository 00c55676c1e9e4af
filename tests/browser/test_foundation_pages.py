"""Each demo user signs in and sees their home page; every foundation page passes axe-core."""

import pytest
from playwright.sync_api import expect

from demo.users import DEMO_USERS, create_demo_users
from organisations.services.reference_data import reference_data_load
from tests.browser.conftest import assert_accessible, axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-Password-for-tests-1"


@pytest.fixture
def demo_portal():
    reference_data_load()
    create_demo_users(DEMO_PASSWORD)


HOME_PAGE_TEXT = {
    "Admin": "As an administrator you can",
    "EDI lead": "As an EDI lead you can",
    "Board member": "As a People Board member you can",
}


@pytest.mark.parametrize("demo", DEMO_USERS, ids=[u.email for u in DEMO_USERS])
def test_each_demo_user_signs_in_and_sees_what_their_role_can_do(page, demo_portal, demo):
    sign_in(page, demo.email, DEMO_PASSWORD)
    assert page.url.endswith("/")
    assert page.locator("h1").inner_text() == "LSC Belonging Portal"
    assert HOME_PAGE_TEXT[demo.role.value] in page.locator("main").inner_text(), page.locator("main").inner_text()
    assert page.get_by_role("button", name="Sign out").is_visible()
    assert_accessible(page)


def test_pages_before_sign_in_are_accessible(page, demo_portal):
    for path in [
        "/accounts/login/",
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/MQ/bad-token/",
        "/accounts/reset/done/",
        "/accessibility/",
    ]:
        page.goto(path)
        assert_accessible(page)


def test_sign_in_errors_are_accessible_and_shown_in_a_summary(page, demo_portal):
    page.goto("/accounts/login/")
    page.click("button[type=submit]")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error: ")
    assert_accessible(page)


def test_admin_pages_are_accessible_including_their_errors(page, demo_portal):
    sign_in(page, "demo.admin@example.org", DEMO_PASSWORD)
    for path in [
        "/organisations/",
        "/organisations/lsc-icb/",
        "/organisations/add/",
        "/organisations/lsc-icb/edit/",
        "/places/",
        "/places/blackpool/",
        "/places/add/",
        "/places/blackpool/edit/",
        "/users/",
        "/users/add/",
        "/privacy/",
        "/accounts/password_change/",
        "/no-such-page/",
    ]:
        page.goto(path)
        assert_accessible(page)
    page.goto("/users/add/")
    page.click("button:has-text('Save user')")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.goto("/organisations/add/")
    page.click("button:has-text('Save organisation')")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_admin_adds_an_organisation_in_the_browser(page, demo_portal):
    sign_in(page, "demo.admin@example.org", DEMO_PASSWORD)
    page.goto("/organisations/add/")
    page.fill("#id_name", "Lancashire Hospice Partnership")
    page.fill("#id_short_name", "LHP")
    page.fill("#id_slug", "lancashire-hospice-partnership")
    page.select_option("#id_kind", "other")
    page.select_option("#id_place", label="Lancashire")
    page.click("button:has-text('Save organisation')")
    expect(page.locator("h1")).to_have_text("Lancashire Hospice Partnership")
    assert "has been saved" in page.content()
    assert_accessible(page)


def test_board_member_is_refused_management_pages(page, demo_portal):
    sign_in(page, "demo.board@example.org", DEMO_PASSWORD)
    response = page.goto("/organisations/add/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "You do not have access to this page"
    assert_accessible(page)


def test_axe_finds_a_real_violation(page, demo_portal):
    """Guards the accessibility checks themselves: a page with an unlabelled input must fail."""
    page.goto("/accessibility/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')")
    assert any(v["id"] == "label" for v in axe_violations(page))
