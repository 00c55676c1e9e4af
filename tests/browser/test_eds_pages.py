"""EDS 2022 in the browser: an EDI lead fills in a Domain 1 service and a Domain 3 outcome, a peer reviewer from
another organisation adds a rating and completes the peer review, an admin records the board's approval, and a
board member opens the ICS overview and downloads the summary report. axe-core finds no WCAG 2.2 A/AA violation on
any EDS page, its forms with their errors, or the pages that show EDS beside the plan."""

import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from demo.users import create_demo_users
from objectives.models import EdsAssessment, EdsStatus
from objectives.services.eds_actions import eds_action_save
from objectives.services.plan_load import plan_load
from organisations.models import Organisation
from organisations.permissions import Role
from organisations.services.reference_data import reference_data_load
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD as REVIEWER_PASSWORD
from tests.factories import make_user
from tests.objectives.eds_helpers import all_rated, eds_approved, eds_draft
from tests.objectives.factories import PDF_BYTES
from tests.workforce.test_metric_results import YEAR, import_synthetic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-Password-for-tests-1"
LEAD, ADMIN, BOARD = "demo.lead@example.org", "demo.admin@example.org", "demo.board@example.org"
REVIEWER = "reviewer@east-lancashire.example"
BTH, ELHT = "blackpool-teaching-hospitals", "east-lancashire-hospitals"


def user(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=email)


