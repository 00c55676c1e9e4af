"""The gender pay gap from ordinary pay (SI 2017/353 Schedule 1), worked by hand from a small ESR extract with
allowances, shift premium, reduced pay because of leave, bank staff and a person with two assignments, checked
measure by measure through the import, the stored result and `export_metrics` (under the gov.uk names)."""

import csv
import io
from datetime import date

import pytest
from django.core.management import call_command

from tests.workforce.esr_files import HEADER, row, write_extract
from workforce.services.esr_import import esr_extract_import

pytestmark = pytest.mark.django_db

ON = date(2025, 3, 31)
PAY_HEADER = [*HEADER, "Ordinary Pay", "Pay Period Days", "Hours in Pay Period", "Reduced Pay Leave"]


def contracted(number, sex, basic_rate, ordinary_pay, *, hours=40.0, bonus=0, days="28", **extra):
    """A contracted assignment paid `ordinary_pay` in a 28-day pay period for `hours` a week; its basic rate is
    what a basic-pay estimate would use (the ordinary pay adds allowances and shift premium to it)."""
    return row(
        number,
        Gender=sex,
        Contracted_Hours=str(hours),
        Hourly_Rate=str(basic_rate),
        Annual_Salary="",
        Bonus_Pay=str(bonus),
        **{"Ordinary Pay": str(ordinary_pay), "Pay Period Days": days},
        **extra,
    )


def bank(number, sex, ordinary_pay, hours_in_period, **extra):
    """A bank assignment (no contracted hours) paid `ordinary_pay` for `hours_in_period` hours in the period."""
    return row(
        number,
        Gender=sex,
        Assignment_Category="Bank",
        FTE="0",
        Contracted_Hours="",
        Hourly_Rate="12.00",
        Annual_Salary="",
        **{"Ordinary Pay": str(ordinary_pay), "Pay Period Days": "28", "Hours in Pay Period": hours_in_period},
        **extra,
    )


def hand_worked_extract():
    """28-day pay period, so a week's pay is a quarter of the period's; 40 hours a week is 160 in the period.

    Men (hourly rate = ordinary pay / (weekly hours x 4)):
      1  basic 15.00, ordinary 2,400 + 320 shift premium = 2,720 -> 17.00
      2  basic 20.00, ordinary 3,200 + 160 on-call allowance = 3,360 -> 21.00
      3  basic 25.00, ordinary 4,000 -> 25.00; bonus 1,000 in the 12 months
      4  two assignments, one employee: 20 h/week basic 20.00 (1,600) and 10 h/week basic 14.00 with 40 shift
         premium (600): 2,200 for 30 h/week -> 2,200 / 120 = 18.3333; bonuses 200 + 100 = 300, one recipient
      5  sick leave at half pay (ordinary 1,500, reduced pay because of leave): not a full-pay relevant
         employee, so out of the hourly measures; a relevant employee with no bonus
      6  bank, paid 600 for 48 hours in the period -> 12.50
      7  bank, not paid in the period: not a relevant employee at all, in no measure
    Women:
      11 basic 15.00, ordinary 2,400 -> 15.00
      12 basic 15.00, ordinary 2,400 + 480 shift premium = 2,880 -> 18.00
      13 20 h/week, basic 22.00, ordinary 1,760 -> 22.00; bonus 500
      14 basic 13.00, ordinary 2,080 + 160 allowance = 2,240 -> 14.00
      15 maternity leave on statutory pay (ordinary 800, reduced): out of the hourly measures; bonus 250
      16 bank, paid 390 for 30 hours in the period -> 13.00
      17 bank, not paid in the period: in no measure
    """
    return [
        contracted(1, "Male", 15.00, 2720),
        contracted(2, "Male", 20.00, 3360),
        contracted(3, "Male", 25.00, 4000, bonus=1000),
        contracted(4, "Male", 20.00, 1600, hours=20, bonus=200),
        contracted(4, "Male", 14.00, 600, hours=10, bonus=100, Assignment_Number="20000004-2", Primary_Assignment="N"),
        contracted(5, "Male", 20.00, 1500, **{"Reduced Pay Leave": "Y"}),
        bank(6, "Male", 600, "48"),
        bank(7, "Male", 0, ""),
        contracted(11, "Female", 15.00, 2400),
        contracted(12, "Female", 15.00, 2880),
        contracted(13, "Female", 22.00, 1760, hours=20, bonus=500),
        contracted(14, "Female", 13.00, 2240),
        contracted(15, "Female", 15.00, 800, bonus=250, **{"Reduced Pay Leave": "Y"}),
        bank(16, "Female", 390, "30"),
        bank(17, "Female", 0, ""),
    ]


