"""Services that change workforce-app data: reference data, users and memberships, ESR imports."""

import csv
import dataclasses
import json
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from organisations.models import Organisation
from workforce import metric_inputs
from workforce.census import population_profile
from workforce.esr import reader as esr_reader
from workforce.esr.columns import map_header
from workforce.esr.reader import ExtractRejected, ReadResult, RowError
from workforce.esr.writer import reserve_snapshot_ids, write_staff_records
from workforce.metrics.metric_set import ScopeSpec, as_plain_data, compute_metric_sets
from workforce.models import ImportBatch, MetricResult, Snapshot, StaffRecord, reporting_year_for, reporting_year_label
from workforce.scopes import Scope

# --- ESR import ---------------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an ESR import did, or in a dry run would do. `status` is one of:
    "checked" (dry run, no errors), "imported", "unchanged" (this file was already imported for this date),
    "invalid" (row errors: nothing was imported)."""

    file_name: str
    snapshot_date: date
    sha256: str
    status: str
    rows: int = 0
    rows_by_organisation: dict = dataclasses.field(default_factory=dict)  # Organisation -> rows
    replaced: list = dataclasses.field(default_factory=list)  # organisations whose snapshot is replaced
    errors: list = dataclasses.field(default_factory=list)  # RowError, the first MAX_ERRORS_KEPT
    error_count: int = 0
    ignored_columns: tuple = ()
    duplicate_columns: tuple = ()
    batch: ImportBatch | None = None
    metrics: "MetricsReport | None" = None  # the metrics recomputed after the import

    @property
    def ok(self):
        return self.status != "invalid"


def check_snapshot_date(value) -> date:
    """A snapshot date from a date or "YYYY-MM-DD" text; raises ExtractRejected when it is not a past date."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise ExtractRejected(f"“{value}” is not a date: give the snapshot date as YYYY-MM-DD.") from None
    if value > timezone.localdate():
        raise ExtractRejected(f"The snapshot date {value:%d %B %Y} is in the future.")
    return value


def find_esr_organisation(ods_code: str) -> Organisation:
    organisation = Organisation.objects.filter(ods_code__iexact=ods_code.strip()).first()
    if organisation is None:
        raise ExtractRejected(f"No organisation has the ODS code “{ods_code}”.")
    if not organisation.uses_esr:
        raise ExtractRejected(f"{organisation.name} does not use ESR.")
    return organisation


def import_esr_extract(
    path,
    *,
    snapshot_date,
    organisation: Organisation | None = None,
    file_name=None,
    user=None,
    dry_run=False,
    recompute=True,
) -> ImportReport:
    """Validate an ESR staff-in-post extract and, unless dry_run, store it as one snapshot per organisation.

    All or nothing: any invalid row means nothing is stored and every error is reported with its line,
    column and value. Re-importing an organisation and date replaces that snapshot whole; importing the
    same file for the same date again changes nothing. Raises ExtractRejected when the file as a whole
    cannot be read (missing, empty, binary, wrong delimiter, missing required columns).

    The year's equality metrics are recomputed afterwards unless `recompute` is False (scripts loading
    several files then run `recompute_metrics --stale` once, which finds the changed years itself).
    """
    snapshot_date = check_snapshot_date(snapshot_date)
    info = esr_reader.inspect_file(path)
    file_name = file_name or Path(path).name
    report = ImportReport(file_name=file_name, snapshot_date=snapshot_date, sha256=info.sha256, status="checked")

    previous = _same_file_already_imported(info.sha256, snapshot_date)
    if previous is not None:
        report.status, report.batch, report.rows = "unchanged", previous, previous.row_count
        report.rows_by_organisation = {s.organisation: s.row_count for s in previous.snapshots.all()}
        return report

    organisations = list(Organisation.objects.all())
    by_id = {organisation.pk: organisation for organisation in organisations}
    read = ReadResult()
    with esr_reader.open_csv(info) as stream, transaction.atomic():
        reader = csv.reader(stream)
        header = esr_reader.read_header(reader)
        columns, missing = map_header(header, organisation_given=organisation is not None)
        if missing:
            noun = "column" if len(missing) == 1 else "columns"
            raise ExtractRejected(
                f"The file has no {_and_list(missing)} {noun}. Its columns are: {', '.join(h for h in header if h)}."
            )
        read.columns = columns
        converter = esr_reader.RowConverter(
            columns,
            organisations=organisations,
            snapshot_date=snapshot_date,
            key=settings.PSEUDONYMISATION_KEY.encode(),
            organisation=organisation,
        )
        chunks = converter.read(reader, read)
        batch = None
        if dry_run:
            for _ in chunks:
                pass
        else:
            batch = ImportBatch.objects.create(
                sha256=info.sha256, file_name=file_name[:255], snapshot_date=snapshot_date, imported_by=user
            )
            candidates = [organisation.pk] if organisation else [o.pk for o in organisations if o.uses_esr]
            snapshot_ids = reserve_snapshot_ids(candidates)
            # Once a row is invalid nothing will be kept, so later rows are only read for their errors.
            write_staff_records((chunk for chunk in chunks if not read.error_count), snapshot_ids)
        if read.rows == 0 and read.error_count == 0:
            raise ExtractRejected("The file has a header row but no staff rows.")

        report.rows = read.rows
        report.rows_by_organisation = {by_id[pk]: n for pk, n in sorted(read.rows_by_organisation.items())}
        report.errors, report.error_count = read.errors, read.error_count
        report.ignored_columns, report.duplicate_columns = columns.ignored, columns.duplicates
        report.replaced = [
            s.organisation
            for s in Snapshot.objects.filter(
                organisation__in=report.rows_by_organisation, snapshot_date=snapshot_date
            ).select_related("organisation")
        ]
        if read.error_count:
            transaction.set_rollback(True)
            report.status = "invalid"
            return report
        if batch is not None:
            replaced = Snapshot.objects.filter(
                organisation__in=read.rows_by_organisation.keys(), snapshot_date=snapshot_date
            )
            StaffRecord.objects.filter(snapshot__in=replaced).delete()
            replaced.delete()
            Snapshot.objects.bulk_create(
                Snapshot(
                    pk=snapshot_ids[organisation_id],
                    organisation_id=organisation_id,
                    snapshot_date=snapshot_date,
                    import_batch=batch,
                    row_count=rows,
                )
                for organisation_id, rows in read.rows_by_organisation.items()
            )
            batch.row_count = read.rows
            batch.save(update_fields=["row_count"])
            ImportBatch.objects.filter(status=ImportBatch.Status.IMPORTED).exclude(snapshots__isnull=False).update(
                status=ImportBatch.Status.SUPERSEDED
            )
            report.status, report.batch = "imported", batch
            if recompute:
                report.metrics = recompute_metrics([reporting_year_for(snapshot_date)])
    return report


