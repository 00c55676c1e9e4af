"""Synthetic EDS 2022 assessments for trying the portal: every NHS organisation, two reporting years.

Everything here is invented (services, evidence, ratings, groups, actions). Loaded by `setup_demo` through the
same services as the pages, into a portal with no assessments yet, so running it again adds nothing. 2023/24 is
published everywhere; in 2024/25 most are published, one is approved but not yet published, one peer reviewed
and one still a draft, so every stage shows.
"""

import random
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from demo.progress import ADMIN_EMAIL, ensure_organisation_leads
from objectives.eds.framework import framework
from objectives.models import EdsAssessment, Priority, Status
from objectives.selectors.eds import eds_organisations
from objectives.services.eds_actions import eds_action_save
from objectives.services.eds_assessments import (
    eds_assessment_approve,
    eds_assessment_details_save,
    eds_assessment_publish,
    eds_assessment_start,
    eds_peer_review_complete,
)
from objectives.services.eds_ratings import eds_peer_rating_save, eds_rating_save, eds_service_save
from organisations.models import Organisation

SEED = 20250228
YEARS = (2024, 2025)
# In the later year: who is not yet published (draft, peer reviewed, approved); everyone else is.
LATER_YEAR_STAGES = {
    "north-west-ambulance-service": "draft",
    "lancashire-south-cumbria-ft": "peer_reviewed",
    "morecambe-bay-hospitals": "approved",
}
SERVICES = {
    Organisation.Kind.ICB: [
        ("Community interpreting service", "Healthwatch heard that patients struggle to book interpreters."),
        ("NHS continuing healthcare", "Complaints show some groups wait longer for decisions."),
        ("Access to general practice", "Demand for appointments is highest in the most deprived neighbourhoods."),
        ("Commissioned maternity services", "Black and Asian women face higher risks in pregnancy nationally."),
    ],
    Organisation.Kind.ACUTE_TRUST: [
        ("Maternity services", "MBRRACE-UK reports show worse outcomes for Black and Asian women."),
        ("Emergency department", "The busiest front door, used most by people from deprived areas."),
        ("Outpatient appointments", "Did-not-attend rates are highest among younger and minority ethnic patients."),
        ("Cancer screening and diagnosis", "Uptake of screening is lower among some communities."),
    ],
    Organisation.Kind.MENTAL_HEALTH_TRUST: [
        ("Community mental health teams", "Black men are more likely to be detained under the Mental Health Act."),
        ("Learning disability services", "People with a learning disability die younger than others."),
        ("Perinatal mental health", "Referrals from minority ethnic women are lower than expected."),
        ("Children and young people's mental health", "Waiting times differ between places."),
    ],
    Organisation.Kind.AMBULANCE_TRUST: [
        ("999 emergency operations centre", "Callers who are deaf or speak little English need other ways in."),
        ("Patient transport service", "Eligibility decisions affect older and disabled patients most."),
        ("NHS 111", "Some communities use NHS 111 far less than others."),
    ],
}
GROUPS = ["age", "disability", "race", "sex", "religion_belief", "pregnancy_maternity", "health_inclusion"]
EVIDENCE = {
    "1": [
        "Patient experience survey results broken down by ethnicity, age and disability; {n} responses this year.",
        "Audit of interpreter bookings and accessible information flags on the patient record.",
        "Complaints and PALS themes reviewed with the patient experience group; actions agreed.",
        "Incident reports analysed by protected characteristic; no difference found in levels of harm.",
        "Waiting times compared by deprivation quintile and ethnicity; gaps reported to the quality committee.",
    ],
    "2": [
        "Staff survey results for questions on health and well-being support, by staff group.",
        "Occupational health referrals and the take-up of the employee assistance programme.",
        "Freedom to Speak Up and bullying and harassment cases reviewed with the staff networks.",
        "Staff survey: {n}% would recommend the organisation as a place to work.",
    ],
    "3": [
        "Board and committee papers sampled: {n} of 20 carried an equality and health inequalities impact assessment.",
        "Board development sessions on health inequalities held; members set personal EDI objectives.",
        "WRES and WDES action plans reviewed by the board twice a year, with staff network chairs present.",
    ],
}
LEAD_TITLES = ["Head of EDI", "EDI Manager", "Deputy Director of People"]
OPEN_STATUSES = [Status.NOT_STARTED, Status.GREEN, Status.AMBER]
OWNERS = ["Head of Patient Experience", "Director of Nursing", "Director of People", "Head of EDI", "Company Secretary"]
STAFF_NETWORKS = "Race Equality Network\nDisability and Wellbeing Network\nLGBTQ+ Network\nArmed Forces Network"
PATIENT_GROUPS = "Healthwatch Lancashire\nMaternity and Neonatal Voices Partnership\nPatient Experience Group"
PARTNERS = "Lancashire BME Network\nDisability Equality North West\nLancashire LGBT"
OTHERS = "UNISON branch\nRoyal College of Nursing"
ACTIONS = [
    ("1A", "Offer video interpreting in every outpatient clinic and audit its use each quarter.", None),
    ("1D", "Publish patient experience results by ethnicity, age and disability every six months.", None),
    ("2A", "Extend the menopause and long-term conditions support offer to night and weekend staff.", "ORG-Y1-4"),
    ("2B", "Roll out the anti-racism and zero-tolerance campaign with the staff networks.", "ORG-Y25-1"),
    ("3A", "Every executive director to set and report on a personal EDI objective.", "ORG-Y25-2"),
    ("3B", "Make an equality and health inequalities impact assessment part of every board paper.", "PL-Y1-2"),
]


