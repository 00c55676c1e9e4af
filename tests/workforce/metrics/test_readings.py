from workforce.metrics.inputs import SurveyResult
from workforce.metrics.likelihood import relative_likelihood
from workforce.metrics.readings import (
    WITHHELD,
    board_reading,
    declaration_reading,
    likelihood_reading,
    pay_gap_reading,
    quartile_reading,
    representation_reading,
    survey_reading,
)
from workforce.metrics.suppression import Figure, count_figure
from workforce.metrics.wres import indicators_5_to_8


def appointed(white, white_total, bme, bme_total):
    return relative_likelihood(
        white, white_total, bme, bme_total,
        first_group="White applicants", second_group="BME applicants", event="appointed from shortlisting",
    )  # fmt: skip


def test_pay_gap_reading_in_pence_per_pound():
    assert pay_gap_reading(Figure.shown(14.0)) == "For every £1 men earn, women earn 86p."
    assert pay_gap_reading(Figure.shown(13.96)) == "For every £1 men earn, women earn 86p."
    assert pay_gap_reading(Figure.shown(-5.0)) == "For every £1 men earn, women earn £1.05."
    assert pay_gap_reading(Figure.shown(0.0)) == "For every £1 men earn, women also earn £1."
    assert pay_gap_reading(Figure.shown(10.0), "White staff", "BME staff") == (
        "For every £1 White staff earn, BME staff earn 90p."
    )


def test_likelihood_reading_names_the_more_likely_group():
    assert likelihood_reading(appointed(117, 389, 2, 10)) == (
        "White applicants are 1.5 times as likely as BME applicants to be appointed from shortlisting, "
        "though the difference may be chance."
    )
    assert likelihood_reading(appointed(100, 1000, 300, 1000)) == (
        "BME applicants are 3 times as likely as White applicants to be appointed from shortlisting."
    )
    assert likelihood_reading(appointed(100, 1000, 100, 1000)).startswith(
        "White applicants and BME applicants are equally likely to be appointed from shortlisting"
    )


def test_readings_of_withheld_or_incalculable_figures_say_so():
    assert likelihood_reading(appointed(117, 389, 0, 10)).startswith("This cannot be calculated. No BME applicants")
    assert pay_gap_reading(Figure.withheld("group below threshold")) == WITHHELD
    assert declaration_reading(count_figure(3), "religion") == WITHHELD


def test_board_representation_declaration_and_quartile_readings():
    assert board_reading(Figure.shown(-3.24), "BME", "board's voting members") == (
        "BME people make up 3.2 percentage points less of the board's voting members than of the workforce."
    )
    assert representation_reading(Figure.shown(9.1), Figure.shown(15.2), "BME", "Blackpool") == (
        "BME staff make up 9.1% of the workforce where it is known, compared with 15.2% of the population of Blackpool."
    )
    missing = Figure.not_computable("not computable: no data", "Census figure not available: no TS021 ethnic group.")
    assert representation_reading(Figure.shown(9.1), missing, "BME", "the ICS") == (
        "BME staff make up 9.1% of the workforce where it is known. Census figure not available: no TS021 ethnic group."
    )
    assert declaration_reading(Figure.shown(18.5), "sexual_orientation") == (
        "Sexual orientation is not recorded for 18.5% of staff."
    )
    assert quartile_reading(Figure.shown(80.1), Figure.shown(65.0)) == (
        "Women make up 80.1% of the lowest-paid quarter of staff and 65.0% of the highest-paid quarter."
    )


def test_survey_reading_puts_the_two_groups_side_by_side():
    comparison = indicators_5_to_8({"6": {"white": SurveyResult(25.0, 800), "bme": SurveyResult(31.0, 120)}})["6"]
    assert survey_reading(comparison, "white", "bme", "White staff", "BME staff") == (
        "Staff experiencing harassment, bullying or abuse from staff in the last 12 months: 31.0% for BME staff "
        "compared with 25.0% for White staff."
    )
