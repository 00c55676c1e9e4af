"""The ESR columns the portal reads, and the header names it accepts for each.

Headers are matched ignoring case, spaces and punctuation, so "Employee Number", "EMPLOYEE_NUMBER"
and "employee number " are the same column. Add local header names with the ESR_COLUMN_ALIASES
setting, for example {"employee_number": ["Pay Number"]}. Columns not listed here (names, for
example) are ignored and never stored.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Column:
    field: str
    label: str  # how messages name the column when the file does not have it
    aliases: tuple[str, ...]
    required: bool = False


COLUMNS = (
    Column(
        "employee_number",
        "Employee Number",
        ("Employee Number", "Employee No", "Emp No", "Person Number", "Staff Number", "Employee ID"),
        True,
    ),
    Column("assignment_number", "Assignment Number", ("Assignment Number", "Assignment No", "Assignment ID"), True),
    Column(
        "primary_assignment",
        "Primary Assignment",
        ("Primary Assignment", "Primary Assignment (Y/N)", "Primary Flag", "Primary"),
    ),
    Column(
        "organisation",
        "Organisation",
        (
            "Organisation",
            "Organization",
            "Organisation Code",
            "ODS Code",
            "Org Code",
            "Employing Organisation",
            "Trust",
        ),
        True,
    ),
    Column("staff_group", "Staff Group", ("Staff Group",), True),
    Column("occupation_code", "Occupation Code", ("Occupation Code",)),
    Column("job_role", "Job Role", ("Job Role", "Role")),
    Column(
        "pay_band", "Pay Band", ("Pay Band", "Grade", "Pay Scale", "Band", "Grade Code", "AfC Band", "Pay Grade"), True
    ),
    Column("medical_grade", "Medical Grade", ("Medical Grade",)),
    Column(
        "assignment_category",
        "Assignment Category",
        ("Assignment Category", "Employment Category", "Contract Type"),
        True,
    ),
    Column("fte", "FTE", ("FTE", "Contracted WTE", "WTE", "Contracted FTE"), True),
    Column("contracted_hours", "Contracted Hours", ("Contracted Hours", "Weekly Contracted Hours", "Hours")),
    Column("hourly_rate", "Hourly Rate", ("Hourly Rate", "Basic Hourly Rate")),
    Column("annual_salary", "Annual Salary", ("Annual Salary", "Annual Salary Value", "Salary"), True),
    Column("bonus_pay", "Bonus Pay", ("Bonus Pay", "Bonus Pay (12 months)", "Bonus Pay 12 Months", "Bonus")),
    Column(
        "full_pay_relevant",
        "Full Pay Relevant",
        ("Full Pay Relevant", "Full Pay Relevant Employee", "Full-Pay Relevant Employee"),
    ),
    # The gender pay gap's own figures for the pay period the snapshot date falls in (SI 2017/353 Schedule 1).
    Column(
        "ordinary_pay",
        "Ordinary Pay",
        ("Ordinary Pay", "Ordinary Pay in Pay Period", "Ordinary Pay (Pay Period)", "GPG Ordinary Pay"),
    ),
    Column(
        "period_bonus_pay",
        "Bonus Pay in Pay Period",
        ("Bonus Pay in Pay Period", "Bonus Pay (Pay Period)", "Pay Period Bonus", "GPG Bonus in Pay Period"),
    ),
    Column(
        "pay_period_days",
        "Pay Period Days",
        ("Pay Period Days", "Days in Pay Period", "Pay Period Length", "Pay Period Length (Days)"),
    ),
    Column(
        "weekly_working_hours",
        "Weekly Working Hours",
        ("Weekly Working Hours", "GPG Weekly Hours", "Average Weekly Hours"),
    ),
    Column(
        "period_hours",
        "Hours in Pay Period",
        ("Hours in Pay Period", "Hours Paid in Pay Period", "Pay Period Hours", "Ordinary Pay Hours"),
    ),
    Column(
        "reduced_pay_leave",
        "Reduced Pay Leave",
        ("Reduced Pay Leave", "Reduced Pay Due to Leave", "On Reduced Pay Due to Leave", "Reduced or Nil Pay Leave"),
    ),
    Column("gender", "Gender", ("Gender", "Sex"), True),
    Column("date_of_birth", "Date of Birth", ("Date of Birth", "DOB", "Birth Date")),
    Column("age_band", "Age Band", ("Age Band", "Age Group")),
    Column("ethnic_origin", "Ethnic Origin", ("Ethnic Origin", "Ethnicity", "Ethnic Group"), True),
    Column("disability", "Disability Flag", ("Disability Flag", "Disability", "Disabled"), True),
    Column("sexual_orientation", "Sexual Orientation", ("Sexual Orientation",)),
    Column("religion", "Religious Belief", ("Religious Belief", "Religion", "Religion or Belief")),
    Column("board_member", "Board Member", ("Board Member", "Board Member Flag", "Is Board Member")),
    Column(
        "voting_board_member",
        "Voting Board Member",
        ("Voting Board Member", "Board Voting Member", "Voting Member", "Voting"),
    ),
    Column(
        "executive_board_member",
        "Executive Board Member",
        ("Executive Board Member", "Executive Member", "Board Executive", "Executive"),
    ),
)

COLUMNS_BY_FIELD = {column.field: column for column in COLUMNS}


def header_key(name: str) -> str:
    """Compare headers on letters and digits only: "Primary Assignment (Y/N)" -> "primaryassignmentyn"."""
    return re.sub(r"[^a-z0-9]", "", name.lower().replace("&", "and"))


def alias_table() -> dict[str, str]:
    """Normalised header -> field, including any aliases from settings.ESR_COLUMN_ALIASES."""
    table = {}
    extra = getattr(settings, "ESR_COLUMN_ALIASES", {}) or {}
    unknown = set(extra) - set(COLUMNS_BY_FIELD)
    if unknown:
        raise ImproperlyConfigured(f"ESR_COLUMN_ALIASES names unknown fields: {', '.join(sorted(unknown))}")
    for column in COLUMNS:
        for alias in (*extra.get(column.field, ()), *column.aliases):
            table.setdefault(header_key(alias), column.field)
    return table


@dataclass(frozen=True)
class ColumnMap:
    """Where each field is in the file: field -> (index, header as written in the file)."""

    positions: dict[str, tuple[int, str]]
    ignored: tuple[str, ...]  # headers the portal does not read
    # Pairs of headers naming one field ("Gender" twice, or "Gender" and "Sex"): the file is rejected,
    # since which one holds the truth cannot be guessed.
    conflicts: tuple[tuple[str, str], ...]

    def index(self, field):
        found = self.positions.get(field)
        return found[0] if found else None

    def header(self, field):
        found = self.positions.get(field)
        return found[1] if found else COLUMNS_BY_FIELD[field].label


def map_header(header: list[str], *, organisation_given: bool) -> tuple[ColumnMap, list[str]]:
    """Match a header row to the fields; return the map and the labels of missing required columns."""
    table = alias_table()
    positions, ignored, conflicts = {}, [], []
    for index, name in enumerate(header):
        field = table.get(header_key(name))
        if field is None:
            if name.strip():
                ignored.append(name.strip())
        elif field in positions:
            conflicts.append((positions[field][1], name.strip()))
        else:
            positions[field] = (index, name.strip())
    missing = [
        column.label
        for column in COLUMNS
        if column.required
        and column.field not in positions
        and not (column.field == "organisation" and organisation_given)
    ]
    if "date_of_birth" not in positions and "age_band" not in positions:
        missing.append("Date of Birth (or Age Band)")
    return ColumnMap(positions, tuple(ignored), tuple(conflicts)), missing
