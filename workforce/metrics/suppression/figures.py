"""A published figure (`Figure`) and the rules for counts and statistics from small groups (rules 1, 3 and 4 of
the package docstring), with the reasons a figure gives for not being shown."""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

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
    total_figure: Figure | None = None,
) -> Figure:
    """`count` as a percentage of `total`, to one decimal place unless told otherwise.

    Withheld when the total group is below the threshold, or when the published figure for the count
    (`count_figure`) or for the total (`total_figure`), if given, is suppressed: a share of a hidden total
    and the count beside it give the total back (a share of 0% gives nothing back, so it is shown). Not
    computable when the total is zero.
    """
    if total == 0:
        return Figure.not_computable(NOT_COMPUTABLE_ZERO_DENOMINATOR, "There is nobody in the group.")
    if group_is_too_small(total, threshold):
        return Figure.withheld(GROUP_BELOW_THRESHOLD)
    if (count_figure is not None and count_figure.suppressed) or (
        total_figure is not None and total_figure.suppressed and count != 0
    ):
        return Figure.withheld(DERIVED_FROM_SUPPRESSED_COUNT)
    return Figure.shown(100.0 * count / total, decimals)


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
