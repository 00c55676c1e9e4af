"""`setup_demo` loads realistic, varied progress once, and never twice."""

import pytest
from django.core.management import call_command

from objectives.models import (
    Evidence,
    OrganisationAccreditation,
    PlanItem,
    ProgressUpdate,
    ReportingRound,
)
from objectives.selectors.board import overdue_items, rag_counts
from objectives.selectors.item_progress import NO_UPDATE


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("setup_demo", "--password", "demo-Password-123")


@pytest.mark.django_db
def test_demo_progress_looks_like_a_plan_in_use(demo):
    counts = rag_counts().counts
    for status in ("red", "amber", "green", "complete", "not_started", NO_UPDATE):
        assert counts.get(status, 0) > 0, status
    assert ReportingRound.objects.filter(is_open=False).count() >= 4
    assert ReportingRound.objects.current() is not None
    assert overdue_items().exists()
    assert Evidence.objects.exclude(url="").count() > 50
    assert OrganisationAccreditation.objects.filter(status="held").exists()
    organisations_reporting = ProgressUpdate.objects.values("item__organisation").distinct().count()
    assert organisations_reporting >= 10
    assert PlanItem.objects.filter(lead__username="demo.icslead@example.org").exists()


@pytest.mark.django_db
def test_demo_updates_belong_to_closed_rounds_that_froze_them(demo):
    closed = ProgressUpdate.objects.filter(round__is_open=False).select_related("round").first()
    assert closed.is_frozen
    assert closed.history.first().history_user == closed.recorded_by


@pytest.mark.django_db
def test_running_the_demo_again_adds_nothing(demo, settings):
    counts = (ProgressUpdate.objects.count(), ReportingRound.objects.count(), OrganisationAccreditation.objects.count())
    call_command("setup_demo", "--password", "demo-Password-123")
    assert (
        ProgressUpdate.objects.count(),
        ReportingRound.objects.count(),
        OrganisationAccreditation.objects.count(),
    ) == counts
