"""A Job's progress: a page for whoever started it, and the same as JSON for the page's status line to poll."""

from django.http import JsonResponse
from django.shortcuts import render

from jobs.models import Job
from organisations.permissions import can_view_portal, is_admin
from organisations.shortcuts import get_for_user


def _may_see(user, job: Job) -> bool:
    # Work started by the portal itself (board packs) is everyone's; a person's own work is theirs and admins'.
    return job.started_by_id is None or job.started_by_id == user.pk or is_admin(user)


def job_detail(request, pk):
    job = get_for_user(request, Job, may=can_view_portal, may_change=_may_see, pk=pk)
    return render(request, "jobs/job_detail.html", {"job": job})


def job_status(request, pk):
    job = get_for_user(request, Job, may=can_view_portal, may_change=_may_see, pk=pk)
    answer = {"status": job.status, "percent": job.percent, "summary": job.summary, "finished": job.finished}
    return JsonResponse(answer, headers={"Cache-Control": "no-store"})
