"""Daily reminder emails: each lead hears once per stage of a round about what they still owe."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from objectives.models import ReminderSent, Status
from objectives.services.reminders import round_reminders_send
from tests.objectives.factories import make_round, make_update


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.mark.django_db
def test_no_open_round_sends_nothing(lead_user, own_item):
    summary = round_reminders_send()
    assert summary.reporting_round is None
    assert mail.outbox == []


@pytest.mark.django_db
def test_each_lead_is_told_what_they_owe_when_a_round_opens(lead_user, other_lead, own_item, other_item, today):
    make_round(name="Quarter 1 2026/27", due_in_days=30)
    make_update(other_item, Status.GREEN, 50, reporting_round=make_round(is_open=False, name="Old"))
    summary = round_reminders_send(today=today)
    assert summary.stage == "Round opened"
    assert sorted(mail.outbox[i].to[0] for i in range(len(mail.outbox))) == sorted([lead_user.email, other_lead.email])
    message = next(m for m in mail.outbox if m.to == [lead_user.email])
    assert message.subject.startswith("Belonging Plan: 1 item to update by")
    assert "ORG-T-1, Own Trust" in message.body
    assert f"/plan/items/{own_item.pk}/updates/add/" in message.body
    assert "Other Trust" not in message.body


@pytest.mark.django_db
def test_leads_with_nothing_outstanding_get_nothing(lead_user, own_item, today):
    reporting_round = make_round()
    make_update(own_item, Status.GREEN, 50, reporting_round=reporting_round)
    summary = round_reminders_send(today=today)
    assert mail.outbox == []
    assert summary.nothing_due >= 1


@pytest.mark.django_db
def test_complete_items_owe_nothing(lead_user, own_item, today):
    make_update(own_item, Status.COMPLETE, 100, reporting_round=make_round(is_open=False, name="Old"))
    make_round()
    round_reminders_send(today=today)
    assert mail.outbox == []


@pytest.mark.django_db
def test_running_daily_does_not_repeat_a_stage(lead_user, own_item, today):
    make_round(due_in_days=30)
    round_reminders_send(today=today)
    round_reminders_send(today=today)
    round_reminders_send(today=today + timedelta(days=1))
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_week_before_the_due_date_and_after_it_leads_are_reminded_again(lead_user, own_item, today):
    reporting_round = make_round(due_in_days=30)
    round_reminders_send(today=today)
    round_reminders_send(today=reporting_round.due_on - timedelta(days=7))
    round_reminders_send(today=reporting_round.due_on - timedelta(days=3))
    round_reminders_send(today=reporting_round.due_on + timedelta(days=1))
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 3
    assert "overdue" in subjects[-1]
    assert list(ReminderSent.objects.order_by("sent_on").values_list("stage", flat=True)) == [
        "opened",
        "due_soon",
        "overdue",
    ]


@pytest.mark.django_db
def test_overdue_reminders_repeat_weekly(lead_user, own_item, today):
    reporting_round = make_round(due_in_days=-1)
    for day in range(15):
        round_reminders_send(today=reporting_round.due_on + timedelta(days=1 + day))
    assert len(mail.outbox) == 3  # days 1, 8 and 15 after the due date


@pytest.mark.django_db
def test_a_named_lead_is_reminded_instead_of_the_other_leads(lead_user, ics_lead_user, own_item, today):
    own_item.lead = ics_lead_user
    own_item.save()
    make_round()
    round_reminders_send(today=today)
    assert [m.to for m in mail.outbox] == [[ics_lead_user.email]]


@pytest.mark.django_db
def test_dry_run_sends_and_records_nothing(lead_user, own_item, today):
    make_round()
    summary = round_reminders_send(today=today, dry_run=True)
    assert summary.sent == [(lead_user.email, 1)]
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


@pytest.mark.django_db
def test_command_prints_what_it_did(capsys, lead_user, own_item):
    make_round(name="Quarter 2 2026/27")
    call_command("send_round_reminders")
    out = capsys.readouterr().out
    assert "Quarter 2 2026/27 (Round opened):" in out
    assert f"Emailed {lead_user.email}: 1 item" in out


@pytest.mark.django_db
def test_command_refuses_a_bad_date():
    with pytest.raises(CommandError, match="--date must be a date"):
        call_command("send_round_reminders", "--date", "31/01/2026")
