"""Signed-in responses and downloads are never cached; the API answers every error in JSON."""

import pytest
from django.test import Client

from reports import api
from reports.api_auth import create_api_token

pytestmark = pytest.mark.django_db


def never_cached(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_signed_in_pages_and_downloads_are_never_cached(client_for, lead_user, board_user):
    client = client_for(lead_user)
    for url in ("/", "/figures/import/", "/figures/import/recruitment.csv"):
        response = client.get(url)
        assert response.status_code == 200 and never_cached(response), url
    client = client_for(board_user)
    response = client.get("/dashboards/board-pack.xlsx")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert never_cached(response)
    assert never_cached(client.get("/api/v1/"))


def test_api_answers_to_a_token_are_never_cached(client, board_user):
    _, raw = create_api_token(board_user, "Power BI")
    response = client.get("/api/v1/years/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200 and never_cached(response)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_requests_other_than_get_get_the_apis_json_error_not_the_csrf_page(board_user, method):
    client = Client(enforce_csrf_checks=True)
    client.force_login(board_user)
    response = getattr(client, method)("/api/v1/metrics/", data="{}", content_type="application/json")
    assert response.status_code == 405 and response["Content-Type"] == "application/json"
    assert response.json() == {"error": "Only GET is supported: the API is read-only."}


def test_an_unknown_api_address_is_a_json_404(client_for, board_user):
    response = client_for(board_user).get("/api/v1/nowhere/")
    assert response.status_code == 404 and response.json()["error"].startswith("There is no such API address")
    page = client_for(board_user).get("/nowhere/")
    assert page.status_code == 404 and "Page not found" in page.content.decode()


def test_a_server_error_in_the_api_is_a_json_500(board_user, monkeypatch):
    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setattr(api, "years", broken)
    client = Client(raise_request_exception=False)
    client.force_login(board_user)
    response = client.get("/api/v1/years/")
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert "Nothing was changed" in response.json()["error"]
