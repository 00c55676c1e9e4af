"""One JSON line per request, with the user's id and never their email address or the query string."""

import json
import logging

import pytest
from django.conf import settings

from lsc_belonging.request_log import JsonLineFormatter
from tests.factories import make_user


@pytest.fixture
def request_lines(caplog):
    """The request log lines written so far, each parsed from JSON as the production formatter writes it."""
    caplog.set_level(logging.INFO, logger="lsc_belonging.requests")
    caplog.handler.setFormatter(JsonLineFormatter())

    def lines():
        return [
            json.loads(caplog.handler.format(record))
            for record in caplog.records
            if record.name == "lsc_belonging.requests"
        ]

    return lines


@pytest.mark.django_db
def test_a_signed_in_request_is_logged_with_the_user_id_and_not_the_email(client, request_lines):
    user = make_user(None, email="Jo.Bloggs@example.nhs.uk")
    client.force_login(user)
    response = client.get("/?search=jo.bloggs%40example.nhs.uk")
    [line] = request_lines()
    assert line["method"] == "GET"
    assert line["path"] == "/"
    assert line["status"] == 200
    assert line["user_id"] == user.pk
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert line["request_id"] == response["X-Request-ID"]
    assert line["level"] == "INFO"
    assert line["message"].startswith("GET / 200 ")
    text = json.dumps(line).lower()
    assert "jo.bloggs" not in text
    assert "search" not in text


@pytest.mark.django_db
def test_an_anonymous_request_is_logged_with_no_user_and_its_redirect(client, request_lines):
    client.get("/plan/")
    [line] = request_lines()
    assert (line["path"], line["status"], line["user_id"]) == ("/plan/", 302, None)


@pytest.mark.django_db
def test_a_request_id_from_the_proxy_is_kept_and_a_forged_one_replaced(client, request_lines):
    client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.91"})
    client.get("/healthz", headers={"X-Request-ID": 'x" injected\nline'})
    first, second = request_lines()
    assert first["request_id"] == "lb-7f3a.91"
    assert len(second["request_id"]) == 32 and "injected" not in second["request_id"]


@pytest.mark.django_db
def test_a_password_reset_link_is_logged_by_its_route_not_its_secret(client, request_lines):
    client.get("/accounts/reset/MQ/c1x2y3-0123456789abcdef0123456789abcdef/")
    [line] = request_lines()
    assert line["path"] == "/accounts/reset/<uidb64>/<token>/"


def test_production_logging_writes_json_lines_to_the_console():
    # pytest runs with DEBUG off, as production does.
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"
    assert settings.MIDDLEWARE[0] == "lsc_belonging.request_log.RequestLogMiddleware"
