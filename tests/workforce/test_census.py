"""Census 2021 comparators: the shipped local authority counts added up for places, the ICS and catchments,
checked against sums worked out by hand from local_authorities.csv; a missing figure is said, never estimated."""

import pytest

from workforce import census
from workforce.metrics.representation import representation
from workforce.metrics.suppression import NOT_COMPUTABLE_NO_DATA

from .metrics.helpers import people

LANCASHIRE_DISTRICTS = 12


def test_every_shipped_authority_adds_up_and_names_its_source():
    authorities = census.local_authorities()
    assert len(authorities) == 16  # the 14 of Lancashire, then Barrow-in-Furness and South Lakeland
    for authority in authorities.values():
        counts = authority.counts
        if "eth_total" in counts:
            groups = ("eth_white", "eth_asian", "eth_black", "eth_mixed", "eth_other")
            assert sum(counts[group] for group in groups) == counts["eth_total"], authority.name
        if "age_total" in counts:
            ages = [column for column in counts if column.startswith("age_") and column != "age_total"]
            assert sum(counts[column] for column in ages) == counts["age_total"], authority.name
        assert authority.source
    assert "eth_total" not in authorities["E07000027"].counts  # Barrow-in-Furness: nothing found
    assert authorities["E07000031"].counts == {"dis_total": 104450, "dis_disabled": 18409}  # South Lakeland


def test_places_are_their_authorities_added_up():
    # Blackpool: 141,039 residents, 133,550 White: 7,489 BME = 5.31%.
    assert round(census.place_comparator("blackpool", "Blackpool").bme_percent, 2) == 5.31
    # Blackburn with Darwen: 154,741 - 93,392 = 61,349 = 39.65% (the old file's "estimate" said 39.8%).
    assert round(census.place_comparator("blackburn-with-darwen", "BwD").bme_percent, 2) == 39.65
    # Lancashire's twelve districts: 1,235,370 residents, 1,098,596 White: 136,774 = 11.07%, the 11.1% a
    # published source gave for Lancashire County Council's area.
    lancashire = census.place_comparator("lancashire", "Lancashire")
    assert len(census.place_authorities("lancashire")) == LANCASHIRE_DISTRICTS
    assert round(lancashire.bme_percent, 2) == 11.07
    # Aged 55 and over among residents aged 16 and over, Blackpool: (20,411 + 15,541 + 9,961 + 3,689) of
    # 141,033 - 7,362 - 7,905 - 9,432 = 49,602 of 116,334 = 42.64%.
    assert round(census.place_comparator("blackpool", "Blackpool").aged_55_and_over_percent, 2) == 42.64


def test_a_catchment_weights_its_authorities_and_east_lancashire_is_not_blackburn_alone():
    east_lancashire = census.organisation_comparator("ELHT", census.default_catchment("east-lancashire-hospitals"))
    # BwD, Burnley, Hyndburn, Pendle, Ribble Valley, Rossendale: 127,989 BME of 559,820 = 22.86%, not 39.65%.
    assert round(east_lancashire.bme_percent, 2) == 22.86
    half = census.comparator("Blackpool and half of Fylde", {"E06000009": 1, "E07000119": 0.5})
    # (7,489 + 0.5 x 3,043) / (141,039 + 0.5 x 81,375) = 9,010.5 / 181,726.5 = 4.96%.
    assert round(half.bme_percent, 2) == 4.96
    assert "Fylde (0.5 of it)" in half.source and "Open Government Licence v3.0" in half.source


@pytest.mark.parametrize(
    "profile, measure, missing",
    [
        (lambda: census.ics_comparator(), "ethnicity", "Barrow-in-Furness, South Lakeland"),
        (
            lambda: census.place_comparator("south-cumbria", "South Cumbria"),
            "ethnicity",
            "Barrow-in-Furness, South Lakeland",
        ),
        (lambda: census.place_comparator("south-cumbria", "South Cumbria"), "disability", "Barrow-in-Furness"),
        (lambda: census.place_comparator("blackpool", "Blackpool"), "disability", "Blackpool"),
        (lambda: census.place_comparator("new-place", "A new place"), "ethnicity", "A new place"),
    ],
)
def test_a_figure_that_cannot_be_found_says_so_rather_than_being_estimated(profile, measure, missing):
    population = profile()
    assert population.percent(measure) is None
    assert population.why_not(measure).startswith("Census figure not available: no ")
    assert missing in population.why_not(measure)


def test_representation_shows_the_census_figure_or_why_it_is_not_available():
    staff = people(80) + people(20, ethnic_group="bme", disability_group="disabled")
    burnley = census.comparator("Burnley", {"E07000117": 1})
    result = representation(staff, burnley)
    assert result["ethnicity"]["population_percent"].value == 17.5  # 16,539 of 94,651
    assert result["disability"]["population_percent"].value == 20.6  # 19,502 of 94,646
    assert result["disability"]["difference"].value == -0.6  # 20.0 - 20.6
    ics = representation(staff, census.ics_comparator())
    figure = ics["ethnicity"]["population_percent"]
    assert figure.value is None and figure.reason == NOT_COMPUTABLE_NO_DATA
    assert figure.note == (
        "Census figure not available: no TS021 ethnic group counts for Barrow-in-Furness, South Lakeland in the "
        "shipped Census data."
    )
    assert "verified" not in ics
