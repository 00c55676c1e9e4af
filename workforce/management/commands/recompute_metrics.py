"""Recompute the stored equality metrics: every year, some years, or only those whose inputs changed.

The portal recomputes a year by itself after each ESR import and each change to its figures; this
command is for after an upgrade that changes a calculation, a change of SUPPRESSION_THRESHOLD, or
changes made outside the portal's services.
"""

from django.core.management.base import BaseCommand

from workforce.services.metric_recompute import metrics_recompute


class Command(BaseCommand):
    help = "Compute and store the equality metrics of every scope (ICS, places, organisations) for each year."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            dest="years",
            help="Reporting year to recompute, e.g. 2025 for 2024/25 (repeat for several; default: every year).",
        )
        parser.add_argument(
            "--stale", action="store_true", help="Only years whose stored results no longer match their inputs."
        )

    def handle(self, *args, years=None, stale=False, **options):
        report = metrics_recompute(years=years, only_stale=stale)
        for line in report.summary():
            self.stdout.write(line)
