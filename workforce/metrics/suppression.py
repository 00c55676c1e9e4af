"""Small-number suppression: every figure that leaves the metrics layer is a `Figure`.

The rule (issue 4, "Small-number suppression"), as implemented here:

1. **Counts.** A count of 1 to `threshold` people (7 by default, `settings.SUPPRESSION_THRESHOLD`) is
   shown as "*" (reason "small number"). Zero is shown: it identifies nobody.
2. **Secondary suppression.** Counts published together with their totals (table rows and columns,
   clusters of bands, clinical plus non-clinical) are suppressed further until no suppressed count can be
   worked out exactly from the counts that are shown (reason "secondary suppression"). See
   `suppress_linked_counts`.
3. **Statistics from small groups.** No percentage, mean, median, ratio or quartile is computed from a
   group of *fewer people than the threshold*. Read literally, as the issue words it: a group of
   `threshold - 1` or fewer is withheld ("group below threshold"); a group of exactly `threshold` is large
   enough. (The count of such a group is still shown as "*" by rule 1.) A ratio of two rates needs both
   groups to be large enough; a pay gap needs both the men and the women (or the two groups compared).
4. **Percentages of suppressed counts.** A percentage is its count divided by a total that is shown, so
   it would give the count away: a percentage whose count is suppressed (by rule 1 or 2) is withheld too
   ("derived from a suppressed count"). Relative likelihoods are not withheld for a small numerator:
   the issue's own published example (2 of 10 BME applicants appointed) must give 1.50.

5. **Across scopes.** A place's counts are its organisations' counts added up, and the ICS's are
   everything's. `metric_set.compute_metric_sets` suppresses the organisation, place and ICS tables as
   one linked system (through `Suppressor`), so a hidden organisation count cannot be recovered by
   subtracting its sister organisations from the place total either.

A figure that cannot be calculated at all (a zero denominator, no data) is not suppressed: it carries a
"not computable: ..." reason and a note saying which part was zero.

Known limit: a relative likelihood is shown with the group sizes beside it, so with a small numerator
(2 of 10 appointed) the ratio and the other group's counts still let a reader work the small number
back out. The issue's published example requires the ratio to be shown; the counts are starred.

The threshold is passed in to every function (no settings import), defaulting to `DEFAULT_THRESHOLD`.
"""

from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from heapq import heappop, heappush
from typing import Any, TypeVar

DEFAULT_THRESHOLD = 7
Key = TypeVar("Key", bound=Hashable)  # the key of a count in a table: a group, a (row, column) pair ...

SMALL_NUMBER = "small number"
SECONDARY_SUPPRESSION = "secondary suppression"
GROUP_BELOW_THRESHOLD = "group below threshold"
DERIVED_FROM_SUPPRESSED_COUNT = "derived from a suppressed count"
NOT_COMPUTABLE_ZERO_DENOMINATOR = "not computable: zero denominator"
NOT_COMPUTABLE_ZERO_NUMERATOR = "not computable: zero numerator"
NOT_COMPUTABLE_NO_DATA = "not computable: no data"
NOT_COMPUTABLE_INCONSISTENT = "not computable: figures disagree"


