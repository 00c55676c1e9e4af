#!/usr/bin/env python3
"""Benchmark the ESR import on PostgreSQL against psql's \\copy of the same file.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lsc_esr .venv/bin/python bench/import_esr.py [--rows 93840]

Generates a synthetic extract (not timed), then times, each as a whole process and side by side:
  (a) psql \\copy of the file into a bare table with the same 23 text columns;
  (b) the portal's full import (`manage.py import_esr --no-metrics`: parsing, validation,
      pseudonymisation, storage);
  (c) then, as its own process, recomputing that year's equality metrics (`recompute_metrics --stale`),
      which a plain `import_esr` does straight after storing.
It prints the times, the ratio b/a, the ratio with the metrics included ((b+c)/a), rows per second and
each process's peak memory (from wait4's rusage of that child). Targets: ratio b/a at most 10, peak
memory under 300 MB. The database must be PostgreSQL; the benchmark migrates it, loads the
organisations and clears its own snapshot date (31 March 2025) before each timed import.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

BASE_DIR = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SNAPSHOT = "2025-03-31"
BARE_COLUMNS = 23  # the synthetic extract's columns


def run_measured(args, env=None):
    """Run a child process; return (seconds, peak resident memory in MB, stdout) using wait4 on it."""
    started = time.perf_counter()
    child = subprocess.Popen(args, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({child.returncode}):\n{output.decode()}")
    return seconds, usage.ru_maxrss / 1024, output.decode()


def manage(*args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=93_840)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each; the median is reported")
    parser.add_argument("--seed", type=int, default=2025)
    options = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/lsc_bench")
    parsed = urlparse(url)
    psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", parsed.hostname or "127.0.0.1"]
    psql += ["-p", str(parsed.port or 5432), "-U", parsed.username or "postgres", "-d", parsed.path.lstrip("/")]
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "1")}

    out_dir = BASE_DIR / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    extract = out_dir / f"esr_{options.rows}_{options.seed}.csv"
    print(f"Preparing: migrate, organisations, {options.rows:,}-row synthetic extract (not timed)")
    manage("migrate", "--noinput", env=env)
    manage("setup_portal", env=env)
    manage("make_synthetic_esr", "--rows", str(options.rows), "--seed", str(options.seed), "--out", str(extract),
           "--snapshot-date", SNAPSHOT, env=env)  # fmt: skip
    columns = ", ".join(f"c{i} text" for i in range(1, BARE_COLUMNS + 1))
    create = "SET client_min_messages = warning; DROP TABLE IF EXISTS bench_esr_bare; "
    create += f"CREATE TABLE bench_esr_bare ({columns})"
    subprocess.run([*psql, "-c", create], check=True)
    clear = (
        "from workforce.models import *; "
        f"s = Snapshot.objects.filter(snapshot_date='{SNAPSHOT}'); "
        "StaffRecord.objects.filter(snapshot__in=s).delete(); s.delete(); "
        f"ImportBatch.objects.filter(snapshot_date='{SNAPSHOT}').delete()"
    )

    copy_runs, import_runs, metric_runs = [], [], []
    for run in range(1, options.repeat + 1):
        subprocess.run([*psql, "-c", "TRUNCATE bench_esr_bare"], check=True)
        copy_runs.append(
            run_measured([*psql, "-c", f"\\copy bench_esr_bare FROM '{extract}' WITH (FORMAT csv, HEADER true)"])
        )
        manage("shell", "-c", clear, env=env)
        import_runs.append(
            run_measured(
                [PYTHON, "manage.py", "import_esr", str(extract), "--snapshot", SNAPSHOT, "--no-metrics"], env=env
            )
        )
        if "Imported" not in import_runs[-1][2]:
            sys.exit(f"The import did not import:\n{import_runs[-1][2]}")
        metric_runs.append(run_measured([PYTHON, "manage.py", "recompute_metrics", "--stale"], env=env))
        print(
            f"  run {run}: (a) psql \\copy {copy_runs[-1][0]:.2f} s   (b) portal import {import_runs[-1][0]:.2f} s"
            f"   (c) metrics {metric_runs[-1][0]:.2f} s"
        )

    a = statistics.median(seconds for seconds, _, _ in copy_runs)
    b = statistics.median(seconds for seconds, _, _ in import_runs)
    a_memory = max(memory for _, memory, _ in copy_runs)
    b_memory = max(memory for _, memory, _ in import_runs)
    ratio = b / a
    size = extract.stat().st_size / 1_048_576
    print()
    print(
        f"ESR import benchmark: {options.rows:,} rows, {size:.1f} MB CSV, PostgreSQL, median of {options.repeat} runs"
    )
    for label, seconds, memory in (
        ("(a) psql \\copy into a bare table", a, a_memory),
        ("(b) portal import (manage.py)", b, b_memory),
    ):
        print(f"{label:<36} {seconds:6.2f} s {options.rows / seconds:9,.0f} rows/s  peak memory {memory:6.1f} MB")
    print(f"ratio b/a: {ratio:.1f} (target at most 10: {'met' if ratio <= 10 else 'NOT MET'}); "
          f"peak memory target under 300 MB: {'met' if b_memory < 300 else 'NOT MET'}")  # fmt: skip
    c = statistics.median(seconds for seconds, _, _ in metric_runs)
    c_memory = max(memory for _, memory, _ in metric_runs)
    print(f"(c) recompute the year's metrics    {c:6.2f} s                   peak memory {c_memory:6.1f} MB")
    print(f"import and metrics together (b+c)/a: {(b + c) / a:.1f}")
    return 0 if ratio <= 10 and b_memory < 300 else 1


if __name__ == "__main__":
    sys.exit(main())
