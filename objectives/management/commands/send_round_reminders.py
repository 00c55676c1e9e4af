"""Email leads whose items owe an update in the open reporting round. Run daily by cron (see README)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from objectives.services.reminders import reminder_summary_lines, round_reminders_send
from objectives.tasks import round_reminders_queue


class Command(BaseCommand):
    help = "Email each lead the plan items they still owe an update in the open reporting round."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD); for testing.")
        parser.add_argument("--dry-run", action="store_true", help="Show who would be emailed, send nothing.")
        parser.add_argument(
            "--queue", action="store_true", help="Leave the sending to the background worker (db_worker)."
        )

    def handle(self, *args, date=None, dry_run=False, queue=False, **options):
        today = self._parse(date) if date else None
        if queue and not dry_run:
            job = round_reminders_queue(today=today)
            self.stdout.write(f"Queued as job {job.pk}: {job.summary}")
            return
        for line in reminder_summary_lines(round_reminders_send(today=today, dry_run=dry_run), dry_run=dry_run):
            self.stdout.write(line)

    @staticmethod
    def _parse(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--date must be a date like 2026-01-31, not {value!r}") from None
