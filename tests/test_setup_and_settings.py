"""The setup command is idempotent, and production settings pass Django's deployment checks."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from organisations.models import Membership, Organisation, Place
from workforce.models import CatchmentArea

BASE_DIR = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
def test_setup_portal_loads_places_and_organisations_once(settings):
    settings.DEBUG = True
    call_command("setup_demo", "--password", "first-Password-123")
    counts = (
        Place.objects.count(),
        Organisation.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
    )
    call_command("setup_demo", "--password", "second-Password-123")
    assert (
        Place.objects.count(),
        Organisation.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
    ) == counts
    assert set(Place.objects.values_list("name", flat=True)) == {
        "Blackpool",
        "Blackburn with Darwen",
        "Lancashire",
        "South Cumbria",
    }
    assert Organisation.objects.get(ods_code="RXL").place.name == "Blackpool"
    assert Organisation.objects.get(kind="icb").ods_code == "QE1"
    assert get_user_model().objects.get(username="demo.board@example.org").check_password("second-Password-123")


@pytest.mark.django_db
def test_unchanged_reference_data_writes_no_history():
    call_command("setup_portal")
    before = Organisation.history.count(), CatchmentArea.history.count()
    call_command("setup_portal")
    assert (Organisation.history.count(), CatchmentArea.history.count()) == before


@pytest.mark.django_db
def test_setup_portal_stores_each_esr_organisations_default_catchment_once():
    out = io.StringIO()
    call_command("setup_portal", stdout=out)
    assert "Census catchments: the default loaded for 7 organisations." in out.getvalue()
    elht = CatchmentArea.objects.filter(organisation__slug="east-lancashire-hospitals")
    assert elht.count() == 6
    elht.first().delete()  # an admin's change stands when setup runs again
    call_command("setup_portal", stdout=io.StringIO())
    assert elht.count() == 5


@pytest.mark.django_db
def test_demo_users_are_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only created when DEBUG is on"):
        call_command("setup_demo")
    assert not get_user_model().objects.exists()


def _manage(args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "PSEUDONYMISATION_KEY",
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "SECURE_COOKIES",
            "PLAIN_STATIC_STORAGE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "DATABASE_URL",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "-production-like-secret-key-with-enough-entropy-9f8e7d6c5b4a",
    "PSEUDONYMISATION_KEY": "production-like-pseudonymisation-key",
    "ALLOWED_HOSTS": "belonging.example.nhs.uk",
    "DATABASE_URL": "sqlite:////tmp/lsc-check-deploy.sqlite3",
}


def test_production_settings_pass_check_deploy_without_warnings():
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage(["check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_password_sign_in_cannot_be_switched_off_without_single_sign_on():
    result = _manage(["check"], {**PRODUCTION_ENV, "PASSWORD_LOGIN_ENABLED": "0"})
    assert result.returncode != 0
    assert "PASSWORD_LOGIN_ENABLED=0 needs single sign-on" in result.stderr
    sso = {
        "OIDC_RP_CLIENT_ID": "portal",
        "OIDC_OP_DISCOVERY_URL": "https://login.example/.well-known/openid-configuration",
    }
    assert _manage(["check"], {**PRODUCTION_ENV, "PASSWORD_LOGIN_ENABLED": "0", **sso}).returncode == 0
