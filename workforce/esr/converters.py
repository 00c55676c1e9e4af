"""Convert one group of an ESR row's columns (job, pay, characteristics, ...) into staff record values.

Each converter takes the raw values of its group and returns the converted values as text, ready for
PostgreSQL COPY, or raises GroupError with every value that is wrong. The reader calls each converter
once per distinct combination of raw values and caches the result.
"""

from calendar import monthrange
from datetime import date

from workforce.esr import values
from workforce.vocabulary import (
    AssignmentCategory,
    PayBand,
    ethnic_group_for,
    is_clinical_staff_group,
)

NULL = "\\N"  # COPY's NULL; the SQLite writer turns it into None
WEEKS_PER_YEAR = 52.143  # 365.25 / 7, as gender pay gap guidance uses

# Each group of columns is converted together and cached on the tuple of its raw values: an extract has
# a few thousand distinct combinations, so most rows cost one dictionary lookup per group.
FLAG_FIELDS = ("primary_assignment", "board_member", "voting_board_member", "executive_board_member")
JOB_FIELDS = ("staff_group", "occupation_code", "job_role", "pay_band", "medical_grade", "assignment_category")
PAY_FIELDS = ("fte", "contracted_hours", "hourly_rate", "annual_salary", "bonus_pay", "full_pay_relevant")
PEOPLE_FIELDS = ("gender", "ethnic_origin", "disability", "sexual_orientation", "religion")
AGE_FIELDS = ("date_of_birth", "age_band")
# The gender pay gap's figures for the pay period the snapshot date falls in: distinct on nearly every row when
# given, so kept apart from PAY_FIELDS, whose few thousand combinations stay cached.
PERIOD_FIELDS = (
    "ordinary_pay", "period_bonus_pay", "pay_period_days", "weekly_working_hours", "period_hours", "reduced_pay_leave",
)  # fmt: skip

# The order of the values in a converted row; the writer names these columns for COPY.
STAFF_RECORD_COLUMNS = (
    "employee_key", "assignment_key",
    "is_primary_assignment", "is_board_member", "is_voting_board_member", "is_executive_board_member",
    "staff_group", "occupation_code", "job_role", "pay_band", "medical_grade", "is_clinical", "assignment_category",
    "is_bank",
    "fte", "contracted_hours", "hourly_rate", "annual_salary", "bonus_pay", "is_full_pay_relevant",
    "sex", "ethnic_origin_code", "ethnic_group", "disability_group", "sexual_orientation", "religion",
    "age_band",
    "ordinary_pay", "period_bonus_pay", "pay_period_days", "weekly_working_hours", "is_on_reduced_pay_leave",
)  # fmt: skip


class GroupError(Exception):
    """The values of one group of columns that cannot be converted, each with its field and message."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors  # [(field, raw value, message)]


def _collect(parsers):
    """Run (field, raw, parse) triples; return the parsed values, or raise GroupError with every failure."""
    results, errors = [], []
    for name, raw, parse in parsers:
        try:
            results.append(parse(raw))
        except ValueError as error:
            errors.append((name, raw, str(error)))
            results.append(None)
    if errors:
        raise GroupError(errors)
    return results


def _flag(blank):
    return lambda raw: "1" if values.parse_flag(raw, blank=blank) else "0"


def _number(low, high, blank):
    def parse(raw):
        if not raw.strip():
            if blank is None:
                raise ValueError("is empty")
            return blank
        return values.parse_number(raw, low=low, high=high)

    return parse


def _copy_text(value: str, length: int) -> str:
    """Free text made safe for COPY's text format."""
    value = value.strip()[:length]
    for char in ("\\", "\t", "\n", "\r"):
        value = value.replace(char, " ")
    return value


def convert_flags(raw):
    primary, board, voting, executive = _collect(zip(FLAG_FIELDS, raw, (_flag(False),) * 4, strict=True))
    if voting == "1" or executive == "1":
        board = "1"  # a voting or executive board member is a board member
    return (primary, board, voting, executive)


