"""Import an ESR staff-in-post extract: check it whole, then store it as one snapshot per organisation."""

import csv
import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from jobs.models import Job
from organisations.models import Organisation
from workforce.esr.columns import map_header
from workforce.esr.extract import (
    ExtractRejected,
    csv_reader,
    inspect_file,
    open_csv,
    read_header,
    snapshot_date_check,
)
from workforce.esr.reader import ReadResult, RowConverter
from workforce.esr.writer import reserve_snapshot_ids, write_staff_records
from workforce.models import ImportBatch, Snapshot, StaffRecord, reporting_year_for
from workforce.services.metric_recompute import MetricsReport, metrics_recompute
from workforce.tasks import metrics_recompute_queue


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
    batch: ImportBatch | None = None
    metrics: MetricsReport | None = None  # the metrics recomputed after the import
    metrics_job: Job | None = None  # or the background job recomputing them

    @property
    def ok(self) -> bool:
        return self.status != "invalid"

    def summary(self) -> str:
        """One sentence saying what the import did, for the pages, the admin and the command."""
        on = f"{self.snapshot_date:%-d %B %Y}"
        return {
            "checked": f"{self.file_name} is valid: {self.rows:,} assignments on {on}. Nothing stored (dry run).",
            "imported": f"Imported {self.rows:,} assignments on {on} from {self.file_name}.",
            "unchanged": f"{self.file_name} was already imported for {on}: nothing changed.",
            "invalid": f"{self.error_count:,} errors in {self.file_name}: nothing was imported.",
        }[self.status]


def esr_organisation_get(*, ods_code: str) -> Organisation:
    """The organisation with this ODS code; raises ExtractRejected when there is none or it does not use ESR."""
    organisation = Organisation.objects.filter(ods_code__iexact=ods_code.strip()).first()
    if organisation is None:
        raise ExtractRejected(f"No organisation has the ODS code “{ods_code}”.")
    if not organisation.uses_esr:
        raise ExtractRejected(f"{organisation.name} does not use ESR.")
    return organisation


def esr_extract_import(
    *,
    path: str | Path,
    snapshot_date: date | str,
    organisation: Organisation | None = None,
    file_name: str | None = None,
    user=None,
    dry_run: bool = False,
    recompute: bool = True,
    recompute_in_background: bool = False,
) -> ImportReport:
    """Validate an ESR staff-in-post extract and, unless dry_run, store it as one snapshot per organisation.

    Returns the ImportReport. All or nothing: any invalid row means nothing is stored and every error is
    reported with its line, column and value. Re-importing an organisation and date replaces that snapshot
    whole; importing the same file for the same date again changes nothing. Raises ExtractRejected when the
    file as a whole cannot be read (missing, empty, binary, wrong delimiter, missing required columns).

    The year's equality metrics are recomputed afterwards unless `recompute` is False (scripts loading
    several files then run `recompute_metrics --stale` once, which finds the changed years itself), in a
    background job once the import is committed with `recompute_in_background` (the portal's page does).
    """
    snapshot_date = snapshot_date_check(snapshot_date)
    info = inspect_file(path)
    file_name = file_name or Path(path).name
    report = ImportReport(file_name=file_name, snapshot_date=snapshot_date, sha256=info.sha256, status="checked")

    previous = _same_file_already_imported(info.sha256, snapshot_date)
    if previous is not None:
        report.status, report.batch, report.rows = "unchanged", previous, previous.row_count
        report.rows_by_organisation = {s.organisation: s.row_count for s in previous.snapshots.all()}
        return report

    organisations = list(Organisation.objects.all())
    with open_csv(info) as stream, transaction.atomic():
        batch = None
        if not dry_run:
            batch = ImportBatch(
                sha256=info.sha256, file_name=file_name[:255], snapshot_date=snapshot_date, imported_by=user
            )
        reader = csv_reader(info, stream)
        try:
            read, snapshot_ids = _read_rows(
                reader, organisations, organisation=organisation, snapshot_date=snapshot_date, batch=batch
            )
        except csv.Error as error:  # raised part-way: leaving the block rolls back what was written
            raise ExtractRejected.unreadable(error, reader.line_num) from None
        _report_rows(report, read, organisations)
        if read.error_count:
            transaction.set_rollback(True)
            report.status = "invalid"
            return report
        if batch is not None:
            _store_snapshots(batch, read, snapshot_ids)
            report.status, report.batch = "imported", batch
            year = reporting_year_for(snapshot_date)
            if recompute and recompute_in_background:
                report.metrics_job = metrics_recompute_queue(years=[year], user=user)
            elif recompute:
                report.metrics = metrics_recompute(years=[year])
    return report


