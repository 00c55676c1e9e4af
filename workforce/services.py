"""Services that change workforce-app data: reference data, users and memberships, ESR imports."""

import csv
import dataclasses
import json
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from workforce.esr import reader as esr_reader
from workforce.esr.columns import map_header
from workforce.esr.reader import ExtractRejected, ReadResult, RowError
from workforce.esr.writer import reserve_snapshot_ids, write_staff_records
from workforce.models import ImportBatch, Membership, Organisation, Place, Snapshot, StaffRecord
from workforce.permissions import Role, ensure_role_groups

REFERENCE_DATA = Path(__file__).resolve().parent / "data" / "organisations.json"


@dataclass(frozen=True)
class LoadSummary:
    created: int
    updated: int


@transaction.atomic
def load_places_and_organisations(path: Path = REFERENCE_DATA) -> LoadSummary:
    """Create or update the four places and the partner organisations, keyed on slug.

    Running it again changes nothing unless the file changed; organisations that admins
    added in the portal are left alone.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    created = updated = 0
    places = {}
    for row in data["places"]:
        place, was_created = Place.objects.update_or_create(
            slug=row["slug"], defaults={"name": row["name"], "description": row["description"]}
        )
        places[place.slug] = place
        created += was_created
        updated += not was_created
    for row in data["organisations"]:
        defaults = {key: row[key] for key in ("name", "short_name", "ods_code", "kind", "uses_esr")}
        defaults["place"] = places[row["place"]] if row["place"] else None
        _, was_created = _update_if_changed(Organisation, slug=row["slug"], defaults=defaults)
        created += was_created
        updated += not was_created
    return LoadSummary(created=created, updated=updated)


def _update_if_changed(model, defaults, **lookup):
    """update_or_create that writes (and records history) only when a value differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults), True
    changed = [field for field, value in defaults.items() if getattr(obj, field) != value]
    for field in changed:
        setattr(obj, field, defaults[field])
    if changed:
        obj.save()
    return obj, False


@transaction.atomic
def save_portal_user(
    *,
    user=None,
    email: str,
    first_name: str,
    last_name: str,
    role: Role,
    organisations=(),
    ics_lead: bool = False,
    is_active: bool = True,
):
    """Create or update a portal user with exactly one role and, for EDI leads, their organisations.

    The email address is the username. Admins also get access to the Django admin site.
    """
    User = get_user_model()
    groups = ensure_role_groups()
    if user is None:
        # A random password nobody knows: the new user sets their own through the emailed link.
        user = User(username=email.lower())
        user.set_password(secrets.token_urlsafe(32))
    user.username = email.lower()
    user.email = email.lower()
    user.first_name = first_name
    user.last_name = last_name
    user.is_active = is_active
    user.is_staff = role == Role.ADMIN
    user.save()
    user.groups.set([groups[role]])
    organisations = list(organisations) if role == Role.EDI_LEAD else []
    user.memberships.exclude(organisation__in=organisations).delete()
    for organisation in organisations:
        Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"is_ics_lead": ics_lead})
    for attribute in ("_portal_roles", "_portal_is_ics_lead"):
        user.__dict__.pop(attribute, None)
    return user


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
    path, *, snapshot_date, organisation: Organisation | None = None, file_name=None, user=None, dry_run=False
) -> ImportReport:
    """Validate an ESR staff-in-post extract and, unless dry_run, store it as one snapshot per organisation.

    All or nothing: any invalid row means nothing is stored and every error is reported with its line,
    column and value. Re-importing an organisation and date replaces that snapshot whole; importing the
    same file for the same date again changes nothing. Raises ExtractRejected when the file as a whole
    cannot be read (missing, empty, binary, wrong delimiter, missing required columns).
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
    from workforce.forms import figures_form_class  # forms import services: import here, not at the top
    from workforce.permissions import can_edit_figures

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
    return report
