"""Save the figures ESR does not hold, from the pages' forms or from a CSV file, and recompute their year."""

import codecs
import csv
import dataclasses
import io
from dataclasses import dataclass

from django.db import transaction

from organisations.models import Organisation
from organisations.permissions import can_edit_figures
from workforce.esr.extract import ExtractRejected, utf16_delimiter
from workforce.esr.reader import RowError
from workforce.figures import FiguresSection
from workforce.forms import figures_form_class
from workforce.models import AnnualFigures
from workforce.services.metric_recompute import metrics_recompute


@dataclass
class FiguresImportReport:
    """What a figures CSV import did: rows saved, or every error (nothing saved)."""

    section_title: str
    created: int = 0
    updated: int = 0
    errors: list = dataclasses.field(default_factory=list)  # RowError

    @property
    def ok(self) -> bool:
        return not self.errors


class _RowRejected(Exception):
    def __init__(self, error: RowError):
        super().__init__(str(error))
        self.error = error


@transaction.atomic
def figures_save(*, form) -> AnnualFigures:
    """Save a form of figures ESR does not hold (one organisation, one year), recompute that year's metrics
    and return the saved figures."""
    figures = form.save()
    metrics_recompute(years=[figures.year])
    return figures


def figures_csv_import(*, data: bytes, section: FiguresSection, user) -> FiguresImportReport:
    """Create or update one section of figures from CSV: organisation (ODS code, or slug), year, then the fields.

    Each row is validated by the same form the pages use, and the user must be allowed to change each
    row's organisation. All or nothing: with any error, nothing is saved and every error is reported.
    Returns the report; raises ExtractRejected when the file is not CSV or lacks the first two columns.
    """
    reader = _csv_reader(data)
    try:
        return _import_rows(reader, section=section, user=user)
    except csv.Error as error:  # DictReader's line_num is the last row read; its reader's, where it stopped
        raise ExtractRejected.unreadable(error, reader.reader.line_num, start=reader.line_num + 1) from None


def _import_rows(reader: csv.DictReader, *, section: FiguresSection, user) -> FiguresImportReport:
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
        try:
            organisation, year = _organisation_and_year(raw, line, organisations, seen, user)
        except _RowRejected as rejected:
            report.errors.append(rejected.error)
            continue
        seen[organisation.pk, year] = line
        instance = section.model.objects.of_organisation(organisation).in_year(year).first()
        new = instance is None
        instance = instance or section.model(organisation=organisation, year=year)
        form = form_class({name: raw.get(name, "") for name in section.fields}, instance=instance)
        if form.is_valid():
            pending.append((form, new))
        else:
            report.errors.extend(_form_errors(form, raw, line))
    if not pending and not report.errors:
        raise ExtractRejected("The file has a header row but no figures.")
    if not report.errors:
        _save_all(pending, report)
    return report


def _csv_reader(data: bytes) -> csv.DictReader:
    """A reader of the file's rows, once the file is known to be text with the organisation and year columns,
    each once. UTF-8, UTF-16 with its byte order mark (tab-separated as Excel's "Unicode text") or Windows-1252."""
    delimiter = ","
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ExtractRejected(
                "The file starts as UTF-16 text but is not valid UTF-16: save it as CSV UTF-8."
            ) from None
        delimiter = utf16_delimiter(text)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text or not text.strip():
        raise ExtractRejected("The file is empty or is not a CSV file.")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        fieldnames = reader.fieldnames or []
    except csv.Error as error:
        raise ExtractRejected.unreadable(error, reader.line_num) from None
    columns: dict[str, str] = {}
    for name in fieldnames:
        key = (name or "").strip().lower()
        if key and key in columns:
            raise ExtractRejected.conflicting_columns([(columns[key].strip(), name.strip())])
        columns[key] = name
    missing = [name for name in ("organisation", "year") if name not in columns]
    if missing:
        raise ExtractRejected.missing_columns(missing, "The templates show the columns.")
    return reader


def _organisation_and_year(raw: dict, line: int, organisations: dict, seen: dict, user) -> tuple[Organisation, int]:
    """The row's organisation and year; raises _RowRejected when either is wrong or the pair is repeated."""
    organisation = organisations.get(raw["organisation"].lower())
    if organisation is None:
        raise _RowRejected(RowError(line, "organisation", raw["organisation"], "is not an organisation's ODS code"))
    if not can_edit_figures(user, organisation):
        message = f"is {organisation.name}, whose figures you may not change"
        raise _RowRejected(RowError(line, "organisation", raw["organisation"], message))
    try:
        year = int(raw["year"])
        if not 2000 <= year <= 2100:  # also keeps absurd numbers out of the database's integer range
            raise ValueError
    except ValueError:
        raise _RowRejected(RowError(line, "year", raw["year"], "is not a year such as 2025 (for 2024/25)")) from None
    if (organisation.pk, year) in seen:
        message = f"repeats {organisation.display_short_name} {year} (also on line {seen[organisation.pk, year]})"
        raise _RowRejected(RowError(line, "year", raw["year"], message))
    return organisation, year


def _form_errors(form, raw: dict, line: int) -> list[RowError]:
    return [
        RowError(line, name if name != "__all__" else "(whole row)", raw.get(name, ""), message)
        for name, messages in form.errors.items()
        for message in messages
    ]


@transaction.atomic
def _save_all(pending: list, report: FiguresImportReport) -> None:
    for form, new in pending:
        form.save()
        report.created += new
        report.updated += not new
    metrics_recompute(years={form.instance.year for form, _ in pending})
