"""The adverse-impact flag and the "may be chance" reading at their edges, from the figures as published."""

from workforce.metrics.likelihood import relative_likelihood

NAMES = {"first_group": "White staff", "second_group": "BME staff", "event": "accessing training"}


def test_a_ratio_of_1_252_is_published_as_1_25_and_is_not_flagged_as_adverse():
    # (1252 / 10000) / (100 / 1000) = 1.252: shown as 1.25, inside 0.80-1.25.
    likelihood = relative_likelihood(1252, 10000, 100, 1000, **NAMES)
    assert likelihood.ratio.value == 1.25
    assert likelihood.adverse_impact is False


def test_a_ratio_of_0_7987_is_published_as_0_80_and_is_not_flagged_as_adverse():
    # (100 / 1000) / (1252 / 10000) = 0.7987: shown as 0.80, the edge of 0.80-1.25.
    likelihood = relative_likelihood(100, 1000, 1252, 10000, **NAMES)
    assert likelihood.ratio.value == 0.80
    assert likelihood.adverse_impact is False
    assert likelihood.inverse.value == 1.25  # 1.252, two places


def test_the_inverse_is_the_other_way_round_to_two_decimal_places():
    # (90 / 100) / (60 / 100) = 1.5; the inverse 0.6667 is shown as 0.67.
    likelihood = relative_likelihood(90, 100, 60, 100, **NAMES)
    assert likelihood.inverse.value == 0.67


def test_an_interval_published_as_touching_1_00_may_be_chance():
    # 90 of 100 against 80 of 100: 1.125, 95% CI exp(ln 1.125 -/+ 1.96 x sqrt(1/90 - 1/100 + 1/80 - 1/100))
    # = 1.0000039 to 1.2656, published "1.00 to 1.27": it touches 1.00, so the difference may be chance.
    likelihood = relative_likelihood(90, 100, 80, 100, **NAMES)
    assert (likelihood.lower.value, likelihood.ratio.value, likelihood.upper.value) == (1.00, 1.13, 1.27)
    assert likelihood.may_be_chance is True


def test_an_interval_above_1_00_is_not_chance_and_one_around_it_is():
    # 40 of 100 against 120 of 400: 1.33, CI 1.0048 to 1.7693, published 1.00 to 1.77 (touching); 60 of 100
    # against 120 of 400: 2.0, CI 1.61 to 2.48 (all above 1.00, and above 2.00 too).
    assert relative_likelihood(40, 100, 120, 400, **NAMES).may_be_chance is True
    clear = relative_likelihood(60, 100, 120, 400, **NAMES)
    assert clear.lower.value > 1.0 and clear.may_be_chance is False
    # 50 of 100 against 45 of 100: 1.11, CI 0.83 to 1.48 around 1.00 (not around 2.00).
    around = relative_likelihood(50, 100, 45, 100, **NAMES)
    assert around.lower.value < 1.0 < around.upper.value < 2.0
    assert around.may_be_chance is True


def test_an_interval_below_1_00_published_as_touching_it_may_be_chance():
    # The other way round: 80 of 100 against 90 of 100 is 0.89, CI 0.790 to 0.999996, published 0.79 to 1.00.
    likelihood = relative_likelihood(80, 100, 90, 100, **NAMES)
    assert (likelihood.lower.value, likelihood.upper.value) == (0.79, 1.00)
    assert likelihood.may_be_chance is True


def test_an_upper_bound_of_0_995_is_published_as_1_00_and_may_be_chance():
    # 120 of 400 against 40 of 100: 0.75, CI 0.565 to 0.9952, published 0.57 to 1.00 (not 0.995).
    likelihood = relative_likelihood(120, 400, 40, 100, **NAMES)
    assert likelihood.upper.value == 1.00
    assert likelihood.may_be_chance is True
