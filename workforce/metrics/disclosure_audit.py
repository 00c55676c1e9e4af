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

A shown relative likelihood (with its interval, inverse and flags) narrows the one hidden count behind it
to the values that give the same figures (`ratio_bounds`); those bounds go into the programs. Not modelled
yet (README, "Known gaps"): a ratio with two or more hidden counts behind it, and the rolling WRES 3 / WDES 3
ratios (two years' counts); integrality (the programs are the linear relaxation, so an interval is never
narrower than the reader's, and a failure is real).
"""

import math
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
        """Only one whole number fits the interval."""
        return math.floor(self.highest + 1e-6) == math.ceil(self.lowest - 1e-6)


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
    results = compute_metric_sets(
        staff, organisation_figures, scopes, year=year, threshold=threshold, published=published
    )
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
    bounds = ratio_bounds(results, counts, hidden, threshold)
    report.exposures = audit_system(counts, sums, hidden, protected, protection=threshold, bounds=bounds)
    return report


# The relative likelihoods a scope publishes from one year's counts: (standard, number, where in its result,
# the counts' table prefix, event, total, first group, second group), as `wres` and `wdes` compute them.
_RATIOS = (
    ("wres", "2", "likelihood", "wres.2", "appointed", "shortlisted", "white", "bme"),
    ("wres", "3", "single_year", "wres.3", "entering", "headcount", "bme", "white"),
    ("wres", "4", "likelihood", "wres.4", "accessing", "headcount", "white", "bme"),
    ("wdes", "2", "likelihood", "wdes.2", "appointed", "shortlisted", "non_disabled", "disabled"),
    ("wdes", "3", "single_year", "wdes.3", "entering", "headcount", "disabled", "non_disabled"),
)
_UNBOUNDED_AFTER = 10_000  # values tried above a hidden count's true value before it is taken as unbounded


def ratio_bounds(results: Mapping[str, dict], counts: Mapping, hidden: set, threshold: int) -> dict:
    """What each shown relative likelihood tells a reader about the one hidden count behind it.

    A ratio is shown with its 95% interval and inverse, to two decimal places, beside its counts. When exactly
    one of its four counts is hidden, the values of that count that give the same ratio, interval, inverse
    and flags as published are what a reader can narrow it to (the West Lancashire example of issue 11: White
    117 of 389 appointed, BME 10 shortlisted, ratio 1.50, leaves BME appointed exactly 2). Each shown figure
    moves one way as a count grows, so those values are one run of whole numbers around the true one. With
    two or more counts hidden the ratio is not taken into account (a product of two unknowns).
    Returns cell -> (least, most)."""
    from .likelihood import RelativeLikelihood

    bounds: dict = {}
    for scope, result in results.items():
        for standard, number, where, prefix, event, total, first, second in _RATIOS:
            likelihood = result[standard][number].get(where)
            if not isinstance(likelihood, RelativeLikelihood) or not likelihood.ratio.is_available:
                continue
            pairs = ((first, event), (first, total), (second, event), (second, total))
            cells = [(scope, name, name) for name in (f"{prefix}.{group}.{key}" for group, key in pairs)]
            unknown = [position for position, cell in enumerate(cells) if cell in hidden]
            if any(cell not in counts for cell in cells) or len(unknown) != 1:
                continue
            [position] = unknown
            # Each count is behind one ratio (its table is that ratio's), so each is bounded once.
            bounds[cells[position]] = _narrowed(likelihood, [counts[cell] for cell in cells], position, threshold)
    return bounds


def _published(likelihood) -> tuple:
    """A relative likelihood as a reader sees it: its figures as displayed and its two flags."""
    figures = (likelihood.ratio, likelihood.lower, likelihood.upper, likelihood.inverse)
    shown = tuple(figure.display if figure is not None else None for figure in figures)
    return (*shown, likelihood.adverse_impact, likelihood.may_be_chance)


def _narrowed(likelihood, values: list[int], position: int, threshold: int) -> tuple[float, float]:
    """The least and most the count at `position` of (first events, first total, second events, second
    total) can be and still give the published `likelihood`: tried one by one outward from its true value."""
    from .likelihood import relative_likelihood

    target = _published(likelihood)

    def same(value: int) -> bool:
        trial = list(values)
        trial[position] = value
        again = relative_likelihood(
            *trial,
            first_group=likelihood.first_group,
            second_group=likelihood.second_group,
            event=likelihood.event,
            threshold=threshold,
        )
        return _published(again) == target

    true = values[position]
    least = true
    while least > 0 and same(least - 1):
        least -= 1
    most = true
    while most - true < _UNBOUNDED_AFTER and same(most + 1):
        most += 1
    return float(least), (float("inf") if most - true >= _UNBOUNDED_AFTER else float(most))


def audit_system(
    counts: Mapping[Hashable, int],
    sums: Iterable[Sum],
    hidden: set,
    protected: Iterable[Hashable],
    *,
    protection: int,
    bounds: Mapping[Hashable, tuple[float, float]] | None = None,
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
        solver = _Program(highs, groups[group_root], sums_of_group.get(group_root, ()), counts, bounds or {})
        for cell in cells:
            lowest, highest = solver.interval(cell)
            if round(highest - lowest, 6) < protection:  # the solver's rounding is not a narrower interval
                exposures.append(Exposure(cell, counts[cell], lowest, highest))
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

    def __init__(self, highs, group: list, sums: Iterable[Sum], counts: Mapping[Hashable, int], bounds: Mapping):
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
        # Every count is 0 or more; a count a shown ratio narrows (`ratio_bounds`) is within what it allows.
        self.bounds = [bounds.get(member, (0.0, float("inf"))) for member in group]
        lp.col_lower_ = [low for low, _ in self.bounds]
        lp.col_upper_ = [high if high != float("inf") else highspy.kHighsInf for _, high in self.bounds]
        lp.row_lower_, lp.row_upper_ = right, right
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = starts, indices, values
        if self.rows:
            self.highs.passModel(lp)

    def interval(self, cell) -> tuple[float, float]:
        import highspy

        column = self.column[cell]
        if not self.rows:
            return self.bounds[column]  # in no sum: only its own bounds hold it
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
