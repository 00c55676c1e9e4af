"""What an EDS 2022 assessment's pages show: the assessment with its services, ratings, evidence, scores and
action plan; an organisation's assessments by year; who may be named as a peer reviewer.

Scores are never stored: each page works them out from the ratings (`objectives.eds.scoring.score_card`).
Every selector runs a fixed number of queries whatever the number of services, ratings or evidence.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet

from objectives.eds.framework import Outcome, framework
from objectives.eds.scoring import ScoreCard, score_card
from objectives.models import (
    EDS_ORGANISATION_KINDS,
    EdsAction,
    EdsAssessment,
    EdsEvidence,
    EdsRating,
    EdsService,
    EqualityStandard,
    OrganisationAccreditation,
)
from objectives.models.eds import PARTICIPANT_FIELDS
from organisations.models import Organisation
from organisations.permissions import Role

EDS_STANDARD = "eds-2022"


def eds_organisations() -> list[Organisation]:
    """The NHS organisations that assess themselves against EDS 2022 (the ICB and the trusts), by name."""
    return list(Organisation.objects.filter(is_active=True, kind__in=EDS_ORGANISATION_KINDS).order_by("name"))


def eds_organisation(*, slug: str) -> Organisation:
    return Organisation.objects.filter(kind__in=EDS_ORGANISATION_KINDS).get(slug=slug)


RatingRow = tuple[int, int | None, str, int | None]  # assessment id, service id, outcome code, rating


def score_cards_from(rows: Iterable[RatingRow]) -> dict[int, ScoreCard]:
    """{assessment id: score card} from rating rows in service order (as `rating_rows` gives them)."""
    services: dict[int, dict[int, dict[str, int | None]]] = defaultdict(dict)
    others: dict[int, dict[str, int | None]] = defaultdict(dict)
    for assessment_id, service_id, outcome, rating in rows:
        if service_id is None:
            others[assessment_id][outcome] = rating
        else:
            services[assessment_id].setdefault(service_id, {})[outcome] = rating
    return {
        assessment_id: score_card(
            services=list(services[assessment_id].values()), outcome_ratings=others[assessment_id]
        )
        for assessment_id in set(services) | set(others)
    }


def score_cards(assessments: Iterable[EdsAssessment]) -> dict[int, ScoreCard]:
    """{assessment id: score card} for some assessments, in one query."""
    ids = [assessment.pk for assessment in assessments]
    rows = (
        EdsRating.objects.filter(assessment_id__in=ids or [-1])
        .order_by("assessment_id", "service__position", "service_id", "outcome")
        .values_list("assessment_id", "service_id", "outcome", "rating")
    )
    cards = score_cards_from(rows)
    empty = score_card(services=[], outcome_ratings={})
    return {pk: cards.get(pk, empty) for pk in ids}


@dataclass
class OutcomeRow:
    """One row of a domain table: the outcome, the organisation's rating with its evidence, and the peer's."""

    outcome: Outcome
    rating: EdsRating


@dataclass
class ServiceSection:
    """A Domain 1 service: what it is, why it was chosen, which groups it looked at, and its four ratings."""

    service: EdsService
    groups: list[str]
    rows: list[OutcomeRow]

    @property
    def total(self) -> int | None:
        scores = [row.rating.rating for row in self.rows]
        return None if None in scores else sum(score for score in scores if score is not None)


@dataclass
class AssessmentPage:
    assessment: EdsAssessment
    scores: ScoreCard
    services: list[ServiceSection]
    domain_rows: dict[int, list[OutcomeRow]]
    actions: list[EdsAction]
    participants: list[tuple[str, list[str]]]
    problems: list[str] = field(default_factory=list)

    @property
    def peer_rated(self) -> bool:
        """Whether the peer reviewer has rated or commented on anything yet."""
        rows = [row for section in self.services for row in section.rows]
        rows += [row for rows in self.domain_rows.values() for row in rows]
        return any(row.rating.peer_rating is not None or row.rating.peer_comment for row in rows)


def eds_assessment_problems(assessment: EdsAssessment) -> list[str]:
    """What stops the assessment leaving draft, in words; an empty list when it is complete."""
    problems = []
    if not assessment.lead_name:
        problems.append("Name the assessment lead")
    if assessment.reviewed_on is None:
        problems.append("Give the date of the review")
    if not any(getattr(assessment, name).strip() for name in PARTICIPANT_FIELDS):
        problems.append("Name the groups who took part")
    services, minimum = assessment.services.count(), framework().minimum_services
    if services < minimum:
        problems.append(f"Assess at least {minimum} services for Domain 1 ({services} so far)")
    unrated = sorted({str(r) for r in assessment.ratings.select_related("service").filter(rating__isnull=True)})
    if unrated:
        problems.append("Rate every outcome: not yet rated " + ", ".join(unrated))
    return problems


def eds_assessment(*, slug: str, year: int) -> EdsAssessment:
    """An organisation's assessment of a year, with what its summary shows; DoesNotExist if there is none."""
    return (
        EdsAssessment.objects.select_related("organisation", "peer_reviewed_by")
        .prefetch_related("peer_reviewers__memberships__organisation")
        .get(organisation__slug=slug, year=year)
    )


