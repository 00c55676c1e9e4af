"""The ESR upload flow shared by the portal page and the Django admin: a private file, removed when done."""

import os
import stat
import time
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from tests.workforce.esr_files import csv_text, row
from workforce.esr.extract import ExtractRejected
from workforce.models import Snapshot
from workforce.services.esr_upload import (
    UploadNotFound,
    esr_upload_check,
    esr_upload_confirm,
    esr_upload_discard,
    esr_upload_path,
    esr_upload_store,
    esr_uploads_expire,
)

pytestmark = pytest.mark.django_db

ON = date(2025, 3, 31)


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ESR_UPLOAD_EXPIRY_HOURS = 24
    return tmp_path / "esr-uploads"


def store(rows=None, text=None) -> str:
    return esr_upload_store(chunks=[(text or csv_text(rows or [row(1)])).encode()])


def age(path, hours):
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_an_upload_waits_in_a_private_file_named_by_its_token(uploads, own_org):
    token = store([row(1), row(2)])
    path = esr_upload_path(token=token)
    assert path == uploads / f"{token}.csv" and len(token) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(uploads.stat().st_mode) == 0o700
    assert path.read_bytes() == csv_text([row(1), row(2)]).encode()


def test_a_checked_upload_waits_until_it_is_confirmed_then_is_removed(uploads, own_org, admin_user):
    token = store([row(1), row(2)])
    report = esr_upload_check(token=token, snapshot_date=ON, file_name="esr.csv")
    assert report.status == "checked" and esr_upload_path(token=token).exists()
    report = esr_upload_confirm(token=token, snapshot_date=ON, file_name="esr.csv", user=admin_user)
    assert report.status == "imported" and Snapshot.objects.get().row_count == 2
    assert not list(uploads.iterdir())
    with pytest.raises(UploadNotFound, match="already been imported or has expired"):
        esr_upload_confirm(token=token, snapshot_date=ON, file_name="esr.csv", user=admin_user)


@pytest.mark.parametrize(
    "text, rows",
    [("a;b;c\n1;2;3\n", None), (None, [row(1, Gender="Robot")])],
    ids=["rejected", "invalid rows"],
)
def test_a_check_with_nothing_to_confirm_removes_the_upload(uploads, own_org, text, rows):
    token = store(rows, text)
    try:
        report = esr_upload_check(token=token, snapshot_date=ON, file_name="esr.csv")
    except ExtractRejected:
        pass
    else:
        assert report.status == "invalid"
    assert not list(uploads.iterdir())


def test_a_file_already_imported_for_the_date_is_not_kept(uploads, own_org, admin_user):
    token = store([row(1)])
    esr_upload_check(token=token, snapshot_date=ON, file_name="esr.csv")
    esr_upload_confirm(token=token, snapshot_date=ON, file_name="esr.csv", user=admin_user)
    again = store([row(1)])
    assert esr_upload_check(token=again, snapshot_date=ON, file_name="esr.csv").status == "unchanged"
    assert not list(uploads.iterdir())


def test_a_confirmation_that_fails_still_removes_the_upload(uploads, own_org, admin_user):
    token = store([row(1)])
    with pytest.raises(ExtractRejected, match="in the future"):
        esr_upload_confirm(token=token, snapshot_date=date.today() + timedelta(days=2), file_name="e", user=admin_user)
    assert not list(uploads.iterdir())


@pytest.mark.parametrize("token", ["../../etc/passwd", "0" * 31, "A" * 32, "", None])
def test_anything_but_a_token_names_no_file(uploads, admin_user, token):
    with pytest.raises(UploadNotFound):
        esr_upload_path(token=token)
    with pytest.raises(UploadNotFound):
        esr_upload_confirm(token=token, snapshot_date=ON, file_name="esr.csv", user=admin_user)
    esr_upload_discard(token=token)  # nothing to remove, and no error


def test_a_failed_write_leaves_no_partial_file(uploads):
    def chunks():
        yield b"Employee Number,"
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        esr_upload_store(chunks=chunks())
    assert not list(uploads.iterdir())


def test_expiry_removes_only_uploads_older_than_the_setting(uploads, settings):
    old, fresh = store(), store()
    age(esr_upload_path(token=old), hours=25)
    age(esr_upload_path(token=fresh), hours=23)
    assert esr_uploads_expire() == 1
    assert [path.name for path in uploads.iterdir()] == [f"{fresh}.csv"]
    settings.ESR_UPLOAD_EXPIRY_HOURS = 12
    assert esr_uploads_expire() == 1 and not list(uploads.iterdir())


def test_each_new_upload_sweeps_the_expired_ones(uploads):
    old = store()
    age(esr_upload_path(token=old), hours=25)
    new = store()
    assert [path.name for path in uploads.iterdir()] == [f"{new}.csv"]


def test_the_expire_uploads_command_removes_old_uploads_for_cron(uploads):
    old, fresh = store(), store()
    age(esr_upload_path(token=old), hours=25)
    out = StringIO()
    call_command("expire_uploads", stdout=out)
    assert out.getvalue() == "Removed 1 expired ESR upload.\n"
    assert [path.name for path in uploads.iterdir()] == [f"{fresh}.csv"]
    age(esr_upload_path(token=fresh), hours=2)
    call_command("expire_uploads", "--hours", "1", stdout=out)
    assert not list(uploads.iterdir())
