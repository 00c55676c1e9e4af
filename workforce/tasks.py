"""Workforce work done in the background by the task queue (django-tasks; `manage.py db_worker` runs it)."""

from collections.abc import Iterable

from django_tasks import task

from jobs.models import Job
from jobs.services import job_queue, job_running
from workforce.models import reporting_year_label
from workforce.services.metric_recompute import metrics_recompute


@task()
def metrics_recompute_task(*, job_id: int, years: list[int]) -> None:
    with job_running(job_id) as run:
        report = metrics_recompute(years=years, progress=run.progress)
        run.outcome = " ".join(report.summary())


def metrics_recompute_queue(*, years: Iterable[int], user=None) -> Job:
    """Queue the recomputation of these years' metrics (and the years after them that read them); return its Job."""
    years = sorted(set(years))
    label = "Equality metrics for " + ", ".join(reporting_year_label(year) for year in years)
    return job_queue(kind=Job.Kind.METRICS, label=label, task=metrics_recompute_task, user=user, years=years)
