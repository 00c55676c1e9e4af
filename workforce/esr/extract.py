"""An ESR extract as a whole: the checks that reject a file before any row is read.

Is it text in UTF-8, Windows-1252 or UTF-16 (not a spreadsheet or other binary), is it comma-separated
(or tab-separated UTF-16, Excel's "Unicode text"), has it a header row, and is its snapshot date a
plausible past date. Errors the CSV reader itself raises part-way become ExtractRejected too
(ExtractRejected.unreadable), on every import path.
"""

import codecs
import csv
import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.utils import timezone


class ExtractRejected(ValueError):
    """The file as a whole cannot be imported: the message says why and what to do."""

    @classmethod
    def missing_columns(cls, missing: list[str], advice: str) -> "ExtractRejected":
        """The rejection of a file without some required columns, naming them (“a”, “b” and “c”), then advice."""
        names = [f"“{name}”" for name in missing]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        noun = "column" if len(names) == 1 else "columns"
        return cls(f"The file has no {listed} {noun}. {advice}")

    @classmethod
    def conflicting_columns(cls, conflicts) -> "ExtractRejected":
        """The rejection of a file with two columns for one thing, naming both of each pair."""
        pairs = "; ".join(
            f"“{first}” and “{second}” are the same column"
            if first.lower() != second.lower()
            else f"“{first}” appears twice"
            for first, second in conflicts
        )
        return cls(f"The file has two columns for one thing: {pairs}. Keep one of each and try again.")

    @classmethod
    def unreadable(cls, error: csv.Error, line: int, start: int | None = None) -> "ExtractRejected":
        """The rejection of a file the CSV reader stopped on at `line`, in a row that began on `start`,
        saying where and the likely cause."""
        text = str(error)
        if "field larger than field limit" in text:
            limit = f"{csv.field_size_limit():,} characters"
            if start is not None and start < line:
                return cls(
                    f"Line {start}: a value runs on for more than {limit} (to line {line}), so this is not a "
                    'staff list. Usually a quote mark (") opens a value on that line and is never closed: '
                    "check the quote marks there."
                )
            return cls(f"Line {line}: a value is longer than {limit}, so this is not a staff list.")
        return cls(f"Line {start or line} cannot be read as CSV ({text}). Check the quote marks on this line.")


@dataclass(frozen=True)
class FileInfo:
    path: Path
    sha256: str
    encoding: str
    size: int
    delimiter: str = ","


_SPREADSHEET_MAGIC = {b"PK\x03\x04": "an Excel workbook (.xlsx)", b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls)"}


def inspect_file(path) -> FileInfo:
    """Hash the file and choose its encoding in one streaming pass; reject what is not CSV text.

    UTF-8 (with or without the byte order mark Excel's "CSV UTF-8" writes) is read as UTF-8; UTF-16
    with its byte order mark (Excel's "Unicode text", tab-separated) as UTF-16; anything else must be
    Windows-1252, which Excel's plain "CSV (Comma delimited)" writes.
    """
    path = Path(path)
    if not path.is_file():
        raise ExtractRejected(f"There is no file at {path}.")
    with path.open("rb") as stream:
        start = stream.read(2)
    if start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return _inspect_utf16(path)
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    is_utf8, size, first = True, 0, b""
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            if not first:
                first = chunk[:8]
            if b"\x00" in chunk:
                raise ExtractRejected(_binary_message(first))
            digest.update(chunk)
            size += len(chunk)
            if is_utf8:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    is_utf8 = False
    if is_utf8:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            is_utf8 = False
    for magic in _SPREADSHEET_MAGIC:
        if first.startswith(magic):
            raise ExtractRejected(_binary_message(first))
    if not first.replace(codecs.BOM_UTF8, b"").strip():
        raise ExtractRejected("The file is empty. Export the staff in post report from ESR as CSV and try again.")
    encoding = "utf-8-sig" if is_utf8 else "cp1252"
    if not is_utf8:
        try:
            with path.open("r", encoding="cp1252", newline="") as stream:
                while stream.read(1 << 20):
                    pass
        except UnicodeDecodeError:
            raise ExtractRejected(
                "The file is not text in UTF-8 or Windows-1252. Save it from Excel as “CSV UTF-8” and try again."
            ) from None
    return FileInfo(path=path, sha256=digest.hexdigest(), encoding=encoding, size=size)


