"""Print every equality metric of the ICS, a place or an organisation for one ESR snapshot date.

    manage.py export_metrics --snapshot 2025-03-31 [--organisation RXL | --place Blackpool] [--format json|csv]

Reads the stored results (computing them first if they are missing or out of date), so the figures are
exactly those the portal shows, already suppressed. Exits 1 with a message on bad input.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from organisations.models import Organisation, Place
from reports.metric_export import metrics_csv, metrics_json
from workforce.models import Snapshot, reporting_year_for, reporting_year_label
from workforce.scopes import Scope
from workforce.selectors.results import metric_result
from workforce.services.metric_recompute import metrics_recompute


class Command(BaseCommand):
    help = "Print every equality metric (WRES, WDES, pay gaps, representation, declaration) for one scope and date."

    def add_arguments(self, parser):
        parser.add_argument("--snapshot", required=True, help="The ESR snapshot date, YYYY-MM-DD (usually 31 March).")
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--organisation", help="ODS code of one organisation, e.g. RXL.")
        where.add_argument("--place", help="Name of a place, e.g. Blackpool (default: the whole ICS).")
        parser.add_argument("--format", choices=("json", "csv"), default="json", help="Output format (default json).")

    def handle(self, *args, snapshot, organisation=None, place=None, format="json", **options):
        day = _snapshot_date(snapshot)
        scope, organisations = _scope(organisation, place)
        held = Snapshot.objects.filter(organisation__in=organisations)
        if not held.filter(snapshot_date=day).exists():
            dates = sorted(set(held.values_list("snapshot_date", flat=True)))
            listed = ", ".join(f"{d:%-d %B %Y}" for d in dates) or "none"
            raise CommandError(f"No ESR snapshot of {scope.label} on {day:%-d %B %Y}. Snapshots held: {listed}.")
        year = reporting_year_for(day)
        metrics_recompute(years=[year], only_stale=True)
        result = metric_result(scope, year)
        if result is None:
            raise CommandError(f"There are no metrics for {scope.label} in {reporting_year_label(year)}.")
        used = set(result["coverage"]["snapshot_dates"].values())
        if day.isoformat() not in used:
            raise CommandError(
                f"The {reporting_year_label(year)} metrics of {scope.label} use each organisation's latest snapshot "
                f"in that year ({', '.join(sorted(used))}), not {day:%-d %B %Y}."
            )
        self.stdout.write(metrics_json(result) if format == "json" else metrics_csv(result), ending="")


def _snapshot_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"“{text}” is not a date: give the snapshot date as YYYY-MM-DD.") from None


def _scope(ods_code: str | None, place_name: str | None):
    """The scope asked for and the organisations it covers."""
    if ods_code:
        organisation = Organisation.objects.filter(ods_code__iexact=ods_code.strip()).first()
        if organisation is None:
            raise CommandError(f"No organisation has the ODS code “{ods_code}”.")
        return Scope.for_organisation(organisation), [organisation]
    if place_name:
        place = Place.objects.filter(Q(name__iexact=place_name.strip()) | Q(slug__iexact=place_name.strip())).first()
        if place is None:
            names = ", ".join(Place.objects.order_by("name").values_list("name", flat=True))
            raise CommandError(f"No place is called “{place_name}”. The places are: {names}.")
        return Scope.for_place(place), list(place.organisations.all())
    return Scope.ics(), list(Organisation.objects.all())
