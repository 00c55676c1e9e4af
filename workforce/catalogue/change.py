"""How a metric's figure moved since the year before, in words, and whether that is better or worse."""

from dataclasses import dataclass

from workforce.metrics.results import FigureData
from workforce.metrics.suppression import round_half_up

from .definitions import HIGHER, LOWER, TOWARDS_ONE, TOWARDS_ZERO, MetricDefinition

NO_COMPARISON = "No comparison"


@dataclass(frozen=True)
class Change:
    """How a figure moved since the year before, in words (never by colour alone)."""

    text: str  # "Up 0.12 from 1.44", "No figure for 2023/24"
    verdict: str  # "Better", "Worse", "No change" or "" when it cannot be judged


def _distance(better: str | None, value: float) -> float | None:
    """How far a value is from where the metric should be (smaller is better), or None when not judged."""
    if better == TOWARDS_ONE:
        return abs(value - 1)
    if better == TOWARDS_ZERO:
        return abs(value)
    if better == LOWER:
        return value
    if better == HIGHER:
        return -value
    return None


def change_since(
    definition: MetricDefinition, current: FigureData | None, previous: FigureData | None, previous_label: str
) -> Change:
    """The change from the previous reporting year's figure (`previous`, of the year `previous_label` names)
    to this year's. Said plainly when there is nothing to compare: no figure the year before, or one of the
    two not shown (suppressed or not computable)."""
    if current is None or current["value"] is None:
        return Change(NO_COMPARISON, "")
    if previous is None:
        return Change(f"No figure for {previous_label}", "")
    if previous["value"] is None:
        return Change(NO_COMPARISON, "")
    now, before = current["value"], previous["value"]
    step = round_half_up(now - before, 2 if definition.unit == "ratio" else 1)
    if step == 0:
        return Change(f"No change from {previous['display']}", "No change")
    text = f"{'Up' if step > 0 else 'Down'} {definition.number_format.format(abs(step))} from {previous['display']}"
    distance_now, distance_before = _distance(definition.better, now), _distance(definition.better, before)
    if distance_now is None or distance_before is None:
        return Change(text, "")
    if distance_now == distance_before:
        return Change(text, "No change")
    return Change(text, "Better" if distance_now < distance_before else "Worse")
