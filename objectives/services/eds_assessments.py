"""EDS 2022 assessments from start to publication: draft -> peer reviewed -> approved by the board -> published.

Each change checks who is acting (`objectives.permissions`) and the rules of the step, runs in a transaction and
is kept in history. An assessment leaves draft only when it is complete (`eds_assessment_problems`): at least
three Domain 1 services (the portal's rule, from its issue; NHS England's number could not be verified), every
outcome rated, its lead, review date and participants named. Approval by the board freezes it.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from objectives.eds.framework import framework
from objectives.models import EdsAssessment, EdsRating, EdsStatus
from objectives.permissions import (
    can_approve_eds,
    can_edit_eds_assessment,
    can_peer_review_eds,
    can_publish_eds,
    can_return_eds_to_draft,
    can_start_eds_assessment,
    may_review_for_others,
)
from objectives.selectors.eds import eds_assessment_problems
from objectives.services.recording import attribute_change, save_with_one_history_record
from organisations.models import Organisation

# EDS 2022 was published in August 2022 for use from 2022/23 (NHS England), the reporting year 2023.
FIRST_YEAR = 2023
MAX_GROUP_NAME = 200
MAX_GROUPS = 30


def current_reporting_year(today: date) -> int:
    """The reporting year a day falls in: 2025 from 1 April 2024 to 31 March 2025."""
    return today.year + 1 if today.month >= 4 else today.year


def eds_years(today: date) -> list[int]:
    """The years an assessment may be started for, newest first: 2022/23 to the current reporting year."""
    return list(range(current_reporting_year(today), FIRST_YEAR - 1, -1))


@transaction.atomic
def eds_assessment_start(*, organisation: Organisation, year: int, by) -> EdsAssessment:
    """Start an organisation's assessment of a year, with its Domain 2 and 3 outcomes waiting to be rated."""
    if not can_start_eds_assessment(by, organisation):
        raise PermissionDenied
    if year not in eds_years(timezone.localdate()):
        raise ValidationError({"year": "Choose a reporting year from 2022/23 to this year"})
    if EdsAssessment.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError({"year": f"{organisation.display_short_name} already has an assessment of that year"})
    assessment = attribute_change(EdsAssessment(organisation=organisation, year=year), by=by)
    assessment.save()
    for domain in framework().domains[1:]:
        for outcome in domain.outcomes:
            attribute_change(EdsRating(assessment=assessment, outcome=outcome.code), by=by).save()
    return assessment


def participant_groups(text: str) -> list[str]:
    """The names of groups in a box with one a line (blank lines dropped); ValidationError if one is too long."""
    names = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if any(len(name) > MAX_GROUP_NAME for name in names):
        raise ValidationError(f"Give each group's name in {MAX_GROUP_NAME} characters or fewer, one on each line")
    if len(names) > MAX_GROUPS:
        raise ValidationError(f"Name {MAX_GROUPS} groups or fewer")
    return names


@transaction.atomic
def eds_assessment_details_save(
    *,
    assessment: EdsAssessment,
    by,
    lead_name: str,
    reviewed_on: date | None,
    staff_networks: str = "",
    patient_groups: str = "",
    partners: str = "",
    other_participants: str = "",
    peer_reviewers: Iterable = (),
) -> EdsAssessment:
    """Save who leads the assessment, when it was reviewed, which groups took part and who peer reviews it."""
    if not can_edit_eds_assessment(by, assessment):
        raise PermissionDenied
    groups = {
        "staff_networks": staff_networks,
        "patient_groups": patient_groups,
        "partners": partners,
        "other_participants": other_participants,
    }
    errors = {}
    for name, text in groups.items():
        try:
            groups[name] = "\n".join(participant_groups(text))
        except ValidationError as error:
            errors[name] = error.messages
    reviewers = list(peer_reviewers)
    if any(not may_review_for_others(user, assessment.organisation) for user in reviewers):
        errors["peer_reviewers"] = "A peer reviewer must be an EDI lead of another organisation"
    if errors:
        raise ValidationError(errors)
    assessment.lead_name = lead_name.strip()
    assessment.reviewed_on = reviewed_on
    for name, text in groups.items():
        setattr(assessment, name, text)
    attribute_change(assessment, by=by)
    save_with_one_history_record(assessment, created=False, peer_reviewers=reviewers)
    return assessment


@transaction.atomic
def eds_peer_review_complete(*, assessment: EdsAssessment, by, summary: str, on: date | None = None) -> EdsAssessment:
    """The named peer reviewer says the peer review is done: the assessment leaves draft for the board.

    `on` (the day it was done, today unless given) is for loading past assessments (demo data); pages never pass it.
    """
    if not can_peer_review_eds(by, assessment):
        raise PermissionDenied
    if not summary.strip():
        raise ValidationError({"summary": "Summarise the peer review"})
    if problems := eds_assessment_problems(assessment):
        raise ValidationError(problems)
    assessment.status = EdsStatus.PEER_REVIEWED
    assessment.peer_review_summary = summary.strip()
    assessment.peer_reviewed_on = on or timezone.localdate()
    assessment.peer_reviewed_by = by
    attribute_change(assessment, by=by).save()
    return assessment


@transaction.atomic
def eds_assessment_return_to_draft(*, assessment: EdsAssessment, by, reason: str) -> EdsAssessment:
    """An admin sends a peer-reviewed assessment back to its organisation (the reason is kept in its history)."""
    if not can_return_eds_to_draft(by, assessment):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": "Say why it goes back to draft"})
    assessment.status = EdsStatus.DRAFT
    assessment._change_reason = reason.strip()
    attribute_change(assessment, by=by).save()
    return assessment


def _date_check(field: str, day: date | None, *, not_before: date | None, what: str) -> None:
    if day is None:
        raise ValidationError({field: f"Enter the date {what}"})
    if day > timezone.localdate():
        raise ValidationError({field: f"The date {what} must be today or in the past"})
    if not_before is not None and day < not_before:
        raise ValidationError({field: f"The date {what} cannot be before {not_before:%-d %B %Y}"})


@transaction.atomic
def eds_assessment_approve(*, assessment: EdsAssessment, by, approved_on: date | None, body: str) -> EdsAssessment:
    """Record that the organisation's board (or a committee of it) approved the assessment; it is then frozen."""
    if not can_approve_eds(by, assessment):
        raise PermissionDenied
    _date_check("approved_on", approved_on, not_before=assessment.peer_reviewed_on, what="the board approved it")
    if not body.strip():
        raise ValidationError({"body": "Name the board or committee that approved it"})
    assessment.status = EdsStatus.APPROVED
    assessment.approved_on = approved_on
    assessment.approved_by_body = body.strip()
    attribute_change(assessment, by=by).save()
    return assessment


@transaction.atomic
def eds_assessment_publish(*, assessment: EdsAssessment, by, published_on: date | None, url: str) -> EdsAssessment:
    """Record where and when the approved assessment's summary report was published."""
    if not can_publish_eds(by, assessment):
        raise PermissionDenied
    _date_check("published_on", published_on, not_before=assessment.approved_on, what="it was published")
    if not url.strip():
        raise ValidationError({"url": "Enter the web address where it is published"})
    assessment.status = EdsStatus.PUBLISHED
    assessment.published_on = published_on
    assessment.published_url = url.strip()
    attribute_change(assessment, by=by).save()
    return assessment
