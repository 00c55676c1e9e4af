"""The numbers behind the pay gaps, before suppression: who is in each measure, the averages of each group and
the quartile pay bands (see `paygap` for the rules of SI 2017/353 Schedule 1 and how they are read here).
They are worked out once per scope profile and kept on it (`profile.WorkforceProfile.derived`)."""

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import attrgetter

from workforce.labels import PAY_GAP_GROUP_NAMES
from workforce.vocabulary import AFC_BANDS, DisabilityGroup, EthnicGroup, Sex

from .paygap_people import PayPerson, pay_people
from .profile import WorkforceProfile

QUARTILES = ("lower", "lower_middle", "upper_middle", "upper")
CHARACTERISTICS = {
    "gender": ("sex", Sex.MALE.value, Sex.FEMALE.value, *PAY_GAP_GROUP_NAMES["gender"]),
    "ethnicity": ("ethnic_group", EthnicGroup.WHITE.value, EthnicGroup.BME.value, *PAY_GAP_GROUP_NAMES["ethnicity"]),
    "disability": (
        "disability_group",
        DisabilityGroup.NON_DISABLED.value,
        DisabilityGroup.DISABLED.value,
        *PAY_GAP_GROUP_NAMES["disability"],
    ),
}


def hourly_pay_population(staff: Sequence) -> list[PayPerson]:
    """Full-pay relevant employees (one each, `paygap_people`) with an hourly rate of pay, lowest paid first."""
    eligible = [person for person in pay_people(staff) if person.hourly_rate is not None]
    eligible.sort(key=attrgetter("hourly_rate"))
    return eligible


def bonus_population(staff: Sequence) -> list[PayPerson]:
    """Relevant employees (one each) for the bonus measures, full pay or not."""
    return pay_people(staff)


def quartile_sizes(count: int) -> tuple[int, int, int, int]:
    """Four sections as equal as possible: 1 extra to the lower; 2 to lower and upper middle; 3 to lower,
    lower middle and upper middle (see the module docstring for where this split comes from)."""
    base, extra = divmod(count, 4)
    lower, lower_middle, upper_middle, upper = {0: (0, 0, 0, 0), 1: (1, 0, 0, 0), 2: (1, 0, 1, 0), 3: (1, 1, 1, 0)}[
        extra
    ]
    return base + lower, base + lower_middle, base + upper_middle, base + upper


def quartile_counts(rates: Sequence[float], is_reference: Sequence[bool]) -> list[tuple[float, float]]:
    """(reference, comparison) counts in each quartile pay band.

    `rates` are the hourly rates sorted lowest first and `is_reference` says, for each, whether that
    employee is in the reference group (men). Employees on the same rate who straddle a boundary are
    shared between the quartiles in the same reference:comparison proportion (SI 2017/353 Sch. 1 para
    13(2)): if a quartile holds k of the t employees on a rate, m of them men, it counts k*m/t men.
    """
    return _quartile_counts(list(rates), list(compress(rates, is_reference)))


def _quartile_counts(ranked: list[float], reference_rates: list[float]) -> list[tuple[float, float]]:
    """`quartile_counts` from everyone's rates and the reference group's rates, each sorted lowest first."""
    count = len(ranked)

    def reference_before(position: int) -> float:
        """Reference employees among the first `position` ranks, a straddling tie shared proportionally."""
        if position >= count:
            return float(len(reference_rates))
        rate = ranked[position]
        low, high = bisect_left(ranked, rate), bisect_right(ranked, rate)
        reference_low, reference_high = bisect_left(reference_rates, rate), bisect_right(reference_rates, rate)
        return reference_low + (position - low) * (reference_high - reference_low) / (high - low)

    sizes = quartile_sizes(count)
    boundaries = [0, *accumulate(sizes)]
    counts = []
    for quartile in range(4):
        start, end = boundaries[quartile], boundaries[quartile + 1]
        reference = reference_before(end) - reference_before(start)
        counts.append((reference, (end - start) - reference))
    return counts


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _median(sorted_values: Sequence[float]) -> float:
    middle, odd = divmod(len(sorted_values), 2)
    if odd:
        return sorted_values[middle]
    return (sorted_values[middle - 1] + sorted_values[middle]) / 2


