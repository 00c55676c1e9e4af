"""EDS 2022 across organisations and years: the ICS overview, an objective's matching domain, the dashboards' and
the API's scores, and the EDS actions a Belonging Plan priority carries.

Only assessments approved by their board (or published) are compared or given out as scores: a draft's scores
can still change, and a board may put these figures in a public report. A draft shows its status, not its scores.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from objectives.eds.framework import Domain, framework
from objectives.eds.scoring import DomainScore, ScoreCard
from objectives.models import EDS_ORGANISATION_KINDS, EdsAction, EdsAssessment, Priority
from objectives.selectors.eds import eds_organisations, score_cards
from organisations.models import Organisation


@dataclass
class EdsCell:
    """One organisation's assessment of one year (or none), with its scores when its board has approved it."""

    organisation: Organisation
    year: int
    assessment: EdsAssessment | None
    scores: ScoreCard | None  # None unless approved by the board

    @property
    def status_label(self) -> str:
        return self.assessment.get_status_display() if self.assessment else "No assessment"


def eds_years() -> list[int]:
    """Reporting years with any assessment, newest first."""
    return list(EdsAssessment.objects.order_by("-year").values_list("year", flat=True).distinct())


def eds_cells(*, organisations: Iterable[Organisation], years: Iterable[int]) -> dict[tuple[int, int], EdsCell]:
    """{(organisation id, year): cell} for every organisation and year asked for, in two queries."""
    organisations, years = list(organisations), list(years)
    assessments = list(
        EdsAssessment.objects.filter(organisation__in=organisations, year__in=years).select_related("organisation")
    )
    cards = score_cards([a for a in assessments if a.is_frozen])
    found = {(a.organisation_id, a.year): a for a in assessments}
    cells = {}
    for organisation in organisations:
        for year in years:
            assessment = found.get((organisation.pk, year))
            scores = cards.get(assessment.pk) if assessment else None
            cells[(organisation.pk, year)] = EdsCell(organisation, year, assessment, scores)
    return cells


@dataclass
class EdsComparison:
    """The ICS overview: each NHS organisation's assessment of each year, newest year first."""

    years: list[int]
    rows: list[tuple[Organisation, list[EdsCell]]]


def eds_comparison(*, years: list[int]) -> EdsComparison:
    organisations = eds_organisations()
    cells = eds_cells(organisations=organisations, years=years)
    return EdsComparison(years, [(o, [cells[(o.pk, year)] for year in years]) for o in organisations])


def organisations_in(scope_kind: str, slug: str | None) -> list[Organisation]:
    """The NHS organisations of a dashboard scope: all of them for the ICS, a place's, or the one organisation."""
    organisations = Organisation.objects.filter(is_active=True, kind__in=EDS_ORGANISATION_KINDS).order_by("name")
    if scope_kind == "place":
        return list(organisations.filter(place__slug=slug))
    if scope_kind == "organisation":
        return list(organisations.filter(slug=slug))
    return list(organisations)


@dataclass
class DomainRow:
    """One organisation's scores in one domain in one year (none unless its board approved the assessment)."""

    organisation: Organisation
    cell: EdsCell
    domain_number: int

    @property
    def domain_score(self) -> DomainScore | None:
        return self.cell.scores.domain(self.domain_number) if self.cell.scores else None


@dataclass
class ObjectiveDomain:
    """The EDS domain that measures an equality objective, with each organisation's approved scores in it."""

    domain: Domain
    years: list[int]
    rows: list[tuple[Organisation, list[DomainRow]]]


def objective_domain(objective_number: int, *, years: list[int] | None = None) -> ObjectiveDomain | None:
    """The domain matching the objective (1, 2 or 3) and every NHS organisation's scores in it, for the two latest
    years with assessments (or those given)."""
    domain = framework().domain_for_objective(objective_number)
    if domain is None:
        return None
    years = years if years is not None else eds_years()[:2]
    organisations = eds_organisations()
    cells = eds_cells(organisations=organisations, years=years)
    rows = [(o, [DomainRow(o, cells[(o.pk, year)], domain.number) for year in years]) for o in organisations]
    return ObjectiveDomain(domain, years, rows)


def approved_assessments(*, year: int | None = None, organisation: Organisation | None = None) -> QuerySet:
    """Assessments approved by their board (published ones too), newest year first, then by organisation."""
    assessments = EdsAssessment.objects.board_approved().select_related("organisation")
    if year is not None:
        assessments = assessments.filter(year=year)
    if organisation is not None:
        assessments = assessments.filter(organisation=organisation)
    return assessments.order_by("-year", "organisation__name")


def priority_eds_actions(priority: Priority) -> list[EdsAction]:
    """The EDS actions delivering a priority, newest assessment first, so the priority's page lists them too."""
    return list(
        priority.eds_actions.select_related("assessment__organisation").order_by(
            "-assessment__year", "assessment__organisation__name", "outcome", "due_on"
        )
    )


def latest_approved(organisations: Iterable[Organisation]) -> dict[int, EdsCell]:
    """{organisation id: its latest board-approved assessment with its scores} for those that have one."""
    organisations = list(organisations)
    latest: dict[int, EdsAssessment] = {}
    for assessment in approved_assessments().filter(organisation__in=organisations):
        latest.setdefault(assessment.organisation_id, assessment)  # newest year first
    cards = score_cards(latest.values())
    return {
        organisation_id: EdsCell(assessment.organisation, assessment.year, assessment, cards[assessment.pk])
        for organisation_id, assessment in latest.items()
    }
