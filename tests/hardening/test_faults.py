"""Faults: an import killed part-way leaves the previous snapshot whole; a request whose database connection
drops answers 503 (try again) and the next one succeeds; a file the reader stops on makes the import command
exit 1, not crash."""

import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg2
import pytest

from bench.portal_server import BASE_DIR, PYTHON, gunicorn_serve, manage, sign_in
from tests.workforce.esr_files import csv_text, row

pytestmark = pytest.mark.slow
FULL_SIZE = 93_840  # the LSC workforce's assignments in one extract
SNAPSHOT = "2025-03-31"


def esr_state(database) -> dict:
    """What the ESR tables hold: batches, snapshots and staff records per snapshot."""
    return {
        "batches": database.query("SELECT id, sha256, row_count, status FROM workforce_importbatch ORDER BY id"),
        "snapshots": database.query(
            "SELECT id, organisation_id, import_batch_id, row_count FROM workforce_snapshot ORDER BY id"
        ),
        "records": database.query(
            "SELECT snapshot_id, COUNT(*) FROM workforce_staffrecord GROUP BY snapshot_id ORDER BY snapshot_id"
        ),
    }


def backends_besides_mine(database) -> list[tuple]:
    return database.query(
        "SELECT pid, state, query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )


def test_an_import_killed_part_way_leaves_the_previous_snapshot_intact(postgres_portal, tmp_path):
    env = postgres_portal.env
    previous, full = tmp_path / "previous.csv", tmp_path / "full.csv"
    manage(env, "make_synthetic_esr", "--rows", "3000", "--seed", "7", "--out", str(previous))
    manage(env, "make_synthetic_esr", "--rows", str(FULL_SIZE), "--out", str(full))
    manage(env, "import_esr", str(previous), "--snapshot", SNAPSHOT, "--no-metrics")
    before = esr_state(postgres_portal)
    assert sum(count for _, count in before["records"]) == 3000

    command = [PYTHON, "manage.py", "import_esr", str(full), "--snapshot", SNAPSHOT, "--no-metrics"]
    importing = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while not any(str(query).startswith("COPY") for *_, query in backends_besides_mine(postgres_portal)):
        assert importing.poll() is None, "the import finished before it could be interrupted"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.05)
    time.sleep(1)  # well into the COPY of staff records
    assert importing.poll() is None
    importing.send_signal(signal.SIGKILL)
    importing.wait()
    deadline = time.monotonic() + 60
    while backends_besides_mine(postgres_portal):  # PostgreSQL rolls back once it sees the client gone
        assert time.monotonic() < deadline, "the killed import's transaction is still open"
        time.sleep(0.1)

    assert importing.returncode == -signal.SIGKILL
    assert esr_state(postgres_portal) == before


def test_the_next_request_succeeds_after_the_database_drops_the_connection(postgres_portal):
    with gunicorn_serve(postgres_portal.env, workers=1, threads=1) as (base, _):
        session = sign_in(base)
        assert session.get(f"{base}/plan/items/", timeout=60).status_code == 200
        dropped = postgres_portal.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert dropped, "the worker kept no connection open between requests"
        assert session.get(f"{base}/plan/items/", timeout=60).status_code == 200


def test_a_connection_dropped_mid_request_gets_a_503_to_try_again_and_the_next_request_succeeds(postgres_portal):
    with gunicorn_serve(postgres_portal.env, workers=1, threads=2) as (base, _):
        session = sign_in(base)
        assert session.get(f"{base}/plan/items/", timeout=60).status_code == 200
        # Hold the plan's items so the page's request waits on the lock, mid-request, with its connection open.
        holder = psycopg2.connect(postgres_portal.url)
        try:
            with holder.cursor() as cursor:
                cursor.execute("LOCK TABLE objectives_planitem IN ACCESS EXCLUSIVE MODE")
                with ThreadPoolExecutor(max_workers=1) as pool:
                    waiting = pool.submit(session.get, f"{base}/plan/items/", timeout=60)
                    deadline = time.monotonic() + 30
                    while not (blocked := waiting_on_a_lock(postgres_portal)):
                        assert time.monotonic() < deadline, "the request never reached the locked table"
                        time.sleep(0.05)
                    postgres_portal.query("SELECT pg_terminate_backend(%s)", (blocked[0],))
                    answer = waiting.result()
        finally:
            holder.rollback()
            holder.close()
        assert answer.status_code == 503
        assert answer.headers["Retry-After"] == "5"
        assert "lost touch with its database" in answer.text
        assert session.get(f"{base}/plan/items/", timeout=60).status_code == 200


def waiting_on_a_lock(database) -> list[int]:
    rows = database.query(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    return [pid for (pid,) in rows]


def test_the_import_command_exits_1_without_a_traceback_on_a_file_the_reader_stops_on(sqlite_portal, tmp_path):
    path = tmp_path / "esr.csv"
    path.write_text(csv_text([row(1)]) + '20000002,"never closed\r\n' + ("x" * 199 + "\r\n") * 700)
    for dry_run in (["--dry-run"], []):
        command = [PYTHON, "manage.py", "import_esr", str(path), "--snapshot", SNAPSHOT, *dry_run]
        done = subprocess.run(command, cwd=BASE_DIR, env=sqlite_portal.env, capture_output=True, text=True)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert "Line 3: a value runs on for more than 131,072 characters" in done.stderr
    assert sqlite_portal.query("SELECT COUNT(*) FROM workforce_importbatch") == [(0,)]
