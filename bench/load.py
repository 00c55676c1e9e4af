#!/usr/bin/env python3
"""A bounded soak: mixed reads and writes from many clients against gunicorn on PostgreSQL.

    .venv/bin/python bench/load.py [--minutes 5] [--clients 20] [--esr-rows 23460] [--postgres URL]

Makes a scratch PostgreSQL database on the server of --postgres (default postgres@127.0.0.1:5432, or
HARDENING_POSTGRES), loads the portal's reference data, the plan, a synthetic ESR extract (so the
dashboards have figures) and two accounts, then serves it with gunicorn on 127.0.0.1. Each client
signs in and, until the time is up, repeats a mix: dashboards, metric pages, the plan, an item, API
answers and (one request in five, for half of the clients, who are EDI leads) a progress update.
Prints requests, errors (5xx, connection failures or any unexpected status), p50/p95 latency per kind
and overall, and the resident memory of each gunicorn worker at the start and the end. Exits 1 on any
error. The database is dropped afterwards.
"""

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests  # noqa: E402

from bench.portal_server import (  # noqa: E402
    POSTGRES,
    READER_EMAIL,
    database_prepare,
    gunicorn_serve,
    manage,
    postgres_scratch,
    progress_post,
    server_env,
    sign_in,
    workers_rss_mb,
)

READS = [
    ("dashboard", "/dashboards/", 200),
    ("metric page", "/dashboards/metrics/wres-2/", 200),
    ("plan", "/plan/", 200),
    ("items", "/plan/items/", 200),
    ("api metrics", "/api/v1/metrics/", 200),
    ("api years", "/api/v1/years/", 200),
]


def client_run(base, *, lead: bool, items: list[int], until: float, think: float, record, number: int):
    """One person's session until the deadline: reads, and for a lead one write in five."""
    session = sign_in(base) if lead else sign_in(base, READER_EMAIL)
    chooser = random.Random(number)
    writes = 0
    while time.monotonic() < until:
        began = time.perf_counter()
        try:
            if lead and chooser.random() < 0.2:
                writes += 1
                kind, expected = "progress update", 302
                answer = progress_post(session, base, chooser.choice(items), f"soak client {number} write {writes}")
            else:
                kind, path, expected = chooser.choice(READS)
                if path == "/plan/items/" and chooser.random() < 0.5:
                    kind, path = "item", f"/plan/items/{chooser.choice(items)}/"
                answer = session.get(base + path, timeout=120)
            status = answer.status_code
        except requests.RequestException as error:
            status, expected = type(error).__name__, None
        record(kind, status, status == expected, time.perf_counter() - began)
        time.sleep(chooser.uniform(0, 2 * think))


def percentile(values, share):
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1] if len(values) > 1 else values[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (default 3)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument("--think-ms", type=float, default=100, help="mean pause between a client's requests")
    parser.add_argument("--esr-rows", type=int, default=23_460, help="synthetic ESR assignments loaded first")
    parser.add_argument("--postgres", default=POSTGRES, help="a PostgreSQL server URL (a scratch database is made)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder, postgres_scratch(args.postgres) as url:
        env = server_env(url, Path(folder) / "media")
        print(f"Preparing {url.rsplit('/', 1)[1]}: migrate, reference data, plan, {args.esr_rows:,} ESR rows…")
        items = database_prepare(env)
        extract = Path(folder) / "esr.csv"
        manage(env, "make_synthetic_esr", "--rows", str(args.esr_rows), "--out", str(extract))
        manage(env, "import_esr", str(extract), "--snapshot", "2025-03-31")

        samples = defaultdict(list)
        failures = Counter()
        lock = threading.Lock()

        def record(kind, status, ok, seconds):
            with lock:
                samples[kind].append(seconds)
                if not ok:
                    failures[f"{kind}: {status}"] += 1

        with gunicorn_serve(env, workers=args.workers, threads=args.threads) as (base, server):
            warm = sign_in(base, READER_EMAIL)
            for _, path, _ in READS:
                warm.get(base + path, timeout=120)  # each worker's first page builds caches; not measured
            rss_start = workers_rss_mb(server.pid)
            until = time.monotonic() + args.minutes * 60
            print(
                f"Soak: {args.clients} clients ({args.clients // 2} EDI leads writing) for {args.minutes:g} min "
                f"against gunicorn ({args.workers} workers × {args.threads} threads) at {base}"
            )
            clients = [
                threading.Thread(
                    target=client_run,
                    args=(base,),
                    kwargs={
                        "lead": number % 2 == 0,
                        "items": items,
                        "until": until,
                        "think": args.think_ms / 1000,
                        "record": record,
                        "number": number,
                    },
                )
                for number in range(args.clients)
            ]
            began = time.perf_counter()
            for client in clients:
                client.start()
            for client in clients:
                client.join()
            elapsed = time.perf_counter() - began
            rss_end = workers_rss_mb(server.pid)

    every = [seconds for values in samples.values() for seconds in values]
    errors = sum(failures.values())
    print(f"\nRequests: {len(every):,} in {elapsed:.0f} s ({len(every) / elapsed:.1f}/s); errors: {errors}")
    for kind, failed in sorted(failures.items()):
        print(f"  error {kind} ×{failed}")
    print(f"{'kind':<18}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for kind, values in sorted(samples.items()):
        print(f"{kind:<18}{len(values):>9,}{percentile(values, 50) * 1000:>9.0f}{percentile(values, 95) * 1000:>9.0f}")
    print(f"{'all':<18}{len(every):>9,}{percentile(every, 50) * 1000:>9.0f}{percentile(every, 95) * 1000:>9.0f}")
    print("Worker memory (RSS, MB), start → end:")
    for pid in sorted(set(rss_start) | set(rss_end)):
        start, end = rss_start.get(pid), rss_end.get(pid)
        shown = [f"{value:.0f}" if value is not None else "(not running)" for value in (start, end)]
        print(f"  worker {pid}: {shown[0]} → {shown[1]}")
    print(f"  total: {sum(rss_start.values()):.0f} → {sum(rss_end.values()):.0f}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
