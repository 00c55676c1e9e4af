"""Each partner organisation's standing on the frameworks and accreditations the plan names."""

import uuid
from pathlib import PurePath

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from objectives.models.plan import EqualityStandard, StandardLevel
from organisations.models import Organisation


def accreditation_upload_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()
    return f"accreditations/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class OrganisationAccreditation(models.Model):
    """An organisation's status on one accreditation, for example Disability Confident level 2 since 2024."""

    class Status(models.TextChoices):
        NOT_HELD = "not_held", "Not held"
        WORKING_TOWARDS = "working_towards", "Working towards"
        HELD = "held", "Held"
        LAPSED = "lapsed", "Lapsed"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="accreditations")
    standard = models.ForeignKey(
        EqualityStandard,
        verbose_name="accreditation",
        on_delete=models.PROTECT,
        related_name="organisation_records",
        limit_choices_to={"kind": EqualityStandard.Kind.ACCREDITATION},
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_HELD)
    level = models.ForeignKey(StandardLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    achieved_on = models.DateField("Date achieved", null=True, blank=True)
    renewal_due_on = models.DateField("Renewal or expiry date", null=True, blank=True)
    evidence_url = models.URLField("Evidence web address", max_length=500, blank=True)
    evidence_file = models.FileField(upload_to=accreditation_upload_path, max_length=200, blank=True)
    evidence_file_name = models.CharField(max_length=200, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)
    notes = models.TextField(max_length=3000, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "standard__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "standard"], name="one_record_per_accreditation"),
            models.CheckConstraint(
                condition=Q(renewal_due_on__isnull=True)
                | Q(achieved_on__isnull=True)
                | Q(renewal_due_on__gt=models.F("achieved_on")),
                name="renewal_after_achievement",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.standard}"

    def get_absolute_url(self):
        return reverse("objectives:accreditation_detail", args=[self.organisation.slug, self.standard.slug])
