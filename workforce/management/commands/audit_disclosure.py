"""Audit what the portal publishes for a year against a reader's arithmetic.

manage.py audit_disclosure --snapshot 2025-03-31            # every table of a scope linked (the reader's view)
manage.py audit_disclosure --snapshot 2025-03-31 --unlinked # each table on its own (what the suppression assumes)

Exits with status 1 when any hidden small number can be narrowed below the protection level.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from workforce.services.disclosure_audit import disclosure_audit_run

SHOWN = 20  # exposures listed; the rest are counted


class Command(BaseCommand):
    help = (
        "Audit the figures published for the reporting year of an ESR snapshot: for every hidden count of 1 to "
        "the suppression threshold, the least and most a reader can work out from everything shown."
    )

    def add_arguments(self, parser):
        parser.add_argument("--snapshot", required=True, help="The ESR snapshot date (YYYY-MM-DD).")
        parser.add_argument(
            "--unlinked", action="store_true", help="Take each table on its own, not linked to the scope's others."
        )

    def handle(self, *args, snapshot, unlinked, **options):
        try:
            day = date.fromisoformat(snapshot)
        except ValueError:
            raise CommandError(f'"{snapshot}" is not a date: give it as YYYY-MM-DD, for example 2025-03-31.') from None
        try:
            report = disclosure_audit_run(snapshot_date=day, linked_tables=not unlinked)
        except ValueError as error:
            raise CommandError(str(error)) from None
        model = "each table on its own" if unlinked else "every table of a scope linked"
        self.stdout.write(
            f"Disclosure audit of the year of {day.isoformat()} ({model}; protection level {report.protection}): "
            f"{report.cells:,} published counts, {report.hidden:,} hidden, {report.checked:,} hidden small numbers "
            f"checked."
        )
        if report.passed:
            self.stdout.write("Passed: no hidden small number can be narrowed below the protection level.")
            return
        exact = sum(exposure.exact for exposure in report.exposures)
        self.stdout.write(
            f"FAILED: {len(report.exposures):,} hidden small numbers can be narrowed below the protection level, "
            f"{exact:,} of them exactly."
        )
        for scope, found in sorted(report.by_scope().items()):
            self.stdout.write(f"  {scope}: {found:,}")
        for exposure in sorted(report.exposures, key=lambda e: (e.width, repr(e.cell)))[:SHOWN]:
            self.stdout.write(
                f"  {' / '.join(map(str, exposure.cell))}: between {exposure.lowest:g} and {exposure.highest:g}"
            )
        if len(report.exposures) > SHOWN:
            self.stdout.write(f"  ... and {len(report.exposures) - SHOWN:,} more")
        raise SystemExit(1)
