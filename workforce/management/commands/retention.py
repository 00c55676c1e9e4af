"""Delete staff-level ESR records past their retention period, keeping the computed figures: for cron, yearly.

manage.py retention --before 2020-04-01 --dry-run   # what would go
manage.py retention --before 2020-04-01
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from workforce.services.retention import staff_records_delete


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f'"{value}" is not a date: give it as YYYY-MM-DD, for example 2020-04-01.') from None


class Command(BaseCommand):
    help = (
        "Delete the staff records of ESR snapshots dated before a day. Snapshot summaries and stored metric "
        "results are kept, so dashboards still show those years."
    )

    def add_arguments(self, parser):
        parser.add_argument("--before", required=True, help="Snapshots dated before this day (YYYY-MM-DD).")
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be deleted.")

    def handle(self, *args, before, dry_run, **options):
        try:
            report = staff_records_delete(before=_day(before), dry_run=dry_run)
        except ValueError as error:
            raise CommandError(str(error)) from None
        for line in report.summary():
            self.stdout.write(line)
