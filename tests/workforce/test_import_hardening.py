"""Every import path (portal, Django admin, figures page, command) turns a file the CSV reader stops on,
a duplicated column, an implausible date or an oversized file into a clear message, keeps no upload and
stores nothing; UTF-16 files (Excel's "Unicode text") are read."""

import os
import time
from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tests.workforce.esr_files import HEADER, csv_text, row, write_extract
from tests.workforce.test_esr_pages import admin_check, hidden_fields, upload, waiting
from tests.workforce.test_figures import RECRUITMENT, YEAR, figures_csv, post_csv
from workforce.esr.extract import ExtractRejected
from workforce.models import ImportBatch, RecruitmentFigures, Snapshot, StaffRecord
from workforce.services.esr_import import esr_extract_import
from workforce.services.esr_upload import esr_upload_store

pytestmark = pytest.mark.django_db
ON = date(2025, 3, 31)

# A quote opened on line 3 and never closed: the reader takes the rest of the file as one value.
UNBALANCED = csv_text([row(1)]) + '20000002,"oops\r\n' + ("x" * 199 + "\r\n") * 700
HUGE_FIELD = csv_text([row(1, Job_Role="x" * 140_000)])
UNREADABLE = {
    "unbalanced quote": (UNBALANCED, "Line 3: a value runs on for more than 131,072 characters (to line 656)"),
    "huge field": (HUGE_FIELD, "Line 2: a value is longer than 131,072 characters"),
}
ADMIN_FIGURES_IMPORT = "/admin/workforce/recruitmentfigures/import/"


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path / "esr-uploads"


def nothing_stored():
    return not (StaffRecord.objects.exists() or Snapshot.objects.exists() or ImportBatch.objects.exists())


@pytest.mark.parametrize("dry_run", [True, False])
@pytest.mark.parametrize("name", list(UNREADABLE))
def test_the_import_service_rejects_what_the_csv_reader_stops_on(tmp_path, own_org, name, dry_run):
    text, where = UNREADABLE[name]
    path = tmp_path / "esr.csv"
    path.write_text(text)
    with pytest.raises(ExtractRejected, match=where.replace("(", r"\(").replace(")", r"\)")):
        esr_extract_import(path=path, snapshot_date=ON, dry_run=dry_run)
    assert nothing_stored()


@pytest.mark.parametrize("dry_run", [["--dry-run"], []])
def test_the_command_reports_an_unreadable_file_without_a_traceback(tmp_path, own_org, dry_run):
    path = tmp_path / "esr.csv"
    path.write_text(UNBALANCED)
    with pytest.raises(CommandError, match="Line 3: a value runs on for more than 131,072 characters"):
        call_command("import_esr", str(path), "--snapshot", "2025-03-31", *dry_run, stdout=StringIO())
    assert nothing_stored()


@pytest.mark.parametrize("name", list(UNREADABLE))
def test_the_portal_page_shows_the_reader_error_and_keeps_no_upload(client_for, admin_user, own_org, uploads, name):
    text, where = UNREADABLE[name]
    response = client_for(admin_user).post(
        "/imports/esr/", {"extract": upload([], text=text), "snapshot_date": "31/03/2025"}
    )
    assert response.status_code == 200 and where in response.content.decode()
    assert not waiting(uploads) and nothing_stored()


@pytest.mark.parametrize("name", list(UNREADABLE))
def test_the_admin_import_shows_the_reader_error_and_keeps_no_upload(client_for, admin_user, own_org, uploads, name):
    text, where = UNREADABLE[name]
    page = admin_check(client_for(admin_user), text=text)
    assert where in page and "Confirm import" not in page
    assert not waiting(uploads) and nothing_stored()


def test_the_figures_page_shows_the_reader_error(client_for, lead_user, own_org):
    values = ",".join(RECRUITMENT.values())
    content = figures_csv(f"OWN,{YEAR},{values}", f'OWN,"{YEAR}', *["x" * 199] * 700)
    response = post_csv(client_for(lead_user), content)
    assert (
        response.status_code == 200
        and "Line 3: a value runs on for more than 131,072 characters" in response.content.decode()
    )
    assert not RecruitmentFigures.objects.exists()


def figures_admin_check(client, content: bytes):
    upload = SimpleUploadedFile("figures.csv", content, content_type="text/csv")
    return client.post(ADMIN_FIGURES_IMPORT, {"resource": "0", "format": "0", "import_file": upload})


def test_the_admin_figures_import_keeps_uploads_privately_and_removes_rejected_ones(
    client_for, admin_user, own_org, uploads
):
    client = client_for(admin_user)
    values = ",".join(RECRUITMENT.values())
    page = figures_admin_check(client, figures_csv(f"OWN,{YEAR},{values}")).content.decode()
    token = hidden_fields(page)["import_file_name"]
    assert [path.name for path in waiting(uploads)] == [f"{token}.csv"]
    assert (uploads / f"{token}.csv").stat().st_mode & 0o777 == 0o600
    response = client.post("/admin/workforce/recruitmentfigures/process_import/", hidden_fields(page), follow=True)
    assert response.status_code == 200 and RecruitmentFigures.objects.count() == 1 and not waiting(uploads)
    bad = figures_csv(f"OWN,{YEAR},{values.replace(',24,', ',999,')}")
    assert figures_admin_check(client, bad).status_code == 200 and not waiting(uploads)
    assert figures_admin_check(client, b"\xff\xfe\x00garbage").status_code == 200 and not waiting(uploads)


