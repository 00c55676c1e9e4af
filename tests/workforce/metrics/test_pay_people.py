"""The pay gap's relevant employees, one per person, and their hourly rate: the edges of paygap_people."""

from workforce.metrics.paygap_people import pay_groups, pay_people

from .helpers import member


def only(staff) -> object:
    (person,) = pay_people(staff)
    return person


def test_a_person_on_one_assignment_with_a_key_is_paid_from_their_own_basic_rate():
    plain, people = pay_groups([member(employee_key="k1")])
    assert [m.employee_key for m in plain] == ["k1"] and people == []


def test_a_basic_rate_counts_from_one_contracted_hour():
    assert only([member(hourly_rate=15.0, contracted_hours=1.0)]).hourly_rate == 15.0


def test_ordinary_pay_of_nothing_leaves_an_employee_in_but_out_of_the_hourly_measures():
    person = only([member(ordinary_weekly_pay=0.0, contracted_hours=40)])
    assert person.hourly_rate is None and person.statutory is True


def test_a_bank_worker_paid_one_pound_for_one_hour_is_a_relevant_employee_on_1_00_an_hour():
    person = only([member(is_bank=True, ordinary_weekly_pay=1.0, contracted_hours=0, working_hours=1.0)])
    assert person.hourly_rate == 1.0


def test_ordinary_pay_without_hours_gives_no_hourly_rate():
    assert only([member(ordinary_weekly_pay=600.0, contracted_hours=0)]).hourly_rate is None


def test_a_person_with_no_primary_assignment_here_takes_the_first_assignment_s_details():
    # Their primary assignment is in another organisation: here they hold two others, Band 5 then Band 6.
    staff = [
        member(employee_key="k1", is_primary_assignment=False, pay_band="5", contracted_hours=20),
        member(employee_key="k1", is_primary_assignment=False, pay_band="6", contracted_hours=20),
    ]
    assert only(staff).pay_band == "5"


def test_a_person_takes_the_details_of_their_primary_assignment_wherever_it_is_listed():
    staff = [
        member(employee_key="k1", is_primary_assignment=False, pay_band="5", contracted_hours=20),
        member(employee_key="k1", pay_band="6", contracted_hours=20),
    ]
    assert only(staff).pay_band == "6"


def test_two_paid_bank_assignments_are_a_relevant_employee():
    # 300 + 300 a week for 20 + 20 hours: 15.00 an hour.
    staff = [
        member(employee_key="b1", is_bank=True, ordinary_weekly_pay=300.0, contracted_hours=0, working_hours=20.0),
        member(
            employee_key="b1",
            is_bank=True,
            is_primary_assignment=False,
            ordinary_weekly_pay=300.0,
            contracted_hours=0,
            working_hours=20.0,
        ),
    ]
    assert only(staff).hourly_rate == 15.0


def bank_pair(weekly: float, hours: float, is_bank: bool = True) -> list:
    return [
        member(employee_key="b1", is_bank=is_bank, ordinary_weekly_pay=weekly, contracted_hours=0, working_hours=hours),
        member(
            employee_key="b1",
            is_bank=is_bank,
            is_primary_assignment=False,
            ordinary_weekly_pay=weekly,
            contracted_hours=0,
            working_hours=hours,
        ),
    ]


def test_a_bank_worker_on_two_assignments_paid_nothing_in_the_period_is_nobody():
    assert pay_people(bank_pair(0.0, 10.0)) == []


def test_a_bank_worker_paid_fifty_pence_twice_for_half_an_hour_twice_is_on_1_00_an_hour():
    assert only(bank_pair(0.5, 0.5)).hourly_rate == 1.0


def test_a_non_bank_employee_on_two_assignments_paid_nothing_stays_out_of_the_hourly_measures_only():
    person = only(bank_pair(0.0, 10.0, is_bank=False))
    assert person.hourly_rate is None and person.statutory is True


def test_ordinary_pay_on_two_assignments_without_hours_gives_no_hourly_rate():
    assert only(bank_pair(300.0, 0.0, is_bank=False)).hourly_rate is None


def test_basic_rates_on_two_assignments_are_averaged_over_contracted_hours_from_one_hour():
    # 20.00 for 1 hour and 10.00 for 3 hours: (20 + 30) / 4 = 12.50 an hour.
    staff = [
        member(employee_key="k1", hourly_rate=20.0, contracted_hours=1.0),
        member(employee_key="k1", is_primary_assignment=False, hourly_rate=10.0, contracted_hours=3.0),
    ]
    assert only(staff).hourly_rate == 12.5


def test_an_assignment_with_hours_but_no_rate_adds_nothing_to_the_basic_rate():
    staff = [
        member(employee_key="k1", hourly_rate=16.0, contracted_hours=30.0),
        member(employee_key="k1", is_primary_assignment=False, hourly_rate=None, contracted_hours=10.0),
    ]
    assert only(staff).hourly_rate == 16.0


def test_one_basic_rate_among_two_assignments_is_the_person_s_rate():
    # A bank assignment with no contracted hours has no basic rate to add: the one rate left is theirs.
    staff = [
        member(employee_key="k1", hourly_rate=15.3, contracted_hours=37.5),
        member(employee_key="k1", is_primary_assignment=False, is_bank=True, hourly_rate=40.0, contracted_hours=0),
    ]
    assert only(staff).hourly_rate == 15.3


def test_a_rate_without_contracted_hours_adds_nothing_so_the_one_rate_left_is_exact():
    # 12.30 for 3 hours and 20.00 for no hours: the person is on 12.30 exactly (tied with anyone else on 12.30),
    # not (12.30 x 3 + 20.00 x 0) / 3, which is 12.300000000000002 in floating point.
    staff = [
        member(employee_key="k1", hourly_rate=12.3, contracted_hours=3.0),
        member(employee_key="k1", is_primary_assignment=False, hourly_rate=20.0, contracted_hours=0.0),
    ]
    assert only(staff).hourly_rate == 12.3
