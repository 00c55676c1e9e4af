"""scripts/backup.sh and scripts/restore.sh: a backup restored into a fresh database has every row and file back."""

import os
import subprocess
import uuid
from datetime import date
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from organisations.permissions import Role
from organisations.services.reference_data import reference_data_load
from tests.factories import make_user
from tests.workforce.test_metric_results import import_synthetic
from workforce.models import MetricResult, StaffRecord

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="backups are of PostgreSQL (CI runs on it)"),
]


def database_url(name: str) -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def run(script: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SCRIPTS / script), *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def fresh_database():
    """An empty database beside the test one, dropped afterwards."""
    name = f"lsc_restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def count_in(name: str, table: str) -> int:
    with psycopg2.connect(database_url(name)) as restored, restored.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        return cursor.fetchone()[0]


def test_a_backup_restores_into_a_fresh_database_with_every_row_and_file(tmp_path, fresh_database):
    reference_data_load()
    make_user(Role.ADMIN, email="admin@example.nhs.uk")
    import_synthetic(tmp_path, rows=400, day=date(2024, 3, 31))
    media = tmp_path / "media"
    (media / "evidence" / "2026").mkdir(parents=True)
    (media / "evidence" / "2026" / "action-plan.pdf").write_bytes(b"%PDF-1.7 synthetic evidence")
    source = connection.settings_dict["NAME"]
    backups = tmp_path / "backups"

    made = run("backup.sh", DATABASE_URL=database_url(source), MEDIA_ROOT=str(media), BACKUP_DIR=str(backups))
    assert made.returncode == 0, made.stderr
    [backup] = backups.iterdir()
    assert {p.name for p in backup.iterdir()} == {"database.dump", "table_counts.tsv", "media.tar.gz", "SHA256SUMS"}
    assert f"workforce_staffrecord\t{StaffRecord.objects.count()}" in (backup / "table_counts.tsv").read_text()

    restored_media = tmp_path / "restored-media"
    restored = run("restore.sh", str(backup), DATABASE_URL=database_url(fresh_database), MEDIA_ROOT=str(restored_media))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "with the backup's row counts, and 1 media files" in restored.stdout
    assert count_in(fresh_database, "workforce_staffrecord") == StaffRecord.objects.count() > 0
    assert count_in(fresh_database, "workforce_metricresult") == MetricResult.objects.count() > 0
    assert count_in(fresh_database, "auth_user") == 1
    assert (restored_media / "evidence" / "2026" / "action-plan.pdf").read_bytes() == b"%PDF-1.7 synthetic evidence"

    # Never over a live database, and never from damaged files.
    again = run("restore.sh", str(backup), DATABASE_URL=database_url(fresh_database), MEDIA_ROOT=str(tmp_path / "x"))
    assert again.returncode == 1 and "restore only into an empty database" in again.stderr
    with (backup / "database.dump").open("r+b") as dump:
        dump.seek(-1, os.SEEK_END)
        last = dump.read(1)
        dump.seek(-1, os.SEEK_END)
        dump.write(bytes([last[0] ^ 1]))
    damaged = run("restore.sh", str(backup), DATABASE_URL=database_url(fresh_database), MEDIA_ROOT=str(tmp_path / "y"))
    assert damaged.returncode == 1 and "Backup files damaged" in damaged.stderr
