from workforce.catalogue import headline_figure, metric_definition
from workforce.metrics.inputs import BoardComposition, Shortlisting, SurveyResult, headcount_population
from workforce.metrics.suppression import (
    DERIVED_FROM_SUPPRESSED_COUNT,
    GROUP_BELOW_THRESHOLD,
    NOT_COMPUTABLE_NO_DATA,
    figures_to_dict,
)
from workforce.metrics.wdes import metric_1, metric_2, metric_3, metric_9b, metric_10, survey_metrics
from workforce.metrics.wres import indicator_1, indicator_2, indicator_3, indicator_4, indicator_9, indicators_5_to_8

from .helpers import member, people


def test_headcount_counts_each_person_once_and_leaves_out_bank_assignments():
    staff = people(3) + [member(is_primary_assignment=False), member(is_bank=True)]
    assert len(headcount_population(staff)) == 3


def indicator_1_staff():
    """Clinical: Band 5 has 60 White, 20 BME, 10 Unknown; Band 6 has 30 White, 10 BME. Non-clinical:
    Band 3 has 40 White and 3 BME; Band 4 has 30 White and 12 BME; Band 8a has 9 White. Plus medical
    consultants: 12 White, 11 BME."""
    return (
        people(60, pay_band="5")
        + people(20, pay_band="5", ethnic_group="bme")
        + people(10, pay_band="5", ethnic_group="unknown")
        + people(30, pay_band="6")
        + people(10, pay_band="6", ethnic_group="bme")
        + people(40, pay_band="3", is_clinical=False)
        + people(3, pay_band="3", is_clinical=False, ethnic_group="bme")
        + people(30, pay_band="4", is_clinical=False)
        + people(12, pay_band="4", is_clinical=False, ethnic_group="bme")
        + people(9, pay_band="8a", is_clinical=False)
        + people(12, pay_band="medical", medical_grade="consultant")
        + people(11, pay_band="medical", medical_grade="consultant", ethnic_group="bme")
    )


def test_indicator_1_counts_and_shares_by_band_against_the_overall_workforce():
    result = indicator_1(indicator_1_staff())
    clinical = result["clinical"]
    assert clinical["counts"]["5"]["bme"].value == 20
    assert clinical["counts"]["5"]["total"].value == 90
    assert clinical["share_of_row"]["5"]["bme"].value == 22.2  # 20 of 90
    assert clinical["share_of_group"]["5"]["bme"].value == 48.8  # 20 of 41 clinical BME staff
    assert clinical["counts"]["cluster_2"]["white"].value == 90  # Bands 5-7
    assert clinical["counts"]["cluster_5"]["bme"].value == 11  # consultants
    assert clinical["counts"]["consultant"]["total"].value == 23
    overall = result["overall_workforce"]
    assert overall["counts"]["total"].value == 247
    assert overall["share"]["bme"].value == 22.7  # 56 of 247


def test_indicator_1_suppresses_a_small_band_count_and_what_would_give_it_away():
    result = indicator_1(indicator_1_staff())
    non_clinical = result["non_clinical"]
    assert non_clinical["counts"]["3"]["bme"].display == "*"
    assert non_clinical["counts"]["3"]["bme"].reason == "small number"
    assert non_clinical["share_of_row"]["3"]["bme"].reason == DERIVED_FROM_SUPPRESSED_COUNT
    # The other BME band in the column, and the non-zero cell of each affected row, are hidden as well.
    assert non_clinical["counts"]["4"]["bme"].reason == "secondary suppression"
    assert non_clinical["counts"]["3"]["white"].reason == "secondary suppression"
    assert non_clinical["counts"]["4"]["white"].reason == "secondary suppression"
    # Totals and clusters stay shown: each hides at least two counts, and clinical staff are untouched.
    assert non_clinical["counts"]["total"]["bme"].value == 15
    assert non_clinical["counts"]["cluster_1"]["bme"].value == 15
    assert result["clinical"]["counts"]["5"]["bme"].value == 20


