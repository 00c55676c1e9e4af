"""The API's EDS 2022 answers: the framework, the approved assessments with their scores, and one in full.

Only assessments their board approved (or that are published) are given out: a draft's ratings and scores can
still change. Scores are worked out from the ratings (`objectives.eds.scoring`), as on the pages.
"""

import re

from objectives.eds.framework import Rating, framework
from objectives.eds.scoring import ScoreCard
from objectives.models import EdsAssessment
from objectives.selectors.eds import AssessmentPage, OutcomeRow, eds_assessment_page, score_cards
from objectives.selectors.eds_comparisons import approved_assessments
from organisations.models import Organisation
from reports.api import ApiError
from reports.api_answers import (
    EdsActionData,
    EdsAssessmentAnswer,
    EdsAssessmentsAnswer,
    EdsAssessmentSummaryData,
    EdsFrameworkAnswer,
    EdsOutcomeRatingData,
    EdsRatingData,
    EdsScoresData,
)


def _rating(rating: Rating) -> EdsRatingData:
    return {"score": rating.score, "name": rating.name}


def framework_answer() -> EdsFrameworkAnswer:
    eds = framework()
    return {
        "domains": [
            {
                "number": domain.number,
                "name": domain.name,
                "objective": domain.objective,
                "maximum": domain.maximum,
                "outcomes": [{"code": outcome.code, "text": outcome.text} for outcome in domain.outcomes],
            }
            for domain in eds.domains
        ],
        "ratings": [_rating(rating) for rating in eds.ratings],
        "overall_bands": [
            {"rating": _rating(band.rating), "lowest": band.lowest, "highest": band.highest} for band in eds.bands
        ],
        "minimum_services": eds.minimum_services,
        "domain_1_rule": eds.domain_1_rule,
        "domain_1_rule_source": eds.domain_1_rule_source,
        "sources": eds.sources,
        "unverified": list(eds.unverified),
    }


def _organisation(params) -> Organisation | None:
    slug = params.get("organisation", "")
    if not slug:
        return None
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise ApiError(400, f"Unknown organisation '{slug}': use an organisation's slug from /api/v1/scopes/.")
    return organisation


def _year(params) -> int | None:
    text = params.get("year", "")
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{4}", text):
        raise ApiError(400, f"Bad year '{text}': give four digits, e.g. 2025 for 2024/25.")
    return int(text)


def _scores(scores: ScoreCard) -> EdsScoresData:
    return {
        "domains": [
            {
                "number": domain.domain.number,
                "score": domain.total,
                "maximum": domain.maximum,
                "outcomes": {outcome.code: outcome.score for outcome in domain.outcomes},
            }
            for domain in scores.domains
        ],
        "total": scores.total,
        "maximum": scores.maximum,
        "overall_rating": scores.band.rating.name if scores.band else None,
    }


def _summary(assessment: EdsAssessment, scores: ScoreCard) -> EdsAssessmentSummaryData:
    organisation = assessment.organisation
    return {
        "organisation": {"slug": organisation.slug, "name": organisation.name, "ods_code": organisation.ods_code},
        "year": assessment.year,
        "year_label": assessment.year_label,
        "status": assessment.status,
        "approved_on": assessment.approved_on.isoformat() if assessment.approved_on else "",
        "approved_by": assessment.approved_by_body,
        "published_on": assessment.published_on.isoformat() if assessment.published_on else None,
        "published_url": assessment.published_url,
        "scores": _scores(scores),
    }


def assessments_answer(params) -> EdsAssessmentsAnswer:
    """Every approved assessment, newest year first, optionally of one organisation or one year."""
    organisation, year = _organisation(params), _year(params)
    assessments = list(approved_assessments(year=year, organisation=organisation))
    cards = score_cards(assessments)
    return {"assessments": [_summary(assessment, cards[assessment.pk]) for assessment in assessments]}


def _rating_or_none(score: int | None) -> EdsRatingData | None:
    return None if score is None else _rating(framework().rating(score))


def _outcome_rating(row: OutcomeRow) -> EdsOutcomeRatingData:
    rating = row.rating
    return {
        "outcome": row.outcome.code,
        "rating": _rating_or_none(rating.rating),
        "evidence": rating.evidence,
        "evidence_items": [item.label for item in rating.evidence_items.all()],
        "owner": rating.owner,
        "peer_rating": _rating_or_none(rating.peer_rating),
        "peer_comment": rating.peer_comment,
    }


def _actions(page: AssessmentPage) -> list[EdsActionData]:
    return [
        {
            "outcome": action.outcome,
            "action": action.action,
            "owner": action.owner,
            "due_on": action.due_on.isoformat(),
            "status": action.status,
            "priority": action.priority.code if action.priority else None,
        }
        for action in page.actions
    ]


def assessment_answer(params) -> EdsAssessmentAnswer:
    """One organisation's approved assessment of one year, in full."""
    organisation, year = _organisation(params), _year(params)
    if organisation is None or year is None:
        raise ApiError(400, "Give the 'organisation' (its slug) and the 'year' (e.g. 2025 for 2024/25).")
    assessment = (
        EdsAssessment.objects.board_approved()
        .select_related("organisation")
        .filter(organisation=organisation, year=year)
        .first()
    )
    if assessment is None:
        raise ApiError(
            404, f"No EDS 2022 assessment of {organisation} for {year - 1}/{str(year)[-2:]} approved by its board."
        )
    page = eds_assessment_page(assessment)
    return {
        **_summary(assessment, page.scores),
        "lead": assessment.lead_name,
        "reviewed_on": assessment.reviewed_on.isoformat() if assessment.reviewed_on else None,
        "participants": dict(page.participants),
        "peer_review_summary": assessment.peer_review_summary,
        "domain_1_rule": framework().domain_1_rule,
        "services": [
            {
                "name": section.service.name,
                "why_chosen": section.service.why_chosen,
                "groups": section.groups,
                "ratings": [_outcome_rating(row) for row in section.rows],
            }
            for section in page.services
        ],
        "ratings": [_outcome_rating(row) for rows in page.domain_rows.values() for row in rows],
        "actions": _actions(page),
    }
