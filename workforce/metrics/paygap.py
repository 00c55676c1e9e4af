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

from collections.abc import Mapping, Sequence
from typing import cast

from workforce.vocabulary import AFC_BANDS, Sex

from .basis import ESTIMATE, ORDINARY_PAY, STATUTORY, FigureBasis
from .paygap_numbers import (
    CHARACTERISTICS,
    QUARTILES,
    Averages,
    PayGapNumbers,
    bonus_population,
    hourly_pay_population,
    pay_gap_numbers,
    pay_gap_numbers_of,
    quartile_counts,
    quartile_sizes,
)
from .profile import WorkforceProfile
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

GOV_UK_QUARTILE_NAMES = {
    "lower": "LowerQuartile",
    "lower_middle": "LowerMiddleQuartile",
    "upper_middle": "UpperMiddleQuartile",
    "upper": "TopQuartile",
}


def _gap(averages: Averages, names, threshold: int) -> Figure:
    """(reference average - comparison average) / reference average x 100, one decimal place."""
    for size, name in ((averages.reference_size, names[0]), (averages.comparison_size, names[1])):
        if not size:
            return Figure.not_computable(NOT_COMPUTABLE_ZERO_DENOMINATOR, f"There are no {name} in this measure.")
    if averages.reference_size < threshold or averages.comparison_size < threshold:
        return Figure.withheld(GROUP_BELOW_THRESHOLD)
    # Both groups have people, so both averages exist.
    reference, comparison = cast(float, averages.reference), cast(float, averages.comparison)
    return Figure.shown(100.0 * (reference - comparison) / reference, 1)


def pay_gap_figures(
    numbers: PayGapNumbers,
    names: tuple[str, str],
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
    basis: FigureBasis | None = None,
) -> dict:
    """The six pay gap measures for one characteristic, every figure suppressed.

    `names` name the two groups in plain words ("men", "women") for notes. Returns "mean_hourly_gap",
    "median_hourly_gap", "mean_bonus_gap", "median_bonus_gap", "bonus" (relevant employees, recipients
    and percentage receiving, by group), "quartiles" (percentage of each group in each quartile pay
    band), "population" (headcounts in the hourly measures) and "basis" (statutory, or an estimate from
    basic pay, whose label every gap and percentage then carries as its note).
    """
    suppressor = as_suppressor(threshold)
    basis = basis or FigureBasis(ESTIMATE)
    mark = basis.mark
    bonus_names = (f"{names[0]} paid a bonus", f"{names[1]} paid a bonus")
    threshold = suppressor.threshold
    quartiles, population = _quartiles(numbers, suppressor)
    return {
        "reference_group": numbers.reference,
        "comparison_group": numbers.comparison,
        "mean_hourly_gap": mark(_gap(numbers.mean_hourly, names, threshold)),
        "median_hourly_gap": mark(_gap(numbers.median_hourly, names, threshold)),
        "mean_bonus_gap": mark(_gap(numbers.mean_bonus, bonus_names, threshold)),
        "median_bonus_gap": mark(_gap(numbers.median_bonus, bonus_names, threshold)),
        "bonus": _bonus_figures(numbers, suppressor, mark),
        "quartiles": {quartile: {g: mark(f) for g, f in groups.items()} for quartile, groups in quartiles.items()},
        "population": population,
        "basis": basis,
    }


def _bonus_figures(numbers: PayGapNumbers, suppressor: Suppressor, mark) -> dict:
    """Each group's relevant employees, those paid a bonus and the percentage: received and not received by
    group, published with the group totals (one table)."""
    groups = (numbers.reference, numbers.comparison)
    counts = {}
    for group in groups:
        counts[(group, "received")] = numbers.received[group]
        counts[(group, "not_received")] = numbers.relevant[group] - numbers.received[group]
    counts.update(_totals(counts, groups, ("received", "not_received")))
    figures = suppressor.table(
        f"paygap.{numbers.reference}.bonus", counts, grid_sums(groups, ("received", "not_received"))
    )
    return {
        group: {
            "relevant_employees": figures[(group, "total")],
            "received": figures[(group, "received")],
            "percent_received": mark(
                percentage(
                    counts[(group, "received")],
                    counts[(group, "total")],
                    suppressor.threshold,
                    figures[(group, "received")],
                    total_figure=figures[(group, "total")],
                )
            ),
        }
        for group in groups
    }


def _quartiles(numbers: PayGapNumbers, suppressor: Suppressor) -> tuple[dict, dict]:
    """The percentage of each group in each quartile pay band, and the headcounts in the hourly measures: a
    table of quartile x group, published with the quartile sizes and group totals."""
    groups = (numbers.reference, numbers.comparison)
    table = {}
    men = _whole_people([reference for reference, _ in numbers.quartiles])
    for quartile, reference_count, size in zip(QUARTILES, men, numbers.quartile_sizes, strict=True):
        table[(quartile, groups[0])] = reference_count
        table[(quartile, groups[1])] = size - reference_count
    table.update(_totals(table, QUARTILES, groups))
    # Quartiles are recomputed within each scope, so a place's table is not the sum of its organisations'.
    figures = suppressor.table(
        f"paygap.{numbers.reference}.quartiles", table, grid_sums(QUARTILES, groups), additive=False
    )
    quartiles = {
        quartile: {
            group: percentage(
                count, size, suppressor.threshold, figures[(quartile, group)], total_figure=figures[(quartile, "total")]
            )
            for group, count in zip(groups, counts, strict=True)
        }
        for quartile, counts, size in zip(QUARTILES, numbers.quartiles, numbers.quartile_sizes, strict=True)
    }
    population = {
        groups[0]: figures[("total", groups[0])],
        groups[1]: figures[("total", groups[1])],
        "total": figures[("total", "total")],
    }
    return quartiles, population


