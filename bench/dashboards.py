#!/usr/bin/env python3
"""Benchmark the dashboards under load, served by gunicorn on PostgreSQL, against a trivial page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lsc_bench .venv/bin/python bench/dashboards.py \
        [--requests 400] [--concurrency 8] [--workers 2] [--skip-load]

Prepares (not timed, skipped with --skip-load): migrates the database, runs `setup_portal` (places,
organisations, the plan), and unless they are already held, loads five annual synthetic ESR snapshots
(31 March 2021 to 2025) of 93,840 staff each with `make_synthetic_esr` and `import_esr --no-metrics`, then
runs `recompute_metrics --stale` once. It always collects the static files (WhiteNoise serves them
from their manifest when DEBUG is off), creates a benchmark board member and a session for them.

Then it serves the portal with gunicorn on a free port of 127.0.0.1, as in production but over plain
http: DEBUG off, benchmark-only SECRET_KEY and PSEUDONYMISATION_KEY, and the documented switches
SECURE_SSL_REDIRECT=0, SECURE_COOKIES=0 and SECURE_HSTS_SECONDS=0 (loopback has no TLS). Two sync
workers by default, one per core of the 2-core machine it was written for: the clients and PostgreSQL
run on the same cores, so more workers would only take turns on them.

Load, after warm-up requests: a fixed number of GET requests from several concurrent clients (Python
threads, one new connection per request, since gunicorn's sync workers close it after each response),
signed in with the session cookie, against
  (a) a trivial page that needs sign-in and does no real work (the password change form);
  (b) the overview dashboard and a metric page, alternately, each for the ICS, every place and every
      organisation in turn, so that no one cached page is all that is measured;
measured in rounds that alternate a and b (4 by default), so that other work on the machine weighs on
both alike.
Every response must be 200: a redirect to the sign-in page or any error fails the run (exit status 1).
It prints requests per second and p50/p95 latency of each, and the throughput ratio b/a. Targets
(issue 5): b/a at least 0.5, p95 of the dashboards under 300 ms; a missed target is reported, not
turned into a failing exit status. The database must be PostgreSQL and may be written to.

The workers share a Redis cache (--redis-url, under this run's own key prefix, removed at the end). The load
above is the warm case; then the cold case (issue 14): the dashboard URLs one at a time (--cold-requests),
this run's cache keys deleted before each. It prints p50/p95 of both; target: cold p95 under 150 ms.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from bench.portal_server import gunicorn_serve  # noqa: E402

PYTHON = sys.executable
SNAPSHOT_DATES = [f"{year}-03-31" for year in range(2021, 2026)]
STAFF = 93_840  # assignments in each snapshot, across the ESR organisations
BENCH_USER = "bench.board@example.org"
TARGET_RATIO = 0.5
TARGET_P95_MS = 300
TARGET_COLD_P95_MS = 150

# Production settings over plain http on loopback, with keys that are for this benchmark only.
SERVE_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-only-secret-key-never-use-elsewhere-bench-dashboards-0123456789",
    "PSEUDONYMISATION_KEY": "benchmark-only-pseudonymisation-key-bench-dashboards",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "SECURE_HSTS_SECONDS": "0",
    "LOG_LEVEL": "WARNING",
}

HELD = """
import json
from workforce.models import Snapshot, StaffRecord
print(json.dumps({day: [Snapshot.objects.filter(snapshot_date=day).count(),
                        StaffRecord.objects.filter(snapshot__snapshot_date=day).count()] for day in %r}))
"""

SIGN_IN = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from workforce.models import MetricResult
from organisations.permissions import Role
from organisations.services.users import portal_user_save
from django.contrib.auth import get_user_model

user = portal_user_save(user=get_user_model().objects.filter(username=%(email)r).first(), email=%(email)r,
                        first_name="Benchmark", last_name="Board member", role=Role.BOARD_MEMBER)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = user._meta.pk.value_to_string(user)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
years = sorted(set(MetricResult.objects.values_list("year", flat=True)))
year = %(year)s or (years[-1] if years else None)
keys = set(MetricResult.objects.filter(year=year).values_list("scope_key", flat=True))
scopes = [key for kind in ("ics", "place", "organisation") for key in sorted(keys) if key.split(":")[0] == kind]
with connection.cursor() as cursor:
    cursor.execute("SELECT version()")
    version = cursor.fetchone()[0].split(" on ")[0]
print(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "session": session.session_key, "year": year,
                  "years": years, "scopes": scopes, "database": version}))
"""