def convert_job(raw):
    staff_group_raw, occupation_raw, job_role_raw, band_raw, grade_raw, category_raw = raw
    staff_group, band, grade, category = _collect(
        (
            ("staff_group", staff_group_raw, values.parse_staff_group),
            ("pay_band", band_raw, values.parse_pay_band),
            ("medical_grade", grade_raw, values.parse_medical_grade),
            ("assignment_category", category_raw, values.parse_assignment_category),
        )
    )
    job_role = _copy_text(job_role_raw, 100)
    band, grade_from_band = band
    medical_grade = ""
    if band == PayBand.MEDICAL:
        medical_grade = grade or grade_from_band or values.medical_grade_in(job_role)
        if medical_grade is None:
            message = (
                "is a medical pay scale but the grade is unknown: add a Medical Grade column "
                "(Consultant, Specialty Doctor or a trainee grade) or give the grade as the pay band"
            )
            raise GroupError([("pay_band", band_raw, message)])
    return (
        staff_group.value, _copy_text(occupation_raw, 10), job_role, band.value, medical_grade,
        "1" if is_clinical_staff_group(staff_group) else "0", category.value,
        "1" if category == AssignmentCategory.BANK else "0",
    )  # fmt: skip


_PAY_PARSERS = (
    _number(0, 2, None),  # FTE
    _number(0, 100, NULL),  # weekly contracted hours
    _number(0, 5000, NULL),  # hourly rate
    _number(0, 5_000_000, NULL),  # annual salary
    _number(0, 5_000_000, "0"),  # bonus pay
    _flag(True),  # full-pay relevant
)


def convert_pay(raw):
    fte, hours, hourly, salary, bonus, full_pay = _collect(zip(PAY_FIELDS, raw, _PAY_PARSERS, strict=True))
    if hourly == NULL and salary != NULL and hours != NULL and float(hours) > 0:
        hourly = f"{float(salary) / (float(hours) * WEEKS_PER_YEAR):.4f}"
    return (fte, hours, hourly, salary, bonus, full_pay)


_PEOPLE_PARSERS = (
    values.parse_sex,
    values.parse_ethnic_origin,
    values.parse_disability,
    values.parse_sexual_orientation,
    values.parse_religion,
)


def convert_people(raw):
    sex, ethnic_code, disability, orientation, religion = _collect(
        zip(PEOPLE_FIELDS, raw, _PEOPLE_PARSERS, strict=True)
    )
    return (
        sex.value, ethnic_code, ethnic_group_for(ethnic_code).value, disability.value, orientation.value,
        religion.value,
    )  # fmt: skip


def age_converter(snapshot_date):
    def convert_age(raw):
        born, band = raw
        if born.strip():
            (age_band,) = _collect([("date_of_birth", born, lambda r: values.age_band_from_birth(r, snapshot_date))])
        elif band.strip():
            (age_band,) = _collect([("age_band", band, values.parse_age_band)])
        else:
            raise GroupError([("date_of_birth", born, "is empty")])
        return (age_band,)

    return convert_age


def period_converter(snapshot_date: date, *, has_ordinary_pay: bool):
    """The converter of PERIOD_FIELDS for a file (with or without an Ordinary Pay column).

    With the column, a blank ordinary pay is 0 (not paid in the period: a bank worker with no shifts), a blank
    pay period is the calendar month of the snapshot date (ESR pays monthly), and the weekly working hours are
    the Weekly Working Hours given, else the Hours in Pay Period times 7 / the days in the period, else (stored
    empty) the contracted hours. Without it nothing is stored but the reduced-pay flag: the pay gaps are then
    an estimate from basic rates."""
    month_days = str(monthrange(snapshot_date.year, snapshot_date.month)[1])
    parsers = (
        _number(0, 1_000_000, "0" if has_ordinary_pay else NULL),  # ordinary pay in the pay period
        _number(0, 5_000_000, "0"),  # bonus pay paid in the pay period
        _whole_days(month_days if has_ordinary_pay else NULL),
        _number(0, 168, NULL),  # weekly working hours
        _number(0, 24 * 366, NULL),  # hours in the pay period
        _flag(False),  # reduced or nil pay because of leave
    )

    def convert_period(raw):
        pay, bonus, days, weekly, hours, reduced = _collect(zip(PERIOD_FIELDS, raw, parsers, strict=True))
        if not has_ordinary_pay:
            return (NULL, "0", NULL, NULL, reduced)
        if weekly == NULL and hours != NULL:
            weekly = f"{float(hours) * 7 / int(days):.4f}"
        return (pay, bonus, days, weekly, reduced)

    return convert_period


def _whole_days(blank):
    def parse(raw):
        if not raw.strip():
            return blank
        value = values.parse_number(raw, low=1, high=366)
        if not float(value).is_integer():
            raise ValueError("is not a whole number of days")
        return str(int(float(value)))

    return parse
