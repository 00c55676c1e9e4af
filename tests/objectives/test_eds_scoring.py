"""EDS 2022 scores, worked by hand: each outcome 0 to 3, the domains' totals, the total of all eleven and the
overall rating by the template's bands (under 8, 8 to 21, 22 to 32, 33), and Domain 1 from several services."""

import pytest

from objectives.eds.scoring import (
    domain_1_outcome_score,
    median_of_service_totals,
    overall_band,
    rating_check,
    score_card,
)

D2_D3 = ("2A", "2B", "2C", "2D", "3A", "3B", "3C")


def services(*rows):
    return [dict(zip(("1A", "1B", "1C", "1D"), row, strict=True)) for row in rows]


@pytest.mark.parametrize(
    ("total", "rating"),
    [
        (0, "Undeveloped activity"),
        (7, "Undeveloped activity"),
        (8, "Developing activity"),
        (21, "Developing activity"),  # Leeds Teaching Hospitals 2023/24: 21, Developing
        (22, "Achieving activity"),  # Leeds Teaching Hospitals 2024/25: 22, Achieving
        (32, "Achieving activity"),
        (33, "Excelling activity"),
    ],
)
def test_the_overall_rating_at_each_side_of_every_band_boundary(total, rating):
    assert overall_band(total).rating.name == rating


@pytest.mark.parametrize("total", [-1, 34, 21.5, "22", True])
def test_a_total_outside_0_to_33_or_not_whole_has_no_band(total):
    with pytest.raises(ValueError):
        overall_band(total)


@pytest.mark.parametrize("score", [-1, 4, 1.5, None, "2", False])
def test_a_rating_is_a_whole_number_from_0_to_3(score):
    with pytest.raises(ValueError):
        rating_check(score)


@pytest.mark.parametrize(
    ("ratings", "score"),
    [
        ((2, 1, 3), 2),
        ((0, 3, 3), 3),
        ((0, 0, 3), 0),
        ((1, 1, 1), 1),
        ((1, 2, 2, 3), 2),
        ((1, 3), 1),
        ((3, 0, 2, 2, 1), 2),
    ],
)
def test_a_domain_1_outcome_scores_the_median_of_the_services_ratings_the_lower_middle_one_for_an_even_number(
    ratings, score
):
    assert domain_1_outcome_score(ratings) == score


def test_the_median_of_service_totals_is_avon_and_wiltshires_method():
    # AWP: services scored 6, 5 and 4; "Overall Domain middle (median) score" 5.
    assert median_of_service_totals([6, 5, 4]) == 5


def test_leeds_2023_24_all_achieving_but_2d_totals_21_developing():
    card = score_card(
        services=services((2, 2, 2, 2), (2, 2, 2, 2), (2, 2, 2, 2)),
        outcome_ratings={**dict.fromkeys(D2_D3, 2), "2D": 1},
    )
    assert [d.total for d in card.domains] == [8, 7, 6]
    assert card.total == 21 and card.band.rating.name == "Developing activity"


def test_leeds_2024_25_all_achieving_totals_22_achieving():
    card = score_card(
        services=services((2, 2, 2, 2), (2, 2, 2, 2), (2, 2, 2, 2)), outcome_ratings=dict.fromkeys(D2_D3, 2)
    )
    assert card.total == 22 and card.band.rating.name == "Achieving activity"


def test_domain_1_from_three_services_outcome_by_outcome():
    card = score_card(
        services=services((3, 2, 1, 0), (1, 2, 3, 0), (2, 0, 2, 3)), outcome_ratings=dict.fromkeys(D2_D3, 1)
    )
    domain_1 = card.domain(1)
    # 1A: 3,1,2 -> 2; 1B: 2,2,0 -> 2; 1C: 1,3,2 -> 2; 1D: 0,0,3 -> 0.
    assert [o.score for o in domain_1.outcomes] == [2, 2, 2, 0]
    assert [o.service_ratings for o in domain_1.outcomes][0] == (3, 1, 2)
    assert domain_1.total == 6
    assert card.total == 6 + 4 + 3 and card.band.rating.name == "Developing activity"
    # The services' totals are 6, 6 and 7: AWP's median of totals would be 6 too, shown for comparison only.
    assert card.service_totals_median == 6


def test_the_two_domain_1_methods_can_differ_and_only_the_outcome_median_counts():
    card = score_card(
        services=services((3, 0, 0, 0), (0, 3, 0, 0), (0, 0, 3, 0)), outcome_ratings=dict.fromkeys(D2_D3, 0)
    )
    assert card.domain(1).total == 0 and card.service_totals_median == 3
    assert card.total == 0 and card.band.rating.name == "Undeveloped activity"


def test_four_services_take_the_lower_middle_rating():
    card = score_card(
        services=services((1, 1, 1, 1), (2, 2, 2, 2), (3, 3, 3, 3), (2, 2, 2, 2)),
        outcome_ratings=dict.fromkeys(D2_D3, 3),
    )
    assert [o.score for o in card.domain(1).outcomes] == [2, 2, 2, 2]
    assert card.total == 8 + 21


def test_with_fewer_than_three_services_domain_1_and_the_total_are_not_worked_out():
    card = score_card(services=services((3, 3, 3, 3), (3, 3, 3, 3)), outcome_ratings=dict.fromkeys(D2_D3, 3))
    assert card.domain(1).total is None and card.total is None and card.band is None
    assert card.domain(2).total == 12 and card.domain(3).total == 9
    assert "1A: Domain 1 needs at least 3 services (2 so far)" in card.missing


def test_an_unrated_outcome_leaves_its_domain_and_the_total_unworked():
    card = score_card(
        services=services((2, 2, 2, 2), (2, None, 2, 2), (2, 2, 2, 2)),
        outcome_ratings={**dict.fromkeys(D2_D3, 2), "3C": None},
    )
    assert card.outcome("1B").score is None and card.outcome("1A").score == 2
    assert card.domain(1).total is None and card.domain(3).total is None and card.domain(2).total == 8
    assert card.total is None
    assert {"1B: not every service has rated it yet", "3C: not rated yet"} <= set(card.missing)


def test_everything_excelling_scores_33_excelling():
    card = score_card(services=services(*[(3, 3, 3, 3)] * 3), outcome_ratings=dict.fromkeys(D2_D3, 3))
    assert (card.total, card.maximum, card.band.rating.name) == (33, 33, "Excelling activity")
