"""The disclosure audit: the least and most a reader can work out for each hidden small number from
everything published with it (issue 11, point 3), checked against hand-worked systems."""

from workforce.metrics.disclosure_audit import audit_metric_sets, audit_system
from workforce.metrics.metric_set import ScopeSpec
from workforce.metrics.suppression import Sum

from .helpers import people


def test_a_hidden_count_beside_a_hidden_companion_is_free_between_zero_and_the_total():
    # a (3) + b (10) = 13 shown: a reader knows only 0 <= a <= 13.
    counts = {"a": 3, "b": 10, "total": 13}
    assert audit_system(counts, [Sum("total", ("a", "b"))], {"a", "b"}, ["a"], protection=7) == []


def test_a_second_sum_that_pins_the_companion_pins_the_count():
    # b = c + d with c and d shown gives b = 10, so a = 13 - 10 = 3 exactly.
    counts = {"a": 3, "b": 10, "total": 13, "c": 6, "d": 4}
    sums = [Sum("total", ("a", "b")), Sum("b", ("c", "d"))]
    [exposure] = audit_system(counts, sums, {"a", "b"}, ["a"], protection=7)
    assert (exposure.cell, exposure.value, exposure.lowest, exposure.highest, exposure.exact) == ("a", 3, 3, 3, True)


def test_an_interval_narrower_than_the_protection_level_fails_and_one_as_wide_passes():
    sums = [Sum("total", ("a", "b"))]
    # a (3) + b (4) = 7: 0 <= a <= 7, as wide as the threshold of 7.
    assert audit_system({"a": 3, "b": 4, "total": 7}, sums, {"a", "b"}, ["a"], protection=7) == []
    # a (3) + b (3) = 6: 0 <= a <= 6, so a reader knows it is 6 or fewer.
    [exposure] = audit_system({"a": 3, "b": 3, "total": 6}, sums, {"a", "b"}, ["a"], protection=7)
    assert (exposure.lowest, exposure.highest, exposure.exact) == (0, 6, False)


def test_two_hidden_cells_in_two_sums_bound_each_other():
    # A hidden rectangle: rows r1 = x + y and r2 = z + w, columns c1 = x + z and c2 = y + w, totals shown.
    # With x = t: y = 22 - t, z = 32 - t, w = 3 + t, all >= 0, so 0 <= x <= 22 and 3 <= w <= 25.
    counts = {"x": 2, "y": 20, "z": 30, "w": 5, "r1": 22, "r2": 35, "c1": 32, "c2": 25}
    sums = [Sum("r1", ("x", "y")), Sum("r2", ("z", "w")), Sum("c1", ("x", "z")), Sum("c2", ("y", "w"))]
    assert audit_system(counts, sums, {"x", "y", "z", "w"}, ["x", "w"], protection=7) == []
    # y = 3 instead: y = 5 - t >= 0 caps x at 5, so 0 <= x <= 5 (and 3 <= w <= 8): both too narrow.
    counts = {"x": 2, "y": 3, "z": 30, "w": 5, "r1": 5, "r2": 35, "c1": 32, "c2": 8}
    found = {
        e.cell: (e.lowest, e.highest)
        for e in audit_system(counts, sums, {"x", "y", "z", "w"}, ["x", "w"], protection=7)
    }
    assert found == {"x": (0, 5), "w": (3, 8)}


def test_the_audit_finds_the_issues_80_person_ics_leak_across_tables():
    # 55 White, 20 BME, 5 of unknown ethnicity: each table on its own protects the 5, but the headcount (80)
    # less the WRES 3 White and BME headcounts (55, 20) gives it back. Found only with the tables linked.
    staff = people(55) + people(20, ethnic_group="bme") + people(5, ethnic_group="unknown")
    scopes = [ScopeSpec("ics", "ICS", frozenset({1}))]
    unlinked = audit_metric_sets(staff, [], scopes, year=2025, linked_tables=False)
    linked = audit_metric_sets(staff, [], scopes, year=2025, linked_tables=True)
    unknown = ("ICS", "ethnic_group.bands", ("all", "total", "unknown"))
    assert unknown not in {exposure.cell for exposure in unlinked.exposures}
    found = {exposure.cell: exposure for exposure in linked.exposures}
    assert found[unknown].exact and found[unknown].value == 5
    assert not linked.passed and linked.by_scope()["ICS"] == len(linked.exposures)
    assert linked.hidden == unlinked.hidden and linked.checked == unlinked.checked > 0


def test_a_scope_whose_few_small_numbers_are_well_hidden_passes():
    staff = people(60) + people(30, ethnic_group="bme") + people(20, ethnic_group="unknown", disability_group="unknown")
    report = audit_metric_sets(staff, [], [ScopeSpec("ics", "ICS", frozenset({1}))], year=2025)
    assert report.checked > 0 and report.passed


