"""WRES 3 and WDES 3 as two-year rolling averages, worked by hand."""

from workforce.metrics.inputs import OrganisationFigures
from workforce.metrics.metric_set import compute_metric_set
from workforce.metrics.rolling import PreviousYear, with_rolling_average
from workforce.metrics.suppression import DERIVED_FROM_SUPPRESSED_COUNT, NOT_COMPUTABLE_NO_DATA
from workforce.metrics.wdes import metric_3
from workforce.metrics.wres import indicator_3

from .helpers import people


def wres_3(current, headcount, previous):
    return with_rolling_average(
        indicator_3(current, headcount), current, headcount, previous, compared=("bme", "white"), threshold=7
    )


def test_the_headline_averages_two_years_of_entries_over_this_years_headcount_with_the_single_year_beside_it():
    # This year 12 of 300 BME staff and 40 of 2,000 White staff entered the process; last year 8 and 60.
    # Rolling: BME (8 + 12) / 2 = 10 of 300 = 3.33%, White (60 + 40) / 2 = 50 of 2,000 = 2.50%: 1.33.
    # Single year: 4.00% / 2.00% = 2.00. 95% interval from 20 events in 600 against 100 in 4,000 (two years of
    # this year's headcount): exp(ln 1.333 +/- 1.96 x sqrt(1/20 - 1/600 + 1/100 - 1/4000)) = 0.83 to 2.14.
    result = wres_3({"bme": 12, "white": 40}, {"bme": 300, "white": 2000}, PreviousYear(2024, {"bme": 8, "white": 60}))
    rolling, single = result["likelihood"], result["single_year"]
    assert (rolling.ratio.value, rolling.lower.value, rolling.upper.value) == (1.33, 0.83, 2.14)
    assert rolling.adverse_impact is True and rolling.may_be_chance is True
    assert single.ratio.value == 2.0
    assert result["groups"]["bme"]["entering"].value == 12  # this year's counts
    assert result["basis"].kind == "rolling_average"
    assert "2023/24 and 2024/25" in result["basis"].detail


def test_a_year_with_no_previous_figures_says_there_is_no_rolling_average_and_shows_the_single_year():
    result = wres_3(
        {"bme": 12, "white": 40}, {"bme": 300, "white": 2000}, PreviousYear(2024, None, "no figures for 2023/24")
    )
    headline = result["likelihood"].ratio
    assert headline.value is None and not headline.suppressed and headline.reason == NOT_COMPUTABLE_NO_DATA
    assert headline.note == "No rolling average: no figures for 2023/24."
    assert result["single_year"].ratio.value == 2.0
    assert result["basis"].kind == "single_year" and result["basis"].label == "No rolling average"


def test_a_small_count_in_either_year_withholds_the_rolling_ratio():
    # Last year's 5 BME entries were shown as * in last year's result: a ratio built on them could give them back.
    result = wres_3({"bme": 12, "white": 40}, {"bme": 300, "white": 2000}, PreviousYear(2024, {"bme": 5, "white": 60}))
    assert result["likelihood"].ratio.suppressed
    assert result["likelihood"].ratio.reason == DERIVED_FROM_SUPPRESSED_COUNT
    this_year_small = wres_3(
        {"bme": 3, "white": 40}, {"bme": 300, "white": 2000}, PreviousYear(2024, {"bme": 9, "white": 60})
    )
    assert this_year_small["likelihood"].ratio.suppressed


def test_wdes_3_averages_capability_entries_the_same_way():
    current, headcount = {"disabled": 10, "non_disabled": 30}, {"disabled": 500, "non_disabled": 3000}
    result = with_rolling_average(
        metric_3(current, headcount),
        current,
        headcount,
        PreviousYear(2024, {"disabled": 14, "non_disabled": 30}),
        compared=("disabled", "non_disabled"),
        threshold=7,
    )
    # Disabled (14 + 10) / 2 = 12 of 500 = 2.4%; non-disabled 30 of 3,000 = 1.0%: 2.40. Single year 2.00 / 1.00.
    assert result["likelihood"].ratio.value == 2.4
    assert result["single_year"].ratio.value == 2.0


def test_a_place_needs_last_years_figures_from_every_organisation_with_this_years():
    staff = people(300, ethnic_group="bme") + people(2000) + people(10, organisation_id=2)
    this_year = [
        OrganisationFigures(1, 2025, entering_disciplinary_by_ethnicity={"bme": 12, "white": 30}),
        OrganisationFigures(2, 2025, entering_disciplinary_by_ethnicity={"bme": 0, "white": 10}),
    ]
    last_year = [OrganisationFigures(1, 2024, entering_disciplinary_by_ethnicity={"bme": 8, "white": 50})]
    result = compute_metric_set(staff, this_year + last_year, scope_kind="place", scope_name="P", year=2025)
    assert result["wres"]["3"]["likelihood"].ratio.note == (
        "No rolling average: no figures for 2023/24 from 1 of 2 organisations."
    )
    both = last_year + [OrganisationFigures(2, 2024, entering_disciplinary_by_ethnicity={"bme": 0, "white": 10})]
    result = compute_metric_set(staff, this_year + both, scope_kind="place", scope_name="P", year=2025)
    # BME (8 + 12) / 2 = 10 of 300; White (60 + 40) / 2 = 50 of 2,010: 3.33% / 2.49% = 1.34.
    assert result["wres"]["3"]["likelihood"].ratio.value == 1.34
    assert result["wres"]["3"]["single_year"].ratio.value == 2.01  # 4.00% / (40 of 2,010 = 1.99%)
    # Figures entered for the year before and not this year make no rolling average of their own.
    alone = compute_metric_set(
        staff, last_year, scope_kind="organisation", scope_name="O", year=2025, organisation_ids=[1]
    )
    assert alone["wres"]["3"]["likelihood"].ratio.note == "No rolling average: no figures for 2024/25."
