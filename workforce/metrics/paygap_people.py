"""Who is in the pay gap measures, one record per employee, and each employee's hourly rate of pay.

The regulations (SI 2017/353 Schedule 1) count *employees*: a "relevant employee" is a person employed on the
snapshot date (paragraph 1), and a "full-pay relevant employee" one who is not, during the relevant pay period
(the pay period the snapshot date falls in), paid at a reduced rate or nil because of leave. ESR holds one row
per *assignment*, so the rows are first gathered into employees.

More than one assignment. GOV.UK's guidance ("Who needs to report", updated 9 January 2024) lets an employer
count an employee with more than one job "either as o[ne] ..." (the stored copy of the page stops there, so the
rest of the sentence, and any condition on the choice, could not be read; a payroll article restating it says
"you can choose to count this as one"). The portal counts each person once, in all six measures: their
assignments' ordinary pay and weekly working hours are added up into one hourly rate (as payroll software
does for "multiple roles": "both are added together and then the calculation performed", Staffology's
gender pay gap help), their bonuses are added up, and they are a full-pay relevant employee only if no
assignment was paid at a reduced rate or nil because of leave. Their sex, ethnic group, disability and pay
band are their primary assignment's.

The hourly rate (paragraph 6 as the private-sector twin, SI 2017/172 regulation 6, words it; the public-sector
paragraph could not be read): the ordinary pay (basic pay, allowances, shift premium pay, pay for leave; not
overtime, redundancy or pay in lieu of leave: paragraph 3) and any bonus pay paid in the relevant pay period,
times 7 / the number of days in the pay period, divided by the weekly working hours (paragraph 7: the
contracted weekly hours, or for variable hours the average of the 12 weeks before). The extract gives the
first as `ordinary_weekly_pay` and the second as `working_hours` (the contracted hours when not given).

Bank workers are relevant employees when they were paid in the relevant pay period (the issue's rule; XpertHR,
on the draft regulations: a zero-hours worker who did no work in the period "should not be included"; other
secondary sources disagree and the GOV.UK section could not be read). A person whose only assignments are
bank and who was paid nothing in the period is left out of every measure.

An extract without ordinary pay (basic rates only) is still measured, as an estimate: the hourly rate is the
assignments' basic rates weighted by their contracted hours, bank staff without hours cannot be ranked, and
everyone is a relevant employee for the bonus measures. Such a person is marked `statutory=False`, and every
figure built from anyone so marked says it is an estimate from basic pay, not the statutory figure.
"""

from collections.abc import Iterable, Sequence
from typing import NamedTuple


class PayPerson(NamedTuple):
    """One relevant employee, as the pay gap measures count them."""

    organisation_id: int
    sex: str
    ethnic_group: str
    disability_group: str
    pay_band: str
    hourly_rate: float | None  # None: not in the hourly measures (not full pay, or no pay or hours to rank by)
    bonus_pay: float  # bonus pay in the 12 months to the snapshot date, all assignments
    statutory: bool  # True: from ordinary pay in the pay period; False: an estimate from basic rates


def pay_people(staff: Iterable) -> list[PayPerson]:
    """The relevant employees among the assignments (StaffMember records), one each (see the module docstring).

    Assignments with the same `employee_key` in the same organisation are one person, found through the
    assignments that are not primary (everyone has one primary assignment, as the headcount assumes too); an
    assignment without a key (records built by hand) is a person of its own."""
    plain, people = pay_groups(staff)
    return [person for person in map(_alone, plain) if person is not None] + people


def pay_groups(staff: Iterable) -> tuple[list, list[PayPerson]]:
    """`pay_people` in two parts, for speed at ICS size: the people on one assignment paid from basic rates only,
    as their StaffMember records (their own `hourly_rate` is their rate, when they are full pay and have hours
    and a rate: `has_basic_rate`), and everyone else as PayPerson. Both have the fields the profile groups by."""
    staff = list(staff)
    # Whoever holds more than one assignment holds one that is not their primary: only their keys need gathering.
    shared = {member.employee_key for member in staff if not member.is_primary_assignment and member.employee_key}
    single = [member for member in staff if member.employee_key not in shared] if shared else staff
    plain = [member for member in single if member.ordinary_weekly_pay is None]
    people = (
        [_alone(member) for member in single if member.ordinary_weekly_pay is not None]
        if len(plain) < len(single)
        else []
    )
    by_person: dict[tuple, list] = {}
    for member in [member for member in staff if member.employee_key in shared] if shared else ():
        by_person.setdefault((member.organisation_id, member.employee_key), []).append(member)
    people += [_person(assignments) for assignments in by_person.values()]
    return plain, [person for person in people if person is not None]


def has_basic_rate(member) -> bool:
    """A single-assignment, basic-rate person who is in the hourly measures (full pay, a rate and hours)."""
    return bool(member.is_full_pay_relevant and member.hourly_rate and member.contracted_hours > 0)


def _alone(member) -> PayPerson | None:
    """`_person` of a single assignment."""
    weekly = member.ordinary_weekly_pay
    if weekly is None:
        rate = member.hourly_rate if has_basic_rate(member) else None
    else:
        if weekly <= 0 and member.is_bank:
            return None  # a bank worker not paid in the relevant pay period
        hours = member.working_hours if member.working_hours is not None else member.contracted_hours
        rate = weekly / hours if weekly > 0 and hours > 0 else None
    return PayPerson(
        member.organisation_id,
        member.sex,
        member.ethnic_group,
        member.disability_group,
        member.pay_band,
        rate if member.is_full_pay_relevant else None,
        member.bonus_pay,
        weekly is not None,
    )


def _person(assignments: Sequence) -> PayPerson | None:
    """One employee from their assignments, or None when they are not a relevant employee (one pass over them)."""
    first = assignments[0]
    full_pay = statutory = all_bank = True
    weekly_pay = weekly_hours = basic_pay = basic_hours = bonus = 0.0
    basic_rates = []
    for member in assignments:
        if member.is_primary_assignment and not first.is_primary_assignment:
            first = member
        full_pay = full_pay and bool(member.is_full_pay_relevant)
        all_bank = all_bank and bool(member.is_bank)
        bonus += member.bonus_pay
        if member.ordinary_weekly_pay is None:
            statutory = False
        else:
            weekly_pay += member.ordinary_weekly_pay
            weekly_hours += _working_hours(member)
        if member.hourly_rate and member.contracted_hours > 0:
            basic_rates.append(member.hourly_rate)
            basic_pay += member.hourly_rate * member.contracted_hours
            basic_hours += member.contracted_hours
    if statutory:
        if weekly_pay <= 0 and all_bank:
            return None  # a bank worker not paid in the relevant pay period
        pay, hours = weekly_pay, weekly_hours
    elif len(basic_rates) == 1:
        # The rate itself, not rate x hours / hours, which can differ from it in the last binary digit and so
        # split people on the same rate who must be ranked as a tie (paragraph 13(2)).
        pay, hours = basic_rates[0], 1.0
    else:
        pay, hours = basic_pay, basic_hours
    rate = pay / hours if full_pay and pay > 0 and hours > 0 else None
    return PayPerson(
        first.organisation_id,
        first.sex,
        first.ethnic_group,
        first.disability_group,
        first.pay_band,
        rate,
        bonus,
        statutory,
    )


def _working_hours(member) -> float:
    return member.working_hours if member.working_hours is not None else member.contracted_hours
