"""The plain data the metric calculations read.

Phase 2 selectors build these from the stored staff records and the figures EDI leads enter; tests and
benchmarks build them by hand. Every field holds a plain value of `workforce.vocabulary` (a TextChoices
member or the same string), so the calculations never touch the ORM.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from workforce.vocabulary import DisabilityGroup, EthnicGroup


class StaffMember(NamedTuple):
    """One ESR assignment at the snapshot date, pseudonymised: no name, no identifier.

    `hourly_rate` is the assignment's basic hourly rate (from the extract, or its annual salary over its
    weekly hours); None when ESR gives none. `contracted_hours` is weekly. `bonus_pay` is the bonus paid in
    the 12 months to the snapshot date. `is_full_pay_relevant` is False for an assignment paid at a reduced
    rate or nil because of leave in the pay period (SI 2017/353 Schedule 1 paragraph 1).

    The pay gap fields an extract may add (`paygap_people` reads them): `employee_key` (the keyed hash of
    the employee number, so one person's assignments are counted as one employee), `ordinary_weekly_pay`
    (ordinary pay in the relevant pay period, with any bonus paid in it, times 7 / the days in the period:
    paragraph 6's weekly figure; None when the extract gives no ordinary pay) and `working_hours` (the
    weekly working hours that pay is for, paragraph 7; None: the contracted hours).

    A named tuple rather than a dataclass: a whole ICS snapshot is about 94,000 of them, and a tuple is
    made from a database row in one step (`StaffMember._make(row)`), several times faster.
    """

    organisation_id: int
    is_primary_assignment: bool
    is_bank: bool
    staff_group: str
    is_clinical: bool
    pay_band: str
    medical_grade: str
    fte: float
    contracted_hours: float
    hourly_rate: float | None
    bonus_pay: float
    is_full_pay_relevant: bool
    sex: str
    age_band: str
    ethnic_group: str
    disability_group: str
    sexual_orientation_declared: bool
    religion_declared: bool
    is_board_member: bool = False
    is_voting_board_member: bool = False
    is_executive_board_member: bool = False
    employee_key: str = ""
    ordinary_weekly_pay: float | None = None
    working_hours: float | None = None


@dataclass(frozen=True, slots=True)
class Shortlisting:
    """Applicants of one group shortlisted for posts in the year, and how many of them were appointed."""

    shortlisted: int
    appointed: int


@dataclass(frozen=True, slots=True)
class SurveyResult:
    """One NHS Staff Survey figure for one group: the percentage (or score) and how many answered."""

    value: float
    respondents: int


@dataclass(frozen=True, slots=True)
class BoardComposition:
    """Board members by group (ethnic or disability), for the whole board, voting and executive members."""

    all_members: Mapping[str, int]
    voting_members: Mapping[str, int]
    executive_members: Mapping[str, int]


@dataclass(frozen=True)
class OrganisationFigures:
    """The figures ESR does not hold, entered by an organisation's EDI lead for one reporting year.

    Group keys are `EthnicGroup` values (white, bme, unknown) or `DisabilityGroup` values (disabled,
    non_disabled, unknown). Missing figures are empty mappings or None, and the metrics that need them
    are reported as not computable.

    `wres_survey` is keyed by WRES indicator ("5".."8"); `wdes_survey` by WDES metric ("4a_i", "4a_ii",
    "4a_iii" for 4a(i)-(iii), "4b", "5", "6", "7", "8", "9a"). `facilitates_disabled_staff_voices` is
    WDES metric 9b (yes/no).
    Board figures, when entered, are used instead of the ESR board flags.
    """

    organisation_id: int
    year: int
    recruitment_by_ethnicity: Mapping[str, Shortlisting] = field(default_factory=dict)
    recruitment_by_disability: Mapping[str, Shortlisting] = field(default_factory=dict)
    entering_disciplinary_by_ethnicity: Mapping[str, int] = field(default_factory=dict)
    entering_capability_by_disability: Mapping[str, int] = field(default_factory=dict)
    non_mandatory_training_by_ethnicity: Mapping[str, int] = field(default_factory=dict)
    wres_survey: Mapping[str, Mapping[str, SurveyResult]] = field(default_factory=dict)
    wdes_survey: Mapping[str, Mapping[str, SurveyResult]] = field(default_factory=dict)
    facilitates_disabled_staff_voices: bool | None = None
    board_by_ethnicity: BoardComposition | None = None
    board_by_disability: BoardComposition | None = None


ETHNIC_GROUPS = (EthnicGroup.WHITE.value, EthnicGroup.BME.value, EthnicGroup.UNKNOWN.value)
DISABILITY_GROUPS = (
    DisabilityGroup.NON_DISABLED.value,
    DisabilityGroup.DISABLED.value,
    DisabilityGroup.UNKNOWN.value,
)


def headcount_population(staff):
    """The WRES/WDES headcount: each person once (primary assignment), bank assignments excluded."""
    return [member for member in staff if member.is_primary_assignment and not member.is_bank]