def _same_file_already_imported(sha256, snapshot_date):
    """The earlier import of this file for this date, if every snapshot it loaded is still the current one."""
    for batch in ImportBatch.objects.filter(sha256=sha256, snapshot_date=snapshot_date, status="imported"):
        snapshots = list(batch.snapshots.select_related("organisation"))
        if snapshots and sum(s.row_count for s in snapshots) == batch.row_count:
            return batch
    return None


def _and_list(items):
    items = [f"“{item}”" for item in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- Figures ESR does not hold, from CSV ------------------------------------------------------


@dataclass
class FiguresImportReport:
    """What a figures CSV import did: rows saved, or every error (nothing saved)."""

    section_title: str
    created: int = 0
    updated: int = 0
    errors: list = dataclasses.field(default_factory=list)  # RowError

    @property
    def ok(self):
        return not self.errors


def import_figures_csv(data: bytes, *, section, user) -> FiguresImportReport:
    """Create or update one section of figures from CSV: organisation (ODS code, or slug), year, then the fields.

    Each row is validated by the same form the pages use, and the user must be allowed to change each
    row's organisation. All or nothing: with any error, nothing is saved and every error is reported.
    """
    from organisations.permissions import can_edit_figures
    from workforce.forms import figures_form_class  # forms import services: import here, not at the top

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text or not text.strip():
        raise ExtractRejected("The file is empty or is not a CSV file.")
    reader = csv.DictReader(text.splitlines())
    columns = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    missing = [name for name in ("organisation", "year") if name not in columns]
    if missing:
        noun = "column" if len(missing) == 1 else "columns"
        raise ExtractRejected(f"The file has no {_and_list(missing)} {noun}. The templates show the columns.")
    report = FiguresImportReport(section_title=section.title)
    form_class = figures_form_class(section)
    organisations = {o.ods_code.lower(): o for o in Organisation.objects.exclude(ods_code=None)}
    organisations |= {o.slug: o for o in Organisation.objects.all()}
    pending, seen = [], {}
    for values in reader:
        line = reader.line_num
        raw = {key.strip().lower(): (value or "").strip() for key, value in values.items() if key}
        if not any(raw.values()):
            continue
        organisation = organisations.get(raw["organisation"].lower())
        if organisation is None:
            report.errors.append(
                RowError(line, "organisation", raw["organisation"], "is not an organisation's ODS code")
            )
            continue
        if not can_edit_figures(user, organisation):
            message = f"is {organisation.name}, whose figures you may not change"
            report.errors.append(RowError(line, "organisation", raw["organisation"], message))
            continue
        try:
            year = int(raw["year"])
        except ValueError:
            report.errors.append(RowError(line, "year", raw["year"], "is not a year such as 2025 (for 2024/25)"))
            continue
        if (organisation.pk, year) in seen:
            message = f"repeats {organisation.display_short_name} {year} (also on line {seen[organisation.pk, year]})"
            report.errors.append(RowError(line, "year", raw["year"], message))
            continue
        seen[organisation.pk, year] = line
        instance = section.model.objects.filter(organisation=organisation, year=year).first()
        new = instance is None
        instance = instance or section.model(organisation=organisation, year=year)
        form = form_class({name: raw.get(name, "") for name in section.fields}, instance=instance)
        if not form.is_valid():
            for name, messages in form.errors.items():
                column = name if name != "__all__" else "(whole row)"
                for message in messages:
                    report.errors.append(RowError(line, column, raw.get(name, ""), message))
            continue
        pending.append((form, new))
    if not pending and not report.errors:
        raise ExtractRejected("The file has a header row but no figures.")
    if report.errors:
        return report
    with transaction.atomic():
        for form, new in pending:
            form.save()
            report.created += new
            report.updated += not new
        recompute_metrics({form.instance.year for form, _ in pending})
    return report


@transaction.atomic
def save_figures(form):
    """Save a form of figures ESR does not hold (one organisation, one year) and recompute that year's metrics."""
    figures = form.save()
    recompute_metrics([figures.year])
    return figures


# --- Equality metrics ---------------------------------------------------------------------------


@dataclass
class MetricsReport:
    """What `recompute_metrics` did: the years it computed (or skipped as up to date), and its timings."""

    years: list = dataclasses.field(default_factory=list)
    up_to_date: list = dataclasses.field(default_factory=list)
    scopes: int = 0
    rows: int = 0
    read_seconds: float = 0.0
    compute_seconds: float = 0.0
    store_seconds: float = 0.0

    @property
    def seconds(self) -> float:
        return self.read_seconds + self.compute_seconds + self.store_seconds

    def summary(self) -> list[str]:
        """Lines saying what was done, for the commands that recompute metrics."""
        lines = []
        if self.years:
            lines.append(
                f"Metrics for {_years(self.years)}: {self.scopes} scopes from {self.rows:,} staff records in "
                f"{self.seconds:.1f} s (read {self.read_seconds:.1f} s, computed {self.compute_seconds:.1f} s, "
                f"stored {self.store_seconds:.1f} s)."
            )
        if self.up_to_date:
            lines.append(f"Metrics already up to date for {_years(self.up_to_date)}.")
        if not self.years and not self.up_to_date:
            lines.append("No ESR snapshots: there are no metrics to compute.")
        return lines


def _years(years) -> str:
    return ", ".join(reporting_year_label(year) for year in years)


# The PostgreSQL advisory lock taken while a year's metrics are recomputed (with the year as second key);
# an arbitrary number that nothing else in the portal uses.
METRICS_LOCK = 440_002


def recompute_metrics(years=None, *, only_stale: bool = False) -> MetricsReport:
    """Compute and store the equality metrics of every scope, year by year.

    For each year (default: every year with an ESR snapshot or stored results), in one transaction: read
    the year's snapshots and figures, compute the metric sets of the ICS, every place and every
    organisation with a snapshot that year, suppressed together so that no hidden count can be worked out
    across them (`metrics.compute_metric_sets`), and replace the year's `MetricResult` rows. A year with
    no snapshots left loses its results. With `only_stale`, a year whose stored results were computed from
    exactly the current inputs (`metric_inputs_signature`) is left as it is.

    Called by every service that changes what the metrics read (ESR imports, figure saves and imports),
    by `manage.py recompute_metrics` and by `setup_demo`.
    """
    report = MetricsReport()
    if years is None:
        stored = MetricResult.objects.order_by().values_list("year", flat=True).distinct()
        years = sorted(set(metric_inputs.metric_years()) | set(stored))
    for year in sorted(set(years)):
        _recompute_year(year, only_stale, report)
    return report


def _recompute_year(year: int, only_stale: bool, report: MetricsReport) -> None:
    started = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One recomputation of a year at a time, each reading what the one before it committed.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [METRICS_LOCK, year])
        snapshots = metric_inputs.year_snapshots(year)
        signature = metric_inputs.metric_inputs_signature(snapshots)
        scopes = metric_scopes(snapshots)
        if only_stale and _stored_results_match(year, signature, scopes):
            report.up_to_date.append(year)
            return
        staff = metric_inputs.staff_members(snapshots.snapshots)
        figures = metric_inputs.organisation_figures(year, [o.pk for o in snapshots.organisations])
        without_snapshot = list(
            Organisation.objects.filter(uses_esr=True)
            .exclude(pk__in=[o.pk for o in snapshots.organisations])
            .select_related("place")
        )
        read = time.perf_counter()
        results = compute_metric_sets(
            staff,
            figures,
            [spec for _, spec in scopes],
            year=year,
            threshold=settings.SUPPRESSION_THRESHOLD,
        )
        now = timezone.now()
        rows = [
            MetricResult(
                scope_key=scope.key,
                scope_kind=scope.kind,
                year=year,
                snapshot_date=_latest_snapshot_date(snapshots, spec),
                computed_at=now,
                input_signature=signature,
                data_json=json.dumps(
                    _stored_data(results[spec.name], scope, spec, snapshots, without_snapshot), separators=(",", ":")
                ),
            )
            for scope, spec in scopes
        ]
        computed = time.perf_counter()
        MetricResult.objects.filter(year=year).exclude(scope_key__in=[row.scope_key for row in rows]).delete()
        MetricResult.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["scope_key", "year"],
            update_fields=["scope_kind", "snapshot_date", "computed_at", "input_signature", "data_json"],
        )
    stored = time.perf_counter()
    report.years.append(year)
    report.scopes += len(rows)
    report.rows += len(staff)
    report.read_seconds += read - started
    report.compute_seconds += computed - read
    report.store_seconds += stored - computed


