"""EDS 2022 assessments through their services: who may do what, the way from draft to publication, freezing
and history. Each refused change raises PermissionDenied or ValidationError and stores nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from objectives.evidence import EvidenceUpload
from objectives.history.feeds import eds_assessment_history_feed
from objectives.models import EdsAction, EdsAssessment, EdsEvidence, EdsRating, EdsStatus, Status
from objectives.services import eds_actions, eds_assessments, eds_ratings
from organisations.models import Organisation
from organisations.permissions import Role
from tests.factories import make_organisation, make_user
from tests.objectives.eds_helpers import all_rated, eds_approved, eds_draft
from tests.objectives.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(own_org, lead_user, other_lead):
    return eds_draft(own_org, lead_user, reviewers=[other_lead], services=[(2, 2, 2, 2)] * 3, ratings=all_rated())


def test_starting_an_assessment_gives_its_domain_2_and_3_outcomes_to_rate(own_org, lead_user):
    assessment = eds_assessments.eds_assessment_start(organisation=own_org, year=2025, by=lead_user)
    assert assessment.status == EdsStatus.DRAFT
    assert sorted(assessment.ratings.values_list("outcome", flat=True)) == ["2A", "2B", "2C", "2D", "3A", "3B", "3C"]
    with pytest.raises(ValidationError):
        eds_assessments.eds_assessment_start(organisation=own_org, year=2025, by=lead_user)
    with pytest.raises(ValidationError):
        eds_assessments.eds_assessment_start(organisation=own_org, year=2022, by=lead_user)


def test_only_the_organisations_leads_and_admins_start_one_and_councils_do_not_take_part(
    own_org, other_lead, board_user, admin_user
):
    for user in (other_lead, board_user):
        with pytest.raises(PermissionDenied):
            eds_assessments.eds_assessment_start(organisation=own_org, year=2025, by=user)
    council = make_organisation(kind=Organisation.Kind.COUNCIL, ods_code=None)
    with pytest.raises(PermissionDenied):
        eds_assessments.eds_assessment_start(organisation=council, year=2025, by=admin_user)
    assert not EdsAssessment.objects.exists()
    eds_assessments.eds_assessment_start(organisation=own_org, year=2025, by=admin_user)


def test_a_new_service_brings_its_four_domain_1_outcomes(own_org, lead_user):
    assessment = eds_draft(own_org, lead_user, services=[(1, 2, 3, 0)])
    service = assessment.services.get()
    assert [(r.outcome, r.rating) for r in service.ratings.order_by("outcome")] == [
        ("1A", 1),
        ("1B", 2),
        ("1C", 3),
        ("1D", 0),
    ]
    with pytest.raises(ValidationError) as error:
        eds_ratings.eds_service_save(assessment=assessment, by=lead_user, name="maternity SERVICES ", why_chosen="x")
    assert "name" in error.value.message_dict and "protected_groups" in error.value.message_dict


def test_a_peer_reviewer_must_be_a_lead_of_another_organisation(own_org, lead_user, other_lead, board_user):
    colleague = make_user(Role.EDI_LEAD, organisations=[own_org])
    assessment = eds_draft(own_org, lead_user)
    for user in (colleague, board_user):
        with pytest.raises(ValidationError):
            eds_assessments.eds_assessment_details_save(
                assessment=assessment, by=lead_user, lead_name="x", reviewed_on=None, peer_reviewers=[user]
            )
    assert not assessment.peer_reviewers.exists()


def test_it_cannot_leave_draft_with_fewer_than_three_services(own_org, lead_user, other_lead):
    assessment = eds_draft(own_org, lead_user, reviewers=[other_lead], services=[(2, 2, 2, 2)] * 2, ratings=all_rated())
    with pytest.raises(ValidationError) as error:
        eds_assessments.eds_peer_review_complete(assessment=assessment, by=other_lead, summary="Done")
    assert "Assess at least 3 services for Domain 1 (2 so far)" in error.value.messages
    assessment.refresh_from_db()
    assert assessment.status == EdsStatus.DRAFT


def test_it_cannot_leave_draft_with_an_outcome_unrated(own_org, lead_user, other_lead):
    assessment = eds_draft(own_org, lead_user, reviewers=[other_lead], services=[(2, 2, 2, 2)] * 3)
    with pytest.raises(ValidationError) as error:
        eds_assessments.eds_peer_review_complete(assessment=assessment, by=other_lead, summary="Done")
    assert "Rate every outcome: not yet rated 2A, 2B, 2C, 2D, 3A, 3B, 3C" in error.value.messages


def test_the_peer_reviewer_rates_beside_the_organisation_and_completes_the_review(draft, other_lead, lead_user):
    rating = draft.ratings.get(outcome="3A")
    eds_ratings.eds_peer_rating_save(rating=rating, by=other_lead, peer_rating=1, comment="Minutes show less.")
    rating.refresh_from_db()
    assert (rating.rating, rating.peer_rating, rating.peer_comment) == (2, 1, "Minutes show less.")
    with pytest.raises(PermissionDenied):  # the organisation's own rating is not theirs to change
        eds_ratings.eds_rating_save(rating=rating, by=other_lead, score=0, evidence="x")
    with pytest.raises(PermissionDenied):  # nor is the peer's the organisation's
        eds_ratings.eds_peer_rating_save(rating=rating, by=lead_user, peer_rating=3, comment="")
    eds_assessments.eds_peer_review_complete(assessment=draft, by=other_lead, summary="Evidence is sound.")
    draft.refresh_from_db()
    assert draft.status == EdsStatus.PEER_REVIEWED and draft.peer_reviewed_by == other_lead


def test_only_a_named_peer_reviewer_completes_the_peer_review(draft, lead_user, admin_user, board_user, other_org):
    unnamed = make_user(Role.EDI_LEAD, organisations=[other_org])
    for user in (lead_user, admin_user, board_user, unnamed):
        with pytest.raises(PermissionDenied):
            eds_assessments.eds_peer_review_complete(assessment=draft, by=user, summary="Done")
    draft.refresh_from_db()
    assert draft.status == EdsStatus.DRAFT


def test_admins_approve_and_publish_in_that_order(draft, other_lead, admin_user, lead_user):
    with pytest.raises(PermissionDenied):  # not yet peer reviewed
        eds_assessments.eds_assessment_approve(assessment=draft, by=admin_user, approved_on=date(2025, 2, 1), body="B")
    eds_assessments.eds_peer_review_complete(assessment=draft, by=other_lead, summary="ok", on=date(2025, 2, 1))
    with pytest.raises(PermissionDenied):
        eds_assessments.eds_assessment_approve(assessment=draft, by=lead_user, approved_on=date(2025, 2, 3), body="B")
    with pytest.raises(ValidationError):  # before the peer review
        eds_assessments.eds_assessment_approve(assessment=draft, by=admin_user, approved_on=date(2025, 1, 3), body="B")
    with pytest.raises(PermissionDenied):
        eds_assessments.eds_assessment_publish(
            assessment=draft, by=admin_user, published_on=date(2025, 2, 5), url="https://e.org"
        )
    eds_assessments.eds_assessment_approve(assessment=draft, by=admin_user, approved_on=date(2025, 2, 3), body="Board")
    eds_assessments.eds_assessment_publish(
        assessment=draft, by=admin_user, published_on=date(2025, 2, 5), url="https://example.org/eds"
    )
    draft.refresh_from_db()
    assert draft.status == EdsStatus.PUBLISHED and draft.is_frozen


def test_an_admin_returns_a_peer_reviewed_assessment_to_draft_with_a_reason(draft, other_lead, admin_user):
    eds_assessments.eds_peer_review_complete(assessment=draft, by=other_lead, summary="ok")
    with pytest.raises(ValidationError):
        eds_assessments.eds_assessment_return_to_draft(assessment=draft, by=admin_user, reason=" ")
    eds_assessments.eds_assessment_return_to_draft(assessment=draft, by=admin_user, reason="Domain 3 evidence thin")
    assert draft.status == EdsStatus.DRAFT
    entry = eds_assessment_history_feed(draft).latest(1)[0]
    assert entry.reason == "Domain 3 evidence thin"
    assert [(c.label, c.before, c.after) for c in entry.changes] == [("Status", "Peer reviewed", "Draft")]


def test_an_approved_assessment_is_frozen_for_everyone(own_org, lead_user, other_lead, admin_user):
    assessment = eds_approved(own_org, lead_user, other_lead, admin_user)
    rating = assessment.ratings.get(outcome="2A")
    service = assessment.services.first()
    attempts = [
        lambda user: eds_ratings.eds_rating_save(rating=rating, by=user, score=0, evidence="changed"),
        lambda user: eds_ratings.eds_peer_rating_save(rating=rating, by=user, peer_rating=0, comment="x"),
        lambda user: eds_ratings.eds_service_save(
            assessment=assessment, by=user, name="New", why_chosen="x", protected_groups=["age"]
        ),
        lambda user: eds_ratings.eds_service_remove(service=service, by=user),
        lambda user: eds_assessments.eds_assessment_details_save(
            assessment=assessment, by=user, lead_name="Someone else", reviewed_on=None
        ),
        lambda user: eds_actions.eds_action_save(
            assessment=assessment, by=user, outcome="1A", text="x", owner="y", due_on=date(2026, 3, 31)
        ),
        lambda user: eds_assessments.eds_assessment_return_to_draft(assessment=assessment, by=user, reason="x"),
    ]
    for user in (lead_user, admin_user, other_lead):
        for attempt in attempts:
            with pytest.raises(PermissionDenied):
                attempt(user)
    rating.refresh_from_db()
    assert (rating.rating, rating.evidence) == (2, "Staff survey")
    assert assessment.services.count() == 3 and not assessment.actions.exists()


def test_after_approval_leads_still_report_how_its_actions_are_going(own_org, lead_user, other_lead, admin_user):
    assessment = eds_draft(own_org, lead_user, reviewers=[other_lead], services=[(2, 2, 2, 2)] * 3, ratings=all_rated())
    action = eds_actions.eds_action_save(
        assessment=assessment,
        by=lead_user,
        outcome="2B",
        text="Anti-racism campaign",
        owner="HR",
        due_on=date(2026, 3, 31),
    )
    with pytest.raises(PermissionDenied):  # while a draft, the action is changed whole, not its status alone
        eds_actions.eds_action_status_update(action=action, by=lead_user, status=Status.GREEN)
    eds_assessments.eds_peer_review_complete(assessment=assessment, by=other_lead, summary="ok", on=date(2025, 2, 1))
    eds_assessments.eds_assessment_approve(assessment=assessment, by=admin_user, approved_on=date(2025, 2, 2), body="B")
    eds_actions.eds_action_status_update(action=action, by=lead_user, status=Status.GREEN)
    with pytest.raises(PermissionDenied):
        eds_actions.eds_action_status_update(action=action, by=other_lead, status=Status.RED)
    action.refresh_from_db()
    assert action.status == Status.GREEN and action.action == "Anti-racism campaign"


def test_evidence_files_follow_the_plans_rules(draft, lead_user):
    rating = draft.ratings.get(outcome="2D")
    with pytest.raises(ValidationError):
        eds_ratings.eds_rating_save(
            rating=rating, by=lead_user, score=1, evidence="x", add_files=[EvidenceUpload("survey.pdf", b"MZ\x90")]
        )
    assert not EdsEvidence.objects.exists()
    eds_ratings.eds_rating_save(
        rating=rating,
        by=lead_user,
        score=1,
        evidence="Staff survey 2024",
        add_links=["https://example.org/survey"],
        add_files=[EvidenceUpload("../Survey results.pdf", PDF_BYTES)],
    )
    stored = {e.label: e for e in rating.evidence_items.all()}
    assert set(stored) == {"https://example.org/survey", "Survey results.pdf"}
    file = stored["Survey results.pdf"]
    assert file.content_type == "application/pdf" and "Survey" not in file.file.name and file.file.read() == PDF_BYTES


def test_every_change_before_approval_is_in_the_history(draft, lead_user, other_lead):
    rating = draft.ratings.select_related("service").filter(service__isnull=False).first()
    eds_ratings.eds_rating_save(rating=rating, by=lead_user, score=3, evidence="Better audit", owner="Matron")
    eds_ratings.eds_peer_rating_save(rating=rating, by=other_lead, peer_rating=2, comment="Not quite")
    entries = eds_assessment_history_feed(draft).latest(3)
    peer, own = entries[0], entries[1]
    assert own.subject == f"Rating of {rating.outcome} ({rating.service.name})"
    assert own.who == lead_user.get_full_name()
    assert ("Rating", "Achieving activity (2)", "Excelling activity (3)") in [
        (c.label, c.before, c.after) for c in own.changes
    ]
    assert peer.who == other_lead.get_full_name() and peer.changes[0].after == "Achieving activity (2)"
    everything = eds_assessment_history_feed(draft).latest(200)
    subjects = {entry.subject for entry in everything}
    assert "EDS 2022 assessment 2024/25" in subjects and "Domain 1 service Maternity services" in subjects
    assert not [e for e in everything if e.subject.startswith("Rating of") and e.action != "Changed"]


def test_removing_a_service_removes_its_ratings_and_evidence_files(
    draft, lead_user, django_capture_on_commit_callbacks
):
    service = draft.services.first()
    service_id, rating = service.pk, service.ratings.first()
    eds_ratings.eds_rating_save(
        rating=rating, by=lead_user, score=1, evidence="x", add_files=[EvidenceUpload("a.pdf", PDF_BYTES)]
    )
    stored = rating.evidence_items.get().file
    storage, name = stored.storage, stored.name
    with django_capture_on_commit_callbacks(execute=True):
        eds_ratings.eds_service_remove(service=service, by=lead_user)
    assert not EdsRating.objects.filter(service_id=service_id).exists() and not EdsEvidence.objects.exists()
    assert not storage.exists(name)
    assert "Removed" in [e.action for e in eds_assessment_history_feed(draft).latest(5)]


def test_an_action_links_to_a_current_priority_only(draft, lead_user, org_priority):
    action = eds_actions.eds_action_save(
        assessment=draft,
        by=lead_user,
        outcome="3A",
        text="EDI objectives",
        owner="CEO",
        due_on=date(2026, 3, 1),
        priority=org_priority,
    )
    assert list(org_priority.eds_actions.all()) == [action]
    org_priority.is_retired, org_priority.retired_on = True, date(2025, 1, 1)
    org_priority.save()
    with pytest.raises(ValidationError):
        eds_actions.eds_action_save(
            assessment=draft,
            by=lead_user,
            outcome="3A",
            text="x",
            owner="y",
            due_on=date(2026, 3, 1),
            priority=org_priority,
        )
    assert EdsAction.objects.count() == 1
