"""Signing in with an NHS account in the browser: the portal's button, the provider's page, and back signed in."""

import pytest

from organisations.permissions import Role
from tests.browser.conftest import assert_accessible
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_signs_in_with_their_nhs_account_and_lands_on_the_page_they_asked_for(page, provider):
    make_user(Role.BOARD_MEMBER, email="jo.bloggs@nhs.net")
    provider.add_person("jo", email="Jo.Bloggs@nhs.net")
    page.goto("/plan/")
    assert "/accounts/login/" in page.url
    assert_accessible(page)
    page.get_by_role("button", name="Sign in with NHS account").click()
    page.wait_for_url(provider.issuer + "/authorize?*")
    page.select_option("#login", "jo")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/plan/")
    assert page.get_by_role("button", name="Sign out").is_visible()


def test_a_person_without_a_portal_account_reads_why_they_cannot_sign_in(page, provider):
    provider.add_person("new", email="new.starter@nhs.net")
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with NHS account").click()
    page.select_option("#login", "new")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/accounts/sso/callback/*")
    assert page.locator("h1").inner_text() == "You could not be signed in"
    assert "There is no portal account for your email address" in page.locator("main").inner_text()
    assert_accessible(page)