def _stored_results_match(year, signature, scopes) -> bool:
    stored = dict(MetricResult.objects.filter(year=year).values_list("scope_key", "input_signature"))
    return stored.keys() == {scope.key for scope, _ in scopes} and set(stored.values()) <= {signature}


def metric_scopes(snapshots) -> list:
    """(Scope, ScopeSpec) for the ICS, each place and each organisation with a snapshot in the year.

    A place's comparator is its own Census population; an organisation's is its place's (or, with no
    place, the ICS's, like the ICB and the ambulance trust, which serve the whole ICS).
    """
    organisations = snapshots.organisations
    if not organisations:
        return []

    def population(place):
        try:
            return population_profile(place.slug if place else None)
        except KeyError:  # a place added in the portal, with no Census figures shipped
            return None

    ics = Scope.ics()
    scopes = [(ics, ScopeSpec("ics", ics.key, frozenset(o.pk for o in organisations), population(None)))]
    places = {o.place_id: o.place for o in organisations if o.place_id}
    for place in sorted(places.values(), key=lambda place: place.name):
        scope = Scope.for_place(place)
        members = frozenset(o.pk for o in organisations if o.place_id == place.pk)
        scopes.append((scope, ScopeSpec("place", scope.key, members, population(place))))
    for organisation in organisations:
        scope = Scope.for_organisation(organisation)
        spec = ScopeSpec("organisation", scope.key, frozenset({organisation.pk}), population(organisation.place))
        scopes.append((scope, spec))
    return scopes


