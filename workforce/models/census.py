"""Which local authorities an organisation serves: its Census 2021 comparator (see workforce.census)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from organisations.models import Organisation
from workforce.census import local_authority_choices


class CatchmentAreaQuerySet(models.QuerySet):
    def by_organisation(self) -> dict[int, dict[str, float]]:
        """{organisation id: {ONS code: weight}} of every catchment kept (one query)."""
        catchments: dict[int, dict[str, float]] = {}
        for organisation_id, code, weight in self.order_by("organisation_id", "local_authority").values_list(
            "organisation_id", "local_authority", "weight"
        ):
            catchments.setdefault(organisation_id, {})[code] = float(weight)
        return catchments


class CatchmentArea(models.Model):
    """One local authority in an organisation's catchment, and how much of it the organisation serves.

    The organisation's representation figures compare its staff with the Census counts of its catchment's
    authorities, each multiplied by its weight. An organisation with no rows is compared with its default
    catchment (workforce/data/census2021/areas.json), which `catchment_defaults_load` stores as rows for admins
    to edit. Every change is kept in history and makes every year's metrics out of date.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="catchment_areas")
    local_authority = models.CharField(max_length=9, choices=local_authority_choices, help_text="ONS code, 2021.")
    weight = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.001")), MaxValueValidator(Decimal(1))],
        help_text="The share of the authority's residents the organisation serves: 1 for all of them, 0.5 for half.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = CatchmentAreaQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "local_authority"]
        verbose_name = "Census catchment area"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "local_authority"], name="one_weight_per_authority")
        ]

    def __str__(self):
        return f"{self.organisation.display_short_name}: {self.get_local_authority_display()} × {self.weight:g}"
