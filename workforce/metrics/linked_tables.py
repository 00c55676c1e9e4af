"""The counts that different tables of one scope publish about the same people (issue 11, point 3).

Each table of counts is suppressed with its own totals, but a scope publishes the same people in several
tables: the headcount, WRES 1's and WDES 1's band tables, the WRES 3 / 4 and WDES 3 group sizes, the
representation tables, the board's workforce shares, the pay gap tables and the declaration rates. A
count hidden in one table is worked out from another otherwise: in an 80-person ICS whose unknown-ethnicity
count is `*`, the headcount 80 minus the WRES 3 White and BME headcounts 55 and 20 gives it back (today:
the suppression does not yet link the tables).

`same_people` names, for one scope's recorded tables (`suppression.PublishedTable`), the classes of cells
that count exactly the same people. The disclosure audit (`disclosure_audit`) treats each class as one
unknown, as a reader would. The suppression itself does not use them yet: linked into the greedy joint pass
of `metric_set.compute_metric_sets` they made it hide every scope's headcount (see the README, "Known gaps").

Which cells are equal follows from how each table is counted: the WRES/WDES headcount
(`inputs.headcount_population`: primary assignments, no bank) is what the band tables, the group sizes,
the representation and the board's workforce share count; the declaration rates count every primary
assignment. The pay gap tables count the relevant employees, each table its own part of them (the quartiles
those with an hourly rate, the by-band tables those on an Agenda for Change band, the bonus table everyone
paid), so none is the same people as another table's cell.

`tests/workforce/metrics/test_linked_tables.py` finds every pair of cells of different tables that are
equal on random populations and checks each is linked here (and that linked cells are equal), so a table
added later without its links fails that test.
"""

from collections.abc import Iterable, Mapping

from workforce.vocabulary import DisabilityGroup, EthnicGroup

from .suppression import PublishedTable

Cell = tuple[str, object]  # (table name, key in that table)

_ETHNIC = [str(group) for group in EthnicGroup]
_DISABILITY = [str(group) for group in DisabilityGroup]
_DECLARATIONS = ("ethnicity", "disability", "sexual_orientation", "religion")


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
    if "declaration.ethnicity" in tables:
        rows = {key[0] for key in tables["declaration.ethnicity"].counts}
        for row in sorted(rows, key=str):
            classes.append(present((f"declaration.{name}", (row, "total")) for name in _DECLARATIONS))
    return [cells for cells in classes if len(cells) > 1]
