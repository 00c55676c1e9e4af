"""Signing in, lockout after repeated failures, and password reset."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.mark.django_db
def test_sign_in_with_email_and_password(client, board_user):
    response = client.post(reverse("login"), {"username": board_user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_wrong_password_shows_a_clear_error(client, board_user):
    response = client.post(reverse("login"), {"username": board_user.username, "password": "wrong"})
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()


@pytest.mark.django_db
def test_account_is_locked_after_five_failures_even_with_the_right_password(client, board_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": board_user.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": board_user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Signing in is paused" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_spraying_from_one_address_is_paused_across_usernames(client, board_user, settings):
    login = reverse("login")
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": f"person{n}@example.org", "password": "Winter2026!"})
        assert response.status_code == 200, n
    # Below the address's limit, a person signing in from the same address is not affected.
    assert client.post(login, {"username": board_user.username, "password": PASSWORD}).status_code == 302
    client.logout()
    client.post(login, {"username": "another@example.org", "password": "Winter2026!"})
    response = client.post(login, {"username": board_user.username, "password": PASSWORD})
    page = response.content.decode()
    assert response.status_code == 429 and "Signing in is paused" in page
    assert "Try again after" in page and "30 minutes from now" in page
    assert int(response["Retry-After"]) == 30 * 60
    assert "_auth_user_id" not in client.session
    # Another address is not paused.
    other = client.post(login, {"username": board_user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.django_db
def test_password_reset_sends_an_email_with_a_working_link(client, board_user):
    response = client.post(reverse("password_reset"), {"email": board_user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    assert "Choose a new password" in response.content.decode()


@pytest.mark.django_db
def test_sign_out_ends_the_session(client_for, board_user):
    client = client_for(board_user)
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_accessibility_statement_is_public(client):
    assert client.get(reverse("accessibility")).status_code == 200


@pytest.mark.django_db
def test_admin_site_refuses_non_admins_without_a_redirect_loop(client_for, board_user):
    response = client_for(board_user).get("/admin/", follow=True)
    assert response.status_code == 403
