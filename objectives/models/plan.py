"""What the plan says: objectives, priorities, standards, measures of success, and the items that track them."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from organisations.models import Organisation, Place
from workforce.catalogue import METRICS, MetricDefinition, metric_choices, metric_definition


class Level(models.TextChoices):
    """The three levels at which the Belonging Plan sets priorities."""

    PLACE = "place", "Place"
    ICS = "ics", "ICS"
    ORGANISATION = "organisation", "Individual organisation"


class Period(models.TextChoices):
    """The plan's two periods: year 1 from April 2023, then years 2 to 5 to March 2028."""

    YEAR_1 = "year-1", "Year 1 (from April 2023)"
    YEARS_2_TO_5 = "years-2-5", "Years 2 to 5 (to 2028)"

    @property
    def dates(self) -> tuple[date, date]:
        return PERIOD_DATES[self]


# The plan's order: Place, ICS, Individual organisation; year 1 before years 2 to 5.
LEVEL_ORDER = [Level.PLACE, Level.ICS, Level.ORGANISATION]
PERIOD_ORDER = [Period.YEAR_1, Period.YEARS_2_TO_5]

PERIOD_DATES = {
    Period.YEAR_1: (date(2023, 4, 1), date(2024, 3, 31)),
    Period.YEARS_2_TO_5: (date(2024, 4, 1), date(2028, 3, 31)),
}


