"""Suppression at its edges: the fallback companion far from a hidden count, the headline rows hidden last,
and the decimals of a shown figure."""

from workforce.metrics.suppression import Figure, hide_last
from workforce.metrics.suppression.linked import _nearest_companion


def chain_of_sums():
    """Sums a=b, b=c, c=d, d=e and e=f+z: a to e withheld, f (5) and z (0) shown. Three sums out from a there
    is nothing left to withhold, so the search falls back to any shown count in a sum with a withheld one."""
    members = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "f", "z")]
    sums_of: dict = {}
    for index, keys in enumerate(members):
        for key in keys:
            sums_of.setdefault(key, []).append(index)
    counts = {"a": 3, "b": 3, "c": 3, "d": 3, "e": 8, "f": 5, "z": 0}
    order = {key: position for position, key in enumerate(counts)}
    return members, sums_of, counts, order, dict.fromkeys(counts, 0)


def test_with_no_companion_near_a_hidden_count_the_nearest_shown_non_zero_count_anywhere_is_withheld():
    members, sums_of, counts, order, rank = chain_of_sums()
    withheld = {"a", "b", "c", "d", "e"}
    assert _nearest_companion("a", withheld, members, sums_of, counts, order, rank) == "f"  # not the zero z


def test_with_nothing_shown_in_any_sum_there_is_no_companion():
    members, sums_of, counts, order, rank = chain_of_sums()
    withheld = set(counts)
    assert _nearest_companion("a", withheld, members, sums_of, counts, order, rank) is None


def test_only_the_bands_8a_and_above_row_of_a_table_is_hidden_last():
    assert hide_last(("all", "bands_8a_and_above", "bme")) is True
    assert hide_last(("clinical", "5", "bme")) is False
    assert hide_last("bands_8a_and_above") is False  # a count published on its own is not a table's row


def test_a_shown_figure_has_one_decimal_place_unless_told_otherwise():
    assert Figure.shown(12.345).value == 12.3
    assert Figure.shown(12.345, 2).value == 12.35  # half up, as people round
