"""`setup_demo` loads five years of synthetic ESR snapshots and figures, and their metrics, once."""

from io import StringIO

import pytest
from django.core.management import call_command

from organisations.models import Organisation
from workforce.models import (
    BoardMembership,
    ImportBatch,
    MetricResult,
    RecruitmentFigures,
    Snapshot,
    StaffRecord,
    StaffSurveyResults,
)


@pytest.mark.django_db
def test_demo_workforce_data_is_loaded_once(settings):
    settings.DEBUG = True
    settings.DEMO_ESR_ROWS = 700
    call_command("setup_demo", "--password", "first-Password-123")
    dates = sorted({d.isoformat() for d in Snapshot.objects.values_list("snapshot_date", flat=True)})
    assert dates == ["2021-03-31", "2022-03-31", "2023-03-31", "2024-03-31", "2025-03-31"]
    assert Snapshot.objects.filter(snapshot_date="2025-03-31").count() == 7  # every ESR organisation
    assert StaffRecord.objects.filter(snapshot__snapshot_date="2025-03-31").count() == 700
    organisations = Organisation.objects.count()
    assert RecruitmentFigures.objects.count() == StaffSurveyResults.objects.count() == organisations * 5
    for figures in [*RecruitmentFigures.objects.all(), *BoardMembership.objects.all()]:
        figures.full_clean()  # the demo figures pass the forms' own validation
    # The metrics of every demo year, with the figures: the ICS, 4 places and 7 organisations each.
    assert sorted(set(MetricResult.objects.values_list("year", flat=True))) == [2021, 2022, 2023, 2024, 2025]
    assert MetricResult.objects.count() == 5 * 12
    ics = MetricResult.objects.get(scope_key="ics", year=2025).data
    assert len(ics["coverage"]["recruitment_by_ethnicity"]) == 7
    counts = (ImportBatch.objects.count(), StaffRecord.objects.count(), RecruitmentFigures.objects.count())
    computed = set(MetricResult.objects.values_list("pk", "computed_at"))
    out = StringIO()
    call_command("setup_demo", "--password", "second-Password-123", stdout=out)
    assert (ImportBatch.objects.count(), StaffRecord.objects.count(), RecruitmentFigures.objects.count()) == counts
    assert set(MetricResult.objects.values_list("pk", "computed_at")) == computed  # nothing recomputed
    assert "Metrics already up to date for 2020/21, 2021/22, 2022/23, 2023/24, 2024/25." in out.getvalue()


@pytest.mark.django_db
def test_the_recompute_command_says_what_it_did(settings):
    out = StringIO()
    call_command("recompute_metrics", stdout=out)
    assert out.getvalue() == "No ESR snapshots: there are no metrics to compute.\n"