class EqualityObjective(models.Model):
    """One of the three equality objectives of the ICB's EDI strategy."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where the wording comes from.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"Objective {self.number}: {self.title}"

    def get_absolute_url(self):
        return reverse("objectives:objective_detail", args=[self.number])


class EqualityStandardQuerySet(models.QuerySet):
    def accreditations(self):
        """The frameworks and accreditations, recorded for each organisation (not the reporting standards)."""
        return self.filter(kind=EqualityStandard.Kind.ACCREDITATION)


class EqualityStandard(models.Model):
    """An equality standard, framework or accreditation the plan names (WRES, Disability Confident ...)."""

    class Kind(models.TextChoices):
        REPORTING = "reporting", "Mandatory reporting standard"
        ACCREDITATION = "accreditation", "Framework or accreditation"
        ASSESSMENT = "assessment", "Yearly assessment kept in the portal"

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60)
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        help_text="Frameworks and accreditations are recorded for each organisation; reporting standards are "
        "measured from workforce data; EDS 2022 is assessed in the portal each year.",
    )
    source = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    objects = EqualityStandardQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.short_name


class StandardLevel(models.Model):
    """A level or rating of an accreditation: Disability Confident level 1 to 3, Rainbow Badge bronze to gold ..."""

    standard = models.ForeignKey(EqualityStandard, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(max_length=100)
    rank = models.PositiveSmallIntegerField(help_text="1 is the lowest level.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["standard", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "rank"], name="unique_level_rank_per_standard"),
            models.UniqueConstraint(fields=["standard", "name"], name="unique_level_name_per_standard"),
        ]

    def __str__(self):
        return self.name


class PriorityQuerySet(models.QuerySet):
    def current(self):
        """Priorities still in the plan."""
        return self.filter(is_retired=False)

    def retired(self):
        return self.filter(is_retired=True)


class Priority(models.Model):
    """A priority of the ICS Belonging Plan at one level, for one period, serving one or more objectives.

    Priorities are retired rather than deleted, so their items and progress stay on record.
    """

    code = models.CharField(
        max_length=20, unique=True, help_text="Stable reference used in web addresses, for example ICS-Y1-3."
    )
    level = models.CharField(max_length=20, choices=Level.choices)
    period = models.CharField(max_length=20, choices=Period.choices)
    position = models.PositiveSmallIntegerField(default=1, help_text="Order within its level and period.")
    title = models.TextField("Priority", max_length=1000)
    description = models.TextField(blank=True, help_text="Anything the plan or the board adds to the priority.")
    objectives = models.ManyToManyField(EqualityObjective, related_name="priorities")
    objective_rationale = models.TextField(
        "Why it serves these objectives", blank=True, help_text="The reasoning behind the link to the objectives."
    )
    standards = models.ManyToManyField(EqualityStandard, related_name="priorities", blank=True)
    source = models.CharField(max_length=300, blank=True)
    is_retired = models.BooleanField(default=False)
    retired_on = models.DateField(null=True, blank=True)
    retired_reason = models.TextField(blank=True)
    history = HistoricalRecords(m2m_fields=[objectives, standards])

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["level", "period", "position", "code"]
        verbose_name_plural = "priorities"
        constraints = [
            models.CheckConstraint(
                condition=Q(is_retired=False) | Q(retired_on__isnull=False), name="retired_priority_has_a_date"
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.title}"

    def get_absolute_url(self):
        return reverse("objectives:priority_detail", args=[self.code])

    @property
    def is_tracked_per_organisation(self):
        return self.level == Level.ORGANISATION

    @property
    def is_tracked_per_place(self):
        return self.level == Level.PLACE

    def linked_metrics(self) -> list[MetricDefinition]:
        """The workforce metrics this priority should move (its `metric_links`), in catalogue order."""
        linked = {link.metric for link in self.metric_links.all()}
        return [definition for definition in METRICS if definition.slug in linked]


def validate_metric_slug(slug: str) -> None:
    if metric_definition(slug) is None:
        raise ValidationError("%(slug)s is not a metric in the catalogue", params={"slug": slug}, code="unknown_metric")


class PriorityMetric(models.Model):
    """A workforce equality metric a priority should move, named by its slug in `workforce.catalogue`.

    The priority's page shows the metric's trend beside the priority's status. Links are added and
    removed (never edited), each change kept in history.
    """

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="metric_links")
    metric = models.CharField(
        "Workforce metric", max_length=40, choices=metric_choices, validators=[validate_metric_slug]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "metric"]
        verbose_name = "linked workforce metric"
        constraints = [models.UniqueConstraint(fields=["priority", "metric"], name="one_link_per_priority_metric")]

    def __str__(self):
        definition = metric_definition(self.metric)
        return f"{self.priority.code} – {definition.label if definition else self.metric}"


class MeasureOfSuccess(models.Model):
    """How the plan says success will be measured, in the short term (1 year) or long term (2 to 5 years)."""

    class Term(models.TextChoices):
        SHORT = "short", "Short term (1 year)"
        LONG = "long", "Long term (2 to 5 years)"
        BOTH = "both", "Short and long term"

    key = models.SlugField(max_length=80, unique=True)
    term = models.CharField(max_length=10, choices=Term.choices)
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=1)
    standards = models.ManyToManyField(EqualityStandard, related_name="measures", blank=True)
    source = models.TextField(blank=True, help_text="The document and section the measure is taken from.")
    is_retired = models.BooleanField(default=False)
    history = HistoricalRecords(m2m_fields=[standards])

    class Meta:
        ordering = ["position", "key"]
        verbose_name_plural = "measures of success"

    def __str__(self):
        return self.text


class PlanItemQuerySet(models.QuerySet):
    def tracked(self):
        """Items still being tracked: active, of a current priority, and of an active organisation (or a place)."""
        return self.filter(is_active=True, priority__is_retired=False).filter(
            Q(organisation__isnull=True) | Q(organisation__is_active=True)
        )


class PlanItem(models.Model):
    """One priority as tracked by one owner: what progress updates are recorded against.

    An individual-organisation priority has an item for each partner organisation; a place
    priority an item for each place; an ICS priority one item owned by an organisation (usually
    the ICB). Each item may name the lead responsible for its updates.
    """

    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="items")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="plan_items"
    )
    place = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="plan_items")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="named lead",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_plan_items",
        help_text="Receives the reminders for this item. Without one, every lead who may update it does.",
    )
    is_active = models.BooleanField(
        default=True, help_text="An inactive item is no longer tracked; its updates stay on record."
    )
    history = HistoricalRecords()

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "organisation__name", "place__name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(place__isnull=True))
                | (Q(organisation__isnull=True) & Q(place__isnull=False)),
                name="plan_item_has_one_owner",
            ),
            models.UniqueConstraint(
                fields=["priority", "organisation"], condition=Q(organisation__isnull=False), name="one_item_per_org"
            ),
            models.UniqueConstraint(
                fields=["priority", "place"], condition=Q(place__isnull=False), name="one_item_per_place"
            ),
        ]

    def __str__(self):
        return f"{self.priority.code} – {self.owner_name}"

    def get_absolute_url(self):
        return reverse("objectives:item_detail", args=[self.pk])

    @property
    def owner(self):
        return self.organisation or self.place

    @property
    def owner_name(self):
        return self.organisation.name if self.organisation_id else self.place.name
