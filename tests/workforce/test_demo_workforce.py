"""`setup_portal --demo` loads five years of synthetic ESR snapshots and figures, once."""

import pytest
from django.core.management import call_command

from workforce.models import (
    BoardMembership,
    ImportBatch,
    Organisation,
    RecruitmentFigures,
    Snapshot,
    StaffRecord,
    StaffSurveyResults,
)


@pytest.mark.django_db
def test_demo_workforce_data_is_loaded_once(settings):
    settings.DEBUG = True
    settings.DEMO_ESR_ROWS = 700
    call_command("setup_portal", "--demo", "--demo-password", "first-Password-123")
    dates = sorted({d.isoformat() for d in Snapshot.objects.values_list("snapshot_date", flat=True)})
    assert dates == ["2021-03-31", "2022-03-31", "2023-03-31", "2024-03-31", "2025-03-31"]
    assert Snapshot.objects.filter(snapshot_date="2025-03-31").count() == 7  # every ESR organisation
    assert StaffRecord.objects.filter(snapshot__snapshot_date="2025-03-31").count() == 700
    organisations = Organisation.objects.count()
    assert RecruitmentFigures.objects.count() == StaffSurveyResults.objects.count() == organisations * 5
    for figures in [*RecruitmentFigures.objects.all(), *BoardMembership.objects.all()]:
        figures.full_clean()  # the demo figures pass the forms' own validation
    counts = (ImportBatch.objects.count(), StaffRecord.objects.count(), RecruitmentFigures.objects.count())
    call_command("setup_portal", "--demo", "--demo-password", "second-Password-123")
    assert (ImportBatch.objects.count(), StaffRecord.objects.count(), RecruitmentFigures.objects.count()) == counts
