"""Reminder emails as a background job: run by the worker, a failure kept with its reason, followed by its starter."""

import socket

import pytest
from django.core import mail

from jobs.models import Job
from objectives.tasks import round_reminders_queue
from tests.objectives.factories import make_round

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free once the probe closes: nothing listens there


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection
def test_the_worker_sends_the_reminders_and_the_job_says_what_it_sent(lead_user, own_item, database_queue, run_worker):
    make_round(due_in_days=30)
    job = round_reminders_queue()
    assert (job.status, job.percent) == (Job.Status.QUEUED, 0)
    assert mail.outbox == []

    run_worker()

    job.refresh_from_db()
    assert (job.status, job.percent) == (Job.Status.DONE, 100)
    assert job.outcome == "Emailed 1 leads; 0 already reminded at this stage; 0 with nothing due."
    assert [message.to for message in mail.outbox] == [[lead_user.email]]


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection
def test_a_failed_job_is_recorded_with_its_reason(settings, lead_user, own_item, database_queue, run_worker):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    make_round(due_in_days=30)
    job = round_reminders_queue()

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "refused" in job.outcome.lower()
    assert job.summary.startswith("Reminder emails for the open reporting round: failed.")


def test_whoever_started_a_job_can_follow_it_and_others_cannot(client_for, lead_user, other_lead, own_item, admin_user):
    make_round(due_in_days=30)
    job = round_reminders_queue(user=lead_user)  # run at once: the suite's queue is immediate
    answer = client_for(lead_user).get(f"/jobs/{job.pk}/status.json").json()
    assert answer == {"status": "done", "percent": 100, "summary": job.summary, "finished": True}
    page = client_for(admin_user).get(f"/jobs/{job.pk}/").content.decode()
    assert 'role="status"' in page and job.summary in page
    assert client_for(other_lead).get(f"/jobs/{job.pk}/status.json").status_code == 403