def _whole_people(shares: Sequence[float]) -> list[int]:
    """Whole numbers of people for fractional shares (a tie split across quartiles), adding up to the same
    total: each rounded down, then the largest remainders rounded up. So the published group sizes are the
    true ones, and the table's rows and columns add up, as the suppression of its cells assumes."""
    floors = [int(share + 1e-9) for share in shares]
    missing = round(sum(shares)) - sum(floors)
    order = sorted(range(len(shares)), key=lambda index: floors[index] - shares[index])
    for index in order[:missing]:
        floors[index] += 1
    return floors


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


def gaps_by_band_figures(
    numbers: dict, threshold: "int | Suppressor" = DEFAULT_THRESHOLD, basis: FigureBasis | None = None
) -> dict:
    """Mean and median hourly pay gaps within each Agenda for Change band, for each characteristic.

    The headcounts behind them (band x group, with totals) are published and suppressed as one table
    per characteristic. `numbers` come from `band_gap_numbers`. With an estimate `basis`, each gap says so.
    """
    suppressor = as_suppressor(threshold)
    threshold = suppressor.threshold
    mark = (basis or FigureBasis(ESTIMATE)).mark
    bands = [band.value for band in AFC_BANDS]
    result: dict = {}
    for characteristic, (_, reference, comparison, *names) in CHARACTERISTICS.items():
        by_band = numbers[characteristic]
        counts = {}
        for band in bands:
            counts[(band, reference)], counts[(band, comparison)] = by_band[band][:2]
        counts.update(_totals(counts, bands, (reference, comparison)))
        figures = suppressor.table(
            f"paygap.{characteristic}.by_band", counts, grid_sums(bands, (reference, comparison))
        )
        result[characteristic] = {
            band: {
                "headcount": {reference: figures[(band, reference)], comparison: figures[(band, comparison)]},
                "mean_hourly_gap": mark(_gap(by_band[band][2], tuple(names), threshold)),
                "median_hourly_gap": mark(_gap(by_band[band][3], tuple(names), threshold)),
            }
            for band in bands
        }
    return result


def pay_gaps(staff: Sequence, threshold: "int | Suppressor" = DEFAULT_THRESHOLD) -> dict:
    """Gender, ethnicity and disability pay gaps, the gov.uk columns, and the gaps within each AfC band."""
    return profile_pay_gaps(WorkforceProfile.from_staff(staff), threshold)


def profile_pay_gaps(profile: WorkforceProfile, threshold: "int | Suppressor" = DEFAULT_THRESHOLD) -> dict:
    """`pay_gaps` of a scope's profile; the numbers are worked out once per profile and kept on it."""
    numbers = profile.derived("pay_gaps", pay_gap_numbers_of)
    suppressor = as_suppressor(threshold)
    result: dict = {}
    for characteristic, (_, _, _, reference_name, comparison_name) in CHARACTERISTICS.items():
        basis = pay_basis(profile.pay_basis, statutory=characteristic == "gender")
        names = (reference_name, comparison_name)
        result[characteristic] = pay_gap_figures(numbers[characteristic], names, suppressor, basis)
    result["gov_uk"] = gov_uk_columns(result["gender"])
    result["by_band"] = gaps_by_band_figures(numbers["by_band"], suppressor, pay_basis(profile.pay_basis))
    return result


def pay_basis(employees: Mapping[bool, int], *, statutory: bool = False) -> FigureBasis:
    """What a scope's pay gaps are, from how many relevant employees' pay came from ordinary pay (True) and
    from basic rates only (False): the statutory figure (the gender pay gap) or the statutory method (the
    others) when everyone's came from ordinary pay, otherwise an estimate from basic pay."""
    from_ordinary_pay, from_basic_rates = employees.get(True, 0), employees.get(False, 0)
    if from_ordinary_pay and not from_basic_rates:
        return FigureBasis(
            STATUTORY if statutory else ORDINARY_PAY,
            "Hourly pay from ordinary pay in the pay period of the snapshot date, as SI 2017/353 Schedule 1 sets out.",
        )
    if from_ordinary_pay:
        detail = (
            "Part of this scope's ESR extracts give basic rates only, without ordinary pay (allowances, shift "
            "premium, pay for leave) in the pay period of the snapshot date, which the statutory figure needs."
        )
    else:
        detail = (
            "The ESR extract gives basic rates only, without ordinary pay (allowances, shift premium, pay for "
            "leave) in the pay period of the snapshot date, which the statutory figure needs."
        )
    return FigureBasis(ESTIMATE, detail)


__all__ = [
    "bonus_population",
    "gaps_by_band_figures",
    "gov_uk_columns",
    "hourly_pay_population",
    "pay_gap_figures",
    "pay_basis",
    "pay_gap_numbers",
    "pay_gaps",
    "profile_pay_gaps",
    "quartile_counts",
    "quartile_sizes",
]
