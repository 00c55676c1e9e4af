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

    Assignments with the same `employee_key` in the same organisation are one person; an assignment without a
    key (records built by hand) is a person of its own."""
    by_person: dict = {}
    people: list[PayPerson] = []
    for member in staff:
        key = member.employee_key
        if not key:
            person = _person((member,))
            if person is not None:
                people.append(person)
            continue
        found = by_person.get((member.organisation_id, key))
        if found is None:
            by_person[(member.organisation_id, key)] = [member]
        else:
            found.append(member)
    for assignments in by_person.values():
        person = _person(assignments)
        if person is not None:
            people.append(person)
    return people


def _person(assignments: Sequence) -> PayPerson | None:
    """One employee from their assignments, or None when they are not a relevant employee."""
    first = assignments[0]
    if len(assignments) > 1:
        first = next((member for member in assignments if member.is_primary_assignment), first)
    full_pay = all(member.is_full_pay_relevant for member in assignments)
    if all(member.ordinary_weekly_pay is not None for member in assignments):
        pay = sum(member.ordinary_weekly_pay for member in assignments)
        if pay <= 0 and all(member.is_bank for member in assignments):
            return None  # a bank worker not paid in the relevant pay period
        hours = sum(_working_hours(member) for member in assignments)
        statutory = True
    else:
        hours = pay = 0.0
        paid = [member for member in assignments if member.hourly_rate and member.contracted_hours > 0]
        for member in paid:
            hours += member.contracted_hours
            pay += member.hourly_rate * member.contracted_hours
        if len(paid) == 1:
            # The rate itself, not rate x hours / hours, which can differ from it in the last binary digit and
            # so split people on the same rate who must be ranked as a tie (paragraph 13(2)).
            pay, hours = paid[0].hourly_rate, 1.0
        statutory = False
    rate = pay / hours if full_pay and pay > 0 and hours > 0 else None
    return PayPerson(
        first.organisation_id,
        first.sex,
        first.ethnic_group,
        first.disability_group,
        first.pay_band,
        rate,
        sum(member.bonus_pay for member in assignments),
        statutory,
    )


def _working_hours(member) -> float:
    return member.working_hours if member.working_hours is not None else member.contracted_hours
