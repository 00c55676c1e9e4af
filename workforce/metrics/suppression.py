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

A figure that cannot be calculated at all (a zero denominator, no data) is not suppressed: it carries a
"not computable: ..." reason and a note saying which part was zero.

The threshold is passed in to every function (no settings import), defaulting to `DEFAULT_THRESHOLD`.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

DEFAULT_THRESHOLD = 7

SMALL_NUMBER = "small number"
SECONDARY_SUPPRESSION = "secondary suppression"
GROUP_BELOW_THRESHOLD = "group below threshold"
DERIVED_FROM_SUPPRESSED_COUNT = "derived from a suppressed count"
NOT_COMPUTABLE_ZERO_DENOMINATOR = "not computable: zero denominator"
NOT_COMPUTABLE_ZERO_NUMERATOR = "not computable: zero numerator"
NOT_COMPUTABLE_NO_DATA = "not computable: no data"


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


def group_is_too_small(size: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
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
    counts: Mapping[Hashable, int],
    sums: Iterable[Sum],
    threshold: int = DEFAULT_THRESHOLD,
) -> dict[Hashable, Figure]:
    """Suppress counts that are published together with totals, so none can be worked out.

    Primary suppression withholds every count of 1 to `threshold`. Secondary suppression then repeats
    until stable:

    - where a sum has exactly one withheld count, withhold the next-smallest count of that sum (a
      non-zero count before a zero, since a withheld zero protects nothing);
    - then solve the published sums exactly (Gaussian elimination over the withheld counts) and, for
      every withheld count the shown counts still pin down (a combination of rows, columns and
      clusters can do that even when each sum has two or more withheld counts), withhold the
      next-smallest count in a sum that contains it.

    Returns a `Figure` for every key of `counts`. Only exact recovery is prevented: bounds (a count is
    at least 0) are not modelled beyond preferring non-zero counts for secondary suppression.
    """
    sums = [s for s in sums if s.parts]
    primary = {key for key, value in counts.items() if is_small(value, threshold)}
    withheld = set(primary)
    if withheld:
        order = {key: position for position, key in enumerate(counts)}
        members = [(s.total, *s.parts) for s in sums]
        sums_of = {}
        for index, keys in enumerate(members):
            for key in keys:
                sums_of.setdefault(key, []).append(index)

        def companion(keys) -> Hashable | None:
            candidates = [key for key in keys if key not in withheld]
            if not candidates:
                return None
            return min(candidates, key=lambda key: (counts[key] == 0, counts[key], order[key]))

        while True:
            changed = True
            while changed:
                changed = False
                for keys in members:
                    if sum(key in withheld for key in keys) == 1:
                        extra = companion(keys)
                        if extra is not None:
                            withheld.add(extra)
                            changed = True
            exposed = _recoverable(withheld, sums)
            if not exposed:
                break
            added = False
            for key in sorted(exposed, key=order.__getitem__):
                if key not in _recoverable(withheld, sums):
                    continue
                neighbours = [k for index in sums_of.get(key, []) for k in members[index]]
                extra = companion(neighbours)
                if extra is None:
                    # Every count beside it is withheld already: widen to any sum touching a withheld count.
                    extra = companion([k for keys in members if withheld.intersection(keys) for k in keys])
                if extra is not None:
                    withheld.add(extra)
                    added = True
                    break
            if not added:
                break

    figures = {}
    for key, value in counts.items():
        if key in primary:
            figures[key] = Figure.withheld(SMALL_NUMBER)
        elif key in withheld:
            figures[key] = Figure.withheld(
                SECONDARY_SUPPRESSION, "Hidden so that a small number cannot be worked out from the totals."
            )
        else:
            figures[key] = Figure(value)
    return figures


_PRIME = (1 << 61) - 1


def _recoverable(withheld: set, sums: list[Sum]) -> set:
    """The withheld counts that the published sums determine exactly, given every shown count.

    Each sum is a linear equation total - sum(parts) = 0; the shown counts move to the right-hand side,
    so only the coefficients of withheld counts matter. A withheld count is determined exactly when its
    unit vector lies in the row space of those equations: in reduced row echelon form, when its pivot row
    has no other entry. Arithmetic is modulo a 61-bit prime (the coefficients are all +1/-1, so no
    realistic table can make a minor divisible by it), which keeps this fast without floating error.
    """
    columns = {key: index for index, key in enumerate(withheld)}
    pivots: dict[int, dict[int, int]] = {}
    for s in sums:
        row: dict[int, int] = {}
        for key, coefficient in ((s.total, 1), *((part, _PRIME - 1) for part in s.parts)):
            column = columns.get(key)
            if column is not None:
                row[column] = (row.get(column, 0) + coefficient) % _PRIME
        row = {c: v for c, v in row.items() if v}
        for column in [c for c in row if c in pivots]:
            factor = row.get(column, 0)
            if factor:
                for c, v in pivots[column].items():
                    row[c] = (row.get(c, 0) - factor * v) % _PRIME
                row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        pivot = min(row)
        inverse = pow(row[pivot], _PRIME - 2, _PRIME)
        row = {c: v * inverse % _PRIME for c, v in row.items()}
        for other in pivots.values():
            factor = other.get(pivot)
            if factor:
                for c, v in row.items():
                    other[c] = (other.get(c, 0) - factor * v) % _PRIME
                for c in [c for c, v in other.items() if not v]:
                    del other[c]
        pivots[pivot] = row
    keys = list(columns)
    return {keys[column] for column, row in pivots.items() if len(row) == 1}


def grid_sums(row_keys: Iterable[Hashable], column_keys: Iterable[Hashable], total: Hashable = "total") -> list[Sum]:
    """The sums of a table of (row, column) counts with a total column, a total row and a grand total."""
    row_keys, column_keys = list(row_keys), list(column_keys)
    sums = [Sum((row, total), tuple((row, column) for column in column_keys)) for row in row_keys + [total]]
    sums += [Sum((total, column), tuple((row, column) for row in row_keys)) for column in column_keys + [total]]
    return sums


def suppress_counts_with_total(
    counts: Mapping[Hashable, int], threshold: int = DEFAULT_THRESHOLD, total: Hashable = "total"
) -> dict[Hashable, Figure]:
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
