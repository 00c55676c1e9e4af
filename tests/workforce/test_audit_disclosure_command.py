"""`manage.py audit_disclosure --snapshot D`: the disclosure audit of a stored year, with a clear message for
bad input and exit status 1 when a hidden small number can be narrowed below the protection level."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from organisations.services.reference_data import reference_data_load
from tests.workforce.test_metric_results import DAY, import_synthetic
from workforce.services.disclosure_audit import disclosure_audit_run

pytestmark = pytest.mark.django_db


def test_the_command_reports_the_audit_of_the_snapshots_year_and_fails_when_it_finds_exposures(tmp_path):
    reference_data_load()
    import_synthetic(tmp_path, rows=300, day=DAY, seed=3)
    report = disclosure_audit_run(snapshot_date=DAY, linked_tables=True)
    assert report.cells > 5000 and report.checked > 0
    out = io.StringIO()
    if report.passed:
        call_command("audit_disclosure", "--snapshot", DAY.isoformat(), stdout=out)
        assert "Passed" in out.getvalue()
    else:
        with pytest.raises(SystemExit) as exit:
            call_command("audit_disclosure", "--snapshot", DAY.isoformat(), stdout=out)
        assert exit.value.code == 1
        text = out.getvalue()
        assert f"FAILED: {len(report.exposures):,} hidden small numbers" in text
        assert f"{report.checked:,} hidden small numbers checked" in text


@pytest.mark.parametrize(
    "snapshot, message",
    [("31/03/2025", "is not a date"), (date(2001, 3, 31).isoformat(), "No ESR snapshot is dated 2001-03-31")],
)
def test_bad_input_gets_a_clear_message(snapshot, message):
    with pytest.raises(CommandError, match=message):
        call_command("audit_disclosure", "--snapshot", snapshot)
