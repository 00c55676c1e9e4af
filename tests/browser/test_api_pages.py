"""The API's documentation page and the API access page: reachable from each other, accessible, no CSP errors."""

import pytest

from organisations.permissions import Role
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_board_member_finds_the_api_documentation_from_the_api_access_page(page):
    user = make_user(Role.BOARD_MEMBER)
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    sign_in(page, user.email)
    page.goto("/api/tokens/")
    assert_accessible(page)
    page.click("text=API documentation")
    assert page.url.endswith("/api/")
    assert page.locator("h1").inner_text() == "API documentation"
    assert_accessible(page)
    page.click("main >> text=API access page")
    assert page.url.endswith("/api/tokens/")
    assert console_errors == []
