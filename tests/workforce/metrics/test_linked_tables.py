"""The cells of different tables of a scope that count the same people are all named by
`linked_tables.same_people`, which the disclosure audit links (issue 11, point 3)."""

import random

from workforce.metrics.linked_tables import same_people
from workforce.metrics.metric_set import metric_set_of_profile
from workforce.metrics.profile import WorkforceProfile
from workforce.metrics.suppression import Suppressor

from .helpers import member

# Agenda for Change bands, VSM, medical grades and other pay scales, as an ESR extract has them.
BANDS = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "vsm", "medical", "other")
MEDICAL_GRADES = ("consultant", "career_grade", "trainee")
AGES = ("20-24", "35-39", "50-54", "55-59", "60-64")


def random_staff(seed: int, size: int) -> list:
    """Two organisations of random people, bank and second assignments, doctors, staff on other pay scales and
    staff with no hourly rate included."""
    rng = random.Random(seed)
    return [
        member(
            medical_grade=rng.choice(MEDICAL_GRADES),
            organisation_id=rng.choice((1, 2)),
            is_primary_assignment=rng.random() < 0.92,
            is_bank=rng.random() < 0.08,
            is_clinical=rng.random() < 0.6,
            pay_band=rng.choice(BANDS),
            sex=rng.choice(("female", "male")),
            age_band=rng.choice((*AGES, "")),
            ethnic_group=rng.choice(("white", "white", "bme", "unknown")),
            disability_group=rng.choice(("non_disabled", "non_disabled", "disabled", "unknown")),
            hourly_rate=rng.choice((rng.uniform(10, 40), rng.uniform(10, 40), None)),
            bonus_pay=rng.choice((0.0, 0.0, 150.0)),
            is_full_pay_relevant=rng.random() < 0.9,
            sexual_orientation_declared=rng.random() < 0.8,
            religion_declared=rng.random() < 0.7,
            employee_key=f"e{index}",
        )
        for index in range(size)
    ]


def test_every_count_two_tables_share_is_linked():
    """Cells of different tables that are equal on every one of several random populations count the same
    people; each such pair must be in one class of `same_people`, or a table added later was not linked."""
    runs = []
    for seed in range(6):
        suppressor = Suppressor(7)
        metric_set_of_profile(
            WorkforceProfile.from_staff(random_staff(seed, size=400)),
            [],
            scope_kind="ics",
            scope_name="ICS",
            year=2025,
            organisation_ids=[1, 2],
            threshold=suppressor,
        )
        runs.append(({(t.name, key): value for t in suppressor.tables for key, value in t.counts.items()}, suppressor))
    by_values: dict = {}
    for cell in runs[0][0]:
        values = tuple(run.get(cell) for run, _ in runs)
        if len(set(values)) > 1:  # a count that varies, so equal values are no coincidence
            by_values.setdefault(values, []).append(cell)
    # Linked: by `same_people`, or within a table by a sum of one part (a cluster of one band, say).
    parent: dict = {}

    def root(cell):
        while parent.get(cell, cell) != cell:
            cell = parent[cell]
        return cell

    tables = runs[0][1].tables
    pairs = [(cells[0], other) for cells in same_people({t.name: t for t in tables}) for other in cells[1:]]
    pairs += [((t.name, s.total), (t.name, s.parts[0])) for t in tables for s in t.sums if len(s.parts) == 1]
    for first, second in pairs:
        parent[root(second)] = root(first)
    for cells in by_values.values():
        across = [cell for cell in cells if any(other[0] != cell[0] for other in cells)]
        assert len({root(cell) for cell in across}) <= 1, f"equal counts of different tables not linked: {across}"
    # And the other way: cells linked as the same people are equal on every population.
    for run, suppressor in runs:
        for cells in same_people({t.name: t for t in suppressor.tables}):
            assert len({run[cell] for cell in cells}) == 1, cells


def test_a_scope_with_one_table_has_nothing_to_link():
    from workforce.metrics.suppression import PublishedTable

    headcount = PublishedTable("headcount", {"headcount": 80}, (), True)
    bands = PublishedTable(
        "ethnic_group.bands", {("all", "total", "total"): 80, ("clinical", "5", "total"): 80}, (), True
    )
    assert same_people({"headcount": headcount}) == []
    assert same_people({"ethnic_group.bands": bands}) == []
    assert same_people({"headcount": headcount, "ethnic_group.bands": bands}) == [
        [("headcount", "headcount"), ("ethnic_group.bands", ("all", "total", "total"))]
    ]
