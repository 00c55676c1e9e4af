"""An uploaded ESR extract between its check and its confirmation: one flow for the portal page and the admin.

Upload (esr_upload_store), check (esr_upload_check, a dry run), confirm (esr_upload_confirm). The file
waits in a private folder under MEDIA_ROOT (`esr-uploads`: folder 0700, files 0600, outside the web
root), named by a random token that the confirmation form carries. It is removed when the check finds
nothing to confirm, when the import is confirmed, and when it expires (ESR_UPLOAD_EXPIRY_HOURS): each
new upload sweeps expired ones, and `manage.py expire_uploads` does it from cron.
"""

import contextlib
import os
import re
import secrets
import time
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings

from organisations.models import Organisation
from workforce.esr.extract import ExtractRejected, upload_size_check
from workforce.services.esr_import import ImportReport, esr_extract_import

UPLOAD_FOLDER = "esr-uploads"
_TOKEN = re.compile(r"[0-9a-f]{32}")
_WAITING, _CLAIMED = ".csv", ".importing"


class UploadNotFound(ExtractRejected):
    """No upload waits under this token: it was confirmed already, it expired, or it never existed."""

    def __init__(self):
        super().__init__("That upload has already been imported or has expired. Upload the file again.")


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / UPLOAD_FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)  # mkdir's mode is reduced by the umask, and an existing folder keeps its own
    return folder


def _path(token: str, suffix: str = _WAITING) -> Path:
    """Where the upload with this token is kept; raises UploadNotFound for anything that is not a token."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        raise UploadNotFound
    return _folder() / f"{token}{suffix}"


def esr_upload_store(*, chunks: Iterable[bytes], max_bytes: int | None = None) -> str:
    """Write an uploaded file where only this process's user can read it; return its token.

    Uploads older than the expiry are removed first. Raises ExtractRejected, keeping nothing, when the
    file is larger than `max_bytes` (default ESR_UPLOAD_MAX_BYTES; the forms check the size first and
    this is the backstop). The Django admin's other imports keep their uploads here too.
    """
    max_bytes = settings.ESR_UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    esr_uploads_expire()
    token = secrets.token_hex(16)
    path = _path(token)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    size = 0
    try:
        with os.fdopen(descriptor, "wb") as file:
            for chunk in chunks:
                size += len(chunk)
                upload_size_check(size=size, max_bytes=max_bytes)
                file.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return token


def esr_upload_path(*, token: str) -> Path:
    """The file of the upload waiting under this token; raises UploadNotFound when there is none."""
    path = _path(token)
    if not path.is_file():
        raise UploadNotFound
    return path


def esr_upload_check(
    *, token: str, snapshot_date: date, organisation: Organisation | None = None, file_name: str
) -> ImportReport:
    """Check a waiting upload with a dry run of its import; return the report.

    The upload is removed when there is nothing to confirm: the file is rejected (ExtractRejected is
    raised), has invalid rows, or was already imported for that date.
    """
    try:
        report = esr_extract_import(
            path=esr_upload_path(token=token),
            snapshot_date=snapshot_date,
            organisation=organisation,
            file_name=file_name,
            dry_run=True,
        )
    except ExtractRejected:
        esr_upload_discard(token=token)
        raise
    if report.status != "checked":
        esr_upload_discard(token=token)
    return report


def esr_upload_confirm(
    *, token: str, snapshot_date: date, organisation: Organisation | None = None, file_name: str, user
) -> ImportReport:
    """Import a waiting upload and remove it, whatever the outcome; return the report.

    Raises UploadNotFound when the upload was already confirmed (or is being confirmed by a second
    click) or has expired, and ExtractRejected when the file cannot be imported. The year's metrics are
    recomputed by a background job (`report.metrics_job`), so the person is not kept waiting.
    """
    claimed = _path(token, _CLAIMED)
    try:
        os.rename(_path(token), claimed)  # atomic: of two confirmations of one upload, one wins
    except FileNotFoundError:
        raise UploadNotFound from None
    os.utime(claimed)  # so that no sweep takes it for an expired upload while it is imported
    try:
        return esr_extract_import(
            path=claimed,
            snapshot_date=snapshot_date,
            organisation=organisation,
            file_name=file_name,
            user=user,
            recompute_in_background=True,
        )
    finally:
        claimed.unlink(missing_ok=True)


def esr_upload_discard(*, token: str) -> None:
    """Remove the upload waiting under this token, if there is one."""
    with contextlib.suppress(UploadNotFound):  # not a token: there is nothing to remove
        _path(token).unlink(missing_ok=True)


def esr_uploads_expire(*, older_than: timedelta | None = None) -> int:
    """Remove uploads last written longer ago than `older_than` (default: ESR_UPLOAD_EXPIRY_HOURS), and
    Django's spooled upload files as old in FILE_UPLOAD_TEMP_DIR; return how many were removed."""
    if older_than is None:
        older_than = timedelta(hours=settings.ESR_UPLOAD_EXPIRY_HOURS)
    cutoff = time.time() - older_than.total_seconds()
    waiting = [path for path in _folder().iterdir() if path.suffix in (_WAITING, _CLAIMED)]
    # Django removes the temporary file of an upload when the request ends, unless its process was killed.
    spooled = Path(settings.FILE_UPLOAD_TEMP_DIR or "/nonexistent")
    if spooled.is_dir():
        waiting += [path for path in spooled.iterdir() if ".upload" in path.suffixes]
    removed = 0
    for path in waiting:
        try:
            expired = path.stat().st_mtime < cutoff
        except FileNotFoundError:  # confirmed or swept meanwhile
            continue
        if expired:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
