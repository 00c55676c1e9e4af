"""What an EDS 2022 assessment rates: the services it chose for Domain 1, each outcome's rating with its evidence
and owner, and the peer reviewer's rating and comment beside it. Only while the assessment is a draft."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from objectives.eds.framework import framework
from objectives.eds.scoring import rating_check
from objectives.evidence import EvidenceUpload
from objectives.models import EdsAssessment, EdsEvidence, EdsRating, EdsService
from objectives.permissions import can_edit_eds_assessment, can_peer_review_eds
from objectives.services.evidence import evidence_apply, evidence_changes_check, evidence_remove
from objectives.services.recording import attribute_change


def _service_check(assessment: EdsAssessment, service: EdsService | None, *, name, why_chosen, groups, other) -> None:
    errors = {}
    if not name.strip():
        errors["name"] = "Enter the name of the service"
    elif assessment.services.exclude(pk=service.pk if service else None).filter(name__iexact=name.strip()).exists():
        errors["name"] = "The assessment already has a service with that name"
    if not why_chosen.strip():
        errors["why_chosen"] = "Say why this service was chosen"
    known = {group.code for group in framework().protected_groups}
    if set(groups) - known:
        errors["protected_groups"] = "Choose the groups from the list"
    elif not groups and not other.strip():
        errors["protected_groups"] = "Choose the groups of people the assessment of this service looked at"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def eds_service_save(
    *,
    assessment: EdsAssessment,
    by,
    service: EdsService | None = None,
    name: str,
    why_chosen: str,
    protected_groups: Iterable[str] = (),
    other_groups: str = "",
) -> EdsService:
    """Add a Domain 1 service (with outcomes 1A to 1D waiting to be rated) or change one; return it."""
    if not can_edit_eds_assessment(by, assessment) or (service and service.assessment_id != assessment.pk):
        raise PermissionDenied
    groups = list(dict.fromkeys(protected_groups))
    _service_check(assessment, service, name=name, why_chosen=why_chosen, groups=groups, other=other_groups)
    is_new = service is None
    if service is None:
        position = (assessment.services.aggregate(last=Max("position"))["last"] or 0) + 1
        service = EdsService(assessment=assessment, position=position)
    service.name = name.strip()
    service.why_chosen = why_chosen.strip()
    # Kept in the framework's order, so the history shows a change only when the choice changes.
    service.protected_groups = [group.code for group in framework().protected_groups if group.code in groups]
    service.other_groups = other_groups.strip()
    attribute_change(service, by=by).save()
    if is_new:
        for outcome in framework().domain(1).outcomes:
            attribute_change(EdsRating(assessment=assessment, service=service, outcome=outcome.code), by=by).save()
    return service


@transaction.atomic
def eds_service_remove(*, service: EdsService, by) -> None:
    """Remove a service from Domain 1 with its ratings and their evidence (all kept in history; files deleted)."""
    if not can_edit_eds_assessment(by, service.assessment):
        raise PermissionDenied
    for rating in service.ratings.all():
        for evidence in rating.evidence_items.all():
            evidence_remove(evidence, by=by)
        attribute_change(rating, by=by).delete()
    attribute_change(service, by=by).delete()


@transaction.atomic
def eds_rating_save(
    *,
    rating: EdsRating,
    by,
    score: int,
    evidence: str,
    owner: str = "",
    add_links: Iterable[str] = (),
    add_files: Iterable[EvidenceUpload] = (),
    remove_evidence: Iterable[EdsEvidence] = (),
) -> EdsRating:
    """Rate an outcome (0 to 3) with a summary of its evidence, its owner, and evidence links and files."""
    if not can_edit_eds_assessment(by, rating.assessment):
        raise PermissionDenied
    errors = {}
    try:
        rating_check(score)
    except ValueError:
        errors["score"] = "Choose a rating"
    if not evidence.strip():
        errors["evidence"] = "Summarise the evidence for the rating"
    if errors:
        raise ValidationError(errors)
    remove_ids, checked = evidence_changes_check(
        rating.evidence_items.all(), remove=remove_evidence, add=add_files, holder="A rating"
    )
    rating.rating = score
    rating.evidence = evidence.strip()
    rating.owner = owner.strip()
    attribute_change(rating, by=by).save()
    evidence_apply(
        rating.evidence_items.all(),
        lambda: EdsEvidence(rating=rating),
        by=by,
        remove_ids=remove_ids,
        add_links=add_links,
        files=checked,
    )
    return rating


@transaction.atomic
def eds_peer_rating_save(*, rating: EdsRating, by, peer_rating: int | None, comment: str) -> EdsRating:
    """The peer reviewer's own rating of an outcome and their comment, shown beside the organisation's."""
    if not can_peer_review_eds(by, rating.assessment):
        raise PermissionDenied
    if peer_rating is not None:
        try:
            rating_check(peer_rating)
        except ValueError:
            raise ValidationError({"peer_rating": "Choose a rating"}) from None
    if peer_rating is None and not comment.strip():
        raise ValidationError({"peer_rating": "Choose a rating or write a comment"})
    rating.peer_rating = peer_rating
    rating.peer_comment = comment.strip()
    rating.peer_rated_by = by
    attribute_change(rating, by=by).save()
    return rating
