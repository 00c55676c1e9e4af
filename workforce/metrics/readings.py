"""Plain-English readings of the headline metrics: one sentence each, for dashboards.

Each function takes the suppressed figures from the metric set, never raw counts, so a reading cannot say
more than the figure shows. When a figure is withheld or cannot be calculated, the reading says so.
"""

from typing import cast

from .likelihood import RelativeLikelihood
from .suppression import Figure, round_half_up

WITHHELD = "This figure is not shown, to protect the privacy of a small number of people."

_INFINITIVE = {
    "appointed from shortlisting": "to be appointed from shortlisting",
    "entering the formal disciplinary process": "to enter the formal disciplinary process",
    "entering the formal capability process": "to enter the formal capability process",
    "accessing non-mandatory training and CPD": "to access non-mandatory training and CPD",
}


def _unavailable(figure: Figure) -> str:
    if figure.suppressed:
        return WITHHELD
    return f"This cannot be calculated. {figure.note}".strip()


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _times(value: float) -> str:
    """1.50 -> "1.5", 2.00 -> "2", 1.04 -> "1.04"."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def pay_gap_reading(gap: Figure, reference: str = "men", comparison: str = "women") -> str:
    """ "For every £1 men earn, women earn 86p." from a pay gap of 14.0% (mean or median)."""
    if gap.value is None:
        return _unavailable(gap)
    pence = round_half_up(100 - gap.value, 0)
    if pence == 100:
        return f"For every £1 {reference} earn, {comparison} also earn £1."
    amount = f"{pence:.0f}p" if pence < 100 else f"£{pence / 100:.2f}"
    return f"For every £1 {reference} earn, {comparison} earn {amount}."


def likelihood_reading(likelihood: RelativeLikelihood) -> str:
    """ "White applicants are 1.5 times as likely as BME applicants to be appointed from shortlisting."

    A ratio below 1 is turned round so the sentence names the group that is more likely. When the 95%
    confidence interval includes 1 the sentence adds that the difference may be chance.
    """
    ratio = likelihood.ratio
    if ratio.value is None:
        return _unavailable(ratio)
    action = _INFINITIVE.get(likelihood.event, likelihood.event)
    caveat = ", though the difference may be chance" if likelihood.may_be_chance else ""
    if ratio.value == 1:
        return (
            f"{_capitalise(likelihood.first_group)} and {likelihood.second_group} are equally likely {action}{caveat}."
        )
    if ratio.value > 1:
        more, less, times = likelihood.first_group, likelihood.second_group, ratio.value
    else:
        # Shown beside every ratio that is shown (`likelihood.relative_likelihood`).
        inverse = cast(Figure, likelihood.inverse).value
        more, less, times = likelihood.second_group, likelihood.first_group, cast(float, inverse)
    return f"{_capitalise(more)} are {_times(times)} times as likely as {less} {action}{caveat}."


def board_reading(difference: Figure, group: str = "BME", membership: str = "board") -> str:
    """ "BME people make up 3.2 percentage points less of the board than of the workforce." (WRES 9/WDES 10)."""
    if difference.value is None:
        return _unavailable(difference)
    if difference.value == 0:
        return f"{group} people make up the same share of the {membership} as of the workforce."
    direction = "more" if difference.value > 0 else "less"
    return (
        f"{group} people make up {abs(difference.value):.1f} percentage points {direction} of the {membership} "
        "than of the workforce."
    )


def representation_reading(workforce: Figure, population: Figure, group: str, area: str) -> str:
    """ "BME staff make up 9.1% of the workforce (where known) compared with 15.2% of Blackpool's population."."""
    if not workforce.is_available:
        return _unavailable(workforce)
    if not population.is_available:
        # Say why there is nothing to compare with ("Census figure not available: ..."), never leave it out.
        why = f" {population.note}" if population.note else ""
        return f"{group} staff make up {workforce.value:.1f}% of the workforce where it is known.{why}"
    return (
        f"{group} staff make up {workforce.value:.1f}% of the workforce where it is known, compared with "
        f"{population.value:.1f}% of the population of {area}."
    )


def declaration_reading(percent_not_stated: Figure, characteristic: str) -> str:
    """ "Sexual orientation is not recorded for 18.5% of staff."."""
    if not percent_not_stated.is_available:
        return _unavailable(percent_not_stated)
    label = _capitalise(characteristic.replace("_", " "))
    return f"{label} is not recorded for {percent_not_stated.value:.1f}% of staff."


def quartile_reading(lowest: Figure, highest: Figure, group: str = "Women") -> str:
    """ "Women make up 80.1% of the lowest-paid quarter of staff and 65.0% of the highest-paid quarter."."""
    for figure in (lowest, highest):
        if not figure.is_available:
            return _unavailable(figure)
    return (
        f"{group} make up {lowest.value:.1f}% of the lowest-paid quarter of staff and {highest.value:.1f}% of "
        "the highest-paid quarter."
    )


def survey_reading(
    comparison: dict, first: str, second: str, first_label: str, second_label: str, unit: str = "%"
) -> str:
    """ "<The survey question>: 31.0% for BME staff compared with 25.0% for White staff." (WRES 5-8, WDES 4-9a).

    Pass `unit=""` for the engagement score (WDES 9a), which is out of 10.
    """
    for group in (first, second):
        if not comparison[group]["value"].is_available:
            return _unavailable(comparison[group]["value"])
    first_value, second_value = comparison[first]["value"].value, comparison[second]["value"].value
    return (
        f"{comparison['title']}: {second_value:.1f}{unit} for {second_label} compared with "
        f"{first_value:.1f}{unit} for {first_label}."
    )


def single_survey_reading(title: str, figure: Figure, unit: str = "%") -> str:
    """ "Disabled staff saying their employer has made adequate adjustments ...: 74.0%." (WDES 8, one group)."""
    if not figure.is_available:
        return _unavailable(figure)
    return f"{title}: {figure.value:.1f}{unit}."
