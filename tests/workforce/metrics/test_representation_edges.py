"""Representation against the Census at its edges: a group nobody is in, a figure the Census lacks, decimals."""

from workforce.metrics.representation import PopulationProfile, representation_from_counts


def test_a_group_missing_from_the_counts_is_nobody():
    # 40 White and 10 BME, nobody Unknown; 30 non-disabled and 20 disabled, nobody Unknown.
    result = representation_from_counts(
        {"white": 40, "bme": 10}, {"non_disabled": 30, "disabled": 20}, {}, 50, None, threshold=7
    )
    assert result["ethnicity"]["unknown_headcount"].value == 0  # a default of 1 would be a small number
    assert result["disability"]["unknown_headcount"].value == 0
    assert result["ethnicity"]["workforce_percent"].value == 20.0


def test_a_census_figure_missing_without_a_reason_says_it_is_not_available():
    population = PopulationProfile(area="Somewhere", bme_percent=10.0)
    result = representation_from_counts({"white": 40, "bme": 10}, {}, {}, 50, population, threshold=7)
    assert result["disability"]["population_percent"].note == "Census figure not available for this area."


def test_population_share_and_difference_are_given_to_one_decimal_place():
    # BME 10 of 50 = 20.0% of the workforce against 12.34% of residents: 12.3%, a difference of 7.7 points.
    population = PopulationProfile(area="Somewhere", bme_percent=12.34)
    result = representation_from_counts({"white": 40, "bme": 10}, {}, {}, 50, population, threshold=7)
    assert result["ethnicity"]["population_percent"].value == 12.3
    assert result["ethnicity"]["difference"].value == 7.7
