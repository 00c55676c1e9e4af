"""EDS 2022 in the outputs: the summary report (PDF and CSV) in the layout NHS organisations publish, the
dashboards' overview and the board pack beside the plan's progress, and the read-only API."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from objectives.models import EdsRating
from objectives.services.eds_actions import eds_action_save
from objectives.services.eds_ratings import eds_rating_save
from objectives.services.plan_load import plan_load
from organisations.models import Organisation
from organisations.permissions import Role
from organisations.services.reference_data import reference_data_load
from reports.api_auth import create_api_token
from tests.factories import make_user
from tests.objectives.eds_helpers import all_rated, eds_draft
from tests.workforce.test_metric_results import YEAR, import_synthetic

pytestmark = pytest.mark.django_db

BTH, ELHT, ICB = "blackpool-teaching-hospitals", "east-lancashire-hospitals", "lsc-icb"


@pytest.fixture
def people(db):
    reference_data_load()
    plan_load()
    organisations = {o.slug: o for o in Organisation.objects.all()}
    return {
        "organisations": organisations,
        "bth_lead": make_user(Role.EDI_LEAD, organisations=[organisations[BTH]]),
        "elht_lead": make_user(Role.EDI_LEAD, organisations=[organisations[ELHT]]),
        "admin": make_user(Role.ADMIN),
        "board": make_user(Role.BOARD_MEMBER),
    }


@pytest.fixture
def assessments(people):
    """BTH approved and published for YEAR (Domain 1 from three services, one formula in its evidence); ELHT a
    draft of YEAR with top ratings that must never show as scores."""
    organisations, bth_lead, elht_lead = people["organisations"], people["bth_lead"], people["elht_lead"]
    bth = eds_draft(
        organisations[BTH],
        bth_lead,
        year=YEAR,
        reviewers=[elht_lead],
        services=[(3, 2, 1, 0), (1, 2, 3, 0), (2, 0, 2, 3)],
        ratings={**all_rated(1), "3A": 3},
    )
    rating = bth.ratings.get(outcome="2B")
    eds_rating_save(rating=rating, by=bth_lead, score=1, evidence='=HYPERLINK("http://evil.example")', owner="@HR")
    priority = people["organisations"][BTH].plan_items.first().priority
    eds_action_save(
        assessment=bth,
        by=bth_lead,
        outcome="2B",
        text="Zero tolerance campaign",
        owner="Director of People",
        due_on=date(YEAR + 1, 3, 31),
        priority=priority,
    )
    from objectives.services.eds_assessments import (
        eds_assessment_approve,
        eds_assessment_publish,
        eds_peer_review_complete,
    )

    eds_peer_review_complete(assessment=bth, by=elht_lead, summary="Sound.", on=date(YEAR, 2, 1))
    eds_assessment_approve(assessment=bth, by=people["admin"], approved_on=date(YEAR, 2, 14), body="Trust Board")
    eds_assessment_publish(
        assessment=bth, by=people["admin"], published_on=date(YEAR, 2, 27), url="https://example.org/bth-eds"
    )
    elht = eds_draft(organisations[ELHT], elht_lead, year=YEAR, services=[(3, 3, 3, 3)] * 3, ratings=all_rated(3))
    return {"bth": bth, "elht": elht, "priority": priority}


def pdf_text(content: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def test_the_summary_report_pdf_has_the_published_layout(client_for, people, assessments):
    bth = assessments["bth"]
    response = client_for(people["board"]).get(reverse("reports:eds_report_pdf", args=[BTH, YEAR]))
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="eds-2022-{BTH}-{YEAR}.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Equality Delivery System 2022: Blackpool Teaching Hospitals NHS Foundation Trust" in text
    assert "Approved by Trust Board on 14 February" in text and "https://example.org/bth-eds" in text
    assert "EDS rating and score card" in text and "Overall rating" in text
    # Domain 1: medians 2, 2, 2, 0 = 6; Domain 2: 4; Domain 3: 1 + 1 + 3 = 5; total 15, Developing.
    assert "Domain score 6 12" in text and "Domain score 4 12" in text and "Domain score 5 9" in text
    assert "Total 15 33" in text and "Developing activity" in text
    for heading in ("Outcome", "Evidence", "Rating", "Owner (department or lead)"):
        assert heading in text
    assert "Domain 1: Commissioned or provided services: Maternity services" in text
    assert "Domain 3: Inclusive leadership" in text and "Excelling activity (3)" in text
    assert "EDS action plan" in text and "Zero tolerance campaign" in text and "Director of People" in text
    assert assessments["priority"].code in text
    assert bth.organisation.name in text


def test_a_drafts_report_says_it_is_a_draft(client_for, people, assessments):
    response = client_for(people["board"]).get(reverse("reports:eds_report_pdf", args=[ELHT, YEAR]))
    assert "DRAFT: not approved by the board" in pdf_text(response.content)


def test_the_summary_report_csv_holds_every_table_and_neutralises_formulas(client_for, people, assessments):
    response = client_for(people["board"]).get(reverse("reports:eds_report_csv", args=[BTH, YEAR]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = [cell for row in rows for cell in row]
    titles = [row[0] for row in rows if len(row) == 1]
    assert {"About the assessment", "EDS rating and score card", "EDS action plan"} <= set(titles)
    assert "Domain 2: Workforce health and well-being" in titles
    assert ["All domains", "Total", "15", "33"] in rows
    assert ["All domains", "Overall rating", "Developing activity", ""] in rows
    assert '\'=HYPERLINK("http://evil.example")' in cells and "'@HR" in cells
    assert not any(cell.startswith(("=", "@")) for cell in cells)


def test_reports_need_a_signed_in_user_with_a_role(client, client_for, assessments):
    address = reverse("reports:eds_report_csv", args=[BTH, YEAR])
    assert client.get(address)["Location"].startswith(reverse("login"))
    assert client_for(make_user(None)).get(address).status_code == 403
    assert (
        client_for(make_user(Role.BOARD_MEMBER)).get(reverse("reports:eds_report_csv", args=[BTH, 2019])).status_code
        == 404
    )


@pytest.fixture
def portal_with_metrics(tmp_path, people, assessments):
    import_synthetic(tmp_path, rows=900)
    return assessments


def test_the_overview_shows_the_eds_domains_beside_the_objectives_and_approved_scores_only(
    client_for, people, portal_with_metrics
):
    client = client_for(people["board"])
    html = re.sub(r"\s+", " ", client.get(reverse("reports:overview"), {"scope": "ics", "year": YEAR}).content.decode())
    assert "EDS 2022 domain score" in html
    assert "Domain 1: 6 of 12 (1 of 7 organisations approved)" in html
    bth_row = html.split("Blackpool Teaching Hospitals NHS Foundation Trust</th>", 1)[1].split("</tr>")[0]
    assert "15 of 33" in bth_row and "Developing activity" in bth_row and "Published" in bth_row
    elht_row = html.split("East Lancashire Hospitals NHS Trust</th>", 1)[1].split("</tr>")[0]
    assert "Not approved yet" in elht_row and "33 of 33" not in html
    organisation = client.get(reverse("reports:overview"), {"scope": f"organisation:{BTH}", "year": YEAR})
    assert "Domain 3: 5 of 9" in organisation.content.decode()
    council = client.get(reverse("reports:overview"), {"scope": "organisation:blackpool-council", "year": YEAR})
    assert "councils do not take part" in council.content.decode()
    table = client.get(reverse("reports:overview_csv", args=["eds-scores"]), {"scope": "ics", "year": YEAR})
    assert "Blackpool Teaching Hospitals NHS Foundation Trust,6 of 12,4 of 12,5 of 9,15 of 33" in table.content.decode()


def test_the_board_pack_has_an_eds_section(client_for, people, portal_with_metrics):
    client = client_for(people["board"])
    query = {"scope": "place:blackpool", "year": YEAR}
    text = pdf_text(client.get(reverse("reports:board_pack_pdf"), query).content)
    assert "Equality Delivery System 2022" in text and "15 of 33" in text
    workbook = load_workbook(io.BytesIO(client.get(reverse("reports:board_pack_xlsx"), query).content))
    sheet = workbook["eds-scores"]
    values = [v for row in sheet.iter_rows(values_only=True) for v in row]
    assert "Blackpool Teaching Hospitals NHS Foundation Trust" in values and "15 of 33" in values


@pytest.fixture
def api(client, people):
    token = create_api_token(people["board"], "Power BI")[1]
    return lambda name, **params: client.get(
        reverse(f"reports:{name}"), params, headers={"Authorization": f"Bearer {token}"}
    )


def test_the_api_gives_approved_assessments_with_their_scores_and_never_a_draft(api, assessments):
    answer = api("api_eds_assessments").json()["assessments"]
    assert [(a["organisation"]["slug"], a["year"]) for a in answer] == [(BTH, YEAR)]
    scores = answer[0]["scores"]
    assert [d["score"] for d in scores["domains"]] == [6, 4, 5]
    assert scores["domains"][0]["outcomes"] == {"1A": 2, "1B": 2, "1C": 2, "1D": 0}
    assert (scores["total"], scores["maximum"], scores["overall_rating"]) == (15, 33, "Developing activity")
    assert api("api_eds_assessments", organisation=ELHT).json() == {"assessments": []}
    assert api("api_eds_assessment", organisation=ELHT, year=YEAR).status_code == 404
    full = api("api_eds_assessment", organisation=BTH, year=YEAR).json()
    assert [s["name"] for s in full["services"]] == [
        "Maternity services",
        "Emergency department",
        "Outpatient appointments",
    ]
    assert full["services"][0]["ratings"][0]["rating"] == {"score": 3, "name": "Excelling activity"}
    assert full["actions"][0]["priority"] == assessments["priority"].code
    assert "Race Equality Network" in full["participants"]["Staff networks"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"organisation": "nowhere"}, 400),
        ({"year": "20x5"}, 400),
        ({"organisation": BTH}, 400),
        ({"year": "2025"}, 400),
    ],
)
def test_the_single_assessment_needs_a_known_organisation_and_a_year(api, people, params, status):
    assert api("api_eds_assessment", **params).status_code == status


def test_the_framework_endpoint_gives_the_bands_and_the_domain_1_rule(api, people):
    answer = api("api_eds_framework").json()
    assert [(b["lowest"], b["highest"]) for b in answer["overall_bands"]] == [(0, 7), (8, 21), (22, 32), (33, 33)]
    assert [len(d["outcomes"]) for d in answer["domains"]] == [4, 4, 3]
    assert "median" in answer["domain_1_rule"]


def test_scores_are_worked_out_from_the_ratings_each_time(api, assessments, people):
    """Nothing stores a score: a rating changed in the database shows in the next answer."""
    EdsRating.objects.filter(assessment=assessments["bth"], outcome="2A").update(rating=3)
    assert api("api_eds_assessments").json()["assessments"][0]["scores"]["total"] == 17