def round_half_up(value: float, decimals: int) -> float:
    """Round as people do (2.25 -> 2.3), not as floats do (banker's rounding / binary error)."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class Figure:
    """A published figure: its value, or why it is not shown.

    `suppressed` is True when the value is withheld to protect people; `reason` says why (one of the
    module's reason constants) and `note` explains in plain English where that helps. A figure that
    cannot be calculated has value None, `suppressed` False and a "not computable: ..." reason.
    """

    value: int | float | None
    suppressed: bool = False
    reason: str = ""
    note: str = ""
    decimals: int = 0

    @classmethod
    def shown(cls, value: float, decimals: int = 1) -> "Figure":
        return cls(round_half_up(value, decimals) if decimals else round(value), decimals=decimals)

    @classmethod
    def withheld(cls, reason: str, note: str = "") -> "Figure":
        return cls(None, suppressed=True, reason=reason, note=note)

    @classmethod
    def not_computable(cls, reason: str, note: str = "") -> "Figure":
        return cls(None, suppressed=False, reason=reason, note=note)

    @property
    def is_available(self) -> bool:
        return self.value is not None

    @property
    def display(self) -> str:
        """What a page or export prints: the value, "*" when suppressed, or "Not computable"."""
        if self.suppressed:
            return "*"
        if self.value is None:
            return "Not computable"
        if self.decimals:
            return f"{self.value:,.{self.decimals}f}"
        return f"{self.value:,}"

    def to_dict(self) -> dict:
        return {
            "value": self.value,
            "display": self.display,
            "suppressed": self.suppressed,
            "reason": self.reason,
            "note": self.note,
        }


def is_small(count: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """True for a count of 1 to `threshold` people, which is never shown."""
    return 1 <= count <= threshold


def count_figure(count: int, threshold: int = DEFAULT_THRESHOLD) -> Figure:
    """A count on its own (no totals published beside it): primary suppression only."""
    if is_small(count, threshold):
        return Figure.withheld(SMALL_NUMBER)
    return Figure(count)


def group_is_too_small(size: float, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """True when a group has fewer people than the threshold, so no statistic may be computed from it."""
    return size < threshold


def percentage(
    count: float,
    total: float,
    threshold: int = DEFAULT_THRESHOLD,
    count_figure: Figure | None = None,
    decimals: int = 1,
) -> Figure:
    """`count` as a percentage of `total`, to one decimal place unless told otherwise.

    Withheld when the total group is below the threshold, or when the published figure for the count
    (`count_figure`, if given) is suppressed. Not computable when the total is zero.
    """
    if total == 0:
        return Figure.not_computable(NOT_COMPUTABLE_ZERO_DENOMINATOR, "There is nobody in the group.")
    if group_is_too_small(total, threshold):
        return Figure.withheld(GROUP_BELOW_THRESHOLD)
    if count_figure is not None and count_figure.suppressed:
        return Figure.withheld(DERIVED_FROM_SUPPRESSED_COUNT)
    return Figure.shown(100.0 * count / total, decimals)


@dataclass(frozen=True, slots=True)
class Sum:
    """A published relation between counts: the count at `total` equals the sum of the counts at `parts`."""

    total: Hashable
    parts: tuple


def suppress_linked_counts(
    counts: Mapping[Key, int],
    sums: Iterable[Sum],
    threshold: int = DEFAULT_THRESHOLD,
    forced: Collection[Key] = (),
    unpublished: Collection[Key] = (),
    priority=None,
) -> dict[Key, Figure]:
    """Suppress counts that are published together with totals, so none can be worked out.

    Primary suppression withholds every count of 1 to `threshold`. Secondary suppression then repeats
    until stable:

    - where a sum has exactly one withheld count, withhold the next-smallest count of that sum (a
      non-zero count before a zero, since a withheld zero protects nothing);
    - then solve the published sums exactly (Gaussian elimination over the withheld counts) and, for
      every withheld count the shown counts still pin down (a combination of rows, columns and
      clusters can do that even when each sum has two or more withheld counts), withhold the
      next-smallest count in a sum that contains it.

    `forced` keys are withheld from the start (a joint pass over several scopes decided so).
    `unpublished` keys are counts that take part in the sums but are never shown (for example what is
    left of a place once its organisations are taken away); they must not be worked out either when they
    are small, and get no Figure. `priority(key)`, if given, orders the candidates for secondary
    suppression before their size (lower first), e.g. to hide an organisation's count before the ICS's.

    Returns a `Figure` for every published key of `counts`. Only exact recovery is prevented: bounds (a
    count is at least 0) are not modelled beyond preferring non-zero counts for secondary suppression.
    """
    sums = [s for s in sums if s.parts]
    unpublished = set(unpublished)
    primary = {key for key, value in counts.items() if is_small(value, threshold) and key not in unpublished}
    withheld = primary | set(forced) | unpublished
    if primary or forced or any(is_small(counts[key], threshold) for key in unpublished):
        order = {key: position for position, key in enumerate(counts)}
        rank = {key: priority(key) for key in counts} if priority else dict.fromkeys(counts, 0)
        members = [(s.total, *s.parts) for s in sums]
        sums_of: dict = {}
        for index, keys in enumerate(members):
            for key in keys:
                sums_of.setdefault(key, []).append(index)

        def protected(key) -> bool:
            return key not in unpublished or is_small(counts[key], threshold)

        def companion(keys) -> Key | None:
            candidates = [key for key in keys if key not in withheld]
            if not candidates:
                return None
            return min(candidates, key=lambda key: (counts[key] == 0, rank[key], counts[key], order[key]))

        def single_withheld_pass(dirty: set) -> None:
            # Sweep the sums in order, as often as needed, withholding a companion wherever a sum has exactly
            # one withheld count. Only a sum one of whose counts changed since it was last looked at can give
            # a different answer, so each sweep visits just those ("dirty") sums, still in order: a sum after
            # the current one is visited in this sweep, one before it in the next.
            while dirty:
                queue = sorted(dirty)
                queued = set(queue)
                dirty = set()
                while queue:
                    index = heappop(queue)
                    keys = members[index]
                    alone = [key for key in keys if key in withheld]
                    if len(alone) == 1 and protected(alone[0]):
                        extra = companion(keys)
                        if extra is not None:
                            withheld.add(extra)
                            for other in sums_of[extra]:
                                if other > index:
                                    if other not in queued:
                                        queued.add(other)
                                        heappush(queue, other)
                                else:
                                    dirty.add(other)

        systems = _Systems(sums, members, sums_of)
        dirty = set(range(len(members)))
        while True:
            single_withheld_pass(dirty)
            recovered = systems.recoverable(withheld)
            exposed = sorted((key for key in recovered if protected(key)), key=order.__getitem__)
            dirty = set()
            for key in exposed:
                extra = _nearest_companion(key, withheld, members, sums_of, counts, order, rank)
                if extra is not None:
                    withheld.add(extra)
                    dirty.update(sums_of[extra])
            if not dirty:
                break

    figures = {}
    for key, value in counts.items():
        if key in unpublished:
            continue
        if key in primary:
            figures[key] = Figure.withheld(SMALL_NUMBER)
        elif key in withheld:
            figures[key] = Figure.withheld(
                SECONDARY_SUPPRESSION, "Hidden so that a small number cannot be worked out from the totals."
            )
        else:
            figures[key] = Figure(value)
    return figures


def _nearest_companion(key, withheld, members, sums_of, counts, order, rank, hops: int = 3):
    """The count to withhold next to protect `key`: the smallest non-zero count in a sum containing it,
    or failing that in a sum containing a withheld count of those sums (up to `hops` steps away); a zero
    only when no non-zero count is near. Hiding zeros protects little (they are often pinned by other
    zeros), so a wider search for a non-zero count ends the search far sooner.
    """
    frontier, seen_sums, zeros = {key}, set(), []
    for _ in range(hops):
        candidates, next_frontier = [], set()
        for current in frontier:
            for index in sums_of.get(current, ()):
                if index in seen_sums:
                    continue
                seen_sums.add(index)
                for member in members[index]:
                    if member in withheld:
                        next_frontier.add(member)
                    elif counts[member]:
                        candidates.append(member)
                    else:
                        zeros.append(member)
        if candidates:
            return min(candidates, key=lambda k: (rank[k], counts[k], order[k]))
        frontier = next_frontier - frontier
    if zeros:
        return min(zeros, key=order.__getitem__)
    everything = [k for keys in members if withheld.intersection(keys) for k in keys if k not in withheld]
    return min(everything, key=lambda k: (counts[k] == 0, rank[k], counts[k], order[k])) if everything else None


_PRIME = (1 << 61) - 1


class _Systems:
    """The withheld counts grouped into independent systems of sums, kept up to date as more are withheld.

    Sums that share no withheld count are independent systems, solved one at a time. Counts are only
    ever added to the withheld set, so systems only grow and merge: each newly withheld count joins the
    systems of the sums it is in (union-find), and a system, fixed by its withheld counts, is solved
    again only when those changed.
    """

    def __init__(self, sums: list[Sum], members: list[tuple], sums_of: dict):
        self.sums, self.members, self.sums_of = sums, members, sums_of
        self.parent: dict = {}
        self.keys_in: dict = {}  # root -> the withheld counts of its system
        self.sums_in: dict = {}  # root -> the indices of its sums
        self.solved: dict = {}  # frozenset of a system's withheld counts -> the ones it determines

    def _root(self, key):
        parent = self.parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def _join(self, first, second) -> None:
        first, second = self._root(first), self._root(second)
        if first == second:
            return
        if len(self.keys_in[first]) < len(self.keys_in[second]):
            first, second = second, first
        self.parent[second] = first
        self.keys_in[first] |= self.keys_in.pop(second)
        self.sums_in[first] |= self.sums_in.pop(second)

    def recoverable(self, withheld: set) -> set:
        """The withheld counts that the published sums determine exactly, given every shown count."""
        for key in withheld:
            if key in self.parent or key not in self.sums_of:
                continue
            self.parent[key] = key
            self.keys_in[key] = {key}
            self.sums_in[key] = set(self.sums_of[key])
            for index in self.sums_of[key]:
                for other in self.members[index]:
                    if other in self.parent and other != key:
                        self._join(key, other)
        recovered: set = set()
        for root, keys in self.keys_in.items():
            unknowns = frozenset(keys)
            if unknowns not in self.solved:
                system = [self.sums[index] for index in sorted(self.sums_in[root])]
                self.solved[unknowns] = _recoverable_in_system(withheld, system)
            recovered |= self.solved[unknowns]
        return recovered


def _recoverable_in_system(withheld: set, sums: list[Sum]) -> set:
    """`_recoverable` for one connected system of sums.

    Each sum is a linear equation total - sum(parts) = 0; the shown counts move to the right-hand side,
    so only the coefficients of withheld counts matter. A withheld count is determined exactly when its
    unit vector lies in the row space of those equations: in reduced row echelon form, when its pivot row
    has no other entry. Arithmetic is modulo a 61-bit prime (the coefficients are all +1/-1, so no
    realistic table can make a minor divisible by it), which keeps this fast without floating error.
    """
    columns: dict = {}
    for s in sums:
        for key in (s.total, *s.parts):
            if key in withheld and key not in columns:
                columns[key] = len(columns)
    pivots: dict[int, dict[int, int]] = {}
    holders: dict[int, set[int]] = {}  # column -> the pivot rows with an entry in it (other than its own pivot)
    for s in sums:
        row: dict[int, int] = {}
        for key, coefficient in ((s.total, 1), *((part, _PRIME - 1) for part in s.parts)):
            column = columns.get(key)
            if column is not None:
                row[column] = (row.get(column, 0) + coefficient) % _PRIME
        row = {c: v for c, v in row.items() if v}
        for column in [c for c in row if c in pivots]:
            factor = row.get(column)
            if factor:
                for c, v in pivots[column].items():
                    value = (row.get(c, 0) - factor * v) % _PRIME
                    if value:
                        row[c] = value
                    else:
                        row.pop(c, None)
        if not row:
            continue
        pivot = min(row)
        inverse = pow(row[pivot], _PRIME - 2, _PRIME)
        row = {c: v * inverse % _PRIME for c, v in row.items()}
        # Clear the new pivot's column from the rows that have it (found through `holders`, not by scanning
        # every row: the rows are sparse, so this keeps the elimination close to linear).
        for other_pivot in holders.pop(pivot, ()):
            other = pivots[other_pivot]
            factor = other[pivot]
            for c, v in row.items():
                value = (other.get(c, 0) - factor * v) % _PRIME
                if value:
                    if c not in other:
                        holders.setdefault(c, set()).add(other_pivot)
                    other[c] = value
                elif c in other:
                    del other[c]
                    if c != pivot:
                        holders[c].discard(other_pivot)
        pivots[pivot] = row
        for c in row:
            if c != pivot:
                holders.setdefault(c, set()).add(pivot)
    keys = list(columns)
    return {keys[column] for column, row in pivots.items() if len(row) == 1}


def grid_sums(row_keys: Iterable[Hashable], column_keys: Iterable[Hashable], total: Hashable = "total") -> list[Sum]:
    """The sums of a table of (row, column) counts with a total column, a total row and a grand total."""
    row_keys, column_keys = list(row_keys), list(column_keys)
    sums = [Sum((row, total), tuple((row, column) for column in column_keys)) for row in row_keys + [total]]
    sums += [Sum((total, column), tuple((row, column) for row in row_keys)) for column in column_keys + [total]]
    return sums


def suppress_counts_with_total(
    counts: Mapping[Any, int], threshold: int = DEFAULT_THRESHOLD, total: Hashable = "total"
) -> dict[Any, Figure]:
    """Suppress a list of counts published with their total (the total is computed and included)."""
    with_total = dict(counts)
    with_total[total] = sum(counts.values())
    return suppress_linked_counts(with_total, [Sum(total, tuple(counts))], threshold)


def figures_to_dict(value):
    """Turn nested results (dicts, lists, Figures, dataclasses with to_dict) into plain JSON-ready data."""
    if isinstance(value, Figure):
        return value.to_dict()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {str(key): figures_to_dict(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [figures_to_dict(item) for item in value]
    return value


@dataclass(frozen=True, slots=True)
class PublishedTable:
    """The counts and sums one calculation published, as recorded for a joint pass over several scopes.

    `additive` is True when the same table for a place equals the sum of its organisations' tables
    (headcounts are; quartile pay bands, recomputed within each scope, are not).
    """

    name: str
    counts: dict
    sums: tuple
    additive: bool


class Suppressor:
    """Applies the suppression rule to each table of counts a scope publishes, and records them.

    The calculations call `table` (counts with their sums) and `count` (a count published on its own)
    instead of the module functions, so that `metric_set.compute_metric_sets` can suppress every scope
    together: a count withheld for an organisation must not be recoverable by subtracting the other
    organisations from their place. `forced` holds the (table name, key) pairs that joint pass withheld.

    `earlier`, if given, is the Suppressor of an earlier rendering of the same scope from the same counts.
    A table whose forced counts are exactly those it withheld then gets the same figures without being
    solved again: suppressing a table starting from its own result changes nothing.
    """

    def __init__(
        self,
        threshold: int = DEFAULT_THRESHOLD,
        forced: Collection[tuple] = frozenset(),
        earlier: "Suppressor | None" = None,
    ):
        self.threshold = threshold
        self.forced = frozenset(forced)
        self.tables: list[PublishedTable] = []
        self.withheld: set[tuple] = set()
        self.results: dict[str, tuple[frozenset, dict]] = {}
        self.earlier = earlier

    def table(
        self,
        name: str,
        counts: Mapping[Key, int],
        sums: Iterable[Sum],
        additive: bool = True,
        priority=None,
    ) -> dict[Key, Figure]:
        """`priority(key)`, if given, orders the candidates for secondary suppression (lower first), as in
        `suppress_linked_counts`; the joint pass over several scopes orders them by `hide_last` too."""
        sums = tuple(sums)
        forced = frozenset(key for key in counts if (name, key) in self.forced)
        self.tables.append(PublishedTable(name, dict(counts), sums, additive))
        earlier = self.earlier.results.get(name) if self.earlier else None
        if earlier is not None and forced == earlier[0]:
            figures = dict(earlier[1])
        else:
            figures = suppress_linked_counts(counts, sums, self.threshold, forced=forced, priority=priority)
        withheld = frozenset(key for key, figure in figures.items() if figure.suppressed)
        self.results[name] = (withheld, dict(figures))  # a copy: callers may take the total out of theirs
        self.withheld.update((name, key) for key in withheld)
        return figures

    def counts_with_total(self, name: str, counts: Mapping[Any, int], total: Hashable = "total") -> dict[Any, Figure]:
        """`table` of counts published with their total (computed and included under `total`)."""
        with_total = dict(counts)
        with_total[total] = sum(counts.values())
        return self.table(name, with_total, [Sum(total, tuple(counts))])

    def count(self, name: str, value: int) -> Figure:
        return self.table(name, {name: value}, ())[name]


def hide_last(key) -> bool:
    """Counts to withhold only after others when a hidden count needs a companion: a headline row
    published beside the rows it adds up (WRES 1's Bands 8a and above for the ICS), so protecting a band
    cell hides another band cell rather than the headline."""
    return isinstance(key, tuple) and HIDE_LAST in key


HIDE_LAST = "bands_8a_and_above"


def as_suppressor(threshold: "int | Suppressor") -> Suppressor:
    """A Suppressor for a plain threshold (the calculations accept either)."""
    return threshold if isinstance(threshold, Suppressor) else Suppressor(threshold)


def threshold_of(threshold: "int | Suppressor") -> int:
    return threshold.threshold if isinstance(threshold, Suppressor) else threshold
