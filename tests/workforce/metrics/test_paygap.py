import pytest

from workforce.metrics.paygap import (
    hourly_pay_population,
    pay_gaps,
    quartile_counts,
    quartile_sizes,
)
from workforce.metrics.suppression import GROUP_BELOW_THRESHOLD, NOT_COMPUTABLE_ZERO_DENOMINATOR

from .helpers import member, people

GOV_UK_COLUMNS = [
    "DiffMeanHourlyPercent",
    "DiffMedianHourlyPercent",
    "DiffMeanBonusPercent",
    "DiffMedianBonusPercent",
    "MaleBonusPercent",
    "FemaleBonusPercent",
    "MaleLowerQuartile",
    "FemaleLowerQuartile",
    "MaleLowerMiddleQuartile",
    "FemaleLowerMiddleQuartile",
    "MaleUpperMiddleQuartile",
    "FemaleUpperMiddleQuartile",
    "MaleTopQuartile",
    "FemaleTopQuartile",
]


def hand_worked_staff():
    """Men: 10, 12, 14, 20 an hour (mean 14, median 13); women: 9, 10, 11, 12, 13 (mean 11, median 11).

    Bonuses: men 100 and 300 (2 of 4); women 50 and 150 (2 of 5).
    """
    men = [(10, 0), (12, 100), (14, 300), (20, 0)]
    women = [(9, 50), (10, 0), (11, 0), (12, 0), (13, 150)]
    return [member(sex="male", hourly_rate=rate, bonus_pay=bonus) for rate, bonus in men] + [
        member(sex="female", hourly_rate=rate, bonus_pay=bonus) for rate, bonus in women
    ]


def test_mean_and_median_hourly_gaps_are_men_minus_women_over_men_to_one_decimal_place():
    gender = pay_gaps(hand_worked_staff(), threshold=0)["gender"]
    assert gender["mean_hourly_gap"].value == 21.4  # (14 - 11) / 14 = 21.43%
    assert gender["median_hourly_gap"].value == 15.4  # (13 - 11) / 13 = 15.38%


def test_bonus_gaps_are_among_those_paid_a_bonus_and_the_proportions_receiving_one():
    gender = pay_gaps(hand_worked_staff(), threshold=0)["gender"]
    assert gender["mean_bonus_gap"].value == 50.0  # men 200, women 100
    assert gender["median_bonus_gap"].value == 50.0
    assert gender["bonus"]["male"]["percent_received"].value == 50.0  # 2 of 4
    assert gender["bonus"]["female"]["percent_received"].value == 40.0  # 2 of 5


def test_quartiles_share_people_on_the_same_rate_who_straddle_a_boundary_in_proportion():
    # Ranked: 9F 10M 10F | 11F 12M | 12F 13F | 14M 20M (9 people: 3, 2, 2, 2).
    # The two people on 12 straddle the 2nd/3rd boundary: each quartile gets half a man and half a woman.
    rates = [9, 10, 10, 11, 12, 12, 13, 14, 20]
    male = [False, True, False, False, True, False, False, True, True]
    assert quartile_counts(rates, male) == [(1, 2), (0.5, 1.5), (0.5, 1.5), (2, 0)]
    gender = pay_gaps(hand_worked_staff(), threshold=0)["gender"]
    assert gender["quartiles"]["lower"]["male"].value == 33.3
    assert gender["quartiles"]["lower_middle"]["male"].value == 25.0
    assert gender["quartiles"]["upper_middle"]["female"].value == 75.0
    assert gender["quartiles"]["upper"]["male"].value == 100.0


def test_a_tie_spanning_every_quartile_keeps_the_same_male_female_ratio_in_each():
    rates = [15.0] * 8
    male = [True, True] + [False] * 6
    assert quartile_counts(rates, male) == [(0.5, 1.5)] * 4


