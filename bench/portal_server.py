"""The portal served by gunicorn on 127.0.0.1 against a scratch database: for bench/load.py and the
hardening tests (tests/hardening), which drive it over HTTP as people would.

    postgres_scratch(...)        a context manager: a new PostgreSQL database's URL, dropped afterwards
    database_prepare(env)        migrate, load the reference data and plan, add an EDI lead and a reader
    gunicorn_serve(url, ...)     a context manager: the server's address while it runs
    sign_in(...), progress_post(...), workers_rss_mb(...)
"""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import psycopg2
import requests

BASE_DIR = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
LEAD_EMAIL = "hardening.lead@example.org"
LEAD_PASSWORD = "Hardening-lead-2026"
READER_EMAIL = "hardening.board@example.org"
POSTGRES = os.environ.get("HARDENING_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")

# Run as `manage.py shell -c`: an EDI lead of one trust and a board member; prints the lead's items.
_SEED = f"""
import json
from objectives.models import PlanItem
from organisations.models import Organisation
from organisations.permissions import Role
from organisations.services.users import portal_user_save
from django.contrib.auth import get_user_model

trust = Organisation.objects.get(slug="blackpool-teaching-hospitals")
for email, role, organisations in (
    ("{LEAD_EMAIL}", Role.EDI_LEAD, [trust]),
    ("{READER_EMAIL}", Role.BOARD_MEMBER, []),
):
    existing = get_user_model().objects.filter(email=email).first()
    user = portal_user_save(
        user=existing, email=email, first_name="Hardening", last_name="Test", role=role,
        organisations=Organisation.objects.filter(pk__in=[o.pk for o in organisations]), ics_lead=False,
    )
    user.set_password("{LEAD_PASSWORD}")
    user.save(update_fields=["password"])
items = PlanItem.objects.filter(organisation=trust, is_active=True).order_by("pk")
print("SEED" + json.dumps([item.pk for item in items]))
"""


def server_env(database_url: str, media_root: str | Path, **extra: str) -> dict:
    """The environment of a production-like portal (DEBUG off) on plain HTTP at 127.0.0.1."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "hardening-only-secret-key-0123456789-abcdefghijklmnop",
        "PSEUDONYMISATION_KEY": os.environ.get("PSEUDONYMISATION_KEY") or "hardening-only-pseudonymisation-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "PLAIN_STATIC_STORAGE": "1",
        "MEDIA_ROOT": str(media_root),
        "LOG_LEVEL": "WARNING",
    }
    env.update(extra)
    return env


def manage(env: dict, *args: str, timeout: float = 600) -> str:
    """Run a manage.py command in a child process; return its output, raising when it fails."""
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def database_prepare(env: dict) -> list[int]:
    """Migrate the database, load the portal's reference data and plan and the two test accounts; return
    the ids of the lead's plan items."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "setup_portal")
    found = re.search(r"^SEED(.*)$", manage(env, "shell", "-c", _SEED), re.M)
    return json.loads(found.group(1))


@contextlib.contextmanager
def postgres_scratch(server_url: str = POSTGRES):
    """Create an empty PostgreSQL database on the server of `server_url`; yield its URL; drop it after."""
    admin = psycopg2.connect(server_url, connect_timeout=5)
    admin.autocommit = True
    name = f"lsc_scratch_{uuid.uuid4().hex[:10]}"
    try:
        with admin.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
        yield urlparse(server_url)._replace(path=f"/{name}").geturl()
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn_serve(env: dict, *, workers: int = 3, threads: int = 8, timeout: float = 60):
    """Serve the portal with gunicorn on a free port of 127.0.0.1; yield (base address, master process)."""
    port = free_port()
    command = [
        PYTHON, "-m", "gunicorn", "lsc_belonging.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--threads", str(threads), "--timeout", "120", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if requests.get(f"{base}/accounts/login/", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start (exit status {server.poll()})")
            time.sleep(0.3)
        yield base, server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def sign_in(base: str, email: str = LEAD_EMAIL, password: str = LEAD_PASSWORD) -> requests.Session:
    """A session signed in to the portal; raises when signing in fails."""
    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=30)
    answer = session.post(
        f"{base}/accounts/login/",
        data={"username": email, "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise RuntimeError(f"signing in as {email} answered {answer.status_code}")
    return session


def session_copy(session: requests.Session) -> requests.Session:
    """A new session (one per thread) with the same cookies: one person's browser tabs."""
    copy = requests.Session()
    copy.cookies.update(session.cookies)
    return copy


def progress_post(session: requests.Session, base: str, item: int, narrative: str) -> requests.Response:
    """Post a progress update to a plan item as the session's user; the answer, not followed."""
    data = {
        "status": "amber",
        "percent_complete": "40",
        "narrative": narrative,
        "next_steps": "",
        "evidence_links": "",
        "csrfmiddlewaretoken": session.cookies["csrftoken"],
    }
    return session.post(f"{base}/plan/items/{item}/updates/add/", data=data, allow_redirects=False, timeout=120)


def workers_rss_mb(master_pid: int) -> dict[int, float]:
    """Resident memory in MB of each gunicorn worker (the master's children), from /proc."""
    found = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        parent = re.search(r"^PPid:\s+(\d+)", text, re.M)
        rss = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
        if parent and rss and int(parent.group(1)) == master_pid:
            found[int(status.parent.name)] = int(rss.group(1)) / 1024
    return found
