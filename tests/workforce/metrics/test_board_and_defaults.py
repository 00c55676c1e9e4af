"""Board composition from ESR flags, board against workforce with groups missing, and the defaults that
say what an extract that leaves something out means."""

from workforce.metrics.bands import band_distribution, band_row, profile_band_distribution
from workforce.metrics.inputs import BoardComposition
from workforce.metrics.profile import WorkforceProfile
from workforce.metrics.survey import board_from_flags, board_versus_workforce
from workforce.metrics.wdes import metric_9b
from workforce.metrics.wres import wres

from .helpers import member, people

GROUPS = ("white", "bme", "unknown")


def test_board_flags_count_each_member_once_in_every_membership_they_hold():
    staff = people(3, is_board_member=True, is_voting_board_member=True, is_executive_board_member=True)
    staff += people(2, ethnic_group="bme", is_board_member=True, is_voting_board_member=True)
    staff += people(4, ethnic_group="bme", is_board_member=True)
    staff += people(50)  # not on the board
    staff += [member(is_voting_board_member=True)]  # a voting flag without board membership: not counted
    board = board_from_flags(staff, "ethnic_group", GROUPS)
    assert board.all_members == {"white": 3, "bme": 6, "unknown": 0}
    assert board.voting_members == {"white": 3, "bme": 2, "unknown": 0}
    assert board.executive_members == {"white": 3, "bme": 0, "unknown": 0}


def test_a_board_member_in_a_group_outside_the_table_is_still_counted_from_zero():
    staff = people(2, ethnic_group="bme", is_board_member=True, is_voting_board_member=True)
    staff += people(2, ethnic_group="bme", is_board_member=True, is_executive_board_member=True)
    board = board_from_flags(staff, "ethnic_group", ("white",))
    assert board.all_members == {"white": 0, "bme": 4}
    assert board.voting_members == {"white": 0, "bme": 2}
    assert board.executive_members == {"white": 0, "bme": 2}


def test_board_against_workforce_reads_a_group_missing_from_the_workforce_as_nobody():
    # Board: 8 White, 8 BME (50% BME). Workforce: 300 White, 100 BME, no Unknown entered (25% BME).
    board = BoardComposition({"white": 8, "bme": 8}, {"white": 8, "bme": 8}, {"white": 8, "bme": 8})
    result = board_versus_workforce(board, {"white": 300, "bme": 100}, GROUPS, "bme")
    assert result["workforce_share"].value == 25.0  # of 400, not 401
    assert result["all_members"]["share"].value == 50.0
    assert result["all_members"]["difference"].value == 25.0  # 50.0 - 25.0 points
    assert result["voting_members"]["counts"]["unknown"].value == 0


def test_board_against_a_workforce_with_no_focus_group_entered_shows_zero_not_one():
    board = BoardComposition({"white": 16}, {"white": 16}, {"white": 16})
    result = board_versus_workforce(board, {"white": 300, "unknown": 100}, GROUPS, "bme")
    assert result["workforce_share"].value == 0.0
    assert result["all_members"]["difference"].value == 0.0  # 0% of the board, 0% of the workforce


def test_a_difference_of_board_and_workforce_shares_is_given_to_one_decimal_place():
    # Board 8 of 24 BME (33.333%), workforce 100 of 300 + 100 + 3 (24.814%): 8.519 points -> 8.5.
    board = BoardComposition({"white": 16, "bme": 8}, {"white": 16, "bme": 8}, {"white": 16, "bme": 8})
    result = board_versus_workforce(board, {"white": 300, "bme": 100, "unknown": 3}, GROUPS, "bme")
    assert result["executive_members"]["difference"].value == 8.5
    assert result["workforce_share"].value == 24.8


def test_wdes_9b_with_no_answers_has_no_yes_and_no_no():
    result = metric_9b([])
    assert (result["yes"], result["no"]) == (0, 0)
    assert result["answer"].note == "No answer has been entered."


def test_a_band_row_is_the_pay_band_unless_the_person_is_said_to_be_an_executive():
    assert band_row("5", "") == "5"
    assert band_row("9", "", True) == "vsm"


def test_band_tables_have_no_senior_row_unless_asked():
    staff = people(20, pay_band="8a") + people(20, pay_band="5")
    assert "senior" not in band_distribution(staff, "ethnic_group", GROUPS)
    profile = WorkforceProfile.from_staff(staff)
    assert "senior" not in profile_band_distribution(profile, "ethnic_group", GROUPS, 7)
    assert "senior" in profile_band_distribution(profile, "ethnic_group", GROUPS, 7, senior_row=True)
    empty_board = BoardComposition({}, {}, {})
    standard = wres(
        profile, recruitment={}, entering_disciplinary={}, accessing_training={}, survey={}, board=empty_board
    )
    assert "senior" not in standard["1"]


def test_a_staff_member_is_on_the_board_only_when_the_extract_says_so():
    plain = member()
    assert (plain.is_board_member, plain.is_voting_board_member, plain.is_executive_board_member) == (
        False,
        False,
        False,
    )
