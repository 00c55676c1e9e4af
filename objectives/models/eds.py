"""EDS 2022 assessments: one per NHS organisation and reporting year, rated outcome by outcome.

The framework (domains, outcomes, ratings, bands) is data, in `objectives/eds/`; the scores are worked out from
the ratings (`objectives.eds.scoring`), never stored. Every model keeps its history; an assessment approved by
the board is frozen (`EdsAssessment.is_frozen`), which the services and permissions enforce.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from objectives.eds.framework import outcome_choices, rating_choices
from objectives.models.plan import Priority
from objectives.models.progress import Status, StoredEvidence
from organisations.models import Organisation

DOMAIN_1_CODES = ["1A", "1B", "1C", "1D"]

# EDS 2022 "is a generic system designed for both NHS commissioners and NHS providers" (NHS England) and mandatory
# for NHS providers through the NHS Standard Contract (NHS Employers): the ICB and the trusts, not the councils.
EDS_ORGANISATION_KINDS = (
    Organisation.Kind.ICB,
    Organisation.Kind.ACUTE_TRUST,
    Organisation.Kind.MENTAL_HEALTH_TRUST,
    Organisation.Kind.AMBULANCE_TRUST,
)


# Who took part, by kind of group: names of groups (staff networks, patient groups ...), never of patients.
PARTICIPANT_FIELDS = ("staff_networks", "patient_groups", "partners", "other_participants")


class EdsStatus(models.TextChoices):
    """Where an assessment is on its way to publication: draft, peer reviewed, approved by the board, published."""

    DRAFT = "draft", "Draft"
    PEER_REVIEWED = "peer_reviewed", "Peer reviewed"
    APPROVED = "approved", "Approved by the board"
    PUBLISHED = "published", "Published"


BOARD_APPROVED = (EdsStatus.APPROVED, EdsStatus.PUBLISHED)


class EdsAssessmentQuerySet(models.QuerySet):
    def board_approved(self):
        """Assessments the organisation's board has approved (published ones included): the only ones compared."""
        return self.filter(status__in=BOARD_APPROVED)


def takes_part_in_eds(organisation: Organisation) -> bool:
    """Whether the organisation assesses itself against EDS 2022 (an NHS commissioner or provider)."""
    return organisation.kind in EDS_ORGANISATION_KINDS


