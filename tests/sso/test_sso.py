"""Single sign-on end to end: the portal against a real OpenID Connect provider on 127.0.0.1.

Each test clicks through as a person would: the portal's NHS account button, the provider's sign-in page,
then back to the portal, which fetches and checks the ID token over HTTP.
"""

from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model

from organisations.permissions import Role
from tests.factories import make_user


def sign_in_with_nhs_account(client, provider, login, next_url=""):
    """Press the button, choose `login` at the provider, and return the portal's answer on the way back."""
    start = client.get("/accounts/sso/", {"next": next_url} if next_url else {})
    assert start.status_code == 302 and start["Location"].startswith(provider.issuer + "/authorize?")
    chosen = requests.post(start["Location"], data={"login": login}, allow_redirects=False, timeout=10)
    assert chosen.status_code == 302, chosen.text
    back = urlsplit(chosen.headers["Location"])
    assert back.path == "/accounts/sso/callback/"
    return client.get(f"{back.path}?{back.query}")


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_a_verified_address_signs_in_the_account_an_admin_created_ignoring_case(client, provider):
    user = make_user(Role.BOARD_MEMBER, email="jo.bloggs@nhs.net")
    provider.add_person("jo", email="Jo.Bloggs@NHS.net")
    response = sign_in_with_nhs_account(client, provider, "jo")
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_user_id(client) == str(user.pk)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_the_person_lands_on_the_page_they_asked_for_but_never_on_another_site(client, provider):
    make_user(Role.BOARD_MEMBER, email="jo.bloggs@nhs.net")
    provider.add_person("jo", email="jo.bloggs@nhs.net")
    assert sign_in_with_nhs_account(client, provider, "jo", next_url="/plan/")["Location"] == "/plan/"
    client.logout()
    assert sign_in_with_nhs_account(client, provider, "jo", next_url="https://evil.example/")["Location"] == "/"


@pytest.mark.django_db
def test_a_token_for_another_audience_is_refused(client, provider, caplog):
    make_user(Role.ADMIN, email="jo.bloggs@nhs.net")
    provider.add_person("jo", email="jo.bloggs@nhs.net")
    provider.audience = "another-application"
    response = sign_in_with_nhs_account(client, provider, "jo")
    assert response.status_code == 400
    assert "Signing in with your NHS account did not work" in response.content.decode()
    assert signed_in_user_id(client) is None
    assert "InvalidClaimError: invalid_claim: Invalid claim: 'aud'" in caplog.text


@pytest.mark.django_db
def test_an_expired_token_is_refused(client, provider, caplog):
    make_user(Role.ADMIN, email="jo.bloggs@nhs.net")
    provider.add_person("jo", email="jo.bloggs@nhs.net")
    provider.lifetime_seconds = -600  # beyond the two minutes of clock difference allowed
    response = sign_in_with_nhs_account(client, provider, "jo")
    assert response.status_code == 400
    assert signed_in_user_id(client) is None
    assert "ExpiredTokenError" in caplog.text


@pytest.mark.django_db
def test_an_unknown_address_gets_a_clear_page_and_no_account_is_created(client, provider):
    make_user(Role.ADMIN, email="someone.else@nhs.net")
    provider.add_person("new", email="new.starter@nhs.net")
    users_before = get_user_model().objects.count()
    response = sign_in_with_nhs_account(client, provider, "new")
    assert response.status_code == 403
    assert "There is no portal account for your email address" in response.content.decode()
    assert get_user_model().objects.count() == users_before
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize("verified", [False, None], ids=["email_verified false", "no email_verified claim"])
@pytest.mark.django_db
def test_an_unverified_address_does_not_sign_in_even_a_known_account(client, provider, verified):
    make_user(Role.ADMIN, email="jo.bloggs@nhs.net")
    provider.add_person("jo", email="jo.bloggs@nhs.net", email_verified=verified)
    response = sign_in_with_nhs_account(client, provider, "jo")
    assert response.status_code == 403
    assert "has not been verified" in response.content.decode()
    assert signed_in_user_id(client) is None


