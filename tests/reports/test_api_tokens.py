import pytest
from django.http import JsonResponse
from django.test import RequestFactory
from django.urls import reverse

from reports.api_auth import api_view, create_api_token, revoke_api_token
from reports.models import ApiToken


@api_view
def whoami(request):
    return JsonResponse({"user": request.user.username})


def call(rf, user=None, token=None, method="get"):
    from django.contrib.auth.models import AnonymousUser

    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    request = getattr(rf, method)("/api/v1/x", **headers)
    request.user = user or AnonymousUser()
    return whoami(request)


@pytest.fixture
def rf():
    return RequestFactory()


@pytest.mark.django_db
def test_token_is_stored_only_as_a_digest(board_user):
    token, raw = create_api_token(board_user, "Power BI")
    assert raw not in {token.key_digest, token.key_prefix}
    assert not ApiToken.objects.filter(key_digest=raw).exists()


@pytest.mark.django_db
def test_valid_token_reads_as_its_owner(rf, board_user):
    _, raw = create_api_token(board_user, "Power BI")
    response = call(rf, token=raw)
    assert response.status_code == 200
    assert board_user.username in response.content.decode()


@pytest.mark.django_db
def test_revoked_token_and_closed_account_are_refused(rf, board_user):
    token, raw = create_api_token(board_user, "Power BI")
    revoke_api_token(token)
    assert call(rf, token=raw).status_code == 401
    _, raw2 = create_api_token(board_user, "Excel")
    board_user.is_active = False
    board_user.save()
    assert call(rf, token=raw2).status_code == 401


@pytest.mark.django_db
def test_no_credentials_gets_401_with_a_bearer_challenge(rf):
    response = call(rf)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
def test_api_is_read_only(rf, board_user):
    assert call(rf, user=board_user, method="post").status_code == 405


@pytest.mark.django_db
def test_account_without_role_is_refused(rf, roleless_user):
    assert call(rf, user=roleless_user).status_code == 403


@pytest.mark.django_db
def test_user_creates_a_token_and_sees_it_once(client_for, board_user):
    client = client_for(board_user)
    response = client.post(reverse("reports:api_tokens"), {"name": "Power BI"})
    html = response.content.decode()
    raw = html.split('id="new-token">')[1].split("<")[0]
    assert raw.startswith("lsc_")
    assert raw not in client.get(reverse("reports:api_tokens")).content.decode()


@pytest.mark.django_db
def test_user_cannot_revoke_someone_elses_token(client_for, board_user, lead_user):
    token, _ = create_api_token(lead_user, "Theirs")
    response = client_for(board_user).post(reverse("reports:api_token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.is_active
