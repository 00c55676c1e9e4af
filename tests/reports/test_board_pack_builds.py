"""The board pack is built in the background after a change and served as built; its PDF is tagged (PDF/UA-1)."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from jobs.models import Job
from objectives.models import PlanItem, Status
from objectives.services.plan_load import plan_load
from objectives.services.progress import progress_update_create
from organisations.permissions import Role
from organisations.services.reference_data import reference_data_load
from reports.board_pack_builds import board_pack_build
from reports.choice import choose
from reports.models import BuiltBoardPack
from tests.factories import make_user
from tests.workforce.test_metric_results import DAY, YEAR, import_synthetic, synthetic_extract
from workforce.scopes import all_scopes
from workforce.services.esr_import import esr_extract_import
from workforce.services.metric_recompute import metrics_recompute

pytestmark = pytest.mark.django_db


def _structure(node, found, depth=0):
    """Every structure element under `node`: (tag, element), depth first."""
    node = node.get_object()
    kids = node.get("/K")
    if kids is None:
        return found
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and kid.get("/Type") == "/StructElem":
            found.append((kid["/S"], kid))
            _structure(kid, found, depth + 1)
    return found


def _tags_under(element) -> list[str]:
    return [tag for tag, _ in _structure(element, [])]


def test_the_board_pack_pdf_is_tagged_for_screen_readers(tmp_path):
    reference_data_load()
    plan_load()
    import_synthetic(tmp_path, rows=1500)
    built = board_pack_build(choice=choose("ics", str(YEAR)))
    reader = PdfReader(io.BytesIO(bytes(built.pdf)))
    root = reader.trailer["/Root"]

    assert root["/Lang"] == "en-GB"
    assert str(root["/MarkInfo"]["/Marked"]).lower() == "true"
    assert reader.metadata.title.startswith("Belonging Plan board pack: Lancashire and South Cumbria ICS")
    assert str(root["/ViewerPreferences"]["/DisplayDocTitle"]).lower() == "true"  # the title, not the file name
    elements = _structure(root["/StructTreeRoot"], [])
    tags = [tag for tag, _ in elements]
    assert tags.count("/H1") == 1 and tags.index("/H1") < tags.index("/H2") and "/H3" not in tags[: tags.index("/H2")]
    figures = [element for tag, element in elements if tag == "/Figure"]
    assert figures and all(str(figure.get("/Alt", "")).strip() for figure in figures)  # each chart's text alternative

    table = next(element for tag, element in elements if tag == "/Table")
    inside = _tags_under(table)
    assert inside[0] == "/Caption"
    assert {"/THead", "/TBody", "/TR", "/TH", "/TD"} <= set(inside)
    header_row = next(element for tag, element in _structure(table, []) if tag == "/TR")
    cells = [kid.get_object()["/S"] for kid in header_row["/K"]]
    assert cells and set(cells) == {"/TH"}  # the column headers are header cells


def test_the_pack_names_the_workbook_sheets_of_the_tables_its_charts_draw(tmp_path):
    from openpyxl import load_workbook

    from reports.board_pack import board_pack, board_pack_workbook
    from tests.reports.test_eds_outputs import pdf_text

    reference_data_load()
    import_synthetic(tmp_path, rows=1500)
    pack = board_pack(choose("ics", str(YEAR)))
    sections = pack.metric_sections()
    named = [sheet for _, trend, comparison in sections for sheet in (trend, comparison)]
    assert sections and all(named)
    sheets = load_workbook(io.BytesIO(board_pack_workbook(pack))).sheetnames
    assert set(named) <= set(sheets)  # each named sheet is there (31 characters at most)
    text = " ".join(pdf_text(bytes(board_pack_build(choice=choose("ics", str(YEAR))).pdf)).split())
    charted = [(page, trend) for page, trend, _ in sections if page.trend.chart]
    assert charted and all(f'sheet "{trend}"' in text for _, trend in charted)
    assert f'sheet "{sections[0][2]}"' in text
    assert "Organisations in the charts comparing the ICS: BTH: Blackpool Teaching Hospitals" in text
    assert "across the ICS, " not in text  # the comparison tables are in the workbook only


@pytest.fixture
def plan(db):
    # No ESR figures: each pack is the plan's overview alone, so building every scope's stays quick.
    reference_data_load()
    plan_load()
    return PlanItem.objects.filter(organisation__isnull=False).first()


def _progress(item, percent):
    progress_update_create(
        item=item, by=make_user(Role.ADMIN), status=Status.GREEN, percent_complete=percent, narrative="Going well"
    )


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection
def test_a_change_builds_every_pack_in_the_background_and_the_download_serves_it(
    settings, plan, database_queue, run_worker, client_for, django_capture_on_commit_callbacks
):
    settings.BOARD_PACK_BUILD_DELAY = 0.001
    client = client_for(make_user(Role.BOARD_MEMBER))
    with django_capture_on_commit_callbacks(execute=True):
        _progress(plan, 10)
    with django_capture_on_commit_callbacks(execute=True):
        _progress(plan, 20)
    jobs = Job.objects.filter(kind=Job.Kind.BOARD_PACKS)
    assert [job.status for job in jobs] == [Job.Status.QUEUED]  # two changes in a burst: one build
    page = _text(client.get(reverse("reports:overview")))
    assert re.search(r'role="status" aria-live="polite"[^>]*>.*Board packs: waiting to start\.', page)

    run_worker()

    job = jobs.get()
    assert (job.status, job.percent) == (Job.Status.DONE, 100)
    assert job.outcome.startswith(f"{len(all_scopes())} board packs built in")
    built = BuiltBoardPack.objects.get(scope_key="ics")
    response = client.get(reverse("reports:board_pack_pdf"))
    assert response.content == bytes(built.pdf) and response["Content-Type"] == "application/pdf"
    assert BuiltBoardPack.objects.get(scope_key="ics").built_at == built.built_at  # served, not built again
    assert "waiting to start" not in _text(client.get(reverse("reports:overview")))

    # A newer build is pending: the last pack is served meanwhile, and the dashboard says so.
    with django_capture_on_commit_callbacks(execute=True):
        _progress(plan, 30)
    assert client.get(reverse("reports:board_pack_pdf")).content == bytes(built.pdf)
    page = _text(client.get(reverse("reports:overview")))
    assert "Board packs: waiting to start." in page
    assert "Until the new one is ready, the download gives the pack built at" in page


def test_with_no_build_pending_a_pack_older_than_the_data_is_built_on_the_click(plan, client_for):
    client = client_for(make_user(Role.BOARD_MEMBER))
    first = client.get(reverse("reports:board_pack_xlsx"))
    built = BuiltBoardPack.objects.get(scope_key="ics")
    assert first.content == bytes(built.workbook) and not Job.objects.exists()
    _progress(plan, 50)
    client.get(reverse("reports:board_pack_xlsx"))
    rebuilt = BuiltBoardPack.objects.get(scope_key="ics")
    assert rebuilt.data_version != built.data_version and rebuilt.built_at > built.built_at


@pytest.mark.django_db(transaction=True)  # the rebuild is queued once the change commits
def test_recomputed_metrics_queue_a_rebuild(settings, tmp_path, database_queue):
    reference_data_load()
    esr_extract_import(path=synthetic_extract(tmp_path, rows=700), snapshot_date=DAY, recompute=False)
    settings.BOARD_PACK_BUILD_DELAY = 60
    assert not Job.objects.exists()
    metrics_recompute(years=[YEAR])
    job = Job.objects.get(kind=Job.Kind.BOARD_PACKS)
    assert job.status == Job.Status.QUEUED
    assert not BuiltBoardPack.objects.exists()  # built by the worker, not by the recomputation