@dataclass(frozen=True)
class DemoEdsSummary:
    assessments: int
    actions: int


def _user(email):
    return get_user_model().objects.filter(username=email).first()


@transaction.atomic
def create_demo_eds() -> DemoEdsSummary:
    """Two years of assessments for every NHS organisation, unless the portal already has assessments."""
    admin = _user(ADMIN_EMAIL)
    if admin is None or EdsAssessment.objects.exists():
        return DemoEdsSummary(0, 0)
    rng = random.Random(SEED)
    leads = ensure_organisation_leads()
    organisations = eds_organisations()
    assessments = actions = 0
    for index, organisation in enumerate(organisations):
        people = (leads[organisation.pk], leads[organisations[(index + 1) % len(organisations)].pk], admin)
        services = rng.sample(SERVICES[organisation.kind], 3)  # the same services both years
        scores = _first_year_scores(services, rng)
        for number, year in enumerate(YEARS):
            stage = LATER_YEAR_STAGES.get(organisation.slug, "published") if number else "published"
            if number:  # a little better the year after, here and there
                scores = {key: min(3, score + (rng.random() < 0.2)) for key, score in scores.items()}
            actions += _assessment(organisation, year, people, stage, services, scores, rng)
            assessments += 1
    return DemoEdsSummary(assessments, actions)


def _first_year_scores(services, rng) -> dict[tuple[str | None, str], int]:
    """{(service name, or None for Domains 2 and 3; outcome code): rating}: mostly Developing and Achieving."""
    keys = [(name, outcome.code) for name, _why in services for outcome in framework().domain(1).outcomes]
    keys += [(None, outcome.code) for domain in framework().domains[1:] for outcome in domain.outcomes]
    return {key: rng.choices([0, 1, 2, 3], weights=[1, 5, 6, 1])[0] for key in keys}


def _action_plan(assessment, lead, year, rng) -> int:
    """Two to four actions, some delivering a Belonging Plan priority; returns how many."""
    plan = {p.code: p for p in Priority.objects.current()}
    chosen = rng.sample(ACTIONS, rng.randint(2, 4))
    for code, text, priority in chosen:
        eds_action_save(
            assessment=assessment,
            by=lead,
            outcome=code,
            text=text,
            owner=rng.choice(OWNERS),
            due_on=date(year + 1, 3, 31),
            status=Status.COMPLETE if year == YEARS[0] else rng.choice(OPEN_STATUSES),
            priority=plan.get(priority) if priority else None,
        )
    return len(chosen)


def _assessment(organisation, year, people, stage, services, scores, rng) -> int:
    """One organisation's assessment of a year, taken as far as `stage`; returns how many actions it has."""
    lead, reviewer, admin = people
    assessment = eds_assessment_start(organisation=organisation, year=year, by=lead)
    eds_assessment_details_save(
        assessment=assessment,
        by=lead,
        lead_name=f"{rng.choice(LEAD_TITLES)}, {organisation.display_short_name}",
        reviewed_on=date(year, 1, rng.randint(10, 31)),
        staff_networks=STAFF_NETWORKS,
        patient_groups=PATIENT_GROUPS,
        partners=PARTNERS,
        other_participants=OTHERS,
        peer_reviewers=[reviewer],
    )
    for name, why in services:
        eds_service_save(
            assessment=assessment, by=lead, name=name, why_chosen=why, protected_groups=rng.sample(GROUPS, 3)
        )
    ratings = list(assessment.ratings.select_related("service").order_by("service_id", "outcome"))
    for rating in ratings:
        eds_rating_save(
            rating=rating,
            by=lead,
            score=scores[(rating.service.name if rating.service else None, rating.outcome)],
            evidence=rng.choice(EVIDENCE[rating.outcome[0]]).format(n=rng.randint(3, 19)),
            owner=rng.choice(OWNERS),
            add_links=["https://www.england.nhs.uk/about/equality/equality-hub/"] if rng.random() < 0.2 else [],
        )
    actions = _action_plan(assessment, lead, year, rng)
    if stage == "draft":
        return actions
    for rating in rng.sample(ratings, 3):
        agrees = rng.random() < 0.7 or rating.rating == 0
        eds_peer_rating_save(
            rating=rating,
            by=reviewer,
            peer_rating=rating.rating if agrees else rating.rating - 1,
            comment="Agree with the evidence; more breakdown by disability would help."
            if agrees
            else "The evidence does not yet show this for every group: we would rate it one lower.",
        )
    on = date(year, 2, 5)
    eds_peer_review_complete(assessment=assessment, by=reviewer, summary="Evidence reviewed with the EDS panel.", on=on)
    if stage == "peer_reviewed":
        return actions
    board = "ICB Board" if organisation.kind == Organisation.Kind.ICB else "Trust Board"
    eds_assessment_approve(assessment=assessment, by=admin, approved_on=date(year, 2, 20), body=board)
    if stage == "published":
        slug = organisation.slug
        url = f"https://www.example.nhs.uk/{slug}/equality-delivery-system-{year - 1}-{str(year)[-2:]}"
        eds_assessment_publish(assessment=assessment, by=admin, published_on=date(year, 2, 27), url=url)
    return actions
