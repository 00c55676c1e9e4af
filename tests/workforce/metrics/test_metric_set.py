import json

import pytest

from workforce.metrics.declaration import declaration_over_time, declaration_rates
from workforce.metrics.inputs import BoardComposition, OrganisationFigures, Shortlisting, SurveyResult
from workforce.metrics.metric_set import as_plain_data, compute_metric_set
from workforce.metrics.representation import PopulationProfile, representation

from .helpers import member, people


def a_trust():
    staff = (
        people(300, sex="female", hourly_rate=16.0)
        + people(100, sex="male", hourly_rate=18.0, ethnic_group="bme", age_band="55-59")
        + people(40, sex="male", hourly_rate=30.0, disability_group="disabled", sexual_orientation_declared=False)
        + people(20, ethnic_group="unknown", disability_group="unknown", religion_declared=False)
        + people(3, pay_band="9", ethnic_group="bme", is_clinical=False)
        + [member(is_board_member=True, is_voting_board_member=True) for _ in range(9)]
        + people(30, is_bank=True)
        + people(2, organisation_id=2)
    )
    figures = [
        OrganisationFigures(
            organisation_id=1,
            year=2025,
            recruitment_by_ethnicity={"white": Shortlisting(389, 117), "bme": Shortlisting(10, 2)},
            wres_survey={"5": {"white": SurveyResult(25.0, 300), "bme": SurveyResult(30.0, 60)}},
            board_by_ethnicity=BoardComposition({"white": 10, "bme": 2}, {"white": 8, "bme": 2}, {"white": 5}),
        ),
        OrganisationFigures(organisation_id=1, year=2024, recruitment_by_ethnicity={"bme": Shortlisting(99, 99)}),
    ]
    return staff, figures


def all_figures(plain):
    """Every published figure (a dict with "suppressed") anywhere in the plain result."""
    if isinstance(plain, dict):
        if "suppressed" in plain and "display" in plain:
            yield plain
        else:
            for value in plain.values():
                yield from all_figures(value)
    elif isinstance(plain, list):
        for value in plain:
            yield from all_figures(value)


def test_the_metric_set_for_an_organisation_has_every_part_and_is_json_serialisable():
    staff, figures = a_trust()
    result = compute_metric_set(
        staff, figures, scope_kind="organisation", scope_name="BTH", year=2025, organisation_ids=[1]
    )
    plain = as_plain_data(result)
    json.dumps(plain)
    assert set(plain) == {"scope", "headcount", "wres", "wdes", "pay_gap", "representation", "declaration", "coverage"}
    assert set(plain["wres"]) == {"1", "2", "3", "4", "5", "6", "7", "8", "9"}
    assert set(plain["wdes"]) == {"1", "2", "3", "4a_i", "4a_ii", "4a_iii", "4b", "5", "6", "7", "8", "9a", "9b", "10"}
    assert plain["headcount"]["value"] == 472  # 300 + 100 + 40 + 20 + 3 + 9; bank and organisation 2 left out
    assert plain["wres"]["2"]["likelihood"]["ratio"]["value"] == 1.5  # this year's figures, not 2024's
    assert plain["pay_gap"]["gov_uk"]["DiffMeanHourlyPercent"]["display"] != ""
    assert plain["coverage"]["recruitment_by_ethnicity"] == [1]


def test_no_count_of_one_to_seven_people_leaves_the_metric_set():
    staff, figures = a_trust()
    plain = as_plain_data(compute_metric_set(staff, figures, scope_kind="organisation", scope_name="BTH", year=2025))
    published = list(all_figures(plain))
    assert len(published) > 500
    small_counts = [f for f in published if isinstance(f["value"], int) and 1 <= f["value"] <= 7]
    assert small_counts == []
    assert any(f["display"] == "*" for f in published)
    for figure in published:
        assert (figure["display"] == "*") == figure["suppressed"]
        if figure["value"] is None:
            assert figure["reason"]


def test_entered_board_figures_are_used_instead_of_the_esr_board_flags():
    staff, figures = a_trust()
    result = compute_metric_set(
        staff, figures, scope_kind="organisation", scope_name="BTH", year=2025, organisation_ids=[1]
    )
    assert result["wres"]["9"]["all_members"]["counts"]["total"].value == 12  # entered: 10 White + 2 BME
    # WDES has no entered board figures, so the 9 ESR board flags are used.
    assert result["wdes"]["10"]["all_members"]["counts"]["total"].value == 9


