"""Queue background work as a Job and record how it goes: the one way the portal starts a task."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tasks.base import Task

from jobs.models import Job

logger = logging.getLogger(__name__)


def job_queue(
    *, kind: Job.Kind, label: str, task: Task, user=None, delay_seconds: float = 0, **task_kwargs: Any
) -> Job:
    """Record a Job and queue `task(job_id=..., **task_kwargs)` to do it; return the Job.

    The task row is written in the caller's transaction (database backend), so a worker only sees it
    once what it is to work on has been committed. With `delay_seconds` a worker leaves it until then.
    """
    job = Job.objects.create(kind=kind, label=label, started_by=user if user and user.is_authenticated else None)
    if delay_seconds and task.get_backend().supports_defer:  # an immediate backend runs it now
        task = task.using(run_after=timezone.now() + timedelta(seconds=delay_seconds))
    result = task.enqueue(job_id=job.pk, **task_kwargs)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()  # an immediate backend has already run it
    return job


class JobRun:
    """What a running task reports: its percentage as it goes, and in the end what it did."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.outcome = ""

    def progress(self, percent: float) -> None:
        # Written at once (autocommit) so that the page polling the job sees it while the task runs on.
        Job.objects.filter(pk=self.job_id).update(percent=max(0, min(100, round(percent))))


@contextmanager
def job_running(job_id: int) -> Iterator[JobRun]:
    """Mark the Job running for the length of the block; done (100%) after it, or failed with the reason.

    The exception is raised again, so the queue records the failure too (with its traceback).
    """
    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING, started_at=timezone.now(), percent=0)
    run = JobRun(job_id)
    try:
        yield run
    except Exception as error:
        logger.exception("Background job %s failed", job_id)
        reason = str(error) or type(error).__name__
        Job.objects.filter(pk=job_id).update(status=Job.Status.FAILED, outcome=reason, finished_at=timezone.now())
        raise
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.DONE, percent=100, outcome=run.outcome, finished_at=timezone.now()
    )