def test_the_vsm_row_counts_executive_board_members_whatever_their_pay_scale():
    # "VSM (including Executive Board members)": a medical director on a consultant contract, a director of
    # nursing on Band 9 and a chief executive on VSM pay are all in the VSM row; a non-executive is not. (More
    # executives than a board has, so that the counts are large enough to be shown.)
    staff = (
        people(10, pay_band="vsm", is_clinical=False)
        + people(9, pay_band="vsm", is_clinical=False, ethnic_group="bme", is_executive_board_member=True)
        + people(8, pay_band="medical", medical_grade="consultant", is_executive_board_member=True)
        + people(8, pay_band="9", ethnic_group="bme", is_executive_board_member=True)
        + people(20, pay_band="medical", medical_grade="consultant")
        + people(10, pay_band="9")
        + people(8, pay_band="other", is_clinical=False, is_board_member=True, is_voting_board_member=True)
    )
    for result in (indicator_1(staff), metric_1(staff)):
        assert result["clinical"]["counts"]["vsm"]["total"].value == 16  # 8 on consultant pay, 8 on Band 9
        assert result["clinical"]["counts"]["consultant"]["total"].value == 20
        assert result["clinical"]["counts"]["9"]["total"].value == 10
        assert result["non_clinical"]["counts"]["vsm"]["total"].value == 19
        assert result["non_clinical"]["counts"]["other"]["total"].value == 8  # non-executive members
    wres_vsm = indicator_1(staff)["non_clinical"]["counts"]["vsm"]
    assert wres_vsm["white"].value == 10 and wres_vsm["bme"].value == 9


def test_indicator_2_is_white_over_bme_appointment_rates():
    result = indicator_2({"white": Shortlisting(389, 117), "bme": Shortlisting(10, 2), "unknown": Shortlisting(5, 1)})
    assert result["likelihood"].ratio.value == 1.50
    assert result["groups"]["bme"]["shortlisted"].value == 10
    assert result["groups"]["bme"]["appointed"].display == "*"
    assert result["groups"]["white"]["rate"].value == 30.1  # 117 of 389


def test_indicator_2_with_no_bme_appointments_is_not_computable():
    result = indicator_2({"white": Shortlisting(389, 117), "bme": Shortlisting(10, 0)})
    assert result["likelihood"].ratio.value is None
    assert "No BME applicants" in result["likelihood"].ratio.note


def test_indicator_3_is_bme_over_white_disciplinary_rates():
    # BME 4 of 200 (2%), White 10 of 1000 (1%): BME staff are twice as likely.
    result = indicator_3({"white": 10, "bme": 4}, {"white": 1000, "bme": 200})
    assert result["likelihood"].ratio.value == 2.0
    assert result["likelihood"].first_group == "BME staff"


def test_indicator_4_is_white_over_bme_training_rates():
    # White 500 of 1000 (50%), BME 80 of 200 (40%): 1.25.
    result = indicator_4({"white": 500, "bme": 80}, {"white": 1000, "bme": 200})
    assert result["likelihood"].ratio.value == 1.25
    assert result["likelihood"].adverse_impact is False


def test_survey_indicators_5_to_8_put_white_and_bme_side_by_side():
    result = indicators_5_to_8({"5": {"white": SurveyResult(25.0, 800), "bme": SurveyResult(31.04, 120)}})
    assert result["5"]["white"]["value"].value == 25.0
    assert result["5"]["bme"]["value"].value == 31.0
    assert result["5"]["difference"].value == 6.0
    assert result["6"]["bme"]["value"].reason == NOT_COMPUTABLE_NO_DATA


def test_a_survey_figure_from_fewer_respondents_than_the_threshold_is_withheld():
    result = indicators_5_to_8({"7": {"white": SurveyResult(60.0, 500), "bme": SurveyResult(40.0, 6)}})
    assert result["7"]["bme"]["value"].reason == GROUP_BELOW_THRESHOLD
    assert result["7"]["bme"]["respondents"].display == "*"
    assert result["7"]["difference"].value is None