class EdsAssessment(models.Model):
    """An organisation's EDS 2022 assessment of one reporting year (2025 is April 2024 to March 2025)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="eds_assessments")
    year = models.PositiveSmallIntegerField("Reporting year")
    status = models.CharField(max_length=20, choices=EdsStatus.choices, default=EdsStatus.DRAFT)
    lead_name = models.CharField("Assessment lead", max_length=200, blank=True)
    reviewed_on = models.DateField("Date of the review", null=True, blank=True)
    staff_networks = models.TextField("Staff networks", max_length=2000, blank=True)
    patient_groups = models.TextField("Patient and community groups", max_length=2000, blank=True)
    partners = models.TextField("Community and voluntary partners", max_length=2000, blank=True)
    other_participants = models.TextField("Others who took part", max_length=2000, blank=True)
    peer_reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="eds_peer_reviews", blank=True)
    peer_review_summary = models.TextField(max_length=5000, blank=True)
    peer_reviewed_on = models.DateField(null=True, blank=True)
    peer_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_on = models.DateField("Date the board approved it", null=True, blank=True)
    approved_by_body = models.CharField("Board or committee that approved it", max_length=200, blank=True)
    published_on = models.DateField("Date published", null=True, blank=True)
    published_url = models.URLField("Where it is published", max_length=500, blank=True)
    history = HistoricalRecords(m2m_fields=[peer_reviewers])

    objects = EdsAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "-year"]
        verbose_name = "EDS assessment"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_eds_assessment_a_year"),
            models.CheckConstraint(
                condition=~Q(status__in=BOARD_APPROVED) | Q(approved_on__isnull=False),
                name="approved_eds_assessment_has_a_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=EdsStatus.PUBLISHED) | Q(published_on__isnull=False),
                name="published_eds_assessment_has_a_date",
            ),
        ]

    def __str__(self):
        return f"EDS 2022 {self.year_label}: {self.organisation}"

    def get_absolute_url(self):
        return reverse("objectives:eds_assessment", args=[self.organisation.slug, self.year])

    @property
    def year_label(self) -> str:
        return f"{self.year - 1}/{str(self.year)[-2:]}"

    @property
    def is_draft(self) -> bool:
        return self.status == EdsStatus.DRAFT

    @property
    def is_frozen(self) -> bool:
        """Approved by the board (or published): nothing in it changes any more."""
        return self.status in BOARD_APPROVED


class EdsService(models.Model):
    """A service the organisation chose to assess for Domain 1, why, and which groups of people it looked at."""

    assessment = models.ForeignKey(EdsAssessment, on_delete=models.CASCADE, related_name="services")
    name = models.CharField("Service", max_length=200)
    why_chosen = models.TextField("Why it was chosen", max_length=2000)
    protected_groups = models.JSONField("Groups it looked at", default=list, blank=True)
    other_groups = models.CharField("Other groups it looked at", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "position", "pk"]
        verbose_name = "EDS Domain 1 service"
        constraints = [models.UniqueConstraint(fields=["assessment", "name"], name="eds_service_names_differ")]

    def __str__(self):
        return self.name


class EdsRating(models.Model):
    """The rating of one outcome (for Domain 1, of one service), its evidence and owner, and a peer's rating."""

    assessment = models.ForeignKey(EdsAssessment, on_delete=models.CASCADE, related_name="ratings")
    service = models.ForeignKey(EdsService, on_delete=models.CASCADE, null=True, blank=True, related_name="ratings")
    outcome = models.CharField(max_length=2, choices=outcome_choices)
    rating = models.PositiveSmallIntegerField(choices=rating_choices, null=True, blank=True)
    evidence = models.TextField("Evidence summary", max_length=5000, blank=True)
    owner = models.CharField("Owner (department or lead)", max_length=200, blank=True)
    peer_rating = models.PositiveSmallIntegerField(choices=rating_choices, null=True, blank=True)
    peer_comment = models.TextField("Peer reviewer's comment", max_length=3000, blank=True)
    peer_rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "service__position", "service_id", "outcome"]
        verbose_name = "EDS outcome rating"
        constraints = [
            models.CheckConstraint(condition=Q(rating__lte=3), name="eds_rating_0_to_3"),
            models.CheckConstraint(condition=Q(peer_rating__lte=3), name="eds_peer_rating_0_to_3"),
            models.CheckConstraint(
                condition=(Q(outcome__in=DOMAIN_1_CODES) & Q(service__isnull=False))
                | (~Q(outcome__in=DOMAIN_1_CODES) & Q(service__isnull=True)),
                name="eds_domain_1_ratings_are_per_service",
            ),
            models.UniqueConstraint(
                fields=["service", "outcome"], condition=Q(service__isnull=False), name="one_eds_rating_per_service"
            ),
            models.UniqueConstraint(
                fields=["assessment", "outcome"], condition=Q(service__isnull=True), name="one_eds_rating_per_outcome"
            ),
        ]

    def __str__(self):
        return f"{self.outcome} ({self.service.name})" if self.service_id else self.outcome


class EdsEvidence(StoredEvidence):
    """A link or an uploaded file supporting an outcome rating (the plan's evidence rules apply)."""

    rating = models.ForeignKey(EdsRating, on_delete=models.CASCADE, related_name="evidence_items")
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = "EDS evidence"
        verbose_name_plural = "EDS evidence"
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")), name="eds_evidence_is_link_or_file"
            ),
        ]

    def get_absolute_url(self):
        if self.is_file:
            return reverse("objectives:eds_evidence_download", args=[self.pk])
        return self.url


class EdsAction(models.Model):
    """An action of the assessment's action plan, on one outcome, optionally delivering a Belonging Plan priority."""

    assessment = models.ForeignKey(EdsAssessment, on_delete=models.CASCADE, related_name="actions")
    outcome = models.CharField(max_length=2, choices=outcome_choices)
    action = models.TextField(max_length=2000)
    owner = models.CharField(max_length=200)
    due_on = models.DateField("Due date")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    priority = models.ForeignKey(
        Priority,
        verbose_name="Belonging Plan priority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="eds_actions",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "outcome", "due_on", "pk"]
        verbose_name = "EDS action"

    def __str__(self):
        return f"{self.outcome}: {self.action[:60]}"