@pytest.mark.parametrize(
    "count, sizes",
    [(8, (2, 2, 2, 2)), (9, (3, 2, 2, 2)), (10, (3, 2, 3, 2)), (11, (3, 3, 3, 2)), (3, (1, 1, 1, 0))],
)
def test_quartile_sizes_spread_a_remainder_to_the_lower_then_upper_middle_then_lower_middle(count, sizes):
    assert quartile_sizes(count) == sizes
    assert sum(quartile_sizes(count)) == count


def test_employees_with_no_hours_or_no_hourly_rate_are_left_out_of_the_hourly_measures():
    extra = [
        member(sex="female", hourly_rate=1.0, contracted_hours=0),
        member(sex="female", hourly_rate=None),
        member(sex="male", hourly_rate=0.0),
    ]
    assert len(hourly_pay_population(hand_worked_staff() + extra)) == 9
    gender = pay_gaps(hand_worked_staff() + extra, threshold=0)["gender"]
    assert gender["mean_hourly_gap"].value == 21.4
    assert gender["median_hourly_gap"].value == 15.4


def test_staff_on_reduced_pay_are_out_of_hourly_measures_but_in_the_bonus_measures():
    staff = hand_worked_staff() + [member(sex="male", hourly_rate=100.0, bonus_pay=0, is_full_pay_relevant=False)]
    gender = pay_gaps(staff, threshold=0)["gender"]
    assert gender["mean_hourly_gap"].value == 21.4
    assert gender["bonus"]["male"]["percent_received"].value == 40.0  # 2 of 5 relevant men


def test_everyone_unknown_is_not_computable_and_does_not_crash():
    staff = people(20, sex="unknown", ethnic_group="unknown", disability_group="unknown", bonus_pay=10.0)
    result = pay_gaps(staff)
    for characteristic in ("gender", "ethnicity", "disability"):
        gap = result[characteristic]["mean_hourly_gap"]
        assert gap.value is None and gap.reason == NOT_COMPUTABLE_ZERO_DENOMINATOR
        reference = result[characteristic]["reference_group"]
        assert result[characteristic]["quartiles"]["lower"][reference].value is None
    assert all(result["gov_uk"][column].value is None for column in GOV_UK_COLUMNS)


def test_no_one_at_all_is_not_computable():
    result = pay_gaps([])
    assert result["gov_uk"]["DiffMeanHourlyPercent"].reason == NOT_COMPUTABLE_ZERO_DENOMINATOR


def test_gov_uk_columns_are_all_present_and_named_as_on_the_service():
    columns = pay_gaps(hand_worked_staff(), threshold=0)["gov_uk"]
    assert list(columns) == GOV_UK_COLUMNS
    assert columns["DiffMeanHourlyPercent"].value == 21.4
    assert columns["FemaleBonusPercent"].value == 40.0
    assert columns["MaleTopQuartile"].value == 100.0


def test_pay_gaps_from_fewer_people_than_the_threshold_are_withheld():
    gender = pay_gaps(hand_worked_staff())["gender"]  # 4 men, 5 women, threshold 7
    assert gender["mean_hourly_gap"].suppressed
    assert gender["mean_hourly_gap"].reason == GROUP_BELOW_THRESHOLD


def test_the_same_measures_by_ethnicity_use_white_staff_as_the_reference():
    staff = people(40, ethnic_group="white", hourly_rate=20.0) + people(40, ethnic_group="bme", hourly_rate=18.0)
    staff += people(5, ethnic_group="unknown", hourly_rate=50.0)
    ethnicity = pay_gaps(staff)["ethnicity"]
    assert ethnicity["mean_hourly_gap"].value == 10.0  # (20 - 18) / 20, Unknown left out
    assert ethnicity["quartiles"]["upper"]["white"].value == 100.0  # the Unknown top earners are not ranked
    assert ethnicity["quartiles"]["lower"]["bme"].value == 100.0


