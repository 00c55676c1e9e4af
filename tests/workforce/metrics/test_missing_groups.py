"""A group missing from the figures entered is a group of nobody: its counts are 0, never 1.

Each `.get(group, 0)` in wres.py, wdes.py and likelihood.group_rates is read with that group left out, so
that a default of 1 (a group of one person, below the threshold) would give a different answer.
"""

import pytest

from workforce.metrics.inputs import Shortlisting
from workforce.metrics.suppression import NOT_COMPUTABLE_ZERO_DENOMINATOR, NOT_COMPUTABLE_ZERO_NUMERATOR
from workforce.metrics.wdes import metric_2, metric_3
from workforce.metrics.wres import indicator_2, indicator_3, indicator_4

WHITE_AND_BME = {"white": 1000, "bme": 200}
BOTH_DISABILITY_GROUPS = {"non_disabled": 1000, "disabled": 200}


def without(figures: dict, group: str) -> dict:
    return {key: value for key, value in figures.items() if key != group}


@pytest.mark.parametrize(
    "indicator, events, missing, reason, note",
    [
        (indicator_3, {"white": 10, "bme": 4}, "bme", NOT_COMPUTABLE_ZERO_DENOMINATOR, "There are no BME staff"),
        (indicator_3, {"white": 10, "bme": 4}, "white", NOT_COMPUTABLE_ZERO_DENOMINATOR, "There are no White staff"),
        (indicator_4, {"white": 500, "bme": 80}, "white", NOT_COMPUTABLE_ZERO_DENOMINATOR, "There are no White staff"),
        (indicator_4, {"white": 500, "bme": 80}, "bme", NOT_COMPUTABLE_ZERO_DENOMINATOR, "There are no BME staff"),
    ],
)
def test_a_wres_group_with_no_headcount_entered_has_nobody_in_it(indicator, events, missing, reason, note):
    likelihood = indicator(events, without(WHITE_AND_BME, missing))["likelihood"]
    assert likelihood.ratio.reason == reason  # a default of 1 would be "fewer than 7 people": withheld
    assert note in likelihood.ratio.note


def test_wres_3_with_no_bme_staff_entering_the_process_entered_is_a_zero_numerator():
    likelihood = indicator_3({"white": 10}, WHITE_AND_BME)["likelihood"]
    assert likelihood.ratio.reason == NOT_COMPUTABLE_ZERO_NUMERATOR
    assert likelihood.ratio.note == "No BME staff were recorded as entering the formal disciplinary process."


def test_wres_3_with_no_white_staff_entering_the_process_entered_has_nothing_to_compare_with():
    likelihood = indicator_3({"bme": 4}, WHITE_AND_BME)["likelihood"]
    assert likelihood.ratio.reason == NOT_COMPUTABLE_ZERO_DENOMINATOR
    assert likelihood.ratio.note.startswith("No White staff were recorded")


def test_wres_4_with_no_training_entered_for_one_group_is_not_computable_either_way():
    assert indicator_4({"bme": 80}, WHITE_AND_BME)["likelihood"].ratio.reason == NOT_COMPUTABLE_ZERO_NUMERATOR
    assert indicator_4({"white": 500}, WHITE_AND_BME)["likelihood"].ratio.reason == NOT_COMPUTABLE_ZERO_DENOMINATOR


@pytest.mark.parametrize("indicator, name", [(indicator_2, "BME applicants"), (metric_2, "disabled applicants")])
def test_recruitment_with_no_shortlisted_applicants_entered_for_the_compared_group_is_not_computable(indicator, name):
    recruitment = {"white": Shortlisting(389, 117), "non_disabled": Shortlisting(389, 117)}
    likelihood = indicator(recruitment)["likelihood"]
    assert likelihood.ratio.reason == NOT_COMPUTABLE_ZERO_DENOMINATOR
    assert likelihood.ratio.note == f"There are no {name} in the figures."


@pytest.mark.parametrize("indicator, name", [(indicator_2, "White applicants"), (metric_2, "non-disabled applicants")])
def test_recruitment_with_no_shortlisted_applicants_entered_for_the_reference_group_is_not_computable(indicator, name):
    recruitment = {"bme": Shortlisting(100, 20), "disabled": Shortlisting(100, 20)}
    likelihood = indicator(recruitment)["likelihood"]
    assert likelihood.ratio.note == f"There are no {name} in the figures."


@pytest.mark.parametrize(
    "events, headcount, reason, note",
    [
        ({"disabled": 4, "non_disabled": 10}, {"non_disabled": 1000}, NOT_COMPUTABLE_ZERO_DENOMINATOR, "no disabled"),
        ({"disabled": 4, "non_disabled": 10}, {"disabled": 200}, NOT_COMPUTABLE_ZERO_DENOMINATOR, "no non-disabled"),
        ({"non_disabled": 10}, BOTH_DISABILITY_GROUPS, NOT_COMPUTABLE_ZERO_NUMERATOR, "No disabled staff"),
        ({"disabled": 4}, BOTH_DISABILITY_GROUPS, NOT_COMPUTABLE_ZERO_DENOMINATOR, "No non-disabled staff"),
    ],
)
def test_wdes_3_reads_a_missing_group_as_nobody(events, headcount, reason, note):
    likelihood = metric_3(events, headcount)["likelihood"]
    assert likelihood.ratio.reason == reason
    assert note in likelihood.ratio.note


def test_the_counts_behind_a_ratio_show_a_group_nobody_entered_as_zero():
    groups = indicator_3({"white": 10, "bme": 4}, WHITE_AND_BME)["groups"]
    assert groups["unknown"]["entering"].value == 0  # a default of 1 would be withheld as a small number
    assert groups["unknown"]["headcount"].value == 0
    assert groups["bme"]["headcount"].value == 200