def test_a_place_adds_its_organisations_figures_together():
    first = OrganisationFigures(
        1, 2025, recruitment_by_ethnicity={"white": Shortlisting(200, 60), "bme": Shortlisting(50, 10)}
    )
    second = OrganisationFigures(
        2, 2025, recruitment_by_ethnicity={"white": Shortlisting(189, 57), "bme": Shortlisting(20, 4)}
    )
    survey_a = OrganisationFigures(3, 2025, wres_survey={"7": {"bme": SurveyResult(40.0, 100)}})
    survey_b = OrganisationFigures(4, 2025, wres_survey={"7": {"bme": SurveyResult(60.0, 300)}})
    result = compute_metric_set(
        [], [first, second, survey_a, survey_b], scope_kind="place", scope_name="Lancashire", year=2025
    )
    # (117 / 389) / (14 / 70)
    assert result["wres"]["2"]["likelihood"].ratio.value == 1.5
    assert result["wres"]["7"]["bme"]["value"].value == 55.0  # respondent-weighted
    assert result["wres"]["7"]["bme"]["respondents"].value == 400


def test_an_unknown_scope_kind_is_refused():
    with pytest.raises(ValueError):
        compute_metric_set([], scope_kind="region", scope_name="x", year=2025)


def test_representation_compares_the_known_workforce_with_the_census():
    staff = people(80) + people(20, ethnic_group="bme") + people(10, ethnic_group="unknown")
    staff += people(15, age_band="55-59") + people(10, age_band="60-64") + people(5, age_band="")
    population = PopulationProfile(area="Blackpool", bme_percent=4.7)
    result = representation(staff, population)
    assert result["ethnicity"]["workforce_percent"].value == 15.4  # 20 BME of 130 with a known ethnic group
    assert result["ethnicity"]["population_percent"].value == 4.7
    assert result["ethnicity"]["difference"].value == 10.7  # 15.38 - 4.7
    assert result["ethnicity"]["unknown_headcount"].value == 10
    # 25 of the 135 with a known age (18.5%) would give 135 back, and 140 - 135 the 5 hidden unknowns.
    assert result["age"]["aged_55_and_over"]["workforce_percent"].reason == "derived from a suppressed count"
    assert result["age"]["counts"]["unknown"].display == "*"
    assert result["age"]["counts"]["55_and_over"].value == 25
    staff += people(5, age_band="")
    aged = representation(staff, population)["age"]
    assert aged["counts"]["unknown"].value == 10
    assert aged["aged_55_and_over"]["workforce_percent"].value == 18.5  # 25 of 135 with a known age
    assert result["disability"]["population_percent"].value is None


def test_esr_age_bands_count_56_and_over_as_55_and_over_and_51_to_55_as_neither():
    # Dates of birth give our bands; a file without them gives ESR's, which start a year later.
    dated = people(30, age_band="55-59") + people(70, age_band="50-54")
    banded = people(20, age_band="56-60") + people(10, age_band=">=71") + people(70, age_band="46-50")
    result = representation(dated + banded, None)
    age = result["age"]
    assert age["counts"]["55_and_over"].value == 60  # 30 + 20 + 10: ESR's 56-60 and >=71 are all 55 or over
    assert age["aged_55_and_over"]["workforce_percent"].value == 30.0  # 60 of 200
    assert age["counts"]["56-60"].value == 20 and "51-55" not in age["counts"]  # ESR bands only when present
    # Anyone in ESR's 51-55 may or may not be 55: the share is not computable, and says why, rather than
    # counting them as under 55 (as reading 51-55 as 50-54 did).
    across = representation(dated + banded + people(10, age_band="51-55"), None)["age"]
    for figure in (across["counts"]["55_and_over"], across["aged_55_and_over"]["workforce_percent"]):
        assert figure.value is None and not figure.suppressed and "51-55" in figure.note
    assert across["counts"]["51-55"].value == 10 and across["counts"]["total"].value == 210


def test_declaration_rates_by_organisation_and_over_time():
    staff = people(90) + people(10, ethnic_group="unknown") + people(20, organisation_id=2, religion_declared=False)
    staff += people(3, organisation_id=2, ethnic_group="unknown")
    result = declaration_rates(staff)
    ethnicity = result["ethnicity"]
    assert ethnicity["overall"]["percent_not_stated"].value == 10.6  # 13 of 123
    assert ethnicity["by_organisation"][2]["not_stated"].display == "*"
    assert ethnicity["by_organisation"][2]["percent_not_stated"].suppressed
    # Organisation 1's count is hidden too, or the scope total would give organisation 2's away.
    assert ethnicity["by_organisation"][1]["not_stated"].suppressed
    assert ethnicity["by_organisation"][1]["percent_not_stated"].reason == "derived from a suppressed count"
    assert result["religion"]["by_organisation"][1]["percent_not_stated"].value == 0.0
    # 20 of 23 have no religion recorded: the 3 who do are a small number, so the percentage would show it.
    assert result["religion"]["by_organisation"][2]["declared"].display == "*"
    assert result["religion"]["by_organisation"][2]["percent_not_stated"].suppressed
    trend = declaration_over_time({2025: staff, 2024: people(50, ethnic_group="unknown")})
    assert list(trend) == [2024, 2025]
    assert trend[2024]["ethnicity"]["overall"]["percent_not_stated"].value == 100.0