def _latest_snapshot_date(snapshots, spec):
    return max(s.snapshot_date for s in snapshots.snapshots if s.organisation_id in spec.organisation_ids)


def _stored_data(result: dict, scope, spec, snapshots, without_snapshot) -> dict:
    """The metric set as stored: plain JSON, organisations named by slug, the scope and its coverage."""
    slug_of = {s.organisation_id: s.organisation.slug for s in snapshots.snapshots}
    for rates in result["declaration"].values():
        rates["by_organisation"] = {slug_of[o]: figures for o, figures in rates["by_organisation"].items()}
    coverage = {name: [slug_of[o] for o in organisation_ids] for name, organisation_ids in result["coverage"].items()}
    coverage["snapshot_dates"] = {
        s.organisation.slug: s.snapshot_date.isoformat()
        for s in snapshots.snapshots
        if s.organisation_id in spec.organisation_ids
    }
    # The scope's ESR organisations with no snapshot this year, so a reader knows what the figures leave out.
    if scope.kind == "ics":
        missing = without_snapshot
    else:
        missing = [o for o in without_snapshot if scope.kind == "place" and o.place and o.place.slug == scope.slug]
    coverage["organisations_without_snapshot"] = sorted(o.slug for o in missing)
    result["coverage"] = coverage
    data = as_plain_data(result)
    data["scope"] = {
        "key": scope.key,
        "kind": scope.kind,
        "label": scope.label,
        "year": snapshots.year,
        "year_label": reporting_year_label(snapshots.year),
        "snapshot_date": _latest_snapshot_date(snapshots, spec).isoformat(),
        "threshold": settings.SUPPRESSION_THRESHOLD,
    }
    return data
