"""Building EDS 2022 assessments for tests, through the same services as the pages."""

from datetime import date

from objectives.models import EdsAssessment
from objectives.services.eds_assessments import (
    eds_assessment_approve,
    eds_assessment_details_save,
    eds_assessment_publish,
    eds_assessment_start,
    eds_peer_review_complete,
)
from objectives.services.eds_ratings import eds_rating_save, eds_service_save

DOMAIN_1 = ("1A", "1B", "1C", "1D")
LATER = ("2A", "2B", "2C", "2D", "3A", "3B", "3C")
SERVICES = ("Maternity services", "Emergency department", "Outpatient appointments", "Cancer screening")


def eds_draft(organisation, lead, *, year=2025, reviewers=(), services=(), ratings=None) -> EdsAssessment:
    """A draft with its details filled in; `services` is a list of four ratings (1A to 1D) per service, and
    `ratings` the Domain 2 and 3 ratings by outcome code (those left out stay unrated)."""
    assessment = eds_assessment_start(organisation=organisation, year=year, by=lead)
    eds_assessment_details_save(
        assessment=assessment,
        by=lead,
        lead_name="Head of EDI",
        reviewed_on=date(year, 1, 20),
        staff_networks="Race Equality Network\nDisability Network",
        patient_groups="Healthwatch Blackpool",
        peer_reviewers=list(reviewers),
    )
    for name, scores in zip(SERVICES, services, strict=False):
        service = eds_service_save(
            assessment=assessment,
            by=lead,
            name=name,
            why_chosen="Outcomes differ by ethnicity.",
            protected_groups=["race"],
        )
        for rating in service.ratings.all():
            score = dict(zip(DOMAIN_1, scores, strict=True))[rating.outcome]
            eds_rating_save(rating=rating, by=lead, score=score, evidence=f"Audit of {name}", owner="Head of nursing")
    for rating in assessment.ratings.filter(service__isnull=True):
        if ratings and rating.outcome in ratings:
            eds_rating_save(rating=rating, by=lead, score=ratings[rating.outcome], evidence="Staff survey", owner="HR")
    return assessment


def all_rated(score=2) -> dict[str, int]:
    return dict.fromkeys(LATER, score)


def eds_approved(organisation, lead, reviewer, admin, *, year=2025, services=None, ratings=None, publish=False):
    """An assessment taken through peer review to the board's approval (and publication)."""
    services = services if services is not None else [(2, 2, 2, 2)] * 3
    assessment = eds_draft(
        organisation, lead, year=year, reviewers=[reviewer], services=services, ratings=ratings or all_rated()
    )
    eds_peer_review_complete(assessment=assessment, by=reviewer, summary="Evidence checked.", on=date(year, 2, 1))
    eds_assessment_approve(assessment=assessment, by=admin, approved_on=date(year, 2, 10), body="Trust Board")
    if publish:
        eds_assessment_publish(
            assessment=assessment, by=admin, published_on=date(year, 2, 20), url="https://example.org/eds"
        )
    return assessment
