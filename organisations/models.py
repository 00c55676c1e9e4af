"""Who is who in the ICS: its places, its partner organisations, and which EDI leads act for which organisation."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Place(models.Model):
    """One of the four places of the Lancashire and South Cumbria ICS."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:place_detail", args=[self.slug])


class Organisation(models.Model):
    """A partner organisation of the ICS: the ICB, an NHS trust or a council."""

    class Kind(models.TextChoices):
        ICB = "icb", "Integrated care board"
        ACUTE_TRUST = "acute", "Acute trust"
        MENTAL_HEALTH_TRUST = "mental_health", "Mental health and community trust"
        AMBULANCE_TRUST = "ambulance", "Ambulance trust"
        COUNCIL = "council", "Local authority"
        OTHER = "other", "Other partner"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True, help_text="Used in tables and charts, for example “BTH”.")
    slug = models.SlugField(max_length=100, unique=True)
    ods_code = models.CharField(
        "ODS code",
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        help_text="NHS Organisation Data Service code, for example RXL. Councils have none.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text="Leave empty for organisations that serve the whole ICS.",
    )
    uses_esr = models.BooleanField(
        "Uses ESR", default=True, help_text="NHS organisations hold their workforce records in ESR; councils do not."
    )
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:organisation_detail", args=[self.slug])

    @property
    def display_short_name(self):
        return self.short_name or self.name


class Membership(models.Model):
    """Links an EDI lead to an organisation whose items they may edit."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    is_ics_lead = models.BooleanField(
        "ICS-level lead",
        default=False,
        help_text="An ICS-level lead may also edit ICS-level and place-level items of the plan.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership_per_organisation"),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"
