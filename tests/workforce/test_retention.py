"""`manage.py retention`: staff records past retention go; snapshot summaries and metric results stay."""

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from organisations.permissions import Role
from organisations.services.reference_data import reference_data_load
from tests.factories import make_user
from tests.workforce.test_metric_results import YEAR, import_synthetic
from workforce.models import MetricResult, Snapshot, StaffRecord, reporting_year_label
from workforce.services.metric_recompute import metrics_recompute

pytestmark = pytest.mark.django_db

OLD_YEAR = YEAR - 1


@pytest.fixture
def two_years(tmp_path):
    """Two reporting years of synthetic ESR extracts, with their metrics computed."""
    reference_data_load()
    import_synthetic(tmp_path, rows=1500, day=date(OLD_YEAR, 3, 31), seed=1)
    import_synthetic(tmp_path, rows=1500, day=date(YEAR, 3, 31), seed=2)


def results_of(year):
    return dict(MetricResult.objects.filter(year=year).values_list("scope_key", "data_json"))


def retention(*args):
    out = io.StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_says_what_would_go_and_deletes_nothing(two_years):
    old_records = StaffRecord.objects.filter(snapshot__snapshot_date__year=OLD_YEAR).count()
    total = StaffRecord.objects.count()
    output = retention("--before", f"{OLD_YEAR}-04-01", "--dry-run")
    assert f"Would delete {old_records:,} staff records from 7 ESR snapshots dated before 1 April {OLD_YEAR}" in output
    assert f"{OLD_YEAR}-03-31 " in output and reporting_year_label(OLD_YEAR) in output
    assert StaffRecord.objects.count() == total
    assert not Snapshot.objects.filter(staff_records_removed_on__isnull=False).exists()


def test_old_staff_records_go_while_summaries_and_results_stay_and_pages_still_show_the_year(two_years, client, caplog):
    old_results, new_results = results_of(OLD_YEAR), results_of(YEAR)
    old_summaries = list(Snapshot.objects.filter(snapshot_date__year=OLD_YEAR).values_list("pk", "row_count"))
    new_records = StaffRecord.objects.filter(snapshot__snapshot_date__year=YEAR).count()
    assert old_results and new_records

    output = retention("--before", f"{OLD_YEAR}-04-01")

    assert output.startswith("Deleted ")
    assert not StaffRecord.objects.filter(snapshot__snapshot_date__year=OLD_YEAR).exists()
    assert StaffRecord.objects.count() == new_records
    assert list(Snapshot.objects.filter(snapshot_date__year=OLD_YEAR).values_list("pk", "row_count")) == old_summaries
    assert (results_of(OLD_YEAR), results_of(YEAR)) == (old_results, new_results)
    assert "Retention deleted" in caplog.text and f"before {OLD_YEAR}-04-01" in caplog.text

    # A later recomputation (an organisation renamed, a figure saved) keeps the old year's results.
    report = metrics_recompute()
    assert report.past_retention == [OLD_YEAR] and OLD_YEAR not in report.years
    assert results_of(OLD_YEAR) == old_results

    client.force_login(make_user(Role.BOARD_MEMBER))
    query = {"scope": "ics", "year": str(OLD_YEAR)}
    overview = client.get(reverse("reports:overview"), query)
    assert overview.status_code == 200
    assert "There are no workforce figures" not in overview.content.decode()
    assert f"ESR snapshot of 31 March {OLD_YEAR}" in overview.content.decode()
    assert client.get(reverse("reports:metric", args=["wres-2"]), query).status_code == 200
    client.force_login(make_user(Role.ADMIN))
    imports = client.get(reverse("workforce:esr_import")).content.decode()
    assert "Staff records deleted" in imports and "(retention); its figures are kept" in imports
    assert retention("--before", f"{OLD_YEAR}-04-01").startswith("Deleted 0 staff records from 0 ESR snapshots")


def test_a_day_after_today_is_refused_and_changes_nothing(two_years):
    total = StaffRecord.objects.count()
    with pytest.raises(CommandError, match="is in the future"):
        retention("--before", "2999-01-01")
    assert StaffRecord.objects.count() == total


def test_a_bad_date_gets_a_clear_message_and_exit_status_1():
    result = subprocess.run(
        [sys.executable, "manage.py", "retention", "--before", "31/03/2020"],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert '"31/03/2020" is not a date: give it as YYYY-MM-DD' in result.stderr
