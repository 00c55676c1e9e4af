"""Stored metric results: the equality metrics of each scope and year, as the pages and exports read them."""

import json
from functools import cached_property

from django.db import models

from workforce.models.reporting_years import reporting_year_label


class MetricResult(models.Model):
    """The equality metrics of one scope (the ICS, a place or an organisation) for one reporting year.

    Written only by workforce.services.metric_recompute.metrics_recompute, which computes every scope of a year together
    (so suppression holds across them) whenever the data behind them changes; pages and exports only read
    these rows, through workforce.selectors.results. `data` is the metric set as plain JSON,
    every figure already suppressed (see README, "Metrics"). `input_signature` is a digest of everything
    the year's results were computed from (snapshots, figures, organisations and places, threshold and
    the metrics version), so results that no longer match their inputs can be found and recomputed.
    """

    class Kind(models.TextChoices):
        ICS = "ics", "ICS"
        PLACE = "place", "Place"
        ORGANISATION = "organisation", "Organisation"

    scope_key = models.CharField(max_length=120, help_text='"ics", "place:<slug>" or "organisation:<slug>".')
    scope_kind = models.CharField(max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField("Reporting year")
    snapshot_date = models.DateField(help_text="The latest ESR snapshot date the results are computed from.")
    computed_at = models.DateTimeField()
    input_signature = models.CharField(max_length=64)
    # JSON kept as text, not in a JSONField: PostgreSQL's jsonb reorders keys, and the order of band rows,
    # groups and quartiles is part of the result (pages and exports show them in that order).
    data_json = models.TextField()

    class Meta:
        ordering = ["-year", "scope_key"]
        constraints = [models.UniqueConstraint(fields=["scope_key", "year"], name="one_metric_result_per_scope_year")]
        indexes = [models.Index(fields=["year", "scope_kind"], name="metric_result_year_kind")]

    def __str__(self):
        return f"Metrics for {self.scope_key}, {reporting_year_label(self.year)}"

    @cached_property
    def data(self) -> dict:
        """The stored metric set (a new dict for each row read)."""
        return json.loads(self.data_json)