@pytest.mark.django_db
def test_an_issuer_trusted_for_its_addresses_needs_no_email_verified_claim(client, provider, settings):
    # Entra ID sends no email_verified: a single-tenant deployment trusts the addresses it issues.
    settings.OIDC_TRUST_EMAIL = True
    user = make_user(Role.ADMIN, email="jo.bloggs@nhs.net")
    provider.add_person("jo", email="jo.bloggs@nhs.net", email_verified=None)
    sign_in_with_nhs_account(client, provider, "jo")
    assert signed_in_user_id(client) == str(user.pk)


@pytest.mark.django_db
def test_a_closed_account_is_not_signed_in(client, provider):
    user = make_user(Role.ADMIN, email="jo.bloggs@nhs.net")
    user.is_active = False
    user.save()
    provider.add_person("jo", email="jo.bloggs@nhs.net")
    response = sign_in_with_nhs_account(client, provider, "jo")
    assert response.status_code == 403
    assert "Your portal account has been closed" in response.content.decode()


@pytest.mark.django_db
def test_an_answer_that_does_not_match_the_sign_in_the_portal_started_is_refused(client, provider, caplog):
    make_user(Role.ADMIN, email="jo.bloggs@nhs.net")
    provider.add_person("jo", email="jo.bloggs@nhs.net")
    start = client.get("/accounts/sso/")
    chosen = requests.post(start["Location"], data={"login": "jo"}, allow_redirects=False, timeout=10)
    query = urlsplit(chosen.headers["Location"]).query
    response = client.get("/accounts/sso/callback/?" + query.replace("state=", "state=forged"))
    assert response.status_code == 400
    assert signed_in_user_id(client) is None
    assert "MismatchingStateError" in caplog.text


@pytest.mark.django_db
def test_the_sign_in_page_offers_the_nhs_account_button_only_when_set_up(client, provider, settings):
    assert "Sign in with NHS account" in client.get("/accounts/login/").content.decode()
    settings.OIDC_RP_CLIENT_ID = ""
    assert "Sign in with NHS account" not in client.get("/accounts/login/").content.decode()
    assert client.get("/accounts/sso/").status_code == 404


@pytest.mark.django_db
def test_with_password_sign_in_off_only_the_nhs_account_signs_in(client, provider, settings):
    settings.PASSWORD_LOGIN_ENABLED = False
    user = make_user(Role.ADMIN, email="jo.bloggs@nhs.net")
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in with NHS account" in page and 'name="password"' not in page
    response = client.post("/accounts/login/", {"username": user.email, "password": "whatever-it-is-123"})
    assert response.status_code == 403
    assert "Signing in with a password is switched off" in response.content.decode()
    assert signed_in_user_id(client) is None
    assert client.get("/accounts/password_reset/").status_code == 404
    provider.add_person("jo", email="jo.bloggs@nhs.net")
    sign_in_with_nhs_account(client, provider, "jo")
    assert signed_in_user_id(client) == str(user.pk)


@pytest.mark.django_db
def test_the_provider_can_be_given_by_its_endpoints_instead_of_discovery(client, provider, settings):
    # For a provider without discovery, or to pin Entra ID's endpoints.
    settings.OIDC_OP_DISCOVERY_URL = ""
    settings.OIDC_OP_ISSUER = provider.issuer
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider.issuer}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider.issuer}/token"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider.issuer}/jwks"
    user = make_user(Role.EDI_LEAD, email="jo.bloggs@nhs.net")
    provider.add_person("jo", email="jo.bloggs@nhs.net")
    sign_in_with_nhs_account(client, provider, "jo")
    assert signed_in_user_id(client) == str(user.pk)
    provider.audience = "another-application"
    client.logout()
    assert sign_in_with_nhs_account(client, provider, "jo").status_code == 400


@pytest.mark.django_db
def test_a_provider_that_cannot_be_reached_gets_a_clear_page_not_an_error(client, provider, settings):
    settings.OIDC_OP_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"  # nothing listens
    response = client.get("/accounts/sso/")
    assert response.status_code == 502
    assert "Signing in with your NHS account did not work" in response.content.decode()
