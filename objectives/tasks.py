"""Plan work done in the background by the task queue (django-tasks; `manage.py db_worker` runs it)."""

from datetime import date

from django_tasks import task

from jobs.models import Job
from jobs.services import job_queue, job_running
from objectives.services.reminders import reminder_summary_lines, round_reminders_send


@task()
def round_reminders_task(*, job_id: int, today: str | None = None) -> None:
    with job_running(job_id) as run:
        summary = round_reminders_send(today=date.fromisoformat(today) if today else None, progress=run.progress)
        run.outcome = reminder_summary_lines(summary)[-1]


def round_reminders_queue(*, today: date | None = None, user=None) -> Job:
    """Queue the reminder emails of the open round (as `round_reminders_send` sends them); return the Job."""
    return job_queue(
        kind=Job.Kind.REMINDERS,
        label="Reminder emails for the open reporting round",
        task=round_reminders_task,
        user=user,
        today=today.isoformat() if today else None,
    )
