"""Gender, ethnicity and disability pay gaps.

The gender pay gap follows the Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017
(SI 2017/353), Schedule 1, for the snapshot date of 31 March:

- para 8/9   mean and median hourly pay gap of *full-pay relevant employees*:
             (men's mean (median) hourly rate - women's) / men's x 100;
- para 10/11 mean and median bonus gap, over the *relevant employees who were paid bonus pay* in the
             12 months to the snapshot date: (men's - women's) / men's x 100;
- para 12    the percentage of male and of female relevant employees who were paid bonus pay;
- para 13    quartile pay bands: rank full-pay relevant employees by hourly rate, divide them into four
             sections with (so far as possible) an equal number in each, and give the percentage of men
             and of women in each. Where employees on the same hourly rate fall in more than one quartile,
             the proportion of men and women on that rate is kept the same in each quartile (13(2)).

Figures are given to one decimal place, as on the gov.uk gender pay gap service.

Readings of the rules, made explicit:

- Population: each person once (primary assignment; phase 2 gives the person's hourly rate across all
  their assignments). Bank staff are relevant employees when ESR marks them so; WRES/WDES exclude bank
  staff, the pay gap regulations do not. Hourly measures and quartiles use full-pay relevant employees
  with a positive hourly rate and contracted hours; anyone without hours or an hourly rate is left out
  (they cannot be ranked). Bonus measures use every relevant employee, full pay or not (paras 10-12
  say "relevant employees").
- Quartile sizes when the count is not divisible by 4: the regulations say only "so far as possible" an
  equal number. The extra one, two or three employees go to the lower quartile; the lower and upper
  middle; the lower, lower middle and upper middle quartiles (people ranked lowest paid first). This is
  the split published employer methodologies attribute to the government's guidance; the gov.uk page
  itself could not be read when this was written, so check it there.
- Ties across a quartile boundary are split in proportion: a quartile holding k of the t employees on a
  rate, of whom m are men, counts k*m/t men and k*(t-m)/t women (fractions of a person are kept until
  the percentage is rounded).
- People whose sex (or ethnic group, or disability) is Unknown are left out of that characteristic's
  measures. If nobody is left, every measure is "not computable"; nothing raises.

The same six measures are computed for ethnicity (White as the reference group, BME compared) and for
disability (non-disabled reference, disabled compared), and the mean and median hourly gaps within each
Agenda for Change band.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, compress
from operator import attrgetter

from workforce.vocabulary import AFC_BANDS, DisabilityGroup, EthnicGroup, Sex

from .suppression import (
    DEFAULT_THRESHOLD,
    GROUP_BELOW_THRESHOLD,
    NOT_COMPUTABLE_ZERO_DENOMINATOR,
    Figure,
    Suppressor,
    as_suppressor,
    grid_sums,
    percentage,
)

QUARTILES = ("lower", "lower_middle", "upper_middle", "upper")
CHARACTERISTICS = {
    "gender": ("sex", Sex.MALE.value, Sex.FEMALE.value, "men", "women"),
    "ethnicity": ("ethnic_group", EthnicGroup.WHITE.value, EthnicGroup.BME.value, "White staff", "BME staff"),
    "disability": (
        "disability_group",
        DisabilityGroup.NON_DISABLED.value,
        DisabilityGroup.DISABLED.value,
        "non-disabled staff",
        "disabled staff",
    ),
}
GOV_UK_QUARTILE_NAMES = {
    "lower": "LowerQuartile",
    "lower_middle": "LowerMiddleQuartile",
    "upper_middle": "UpperMiddleQuartile",
    "upper": "TopQuartile",
}


def hourly_pay_population(staff: Sequence) -> list:
    """Full-pay relevant employees (one record each) with an hourly rate and contracted hours, lowest paid first."""
    eligible = [
        member
        for member in staff
        if member.is_primary_assignment
        and member.is_full_pay_relevant
        and member.hourly_rate is not None
        and member.hourly_rate > 0
        and member.contracted_hours > 0
    ]
    eligible.sort(key=_hourly_rate)
    return eligible


def bonus_population(staff: Sequence) -> list:
    """Relevant employees (one record each) for the bonus measures, full pay or not."""
    return [member for member in staff if member.is_primary_assignment]


_hourly_rate = attrgetter("hourly_rate")
_bonus_pay = attrgetter("bonus_pay")


def quartile_sizes(count: int) -> tuple[int, int, int, int]:
    """Four sections as equal as possible: 1 extra to the lower; 2 to lower and upper middle; 3 to lower,
    lower middle and upper middle (see the module docstring for where this split comes from)."""
    base, extra = divmod(count, 4)
    bonus = {0: (0, 0, 0, 0), 1: (1, 0, 0, 0), 2: (1, 0, 1, 0), 3: (1, 1, 1, 0)}[extra]
    return tuple(base + b for b in bonus)


def quartile_counts(rates: Sequence[float], is_reference: Sequence[bool]) -> list[tuple[float, float]]:
    """(reference, comparison) counts in each quartile pay band.

    `rates` are the hourly rates sorted lowest first and `is_reference` says, for each, whether that
    employee is in the reference group (men). Employees on the same rate who straddle a boundary are
    shared between the quartiles in the same reference:comparison proportion (SI 2017/353 Sch. 1 para
    13(2)): if a quartile holds k of the t employees on a rate, m of them men, it counts k*m/t men.
    """
    count = len(rates)
    prefix = [0, *accumulate(is_reference)]

    def reference_before(position: int) -> float:
        """Reference employees among the first `position` ranks, a straddling tie shared proportionally."""
        if position >= count:
            return float(prefix[count])
        rate = rates[position]
        low, high = bisect_left(rates, rate), bisect_right(rates, rate)
        return prefix[low] + (position - low) * (prefix[high] - prefix[low]) / (high - low)

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


def _gap(reference: Sequence[float], comparison: Sequence[float], average, names, threshold: int) -> Figure:
    """(reference average - comparison average) / reference average x 100, one decimal place."""
    for values, name in zip((reference, comparison), names, strict=True):
        if not values:
            return Figure.not_computable(NOT_COMPUTABLE_ZERO_DENOMINATOR, f"There are no {name} in this measure.")
    if len(reference) < threshold or len(comparison) < threshold:
        return Figure.withheld(GROUP_BELOW_THRESHOLD)
    reference_average = average(reference)
    return Figure.shown(100.0 * (reference_average - average(comparison)) / reference_average, 1)


def pay_gap(
    rates: Sequence[float],
    groups: Sequence[str],
    relevant_groups: Sequence[str],
    bonuses: Sequence[tuple[float, str]],
    reference: str,
    comparison: str,
    names: tuple[str, str],
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
) -> dict:
    """The six pay gap measures for one characteristic.

    `rates` are the hourly rates of the full-pay relevant employees, sorted lowest first, and `groups`
    their groups (sex, ethnic or disability group) in the same order. `relevant_groups` are the groups
    of every relevant employee (the bonus measures' population) and `bonuses` the (bonus pay, group) of
    each of them who was paid a bonus. Other groups (Unknown) are left out. `names` name the two groups
    in plain words ("men", "women") for notes.

    Returns, every figure suppressed: "mean_hourly_gap", "median_hourly_gap", "mean_bonus_gap",
    "median_bonus_gap", "bonus" (relevant employees, recipients and percentage receiving, by group),
    "quartiles" (percentage of each group in each quartile pay band) and "population" (headcounts in the
    hourly measures).
    """
    suppressor = as_suppressor(threshold)
    threshold = suppressor.threshold
    pair = frozenset((reference, comparison))
    in_measure = [group in pair for group in groups]
    ranked_rates = list(compress(rates, in_measure))
    is_reference = [group == reference for group in compress(groups, in_measure)]
    reference_rates = list(compress(ranked_rates, is_reference))
    comparison_rates = list(compress(ranked_rates, [not flag for flag in is_reference]))

    reference_relevant, comparison_relevant = relevant_groups.count(reference), relevant_groups.count(comparison)
    reference_bonuses = sorted(amount for amount, group in bonuses if group == reference and amount > 0)
    comparison_bonuses = sorted(amount for amount, group in bonuses if group == comparison and amount > 0)

    result = {
        "reference_group": reference,
        "comparison_group": comparison,
        "mean_hourly_gap": _gap(reference_rates, comparison_rates, _mean, names, threshold),
        "median_hourly_gap": _gap(reference_rates, comparison_rates, _median, names, threshold),
        "mean_bonus_gap": _gap(reference_bonuses, comparison_bonuses, _mean, _bonus_names(names), threshold),
        "median_bonus_gap": _gap(reference_bonuses, comparison_bonuses, _median, _bonus_names(names), threshold),
    }

    # Bonus: received / not received by group, published with the group totals.
    bonus_counts = {
        (reference, "received"): len(reference_bonuses),
        (reference, "not_received"): reference_relevant - len(reference_bonuses),
        (comparison, "received"): len(comparison_bonuses),
        (comparison, "not_received"): comparison_relevant - len(comparison_bonuses),
    }
    bonus_counts.update(_totals(bonus_counts, (reference, comparison), ("received", "not_received")))
    bonus_figures = suppressor.table(
        f"paygap.{reference}.bonus", bonus_counts, grid_sums((reference, comparison), ("received", "not_received"))
    )
    result["bonus"] = {
        group: {
            "relevant_employees": bonus_figures[(group, "total")],
            "received": bonus_figures[(group, "received")],
            "percent_received": percentage(
                bonus_counts[(group, "received")],
                bonus_counts[(group, "total")],
                threshold,
                bonus_figures[(group, "received")],
            ),
        }
        for group in (reference, comparison)
    }

    # Quartiles: a table of quartile x group, published with quartile sizes and group totals.
    by_quartile = quartile_counts(ranked_rates, is_reference)
    quartile_table = {}
    for quartile, (reference_count, comparison_count) in zip(QUARTILES, by_quartile, strict=True):
        quartile_table[(quartile, reference)] = round(reference_count)
        quartile_table[(quartile, comparison)] = round(comparison_count)
    quartile_table.update(_totals(quartile_table, QUARTILES, (reference, comparison)))
    # Quartiles are recomputed within each scope, so a place's table is not the sum of its organisations'.
    quartile_figures = suppressor.table(
        f"paygap.{reference}.quartiles", quartile_table, grid_sums(QUARTILES, (reference, comparison)), additive=False
    )
    sizes = quartile_sizes(len(ranked_rates))
    result["quartiles"] = {
        quartile: {
            group: percentage(count, size, threshold, quartile_figures[(quartile, group)])
            for group, count in zip((reference, comparison), counts, strict=True)
        }
        for quartile, counts, size in zip(QUARTILES, by_quartile, sizes, strict=True)
    }
    result["population"] = {
        reference: quartile_figures[("total", reference)],
        comparison: quartile_figures[("total", comparison)],
        "total": quartile_figures[("total", "total")],
    }
    return result


def _bonus_names(names: tuple[str, str]) -> tuple[str, str]:
    return (f"{names[0]} paid a bonus", f"{names[1]} paid a bonus")


def _totals(cells: dict, rows: Sequence[str], columns: Sequence[str]) -> dict:
    """Row totals, column totals and the grand total for a (row, column) table."""
    totals = {(row, "total"): sum(cells[(row, column)] for column in columns) for row in rows}
    totals.update({("total", column): sum(cells[(row, column)] for row in rows) for column in columns})
    totals[("total", "total")] = sum(totals[(row, "total")] for row in rows)
    return totals


def gov_uk_columns(gender: dict) -> dict[str, Figure]:
    """The gender result under the gov.uk gender pay gap service's column names."""
    columns = {
        "DiffMeanHourlyPercent": gender["mean_hourly_gap"],
        "DiffMedianHourlyPercent": gender["median_hourly_gap"],
        "DiffMeanBonusPercent": gender["mean_bonus_gap"],
        "DiffMedianBonusPercent": gender["median_bonus_gap"],
        "MaleBonusPercent": gender["bonus"][Sex.MALE.value]["percent_received"],
        "FemaleBonusPercent": gender["bonus"][Sex.FEMALE.value]["percent_received"],
    }
    for quartile, name in GOV_UK_QUARTILE_NAMES.items():
        columns[f"Male{name}"] = gender["quartiles"][quartile][Sex.MALE.value]
        columns[f"Female{name}"] = gender["quartiles"][quartile][Sex.FEMALE.value]
    return columns


def gaps_by_band(
    hourly_ranked: Sequence, threshold: "int | Suppressor" = DEFAULT_THRESHOLD, columns: dict | None = None
) -> dict:
    """Mean and median hourly pay gaps within each Agenda for Change band, for each characteristic.

    The headcounts behind them (band x group, with totals) are published and suppressed as one table
    per characteristic. `columns` may pass the fields already read (as `pay_gaps` does).
    """
    suppressor = as_suppressor(threshold)
    threshold = suppressor.threshold
    bands = [band.value for band in AFC_BANDS]
    in_band: dict[str, list] = {band: [] for band in bands}
    fields = ("pay_band", "hourly_rate", "sex", "ethnic_group", "disability_group")
    columns = columns or _columns(hourly_ranked, fields)
    for row in zip(*(columns[field] for field in fields), strict=True):
        members = in_band.get(row[0])
        if members is not None:
            members.append(row)
    result: dict = {}
    for position, (characteristic, (_, reference, comparison, *names)) in enumerate(CHARACTERISTICS.items(), start=2):
        counts = {}
        rates_of = {}
        for band in bands:
            for group in (reference, comparison):
                rates_of[(band, group)] = [row[1] for row in in_band[band] if row[position] == group]
                counts[(band, group)] = len(rates_of[(band, group)])
        counts.update(_totals(counts, bands, (reference, comparison)))
        figures = suppressor.table(
            f"paygap.{characteristic}.by_band", counts, grid_sums(bands, (reference, comparison))
        )
        result[characteristic] = {
            band: {
                "headcount": {reference: figures[(band, reference)], comparison: figures[(band, comparison)]},
                "mean_hourly_gap": _gap(
                    rates_of[(band, reference)], rates_of[(band, comparison)], _mean, tuple(names), threshold
                ),
                "median_hourly_gap": _gap(
                    rates_of[(band, reference)], rates_of[(band, comparison)], _median, tuple(names), threshold
                ),
            }
            for band in bands
        }
    return result


def pay_gaps(staff: Sequence, threshold: "int | Suppressor" = DEFAULT_THRESHOLD) -> dict:
    """Gender, ethnicity and disability pay gaps, the gov.uk columns, and the gaps within each AfC band."""
    hourly_ranked = hourly_pay_population(staff)
    relevant = bonus_population(staff)
    # Read each field once into a column; the three characteristics and the by-band gaps share them.
    hourly_columns = _columns(hourly_ranked, ("hourly_rate", "sex", "ethnic_group", "disability_group", "pay_band"))
    relevant_columns = _columns(relevant, ("sex", "ethnic_group", "disability_group"))
    paid_bonus = [member for member in relevant if member.bonus_pay > 0]
    result: dict = {}
    for characteristic, (attribute, reference, comparison, *names) in CHARACTERISTICS.items():
        group_of = attrgetter(attribute)
        result[characteristic] = pay_gap(
            hourly_columns["hourly_rate"],
            hourly_columns[attribute],
            relevant_columns[attribute],
            [(member.bonus_pay, group_of(member)) for member in paid_bonus],
            reference,
            comparison,
            tuple(names),
            threshold,
        )
    result["gov_uk"] = gov_uk_columns(result["gender"])
    result["by_band"] = gaps_by_band(hourly_ranked, threshold, hourly_columns)
    return result


def _columns(members: Sequence, fields: tuple[str, ...]) -> dict[str, list]:
    return {field: list(map(attrgetter(field), members)) for field in fields}


__all__ = [
    "bonus_population",
    "gaps_by_band",
    "gov_uk_columns",
    "hourly_pay_population",
    "pay_gap",
    "pay_gaps",
    "quartile_counts",
    "quartile_sizes",
]