def _inspect_utf16(path: Path) -> FileInfo:
    """Hash and check a file that starts with a UTF-16 byte order mark; tab-separated when its header is."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-16")()
    size, first_line = 0, ""
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
                text = decoder.decode(chunk)
                if len(first_line) < 4096:
                    first_line += text[:4096]
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise ExtractRejected(
            "The file starts as UTF-16 text (Excel's “Unicode text”) but is not valid UTF-16. "
            "Save it from Excel as “CSV UTF-8” and try again."
        ) from None
    if "\x00" in first_line or not first_line.strip():
        raise ExtractRejected("The file is UTF-16 text but empty or not a staff list. Save it as “CSV UTF-8”.")
    delimiter = utf16_delimiter(first_line)
    return FileInfo(path=path, sha256=digest.hexdigest(), encoding="utf-16", size=size, delimiter=delimiter)


def utf16_delimiter(text: str) -> str:
    """Tab when the header row of UTF-16 text is tab-separated (Excel's "Unicode text"), else comma."""
    header = text.lstrip().splitlines()[0] if text.strip() else ""
    return "\t" if "\t" in header and "," not in header else ","


def _binary_message(first: bytes) -> str:
    kind = next((name for magic, name in _SPREADSHEET_MAGIC.items() if first.startswith(magic)), None)
    if kind is None and len(first) >= 4 and first[1::2].count(0) == len(first[1::2]):
        kind = "UTF-16 text without the byte order mark that says so"
    kind = kind or "binary data"
    return f"This is not a CSV file: it contains {kind}. In Excel, choose Save As and “CSV UTF-8 (Comma delimited)”."


def open_csv(info: FileInfo):
    """A text stream of the file; the caller closes it."""
    return info.path.open("r", encoding=info.encoding, newline="")


def csv_reader(info: FileInfo, stream):
    """A csv.reader of the stream with the file's delimiter."""
    return csv.reader(stream, delimiter=info.delimiter)


def read_header(reader) -> list[str]:
    """The header row, skipping Excel's optional "sep=," line; rejects other delimiters."""
    for header in reader:
        if header and header[0].strip().lower().startswith("sep=") and not any(c.strip() for c in header[1:]):
            continue  # Excel's "sep=," hint line
        if not any(cell.strip() for cell in header):
            continue
        if len(header) == 1:
            text = header[0]
            for delimiter, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
                if delimiter in text:
                    raise ExtractRejected(
                        f"The columns are separated by {name}, not commas. Save the file as comma-separated CSV."
                    )
        return header
    raise ExtractRejected("The file is empty. Export the staff in post report from ESR as CSV and try again.")


def upload_size_check(*, size: int, max_bytes: int) -> None:
    """Raise ExtractRejected when an upload of `size` bytes is over the limit of `max_bytes`."""
    if size > max_bytes:
        raise ExtractRejected(
            f"The file is {size / 1_048_576:,.1f} MB, more than the {max_bytes / 1_048_576:,.0f} MB allowed. "
            "Check it is the right file, or split it by organisation."
        )


# ESR went live across the NHS in 2008; WRES and WDES data start later still. Earlier dates are typing errors.
EARLIEST_SNAPSHOT = date(2000, 1, 1)


def snapshot_date_check(value: date | str) -> date:
    """The snapshot date, from a date or "YYYY-MM-DD" text; raises ExtractRejected unless it is a past date
    no earlier than EARLIEST_SNAPSHOT."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise ExtractRejected(f"“{value}” is not a date: give the snapshot date as YYYY-MM-DD.") from None
    if value > timezone.localdate():
        raise ExtractRejected(f"The snapshot date {value:%-d %B %Y} is in the future.")
    if value < EARLIEST_SNAPSHOT:
        raise ExtractRejected(
            f"The snapshot date {value.day} {value:%B} {value.year} is before {EARLIEST_SNAPSHOT.year}: "
            "give the date the staff were in post, for example 31/03/2025."
        )
    return value