def test_a_shown_ratio_pins_the_one_hidden_count_behind_it():
    # The issue's West Lancashire figures: White 389 shortlisted / 117 appointed, BME 10 / 2. BME appointed
    # is `*`, but the ratio 1.50 (with its interval 0.42 to 5.24 and inverse 0.66) fits no other count.
    from workforce.metrics.inputs import OrganisationFigures, Shortlisting

    staff = people(60) + people(30, ethnic_group="bme") + people(20, ethnic_group="unknown", disability_group="unknown")
    recruitment = {"white": Shortlisting(389, 117), "bme": Shortlisting(10, 2)}
    entered = [OrganisationFigures(organisation_id=1, year=2025, recruitment_by_ethnicity=recruitment)]
    scopes = [ScopeSpec("ics", "ICS", frozenset({1}))]
    report = audit_metric_sets(staff, entered, scopes, year=2025, linked_tables=False)
    found = {exposure.cell: exposure for exposure in report.exposures}
    appointed = ("ICS", "wres.2.bme.appointed", "wres.2.bme.appointed")
    assert (found[appointed].value, found[appointed].lowest, found[appointed].highest) == (2, 2, 2)


def test_a_ratio_that_leaves_room_narrows_a_count_only_as_far_as_its_figures_do():
    from workforce.metrics.disclosure_audit import _narrowed
    from workforce.metrics.likelihood import relative_likelihood

    # 3 of 40 against 30 of 50: ratio 0.125 -> 0.13; 3 gives 0.13, 2 gives 0.08 and 4 gives 0.17, so 3 only.
    shown = relative_likelihood(3, 40, 30, 50, first_group="a", second_group="b", event="e")
    assert _narrowed(shown, [3, 40, 30, 50], 0, 7) == (3.0, 3.0)
    # A hidden group size of 400 behind 30 of it: the ratio (0.13) and its interval (0.08 to 0.19) leave some
    # room, but the inverse, 8.00, is 400 / 50 exactly and fits no other size.
    shown = relative_likelihood(30, 400, 30, 50, first_group="a", second_group="b", event="e")
    assert _narrowed(shown, [30, 400, 30, 50], 1, 7) == (400.0, 400.0)


def test_an_exposure_is_exact_when_one_whole_number_fits_its_interval():
    from workforce.metrics.disclosure_audit import Exposure

    assert Exposure("a", 3, 3.0, 3.0).exact and Exposure("a", 1, 0.5, 1.0).exact
    assert not Exposure("a", 3, 2.0, 3.0).exact and not Exposure("a", 3, 0.0, 6.0).exact
    assert Exposure("a", 3, 0.0, 6.0).width == 6.0


def test_a_count_nothing_bounds_above_is_never_an_exposure_and_the_solver_prints_nothing(capfd):
    # x = y, both hidden, nothing else published: x can be anything from 0 up.
    assert audit_system({"x": 3, "y": 3}, [Sum("x", ("y",))], {"x", "y"}, ["x"], protection=7) == []
    # A count in no sum is held only by its own bounds (from a shown ratio, say).
    [exposure] = audit_system({"z": 2}, [], {"z"}, ["z"], protection=7, bounds={"z": (1.0, 4.0)})
    assert (exposure.lowest, exposure.highest) == (1.0, 4.0)
    print("after the audit")  # and the process's own output is back where it was
    assert capfd.readouterr().out == "after the audit\n"


def test_the_report_counts_published_cells_and_names_each_exposure_by_its_scope():
    from workforce.metrics.disclosure_audit import AuditReport, Exposure
    from workforce.metrics.metric_set import compute_metric_sets

    empty = AuditReport(protection=7, linked_tables=True)
    assert (empty.cells, empty.hidden, empty.checked, empty.passed) == (0, 0, 0, True)
    report = AuditReport(protection=7, linked_tables=True)
    report.exposures = [
        Exposure(("org", "t", "k"), 2, 0, 3),
        Exposure(("remainder", "ICS", "t", "k"), 2, 0, 3),
        Exposure(("ICS", "t", "j"), 2, 0, 3),
    ]
    assert report.by_scope() == {"org": 1, "ICS": 2} and not report.passed
    # Organisation 2 has no scope of its own: what it adds to the ICS is an unpublished remainder, not counted.
    staff = people(40) + people(30, organisation_id=2) + people(3, organisation_id=2, ethnic_group="bme")
    scopes = [ScopeSpec("ics", "ICS", frozenset({1, 2})), ScopeSpec("organisation", "org", frozenset({1}))]
    published: dict = {}
    compute_metric_sets(staff, [], scopes, year=2025, published=published)
    shown = sum(len(figures) for suppressor in published.values() for _, figures in suppressor.results.values())
    assert audit_metric_sets(staff, [], scopes, year=2025).cells == shown


