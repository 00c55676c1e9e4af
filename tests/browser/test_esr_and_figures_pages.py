"""In the browser: an admin imports an ESR extract; an EDI lead enters figures; a board member reads them.

Every page these add passes axe-core (WCAG 2.2 A and AA), including its error states.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from demo.users import create_demo_users
from organisations.services.reference_data import reference_data_load
from tests.browser.conftest import assert_accessible, sign_in
from tests.workforce.esr_files import csv_text, row
from workforce.models import RecruitmentFigures, Snapshot, StaffRecord, reporting_year_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-Password-for-tests-1"
YEAR = reporting_year_for(timezone.localdate()) - 1
LABEL = f"{YEAR - 1}/{str(YEAR)[-2:]}"


@pytest.fixture
def portal(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reference_data_load()
    create_demo_users(PASSWORD)


def choose_file(page, name, text):
    page.set_input_files("#id_extract", {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")})


def test_admin_checks_a_bad_file_then_imports_a_good_one(page, portal):
    sign_in(page, "demo.admin@example.org", PASSWORD)
    esr_imports = page.get_by_role("link", name="ESR imports").first
    if not esr_imports.is_visible():  # the header folds the links that do not fit into its "More" menu
        page.get_by_role("button", name="Browse More").click()
    esr_imports.click()
    expect(page.locator("h1")).to_have_text("ESR imports")
    expect(page.locator("main")).to_contain_text("No ESR extract has been imported yet")
    assert_accessible(page)

    page.click("button:has-text('Check the file')")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    rows = [row(1, Organisation="RXL"), row(2, Organisation="RXL", Gender="Robot"), row(3, Organisation="RXL", FTE="x")]
    choose_file(page, "bad.csv", csv_text(rows))
    page.fill("#id_snapshot_date", "31/03/2025")
    page.click("button:has-text('Check the file')")
    expect(page.locator("h1")).to_have_text("bad.csv cannot be imported")
    table = page.locator("#errors-caption").locator("xpath=..").inner_text()
    assert "Robot" in table and "FTE is not a number" in table
    assert_accessible(page)
    assert not Snapshot.objects.exists()

    page.click("text=Upload a corrected file")
    choose_file(page, "good.csv", csv_text([row(n, Organisation="RXL") for n in range(1, 6)]))
    page.fill("#id_snapshot_date", "31/03/2025")
    page.click("button:has-text('Check the file')")
    expect(page.locator("h1")).to_have_text("Check the import of good.csv")
    assert "Blackpool Teaching Hospitals NHS Foundation Trust" in page.locator("table").first.inner_text()
    assert_accessible(page)
    page.click("button:has-text('Import 5 assignments')")
    assert (
        "Imported 5 assignments on 31 March 2025 from good.csv"
        in page.locator(".nhsuk-notification-banner").inner_text()
    )
    assert "31 Mar 2025" in page.locator("table").inner_text()
    assert_accessible(page)
    assert StaffRecord.objects.count() == 5


def test_edi_lead_enters_recruitment_figures_and_fixes_an_error(page, portal):
    sign_in(page, "demo.lead@example.org", PASSWORD)
    page.get_by_role("link", name="BTH").click()
    expect(page.locator("h1")).to_have_text("Workforce figures not held in ESR")
    assert_accessible(page)
    page.get_by_role("link", name=f"Enter recruitment figures for {LABEL}").click()
    assert_accessible(page)
    values = {
        "shortlisted_white": "300",
        "shortlisted_bme": "80",
        "shortlisted_ethnicity_unknown": "5",
        "appointed_white": "90",
        "appointed_bme": "95",
        "appointed_ethnicity_unknown": "1",
        "shortlisted_disabled": "30",
        "shortlisted_non_disabled": "340",
        "shortlisted_disability_unknown": "15",
        "appointed_disabled": "8",
        "appointed_non_disabled": "80",
        "appointed_disability_unknown": "3",
    }
    for name, value in values.items():
        page.fill(f"#id_{name}", value)
    page.click("button:has-text('Save recruitment figures')")
    summary = page.locator(".nhsuk-error-summary")
    assert "BME applicants appointed must not be more than the number shortlisted (80)" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    page.fill("#id_appointed_bme", "20")
    page.click("button:has-text('Save recruitment figures')")
    assert "have been saved" in page.locator(".nhsuk-notification-banner").inner_text()
    assert RecruitmentFigures.objects.get(year=YEAR).appointed_bme == 20
    assert_accessible(page)


def test_the_staff_survey_form_is_accessible(page, portal):
    sign_in(page, "demo.lead@example.org", PASSWORD)
    page.goto(f"/organisations/blackpool-teaching-hospitals/figures/{YEAR}/staff-survey/")
    assert_accessible(page)
    page.fill("#id_wres_5_bme_pct", "140")
    page.check("input[name=wdes_9b_voices_action][value=True]")
    page.click("button:has-text('Save nhs staff survey figures')")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)
    for section in ("formal-processes", "training", "board"):
        page.goto(f"/organisations/blackpool-teaching-hospitals/figures/{YEAR}/{section}/")
        assert_accessible(page)


def test_board_member_reads_figures_and_cannot_change_them(page, portal):
    sign_in(page, "demo.board@example.org", PASSWORD)
    page.goto("/organisations/blackpool-teaching-hospitals/")
    page.get_by_role("link", name="Workforce figures not held in ESR").click()
    expect(page.locator("main")).to_contain_text("You can read these figures")
    assert_accessible(page)
    page.get_by_role("link", name=f"View board membership figures for {LABEL}").click()
    expect(page.locator("main")).to_contain_text("has not entered these figures")
    assert page.locator("main form").count() == 0
    assert_accessible(page)
    response = page.goto("/imports/esr/")
    assert response.status == 403


def test_edi_lead_imports_figures_from_a_csv_file(page, portal):
    sign_in(page, "demo.lead@example.org", PASSWORD)
    page.goto("/organisations/blackpool-teaching-hospitals/figures/")
    page.get_by_role("link", name="import them from a CSV file").click()
    expect(page.locator("h1")).to_have_text("Import workforce figures from a CSV file")
    assert_accessible(page)
    page.click("button:has-text('Import figures')")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)

    header = "organisation,year,training_white,training_bme,training_ethnicity_unknown\n"
    page.check("input[name=section][value=training]")
    page.set_input_files(
        "#id_figures_file",
        {
            "name": "t.csv",
            "mimeType": "text/csv",
            "buffer": (header + f"RXL,{YEAR},900,x,4\nRXR,{YEAR},1,1,1\n").encode(),
        },
    )
    page.click("button:has-text('Import figures')")
    problems = page.locator("#problems-caption").locator("xpath=..").inner_text()
    assert "whose figures you may not change" in problems and "Enter a whole number" in problems
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    page.check("input[name=section][value=training]")
    page.set_input_files(
        "#id_figures_file",
        {"name": "t.csv", "mimeType": "text/csv", "buffer": (header + f"RXL,{YEAR},900,80,4\n").encode()},
    )
    page.click("button:has-text('Import figures')")
    assert "1 new and 0 changed" in page.locator(".nhsuk-notification-banner").inner_text()
    assert_accessible(page)
