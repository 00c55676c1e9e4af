#!/usr/bin/env python3
"""Benchmark: compute and store every equality metric of a full-size snapshot, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lsc_bench .venv/bin/python bench/metrics.py [--repeat 5]

Prepares (not timed): migrates the database, loads the places and organisations, generates a synthetic
93,840-assignment ESR extract for 31 March 2025, imports it and enters full-size demo recruitment,
casework, training, staff survey and board figures for 2024/25. Then times
`workforce.services.metric_recompute.metrics_recompute(years=[2025])` as a whole, several times: reading
the year's snapshots, staff records and figures from the database, computing the metric sets of the ICS,
the four places and every organisation (suppressed together), and storing them in one transaction. It
prints the rows and scopes, the time to read, to compute and to store, and the total of each run, and the median run.
Target (issue 4): under 5 seconds in total. The database must be PostgreSQL and may be written to.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lsc_belonging.settings")
os.environ.setdefault("DEBUG", "1")

SNAPSHOT = date(2025, 3, 31)
TARGET_SECONDS = 5.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=93_840)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs; the median run is reported too")
    parser.add_argument("--seed", type=int, default=2025)
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/lsc_bench")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from demo.synthetic_esr import write_extract
    from demo.workforce import create_demo_figures
    from organisations.services.reference_data import reference_data_load
    from workforce.models import StaffRecord, reporting_year_for, reporting_year_label
    from workforce.services.esr_import import esr_extract_import
    from workforce.services.metric_recompute import metrics_recompute

    year = reporting_year_for(SNAPSHOT)
    print(f"Preparing (not timed): migrate, organisations, a {options.rows:,}-row synthetic extract and figures")
    call_command("migrate", "--noinput", verbosity=0)
    reference_data_load()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "extract.csv"
        with path.open("w", newline="", encoding="utf-8") as stream:
            write_extract(stream, rows=options.rows, seed=options.seed, snapshot_date=SNAPSHOT)
        esr_extract_import(path=path, snapshot_date=SNAPSHOT, file_name=f"bench-{options.rows}-{options.seed}.csv")
    settings.DEMO_ESR_ROWS = options.rows  # figures of a full-size ICS
    create_demo_figures([year])

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    records = StaffRecord.objects.filter(snapshot__snapshot_date=SNAPSHOT).count()
    print(f"{version}, database {connection.settings_dict['NAME']}")
    print(f"Snapshot {SNAPSHOT:%-d %B %Y}: {records:,} staff records; figures entered for {reporting_year_label(year)}")
    print()
    print(f"metrics_recompute(years=[{year}]), {options.repeat} runs:")
    print(f"{'run':>3}  {'rows':>7}  {'scopes':>6}  {'read s':>7}  {'compute s':>9}  {'store s':>7}  {'total s':>7}")
    runs = []
    for run in range(1, options.repeat + 1):
        started = time.perf_counter()
        report = metrics_recompute(years=[year])
        total = time.perf_counter() - started
        runs.append((total, report))
        print(
            f"{run:>3}  {report.rows:>7,}  {report.scopes:>6}  {report.read_seconds:>7.2f}  "
            f"{report.compute_seconds:>9.2f}  {report.store_seconds:>7.2f}  {total:>7.2f}"
        )
    total, report = sorted(runs, key=lambda run: run[0])[len(runs) // 2]
    print(
        f"median total {statistics.median(run[0] for run in runs):.2f} s "
        f"(that run: read {report.read_seconds:.2f} s, compute {report.compute_seconds:.2f} s, "
        f"store {report.store_seconds:.2f} s); target under {TARGET_SECONDS:.0f} s: "
        f"{'met' if total < TARGET_SECONDS else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