def test_indicator_9_is_board_bme_share_minus_workforce_bme_share_in_points():
    board = BoardComposition(
        all_members={"white": 12, "bme": 8, "unknown": 0},
        voting_members={"white": 10, "bme": 0, "unknown": 0},
        executive_members={"white": 3, "bme": 3, "unknown": 0},
    )
    result = indicator_9(board, {"white": 900, "bme": 100, "unknown": 0})
    assert result["workforce_share"].value == 10.0
    assert result["all_members"]["share"].value == 40.0  # 8 of 20
    assert result["all_members"]["difference"].value == 30.0
    assert result["voting_members"]["difference"].value == -10.0  # no BME voting members
    assert result["executive_members"]["counts"]["bme"].display == "*"
    assert result["executive_members"]["difference"].suppressed  # a board of 6 is below the threshold


def test_wdes_metric_2_is_non_disabled_over_disabled_appointment_rates():
    result = metric_2({"non_disabled": Shortlisting(400, 100), "disabled": Shortlisting(50, 10)})
    assert result["likelihood"].ratio.value == 1.25  # 25% vs 20%
    assert result["likelihood"].first_group == "non-disabled applicants"


def test_wdes_metric_3_is_disabled_over_non_disabled_capability_rates():
    result = metric_3({"disabled": 3, "non_disabled": 10}, {"disabled": 100, "non_disabled": 1000})
    assert result["likelihood"].ratio.value == 3.0
    assert result["groups"]["disabled"]["entering"].display == "*"


def test_wdes_survey_metrics_include_the_engagement_score():
    result = survey_metrics({"9a": {"non_disabled": SurveyResult(7.1, 900), "disabled": SurveyResult(6.64, 150)}})
    assert result["9a"]["disabled"]["value"].value == 6.6
    assert result["9a"]["difference"].value == -0.5  # 6.64 - 7.1 = -0.46
    assert set(result) == {"4a_i", "4a_ii", "4a_iii", "4b", "5", "6", "7", "8", "9a"}


def test_wdes_metric_8_is_the_percentage_of_disabled_staff_and_its_headline_is_that_percentage():
    # Asked of disabled staff only: one percentage, no difference that could never be computed.
    result = survey_metrics({"8": {"disabled": SurveyResult(74.04, 150)}})["8"]
    assert result["disabled"]["value"].value == 74.0
    assert result["disabled"]["respondents"].value == 150
    assert set(result) == {"title", "disabled"}
    plain = {"wdes": {"8": figures_to_dict(result)}}
    definition = metric_definition("wdes-8")
    assert definition is not None
    assert headline_figure(definition, plain)["value"] == 74.0
    assert definition.read(plain) == (
        "Disabled staff saying their employer has made adequate adjustments to enable them to carry out their "
        "work: 74.0%."
    )
    assert definition.better == "higher" and definition.unit == "percent"
    small = survey_metrics({"8": {"disabled": SurveyResult(80.0, 5)}})["8"]
    assert small["disabled"]["value"].reason == GROUP_BELOW_THRESHOLD


def test_wdes_metric_9b_answers_for_one_organisation_or_counts_several():
    assert metric_9b([True])["answer"] == "Yes"
    assert metric_9b([True, False, None]) == {"answer": "1 of 2 organisations", "yes": 1, "no": 1}
    assert metric_9b([None])["answer"].reason == NOT_COMPUTABLE_NO_DATA


def test_wdes_metric_10_is_board_disabled_share_minus_workforce_disabled_share():
    board = BoardComposition(
        all_members={"non_disabled": 10, "disabled": 0, "unknown": 10},
        voting_members={"non_disabled": 10, "disabled": 0, "unknown": 0},
        executive_members={},
    )
    result = metric_10(board, {"non_disabled": 800, "disabled": 50, "unknown": 150})
    assert result["workforce_share"].value == 5.0
    assert result["all_members"]["difference"].value == -5.0
    assert result["executive_members"]["share"].value is None
