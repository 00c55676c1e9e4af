"""A database that drops the connection or stays busy mid-request: a 503 saying to try again, never a 500."""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

from reports import api


def failing_view(exception):
    def view(*args, **kwargs):
        raise exception

    return view


@pytest.mark.django_db
@pytest.mark.parametrize(
    "exception", [OperationalError("database is locked"), InterfaceError("connection already closed")]
)
def test_a_page_answers_503_with_a_page_that_says_to_try_again(lead_user, monkeypatch, exception):
    client = Client(raise_request_exception=False)
    client.force_login(lead_user)
    monkeypatch.setattr("lsc_belonging.views.roles_of", failing_view(exception))
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "lost touch with its database" in response.content.decode()
    assert "database is locked" not in response.content.decode()


@pytest.mark.django_db
def test_an_api_request_answers_503_in_json(lead_user, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(lead_user)
    monkeypatch.setattr(api, "scopes", failing_view(OperationalError("server closed the connection")))
    response = client.get("/api/v1/scopes/")
    assert response.status_code == 503
    assert response.json() == {
        "error": "The database could not answer. Nothing was changed; try again in a few seconds."
    }


@pytest.mark.django_db
def test_any_other_error_is_still_the_ordinary_500_page(lead_user, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(lead_user)
    monkeypatch.setattr("lsc_belonging.views.roles_of", failing_view(ValueError("a bug")))
    response = client.get("/")
    assert response.status_code == 500
    assert "problem with the service" in response.content.decode()
