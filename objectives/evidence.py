"""Rules for evidence: which files may be uploaded and which links accepted. Pure functions, no I/O.

A file is accepted only when its extension is on the list *and* its first bytes match that
type, so a renamed executable or HTML page is refused. Office files must be the zip-based
formats (.docx, .xlsx, .pptx): the older binary formats can carry macros.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator


@dataclass(frozen=True)
class EvidenceUpload:
    """A file a lead chose, read into memory after the form checked its size."""

    name: str
    content: bytes


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str


ALLOWED_TYPES = {
    ".pdf": FileType("PDF", "application/pdf"),
    ".docx": FileType("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": FileType("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pptx": FileType("PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ".csv": FileType("CSV", "text/csv"),
    ".txt": FileType("text", "text/plain"),
    ".png": FileType("PNG", "image/png"),
    ".jpg": FileType("JPEG", "image/jpeg"),
    ".jpeg": FileType("JPEG", "image/jpeg"),
}
ALLOWED_EXTENSIONS_TEXT = "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), CSV, text, PNG or JPEG"
MAX_FILES_PER_UPDATE = 5
MAX_LINKS_PER_UPDATE = 10
MAX_NAME_LENGTH = 150

_OOXML_PARTS = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"


def check_evidence_file(name: str, content: bytes, max_bytes: int) -> FileType:
    """Return the file's type if it may be uploaded; raise ValidationError with a message for the user."""
    display = PurePath(name).name or "The file"
    if len(content) == 0:
        raise ValidationError(f"{display} is empty")
    if len(content) > max_bytes:
        raise ValidationError(f"{display} must be smaller than {human_size(max_bytes)}")
    extension = PurePath(name).suffix.lower()
    file_type = ALLOWED_TYPES.get(extension)
    if file_type is None:
        raise ValidationError(f"{display} must be a {ALLOWED_EXTENSIONS_TEXT} file")
    if not _content_matches(extension, content):
        raise ValidationError(f"{display} is not a real {file_type.label} file: it may be damaged or renamed")
    return file_type


def _content_matches(extension: str, content: bytes) -> bool:
    if extension == ".pdf":
        return content.startswith(b"%PDF-")
    if extension == ".png":
        return content.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in (".jpg", ".jpeg"):
        return content.startswith(b"\xff\xd8\xff")
    if extension in _OOXML_PARTS:
        return _is_office_file(content, _OOXML_PARTS[extension])
    if extension in (".csv", ".txt"):
        return _is_text(content)
    return False


def _is_office_file(content: bytes, part_prefix: str) -> bool:
    if not content.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and any(n.startswith(part_prefix) for n in names)


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def safe_display_name(name: str) -> str:
    """The uploader's file name without any folder part or control characters, shortened if long."""
    cleaned = "".join(ch for ch in PurePath(name.replace("\\", "/")).name if ch.isprintable()).strip()
    cleaned = cleaned or "evidence"
    if len(cleaned) > MAX_NAME_LENGTH:
        suffix = PurePath(cleaned).suffix[:10]
        cleaned = cleaned[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return cleaned


_url_validator = URLValidator(schemes=["https", "http"])


def parse_evidence_links(text: str) -> list[str]:
    """Web addresses from a box with one per line; blank lines ignored, duplicates dropped."""
    links = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        link = line.strip()
        if not link:
            continue
        try:
            _url_validator(link)
        except ValidationError:
            raise ValidationError(
                f"Line {number} is not a web address: enter each link on its own line, starting https://"
            ) from None
        if len(link) > 500:
            raise ValidationError(f"The web address on line {number} must be 500 characters or fewer")
        if link not in links:
            links.append(link)
    if len(links) > MAX_LINKS_PER_UPDATE:
        raise ValidationError(f"Enter {MAX_LINKS_PER_UPDATE} links or fewer")
    return links
