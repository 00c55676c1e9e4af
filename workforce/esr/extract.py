"""An ESR extract as a whole: the checks that reject a file before any row is read.

Is it text in UTF-8 or Windows-1252 (not a spreadsheet or other binary), is it comma-separated, has it
a header row, and is its snapshot date in the past.
"""

import codecs
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


@dataclass(frozen=True)
class FileInfo:
    path: Path
    sha256: str
    encoding: str
    size: int


_SPREADSHEET_MAGIC = {b"PK\x03\x04": "an Excel workbook (.xlsx)", b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls)"}


def inspect_file(path) -> FileInfo:
    """Hash the file and choose its encoding in one streaming pass; reject what is not CSV text.

    UTF-8 (with or without the byte order mark Excel's "CSV UTF-8" writes) is read as UTF-8;
    anything else must be Windows-1252, which Excel's plain "CSV (Comma delimited)" writes.
    """
    path = Path(path)
    if not path.is_file():
        raise ExtractRejected(f"There is no file at {path}.")
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


def _binary_message(first: bytes) -> str:
    kind = next((name for magic, name in _SPREADSHEET_MAGIC.items() if first.startswith(magic)), "binary data")
    return f"This is not a CSV file: it contains {kind}. In Excel, choose Save As and “CSV UTF-8 (Comma delimited)”."


def open_csv(info: FileInfo):
    """A text stream of the file; the caller closes it."""
    return info.path.open("r", encoding=info.encoding, newline="")


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


def snapshot_date_check(value: date | str) -> date:
    """The snapshot date, from a date or "YYYY-MM-DD" text; raises ExtractRejected when it is not a past date."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise ExtractRejected(f"“{value}” is not a date: give the snapshot date as YYYY-MM-DD.") from None
    if value > timezone.localdate():
        raise ExtractRejected(f"The snapshot date {value:%d %B %Y} is in the future.")
    return value
