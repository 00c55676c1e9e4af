import random

import pytest

from workforce.metrics.bands import band_distribution
from workforce.metrics.suppression import (
    DERIVED_FROM_SUPPRESSED_COUNT,
    GROUP_BELOW_THRESHOLD,
    NOT_COMPUTABLE_ZERO_DENOMINATOR,
    SECONDARY_SUPPRESSION,
    SMALL_NUMBER,
    Figure,
    Sum,
    count_figure,
    grid_sums,
    percentage,
    round_half_up,
    suppress_counts_with_total,
    suppress_linked_counts,
)

from .helpers import member, recoverable_cells


def random_table(rng, rows=6, columns=4):
    values = {
        (r, c): rng.choice([0, 0, 1, 2, 3, 5, 7, 8, 9, 12, 25, 40, 150]) for r in range(rows) for c in range(columns)
    }
    for r in range(rows):
        values[(r, "total")] = sum(values[(r, c)] for c in range(columns))
    for c in [*range(columns), "total"]:
        values[("total", c)] = sum(values[(r, c)] for r in range(rows))
    return values, grid_sums(range(rows), range(columns))


def test_counts_of_one_to_seven_are_shown_as_a_star_and_zero_and_eight_are_shown():
    assert count_figure(0).display == "0"
    assert [count_figure(n).display for n in range(1, 8)] == ["*"] * 7
    assert count_figure(7).reason == SMALL_NUMBER
    assert count_figure(8).display == "8"


def test_the_threshold_is_passed_in_not_read_from_settings():
    assert count_figure(9, threshold=10).suppressed
    assert not count_figure(8, threshold=5).suppressed


def test_a_percentage_from_a_group_below_the_threshold_is_withheld_but_a_group_of_exactly_the_threshold_is_not():
    assert percentage(3, 6).reason == GROUP_BELOW_THRESHOLD
    assert percentage(0, 7).value == 0.0
    assert percentage(0, 0).reason == NOT_COMPUTABLE_ZERO_DENOMINATOR
    assert not percentage(0, 0).suppressed


def test_a_percentage_of_a_suppressed_count_is_withheld_so_it_cannot_give_the_count_away():
    assert percentage(3, 100, count_figure=count_figure(3)).reason == DERIVED_FROM_SUPPRESSED_COUNT
    assert percentage(30, 100, count_figure=count_figure(30)).value == 30.0


def test_rounding_is_half_up_to_one_decimal_place():
    assert round_half_up(2.25, 1) == 2.3
    assert round_half_up(0.125, 2) == 0.13
    assert Figure.shown(12.0, 1).display == "12.0"


def test_a_single_small_count_in_a_list_with_its_total_takes_the_next_smallest_count_with_it():
    figures = suppress_counts_with_total({"white": 120, "bme": 3, "unknown": 15})
    assert figures["bme"].reason == SMALL_NUMBER
    assert figures["unknown"].reason == SECONDARY_SUPPRESSION
    assert figures["white"].display == "120"
    assert figures["total"].display == "138"


def test_secondary_suppression_prefers_a_non_zero_count_to_a_zero():
    figures = suppress_counts_with_total({"a": 0, "b": 2, "c": 50, "d": 60})
    assert figures["a"].display == "0"
    assert figures["c"].reason == SECONDARY_SUPPRESSION
    assert not figures["d"].suppressed


def test_secondary_suppression_covers_rows_and_columns_of_a_table():
    values = {
        ("r1", "a"): 3, ("r1", "b"): 40, ("r1", "c"): 50,
        ("r2", "a"): 20, ("r2", "b"): 30, ("r2", "c"): 45,
        ("r3", "a"): 25, ("r3", "b"): 35, ("r3", "c"): 60,
    }  # fmt: skip
    rows, columns = ("r1", "r2", "r3"), ("a", "b", "c")
    for r in rows:
        values[(r, "total")] = sum(values[(r, c)] for c in columns)
    for c in (*columns, "total"):
        values[("total", c)] = sum(values[(r, c)] for r in rows)
    sums = grid_sums(rows, columns)
    figures = suppress_linked_counts(values, sums)
    assert figures[("r1", "a")].reason == SMALL_NUMBER
    assert figures[("r1", "b")].reason == SECONDARY_SUPPRESSION  # smallest other in its row
    assert figures[("r2", "a")].reason == SECONDARY_SUPPRESSION  # smallest other in its column
    assert recoverable_cells(sums, figures) == set()


