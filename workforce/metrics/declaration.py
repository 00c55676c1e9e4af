"""Declaration rates: how many staff have no recorded ethnicity, disability, sexual orientation or religion.

The Belonging Plan's ESR data-capture priority tracks the share of staff whose answer is unknown or not
stated. A person counts once (primary assignment); bank staff are included, because the priority is about
the completeness of everyone's ESR record, not a WRES/WDES headcount. Ethnicity and disability are
undeclared when their group is Unknown; sexual orientation and religion when not declared.

Per organisation and for the whole scope, the counts are published as one table (organisations x
declared/not stated, with totals), so they are suppressed together and a small count cannot be worked out
by subtracting the other organisations from the scope total.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from operator import attrgetter

from workforce.vocabulary import DisabilityGroup, EthnicGroup

from .suppression import DEFAULT_THRESHOLD, Suppressor, as_suppressor, grid_sums, percentage

CHARACTERISTICS = ("ethnicity", "disability", "sexual_orientation", "religion")
# The field holding each characteristic, and the value that means "unknown or not stated".
_FIELDS = {
    "ethnicity": ("ethnic_group", EthnicGroup.UNKNOWN.value),
    "disability": ("disability_group", DisabilityGroup.UNKNOWN.value),
    "sexual_orientation": ("sexual_orientation_declared", False),
    "religion": ("religion_declared", False),
}
DECLARATION_FIELDS = tuple(field for field, _ in _FIELDS.values())
_COLUMNS = ("declared", "not_stated")


def is_not_stated(member, characteristic: str) -> bool:
    """True when the member's answer for the characteristic is unknown or not stated."""
    if characteristic == "ethnicity":
        return member.ethnic_group == EthnicGroup.UNKNOWN
    if characteristic == "disability":
        return member.disability_group == DisabilityGroup.UNKNOWN
    if characteristic == "sexual_orientation":
        return not member.sexual_orientation_declared
    if characteristic == "religion":
        return not member.religion_declared
    raise ValueError(f"Unknown characteristic {characteristic!r}")


def declaration_rates(staff: Sequence, threshold: "int | Suppressor" = DEFAULT_THRESHOLD) -> dict:
    """For each characteristic: the scope's declared and not-stated counts and percentage not stated,
    and the same for each organisation in the scope (keyed by organisation id).
    """
    people = [member for member in staff if member.is_primary_assignment]
    return declaration_rates_from_counts(
        Counter(map(attrgetter("organisation_id", *DECLARATION_FIELDS), people)), threshold
    )


def declaration_rates_from_counts(combinations: Mapping, threshold: "int | Suppressor" = DEFAULT_THRESHOLD) -> dict:
    """`declaration_rates` from the people on a primary assignment counted by (organisation id, *DECLARATION_FIELDS)."""
    suppressor = as_suppressor(threshold)
    threshold = suppressor.threshold
    organisations = sorted({combination[0] for combination in combinations})
    result = {}
    for position, characteristic in enumerate(CHARACTERISTICS, start=1):
        not_stated_value = _FIELDS[characteristic][1]
        counts = {(organisation, column): 0 for organisation in organisations for column in _COLUMNS}
        for combination, count in combinations.items():
            column = "not_stated" if combination[position] == not_stated_value else "declared"
            counts[(combination[0], column)] += count
        for organisation in organisations:
            counts[(organisation, "total")] = sum(counts[(organisation, column)] for column in _COLUMNS)
        for column in (*_COLUMNS, "total"):
            counts[("total", column)] = sum(counts[(organisation, column)] for organisation in organisations)
        figures = suppressor.table(f"declaration.{characteristic}", counts, grid_sums(organisations, _COLUMNS))

        def rates(row, counts=counts, figures=figures):
            return {
                "declared": figures[(row, "declared")],
                "not_stated": figures[(row, "not_stated")],
                "headcount": figures[(row, "total")],
                "percent_not_stated": percentage(
                    counts[(row, "not_stated")],
                    counts[(row, "total")],
                    threshold,
                    figures[(row, "not_stated")],
                    total_figure=figures[(row, "total")],
                ),
            }

        result[characteristic] = {
            "overall": rates("total"),
            "by_organisation": {organisation: rates(organisation) for organisation in organisations},
        }
    return result


def declaration_over_time(snapshots: Mapping[int, Sequence], threshold: int = DEFAULT_THRESHOLD) -> dict:
    """Declaration rates for each reporting year (year -> the `declaration_rates` result), oldest first."""
    return {year: declaration_rates(snapshots[year], threshold) for year in sorted(snapshots)}