def exported(organisation="OWN"):
    out = io.StringIO()
    call_command(
        "export_metrics", "--snapshot", ON.isoformat(), "--organisation", organisation, "--format", "csv", stdout=out
    )
    return {r["metric"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}


def value(rows, metric):
    return float(rows[metric]["value"])


def test_the_gender_pay_gap_from_ordinary_pay_matches_the_hand_worked_extract_measure_by_measure(
    tmp_path, own_org, settings
):
    settings.SUPPRESSION_THRESHOLD = 0  # a dozen people: check the arithmetic, not the suppression
    path = write_extract(tmp_path / "esr.csv", hand_worked_extract(), header=PAY_HEADER)
    assert esr_extract_import(path=path, snapshot_date=ON).status == "imported"
    rows = exported()
    gov_uk = {metric.removeprefix("pay_gap.gov_uk."): r for metric, r in rows.items() if "gov_uk" in metric}

    # (a) Mean hourly: men (17 + 21 + 25 + 18.3333 + 12.50) / 5 = 18.7667; women (15 + 18 + 22 + 14 + 13) / 5
    # = 16.40; (18.7667 - 16.40) / 18.7667 = 12.61%.
    assert float(gov_uk["DiffMeanHourlyPercent"]["value"]) == 12.6
    # (b) Median hourly: men 18.3333 (12.50, 17, 18.33, 21, 25), women 15 (13, 14, 15, 18, 22): 18.18%.
    assert float(gov_uk["DiffMedianHourlyPercent"]["value"]) == 18.2
    # (c), (d) Bonus: men 1,000 and 300 (mean and median 650), women 500 and 250 (375): 42.31%.
    assert float(gov_uk["DiffMeanBonusPercent"]["value"]) == 42.3
    assert float(gov_uk["DiffMedianBonusPercent"]["value"]) == 42.3
    # (e) 2 of the 6 relevant men (1 to 6; the unpaid bank man 7 is not one) and 2 of the 6 relevant women.
    assert float(gov_uk["MaleBonusPercent"]["value"]) == 33.3
    assert float(gov_uk["FemaleBonusPercent"]["value"]) == 33.3
    assert value(rows, "pay_gap.gender.bonus.male.relevant_employees") == 6
    # (f) Ten full-pay relevant employees ranked: 12.50M 13F 14F | 15F 17M | 18F 18.33M 21M | 22F 25M
    # (sizes 3, 2, 3, 2: the two spare go to the lower and the upper middle quartiles).
    expected_quartiles = {
        "Lower": (33.3, 66.7),
        "LowerMiddle": (50.0, 50.0),
        "UpperMiddle": (66.7, 33.3),
        "Top": (50.0, 50.0),
    }
    for quartile, (men, women) in expected_quartiles.items():
        assert float(gov_uk[f"Male{quartile}Quartile"]["value"]) == men, quartile
        assert float(gov_uk[f"Female{quartile}Quartile"]["value"]) == women, quartile
    assert value(rows, "pay_gap.gender.population.total") == 10  # man 4 once, though he has two assignments
    # Every gov.uk column keeps its name, and the figure says it is the statutory one.
    assert list(gov_uk) == [
        "DiffMeanHourlyPercent", "DiffMedianHourlyPercent", "DiffMeanBonusPercent", "DiffMedianBonusPercent",
        "MaleBonusPercent", "FemaleBonusPercent", "MaleLowerQuartile", "FemaleLowerQuartile",
        "MaleLowerMiddleQuartile", "FemaleLowerMiddleQuartile", "MaleUpperMiddleQuartile",
        "FemaleUpperMiddleQuartile", "MaleTopQuartile", "FemaleTopQuartile",
    ]  # fmt: skip
    assert rows["pay_gap.gender.basis.kind"]["value"] == "statutory"
    assert rows["pay_gap.gender.basis.label"]["value"] == "Statutory figure"
    assert not gov_uk["DiffMeanHourlyPercent"]["note"]
    assert rows["pay_gap.ethnicity.basis.kind"]["value"] == "ordinary_pay"  # the method, not a statutory figure


def test_the_same_extract_with_basic_rates_only_is_labelled_an_estimate_on_every_pay_gap_figure(
    tmp_path, own_org, settings
):
    settings.SUPPRESSION_THRESHOLD = 0
    path = write_extract(tmp_path / "esr.csv", hand_worked_extract(), header=HEADER)  # no ordinary pay columns
    assert esr_extract_import(path=path, snapshot_date=ON).status == "imported"
    rows = exported()
    # Basic rates weighted by contracted hours: men 15, 20, 25, 18 (man 4's (20 x 20 + 14 x 10) / 30) and man 5
    # (full pay as far as a staff-in-post extract says: the leave column was not given); bank staff have no
    # hours. Men (15 + 20 + 25 + 18 + 20) / 5 = 19.6, women (15 + 15 + 22 + 13 + 15) / 5 = 16.0: 18.4%.
    assert float(rows["pay_gap.gov_uk.DiffMeanHourlyPercent"]["value"]) == 18.4
    assert rows["pay_gap.gender.basis.kind"]["value"] == "estimate"
    label = "Estimate from basic pay, not the statutory figure."

    def is_a_pay_figure(metric: str) -> bool:  # gaps and percentages, not counts of people
        return metric.endswith(("_gap", "percent_received")) or ".quartiles." in metric or ".gov_uk." in metric

    shown = [r for metric, r in rows.items() if is_a_pay_figure(metric) and r["value"] not in ("", "*")]
    assert len(shown) > 30 and all(r["note"] == label for r in shown)
    assert rows["pay_gap.by_band.gender.5.mean_hourly_gap"]["note"] == label
    assert not rows["pay_gap.gender.population.total"]["note"]  # a count of people, whatever the pay basis
