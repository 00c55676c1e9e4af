"""The counts that different tables of one scope publish about the same people (issue 11, point 3).

Each table of counts is suppressed with its own totals, but a scope publishes the same people in several
tables: the headcount, WRES 1's and WDES 1's band tables, the WRES 3 / 4 and WDES 3 group sizes, the
representation tables, the board's workforce shares, the pay gap tables and the declaration rates. A
count hidden in one table is worked out from another otherwise: in an 80-person ICS whose unknown-ethnicity
count is `*`, the headcount 80 minus the WRES 3 White and BME headcounts 55 and 20 gives it back.

`same_people` names, for one scope's recorded tables (`suppression.PublishedTable`), the classes of cells
that count exactly the same people. `metric_set.compute_metric_sets` adds "these cells are equal" to the one
linked system of sums it suppresses across every table and every scope, so a cell hidden in one table is
hidden wherever the same count appears, and the sums of every table it is in protect it together.

Which cells are equal follows from how each table is counted: the WRES/WDES headcount
(`inputs.headcount_population`: primary assignments, no bank) is what the band tables, the group sizes,
the representation and the board's workforce share count; the pay gap's relevant employees are what its
quartile and by-band tables count (the bonus table counts a different population); the declaration rates
count every primary assignment. `tests/workforce/metrics/test_linked_tables.py` finds every pair of cells of
different tables that are equal on random populations and checks each is linked here, so a table added
later without its links fails that test.
"""

from collections.abc import Iterable, Mapping

from workforce.vocabulary import DisabilityGroup, EthnicGroup

from .suppression import PublishedTable

Cell = tuple[str, object]  # (table name, key in that table)

_ETHNIC = [str(group) for group in EthnicGroup]
_DISABILITY = [str(group) for group in DisabilityGroup]
_DECLARATIONS = ("ethnicity", "disability", "sexual_orientation", "religion")
# Pay gap comparisons: (reference group, the by-band table, the two groups compared).
_PAY_GAPS = (
    ("male", "gender", ("male", "female")),
    ("white", "ethnicity", ("white", "bme")),
    ("non_disabled", "disability", ("non_disabled", "disabled")),
)


def same_people(tables: Mapping[str, PublishedTable]) -> list[list[Cell]]:
    """Classes of two or more cells of different tables of one scope that count the same people."""

    def present(cells: Iterable[Cell]) -> list[Cell]:
        return [(name, key) for name, key in cells if name in tables and key in tables[name].counts]

    classes = [
        present(
            [
                ("headcount", "headcount"),
                ("ethnic_group.bands", ("all", "total", "total")),
                ("disability_group.bands", ("all", "total", "total")),
                ("representation.age", "total"),
                ("board.bme.workforce", "total"),
                ("board.disabled.workforce", "total"),
            ]
        )
    ]
    # A band row's total is the same people whichever characteristic splits it.
    if "ethnic_group.bands" in tables and "disability_group.bands" in tables:
        by_disability = tables["disability_group.bands"].counts
        for key in tables["ethnic_group.bands"].counts:
            if key[2] == "total" and key in by_disability and key != ("all", "total", "total"):
                classes.append([("ethnic_group.bands", key), ("disability_group.bands", key)])
    for group in _ETHNIC:
        classes.append(
            present(
                [
                    ("ethnic_group.bands", ("all", "total", group)),
                    (f"wres.3.{group}.headcount", f"wres.3.{group}.headcount"),
                    (f"wres.4.{group}.headcount", f"wres.4.{group}.headcount"),
                    ("representation.bme", group),
                    ("representation.bme.unknown", f"representation.bme.{group}"),
                    ("board.bme.workforce", group),
                ]
            )
        )
    for group in _DISABILITY:
        classes.append(
            present(
                [
                    ("disability_group.bands", ("all", "total", group)),
                    (f"wdes.3.{group}.headcount", f"wdes.3.{group}.headcount"),
                    ("representation.disabled", group),
                    ("representation.disabled.unknown", f"representation.disabled.{group}"),
                    ("board.disabled.workforce", group),
                ]
            )
        )
    for reference, by_band, groups in _PAY_GAPS:
        for column in (*groups, "total"):
            quartiles, bands = f"paygap.{reference}.quartiles", f"paygap.{by_band}.by_band"
            classes.append(present([(quartiles, ("total", column)), (bands, ("total", column))]))
    if "declaration.ethnicity" in tables:
        rows = {key[0] for key in tables["declaration.ethnicity"].counts}
        for row in sorted(rows, key=str):
            classes.append(present((f"declaration.{name}", (row, "total")) for name in _DECLARATIONS))
    return [cells for cells in classes if len(cells) > 1]
