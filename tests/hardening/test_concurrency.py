"""Concurrent writes against gunicorn: one EDI lead's 20 parallel progress updates all succeed, each once.

On the embedded SQLite database this failed with "database is locked" (HTTP 500) before WAL, immediate
transactions and a busy timeout; PostgreSQL must pass the same test. The figures are printed (`-s`).
"""

import statistics
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.portal_server import gunicorn_serve, progress_post, session_copy, sign_in

pytestmark = pytest.mark.slow
PARALLEL = 20


def test_parallel_progress_updates_by_one_lead_are_each_stored_once(portal_database):
    item = portal_database.items[0]
    tag = f"concurrency {uuid.uuid4().hex[:8]}"
    with gunicorn_serve(portal_database.env) as (base, _):
        session = sign_in(base)
        start = threading.Barrier(PARALLEL)

        def post(number):
            tab = session_copy(session)
            start.wait()
            began = time.perf_counter()
            answer = progress_post(tab, base, item, f"{tag} #{number}")
            return answer.status_code, time.perf_counter() - began

        began = time.perf_counter()
        with ThreadPoolExecutor(PARALLEL) as pool:
            answers = list(pool.map(post, range(PARALLEL)))
        elapsed = time.perf_counter() - began

    statuses = [status for status, _ in answers]
    seconds = sorted(duration for _, duration in answers)
    print(
        f"\n{portal_database.kind}: {PARALLEL} parallel progress updates in {elapsed:.2f} s; answers "
        f"{sorted(set(statuses))}; latency p50 {statistics.median(seconds):.2f} s, max {seconds[-1]:.2f} s"
    )
    assert not [status for status in statuses if status >= 500]
    assert statuses == [302] * PARALLEL  # every lead's submission accepted (saved, then redirected)
    stored = portal_database.query(
        "SELECT narrative, COUNT(*) FROM objectives_progressupdate WHERE narrative LIKE %s GROUP BY narrative",
        (f"{tag} #%",),
    )
    assert dict(stored) == {f"{tag} #{number}": 1 for number in range(PARALLEL)}
