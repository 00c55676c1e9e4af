import math

from workforce.metrics.likelihood import relative_likelihood
from workforce.metrics.suppression import (
    GROUP_BELOW_THRESHOLD,
    NOT_COMPUTABLE_ZERO_DENOMINATOR,
    NOT_COMPUTABLE_ZERO_NUMERATOR,
)


def appointed(white_appointed, white_shortlisted, bme_appointed, bme_shortlisted, threshold=7):
    return relative_likelihood(
        white_appointed,
        white_shortlisted,
        bme_appointed,
        bme_shortlisted,
        first_group="White applicants",
        second_group="BME applicants",
        event="appointed from shortlisting",
        threshold=threshold,
    )


def test_the_published_example_gives_1_50():
    # BME: 10 shortlisted, 2 appointed; White: 389 shortlisted, 117 appointed.
    result = appointed(117, 389, 2, 10)
    assert result.ratio.value == 1.50
    assert result.ratio.display == "1.50"


def test_the_confidence_interval_is_the_katz_log_interval():
    result = appointed(117, 389, 2, 10)
    ratio = (117 / 389) / (2 / 10)
    se = math.sqrt(1 / 117 - 1 / 389 + 1 / 2 - 1 / 10)
    assert result.lower.value == round(math.exp(math.log(ratio) - 1.96 * se), 2) == 0.43
    assert result.upper.value == round(math.exp(math.log(ratio) + 1.96 * se), 2) == 5.24
    assert result.may_be_chance is True


def test_a_large_difference_is_flagged_and_not_put_down_to_chance():
    result = appointed(300, 1000, 100, 1000)
    assert result.ratio.value == 3.0
    assert result.adverse_impact is True
    assert result.may_be_chance is False
    assert result.lower.value > 1


def test_the_four_fifths_band_is_inclusive():
    assert appointed(80, 100, 100, 100).adverse_impact is False  # 0.80
    assert appointed(125, 400, 100, 400).adverse_impact is False  # 1.25
    assert appointed(79, 100, 100, 100).adverse_impact is True  # 0.79
    assert appointed(126, 400, 100, 400).adverse_impact is True  # 1.26


def test_zero_appointments_in_the_comparison_group_is_not_computable_without_dividing_by_zero():
    result = appointed(117, 389, 0, 10)
    assert result.ratio.value is None
    assert not result.ratio.suppressed
    assert result.ratio.reason == NOT_COMPUTABLE_ZERO_DENOMINATOR
    assert "No BME applicants were recorded as appointed from shortlisting" in result.ratio.note
    assert result.adverse_impact is None


def test_zero_appointments_in_the_first_group_is_not_computable_as_a_zero_numerator():
    result = appointed(0, 389, 2, 10)
    assert result.ratio.reason == NOT_COMPUTABLE_ZERO_NUMERATOR
    assert "No White applicants" in result.ratio.note


def test_nobody_shortlisted_is_a_zero_denominator():
    result = appointed(5, 0, 2, 10)
    assert result.ratio.reason == NOT_COMPUTABLE_ZERO_DENOMINATOR
    assert "no White applicants" in result.ratio.note


def test_a_group_below_the_threshold_is_withheld():
    result = appointed(117, 389, 2, 6)
    assert result.ratio.suppressed
    assert result.ratio.reason == GROUP_BELOW_THRESHOLD
    assert result.lower.suppressed and result.upper.suppressed
    assert appointed(117, 389, 2, 7).ratio.value is not None


def test_more_events_than_people_is_not_computable_and_does_not_crash():
    # Training figures entered for the year can disagree with the 31 March headcount: a rate over 100%
    # has no meaningful ratio, and its confidence interval would need the root of a negative number.
    result = appointed(120, 100, 20, 100)
    assert result.ratio.value is None and not result.ratio.suppressed
    assert result.ratio.reason == "not computable: figures disagree"
    assert "check the figures entered" in result.ratio.note
    assert "120" not in result.ratio.note  # no counts in notes: they may be small
    assert appointed(100, 100, 20, 100).ratio.value == 5.0  # everyone is possible, and fine
