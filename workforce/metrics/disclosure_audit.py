"""The disclosure audit (issue 11, point 3): can a reader's arithmetic narrow down a hidden small number
from everything the scopes of one year publish together?

The reader knows every shown count of every scope, every published sum (each table's totals, a place as its
organisations added up, the ICS as everything), that cells of different tables counting the same people are
equal (`linked_tables.same_people`), and that every count is 0 or more. For each hidden count of 1 to the
threshold (a primary cell, or the unpublished remainder of a place that no organisation scope covers), the
audit solves two linear programs, minimise and maximise that count subject to all of the above, with HiGHS
(`highspy`). The interval between them is what the reader can work out. The audit fails a
count whose interval is narrower than the protection level: `threshold` people (7 by default), so a reader
can never tell a hidden count from 0 or from a count above the threshold.

Not modelled yet (README, "Known gaps"): published rates, ratios, their inverses and confidence bounds,
which with the counts beside them can pin a hidden count too; integrality (the programs are the linear
relaxation, so an interval is never narrower than the reader's, and a failure is real).
"""

import os
import sys
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .linked_tables import same_people
from .metric_set import ScopeSpec, compute_metric_sets, joint_system
from .suppression import DEFAULT_THRESHOLD, Sum, Suppressor, is_small


@dataclass(frozen=True)
class Exposure:
    """A hidden small count the published figures narrow to [`lowest`, `highest`] (its true `value`)."""

    cell: tuple
    value: int
    lowest: float
    highest: float

    @property
    def width(self) -> float:
        return self.highest - self.lowest

    @property
    def exact(self) -> bool:
        return self.width < 0.5


@dataclass
class AuditReport:
    protection: int
    linked_tables: bool
    cells: int = 0
    hidden: int = 0
    checked: int = 0  # hidden counts of 1 to the threshold (and small remainders), each solved twice
    exposures: list[Exposure] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.exposures

    def by_scope(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for exposure in self.exposures:
            scope = exposure.cell[1] if exposure.cell[0] == "remainder" else exposure.cell[0]
            found[scope] = found.get(scope, 0) + 1
        return found


def audit_metric_sets(
    staff: Sequence,
    organisation_figures: Sequence,
    scopes: Sequence[ScopeSpec],
    *,
    year: int,
    threshold: int = DEFAULT_THRESHOLD,
    linked_tables: bool = True,
) -> AuditReport:
    """Compute the scopes' metric sets as `compute_metric_sets` does and audit everything they publish.
    With `linked_tables` False the tables of a scope are taken as unrelated (what the suppression assumes)."""
    published: dict[str, Suppressor] = {}
    compute_metric_sets(staff, organisation_figures, scopes, year=year, threshold=threshold, published=published)
    recorded = {name: {table.name: table for table in suppressor.tables} for name, suppressor in published.items()}
    counts, sums, unpublished = joint_system(scopes, recorded)
    if linked_tables:
        for scope in scopes:
            for first, *others in same_people(recorded[scope.name]):
                sums.extend(Sum((scope.name, *first), ((scope.name, *other),)) for other in others)
    hidden = set(unpublished)
    for name, suppressor in published.items():
        for table_name, (withheld, _) in suppressor.results.items():
            hidden.update((name, table_name, key) for key in withheld)
    report = AuditReport(protection=threshold, linked_tables=linked_tables, cells=len(counts) - len(unpublished))
    report.hidden = len(hidden - set(unpublished))
    protected = [cell for cell in hidden if is_small(counts[cell], threshold)]
    report.checked = len(protected)
    report.exposures = audit_system(counts, sums, hidden, protected, protection=threshold)
    return report


def audit_system(
    counts: Mapping[Hashable, int],
    sums: Iterable[Sum],
    hidden: set,
    protected: Iterable[Hashable],
    *,
    protection: int,
) -> list[Exposure]:
    """The `protected` hidden counts whose interval, given every shown count, every sum and counts >= 0, is
    narrower than `protection`. Hidden counts linked by no sum to another hidden count are pinned by the
    sums they are in (exactly) or free; each connected group of hidden counts is one pair of programs."""
    sums = list(sums)
    parent = {cell: cell for cell in hidden}

    def root(cell):
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for s in sums:
        members = [cell for cell in (s.total, *s.parts) if cell in hidden]
        for other in members[1:]:
            first, second = root(members[0]), root(other)
            if first != second:
                parent[second] = first
    groups: dict = {}
    for cell in hidden:
        groups.setdefault(root(cell), []).append(cell)
    sums_of_group: dict = {}
    for s in sums:
        members = [cell for cell in (s.total, *s.parts) if cell in hidden]
        if members:
            sums_of_group.setdefault(root(members[0]), []).append(s)

    # One program per group, passed to HiGHS once and solved again for each of its protected counts with only
    # the objective changed (HiGHS starts from the last basis).
    protected_in: dict = {}
    for cell in protected:
        protected_in.setdefault(root(cell), []).append(cell)
    highs = _quiet_highs()
    exposures = []
    for group_root, cells in protected_in.items():
        solver = _Program(highs, groups[group_root], sums_of_group.get(group_root, ()), counts)
        if not solver.rows:
            continue  # in no sum: nothing bounds them
        for cell in cells:
            lowest, highest = solver.interval(cell)
            if highest - lowest < protection - 1e-6:  # the solver's rounding is not a narrower interval
                exposures.append(Exposure(cell, counts[cell], round(lowest, 6), round(highest, 6)))
    return sorted(exposures, key=lambda exposure: repr(exposure.cell))


def _quiet_highs():
    """A HiGHS solver that prints nothing (its constructor writes a banner to the process's stdout)."""
    import highspy

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            highs = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    highs.setOptionValue("output_flag", False)
    return highs


class _Program:
    """The linear program of one group of hidden counts: counts >= 0, and each sum as an equation."""

    def __init__(self, highs, group: list, sums: Iterable[Sum], counts: Mapping[Hashable, int]):
        import highspy

        self.column = {member: position for position, member in enumerate(group)}
        starts, indices, values, right = [0], [], [], []
        for s in sums:
            constant = 0
            for member, sign in ((s.total, 1), *((part, -1) for part in s.parts)):
                if member in self.column:
                    indices.append(self.column[member])
                    values.append(float(sign))
                else:
                    constant -= sign * counts[member]
            right.append(float(constant))
            starts.append(len(indices))
        self.rows = len(right)
        self.highs = highs
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = len(group), self.rows
        lp.col_cost_ = [0.0] * len(group)
        lp.col_lower_, lp.col_upper_ = [0.0] * len(group), [highspy.kHighsInf] * len(group)
        lp.row_lower_, lp.row_upper_ = right, right
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = starts, indices, values
        if self.rows:
            self.highs.passModel(lp)

    def interval(self, cell) -> tuple[float, float]:
        import highspy

        column = self.column[cell]
        bounds = []
        for cost in (1.0, -1.0):  # minimise the count, then maximise it (minimise its negative)
            self.highs.changeColCost(column, cost)
            self.highs.run()
            status = self.highs.getModelStatus()
            if status == highspy.HighsModelStatus.kOptimal:
                bounds.append(cost * self.highs.getInfo().objective_function_value)
            elif status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
                bounds.append(float("inf"))
            else:
                raise RuntimeError(f"The disclosure audit's program could not be solved: {status}")
        self.highs.changeColCost(column, 0.0)
        return bounds[0], bounds[1]
