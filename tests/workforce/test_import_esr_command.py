"""`manage.py import_esr`: a summary on success, a clear message and a non-zero exit on bad input."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.workforce.esr_files import HEADER, csv_text, row, write_extract
from workforce.models import MetricResult, Snapshot, StaffRecord

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parents[2]


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_esr", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imports_and_prints_a_summary(tmp_path, own_org):
    path = write_extract(tmp_path / "esr.csv", [row(1), row(2)])
    out, _ = run(path, "--snapshot", "2025-03-31")
    assert "Own Trust: 2 assignments" in out
    assert "Imported 2 assignments on 31 March 2025 from esr.csv." in out
    assert "Metrics for 2024/25: 3 scopes from 2 staff records" in out
    assert StaffRecord.objects.count() == 2 and MetricResult.objects.filter(year=2025).count() == 3
    out, _ = run(path, "--snapshot", "2025-03-31")
    assert "already imported for 31 March 2025: nothing changed" in out


def test_no_metrics_leaves_the_year_stale_until_recompute_metrics_stale(tmp_path, own_org):
    out, _ = run(write_extract(tmp_path / "esr.csv", [row(1), row(2)]), "--snapshot", "2025-03-31", "--no-metrics")
    assert "Metrics not recomputed" in out
    assert StaffRecord.objects.count() == 2 and not MetricResult.objects.exists()
    call_command("recompute_metrics", "--stale", stdout=StringIO())
    assert MetricResult.objects.filter(year=2025).count() == 3


def test_dry_run_stores_nothing(tmp_path, own_org):
    out, _ = run(write_extract(tmp_path / "esr.csv", [row(1)]), "--snapshot", "2025-03-31", "--dry-run")
    assert "is valid: 1 assignments" in out and not Snapshot.objects.exists()


@pytest.mark.parametrize(
    "content, args, message",
    [
        (None, ["--snapshot", "2025-03-31"], "There is no file"),
        (b"", ["--snapshot", "2025-03-31"], "The file is empty"),
        (csv_text([row(1)], header=HEADER[1:]).encode(), ["--snapshot", "2025-03-31"], "no “Employee Number” column"),
        (csv_text([row(1)]).encode(), ["--snapshot", "31 March"], "“31 March” is not a date"),
        (csv_text([row(1)]).encode(), ["--snapshot", "2025-02-30"], "is not a date"),
        (
            csv_text([row(1)]).encode(),
            ["--snapshot", "2025-03-31", "--organisation", "XYZ"],
            "No organisation has the ODS code “XYZ”",
        ),
        (csv_text([row(1)], delimiter=";").encode(), ["--snapshot", "2025-03-31"], "separated by semicolons"),
        (b"\x00\x01\x02\x03binary", ["--snapshot", "2025-03-31"], "binary data"),
        (
            csv_text([row(1, Organisation="Nowhere")]).encode(),
            ["--snapshot", "2025-03-31"],
            "1 errors in esr.csv: nothing was imported",
        ),
    ],
    ids=[
        "missing file",
        "empty",
        "missing column",
        "bad date",
        "impossible date",
        "unknown organisation",
        "wrong delimiter",
        "binary",
        "unknown organisation in a row",
    ],
)
def test_bad_input_fails_with_a_clear_message_and_stores_nothing(tmp_path, own_org, content, args, message):
    path = tmp_path / "esr.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path, *args)
    assert not Snapshot.objects.exists() and not StaffRecord.objects.exists()


def test_row_errors_are_printed_with_line_column_and_value(tmp_path, own_org):
    path = write_extract(tmp_path / "esr.csv", [row(1), row(2, Gender="Robot")])
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 errors"):
        call_command("import_esr", str(path), "--snapshot", "2025-03-31", stdout=out, stderr=err)
    assert "Line 3, Gender “Robot”: is not a gender ESR records" in err.getvalue()


def test_the_command_exits_non_zero_as_a_process(tmp_path):
    env = {**os.environ, "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_esr", str(tmp_path / "missing.csv"), "--snapshot", "2025-03-31"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "There is no file at" in result.stderr
