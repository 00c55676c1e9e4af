"""One piece of background work that a person may wait for: what it is, how far it has gone, how it ended.

The task queue (django-tasks) knows whether a task ran; a Job says it in the users' words and keeps
the percentage a long task reports as it goes, so the page that started it can show it.
"""

from django.conf import settings
from django.db import models


class JobQuerySet(models.QuerySet):
    def waiting(self) -> "JobQuerySet":
        """Jobs not yet started by a worker."""
        return self.filter(status=Job.Status.QUEUED)

    def unfinished(self) -> "JobQuerySet":
        return self.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])


class Job(models.Model):
    class Kind(models.TextChoices):
        BOARD_PACKS = "board_packs", "Board pack build"
        METRICS = "metrics", "Metric recomputation"
        REMINDERS = "reminders", "Reminder emails"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    label = models.CharField(max_length=200, help_text="What the work is, as the page that started it says it.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    percent = models.PositiveSmallIntegerField(default=0)
    outcome = models.TextField(blank=True, help_text="What was done, or why it failed.")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task_id = models.CharField(max_length=64, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-queued_at"]
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return f"{self.label}: {self.get_status_display().lower()}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def summary(self) -> str:
        """One sentence for the status line: the state, the percentage while running, the outcome at the end."""
        if self.status == self.Status.RUNNING:
            return f"{self.label}: running, {self.percent}% done."
        if self.status == self.Status.QUEUED:
            return f"{self.label}: waiting to start."
        if self.status == self.Status.DONE:
            return f"{self.label}: done." + (f" {self.outcome}" if self.outcome else "")
        return f"{self.label}: failed. {self.outcome}"