@pytest.fixture
def portal(tmp_path, settings):
    """BTH's draft of YEAR with two services and every outcome but 3C rated; ELHT's lead named as its peer
    reviewer; LTH's assessment of the year before approved and published."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    reference_data_load()
    create_demo_users(PASSWORD)
    plan_load()
    import_synthetic(tmp_path, rows=600)
    organisations = {o.slug: o for o in Organisation.objects.all()}
    reviewer = make_user(Role.EDI_LEAD, organisations=[organisations[ELHT]], email=REVIEWER)
    ratings = {**all_rated(2), "3A": 3}
    del ratings["3C"]
    draft = eds_draft(
        organisations[BTH],
        user(LEAD),
        year=YEAR,
        reviewers=[reviewer],
        services=[(2, 2, 1, 2), (3, 2, 2, 1)],
        ratings=ratings,
    )
    lth = organisations["lancashire-teaching-hospitals"]
    lth_lead = make_user(Role.EDI_LEAD, organisations=[lth])
    earlier = eds_approved(lth, lth_lead, reviewer, user(ADMIN), year=YEAR - 1, publish=True)
    eds_action_save(
        assessment=draft,
        by=user(LEAD),
        outcome="3B",
        text="EHIA on every board paper",
        owner="Company Secretary",
        due_on=date(YEAR + 1, 3, 31),
        priority=draft.organisation.plan_items.first().priority,
    )
    return {"draft": draft, "earlier": earlier}


def test_a_lead_fills_it_in_a_peer_reviews_it_an_admin_approves_it_and_the_board_reads_it(page, portal, tmp_path):
    draft = portal["draft"]
    evidence = tmp_path / "Board papers audit.pdf"
    evidence.write_bytes(PDF_BYTES)

    # The EDI lead adds a third Domain 1 service and rates its four outcomes, then rates 3C with a file.
    sign_in(page, LEAD, PASSWORD)
    page.get_by_role("link", name="EDS 2022").first.click()
    expect(page.locator("h1")).to_have_text("Equality Delivery System 2022")
    page.goto(draft.get_absolute_url())
    expect(page.locator(".nhsuk-warning-callout")).to_contain_text("Assess at least 3 services for Domain 1 (2 so far)")
    assert_accessible(page)
    page.get_by_role("link", name="Add a Domain 1 service").click()
    page.get_by_role("button", name="Save service").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the name of the service")
    assert_accessible(page)
    page.get_by_label("Name of the service").fill("Cancer screening")
    page.get_by_label("Why it was chosen").fill("Screening uptake is lower in Blackpool's most deprived wards.")
    page.get_by_label("Race", exact=True).check()
    page.get_by_label("Age", exact=True).check()
    page.get_by_role("button", name="Save service").click()
    expect(page.locator("main")).to_contain_text("Cancer screening has been saved")
    for code, label in (
        ("1A", "Achieving activity (2)"),
        ("1B", "Developing activity (1)"),
        ("1C", "Achieving activity (2)"),
        ("1D", "Excelling activity (3)"),
    ):
        page.get_by_role("link", name=f"Rate of {code} (Cancer screening)").click()
        if code == "1A":
            assert_accessible(page)
        page.get_by_label(label).check()
        page.get_by_label("Evidence summary").fill(f"Screening audit for {code}, by ethnicity and age")
        page.get_by_label("Owner (department or lead)").fill("Screening lead")
        page.get_by_role("button", name="Save rating").click()
        expect(page.locator("main")).to_contain_text(f"The rating of {code} (Cancer screening) has been saved")
    page.get_by_role("link", name="Rate of 3C").click()
    page.get_by_label("Developing activity (1)").check()
    page.get_by_label("Evidence summary").fill("Performance reports are not yet broken down by group.")
    page.set_input_files("#id_evidence_files", str(evidence))
    page.get_by_role("button", name="Save rating").click()
    main = page.locator("main")
    expect(main).to_contain_text("The rating of 3C has been saved")
    # Domain 1: 1A (2,3,2) 2; 1B (2,2,1) 2; 1C (1,2,2) 2; 1D (2,1,3) 2 = 8. Domain 2: 8. Domain 3: 3 + 2 + 1 = 6.
    score_card = page.locator("#score-card-caption").locator("xpath=ancestor::table")
    expect(score_card).to_contain_text("22 of 33")
    expect(score_card).to_contain_text("Achieving activity")
    expect(main.get_by_role("link", name="Board papers audit.pdf")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    # The peer reviewer from East Lancashire rates 3C beside the lead and completes the peer review.
    sign_in(page, REVIEWER, REVIEWER_PASSWORD)
    page.goto(draft.get_absolute_url())
    expect(page.locator(".nhsuk-warning-callout")).to_contain_text("You are one of its peer reviewers")
    page.get_by_role("link", name="Peer rating of 3C").click()
    assert_accessible(page)
    page.get_by_label("Undeveloped activity (0)").check()
    page.get_by_label("Your comment").fill("No performance levers by group were shown to us.")
    page.get_by_role("button", name="Save peer rating").click()
    row = page.locator("tr", has_text="3C: Board members and system leaders")
    expect(row).to_contain_text("Developing activity (1)")
    expect(row).to_contain_text("Undeveloped activity (0)")
    expect(row).to_contain_text("No performance levers by group were shown to us.")
    page.get_by_role("link", name="Complete the peer review").click()
    page.get_by_label("Summary of the peer review").fill("Evidence is sound; Domain 3 levers need work.")
    page.get_by_role("button", name="Complete peer review").click()
    expect(page.locator("main")).to_contain_text("waiting for the board's approval")
    page.get_by_role("button", name="Sign out").click()

    # The admin records the board's approval, which freezes the assessment.
    sign_in(page, ADMIN, PASSWORD)
    page.goto(draft.get_absolute_url())
    page.get_by_role("link", name="Record the board's approval").click()
    assert_accessible(page)
    today = timezone.localdate()  # the peer review was completed today: the board cannot have approved it before
    page.fill("#id_approved_on_0", str(today.day))
    page.fill("#id_approved_on_1", str(today.month))
    page.fill("#id_approved_on_2", str(today.year))
    page.get_by_label("Board or committee that approved it").fill("Trust Board")
    page.get_by_role("button", name="Record approval").click()
    expect(page.locator("main")).to_contain_text(f"Approved by Trust Board on {today.day} {today:%B %Y}")
    assert page.get_by_role("link", name=re.compile("Change the rating")).count() == 0
    assert EdsAssessment.objects.get(pk=draft.pk).status == EdsStatus.APPROVED
    page.get_by_role("button", name="Sign out").click()

    # A board member opens the ICS overview, finds the score and downloads the summary report.
    sign_in(page, BOARD, PASSWORD)
    page.get_by_role("link", name="EDS 2022").first.click()
    bth_row = page.locator("tr", has_text="Blackpool Teaching Hospitals NHS Foundation Trust").first
    expect(bth_row).to_contain_text("22 of 33")
    expect(bth_row).to_contain_text("Achieving activity")
    assert_accessible(page)
    bth_row.get_by_role("link").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^PDF")).click()
    text = " ".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Blackpool Teaching Hospitals NHS Foundation Trust" in text and "Total 22 33" in text
    assert "Cancer screening" in text and "Achieving activity" in text and "EHIA on every board paper" in text


def _new_pages(portal):
    draft, earlier = portal["draft"], portal["earlier"]
    base = f"/plan/eds/{BTH}/{YEAR}"
    rating = draft.ratings.filter(service__isnull=False).first()
    service, action = draft.services.first(), draft.actions.first()
    return [
        "/plan/eds/",
        f"/plan/eds/{BTH}/",
        base + "/",
        base + "/history/",
        earlier.get_absolute_url(),
        f"/plan/eds/{BTH}/start/",
        base + "/details/",
        base + "/services/add/",
        f"{base}/services/{service.pk}/",
        f"{base}/services/{service.pk}/remove/",
        f"{base}/ratings/{rating.pk}/",
        base + "/actions/add/",
        f"{base}/actions/{action.pk}/",
        f"{base}/actions/{action.pk}/remove/",
        "/plan/objectives/1/",
        "/plan/objectives/3/",
        f"/plan/priorities/{action.priority.code}/",
        "/plan/accreditations/",
        f"/plan/accreditations/{BTH}/",
        f"/dashboards/?scope=ics&year={YEAR}",
    ]


def test_every_eds_page_and_form_is_accessible(page, portal):
    sign_in(page, LEAD, PASSWORD)
    for path in _new_pages(portal):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)
    # Forms with their errors.
    draft = portal["draft"]
    page.goto(f"/plan/eds/{BTH}/{YEAR}/details/")
    page.fill("#id_reviewed_on_0", "31")
    page.fill("#id_reviewed_on_1", "2")
    page.get_by_role("button", name="Save details").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/plan/eds/{BTH}/{YEAR}/actions/add/")
    page.get_by_role("button", name="Save action").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Describe the action")
    assert_accessible(page)
    rating = draft.ratings.get(outcome="2A")
    page.goto(f"/plan/eds/{BTH}/{YEAR}/ratings/{rating.pk}/")
    page.get_by_label("Evidence summary").fill("")
    page.get_by_role("button", name="Save rating").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Summarise the evidence for the rating")
    assert_accessible(page)


def _complete(draft):
    """Give the draft its third service and its last rating, as the lead would."""
    from objectives.services.eds_ratings import eds_rating_save, eds_service_save

    lead = user(LEAD)
    service = eds_service_save(
        assessment=draft, by=lead, name="Cancer screening", why_chosen="Uptake", protected_groups=["age"]
    )
    for rating in [*service.ratings.all(), draft.ratings.get(outcome="3C")]:
        eds_rating_save(rating=rating, by=lead, score=1, evidence="Audit")


def test_the_review_approval_and_action_status_forms_are_accessible(page, portal):
    from objectives.services.eds_assessments import eds_assessment_approve, eds_peer_review_complete

    draft = portal["draft"]
    base = f"/plan/eds/{BTH}/{YEAR}"
    sign_in(page, REVIEWER, REVIEWER_PASSWORD)
    rating = draft.ratings.get(outcome="2B")
    for path in (f"{base}/ratings/{rating.pk}/peer/", f"{base}/peer-review/"):
        assert page.goto(path).status == 200, path
        assert_accessible(page)
    page.get_by_label("Summary of the peer review").fill("Done")
    page.get_by_role("button", name="Complete peer review").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Assess at least 3 services")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    _complete(draft)
    eds_peer_review_complete(assessment=draft, by=user(REVIEWER), summary="ok", on=date(YEAR, 2, 1))
    sign_in(page, ADMIN, PASSWORD)
    for path in (f"{base}/", f"{base}/return/", f"{base}/approve/"):
        assert page.goto(path).status == 200, path
        assert_accessible(page)
    page.get_by_role("button", name="Record approval").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the date the board approved it")
    assert_accessible(page)
    eds_assessment_approve(assessment=draft, by=user(ADMIN), approved_on=date(YEAR, 2, 2), body="Trust Board")
    assert page.goto(f"{base}/publish/").status == 200
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, LEAD, PASSWORD)
    page.goto(f"{base}/")
    page.get_by_role("link", name="Update the status of the action on 3B").click()
    assert_accessible(page)
    page.get_by_label("Green").check()
    page.get_by_role("button", name="Save status").click()
    expect(page.locator("#action-plan").locator("xpath=following-sibling::div[1]")).to_contain_text("Green")
    assert_accessible(page)
