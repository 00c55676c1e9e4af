"""How the plan is going: reporting rounds, progress updates and their evidence."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from objectives.models.plan import PlanItem


class Status(models.TextChoices):
    """RAG status of a plan item, with the two states either side of it."""

    NOT_STARTED = "not_started", "Not started"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"


# The order a report lists statuses in: the ones needing attention first.
STATUS_ORDER = [Status.RED, Status.AMBER, Status.GREEN, Status.COMPLETE, Status.NOT_STARTED]

STATUS_MEANINGS = {
    Status.NOT_STARTED: "Work has not begun yet.",
    Status.RED: "Off track: will not be delivered without significant help or a change of plan.",
    Status.AMBER: "At risk: there are problems, but the lead expects to recover them.",
    Status.GREEN: "On track to be delivered as planned.",
    Status.COMPLETE: "Delivered: no further updates are needed.",
}


class ReportingRoundQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)

    def current(self) -> "ReportingRound | None":
        """The open reporting round, or None between rounds (at most one is open at a time)."""
        return self.open().first()


class ReportingRound(models.Model):
    """A period (for example a quarter) in which every lead reports on their items by a due date.

    At most one round is open at a time. Closing it freezes the updates recorded in it.
    """

    name = models.CharField(max_length=100, unique=True)
    opened_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField("Due date")
    closed_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_open = models.BooleanField(default=True, editable=False)
    history = HistoricalRecords()

    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["is_open"], condition=Q(is_open=True), name="one_open_round"),
            models.CheckConstraint(
                condition=Q(is_open=True, closed_at__isnull=True) | Q(is_open=False, closed_at__isnull=False),
                name="closed_round_has_closing_time",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("objectives:round_detail", args=[self.pk])

    def is_overdue_on(self, day) -> bool:
        return self.is_open and day > self.due_on


class ProgressUpdate(models.Model):
    """A dated report on a plan item. Updates are added, not replaced: the latest is the item's status.

    While its round is open an update may be corrected or withdrawn (every change is kept in
    history); once the round closes it is frozen.
    """

    item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, related_name="updates")
    round = models.ForeignKey(
        ReportingRound,
        verbose_name="reporting round",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="updates",
        help_text="Empty for updates made between rounds; they join the next round when it opens.",
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    percent_complete = models.PositiveSmallIntegerField()
    narrative = models.TextField("Progress", max_length=5000)
    next_steps = models.TextField(max_length=3000, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["item", "-recorded_at", "-id"], name="update_latest_per_item")]
        constraints = [
            models.CheckConstraint(condition=Q(percent_complete__lte=100), name="percent_complete_at_most_100"),
            models.CheckConstraint(
                condition=~Q(status="complete") | Q(percent_complete=100), name="complete_means_100_percent"
            ),
        ]

    def __str__(self):
        return f"{self.item} – {self.get_status_display()} on {self.recorded_at:%d %b %Y}"

    @property
    def is_frozen(self) -> bool:
        return self.round_id is not None and not self.round.is_open


def evidence_upload_path(instance, filename):
    # A random name: the uploader's file name is kept in original_name, never used as a path.
    suffix = PurePath(filename).suffix.lower()
    return f"evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class StoredEvidence(models.Model):
    """A link or an uploaded file supporting something; files are served only by a checked view.

    The plan's progress updates and EDS ratings keep their evidence alike: the same checks
    (`objectives/evidence.py`), random stored names, and a private download.
    """

    url = models.URLField("Web address", max_length=500, blank=True)
    file = models.FileField(upload_to=evidence_upload_path, max_length=200, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    @property
    def is_file(self) -> bool:
        return bool(self.file)

    @property
    def label(self) -> str:
        return self.original_name if self.is_file else self.url


class Evidence(StoredEvidence):
    """A link or an uploaded file supporting a progress update."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")), name="evidence_is_link_or_file"
            ),
        ]

    def get_absolute_url(self):
        if self.is_file:
            return reverse("objectives:evidence_download", args=[self.pk])
        return self.url


class ReminderSent(models.Model):
    """A reminder email sent to a lead in a round, so the daily command does not repeat itself."""

    class Stage(models.TextChoices):
        OPENED = "opened", "Round opened"
        DUE_SOON = "due_soon", "Due within a week"
        OVERDUE = "overdue", "Overdue"

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    sent_on = models.DateField()
    item_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user", "stage", "sent_on"], name="one_reminder_a_day"),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} reminder to {self.user} on {self.sent_on}"
