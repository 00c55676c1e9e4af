"""Suppressing every table of counts a scope publishes as one system with the other scopes' (rule 5 of the
package docstring): `Suppressor` applies the rule table by table and records each table for the joint pass."""

from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .figures import DEFAULT_THRESHOLD, Figure, Key
from .linked import Sum, suppress_linked_counts


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
