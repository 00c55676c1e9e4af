"""A scope's profile at its edges (one hour, a bonus of 1.00, two organisations, nobody) and the readings'
edges (a gap that rounds to 100p, half a penny, no difference, half a point)."""

from workforce.metrics.likelihood import relative_likelihood
from workforce.metrics.profile import WorkforceProfile
from workforce.metrics.readings import board_reading, likelihood_reading, pay_gap_reading
from workforce.metrics.suppression import Figure

from .helpers import member, people


def test_a_basic_rate_on_one_contracted_hour_is_in_the_hourly_measures():
    profile = WorkforceProfile.from_staff([member(hourly_rate=15.0, contracted_hours=1.0)])
    assert profile.hourly_rates_by("sex") == {"female": [15.0]}


def test_a_bonus_of_one_pound_is_a_bonus_on_one_assignment_or_two():
    two_assignments = [
        member(sex="male", employee_key="k1", bonus_pay=0.5),
        member(sex="male", employee_key="k1", bonus_pay=0.5, is_primary_assignment=False),
    ]
    profile = WorkforceProfile.from_staff([member(bonus_pay=1.0), *two_assignments])
    assert profile.bonuses_by("sex") == {"female": [1.0], "male": [1.0]}


def test_two_organisations_profiles_add_up():
    first = WorkforceProfile.from_staff(people(10, organisation_id=1))
    second = WorkforceProfile.from_staff(people(15, organisation_id=2, sex="male", hourly_rate=20.0))
    both = WorkforceProfile.combine([first, second])
    assert both.headcount_total == 25
    assert both.hourly_rates_by("sex") == {"female": [15.0] * 10, "male": [20.0] * 15}


def test_nobody_is_a_headcount_of_zero():
    assert WorkforceProfile.from_staff([]).headcount_total == 0


def test_a_pay_gap_is_read_in_whole_pence_rounded_half_up():
    # 100 - 13.5 = 86.5p -> 87p (half up, not to the even 86p); 100 - 0.4 = 99.6p -> £1, "also".
    assert pay_gap_reading(Figure(13.5)) == "For every £1 men earn, women earn 87p."
    assert pay_gap_reading(Figure(0.4)) == "For every £1 men earn, women also earn £1."
    assert pay_gap_reading(Figure(-0.6)) == "For every £1 men earn, women earn £1.01."


def test_a_likelihood_of_an_event_without_an_infinitive_is_read_with_its_own_words():
    likelihood = relative_likelihood(
        60, 100, 30, 100, first_group="White staff", second_group="BME staff", event="promoted within a year"
    )
    assert likelihood_reading(likelihood) == "White staff are 2 times as likely as BME staff promoted within a year."


def test_board_readings_for_no_difference_and_half_a_point():
    assert board_reading(Figure(0.0)) == "BME people make up the same share of the board as of the workforce."
    assert board_reading(Figure(0.5)) == (
        "BME people make up 0.5 percentage points more of the board than of the workforce."
    )
