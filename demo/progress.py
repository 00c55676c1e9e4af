"""Synthetic progress for trying the portal: past reporting rounds, updates, evidence links, accreditations.

Everything here is invented. It is loaded only by `setup_demo` (which refuses to run
when DEBUG is off) and only into a plan with no progress yet, so running it again adds nothing.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from objectives.models import (
    EqualityStandard,
    Level,
    OrganisationAccreditation,
    Period,
    PlanItem,
    ProgressUpdate,
    ReportingRound,
    Status,
)
from objectives.services.accreditations import AccreditationChange, accreditation_save
from objectives.services.items import plan_item_assign
from objectives.services.progress import progress_update_create
from objectives.services.rounds import quarter_round_name, round_close, round_open
from organisations.models import Organisation
from organisations.permissions import Role
from organisations.services.users import portal_user_save

SEED = 20230401
CLOSED_ROUNDS = 6
ADMIN_EMAIL = "demo.admin@example.org"
ICS_LEAD_EMAIL = "demo.icslead@example.org"
SILENT_ORGANISATION = "westmorland-and-furness-council"
ORGANISATION_LEADS = {"blackpool-teaching-hospitals": "demo.lead@example.org"}

PROGRESS_NOTES = [
    "Task and finish group met {n} times this quarter; the action plan has been agreed by the executive team.",
    "Staff network chairs reviewed the draft and their comments have been built in.",
    "Pilot in two divisions finished; feedback from {n} colleagues is being analysed.",
    "Board development session held; members agreed personal actions that will be reviewed in six months.",
    "Communications campaign ran for {n} weeks across the intranet, screensavers and team briefs.",
    "Guidance published and shared with recruiting managers; first quarterly audit started.",
    "Data from ESR and the staff survey reviewed with the workforce information team.",
    "Partnership working with the local authority and voluntary sector began; terms of reference agreed.",
    "Training sessions delivered to {n} managers, with evaluation scores above target.",
    "Progress reported to the People Committee, which asked for a deep dive next quarter.",
]
BLOCKERS = [
    "Capacity in the EDI team is limited while a post is vacant.",
    "Release time for staff to attend sessions has been hard to secure during winter pressures.",
    "Data quality in ESR is still patchy for some staff groups.",
    "Funding for the second phase has not yet been confirmed.",
]
NEXT_STEPS = [
    "Roll out to the remaining divisions and report uptake next quarter.",
    "Agree measures with the staff networks and set a baseline.",
    "Present the evaluation to the executive team for sign-off.",
    "Share learning with the other partner organisations through the ICS EDI leads network.",
    "Align the action plan with this year's WRES and WDES submissions.",
]
EVIDENCE_LINKS = [
    "https://www.england.nhs.uk/publication/nhs-edi-improvement-plan/",
    "https://www.england.nhs.uk/about/equality/equality-hub/workforce-equality-data-standards/",
    "https://www.england.nhs.uk/about/equality/equality-hub/patient-equalities-programme/eds/",
    "https://www.nhsstaffsurveys.com/results/",
    "https://www.gov.uk/government/collections/disability-confident-campaign",
    "https://www.healthierlsc.co.uk/about",
]


@dataclass(frozen=True)
class DemoSummary:
    rounds: int
    updates: int
    accreditations: int


def _round_windows(today):
    """(name, opened_at, due_on, closed_at) for the closed demo rounds and the open one, oldest first.

    The open round opened three weeks ago and was due two days ago, so some items are overdue.
    """
    windows = []
    opened = today - timedelta(days=23)
    for back in range(CLOSED_ROUNDS + 1):
        start = opened - timedelta(days=91 * back)
        closed = None if back == 0 else start + timedelta(days=35)
        windows.append((quarter_round_name(day=start), start, start + timedelta(days=21), closed))
    return list(reversed(windows))


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _demo_user(email):
    return get_user_model().objects.filter(username=email).first()


def ensure_organisation_leads() -> dict[int, object]:
    """One synthetic EDI lead per organisation (the README's demo lead for Blackpool Teaching Hospitals)."""
    leads = {}
    for organisation in Organisation.objects.filter(is_active=True):
        email = ORGANISATION_LEADS.get(organisation.slug, f"demo.lead.{organisation.slug}@example.org")
        user = _demo_user(email)
        if user is None:
            user = portal_user_save(
                email=email,
                first_name="Demo",
                last_name=f"EDI Lead ({organisation.display_short_name})",
                role=Role.EDI_LEAD,
                organisations=[organisation],
            )
        leads[organisation.pk] = user
    return leads


@transaction.atomic
def create_demo_progress(today=None) -> DemoSummary:
    """Past rounds with updates on most items, an open round with some overdue, and accreditations."""
    today = today or timezone.localdate()
    admin, ics_lead = _demo_user(ADMIN_EMAIL), _demo_user(ICS_LEAD_EMAIL)
    if admin is None or ics_lead is None or ProgressUpdate.objects.exists() or ReportingRound.objects.exists():
        return DemoSummary(0, 0, 0)
    rng = random.Random(SEED)
    leads = ensure_organisation_leads()
    items = list(
        PlanItem.objects.filter(is_active=True, priority__is_retired=False)
        .select_related("priority", "organisation", "place")
        .order_by("pk")
    )
    _name_leads(items, admin, ics_lead, leads, rng)
    state = {item.pk: _starting_point(item, rng) for item in items}
    # A few items start late and one new partner has not reported at all, as in real life.
    later_items = [i.pk for i in items if i.priority.period == Period.YEARS_2_TO_5]
    late_starters = set(rng.sample(later_items, min(12, len(later_items))))
    silent = Organisation.objects.filter(slug=SILENT_ORGANISATION).values_list("pk", flat=True).first()
    update_count = 0
    windows = _round_windows(today)
    for number, (name, opened_on, due_on, closed_on) in enumerate(windows):
        reporting_round = round_open(by=admin, name=name, due_on=due_on, opened_at=_at(opened_on, 9))
        is_current = closed_on is None
        for item in items:
            status, percent = state[item.pk]
            if status == Status.COMPLETE:
                continue
            if item.organisation_id == silent or rng.random() > (0.62 if is_current else 0.88):
                continue
            if item.pk in late_starters and not is_current:
                status, percent = Status.NOT_STARTED, 0
            else:
                status, percent = _next_state(status, percent, item, number, len(windows), rng)
            state[item.pk] = (status, percent)
            author = ics_lead if item.priority.level != Level.ORGANISATION else leads[item.organisation_id]
            latest_day = min(due_on + timedelta(days=6), today - timedelta(days=1))
            day = opened_on + timedelta(days=rng.randint(1, max(1, (latest_day - opened_on).days)))
            progress_update_create(
                item=item,
                by=author,
                status=status,
                percent_complete=percent,
                narrative=_narrative(status, rng),
                next_steps="" if status == Status.COMPLETE else rng.choice(NEXT_STEPS),
                links=[rng.choice(EVIDENCE_LINKS)] if rng.random() < 0.3 else [],
                recorded_at=_at(day, rng.randint(9, 17)),
                reporting_round=reporting_round,
            )
            update_count += 1
        if not is_current:
            round_close(reporting_round=reporting_round, by=admin, closed_at=_at(closed_on, 17))
    accreditations = create_demo_accreditations(leads, rng)
    return DemoSummary(len(windows), update_count, accreditations)


def _name_leads(items, admin, ics_lead, leads, rng):
    for item in items:
        if item.priority.level != Level.ORGANISATION:
            plan_item_assign(item=item, by=admin, lead=ics_lead)
        elif rng.random() < 0.25:
            plan_item_assign(item=item, by=admin, lead=leads[item.organisation_id])


def _starting_point(item, rng):
    """Year 1 priorities began in April 2023, so by the first demo round most are well under way."""
    if item.priority.period == Period.YEAR_1:
        return Status.GREEN, rng.choice([40, 50, 60, 70])
    return Status.NOT_STARTED, 0


def _next_state(status, percent, item, number, rounds, rng):
    step = rng.choice([5, 10, 10, 15, 20]) if item.priority.period == Period.YEARS_2_TO_5 else rng.choice([10, 15, 20])
    if status == Status.NOT_STARTED and rng.random() < 0.3:
        return Status.NOT_STARTED, 0
    percent = min(100, percent + step)
    if percent >= 100 or (item.priority.period == Period.YEAR_1 and number >= rounds - 3 and rng.random() < 0.5):
        return Status.COMPLETE, 100
    previous = status if status in (Status.RED, Status.AMBER, Status.GREEN) else Status.GREEN
    roll = rng.random()
    if roll < 0.55:
        return previous, percent
    if roll < 0.80:
        return Status.GREEN, percent
    if roll < 0.95:
        return Status.AMBER, percent
    return Status.RED, percent


def _narrative(status, rng):
    text = rng.choice(PROGRESS_NOTES).format(n=rng.randint(2, 40))
    if status in (Status.AMBER, Status.RED):
        text += " " + rng.choice(BLOCKERS)
    return text


ACCREDITATION_PATTERNS = {
    "disability-confident": (0.9, 0.1),
    "veteran-aware": (0.6, 0.2),
    "rainbow-badge": (0.5, 0.3),
    "anti-racist-framework": (0.3, 0.5),
    "eds-2022": (0.8, 0.2),
    "stonewall-wei": (0.15, 0.15),
    "employer-and-disability-charter": (0.1, 0.2),
}


def create_demo_accreditations(leads, rng) -> int:
    if OrganisationAccreditation.objects.exists():
        return 0
    Held = OrganisationAccreditation.Status
    standards = EqualityStandard.objects.accreditations().prefetch_related("levels")
    created = 0
    for organisation in Organisation.objects.filter(is_active=True).order_by("pk"):
        for standard in standards:
            held, working = ACCREDITATION_PATTERNS.get(standard.slug, (0.3, 0.3))
            roll = rng.random()
            levels = list(standard.levels.all())
            if roll < held:
                achieved = timezone.localdate() - timedelta(days=rng.randint(60, 900))
                change = AccreditationChange(
                    status=Held.HELD,
                    # EDS 2022's lowest rating, "Undeveloped", is not something an organisation "holds".
                    level=rng.choice(levels[1:] if standard.slug == "eds-2022" else levels) if levels else None,
                    achieved_on=achieved,
                    renewal_due_on=achieved + timedelta(days=365 * 3),
                    evidence_url=EVIDENCE_LINKS[4] if standard.slug == "disability-confident" else "",
                )
            elif roll < held + working:
                change = AccreditationChange(
                    status=Held.WORKING_TOWARDS,
                    level=levels[0] if levels else None,
                    notes="Self-assessment under way.",
                )
            else:
                continue
            accreditation_save(organisation=organisation, standard=standard, change=change, by=leads[organisation.pk])
            created += 1
    return created
