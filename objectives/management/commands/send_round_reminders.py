"""Email leads whose items owe an update in the open reporting round. Run daily by cron (see README)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from objectives.services.reminders import round_reminders_send


class Command(BaseCommand):
    help = "Email each lead the plan items they still owe an update in the open reporting round."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD); for testing.")
        parser.add_argument("--dry-run", action="store_true", help="Show who would be emailed, send nothing.")

    def handle(self, *args, date=None, dry_run=False, **options):
        today = self._parse(date) if date else None
        summary = round_reminders_send(today=today, dry_run=dry_run)
        if summary.reporting_round is None:
            self.stdout.write("No reporting round is open: no reminders sent.")
            return
        verb = "Would email" if dry_run else "Emailed"
        self.stdout.write(f"{summary.reporting_round.name} ({summary.stage}):")
        for email, count in summary.sent:
            self.stdout.write(f"  {verb} {email}: {count} item{'s' if count != 1 else ''}")
        self.stdout.write(
            f"{verb} {len(summary.sent)} leads; {summary.already_reminded} already reminded at this stage; "
            f"{summary.nothing_due} with nothing due."
        )

    @staticmethod
    def _parse(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--date must be a date like 2026-01-31, not {value!r}") from None