def manage(*args, env, capture=False):
    """Run a manage.py command; exit with its output if it fails. Returns its standard output."""
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout


def shell_json(code, env):
    """Run Python code in `manage.py shell`; return the JSON its last line of output prints."""
    return json.loads(manage("shell", "--no-imports", "--verbosity", "0", "-c", code, env=env).splitlines()[-1])


def load_data(options, env):
    """Migrate, set up the portal and load the five snapshots that are not already held in full."""
    print("Preparing (not timed): migrate, setup_portal")
    manage("migrate", "--noinput", env=env)
    manage("setup_portal", env=env)
    held = shell_json(HELD % SNAPSHOT_DATES, env)
    out_dir = BASE_DIR / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    for day in SNAPSHOT_DATES:
        snapshots, records = held[day]
        if snapshots and records == STAFF:
            print(f"  snapshot {day}: {records:,} staff already held")
            continue
        started = time.perf_counter()
        extract = out_dir / f"dashboards_esr_{day}_{options.seed}.csv"
        manage("make_synthetic_esr", "--rows", str(STAFF), "--seed", str(options.seed), "--out", str(extract),
               "--snapshot-date", day, env=env)  # fmt: skip
        output = manage("import_esr", str(extract), "--snapshot", day, "--no-metrics", env=env)
        extract.unlink()
        if "Imported" not in output and "already imported" not in output:
            sys.exit(f"The import of {day} did not import:\n{output}")
        print(f"  snapshot {day}: {STAFF:,} synthetic staff imported in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    output = manage("recompute_metrics", "--stale", env=env)
    print(f"  recompute_metrics --stale: {time.perf_counter() - started:.0f} s")
    for line in output.splitlines():
        print(f"    {line}")


def cpu_busy(seconds=2.0):
    """The share of CPU time (0 to 1) other processes used over a few idle seconds; None off Linux."""

    def sample():
        with open("/proc/stat") as stat:
            ticks = [int(value) for value in stat.readline().split()[1:]]
        return sum(ticks), ticks[3] + ticks[4]  # total, idle + iowait

    try:
        total, idle = sample()
        time.sleep(seconds)
        total_after, idle_after = sample()
    except OSError:
        return None
    return 1 - (idle_after - idle) / max(total_after - total, 1)


def with_scope(url, scope):
    """The URL with its `scope` parameter set to this scope key; URLs without one are left as they are."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if not any(name == "scope" for name, _ in query):
        return url
    query = [(name, scope if name == "scope" else value) for name, value in query]
    return urlunsplit(parts._replace(query=urlencode(query, safe=":")))


def run_load(port, urls, count, concurrency, cookie, start=0):
    """GET `count` requests, cycling through `urls` ((page, url) pairs) from the `start`th, from `concurrency`
    threads at once.

    Returns (wall-clock seconds, [(page, seconds)], [failure messages]).
    """
    lock = threading.Lock()
    next_request = iter(range(start, start + count))
    timings, failures = [], []

    def client():
        while True:
            with lock:
                index = next(next_request, None)
            if index is None:
                return
            page, url = urls[index % len(urls)]
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", url, headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                connection.close()
            except OSError as error:
                with lock:
                    failures.append(f"{url}: {error}")
                continue
            seconds = time.perf_counter() - started
            location = response.getheader("Location", "")
            with lock:
                if response.status == 200:
                    timings.append((page, seconds))
                elif response.status in (301, 302) and "/accounts/login/" in location:
                    failures.append(f"{url}: redirected to sign-in ({location}): the session was not accepted")
                else:
                    failures.append(f"{url}: HTTP {response.status} {response.reason} {location}".rstrip())

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, timings, failures


def batches(total, rounds):
    """`total` split into `rounds` near-equal whole parts."""
    return [total // rounds + (1 if part < total % rounds else 0) for part in range(rounds)]


def percentile_ms(seconds, percent):
    return statistics.quantiles(seconds, n=100, method="inclusive")[percent - 1] * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=400, help="timed requests against each target")
    parser.add_argument("--concurrency", type=int, default=8, help="clients sending requests at once")
    parser.add_argument("--warmup", type=int, default=100, help="untimed requests against each target first")
    parser.add_argument("--rounds", type=int, default=4, help="timed rounds, alternating a and b")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default: one per core)")
    parser.add_argument("--trivial-url", default="/accounts/password_change/")
    parser.add_argument("--overview-url", default="/dashboards/?scope=ics&year=2025")
    parser.add_argument("--metric-url", default="/dashboards/metrics/wres-2/?scope=ics&year=2025")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic ESR extracts")
    parser.add_argument("--skip-load", action="store_true", help="use the database as it is: no migrate or load")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")
    parser.add_argument("--cold-requests", type=int, default=96, help="dashboard requests with the cache emptied")
    options = parser.parse_args()
    if options.rounds < 1 or options.requests < 4 * options.rounds or options.concurrency < 1:
        parser.error("--requests must be at least 4 per round, --rounds and --concurrency at least 1")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/lsc_bench")
    prefix = f"bench-dashboards-{os.getpid()}"
    env = {**os.environ, **SERVE_ENV, "REDIS_URL": options.redis_url, "CACHE_KEY_PREFIX": prefix}
    import redis  # the client Django's Redis cache uses

    cache = redis.Redis.from_url(options.redis_url)

    if not options.skip_load:
        load_data(options, env)
    manage("collectstatic", "--noinput", env=env)
    year = dict(parse_qsl(urlsplit(options.overview_url).query)).get("year", "")
    sign_in = shell_json(SIGN_IN % {"email": BENCH_USER, "year": year or "None"}, env)
    if not sign_in["scopes"]:
        sys.exit(f"No stored metrics for {year or 'any year'}: load the data first (run without --skip-load).")
    cookie = f"{sign_in['cookie']}={sign_in['session']}"
    held = shell_json(HELD % SNAPSHOT_DATES, env)

    pages = (("overview", options.overview_url), ("metric", options.metric_url))
    dashboard_urls = [(page, with_scope(url, scope)) for scope in sign_in["scopes"] for page, url in pages]
    try:
        with gunicorn_serve(env, workers=options.workers, threads=1) as (base, _):
            port = urlsplit(base).port
            busy_before = cpu_busy()
            targets = {"a": [("trivial", options.trivial_url)], "b": dashboard_urls}
            failures = []
            for urls in targets.values():
                failures += run_load(port, urls, options.warmup, options.concurrency, cookie)[2]
            # Alternate a and b in rounds, so that other work on the machine weighs on both alike.
            results = {name: (0.0, [], []) for name in targets}
            sent = 0
            for batch in batches(options.requests, options.rounds):
                for name, urls in targets.items():
                    if not failures:
                        wall, timings, failures = run_load(port, urls, batch, options.concurrency, cookie, sent)
                        results[name] = (results[name][0] + wall, results[name][1] + timings, failures)
                sent += batch
            cold = []
            for index in range(options.cold_requests if not failures else 0):
                forget_pages(cache, prefix)
                _, timings, failures = run_load(port, dashboard_urls, 1, 1, cookie, index)
                cold += timings
                if failures:
                    break
            if failures:
                print(f"\n{len(failures)} requests failed; the first ones:", file=sys.stderr)
                for failure in failures[:10]:
                    print(f"  {failure}", file=sys.stderr)
                return 1
    finally:
        forget_pages(cache, prefix)

    records = ", ".join(f"{day[:4]}: {counts[1]:,}" for day, counts in held.items())
    print()
    print(f"Dashboard benchmark: {sign_in['database']}; staff per snapshot {records}")
    print(f"gunicorn, {options.workers} sync workers, 127.0.0.1, DEBUG off; signed in as a board member")
    distinct = len({url for _, url in dashboard_urls})
    if distinct == len(dashboard_urls):
        print(f"(b) cycles {distinct} URLs: the overview and metric page of {len(sign_in['scopes'])} scopes")
        print(f"    for {sign_in['year']} ({', '.join(sign_in['scopes'])})")
    else:
        print(f"(b) cycles {distinct} distinct URLs: without a scope parameter in them, the scope is not varied")
    if busy_before is not None:
        busy = " (other processes: expect lower figures than on an idle machine)" if busy_before > 0.1 else ""
        print(f"CPU busy just before the load, the portal idle: {busy_before:.0%} of {os.cpu_count()} CPUs{busy}")
    print()
    print(f"{options.requests} timed requests per target, in {options.rounds} rounds alternating a and b")
    print(f"{'target':<44} {'requests':>8} {'clients':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7}")
    rows = [
        (f"(a) {options.trivial_url}", results["a"], None),
        ("(b) overview and metric page, all scopes", results["b"], None),
        (f"    of which {urlsplit(options.overview_url).path}", results["b"], "overview"),
        (f"    of which {urlsplit(options.metric_url).path}", results["b"], "metric"),
    ]
    p95_of_b = []
    for label, (wall, timings, _), part in rows:
        if part is None:
            seconds = [elapsed for _, elapsed in timings]
            rate = f"{len(timings) / wall:7.1f}"
        else:
            seconds = [elapsed for page, elapsed in timings if page == part]
            rate = f"{'':>7}"  # one run serves both pages, so they have no throughput of their own
        p95 = percentile_ms(seconds, 95)
        if label.startswith(("(b)", "    of which")):
            p95_of_b.append(p95)
        print(f"{label:<44} {len(seconds):>8} {options.concurrency:>7} {rate} "
              f"{percentile_ms(seconds, 50):>7.1f} {p95:>7.1f}")  # fmt: skip
    ratio = (len(results["b"][1]) / results["b"][0]) / (len(results["a"][1]) / results["a"][0])
    print()
    print(f"throughput ratio b/a: {ratio:.2f} (target at least {TARGET_RATIO}: "
          f"{'met' if ratio >= TARGET_RATIO else 'NOT met'})")  # fmt: skip
    print(f"p95 of the dashboards: {max(p95_of_b):.0f} ms at the slowest (target under {TARGET_P95_MS} ms: "
          f"{'met' if max(p95_of_b) < TARGET_P95_MS else 'NOT met'})")  # fmt: skip
    print_cache_figures(results["b"][1], cold)
    return 0


def forget_pages(cache, prefix):
    """Delete every key this run's portal put in the shared cache."""
    for key in cache.scan_iter(f"{prefix}:*", count=1000):
        cache.delete(key)


def print_cache_figures(warm, cold):
    print("\nDashboards, page cache warm (the load above) and cold (one request at a time, cache emptied before each)")
    print(f"{'case':<10} {'page':<10} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7}")
    for case, timings in (("warm", warm), ("cold", cold)):
        for page in ("all", "overview", "metric"):
            seconds = [elapsed for name, elapsed in timings if page in ("all", name)]
            if len(seconds) >= 2:
                p50, p95 = percentile_ms(seconds, 50), percentile_ms(seconds, 95)
                print(f"{case:<10} {page:<10} {len(seconds):>8} {p50:>7.1f} {p95:>7.1f}")
    if len(cold) >= 2:
        p95 = percentile_ms([elapsed for _, elapsed in cold], 95)
        met = "met" if p95 < TARGET_COLD_P95_MS else "NOT met"
        print(f"cold p95: {p95:.0f} ms (target under {TARGET_COLD_P95_MS} ms: {met})")


if __name__ == "__main__":
    sys.exit(main())
