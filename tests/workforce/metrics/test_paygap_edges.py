"""Pay gaps at their edges: the group-size threshold, the notes, the gaps within a band and the basis label."""

from workforce.metrics.basis import ESTIMATE, ORDINARY_PAY, STATUTORY, FigureBasis
from workforce.metrics.paygap import _whole_people, pay_basis, pay_gap_figures, pay_gaps
from workforce.metrics.paygap_numbers import pay_gap_numbers, pay_gap_numbers_of
from workforce.metrics.profile import WorkforceProfile
from workforce.metrics.suppression import (
    GROUP_BELOW_THRESHOLD,
    NOT_COMPUTABLE_ZERO_DENOMINATOR,
    Figure,
    Suppressor,
)

from .helpers import people


def men_and_women(men: int, women: int) -> list:
    """Men on 20.00 an hour, women on 18.00: a 10.0% gap in mean and median."""
    return people(men, sex="male", hourly_rate=20.0) + people(women, sex="female", hourly_rate=18.0)


def pay_gaps_numbers(staff):
    return pay_gap_numbers_of(WorkforceProfile.from_staff(staff))["gender"]


def test_a_pay_gap_between_two_groups_of_exactly_seven_is_shown():
    assert pay_gaps(men_and_women(7, 7))["gender"]["mean_hourly_gap"].value == 10.0
    assert pay_gaps(men_and_women(7, 30))["gender"]["median_hourly_gap"].value == 10.0
    assert pay_gaps(men_and_women(30, 7))["gender"]["median_hourly_gap"].value == 10.0


def test_a_pay_gap_is_withheld_when_only_one_of_the_two_groups_is_under_the_threshold():
    for men, women in ((6, 30), (30, 6)):
        gender = pay_gaps(men_and_women(men, women))["gender"]
        assert gender["mean_hourly_gap"].reason == GROUP_BELOW_THRESHOLD
        assert gender["median_hourly_gap"].reason == GROUP_BELOW_THRESHOLD


def test_a_gap_with_nobody_in_a_group_names_that_group():
    assert pay_gaps(people(10, sex="female"))["gender"]["mean_hourly_gap"].note == "There are no men in this measure."
    assert pay_gaps(people(10, sex="male"))["gender"]["mean_hourly_gap"].note == "There are no women in this measure."


def band_staff() -> list:
    """Band 5 men: 7 on 17.00 and 4 on 28.00 (11: mean 21.00, median 17.00). Women: 9 on 16.00 (mean = median = 16.00).
    Mean gap (21 - 16) / 21 = 23.8%; median gap (17 - 16) / 17 = 5.9%. Headcounts: 11 men, 9 women.
    """
    men = people(7, pay_band="5", sex="male", hourly_rate=17.0) + people(4, pay_band="5", sex="male", hourly_rate=28.0)
    return men + people(9, pay_band="5", sex="female", hourly_rate=16.0)


def test_the_gap_within_a_band_takes_the_mean_from_means_and_the_median_from_medians():
    band_5 = pay_gaps(band_staff())["by_band"]["gender"]["5"]
    assert band_5["mean_hourly_gap"].value == 23.8
    assert band_5["median_hourly_gap"].value == 5.9


def test_the_headcounts_within_a_band_are_the_men_and_the_women():
    band_5 = pay_gaps(band_staff())["by_band"]["gender"]["5"]
    assert band_5["headcount"]["male"].value == 11
    assert band_5["headcount"]["female"].value == 9


def test_gaps_within_a_band_from_basic_rates_say_they_are_estimates():
    band_5 = pay_gaps(band_staff())["by_band"]["gender"]["5"]
    assert band_5["mean_hourly_gap"].note == "Estimate from basic pay, not the statutory figure."


def test_whole_people_round_shares_down_then_give_the_largest_remainders_the_people_left():
    # 2.6 + 1.3 + 1.1 = 5: floors 2, 1, 1 and the one left goes to the largest remainder (0.6).
    assert _whole_people([2.6, 1.3, 1.1]) == [3, 1, 1]
    assert _whole_people([0.5, 1.5, 0.5, 1.5]) == [1, 2, 0, 1]
    # A share a hair under a whole number (floating error) is that whole number.
    assert _whole_people([0.1 + 0.2 + 0.7, 2.0]) == [1, 2]
    assert _whole_people([3.0 - 1e-12, 1.0 + 1e-12]) == [3, 1]


def test_the_basis_of_a_pay_gap_is_statutory_only_when_everyone_is_paid_from_ordinary_pay():
    assert pay_basis({True: 5}, statutory=True).kind == STATUTORY
    assert pay_basis({True: 5}).kind == ORDINARY_PAY
    assert pay_basis({True: 5, False: 1}, statutory=True).kind == ESTIMATE
    assert pay_basis({False: 5}, statutory=True).kind == ESTIMATE
    assert pay_basis({}, statutory=True).kind == ESTIMATE  # nobody at all: not a statutory figure
    assert pay_basis({False: 5}).detail.startswith("The ESR extract gives basic rates only")
    assert pay_basis({True: 1, False: 5}).detail.startswith("Part of this scope's ESR extracts")


def test_an_estimate_labels_a_shown_figure_and_leaves_a_hidden_or_already_noted_one_alone():
    estimate, statutory = FigureBasis(ESTIMATE), FigureBasis(STATUTORY)
    assert estimate.mark(Figure(12.5)).note == "Estimate from basic pay, not the statutory figure."
    assert statutory.mark(Figure(12.5)).note == ""
    assert estimate.mark(Figure.withheld(GROUP_BELOW_THRESHOLD)).note == ""
    noted = Figure.not_computable(NOT_COMPUTABLE_ZERO_DENOMINATOR, "There are no men in this measure.")
    assert estimate.mark(noted).note == "There are no men in this measure."
    assert estimate.mark(Figure(0.0, note="As entered.")).note == "As entered."


def test_gaps_within_a_band_from_ordinary_pay_carry_no_estimate_label():
    # 600 a week for 40 hours (15.00) for 8 men, 480 (12.00) for 8 women: (15 - 12) / 15 = 20.0%.
    staff = people(8, sex="male", ordinary_weekly_pay=600.0, contracted_hours=40)
    staff += people(8, sex="female", ordinary_weekly_pay=480.0, contracted_hours=40)
    band_5 = pay_gaps(staff)["by_band"]["gender"]["5"]
    assert band_5["mean_hourly_gap"].value == 20.0
    assert band_5["mean_hourly_gap"].note == ""


def test_the_quartile_table_is_recorded_as_not_adding_up_across_organisations():
    suppressor = Suppressor(7)
    pay_gap_figures(pay_gaps_numbers(men_and_women(8, 8)), ("men", "women"), suppressor)
    additive = {table.name: table.additive for table in suppressor.tables}
    assert additive == {"paygap.male.quartiles": False, "paygap.male.bonus": True}


def test_bonus_populations_read_a_group_with_no_relevant_employees_as_zero():
    numbers = pay_gap_numbers([20.0], [18.0], [], [], {}, "male", "female")
    assert numbers.relevant == {"male": 0, "female": 0}
