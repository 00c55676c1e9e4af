"""EDS 2022 as the dashboards, the board pack and the published summary report show it.

- `EdsReport`: one organisation's summary report of a year, in the layout NHS organisations publish (the EDS
  reporting template as RDaSH and Countess of Chester publish it): the rating and score card, a domain table for
  each Domain 1 service and for Domains 2 and 3 with "Outcome | Evidence | Rating | Owner (department or lead)",
  and the action plan. Its tables are the PDF's and the CSV's.
- `eds_scores_table` and `objective_domain_texts`: the scope's organisations' scores for the overview and the
  board pack, beside the plan's progress on the objective each domain measures.

Only assessments their board approved are compared (`objectives.selectors.eds_comparisons`).
"""

from dataclasses import dataclass

from objectives.eds.framework import framework
from objectives.eds.scoring import ScoreCard
from objectives.models import EdsAssessment
from objectives.selectors.eds import AssessmentPage, OutcomeRow, eds_assessment_page
from objectives.selectors.eds_comparisons import EdsCell, eds_cells, organisations_in
from reports.choice import Choice
from reports.exports import Table
from workforce.models import reporting_year_label

NOT_YET = "Not yet"
RATING_COLUMNS = ["Outcome", "Evidence", "Rating", "Owner (department or lead)", "Peer rating", "Peer comment"]


def rating_text(score: int | None) -> str:
    """ "Achieving activity (2)", or "Not rated yet"."""
    if score is None:
        return "Not rated yet"
    rating = framework().rating(score)
    return f"{rating.name} ({rating.score})"


def score_text(score: int | None, maximum: int) -> str:
    return NOT_YET if score is None else f"{score} of {maximum}"


def _status_line(assessment: EdsAssessment) -> str:
    if assessment.status == "published":
        return (
            f"Approved by {assessment.approved_by_body} on {assessment.approved_on:%-d %B %Y}; published on "
            f"{assessment.published_on:%-d %B %Y} at {assessment.published_url}"
        )
    if assessment.is_frozen:
        return f"Approved by {assessment.approved_by_body} on {assessment.approved_on:%-d %B %Y}; not yet published"
    return f"{assessment.get_status_display().upper()}: not approved by the board; its scores can still change"


def _score_cell(score: int | None):
    return NOT_YET if score is None else score


def score_card_table(scores: ScoreCard) -> Table:
    """Every outcome's score, each domain's, the total and the overall rating, as numbers a spreadsheet can add."""
    rows: list[list] = []
    for domain in scores.domains:
        for outcome in domain.outcomes:
            text = framework().outcome(outcome.code).text
            rows.append([domain.domain.title, f"{outcome.code}: {text}", _score_cell(outcome.score), 3])
        rows.append([domain.domain.title, "Domain score", _score_cell(domain.total), domain.maximum])
    rows.append(["All domains", "Total", _score_cell(scores.total), scores.maximum])
    rows.append(["All domains", "Overall rating", scores.band.rating.name if scores.band else NOT_YET, ""])
    return Table(
        title="EDS rating and score card",
        slug="score-card",
        columns=["Domain", "Outcome", "Score", "Out of"],
        rows=rows,
        notes=[
            "Each outcome is rated 0 (Undeveloped activity) to 3 (Excelling activity); the total of all eleven "
            "gives the overall rating: under 8 Undeveloped, 8 to 21 Developing, 22 to 32 Achieving, 33 Excelling.",
            f"Domain 1: {framework().domain_1_rule} The portal's rule: NHS England's could not be verified.",
        ],
    )


def _rating_rows(rows: list[OutcomeRow]) -> list[list]:
    return [
        [
            f"{row.outcome.code}: {row.outcome.text}",
            "\n".join([row.rating.evidence, *(item.label for item in row.rating.evidence_items.all())]),
            rating_text(row.rating.rating),
            row.rating.owner,
            rating_text(row.rating.peer_rating) if row.rating.peer_rating is not None else "",
            row.rating.peer_comment,
        ]
        for row in rows
    ]


def domain_tables(page: AssessmentPage) -> list[Table]:
    """A table for each Domain 1 service, then Domains 2 and 3, as the template lays them out."""
    eds = framework()
    domain_1 = eds.domain(1)
    tables = []
    for number, section in enumerate(page.services, start=1):
        tables.append(
            Table(
                title=f"{domain_1.title}: {section.service.name}",
                slug=f"domain-1-service-{number}",
                columns=RATING_COLUMNS,
                rows=_rating_rows(section.rows),
                notes=[
                    f"Why it was chosen: {section.service.why_chosen}",
                    "Groups it looked at: " + ("; ".join(section.groups) or "none chosen"),
                    f"Service score: {score_text(section.total, domain_1.maximum)}",
                ],
            )
        )
    for domain in eds.domains[1:]:
        score = page.scores.domain(domain.number)
        tables.append(
            Table(
                title=domain.title,
                slug=f"domain-{domain.number}",
                columns=RATING_COLUMNS,
                rows=_rating_rows(page.domain_rows.get(domain.number, [])),
                notes=[f"{domain.title} overall score: {score_text(score.total, domain.maximum)}"],
            )
        )
    return tables