def test_the_same_measures_by_disability_use_non_disabled_staff_as_the_reference():
    staff = people(10, disability_group="non_disabled", hourly_rate=20.0)
    staff += people(10, disability_group="disabled", hourly_rate=21.0)
    disability = pay_gaps(staff)["disability"]
    assert disability["median_hourly_gap"].value == -5.0


def test_the_gap_within_each_agenda_for_change_band():
    staff = people(10, pay_band="5", sex="male", hourly_rate=17.0) + people(
        10, pay_band="5", sex="female", hourly_rate=16.0
    )
    staff += people(10, pay_band="6", sex="female", hourly_rate=21.0)
    by_band = pay_gaps(staff)["by_band"]["gender"]
    assert by_band["5"]["mean_hourly_gap"].value == 5.9  # (17 - 16) / 17
    assert by_band["6"]["mean_hourly_gap"].reason == NOT_COMPUTABLE_ZERO_DENOMINATOR
    assert by_band["6"]["headcount"]["female"].value == 10


def test_a_person_with_two_assignments_is_one_employee_in_every_measure():
    # One man: 30 h at 20.00 and 10 h at 12.00 -> (600 + 120) / 40 = 18.00 an hour; bonuses 100 + 50, once.
    first = member(sex="male", employee_key="k1", contracted_hours=30, hourly_rate=20.0, bonus_pay=100)
    second = member(
        sex="male", employee_key="k1", contracted_hours=10, hourly_rate=12.0, bonus_pay=50, is_primary_assignment=False
    )
    staff = [first, second] + people(8, sex="male", hourly_rate=18.0) + people(9, sex="female", hourly_rate=18.0)
    gender = pay_gaps(staff)["gender"]
    assert gender["population"]["male"].value == 9  # not 10
    assert gender["mean_hourly_gap"].value == 0.0  # 18.00 like everyone else
    assert gender["bonus"]["male"]["relevant_employees"].value == 9
    assert gender["bonus"]["male"]["received"].display == "*"  # one recipient, not two
    assert [person.bonus_pay for person in hourly_pay_population(staff) if person.bonus_pay] == [150]


def test_from_ordinary_pay_bank_staff_count_when_paid_and_leave_on_any_assignment_takes_a_person_out():
    # Weekly ordinary pay / weekly working hours: 600 / 40 = 15.00; a bank worker paid 300 a week for 20 hours
    # (hours in the period, as weekly hours) = 15.00; a bank worker not paid in the period is nobody.
    def paid(weekly_pay, **extra):
        return member(**{"ordinary_weekly_pay": weekly_pay, "contracted_hours": 40, **extra})

    staff = [paid(600.0, sex="male") for _ in range(8)] + [paid(600.0, sex="female") for _ in range(8)]
    staff += [paid(300.0, sex="female", is_bank=True, contracted_hours=0, working_hours=20.0)]
    staff += [paid(0.0, sex="female", is_bank=True, contracted_hours=0, bonus_pay=500)]
    # Two assignments, one on reduced pay because of leave: the person is not a full-pay relevant employee.
    staff += [
        paid(300.0, sex="male", employee_key="k2", contracted_hours=20),
        paid(
            100.0,
            sex="male",
            employee_key="k2",
            contracted_hours=20,
            is_full_pay_relevant=False,
            is_primary_assignment=False,
        ),
    ]
    gender = pay_gaps(staff)["gender"]
    assert [p.hourly_rate for p in hourly_pay_population(staff)] == [15.0] * 17
    assert gender["population"]["female"].value == 9 and gender["population"]["male"].value == 8
    assert gender["bonus"]["female"]["relevant_employees"].value == 9  # not the unpaid bank worker
    assert gender["bonus"]["male"]["relevant_employees"].value == 9  # the man on leave still counts here
    assert gender["basis"].kind == "statutory"
    assert pay_gaps(staff)["ethnicity"]["basis"].kind == "ordinary_pay"
    assert pay_gaps(people(20))["gender"]["basis"].kind == "estimate"
