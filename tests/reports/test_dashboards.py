"""People Board dashboards: overview, metric pages, CSV, board pack; access, bad input, suppression, queries."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from objectives.services.plan_load import plan_load
from objectives.services.progress import progress_update_create
from organisations.models import Organisation
from organisations.permissions import Role
from organisations.services.reference_data import reference_data_load
from reports.choice import choose
from reports.exports import Table, table_to_csv
from reports.presenters.detail_tables import intersection_tables
from reports.presenters.metric_page import metric_page
from reports.presenters.overview import overview
from tests.factories import make_user
from tests.workforce.test_metric_results import FORMAL_PROCESSES, YEAR, import_synthetic
from workforce.catalogue import METRICS, metric_definition
from workforce.models import FormalProcessFigures, StaffRecord, reporting_year_label
from workforce.selectors.results import figure_at, metric_result
from workforce.services.metric_recompute import metrics_recompute

pytestmark = pytest.mark.django_db

SMALL = "lsc-icb"  # the smallest organisation in the synthetic extract


@pytest.fixture
def portal(tmp_path):
    reference_data_load()
    plan_load()
    import_synthetic(tmp_path, rows=1500)


@pytest.fixture
def board_client(client):
    client.force_login(make_user(Role.BOARD_MEMBER))
    return client


def _query(scope="ics", year=YEAR):
    return {"scope": scope, "year": str(year)}


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_every_dashboard_page_needs_a_signed_in_user_with_a_role(client, portal):
    for url in (
        reverse("reports:overview"),
        reverse("reports:metric", args=["wres-2"]),
        reverse("reports:board_pack_pdf"),
        reverse("reports:overview_csv", args=["headline-metrics"]),
    ):
        assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(make_user(None))
    assert client.get(reverse("reports:overview")).status_code == 403
    assert client.get(reverse("reports:board_pack_xlsx")).status_code == 403


def test_the_overview_shows_plan_progress_and_headline_metrics_with_their_change(board_client, portal):
    response = board_client.get(reverse("reports:overview"), _query())
    assert response.status_code == 200
    text = _text(response)
    ics = metric_result("ics", YEAR)
    ratio = figure_at(ics, "wres.2.likelihood.ratio")["display"]
    assert f"White applicants are {ratio.rstrip('0').rstrip('.')} times as likely" in text or "not shown" in text
    assert "Progress on the three equality objectives" in text
    assert "Data as at: ESR snapshot of 31 March" in text
    assert f"No figure for {reporting_year_label(YEAR - 1)}" in text  # one year of data: nothing to compare with


def test_the_scope_and_year_live_in_the_url_and_bad_ones_get_a_clear_message(board_client, portal):
    response = board_client.get(reverse("reports:overview"), _query("place:blackpool"))
    assert "<h1>Blackpool" in response.content.decode()
    for query, message in (
        (_query("organisation:nowhere"), "There is no organisation or place called"),
        (_query(year=1999), "There are no workforce figures for the year"),
        (_query(year="2025'; drop"), "There are no workforce figures for the year"),
    ):
        response = board_client.get(reverse("reports:overview"), query)
        assert response.status_code == 400
        assert message in response.content.decode()
    assert board_client.get(reverse("reports:metric", args=["no-such-metric"])).status_code == 404


@pytest.mark.parametrize("definition", METRICS, ids=lambda d: d.slug)
def test_every_metric_page_shows_its_reading_trend_and_comparison(board_client, portal, definition):
    response = board_client.get(reverse("reports:metric", args=[definition.slug]), _query())
    assert response.status_code == 200
    text = _text(response)
    assert definition.title.replace("&", "&amp;") in text
    assert "Trend over every year" in text and "Across the ICS" in text
    assert 'role="img"' in text  # the charts, each with a text summary and a table
    assert "Chart summary:" in text


def test_a_likelihood_comparison_marks_the_no_adverse_impact_band(board_client, portal):
    response = board_client.get(reverse("reports:metric", args=["wres-2"]), _query())
    text = _text(response)
    assert "0.80 to 1.25" in text and "Outside 0.80 to 1.25" in text


def test_csv_downloads_neutralise_formulas(board_client, portal):
    table = Table(
        '=HYPERLINK("x")',
        ["Owner", "Count"],
        [
            ["@SUM(A1)", 3],
            ["-1+2", {"value": None, "display": "*", "suppressed": True, "reason": "small number", "note": ""}],
        ],
    )
    rows = list(csv.reader(io.StringIO(table_to_csv(table, "+stamp"))))
    assert rows[0] == ['\'=HYPERLINK("x")'] and rows[1] == ["'+stamp"]
    assert rows[3] == ["'@SUM(A1)", "3"] and rows[4] == ["'-1+2", "*"]
    response = board_client.get(reverse("reports:overview_csv", args=["headline-metrics"]), _query())
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert board_client.get(reverse("reports:overview_csv", args=["nope"]), _query()).status_code == 404


def _all_tables(choice):
    pages = [metric_page(definition, choice) for definition in METRICS]
    return overview(choice).tables + [table for page in pages for table in page.tables]


def _suppressed_cells(table):
    return [
        (r, c)
        for r, row in enumerate(table.rows)
        for c, cell in enumerate(row)
        if isinstance(cell, dict) and cell.get("suppressed")
    ]


def test_a_small_organisations_hidden_counts_stay_hidden_on_pages_and_in_every_export(board_client, portal):
    assert StaffRecord.objects.filter(snapshot__organisation__slug=SMALL).exists()
    choice = choose(f"organisation:{SMALL}", str(YEAR))
    tables = _all_tables(choice)
    hidden = [(table, cells) for table in tables if (cells := _suppressed_cells(table))]
    assert hidden, "the small organisation has suppressed figures"
    for table, cells in hidden:
        rows = list(csv.reader(io.StringIO(table_to_csv(table))))
        for r, c in cells:
            assert rows[r + 2][c] == "*", (table.title, r, c)
    # The page prints "*" where the figure is hidden, and never the hidden value in its place.
    response = board_client.get(reverse("reports:metric", args=["wres-1"]), _query(f"organisation:{SMALL}"))
    page = response.content.decode()
    wres1 = metric_result(f"organisation:{SMALL}", YEAR)["wres"]["1"]["clinical"]["counts"]
    hidden_here = [(band, group) for band, cells in wres1.items() for group, f in cells.items() if f["suppressed"]]
    assert hidden_here
    assert page.count("(not shown:") >= len(hidden_here)
    # The workbook and the PDF of the board pack hold "*" too, never a number, for every hidden figure.
    workbook = load_workbook(
        io.BytesIO(board_client.get(reverse("reports:board_pack_xlsx"), _query(f"organisation:{SMALL}")).content)
    )
    pack_tables = {sheet.title: sheet for sheet in workbook.worksheets}
    assert "About" in pack_tables
    stars = sum(
        1 for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v == "*"
    )
    pack = overview(choice).tables
    expected_stars = sum(len(_suppressed_cells(t)) for t in pack)
    assert stars >= expected_stars


def test_the_board_pack_workbook_and_pdf_hold_the_figures_on_screen(board_client, portal):
    query = _query()
    workbook = load_workbook(io.BytesIO(board_client.get(reverse("reports:board_pack_xlsx"), query).content))
    about = [row[0] for row in workbook["About"].iter_rows(values_only=True)]
    assert any("Data as at: ESR snapshot of 31 March" in str(line) for line in about)
    ics = metric_result("ics", YEAR)
    ratio = figure_at(ics, "wres.2.likelihood.ratio")
    values = [v for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for v in row]
    assert (ratio["value"] if ratio["value"] is not None else "*") in values
    response = board_client.get(reverse("reports:board_pack_pdf"), query)
    assert response["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Data as at" in text and ratio["display"] in text


def test_query_counts_do_not_grow_with_the_data(board_client, tmp_path, django_assert_max_num_queries):
    reference_data_load()
    plan_load()
    import_synthetic(tmp_path, rows=400)
    counts = {}
    for name, url in (
        ("overview", reverse("reports:overview")),
        ("metric", reverse("reports:metric", args=["wres-2"])),
        ("senior", reverse("reports:metric", args=["bme-senior"])),
    ):
        board_client.get(url, _query())  # parse the results once, as a running portal has
        with django_assert_max_num_queries(60) as captured:
            board_client.get(url, _query())
        counts[name] = len(captured.captured_queries)
    import_synthetic(tmp_path, rows=3000, seed=2)
    for name, url in (
        ("overview", reverse("reports:overview")),
        ("metric", reverse("reports:metric", args=["wres-2"])),
        ("senior", reverse("reports:metric", args=["bme-senior"])),
    ):
        board_client.get(url, _query())
        with django_assert_max_num_queries(counts[name]):
            board_client.get(url, _query())


def test_the_catalogue_names_metrics_by_slug():
    assert metric_definition("wres-2").code == "WRES 2"
    assert metric_definition("nothing") is None
    assert len({d.slug for d in METRICS}) == len(METRICS)


def test_a_kept_page_body_is_drawn_again_when_progress_or_metrics_change(board_client, portal, tmp_path):
    from objectives.models import PlanItem, Status

    url = reverse("reports:overview")
    assert "No item in this scope is complete yet." in _text(board_client.get(url, _query()))
    item = PlanItem.objects.filter(organisation__isnull=False).select_related("priority").first()
    admin = make_user(Role.ADMIN)
    progress_update_create(item=item, by=admin, status=Status.COMPLETE, percent_complete=100, narrative="Done")
    text = _text(board_client.get(url, _query()))
    assert "No item in this scope is complete yet." not in text and item.priority.code in text
    clinical_total = "wres.1.clinical.counts.total.total"
    before = figure_at(metric_result("ics", YEAR), clinical_total)["display"]
    assert before in _text(board_client.get(reverse("reports:metric", args=["wres-1"]), _query()))
    import_synthetic(tmp_path, rows=900, seed=7)  # replaces the snapshot: the metrics are recomputed
    after = figure_at(metric_result("ics", YEAR), clinical_total)["display"]
    assert after != before and after in _text(board_client.get(reverse("reports:metric", args=["wres-1"]), _query()))


def test_intersection_tables_print_the_stored_figures_and_nothing_added_up():
    shown = {"value": 40, "display": "40", "suppressed": False, "reason": "", "note": ""}
    hidden = {"value": None, "display": "*", "suppressed": True, "reason": "small number", "note": ""}
    stored = {
        "ethnicity_by_cluster_by_sex": {
            "groups": ["white", "bme"],
            "sexes": ["female", "male"],
            "rows": {
                "cluster_3": {
                    "female": {"counts": {"white": shown, "bme": hidden, "total": hidden}},
                    "male": {"counts": {"white": shown, "bme": shown, "total": shown}},
                }
            },
            "note": "Staff whose sex is unknown are left out.",
        }
    }
    (table,) = intersection_tables(stored)
    assert table.columns == ["Band or grade", "Sex", "White", "BME", "Total"]
    rows = list(csv.reader(io.StringIO(table_to_csv(table))))
    assert rows[2:4] == [
        ["Cluster 3 (Bands 8a and 8b)", "Women", "40", "*", "*"],
        ["Cluster 3 (Bands 8a and 8b)", "Men", "40", "40", "40"],
    ]
    assert table.notes == ["Staff whose sex is unknown are left out."]


def test_wdes_9b_is_answered_beside_wdes_9a(board_client, portal):
    text = _text(board_client.get(reverse("reports:metric", args=["wdes-9a"]), _query()))
    assert "WDES 9b: Has the organisation taken action to facilitate the voices of disabled staff?" in text


def test_metric_pages_say_which_figures_are_estimates_statutory_or_rolling_averages(board_client, portal):
    # The synthetic extract gives basic rates only: every pay gap page warns that it is an estimate.
    page = _text(board_client.get(reverse("reports:metric", args=["pay-gap-gender"]), _query()))
    assert "Important: Estimate from basic pay, not the statutory figure" in re.sub(r"<[^>]+>", "", page)
    assert "Do not publish it as the statutory figure." in page
    trend = board_client.get(reverse("reports:metric_csv", args=["pay-gap-gender", "trend"]), _query())
    rows = list(csv.reader(io.StringIO(trend.content.decode())))
    assert rows[2][-1] == "Basis" and rows[3][-1] == "Estimate from basic pay, not the statutory figure"
    comparison = board_client.get(reverse("reports:metric_csv", args=["pay-gap-gender", "comparison"]), _query())
    assert "Estimate from basic pay, not the statutory figure" in comparison.content.decode()
    # One year of figures: WRES 3 has no rolling average, says so, and shows the year alone beside it.
    trust = Organisation.objects.get(slug="east-lancashire-hospitals")
    FormalProcessFigures.objects.create(organisation=trust, year=YEAR, **FORMAL_PROCESSES)
    metrics_recompute(years=[YEAR])
    query = _query("organisation:east-lancashire-hospitals")
    page = _text(board_client.get(reverse("reports:metric", args=["wres-3"]), query))
    assert '<strong class="nhsuk-tag nhsuk-tag--grey">No rolling average</strong>' in page
    assert f"No rolling average: no figures for {reporting_year_label(YEAR - 1)}." in page
    single = figure_at(metric_result("organisation:east-lancashire-hospitals", YEAR), "wres.3.single_year.ratio")
    assert f"This year alone: {single['display']}" in page and single["value"] is not None
    overview_page = _text(board_client.get(reverse("reports:overview"), _query()))
    assert overview_page.count("Estimate from basic pay, not the statutory figure") >= 3  # the three pay gaps
    assert "No rolling average" in overview_page