def eds_rating(*, slug: str, year: int, pk: int) -> EdsRating:
    """One rating of the assessment in the address (so an address cannot reach another organisation's)."""
    return EdsRating.objects.select_related("assessment__organisation", "service").get(
        pk=pk, assessment__organisation__slug=slug, assessment__year=year
    )


def eds_service(*, slug: str, year: int, pk: int) -> EdsService:
    return EdsService.objects.select_related("assessment__organisation").get(
        pk=pk, assessment__organisation__slug=slug, assessment__year=year
    )


def eds_action(*, slug: str, year: int, pk: int) -> EdsAction:
    return EdsAction.objects.select_related("assessment__organisation", "priority").get(
        pk=pk, assessment__organisation__slug=slug, assessment__year=year
    )


def eds_assessment_page(assessment: EdsAssessment) -> AssessmentPage:
    """Everything the assessment's page, its PDF report and its CSV show, with the scores worked out."""
    eds = framework()
    ratings = list(
        assessment.ratings.select_related("service", "peer_rated_by")
        .prefetch_related(Prefetch("evidence_items", queryset=EdsEvidence.objects.order_by("pk")))
        .order_by("service__position", "service_id", "outcome")
    )
    services = list(assessment.services.order_by("position", "pk"))
    by_service: dict[int, list[OutcomeRow]] = defaultdict(list)
    domain_rows: dict[int, list[OutcomeRow]] = defaultdict(list)
    for rating in ratings:
        row = OutcomeRow(eds.outcome(rating.outcome), rating)
        if rating.service_id is None:
            domain_rows[row.outcome.domain_number].append(row)
        else:
            by_service[rating.service_id].append(row)
    labels = {group.code: group.label for group in eds.protected_groups}
    sections = [
        ServiceSection(
            service,
            [labels[code] for code in service.protected_groups if code in labels]
            + ([service.other_groups] if service.other_groups else []),
            by_service[service.pk],
        )
        for service in services
    ]
    rows = [(assessment.pk, r.service_id, r.outcome, r.rating) for r in ratings]
    cards = score_cards_from(rows)
    return AssessmentPage(
        assessment=assessment,
        scores=cards.get(assessment.pk) or score_card(services=[], outcome_ratings={}),
        services=sections,
        domain_rows=dict(domain_rows),
        actions=list(assessment.actions.select_related("priority").order_by("outcome", "due_on", "pk")),
        participants=_participants(assessment),
        problems=eds_assessment_problems(assessment) if assessment.is_draft else [],
    )


def _participants(assessment: EdsAssessment) -> list[tuple[str, list[str]]]:
    """(what the groups are, their names) for each kind of participant named."""
    fields = EdsAssessment._meta
    return [
        (str(fields.get_field(name).verbose_name), getattr(assessment, name).splitlines())
        for name in PARTICIPANT_FIELDS
        if getattr(assessment, name).strip()
    ]


@dataclass
class OrganisationYear:
    year: int
    year_label: str
    assessment: EdsAssessment | None
    scores: ScoreCard | None


def organisation_eds_years(organisation: Organisation) -> list[OrganisationYear]:
    """The organisation's assessments, newest year first, each with its scores."""
    assessments = list(organisation.eds_assessments.order_by("-year"))
    cards = score_cards(assessments)
    return [OrganisationYear(a.year, a.year_label, a, cards[a.pk]) for a in assessments]


def legacy_eds_record(organisation: Organisation) -> OrganisationAccreditation | None:
    """The EDS 2022 status recorded as an accreditation before assessments were kept in the portal, if any."""
    return (
        OrganisationAccreditation.objects.select_related("level", "standard")
        .filter(organisation=organisation, standard__slug=EDS_STANDARD)
        .first()
    )


def eds_standard() -> EqualityStandard | None:
    return EqualityStandard.objects.filter(slug=EDS_STANDARD).first()


def eligible_peer_reviewers(organisation: Organisation) -> QuerySet:
    """Users who may be named as the organisation's peer reviewers: EDI leads of other organisations, by name.

    A queryset, as the form's choice of reviewers takes it."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.EDI_LEAD.value, memberships__isnull=False)
        .exclude(memberships__organisation=organisation)
        .prefetch_related("memberships__organisation")
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def eds_evidence_for_download(*, pk: int) -> EdsEvidence:
    return EdsEvidence.objects.exclude(file="").get(pk=pk)