@pytest.mark.parametrize(
    "header, message",
    [
        ([*HEADER, "Gender"], "“Gender” appears twice"),
        ([*HEADER, "Sex"], "“Gender” and “Sex” are the same column"),
        ([*HEADER, "EMPLOYEE_NUMBER"], "“Employee Number” and “EMPLOYEE_NUMBER” are the same column"),
    ],
)
def test_two_columns_for_one_thing_are_rejected_naming_both(tmp_path, own_org, header, message):
    values = row(1) | {"Sex": "Male"}
    path = tmp_path / "esr.csv"
    path.write_text(csv_text([values], header=header))
    with pytest.raises(ExtractRejected, match=message):
        esr_extract_import(path=path, snapshot_date=ON)
    assert nothing_stored()


def test_a_figures_file_with_a_column_twice_is_rejected(client_for, lead_user, own_org):
    values = ",".join(RECRUITMENT.values())
    content = figures_csv(f"OWN,{YEAR},{values},2020").replace(b"\n", b",year\n", 1)
    assert "“year” appears twice" in post_csv(client_for(lead_user), content).content.decode()
    assert not RecruitmentFigures.objects.exists()


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_utf16_extracts_are_read_comma_or_tab_separated(tmp_path, own_org, delimiter):
    path = write_extract(tmp_path / "esr.txt", [row(1), row(2)], encoding="utf-16", delimiter=delimiter)
    assert esr_extract_import(path=path, snapshot_date=ON).rows == 2


def test_utf16_without_its_byte_order_mark_is_named(tmp_path, own_org):
    path = write_extract(tmp_path / "esr.txt", [row(1)], encoding="utf-16-le")
    with pytest.raises(ExtractRejected, match="UTF-16 text without the byte order mark"):
        esr_extract_import(path=path, snapshot_date=ON)


def test_a_utf16_figures_file_is_read(client_for, lead_user, own_org):
    values = ",".join(RECRUITMENT.values())
    content = figures_csv(f"OWN,{YEAR},{values}").decode().replace(",", "\t").encode("utf-16")
    assert "1 new and 0 changed" in post_csv(client_for(lead_user), content).content.decode()


def test_a_snapshot_date_before_2000_is_refused_everywhere(tmp_path, client_for, admin_user, own_org, uploads):
    path = write_extract(tmp_path / "esr.csv", [row(1)])
    with pytest.raises(ExtractRejected, match="before 2000"):
        esr_extract_import(path=path, snapshot_date="0001-01-01")
    client = client_for(admin_user)
    page = client.post("/imports/esr/", {"extract": upload([row(1)]), "snapshot_date": "01/01/0001"})
    assert "is before 2000" in page.content.decode()
    data = {"resource": "0", "format": "0", "import_file": upload([row(1)]), "snapshot_date": "1999-12-31"}
    assert "is before 2000" in client.post("/admin/workforce/importbatch/import/", data).content.decode()
    assert nothing_stored() and not waiting(uploads)


def test_an_oversized_extract_is_refused_before_it_is_stored(client_for, admin_user, own_org, uploads, settings):
    settings.ESR_UPLOAD_MAX_BYTES = 1_048_576
    text = csv_text([row(1)]) + "\r\n" * 600_000
    client = client_for(admin_user)
    page = client.post("/imports/esr/", {"extract": upload([], text=text), "snapshot_date": "31/03/2025"})
    assert "The file is 1.1 MB, more than the 1 MB allowed" in page.content.decode()
    assert "The file is 1.1 MB, more than the 1 MB allowed" in admin_check(client, text=text)
    assert not waiting(uploads) and nothing_stored()
    with pytest.raises(ExtractRejected, match="more than the 1 MB allowed"):
        esr_upload_store(chunks=[text.encode()])
    assert not waiting(uploads)


def test_an_oversized_figures_file_is_refused(client_for, lead_user, admin_user, own_org, uploads, settings):
    settings.FIGURES_UPLOAD_MAX_BYTES = 1_048_576
    content = figures_csv(f"OWN,{YEAR}," + ",".join(RECRUITMENT.values())) + b"\n" * 1_200_000
    assert "more than the 1 MB allowed" in post_csv(client_for(lead_user), content).content.decode()
    assert "more than the 1 MB allowed" in figures_admin_check(client_for(admin_user), content).content.decode()
    assert not RecruitmentFigures.objects.exists() and not waiting(uploads)


def test_an_extract_with_more_rows_than_the_cap_is_refused(tmp_path, own_org, settings):
    settings.ESR_UPLOAD_MAX_ROWS = 5
    path = write_extract(tmp_path / "esr.csv", [row(n) for n in range(1, 21)])
    with pytest.raises(ExtractRejected, match="more than 5 staff rows"):
        esr_extract_import(path=path, snapshot_date=ON)
    assert nothing_stored()


def test_expiry_also_removes_spooled_uploads_a_killed_process_left(uploads, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "request-uploads"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    old, new = settings.FILE_UPLOAD_TEMP_DIR / "tmpold.upload.csv", settings.FILE_UPLOAD_TEMP_DIR / "tmpnew.upload.csv"
    for path in (old, new):
        path.write_text("Employee Number\n")
    then = time.time() - 25 * 3600
    os.utime(old, (then, then))
    out = StringIO()
    call_command("expire_uploads", stdout=out)
    assert "Removed 1 expired" in out.getvalue() and not old.exists() and new.exists()
