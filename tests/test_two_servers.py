"""Two gunicorn servers on two ports, sharing PostgreSQL and Redis, as two hosts behind a load balancer would:
a change made through one is read through the other on the very next request, with the page cache shared.

Needs PostgreSQL (CI's DATABASE_URL; SQLite's test database lives in one process's memory) and Redis at
REDIS_URL or 127.0.0.1:6379 (.ci/run makes sure it runs)."""

import http.client
import re
import secrets
import socket
import subprocess
import sys
import time
from importlib import import_module
from pathlib import Path
from urllib.parse import urlencode

import pytest
import redis
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection

from objectives.models import PlanItem, Status
from objectives.services.plan_load import plan_load
from organisations.permissions import Role
from organisations.services.reference_data import reference_data_load
from tests.factories import make_user

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
REDIS_URL = "redis://127.0.0.1:6379/0"

pytestmark = pytest.mark.django_db(transaction=True)  # committed: the servers read it over their own connections


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, env: dict):
        self.port = _free_port()
        command = [GUNICORN, "lsc_belonging.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "1"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn stopped: {self.process.stderr.read().decode()[-2000:]}")
            try:
                self.request("GET", "/accounts/login/")
                return
            except OSError:
                time.sleep(0.2)
        pytest.fail("gunicorn did not answer within 60 s")

    def request(self, method, path, cookie="", body=None) -> tuple[int, str, dict]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": cookie}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        connection.close()
        return response.status, text, dict(response.getheaders())

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def shared_cache():
    if connection.vendor != "postgresql":
        pytest.skip("two servers share a database only on PostgreSQL (set DATABASE_URL, as CI does)")
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # fails the test, with the reason, when Redis is not running
    prefix = f"test-two-servers-{secrets.token_hex(4)}"
    yield client, prefix
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def servers(shared_cache):
    _, prefix = shared_cache
    database = connection.settings_dict
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "SECRET_KEY": settings.SECRET_KEY,
        "PSEUDONYMISATION_KEY": settings.PSEUDONYMISATION_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "PLAIN_STATIC_STORAGE": "1",
        "BOARD_PACK_BUILD_DELAY": "0",
        "LOG_LEVEL": "WARNING",
    }
    started = [Server(env), Server(env)]
    yield started
    for server in started:
        server.stop()


def _session_cookie(user) -> str:
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def test_a_progress_update_through_one_server_shows_on_the_next_dashboard_read_through_the_other(servers, shared_cache):
    cache, prefix = shared_cache
    reference_data_load()
    plan_load()
    item = PlanItem.objects.filter(organisation__isnull=False).select_related("priority").first()
    first, second = servers
    cookie = _session_cookie(make_user(Role.ADMIN))

    status, page, _ = second.request("GET", "/dashboards/", cookie)
    assert status == 200 and "No item in this scope is complete yet." in page
    assert len(list(cache.scan_iter(f"{prefix}:*dashboard:overview:*"))) == 1  # kept in the shared cache
    assert _main(first.request("GET", "/dashboards/", cookie)[1]) == _main(page)  # served from it by the other
    assert len(list(cache.scan_iter(f"{prefix}:*dashboard:overview:*"))) == 1

    status, form, headers = first.request("GET", f"/plan/items/{item.pk}/updates/add/", cookie)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    csrf_cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    update = {"csrfmiddlewaretoken": token, "status": Status.COMPLETE, "percent_complete": "100", "narrative": "Done"}
    status, _, headers = first.request(
        "POST", f"/plan/items/{item.pk}/updates/add/", f"{cookie}; csrftoken={csrf_cookie}", urlencode(update)
    )
    assert status == 302, "the progress update was not saved"

    status, page, _ = second.request("GET", "/dashboards/", cookie)
    assert status == 200 and "No item in this scope is complete yet." not in page and item.priority.code in page
