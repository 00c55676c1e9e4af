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


def recoverable_cells(sums, figures) -> set:
    """Which suppressed cells a reader can work out exactly from the shown cells and the published sums.

    Written independently of workforce.metrics.suppression: exact rational arithmetic (Fractions), sparse
    rows, full reduced row echelon form. A suppressed cell is recoverable when its unit vector is in the
    row space of the sums restricted to the suppressed cells.
    """
    from fractions import Fraction

    hidden = {key for key, figure in figures.items() if figure.suppressed}
    pivots: dict = {}
    for s in sums:
        row: dict = {}
        for key, coefficient in [(s.total, 1), *((part, -1) for part in s.parts)]:
            if key in hidden:
                row[key] = row.get(key, 0) + Fraction(coefficient)
        row = {k: v for k, v in row.items() if v}
        for key in [k for k in row if k in pivots]:
            factor = row.get(key, 0)
            if factor:
                for k, v in pivots[key].items():
                    row[k] = row.get(k, 0) - factor * v
                row = {k: v for k, v in row.items() if v}
        if not row:
            continue
        pivot = next(iter(row))
        scale = row[pivot]
        row = {k: v / scale for k, v in row.items()}
        for other in pivots.values():
            factor = other.get(pivot)
            if factor:
                for k, v in row.items():
                    other[k] = other.get(k, 0) - factor * v
                for k in [k for k, v in other.items() if not v]:
                    del other[k]
        pivots[pivot] = row
    return {key for key, row in pivots.items() if len(row) == 1}
