"""Small ESR extracts for tests: a valid row by default, any column overridden."""

import csv
import io

HEADER = [
    "Employee Number", "Assignment Number", "Primary Assignment", "Organisation", "Staff Group", "Occupation Code",
    "Job Role", "Pay Band", "Assignment Category", "FTE", "Contracted Hours", "Hourly Rate", "Annual Salary",
    "Bonus Pay", "Gender", "Date of Birth", "Ethnic Origin", "Disability Flag", "Sexual Orientation",
    "Religious Belief", "Board Member", "Voting Board Member", "Executive Board Member",
]  # fmt: skip

VALID = {
    "Employee Number": "20000001", "Assignment Number": "20000001", "Primary Assignment": "Y", "Organisation": "OWN",
    "Staff Group": "Nursing and Midwifery Registered", "Occupation Code": "N0A", "Job Role": "Staff Nurse",
    "Pay Band": "Band 5", "Assignment Category": "Permanent", "FTE": "1", "Contracted Hours": "37.5",
    "Hourly Rate": "", "Annual Salary": "29970.00", "Bonus Pay": "0", "Gender": "Female", "Date of Birth": "1990-06-15",
    "Ethnic Origin": "A White - British", "Disability Flag": "No", "Sexual Orientation": "Heterosexual or Straight",
    "Religious Belief": "Christianity", "Board Member": "N", "Voting Board Member": "N", "Executive Board Member": "N",
}  # fmt: skip


def row(number=1, **overrides):
    """A valid row for employee 2000000<number>, with columns overridden by their header (spaces as _)."""
    values = dict(VALID)
    values["Employee Number"] = values["Assignment Number"] = str(20_000_000 + number)
    for key, value in overrides.items():
        values[key.replace("_", " ")] = value
    return values


def csv_text(rows, header=HEADER, delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(column, "") for column in header])
    return out.getvalue()


def write_extract(path, rows, header=HEADER, encoding="utf-8", delimiter=","):
    path.write_bytes(csv_text(rows, header, delimiter).encode(encoding))
    return path
