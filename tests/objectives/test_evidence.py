"""Which evidence files and links are accepted: plain functions, no database."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from objectives.evidence import check_evidence_file, parse_evidence_links, safe_display_name
from tests.objectives.factories import PDF_BYTES

LIMIT = 1024 * 1024


def office_file(part="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("report.pdf", PDF_BYTES, "application/pdf"),
        ("Action Plan.DOCX", office_file(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (
            "figures.xlsx",
            office_file("xl/workbook.xml"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("minutes.csv", "Date,Item\n2025-01-01,Café\n".encode(), "text/csv"),
        ("notes.txt", "Network met in Burnley – 12 attended".encode("cp1252"), "text/plain"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image/png"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
    ],
)
def test_accepted_evidence_files(name, content, content_type):
    assert check_evidence_file(name, content, LIMIT).content_type == content_type


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("script.exe", b"MZ\x90\x00", "must be a PDF"),
        ("page.html", b"<html><script>alert(1)</script>", "must be a PDF"),
        ("report.pdf", b"<html>not a pdf</html>", "is not a real PDF file"),
        ("macro.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old word file", "is not a real Word file"),
        ("archive.docx", office_file("something/else.xml"), "is not a real Word file"),
        ("sheet.xlsx", office_file("word/document.xml"), "is not a real Excel file"),
        ("data.csv", b"a,b\x00\x01\x02", "is not a real CSV file"),
        ("empty.pdf", b"", "is empty"),
        ("noextension", PDF_BYTES, "must be a PDF"),
    ],
)
def test_refused_evidence_files(name, content, message):
    with pytest.raises(ValidationError, match=message):
        check_evidence_file(name, content, LIMIT)


def test_files_over_the_size_limit_are_refused():
    big = PDF_BYTES + b"0" * LIMIT
    with pytest.raises(ValidationError, match="must be smaller than 1 MB"):
        check_evidence_file("big.pdf", big, LIMIT)


def test_links_one_per_line_blank_lines_and_duplicates_ignored():
    text = "https://example.org/a\n\n  http://example.org/b  \nhttps://example.org/a\n"
    assert parse_evidence_links(text) == ["https://example.org/a", "http://example.org/b"]


@pytest.mark.parametrize("text", ["javascript:alert(1)", "ftp://example.org/file", "not a link", "www.example.org"])
def test_links_that_are_not_web_addresses_are_refused(text):
    with pytest.raises(ValidationError, match="Line 1 is not a web address"):
        parse_evidence_links(text)


def test_too_many_links_are_refused():
    with pytest.raises(ValidationError, match="10 links or fewer"):
        parse_evidence_links("\n".join(f"https://example.org/{n}" for n in range(11)))


@pytest.mark.parametrize(
    "uploaded, shown",
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\lead\\Board paper.pdf", "Board paper.pdf"),
        ("bad\x00name\n.pdf", "badname.pdf"),
        ("", "evidence"),
    ],
)
def test_display_names_lose_folders_and_control_characters(uploaded, shown):
    assert safe_display_name(uploaded) == shown


def test_long_display_names_keep_their_extension():
    name = safe_display_name("a" * 300 + ".pdf")
    assert len(name) == 150
    assert name.endswith(".pdf")