def test_the_audit_links_the_tables_unless_told_not_to():
    staff = people(55) + people(20, ethnic_group="bme") + people(5, ethnic_group="unknown")
    report = audit_metric_sets(staff, [], [ScopeSpec("ics", "ICS", frozenset({1}))], year=2025)
    assert report.linked_tables and any(exposure.exact for exposure in report.exposures)


def brute_force(values, position, shown, limit=25_000):
    """Every value of the count at `position`, from 0 to `limit`, that gives the figures `shown` gives."""
    from workforce.metrics.disclosure_audit import _published
    from workforce.metrics.likelihood import relative_likelihood

    fits = []
    for value in range(limit + 1):
        trial = list(values)
        trial[position] = value
        again = relative_likelihood(*trial, first_group="a", second_group="b", event="e")
        if _published(again) == _published(shown):
            fits.append(value)
    return float(min(fits)), float(max(fits))


def test_narrowing_finds_the_same_run_of_values_as_trying_every_value():
    from workforce.metrics.disclosure_audit import _narrowed
    from workforce.metrics.likelihood import relative_likelihood

    # Large groups: one more or fewer barely moves a ratio of 1.00, so a run of values fits.
    for values in ([5000, 10000, 1000, 2000], [40, 900, 35, 700], [120, 400, 9, 60]):
        shown = relative_likelihood(*values, first_group="a", second_group="b", event="e")
        for position in range(4):
            narrowed = _narrowed(shown, values, position, 7)
            assert narrowed == brute_force(values, position, shown), (values, position)
    large = [5000, 10000, 1000, 2000]
    shown = relative_likelihood(*large, first_group="a", second_group="b", event="e")
    least, most = _narrowed(shown, large, 0, 7)
    assert least < 5000 < most  # a run of values, not one


def test_a_count_whose_run_of_values_goes_past_the_search_is_unbounded(monkeypatch):
    from workforce.metrics import disclosure_audit
    from workforce.metrics.likelihood import relative_likelihood

    values = [5000, 10000, 1000, 2000]
    shown = relative_likelihood(*values, first_group="a", second_group="b", event="e")
    least, most = disclosure_audit._narrowed(shown, values, 0, 7)
    monkeypatch.setattr(disclosure_audit, "_UNBOUNDED_AFTER", int(most) - 5000)
    assert disclosure_audit._narrowed(shown, values, 0, 7) == (least, float("inf"))
    monkeypatch.setattr(disclosure_audit, "_UNBOUNDED_AFTER", int(most) - 5000 + 1)
    assert disclosure_audit._narrowed(shown, values, 0, 7) == (least, most)


def test_only_a_shown_ratio_with_one_hidden_count_bounds_a_count():
    from workforce.metrics.disclosure_audit import ratio_bounds
    from workforce.metrics.likelihood import relative_likelihood

    def result(likelihood):
        empty = {"likelihood": None, "single_year": None}
        return {
            "S": {"wres": {"2": {"likelihood": likelihood}, "3": empty, "4": empty}, "wdes": {"2": empty, "3": empty}}
        }

    cells = [
        ("S", name, name)
        for name in (
            "wres.2.white.appointed",
            "wres.2.white.shortlisted",
            "wres.2.bme.appointed",
            "wres.2.bme.shortlisted",
        )
    ]
    counts = dict(zip(cells, (117, 389, 2, 10), strict=True))
    shown = relative_likelihood(117, 389, 2, 10, first_group="a", second_group="b", event="e")
    assert ratio_bounds(result(shown), counts, {cells[2]}, 7) == {cells[2]: (2.0, 2.0)}
    assert ratio_bounds(result(shown), counts, {cells[2], cells[3]}, 7) == {}  # two hidden: a product
    assert ratio_bounds(result(shown), counts, set(), 7) == {}
    withheld = relative_likelihood(117, 389, 2, 5, first_group="a", second_group="b", event="e")
    assert not withheld.ratio.is_available
    assert ratio_bounds(result(withheld), counts, {cells[2]}, 7) == {}


def test_a_shown_ratios_bounds_hold_a_count_inside_a_sum():
    # t (20) = z (2, hidden, a ratio allows 1 to 4) + w (18, hidden): z is between 1 and 4, not 0 and 20.
    counts = {"t": 20, "z": 2, "w": 18}
    [exposure] = audit_system(counts, [Sum("t", ("z", "w"))], {"z", "w"}, ["z"], protection=7, bounds={"z": (1.0, 4.0)})
    assert (exposure.lowest, exposure.highest, exposure.width) == (1.0, 4.0, 3.0)
    # As wide as the protection level exactly: not an exposure.
    assert audit_system(counts, [Sum("t", ("z", "w"))], {"z", "w"}, ["z"], protection=7, bounds={"z": (1.0, 8.0)}) == []
