"""Secondary suppression (rule 2 of the package docstring): counts published with their totals are withheld
until no withheld count can be worked out exactly from the counts that are shown."""

from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from heapq import heappop, heappush
from typing import Any

from .figures import DEFAULT_THRESHOLD, SECONDARY_SUPPRESSION, SMALL_NUMBER, Figure, Key, is_small


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
