"""A scope's staff records counted once, in a form that adds up across scopes.

Every metric reads one of a few things from the staff records: counts of people by a handful of fields
(band tables, representation, declaration rates), the board members ESR flags, and for the pay gaps the
hourly rates and bonuses, sorted, by group. `WorkforceProfile.from_staff` reads the records once to
build these. `WorkforceProfile.combine` adds organisations' profiles into a place's or the ICS's without
reading the records again: counts add up and sorted lists merge. `metric_set.compute_metric_sets` profiles
each organisation once and combines the profiles for the places and the ICS; numbers worked out from a
profile (pay gap averages, quartile counts) are kept on it (`derived`), so rendering a scope's figures
through suppression a second time costs next to nothing.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from operator import attrgetter, itemgetter

from .declaration import DECLARATION_FIELDS
from .paygap_people import pay_groups

# The WRES/WDES headcount (primary assignments, no bank) is counted by these fields together.
HEADCOUNT_FIELDS = (
    "is_clinical",
    "pay_band",
    "medical_grade",
    "is_executive_board_member",
    "ethnic_group",
    "disability_group",
    "age_band",
)
# Everyone on a primary assignment, bank included (declaration rates), by organisation and answers.
PEOPLE_FIELDS = ("organisation_id", *DECLARATION_FIELDS)
# The pay gap groups: relevant employees are counted by these, and hourly rates and bonuses kept by them.
PAY_GROUP_FIELDS = ("sex", "ethnic_group", "disability_group")
HOURLY_FIELDS = (*PAY_GROUP_FIELDS, "pay_band")


def _sorted_by(members: Iterable, fields: tuple[str, ...], value: str) -> dict[tuple, list[float]]:
    """{combination of `fields` values: the members' `value`s, lowest first}."""
    key_of, value_of = attrgetter(*fields), attrgetter(value)
    lists: dict[tuple, list[float]] = {}
    for member in members:
        key = key_of(member)
        if key in lists:
            lists[key].append(value_of(member))
        else:
            lists[key] = [value_of(member)]
    for values in lists.values():
        values.sort()
    return lists


def _merge(mappings: Iterable[dict[tuple, list[float]]]) -> dict[tuple, list[float]]:
    merged: dict[tuple, list] = {}
    for mapping in mappings:
        for key, values in mapping.items():
            merged.setdefault(key, []).append(values)
    # Sorting the joined lists merges their sorted runs.
    return {key: sorted(chain.from_iterable(runs)) for key, runs in merged.items()}


def _merge_two(first: dict[tuple, list[float]], second: dict[tuple, list[float]]) -> dict[tuple, list[float]]:
    """`_merge` of two mappings, without sorting anything again when the second is empty (the usual case)."""
    return _merge((first, second)) if second else first


def _regroup(lists: dict[tuple, list[float]], fields: tuple[str, ...], wanted: tuple[str, ...]) -> dict:
    key_of = itemgetter(*(fields.index(field) for field in wanted))
    runs: dict = {}
    for key, values in lists.items():
        runs.setdefault(key_of(key), []).append(values)
    return {key: sorted(chain.from_iterable(group)) for key, group in runs.items()}


def _add(counters: Iterable[Counter]) -> Counter:
    total: Counter = Counter()
    for counter in counters:
        total.update(counter)
    return total


class WorkforceProfile:
    """What the metrics read from one scope's staff records.

    - `headcount`: a Counter of `HEADCOUNT_FIELDS` values over the WRES/WDES headcount (each person once,
      on their primary assignment, bank assignments left out);
    - `people`: a Counter of `PEOPLE_FIELDS` values over everyone on a primary assignment, bank included;
    - `board_members`: the primary assignments ESR flags as board members (StaffMember records);
    - `hourly`: the hourly rates of the employees in the hourly pay measures, lowest first, in a list
      for each combination of `HOURLY_FIELDS` values;
    - `relevant`: a Counter of `PAY_GROUP_FIELDS` values over the relevant employees (the bonus measures);
    - `bonuses`: the bonus pay of each relevant employee paid a bonus, lowest first, in a list for each
      combination of `PAY_GROUP_FIELDS` values;
    - `pay_basis`: how many relevant employees' pay came from ordinary pay (True, the statutory figure) and
      how many from basic rates only (False, an estimate).

    The pay gap fields count employees, each once however many assignments they hold (`paygap_people`).

    Keeping rates and bonuses in sorted lists by group means a place's or the ICS's are merged from its
    organisations' lists, and every average, median and quartile is read from sorted lists.
    """

    def __init__(self, headcount, people, board_members, hourly, relevant, bonuses, pay_basis):
        self.headcount: Counter = headcount
        self.people: Counter = people
        self.board_members: tuple = board_members
        self.hourly: dict[tuple, list[float]] = hourly
        self.relevant: Counter = relevant
        self.bonuses: dict[tuple, list[float]] = bonuses
        self.pay_basis: Counter = pay_basis
        self._tallies: dict = {}
        self._derived: dict = {}

    @classmethod
    def from_staff(cls, staff: Sequence) -> "WorkforceProfile":
        primary = [member for member in staff if member.is_primary_assignment]
        # The relevant employees: most as their own records (one assignment, basic rates), the rest gathered.
        plain, gathered = pay_groups(staff)
        employees = (plain, gathered)
        return cls(
            headcount=Counter(map(attrgetter(*HEADCOUNT_FIELDS), [m for m in primary if not m.is_bank])),
            people=Counter(map(attrgetter(*PEOPLE_FIELDS), primary)),
            board_members=tuple(member for member in primary if member.is_board_member),
            hourly=_merge_two(
                _sorted_by(
                    # `paygap_people.has_basic_rate`, written out: this runs once per staff member of the ICS.
                    [m for m in plain if m.is_full_pay_relevant and m.hourly_rate and m.contracted_hours > 0],
                    HOURLY_FIELDS,
                    "hourly_rate",
                ),
                _sorted_by((p for p in gathered if p.hourly_rate is not None), HOURLY_FIELDS, "hourly_rate"),
            ),
            relevant=_add(Counter(map(attrgetter(*PAY_GROUP_FIELDS), group)) for group in employees),
            bonuses=_merge_two(
                _sorted_by([m for m in plain if m.bonus_pay > 0], PAY_GROUP_FIELDS, "bonus_pay"),
                _sorted_by((p for p in gathered if p.bonus_pay > 0), PAY_GROUP_FIELDS, "bonus_pay"),
            ),
            pay_basis=Counter({False: len(plain)}) + Counter(map(attrgetter("statutory"), gathered)),
        )

    @classmethod
    def combine(cls, profiles: Iterable["WorkforceProfile"]) -> "WorkforceProfile":
        """The profile of several organisations' staff together (they are different people)."""
        profiles = list(profiles)
        if len(profiles) == 1:
            return profiles[0]
        return cls(
            headcount=_add(profile.headcount for profile in profiles),
            people=_add(profile.people for profile in profiles),
            board_members=tuple(chain.from_iterable(profile.board_members for profile in profiles)),
            hourly=_merge(profile.hourly for profile in profiles),
            relevant=_add(profile.relevant for profile in profiles),
            bonuses=_merge(profile.bonuses for profile in profiles),
            pay_basis=_add(profile.pay_basis for profile in profiles),
        )

    def hourly_rates_by(self, *fields: str) -> dict:
        """The hourly rates of the employees in the hourly measures, lowest first, by some of
        `HOURLY_FIELDS`: keyed by the value for one field (e.g. "male"), by a tuple for several."""
        return _regroup(self.hourly, HOURLY_FIELDS, fields)

    def bonuses_by(self, *fields: str) -> dict:
        """The bonuses of the relevant employees paid one, lowest first, by some of `PAY_GROUP_FIELDS`."""
        return _regroup(self.bonuses, PAY_GROUP_FIELDS, fields)

    def relevant_by(self, field: str) -> Counter:
        """The relevant employees (the bonus measures' population) counted by one `PAY_GROUP_FIELDS` field."""
        position = PAY_GROUP_FIELDS.index(field)
        counts: Counter = Counter()
        for key, count in self.relevant.items():
            counts[key[position]] += count
        return counts

    @property
    def headcount_total(self) -> int:
        return self.tally().get((), 0)

    def tally(self, *fields: str) -> Counter:
        """The headcount by some of `HEADCOUNT_FIELDS`: keyed by the value itself for one field, by a
        tuple of values for several, and by () for none (the total)."""
        if fields not in self._tallies:
            tally: Counter = Counter()
            if not fields:
                tally[()] = sum(self.headcount.values())
            else:
                key_of = itemgetter(*(HEADCOUNT_FIELDS.index(field) for field in fields))
                for key, count in self.headcount.items():
                    tally[key_of(key)] += count
            self._tallies[fields] = tally
        return self._tallies[fields]

    def derived(self, name: str, compute: Callable[["WorkforceProfile"], object]):
        """`compute(self)`, worked out once for this profile and kept (for numbers costly at ICS size)."""
        if name not in self._derived:
            self._derived[name] = compute(self)
        return self._derived[name]
