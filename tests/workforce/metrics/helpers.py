"""Builders for the plain inputs of the metric calculations (synthetic people, never real data)."""

from workforce.metrics.inputs import StaffMember


def member(**overrides) -> StaffMember:
    """A full-time Band 5 clinical White non-disabled woman on her primary, non-bank assignment."""
    values = {
        "organisation_id": 1,
        "is_primary_assignment": True,
        "is_bank": False,
        "staff_group": "Nursing and Midwifery Registered",
        "is_clinical": True,
        "pay_band": "5",
        "medical_grade": "",
        "fte": 1.0,
        "contracted_hours": 37.5,
        "hourly_rate": 15.0,
        "bonus_pay": 0.0,
        "is_full_pay_relevant": True,
        "sex": "female",
        "age_band": "35-39",
        "ethnic_group": "white",
        "disability_group": "non_disabled",
        "sexual_orientation_declared": True,
        "religion_declared": True,
    }
    values.update(overrides)
    return StaffMember(**values)


def people(count: int, **overrides) -> list[StaffMember]:
    return [member(**overrides) for _ in range(count)]