def test_the_independent_checker_does_recover_a_cell_left_alone_in_its_row():
    # Guard against a checker that can never find anything: primary suppression only leaks.
    values = {("r", "a"): 3, ("r", "b"): 40, ("r", "total"): 43}
    sums = [Sum(("r", "total"), (("r", "a"), ("r", "b")))]
    primary_only = {key: count_figure(value) for key, value in values.items()}
    assert recoverable_cells(sums, primary_only) == {("r", "a")}


@pytest.mark.parametrize("seed", range(40))
def test_no_suppressed_count_in_a_random_table_can_be_recovered_from_the_totals(seed):
    values, sums = random_table(random.Random(seed))
    figures = suppress_linked_counts(values, sums)
    small = {key for key, value in values.items() if 1 <= value <= 7}
    assert {key for key, figure in figures.items() if figure.suppressed} >= small
    assert recoverable_cells(sums, figures) == set()
    for key, figure in figures.items():
        if not figure.suppressed:
            assert figure.value == values[key]


def test_secondary_suppression_catches_a_count_pinned_down_by_a_combination_of_sums():
    # Each sum has two withheld counts, yet x = (x + y) - (y + z) + (x + z) ... solved together they pin x.
    values = {"x": 3, "y": 20, "z": 30, "w": 40, "xy": 23, "yz": 50, "xz": 33, "zw": 70}
    sums = [Sum("xy", ("x", "y")), Sum("yz", ("y", "z")), Sum("xz", ("x", "z")), Sum("zw", ("z", "w"))]
    figures = suppress_linked_counts(values, sums)
    assert recoverable_cells(sums, figures) == set()


def test_band_tables_with_clusters_and_the_clinical_split_leak_nothing():
    rng = random.Random(7)
    bands = ["1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "vsm"]
    staff = []
    for _ in range(400):
        staff.append(
            member(
                pay_band=rng.choice(bands),
                is_clinical=rng.random() < 0.5,
                ethnic_group=rng.choices(["white", "bme", "unknown"], [70, 20, 10])[0],
            )
        )
    result = band_distribution(staff, "ethnic_group", ("white", "bme", "unknown"))
    # Rebuild the published counts and sums the same way a reader could, then try to solve for the stars.
    figures, sums = {}, []
    groups = ("white", "bme", "unknown", "total")
    for split in ("clinical", "non_clinical"):
        table = result[split]["counts"]
        for row, cells in table.items():
            for group, figure in cells.items():
                figures[(split, row, group)] = figure
        for row in table:
            sums.append(Sum((split, row, "total"), tuple((split, row, g) for g in groups[:3])))
        from workforce.metrics.bands import BAND_ROWS, CLUSTERS

        for g in groups:
            sums.append(Sum((split, "total", g), tuple((split, row, g) for row in BAND_ROWS)))
            for cluster, members in CLUSTERS.items():
                sums.append(Sum((split, cluster, g), tuple((split, row, g) for row in members)))
    for g in groups:
        figures[("all", "total", g)] = result["overall_workforce"]["counts"][g]
        sums.append(Sum(("all", "total", g), (("clinical", "total", g), ("non_clinical", "total", g))))
    assert any(f.suppressed for f in figures.values())
    assert recoverable_cells(sums, figures) == set()


def test_a_share_of_a_hidden_total_is_withheld_but_a_share_of_nothing_is_shown():
    # 9 of a hidden 36 shown as 25.0% would give the 36 back; 0% of it gives nothing back.
    from workforce.metrics.suppression import DERIVED_FROM_SUPPRESSED_COUNT, Figure, percentage

    hidden = Figure.withheld("secondary suppression")
    assert percentage(9, 36, 7, Figure(9), total_figure=hidden).reason == DERIVED_FROM_SUPPRESSED_COUNT
    assert percentage(0, 36, 7, Figure(0), total_figure=hidden).value == 0.0
    assert percentage(9, 36, 7, Figure(9), total_figure=Figure(36)).value == 25.0
