"""After an import through the portal, the metrics are recomputed by a background job that the worker runs."""

import pytest

from jobs.models import Job
from tests.workforce.test_metric_results import DAY, YEAR, organisations, synthetic_extract  # noqa: F401
from workforce.models import MetricResult
from workforce.services.esr_import import esr_extract_import

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection
def test_an_import_queues_its_metrics_and_the_worker_computes_them(tmp_path, organisations, database_queue, run_worker):  # noqa: F811
    report = esr_extract_import(path=synthetic_extract(tmp_path), snapshot_date=DAY, recompute_in_background=True)
    job = report.metrics_job
    assert report.status == "imported" and report.metrics is None
    assert (job.kind, job.status, job.percent) == (Job.Kind.METRICS, Job.Status.QUEUED, 0)
    assert not MetricResult.objects.filter(year=YEAR).exists()

    run_worker()

    job.refresh_from_db()
    assert (job.status, job.percent) == (Job.Status.DONE, 100)
    assert job.outcome.startswith("Metrics for ") and "12 scopes" in job.outcome
    assert job.started_at and job.finished_at
    assert MetricResult.objects.filter(year=YEAR).count() == 12
