"""Import an ESR staff-in-post extract (CSV) from the command line: for large files and scripts.

Exit status: 0 when imported (or unchanged), 1 when the file is rejected or has invalid rows.
"""

from django.core.management.base import BaseCommand, CommandError

from workforce.esr.extract import ExtractRejected, snapshot_date_check
from workforce.services.esr_import import esr_extract_import, esr_organisation_get

ERRORS_SHOWN = 200


class Command(BaseCommand):
    help = "Import an ESR staff-in-post CSV as the snapshot of its organisations on a date."
    requires_system_checks = []  # a scripted import should not pay for the checks every time

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file exported from ESR.")
        parser.add_argument(
            "--snapshot", required=True, help="Staff in post on this date, YYYY-MM-DD (usually 31 March)."
        )
        parser.add_argument("--organisation", help="ODS code, when the whole file is one organisation's staff.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, storing nothing.")
        parser.add_argument(
            "--no-metrics",
            action="store_true",
            help="Do not recompute the year's equality metrics now; run `recompute_metrics --stale` afterwards.",
        )

    def handle(self, *args, file, snapshot, organisation=None, dry_run=False, no_metrics=False, **options):
        try:
            snapshot_date = snapshot_date_check(snapshot)
            chosen = esr_organisation_get(ods_code=organisation) if organisation else None
            report = esr_extract_import(
                path=file, snapshot_date=snapshot_date, organisation=chosen, dry_run=dry_run, recompute=not no_metrics
            )
        except ExtractRejected as error:
            raise CommandError(str(error)) from None

        for header in report.ignored_columns:
            self.stdout.write(f"Column not used (never stored): {header}")
        for organisation_, rows in report.rows_by_organisation.items():
            replaced = " (replaces the earlier import)" if organisation_ in report.replaced else ""
            self.stdout.write(f"  {organisation_.name}: {rows:,} assignments{replaced}")
        if report.status == "invalid":
            for error in report.errors[:ERRORS_SHOWN]:
                self.stderr.write(str(error))
            if report.error_count > ERRORS_SHOWN:
                self.stderr.write(f"… and {report.error_count - ERRORS_SHOWN:,} more.")
            raise CommandError(f"{report.summary()} Correct the file and try again.")
        self.stdout.write(self.style.SUCCESS(report.summary()))
        if report.metrics:
            for line in report.metrics.summary():
                self.stdout.write(line)
        elif no_metrics and report.status == "imported":
            self.stdout.write("Metrics not recomputed: run `manage.py recompute_metrics --stale`.")
