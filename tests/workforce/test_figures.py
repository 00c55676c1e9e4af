"""Figures ESR does not hold: EDI leads enter their own organisation's, with validation and history."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from import_export.formats.base_formats import CSV

from workforce.admin import admin
from workforce.figures import readable_figures
from workforce.models import (
    BoardMembership,
    RecruitmentFigures,
    StaffSurveyResults,
    TrainingFigures,
    reporting_year_for,
)

pytestmark = pytest.mark.django_db
YEAR = reporting_year_for(timezone.localdate()) - 1

RECRUITMENT = {
    "shortlisted_white": "400",
    "shortlisted_bme": "120",
    "shortlisted_ethnicity_unknown": "10",
    "appointed_white": "120",
    "appointed_bme": "24",
    "appointed_ethnicity_unknown": "3",
    "shortlisted_disabled": "40",
    "shortlisted_non_disabled": "470",
    "shortlisted_disability_unknown": "20",
    "appointed_disabled": "9",
    "appointed_non_disabled": "130",
    "appointed_disability_unknown": "8",
}


def url(organisation, section="recruitment", year=YEAR):
    return f"/organisations/{organisation.slug}/figures/{year}/{section}/"


def test_an_edi_lead_enters_their_organisations_figures_with_history(client_for, lead_user, own_org):
    client = client_for(lead_user)
    assert "Save recruitment figures" in client.get(url(own_org)).content.decode()
    response = client.post(url(own_org), RECRUITMENT, follow=True)
    assert "Recruitment figures for" in response.content.decode()
    figures = RecruitmentFigures.objects.get(organisation=own_org, year=YEAR)
    assert (figures.shortlisted_bme, figures.appointed_bme) == (120, 24)
    client.post(url(own_org), {**RECRUITMENT, "appointed_bme": "30"})
    history = list(figures.history.order_by("history_date"))
    assert [h.appointed_bme for h in history] == [24, 30]
    assert history[-1].history_user == lead_user


def test_appointed_more_than_shortlisted_is_an_error_and_nothing_is_stored(client_for, lead_user, own_org):
    response = client_for(lead_user).post(url(own_org), {**RECRUITMENT, "appointed_bme": "121"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "BME applicants appointed must not be more than the number shortlisted (120)" in page
    assert not RecruitmentFigures.objects.exists()


def test_missing_or_negative_counts_are_errors(client_for, lead_user, own_org):
    response = client_for(lead_user).post(
        url(own_org), {**RECRUITMENT, "shortlisted_white": "", "appointed_white": "-1"}
    )
    assert response.content.decode().count("nhsuk-error-message") == 2
    assert not RecruitmentFigures.objects.exists()


def test_an_edi_lead_of_another_organisation_can_read_but_not_change(client_for, lead_user, other_org):
    client = client_for(lead_user)
    page = client.get(url(other_org)).content.decode()
    assert "has not entered these figures" in page and "<form" not in page.split("</header>")[1].split("<footer")[0]
    assert client.post(url(other_org), RECRUITMENT).status_code == 403
    assert not RecruitmentFigures.objects.exists()


def test_a_board_member_reads_figures_with_small_counts_suppressed(client_for, board_user, own_org):
    TrainingFigures.objects.create(
        organisation=own_org, year=YEAR, training_white=1200, training_bme=5, training_ethnicity_unknown=3
    )
    client = client_for(board_user)
    page = client.get(url(own_org, "training")).content.decode()
    assert "1,200" in page and page.count(">*<") == 2 and ">5<" not in page and ">3<" not in page
    assert (
        client.post(
            url(own_org, "training"), {"training_white": "1", "training_bme": "1", "training_ethnicity_unknown": "1"}
        ).status_code
        == 403
    )
    assert TrainingFigures.objects.get().training_white == 1200
    overview = client.get(f"/organisations/{own_org.slug}/figures/").content.decode()
    assert "You can read these figures" in overview and "Entered" in overview


def test_admins_may_enter_any_organisations_figures(client_for, admin_user, other_org):
    client_for(admin_user).post(url(other_org), RECRUITMENT)
    assert RecruitmentFigures.objects.filter(organisation=other_org).exists()


def test_board_membership_must_add_up_by_ethnicity_and_by_disability(client_for, lead_user, own_org):
    data = {}
    for kind, total in (("members", 14), ("voting_members", 12), ("executive_members", 7)):
        data.update(
            {
                f"{kind}_white": total - 1,
                f"{kind}_bme": 1,
                f"{kind}_ethnicity_unknown": 0,
                f"{kind}_disabled": 1,
                f"{kind}_non_disabled": total - 1,
                f"{kind}_disability_unknown": 0,
            }
        )
    client = client_for(lead_user)
    bad = client.post(url(own_org, "board"), {**data, "members_non_disabled": 20}).content.decode()
    assert "by disability add up to 21, but by ethnicity to 14" in bad
    worse = client.post(url(own_org, "board"), {**data, "voting_members_bme": 2, "voting_members_white": 10})
    assert "must not be more than the board members in that group (1)" in worse.content.decode()
    assert not BoardMembership.objects.exists()
    client.post(url(own_org, "board"), data)
    assert BoardMembership.objects.get().voting_members_bme == 1


def test_staff_survey_results_are_validated_and_optional(client_for, lead_user, own_org):
    client = client_for(lead_user)
    page = client.post(url(own_org, "staff-survey"), {"wres_5_bme_pct": "101", "wdes_9a_disabled_score": "11"})
    assert page.content.decode().count("nhsuk-error-message") == 2
    client.post(
        url(own_org, "staff-survey"),
        {"wres_5_white_pct": "24.5", "wres_5_white_respondents": "2100", "wdes_9b_voices_action": "True"},
    )
    survey = StaffSurveyResults.objects.get()
    assert survey.result("wres_5", "white") == (24.5, 2100) and survey.result("wres_5", "bme") == (None, None)
    assert survey.wdes_9b_voices_action is True


def test_years_outside_the_recent_ones_and_unknown_sections_are_not_found(client_for, lead_user, own_org):
    client = client_for(lead_user)
    assert client.get(url(own_org, year=1999)).status_code == 404
    assert client.get(url(own_org, section="payroll")).status_code == 404


def test_figures_import_as_csv_through_the_admin_resource(own_org):
    resource = admin.site._registry[RecruitmentFigures].get_import_resource_classes(None)[0]()
    header = "organisation,year," + ",".join(RECRUITMENT)
    line = f"OWN,{YEAR}," + ",".join(RECRUITMENT.values())
    dataset = CSV().create_dataset(f"{header}\n{line}\n")
    result = resource.import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert RecruitmentFigures.objects.get(organisation=own_org, year=YEAR).appointed_bme == 24
    bad = CSV().create_dataset(f"{header}\n" + line.replace(",24,", ",999,") + "\n")
    assert resource.import_data(bad, dry_run=False).has_validation_errors()
    assert RecruitmentFigures.objects.get().appointed_bme == 24


def figures_csv(*lines, fields=tuple(RECRUITMENT)):
    return ("organisation,year," + ",".join(fields) + "\n" + "\n".join(lines) + "\n").encode()


def post_csv(client, content, section="recruitment"):
    upload = SimpleUploadedFile("figures.csv", content, content_type="text/csv")
    return client.post("/figures/import/", {"section": section, "figures_file": upload}, follow=True)


def test_an_edi_lead_imports_their_figures_from_csv(client_for, lead_user, own_org):
    client = client_for(lead_user)
    template = client.get("/figures/import/recruitment.csv")
    assert template["Content-Type"].startswith("text/csv")
    assert template.content.decode().splitlines()[1].startswith(f"OWN,{YEAR},")
    values = ",".join(RECRUITMENT.values())
    response = post_csv(client, figures_csv(f"OWN,{YEAR},{values}", f"own-trust,{YEAR - 1},{values}"))
    assert "Recruitment figures imported: 2 new and 0 changed" in response.content.decode()
    figures = RecruitmentFigures.objects.get(organisation=own_org, year=YEAR)
    assert figures.appointed_bme == 24 and figures.history.get().history_user == lead_user
    response = post_csv(client, figures_csv(f"OWN,{YEAR},{values.replace(',24,', ',25,')}"))
    assert "0 new and 1 changed" in response.content.decode()
    assert RecruitmentFigures.objects.get(organisation=own_org, year=YEAR).appointed_bme == 25


def test_a_figures_csv_with_any_problem_saves_nothing_and_lists_every_problem(
    client_for, lead_user, own_org, other_org
):
    values = ",".join(RECRUITMENT.values())
    content = figures_csv(
        f"OWN,{YEAR},{values}",
        f"OTH,{YEAR},{values}",
        f"OWN,{YEAR - 1},{values.replace(',24,', ',500,')}",
        f"OWN,twenty,{values}",
        f"OWN,{YEAR},{values}",
    )
    page = post_csv(client_for(lead_user), content).content.decode()
    assert "There are 4 problems in the file" in page
    assert "is Other Trust, whose figures you may not change" in page
    assert "must not be more than the number shortlisted (120)" in page
    assert "is not a year such as 2025" in page and "also on line 2" in page
    assert not RecruitmentFigures.objects.exists()


def test_files_that_are_not_figures_csv_are_refused(client_for, lead_user, own_org):
    client = client_for(lead_user)
    assert "has no “organisation” and “year” columns" in post_csv(client, b"a,b\n1,2\n").content.decode()
    assert "The file is empty" in post_csv(client, b"").content.decode()
    assert not RecruitmentFigures.objects.exists()


def test_board_members_cannot_import_figures(client_for, board_user, own_org):
    client = client_for(board_user)
    assert client.get("/figures/import/").status_code == 403
    values = ",".join(RECRUITMENT.values())
    upload = SimpleUploadedFile("f.csv", figures_csv(f"OWN,{YEAR},{values}"), content_type="text/csv")
    assert client.post("/figures/import/", {"section": "recruitment", "figures_file": upload}).status_code == 403
    assert client.get("/figures/import/recruitment.csv").status_code == 403
    assert not RecruitmentFigures.objects.exists()


def test_small_counts_and_what_would_reveal_them_are_hidden_from_readers():
    assert readable_figures({"a_white": 40, "a_bme": 3, "a_ethnicity_unknown": 0}, 7) == {
        "a_white": "*", "a_bme": "*", "a_ethnicity_unknown": 0,
    }  # fmt: skip
    assert readable_figures({"a_white": 40, "a_bme": 3, "a_ethnicity_unknown": 2}, 7) == {
        "a_white": 40, "a_bme": "*", "a_ethnicity_unknown": "*",
    }  # fmt: skip
    assert readable_figures({"a_white": 40, "a_bme": 30, "a_ethnicity_unknown": 0}, 7) == {
        "a_white": 40, "a_bme": 30, "a_ethnicity_unknown": 0,
    }  # fmt: skip
    survey = {"wres_5_white_pct": Decimal("25.0"), "wres_5_white_respondents": 900,
              "wres_5_bme_pct": Decimal("40.0"), "wres_5_bme_respondents": 5}  # fmt: skip
    assert readable_figures(survey, 7) == {
        "wres_5_white_pct": "*", "wres_5_white_respondents": "*", "wres_5_bme_pct": "*", "wres_5_bme_respondents": "*",
    }  # fmt: skip
