"""Reminder emails for the open reporting round, sent by `manage.py send_round_reminders` (daily, by cron).

Each lead gets at most one email at each stage of a round, listing only the items they answer
for that still owe an update:
- when the round opens (the first run after it opens),
- when a week or less is left before the due date,
- once the due date has passed, and then once a week while anything is overdue.
Leads with nothing outstanding get nothing. Every email sent is recorded, so running the
command twice in a day, or every day, sends no duplicates.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from objectives.models import ReminderSent, ReportingRound
from objectives.selectors.item_progress import RoundState
from objectives.selectors.items import leads_to_remind, my_items

Stage = ReminderSent.Stage
DUE_SOON_DAYS = 7
OVERDUE_REPEAT_DAYS = 7


@dataclass
class ReminderSummary:
    reporting_round: ReportingRound | None = None
    stage: str = ""
    sent: list[tuple[str, int]] = field(default_factory=list)
    already_reminded: int = 0
    nothing_due: int = 0


def stage_on(reporting_round: ReportingRound, today: date) -> Stage:
    if today > reporting_round.due_on:
        return Stage.OVERDUE
    if (reporting_round.due_on - today).days <= DUE_SOON_DAYS:
        return Stage.DUE_SOON
    return Stage.OPENED


def _already_reminded(reporting_round, user, stage, today) -> bool:
    sent = ReminderSent.objects.filter(round=reporting_round, user=user, stage=stage)
    if stage == Stage.OVERDUE:
        sent = sent.filter(sent_on__gt=today - timedelta(days=OVERDUE_REPEAT_DAYS))
    return sent.exists()


def round_reminders_send(
    *, today: date | None = None, dry_run: bool = False, progress: Callable[[float], None] | None = None
) -> ReminderSummary:
    """Email every lead who owes updates in the open round, once per stage; return what was sent.

    `progress` (a background job's) hears the percentage of leads dealt with so far, before each one."""
    today = today or timezone.localdate()
    reporting_round = ReportingRound.objects.current()
    summary = ReminderSummary(reporting_round=reporting_round)
    if reporting_round is None:
        return summary
    stage = stage_on(reporting_round, today)
    summary.stage = stage.label
    leads = list(leads_to_remind())
    for index, lead in enumerate(leads):
        if progress is not None:
            progress(100 * index / len(leads))
        outstanding = [
            item
            for item in my_items(lead, reporting_round=reporting_round)
            if item.round_state in (RoundState.DUE, RoundState.OVERDUE)
        ]
        if not outstanding:
            summary.nothing_due += 1
            continue
        if _already_reminded(reporting_round, lead, stage, today):
            summary.already_reminded += 1
            continue
        if not dry_run:
            _reminder_email_send(lead, reporting_round, stage, outstanding, today)
        summary.sent.append((lead.email, len(outstanding)))
    return summary


def reminder_summary_lines(summary: ReminderSummary, *, dry_run: bool = False) -> list[str]:
    """What a run of the reminders did, for the command and the background job."""
    if summary.reporting_round is None:
        return ["No reporting round is open: no reminders sent."]
    verb = "Would email" if dry_run else "Emailed"
    lines = [f"{summary.reporting_round.name} ({summary.stage}):"]
    lines += [f"  {verb} {email}: {count} item{'s' if count != 1 else ''}" for email, count in summary.sent]
    lines.append(
        f"{verb} {len(summary.sent)} leads; {summary.already_reminded} already reminded at this stage; "
        f"{summary.nothing_due} with nothing due."
    )
    return lines


@transaction.atomic
def _reminder_email_send(lead, reporting_round, stage, items, today):
    """Email one lead the items they owe, and record that it was sent."""
    count = len(items)
    noun = "item" if count == 1 else "items"
    if stage == Stage.OVERDUE:
        subject = f"Belonging Plan: {count} {noun} overdue in {reporting_round.name}"
    else:
        due = reporting_round.due_on
        subject = f"Belonging Plan: {count} {noun} to update by {due.day} {due:%B %Y}"
    body = render_to_string(
        "objectives/email/round_reminder.txt",
        {
            "lead": lead,
            "round": reporting_round,
            "stage": stage,
            "items": items,
            "portal_url": settings.PORTAL_URL,
            "portal_name": settings.PORTAL_NAME,
            "my_updates_url": settings.PORTAL_URL + reverse("objectives:my_updates"),
        },
    )
    send_mail(subject, body, None, [lead.email])
    ReminderSent.objects.create(round=reporting_round, user=lead, stage=stage, sent_on=today, item_count=count)
