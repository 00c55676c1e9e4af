"""/healthz, for a load balancer: public, JSON, 503 naming the failed check and nothing more."""

import pytest
from django.db import OperationalError, connections
from django.db.migrations.recorder import MigrationRecorder

from tests.factories import make_user


@pytest.mark.django_db
def test_it_answers_200_without_signing_in_when_every_check_passes(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "migrations": "ok"}}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_it_answers_503_when_the_database_cannot_be_reached(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "10.0.0.5", port 5432 failed: password authentication')

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "failing", "cache": "ok", "migrations": "failing"}
    assert "10.0.0.5" not in response.content.decode()
    assert "password" not in response.content.decode()


@pytest.mark.django_db
def test_it_answers_503_when_the_cache_does_not_keep_what_is_written(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "failing",
        "checks": {"database": "ok", "cache": "failing", "migrations": "ok"},
    }


@pytest.mark.django_db
def test_it_answers_503_when_a_migration_is_not_applied(client):
    MigrationRecorder(connections["default"]).record_unapplied("workforce", "0001_initial")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "migrations": "failing"}


@pytest.mark.django_db
def test_it_is_not_redirected_to_https_so_a_plain_http_probe_works(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/accessibility/").status_code == 301


@pytest.mark.django_db
def test_a_signed_in_user_gets_the_same_answer(client):
    client.force_login(make_user(None))
    assert client.get("/healthz").json()["status"] == "ok"
