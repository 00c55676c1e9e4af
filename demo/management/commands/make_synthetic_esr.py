"""Write a synthetic ESR staff-in-post extract (CSV). Nobody in it is real."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from demo.synthetic_esr import write_extract


class Command(BaseCommand):
    help = "Write a realistic, synthetic ESR-style staff-in-post CSV for the LSC ESR organisations."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, required=True, help="Number of assignments (rows) to write.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same people (default 1).")
        parser.add_argument("--out", required=True, help="CSV file to write.")
        parser.add_argument(
            "--snapshot-date", default="2025-03-31", help="Staff in post on this date, YYYY-MM-DD (default 2025-03-31)."
        )

    def handle(self, *args, rows, seed, out, snapshot_date, **options):
        if rows < 1:
            raise CommandError("--rows must be at least 1.")
        try:
            day = date.fromisoformat(snapshot_date)
        except ValueError:
            raise CommandError(f"“{snapshot_date}” is not a date: use YYYY-MM-DD.") from None
        path = Path(out)
        with path.open("w", encoding="utf-8", newline="") as stream:
            written = write_extract(stream, rows=rows, seed=seed, snapshot_date=day)
        self.stdout.write(f"Wrote {written:,} synthetic assignments on {day:%d %B %Y} to {path}.")
