"""WRES 3's two-year rolling average with a group missing from one year's figures, and the previous year named."""

from workforce.metrics.rolling import PreviousYear, with_rolling_average
from workforce.metrics.suppression import NOT_COMPUTABLE_ZERO_DENOMINATOR
from workforce.metrics.wres import indicator_3

HEADCOUNT = {"white": 1000, "bme": 200}


def rolling(entering: dict, previous: dict, headcount: dict = HEADCOUNT):
    single_year = indicator_3(entering, headcount)
    result = with_rolling_average(
        single_year, entering, headcount, PreviousYear(2024, previous), compared=("bme", "white"), threshold=7
    )
    return result["likelihood"].ratio


def test_a_group_missing_from_last_year_entered_nobody_last_year():
    # BME (0 + 8) / (2 x 200) = 2%, White (10 + 10) / (2 x 1000) = 1%: 2.00.
    assert rolling({"white": 10, "bme": 8}, {"white": 10}).value == 2.0
    # BME (8 + 8) / 400 = 4%, White (0 + 10) / 2000 = 0.5%: 8.00.
    assert rolling({"white": 10, "bme": 8}, {"bme": 8}).value == 8.0


def test_a_group_missing_from_this_year_entered_nobody_this_year():
    assert rolling({"white": 10}, {"white": 10, "bme": 8}).value == 2.0  # (8 + 0) / 400 against 20 / 2000
    assert rolling({"bme": 8}, {"white": 10, "bme": 8}).value == 8.0  # 16 / 400 against (10 + 0) / 2000


def test_a_group_missing_from_the_headcount_has_nobody_to_compare():
    no_bme = rolling({"white": 10}, {"white": 10}, {"white": 1000})
    assert no_bme.reason == NOT_COMPUTABLE_ZERO_DENOMINATOR
    assert no_bme.note == "There are no BME staff in the figures."
    no_white = rolling({"bme": 8}, {"bme": 8}, {"bme": 200})
    assert no_white.note == "There are no White staff in the figures."


def test_the_previous_year_is_the_year_before_whatever_is_missing():
    no_one = PreviousYear.of(2025, {}, {})
    assert (no_one.year, no_one.missing) == (2024, "no figures for 2024/25")
    none_last_year = PreviousYear.of(2025, {1: {"bme": 3}}, {})
    assert (none_last_year.year, none_last_year.missing) == (2024, "no figures for 2023/24")
    one_missing = PreviousYear.of(2025, {1: {"bme": 3}, 2: {"bme": 4}}, {1: {"bme": 5}})
    assert (one_missing.year, one_missing.missing) == (2024, "no figures for 2023/24 from 1 of 2 organisations")
    complete = PreviousYear.of(2025, {1: {"bme": 3}, 2: {"bme": 4}}, {1: {"bme": 5}, 2: {"bme": 6, "white": 9}})
    assert (complete.year, complete.entering) == (2024, {"bme": 11, "white": 9})