@dataclass(frozen=True, slots=True)
class Averages:
    """One average (mean or median) of the reference group and of the comparison group, with their sizes."""

    reference_size: int
    comparison_size: int
    reference: float | None
    comparison: float | None


def _averages(reference: Sequence[float], comparison: Sequence[float], average) -> Averages:
    return Averages(
        len(reference),
        len(comparison),
        average(reference) if reference else None,
        average(comparison) if comparison else None,
    )


@dataclass(frozen=True)
class PayGapNumbers:
    """The numbers behind one characteristic's six measures, before suppression (see `pay_gap_numbers`)."""

    reference: str
    comparison: str
    mean_hourly: Averages
    median_hourly: Averages
    mean_bonus: Averages
    median_bonus: Averages
    relevant: dict  # group -> relevant employees
    received: dict  # group -> relevant employees paid a bonus
    quartiles: list  # (reference, comparison) in each quartile pay band, lowest first
    quartile_sizes: tuple


def pay_gap_numbers(
    reference_rates: list[float],
    comparison_rates: list[float],
    reference_bonuses: list[float],
    comparison_bonuses: list[float],
    relevant: Mapping[str, int],
    reference: str,
    comparison: str,
) -> PayGapNumbers:
    """Averages, bonus counts and quartile counts for one characteristic.

    The rates are the hourly rates of each group's full-pay relevant employees, and the bonuses the
    bonus pay of each group's relevant employees who were paid one, all sorted lowest first.
    `relevant` counts every relevant employee (the bonus measures' population) by group. Other groups
    (Unknown) are left out.
    """
    return PayGapNumbers(
        reference=reference,
        comparison=comparison,
        mean_hourly=_averages(reference_rates, comparison_rates, _mean),
        median_hourly=_averages(reference_rates, comparison_rates, _median),
        mean_bonus=_averages(reference_bonuses, comparison_bonuses, _mean),
        median_bonus=_averages(reference_bonuses, comparison_bonuses, _median),
        relevant={reference: relevant.get(reference, 0), comparison: relevant.get(comparison, 0)},
        received={reference: len(reference_bonuses), comparison: len(comparison_bonuses)},
        quartiles=_quartile_counts(sorted(reference_rates + comparison_rates), reference_rates),
        quartile_sizes=quartile_sizes(len(reference_rates) + len(comparison_rates)),
    )


def band_gap_numbers(profile: WorkforceProfile) -> dict:
    """For each characteristic and AfC band: the two groups' headcounts and mean and median hourly rates.

    Returns characteristic -> band -> (reference count, comparison count, mean Averages, median Averages).
    """
    numbers: dict = {}
    for characteristic, (attribute, reference, comparison, *_) in CHARACTERISTICS.items():
        rates_of = profile.hourly_rates_by(attribute, "pay_band")
        numbers[characteristic] = {}
        for band in AFC_BANDS:
            rates = [rates_of.get((group, band.value), []) for group in (reference, comparison)]
            numbers[characteristic][band.value] = (
                len(rates[0]),
                len(rates[1]),
                _averages(rates[0], rates[1], _mean),
                _averages(rates[0], rates[1], _median),
            )
    return numbers


def pay_gap_numbers_of(profile: WorkforceProfile) -> dict:
    """Every characteristic's `PayGapNumbers`, and the `band_gap_numbers`, of a scope's profile."""
    numbers: dict = {}
    for characteristic, (attribute, reference, comparison, *_) in CHARACTERISTICS.items():
        rates, bonuses = profile.hourly_rates_by(attribute), profile.bonuses_by(attribute)
        numbers[characteristic] = pay_gap_numbers(
            rates.get(reference, []),
            rates.get(comparison, []),
            bonuses.get(reference, []),
            bonuses.get(comparison, []),
            profile.relevant_by(attribute),
            reference,
            comparison,
        )
    numbers["by_band"] = band_gap_numbers(profile)
    return numbers