def action_plan_table(page: AssessmentPage) -> Table:
    return Table(
        title="EDS action plan",
        slug="action-plan",
        columns=["Domain", "Outcome", "Action", "Owner", "Completion date", "Status", "Belonging Plan priority"],
        rows=[
            [
                framework().domain(int(action.outcome[0])).title,
                action.outcome,
                action.action,
                action.owner,
                f"{action.due_on:%-d %B %Y}",
                action.get_status_display(),
                f"{action.priority.code}: {action.priority.title}" if action.priority else "",
            ]
            for action in page.actions
        ],
    )


def about_table(page: AssessmentPage) -> Table:
    assessment = page.assessment
    reviewers = "; ".join(
        f"{user.get_full_name() or user.get_username()} "
        f"({', '.join(m.organisation.display_short_name for m in user.memberships.all())})"
        for user in assessment.peer_reviewers.all()
    )
    rows = [
        ["Organisation", assessment.organisation.name],
        ["Reporting year", assessment.year_label],
        ["Status", _status_line(assessment)],
        ["Assessment lead", assessment.lead_name or "Not named yet"],
        ["Date of the review", f"{assessment.reviewed_on:%-d %B %Y}" if assessment.reviewed_on else "Not given yet"],
        *[[label, "; ".join(names)] for label, names in page.participants],
        ["Peer reviewers", reviewers or "None named"],
    ]
    if assessment.peer_review_summary:
        rows.append(["Peer review", assessment.peer_review_summary])
    return Table(title="About the assessment", slug="about", columns=["", ""], rows=rows)


@dataclass
class EdsReport:
    """An organisation's EDS 2022 summary report of a year, from its assessment as it stands."""

    page: AssessmentPage

    @property
    def assessment(self) -> EdsAssessment:
        return self.page.assessment

    @property
    def title(self) -> str:
        return f"Equality Delivery System 2022: {self.assessment.organisation.name}, {self.assessment.year_label}"

    @property
    def status_line(self) -> str:
        return _status_line(self.assessment)

    @property
    def filename_stem(self) -> str:
        return f"eds-2022-{self.assessment.organisation.slug}-{self.assessment.year}"

    def tables(self) -> list[Table]:
        """The report's tables in its order: about, score card, domain tables, action plan."""
        return [
            about_table(self.page),
            score_card_table(self.page.scores),
            *domain_tables(self.page),
            action_plan_table(self.page),
        ]


def eds_report(assessment: EdsAssessment) -> EdsReport:
    return EdsReport(eds_assessment_page(assessment))


# --- Beside the plan's progress on the dashboards -----------------------------------------------------


def scope_cells(choice: Choice) -> list[EdsCell]:
    """The scope's NHS organisations' assessments of the chosen year (scores only where the board approved)."""
    if not choice.year:
        return []
    organisations = organisations_in(choice.scope.kind, choice.scope.slug)
    cells = eds_cells(organisations=organisations, years=[choice.year])
    return [cells[(organisation.pk, choice.year)] for organisation in organisations]


def eds_scores_table(cells: list[EdsCell], year: int | None) -> Table:
    eds = framework()
    domains = [f"{d.title} (of {d.maximum})" for d in eds.domains]
    rows = []
    for cell in cells:
        scores = cell.scores
        if scores is None:
            missing = "Not approved yet" if cell.assessment else "No assessment"
            rows.append([cell.organisation.name, *[missing] * (len(domains) + 2), cell.status_label])
            continue
        rows.append(
            [
                cell.organisation.name,
                *[score_text(d.total, d.maximum) for d in scores.domains],
                score_text(scores.total, scores.maximum),
                scores.band.rating.name if scores.band else NOT_YET,
                cell.status_label,
            ]
        )
    return Table(
        title=f"EDS 2022 scores, {reporting_year_label(year) if year else 'no year'}",
        slug="eds-scores",
        columns=["Organisation", *domains, f"Total (of {eds.maximum})", "Overall rating", "Status"],
        rows=rows,
        notes=[
            "From each NHS organisation's EDS 2022 assessment once its board has approved it; a draft's scores can "
            "still change and are not shown. Councils do not take part in EDS 2022.",
        ],
    )


def objective_domain_texts(cells: list[EdsCell]) -> dict[int, str]:
    """{objective number: the matching domain's approved scores in the scope, in words} for the objectives table.

    One organisation: its score ("Domain 1: 7 of 12"). Several: the lowest and highest and how many organisations
    they come from; no average, which EDS does not define across organisations.
    """
    texts = {}
    approved = [cell.scores for cell in cells if cell.scores is not None]
    for domain in framework().domains:
        totals = [score.domain(domain.number).total for score in approved]
        known = sorted(total for total in totals if total is not None)
        label = f"Domain {domain.number}"
        if not known:
            text = f"{label}: no approved assessment"
        elif len(cells) == 1:
            text = f"{label}: {known[0]} of {domain.maximum}"
        else:
            spread = f"{known[0]}" if known[0] == known[-1] else f"{known[0]} to {known[-1]}"
            text = f"{label}: {spread} of {domain.maximum} ({len(known)} of {len(cells)} organisations approved)"
        texts[domain.objective] = text
    return texts
