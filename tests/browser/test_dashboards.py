"""The People Board dashboards in the browser: a board member changes scope and year, opens a metric page,
takes away the board pack (PDF and workbook) and finds in it the figures shown on screen; axe-core finds
no WCAG 2.2 A/AA violation on any dashboard page."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from demo.users import create_demo_users
from objectives.services.plan_load import plan_load
from organisations.services.reference_data import reference_data_load
from tests.browser.conftest import assert_accessible, sign_in
from tests.workforce.test_metric_results import YEAR, import_synthetic
from workforce.catalogue import METRICS
from workforce.selectors.results import figure_at, metric_result

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-Password-for-tests-1"
BOARD = "demo.board@example.org"


@pytest.fixture
def portal(tmp_path):
    reference_data_load()
    create_demo_users(PASSWORD)
    plan_load()
    import_synthetic(tmp_path, rows=1200, day=date(YEAR - 1, 3, 31), seed=3)
    import_synthetic(tmp_path, rows=1200)


def _year_label(year):
    return f"{year - 1}/{str(year)[-2:]}"


def test_a_board_member_reads_the_dashboards_and_takes_away_the_board_pack(page, portal):
    sign_in(page, BOARD, PASSWORD)
    page.get_by_role("link", name="Dashboards").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lancashire and South Cumbria ICS")
    assert_accessible(page)

    # Change scope and year: the choice lives in the URL.
    page.select_option("#id_scope", "place:lancashire")
    page.select_option("#id_year", str(YEAR - 1))
    page.get_by_role("button", name="Show").click()
    assert "scope=place%3Alancashire" in page.url and f"year={YEAR - 1}" in page.url
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lancashire")
    expect(page.locator("#data-as-at")).to_contain_text(f"31 March {YEAR - 1}")

    # Open a metric page from its headline card.
    page.get_by_role("link", name="WRES 2: Relative likelihood of White applicants").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Relative likelihood of White applicants")
    expect(page.locator("figure svg").first).to_be_visible()
    ratio = figure_at(metric_result("place:lancashire", YEAR - 1), "wres.2.likelihood.ratio")
    expect(page.locator(".nhsuk-card__heading").first).to_contain_text(
        ratio["display"] if not ratio["suppressed"] else "Not shown"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Metrics").first.click()
    assert_accessible(page)

    # Back on the overview of the ICS for the latest year, take away the board pack.
    page.goto(f"/dashboards/?scope=ics&year={YEAR}")
    ics_ratio = figure_at(metric_result("ics", YEAR), "wres.2.likelihood.ratio")["display"]
    expect(page.locator("#table-headline-metrics")).to_contain_text(ics_ratio)
    expect(page.locator(".nhsuk-tag", has_text="Estimate from basic pay").first).to_be_visible()
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Board pack (PDF)").click()
    pdf = PdfReader(pdf_download.value.path())
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Data as at: ESR snapshot of 31 March" in text and _year_label(YEAR) in text
    assert f"2: {ics_ratio}" in text.replace("\n", " ") or ics_ratio in text
    # The synthetic extracts give basic rates only: the pack says the pay gaps are not the statutory figures.
    assert "Estimate from basic pay, not the statutory figure" in " ".join(text.split())
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Board pack workbook (Excel)").click()
    with open(xlsx_download.value.path(), "rb") as stream:  # the saved download has no .xlsx suffix
        workbook = load_workbook(io.BytesIO(stream.read()))
    headline = workbook.worksheets[1]
    values = [str(v) for row in headline.iter_rows(values_only=True) for v in row if v is not None]
    assert any(v.startswith("WRES 2") for v in values)
    assert ics_ratio in values or float(ics_ratio) in [
        v for row in headline.iter_rows(values_only=True) for v in row if isinstance(v, float)
    ]


def test_a_bad_scope_gets_an_error_summary_that_passes_axe(page, portal):
    sign_in(page, BOARD, PASSWORD)
    page.goto("/dashboards/?scope=organisation:nowhere")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("There is no organisation or place called")
    assert_accessible(page)


def test_every_metric_page_passes_axe(page, portal):
    sign_in(page, BOARD, PASSWORD)
    for definition in METRICS:
        page.goto(f"/dashboards/metrics/{definition.slug}/?scope=organisation:lsc-icb&year={YEAR}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