def _read_rows(reader, organisations, *, organisation, snapshot_date, batch) -> tuple[ReadResult, dict]:
    """Read every row, writing the staff records when there is a batch to write them for.

    Returns what was read and the snapshot id reserved for each organisation (none in a dry run).
    """
    header = read_header(reader)
    columns, missing = map_header(header, organisation_given=organisation is not None)
    if columns.conflicts:
        raise ExtractRejected.conflicting_columns(columns.conflicts)
    if missing:
        raise ExtractRejected.missing_columns(missing, f"Its columns are: {', '.join(h for h in header if h)}.")
    read = ReadResult(columns=columns)
    converter = RowConverter(
        columns,
        organisations=organisations,
        snapshot_date=snapshot_date,
        key=settings.PSEUDONYMISATION_KEY.encode(),
        organisation=organisation,
    )
    chunks = _row_capped(converter.read(reader, read), read)
    snapshot_ids = {}
    if batch is None:
        for _ in chunks:
            pass
    else:
        batch.save()
        candidates = [organisation.pk] if organisation else [o.pk for o in organisations if o.uses_esr]
        snapshot_ids = reserve_snapshot_ids(candidates)
        # Once a row is invalid nothing will be kept, so later rows are only read for their errors.
        write_staff_records((chunk for chunk in chunks if not read.error_count), snapshot_ids)
    if read.rows == 0 and read.error_count == 0:
        raise ExtractRejected("The file has a header row but no staff rows.")
    return read, snapshot_ids


def _row_capped(chunks, read: ReadResult):
    """The chunks of rows, rejecting the file once it has more rows than ESR_UPLOAD_MAX_ROWS."""
    for chunk in chunks:
        if read.rows > settings.ESR_UPLOAD_MAX_ROWS:
            raise ExtractRejected(
                f"The file has more than {settings.ESR_UPLOAD_MAX_ROWS:,} staff rows, the most one import takes. "
                "Check it is a staff in post extract, or split it by organisation."
            )
        yield chunk


def _report_rows(report: ImportReport, read: ReadResult, organisations) -> None:
    """Copy what was read into the report, with the organisations whose snapshot on that date it replaces."""
    by_id = {organisation.pk: organisation for organisation in organisations}
    report.rows = read.rows
    report.rows_by_organisation = {by_id[pk]: n for pk, n in sorted(read.rows_by_organisation.items())}
    report.errors, report.error_count = read.errors, read.error_count
    report.ignored_columns = read.columns.ignored
    report.replaced = [
        s.organisation
        for s in Snapshot.objects.of_organisations(report.rows_by_organisation)
        .on(report.snapshot_date)
        .select_related("organisation")
    ]


def _store_snapshots(batch: ImportBatch, read: ReadResult, snapshot_ids: dict) -> None:
    """Replace the snapshots of the organisations read, on the batch's date, by the ones just written."""
    replaced = Snapshot.objects.of_organisations(read.rows_by_organisation.keys()).on(batch.snapshot_date)
    StaffRecord.objects.filter(snapshot__in=replaced).delete()
    replaced.delete()
    Snapshot.objects.bulk_create(
        Snapshot(
            pk=snapshot_ids[organisation_id],
            organisation_id=organisation_id,
            snapshot_date=batch.snapshot_date,
            import_batch=batch,
            row_count=rows,
        )
        for organisation_id, rows in read.rows_by_organisation.items()
    )
    batch.row_count = read.rows
    batch.save(update_fields=["row_count"])
    ImportBatch.objects.current().exclude(snapshots__isnull=False).update(status=ImportBatch.Status.SUPERSEDED)


def _same_file_already_imported(sha256: str, snapshot_date: date) -> ImportBatch | None:
    """The earlier import of this file for this date, if every snapshot it loaded is still the current one."""
    for batch in ImportBatch.objects.current().filter(sha256=sha256, snapshot_date=snapshot_date):
        snapshots = list(batch.snapshots.select_related("organisation"))
        if snapshots and sum(s.row_count for s in snapshots) == batch.row_count:
            return batch
    return None
