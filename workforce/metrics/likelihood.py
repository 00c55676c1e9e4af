"""Relative likelihood of two groups' rates, with a 95% confidence interval and the adverse-impact flag.

Used by WRES indicators 2-4 and WDES metrics 2-3. NHS England's WRES and WDES technical guidance define
each as a ratio of two proportions, for example WRES indicator 2:

    (White appointed / White shortlisted) / (BME appointed / BME shortlisted)

A value of 1.00 means equal likelihood. Following the four-fifths rule the issue names, a value outside
0.80-1.25 is flagged as showing adverse impact; the flag uses the ratio as published (two decimal places)
so that what a reader sees and the flag agree.

The 95% confidence interval is the log (Katz) method for a ratio of two independent proportions:

    ln(RL) +/- 1.96 * sqrt(1/a - 1/n1 + 1/b - 1/n2)

where a of n1 and b of n2 are the events and group sizes. When the interval as published (two decimal
places) contains 1.00 the difference may be chance: an interval shown as "1.00 to 1.27" touches 1.00 for
its reader, so it is read as possibly chance like the adverse-impact flag is read from the shown ratio.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .suppression import (
    DEFAULT_THRESHOLD,
    GROUP_BELOW_THRESHOLD,
    NOT_COMPUTABLE_INCONSISTENT,
    NOT_COMPUTABLE_ZERO_DENOMINATOR,
    NOT_COMPUTABLE_ZERO_NUMERATOR,
    Figure,
    Suppressor,
    as_suppressor,
    group_is_too_small,
    percentage,
    round_half_up,
)

Z_95 = 1.959963984540054
ADVERSE_BELOW = 0.80
ADVERSE_ABOVE = 1.25


@dataclass(frozen=True)
class RelativeLikelihood:
    """How many times as likely the first group is as the second to experience the event.

    `adverse_impact` and `may_be_chance` are None when the ratio is not shown. `inverse` is the same
    comparison the other way round (second group against first), rounded from the exact ratio.
    """

    ratio: Figure
    lower: Figure
    upper: Figure
    adverse_impact: bool | None
    may_be_chance: bool | None
    first_group: str
    second_group: str
    event: str
    inverse: Figure | None = None

    def to_dict(self) -> dict:
        return {
            "ratio": self.ratio.to_dict(),
            "ci_lower": self.lower.to_dict(),
            "ci_upper": self.upper.to_dict(),
            "adverse_impact": self.adverse_impact,
            "may_be_chance": self.may_be_chance,
            "first_group": self.first_group,
            "second_group": self.second_group,
            "event": self.event,
            "inverse": self.inverse.to_dict() if self.inverse else None,
        }


def relative_likelihood(
    first_events: int,
    first_total: int,
    second_events: int,
    second_total: int,
    *,
    first_group: str,
    second_group: str,
    event: str,
    threshold: int = DEFAULT_THRESHOLD,
) -> RelativeLikelihood:
    """(first_events / first_total) / (second_events / second_total), two decimal places, with its 95% CI.

    Names the groups and the event in plain words (`first_group="White applicants"`,
    `event="appointed from shortlisting"`) so that a ratio that cannot be calculated says why.

    Not computable, and no division is attempted, when either group is empty (zero denominator), when
    the second group has no events (its rate is the divisor: zero denominator) or when the first group has
    no events (zero numerator: the ratio would be 0 and its interval undefined), or when a group has more
    events than people (figures that disagree with the headcount). Withheld when either group has fewer
    people than the threshold.
    """

    def result(ratio: Figure, lower: Figure | None = None, upper: Figure | None = None, flags=(None, None)):
        return RelativeLikelihood(
            ratio, lower or ratio, upper or ratio, flags[0], flags[1], first_group, second_group, event
        )

    for total, group in ((first_total, first_group), (second_total, second_group)):
        if total == 0:
            return result(
                Figure.not_computable(NOT_COMPUTABLE_ZERO_DENOMINATOR, f"There are no {group} in the figures.")
            )
    if group_is_too_small(first_total, threshold) or group_is_too_small(second_total, threshold):
        return result(Figure.withheld(GROUP_BELOW_THRESHOLD))
    if second_events == 0:
        return result(
            Figure.not_computable(
                NOT_COMPUTABLE_ZERO_DENOMINATOR,
                f"No {second_group} were recorded as {event}, so there is nothing to compare with.",
            )
        )
    if first_events == 0:
        return result(
            Figure.not_computable(NOT_COMPUTABLE_ZERO_NUMERATOR, f"No {first_group} were recorded as {event}.")
        )
    for events, total, group in ((first_events, first_total, first_group), (second_events, second_total, second_group)):
        if events > total:
            # Entered figures that disagree with the headcount (a rate over 100%): no ratio can be trusted,
            # and the confidence interval would take the square root of a negative number. No counts in the
            # note: they may be small.
            return result(
                Figure.not_computable(
                    NOT_COMPUTABLE_INCONSISTENT,
                    f"More {group} were recorded as {event} than there are {group}: check the figures entered.",
                )
            )

    ratio = (first_events / first_total) / (second_events / second_total)
    standard_error = math.sqrt(1 / first_events - 1 / first_total + 1 / second_events - 1 / second_total)
    lower = math.exp(math.log(ratio) - Z_95 * standard_error)
    upper = math.exp(math.log(ratio) + Z_95 * standard_error)
    published = round_half_up(ratio, 2)
    adverse = published < ADVERSE_BELOW or published > ADVERSE_ABOVE
    may_be_chance = round_half_up(lower, 2) <= 1.0 <= round_half_up(upper, 2)
    return RelativeLikelihood(
        Figure.shown(ratio, 2),
        Figure.shown(lower, 2),
        Figure.shown(upper, 2),
        adverse,
        may_be_chance,
        first_group,
        second_group,
        event,
        inverse=Figure.shown(1 / ratio, 2),
    )


def group_rates(
    name: str,
    events: Mapping[str, int],
    totals: Mapping[str, int],
    event_key: str,
    total_key: str,
    groups: Sequence[str],
    threshold: "int | Suppressor",
) -> dict[str, dict[str, Figure]]:
    """The counts behind a relative likelihood, group by group (Unknown included, though left out of the
    ratio): {group: {total_key: people, event_key: events, "rate": events as a percentage of people}}, for
    example {"white": {"shortlisted", "appointed", "rate"}}. `name` names the counts for the suppressor."""
    suppressor = as_suppressor(threshold)
    threshold = suppressor.threshold
    rates = {}
    for group in groups:
        event_count, total = events.get(group, 0), totals.get(group, 0)
        event_figure = suppressor.count(f"{name}.{group}.{event_key}", event_count)
        total_figure = suppressor.count(f"{name}.{group}.{total_key}", total)
        rates[group] = {
            total_key: total_figure,
            event_key: event_figure,
            "rate": percentage(event_count, total, threshold, event_figure, total_figure=total_figure),
        }
    return rates
