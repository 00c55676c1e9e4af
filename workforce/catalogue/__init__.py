"""The catalogue of equality metrics the portal shows: what each is called, where its headline figure sits
in a result, which way is better, and how to read it in one sentence.

Dashboards, metric pages, board packs and the plan's priority-to-metric links all name a metric by its slug
("wres-2", "pay-gap-gender"), so this is the one place a metric is described:

- `definitions` what a definition holds (one class per kind of metric), readings, headline figures
- `entries`     the metrics themselves (`METRICS`), each naming its figures by typed accessors
- `change`      the change since the year before, in words, and whether it is better or worse

Every figure comes from a result already suppressed; nothing here computes a new figure from counts, so
nothing can reveal a hidden one. The plan's models import this package for their choices, so it imports
no selectors (no ORM).
"""

from .change import NO_COMPARISON, Change, change_since
from .definitions import (
    RELATIVE_LIKELIHOOD_BAND,
    UNIT_WORDS,
    UNITS,
    BoardMetric,
    DeclarationMetric,
    FigureOf,
    LikelihoodMetric,
    MetricDefinition,
    PayGapMetric,
    Result,
    Series,
    ShareMetric,
    SurveyMetric,
    figure_basis,
    figure_in,
    headline_figure,
    reading,
)
from .entries import METRICS, STANDARDS

_BY_SLUG = {definition.slug: definition for definition in METRICS}


def metric_definition(slug: str) -> MetricDefinition | None:
    """The metric with this slug, or None."""
    return _BY_SLUG.get(slug)


def headline_metrics() -> list[MetricDefinition]:
    """The metrics on the overview and in the board pack, in catalogue order."""
    return [definition for definition in METRICS if definition.headline]


def metrics_by_standard() -> list[tuple[str, list[MetricDefinition]]]:
    """(standard, its metrics) for each standard, in catalogue order."""
    return [(standard, [m for m in METRICS if m.standard == standard]) for standard in STANDARDS]


def metric_choices() -> list[tuple[str, str]]:
    """(slug, label) for forms, e.g. linking a priority to the metrics it should move."""
    return [(definition.slug, definition.label) for definition in METRICS]


__all__ = [
    "METRICS",
    "NO_COMPARISON",
    "RELATIVE_LIKELIHOOD_BAND",
    "STANDARDS",
    "UNITS",
    "UNIT_WORDS",
    "BoardMetric",
    "Change",
    "DeclarationMetric",
    "FigureOf",
    "LikelihoodMetric",
    "MetricDefinition",
    "PayGapMetric",
    "Result",
    "Series",
    "ShareMetric",
    "SurveyMetric",
    "change_since",
    "figure_basis",
    "figure_in",
    "headline_figure",
    "headline_metrics",
    "metric_choices",
    "metric_definition",
    "metrics_by_standard",
    "reading",
]
