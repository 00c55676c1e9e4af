"""`setup_demo` loads two years of EDS 2022 assessments for every NHS organisation, at every stage, once."""

import pytest
from django.core.management import call_command

from demo.eds import create_demo_eds
from objectives.models import EdsAction, EdsAssessment, EdsStatus
from objectives.selectors.eds import eds_organisations, score_cards


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("setup_demo", "--password", "demo-Password-123")


@pytest.mark.django_db
def test_every_nhs_organisation_has_two_years_of_assessments_at_every_stage(demo):
    organisations = eds_organisations()
    assert len(organisations) == 7 and not any(o.kind == "council" for o in organisations)
    assessments = list(EdsAssessment.objects.select_related("organisation"))
    assert {(a.organisation.slug, a.year) for a in assessments} == {
        (o.slug, year) for o in organisations for year in (2024, 2025)
    }
    statuses = {a.status for a in assessments if a.year == 2025}
    assert statuses == {EdsStatus.DRAFT, EdsStatus.PEER_REVIEWED, EdsStatus.APPROVED, EdsStatus.PUBLISHED}
    assert {a.status for a in assessments if a.year == 2024} == {EdsStatus.PUBLISHED}
    cards = score_cards(assessments)
    for assessment in assessments:
        card = cards[assessment.pk]
        assert assessment.services.count() == 3 and card.total is not None and 0 <= card.total <= 33
        assert assessment.peer_reviewers.exists() and assessment.lead_name
    assert len({cards[a.pk].total for a in assessments}) > 3  # the comparisons have something to show
    assert EdsAction.objects.filter(priority__isnull=False).exists()


@pytest.mark.django_db
def test_loading_the_demo_again_adds_nothing(demo):
    before = EdsAssessment.objects.count()
    assert create_demo_eds().assessments == 0
    assert EdsAssessment.objects.count() == before
