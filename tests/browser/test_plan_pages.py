"""The plan in the browser: an EDI lead reports progress with evidence; every plan page passes axe-core."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from demo.users import create_demo_users
from objectives.evidence import EvidenceUpload
from objectives.models import EqualityStandard, PlanItem, Priority, ReportingRound, Status
from objectives.services.accreditations import AccreditationChange, accreditation_save
from objectives.services.plan_load import admin_plan_permissions_grant, plan_load
from objectives.services.progress import progress_update_create
from objectives.services.rounds import round_close, round_open
from organisations.models import Organisation
from organisations.services.reference_data import reference_data_load
from tests.browser.conftest import assert_accessible, sign_in
from tests.objectives.factories import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-Password-for-tests-1"
LEAD = "demo.lead@example.org"  # EDI lead of Blackpool Teaching Hospitals
BTH = "blackpool-teaching-hospitals"
ELHT = "east-lancashire-hospitals"


def user(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=email)


@pytest.fixture
def portal(tmp_path, settings):
    """The real plan and partners, the demo users, a closed and an open round with some progress."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    reference_data_load()
    create_demo_users(PASSWORD)
    plan_load()
    admin_plan_permissions_grant()
    admin, ics_lead = user("demo.admin@example.org"), user("demo.icslead@example.org")
    now = timezone.now()
    old = round_open(
        by=admin, name="Quarter 1 2026/27", due_on=(now - timedelta(days=80)).date(), opened_at=now - timedelta(days=90)
    )
    elht_item = PlanItem.objects.get(priority__code="ORG-Y1-5", organisation__slug=ELHT)
    elht_lead = _lead_of(ELHT)
    progress_update_create(
        item=elht_item,
        by=elht_lead,
        status=Status.GREEN,
        percent_complete=60,
        narrative="Modules live",
        links=["https://example.org/elht-training"],
        recorded_at=now - timedelta(days=85),
        reporting_round=old,
    )
    round_close(reporting_round=old, by=admin)
    current = round_open(by=admin, name="Quarter 2 2026/27", due_on=timezone.localdate() + timedelta(days=10))
    ics_item = PlanItem.objects.get(priority__code="ICS-Y1-1")
    progress_update_create(
        item=ics_item,
        by=ics_lead,
        status=Status.AMBER,
        percent_complete=45,
        narrative="Draft guidelines out",
        files=[EvidenceUpload("Draft guidelines.pdf", PDF_BYTES)],
    )
    confident = EqualityStandard.objects.get(slug="disability-confident")
    accreditation_save(
        organisation=Organisation.objects.get(slug=BTH),
        standard=confident,
        change=AccreditationChange(status="held", level=confident.levels.get(rank=2), achieved_on=timezone.localdate()),
        by=user(LEAD),
    )
    return {"round": current, "old_round": old, "elht_item": elht_item, "ics_item": ics_item}


def _lead_of(slug):
    from organisations.permissions import Role
    from tests.factories import make_user

    return make_user(Role.EDI_LEAD, organisations=[Organisation.objects.get(slug=slug)], email=f"lead@{slug}.example")


def test_edi_lead_adds_an_update_with_evidence_sees_it_and_is_refused_elsewhere(page, portal, tmp_path):
    evidence = tmp_path / "Training evaluation.pdf"
    evidence.write_bytes(PDF_BYTES)
    own_item = PlanItem.objects.get(priority__code="ORG-Y1-5", organisation__slug=BTH)

    sign_in(page, LEAD, PASSWORD)
    page.get_by_role("link", name="My updates").first.click()
    expect(page.locator("h1")).to_have_text("My updates")
    assert_accessible(page)
    page.get_by_role("link", name=f"Add update for ORG-Y1-5, {own_item.owner_name}").click()
    expect(page.locator("h1")).to_have_text("Add a progress update")
    assert_accessible(page)

    page.get_by_label("Amber").check()
    page.get_by_label("Percent complete").fill("40")
    page.get_by_label("Progress made").fill("Two cohorts of the EDI programme completed; 85% rated it good.")
    page.get_by_label("Next steps").fill("Roll out to estates and facilities.")
    page.get_by_label("Evidence links").fill("https://example.org/edi-training-report")
    page.set_input_files("#id_evidence_files", str(evidence))
    page.get_by_role("button", name="Save update").click()

    expect(page.locator("main")).to_contain_text("Your progress update has been saved")
    assert_accessible(page)
    page.get_by_role("link", name="Priority ORG-Y1-5").click()
    expect(page).to_have_url(re.compile(r"/plan/priorities/ORG-Y1-5/$"))
    main = page.locator("main")
    row = main.locator("tr", has_text=own_item.owner_name)
    assert "Amber" in row.inner_text() and "40%" in row.inner_text() and "Updated this round" in row.inner_text()
    expect(main.get_by_role("link", name="Training evaluation.pdf")).to_be_visible()
    expect(main.get_by_role("link", name="https://example.org/edi-training-report")).to_be_visible()
    history = main.locator(".portal-history").inner_text()
    assert f"Added: Progress update (ORG-Y1-5, {own_item.owner_name})" in history
    assert "Demo EDI Lead (Blackpool Teaching Hospitals)" in history
    assert "Amber" in history
    assert_accessible(page)
    with page.expect_download() as download:
        main.get_by_role("link", name="Training evaluation.pdf").click()
    assert download.value.suggested_filename == "Training evaluation.pdf"
    with open(download.value.path(), "rb") as downloaded:
        assert downloaded.read() == PDF_BYTES

    page.goto(portal["elht_item"].get_absolute_url())
    assert page.get_by_role("link", name="Add a progress update").count() == 0
    response = page.goto(f"/plan/items/{portal['elht_item'].pk}/updates/add/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "You do not have access to this page"
    assert_accessible(page)


def _plan_pages(portal):
    priority = Priority.objects.get(code="ORG-Y1-5")
    bth_item = PlanItem.objects.get(priority=priority, organisation__slug=BTH)
    return [
        "/",
        "/plan/",
        "/plan/?place=blackpool",
        "/plan/levels/",
        "/plan/years/?organisation=lsc-icb",
        "/plan/measures/",
        "/plan/objectives/2/",
        "/plan/priorities/ORG-Y1-5/",
        "/plan/priorities/ICS-Y1-1/",
        "/plan/priorities/ORG-Y1-5/history/",
        "/plan/items/",
        "/plan/items/?level=organisation&status=no_update&page=2",
        f"/plan/items/{bth_item.pk}/",
        f"/plan/items/{portal['ics_item'].pk}/",
        f"/plan/items/{bth_item.pk}/history/",
        "/plan/rounds/",
        f"/plan/rounds/{portal['round'].pk}/",
        f"/plan/rounds/{portal['old_round'].pk}/",
        "/plan/accreditations/",
        f"/plan/accreditations/{BTH}/",
        f"/plan/accreditations/{BTH}/disability-confident/",
    ]


@pytest.mark.parametrize("email", ["demo.board@example.org", "demo.icslead@example.org"])
def test_every_plan_page_is_accessible_to_readers(page, portal, email):
    sign_in(page, email, PASSWORD)
    for path in _plan_pages(portal):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)


def test_lead_pages_and_their_errors_are_accessible(page, portal):
    sign_in(page, LEAD, PASSWORD)
    bth_item = PlanItem.objects.get(priority__code="ORG-Y1-5", organisation__slug=BTH)
    for path in [
        "/plan/my-updates/",
        f"/plan/items/{bth_item.pk}/updates/add/",
        f"/plan/accreditations/{BTH}/veteran-aware/edit/",
    ]:
        page.goto(path)
        assert_accessible(page)
    page.goto(f"/plan/items/{bth_item.pk}/updates/add/")
    page.get_by_label("Evidence links").fill("not a link")
    page.get_by_role("button", name="Save update").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error: ")
    assert page.get_by_label("Evidence links").input_value() == "not a link"
    assert_accessible(page)
    page.locator(".nhsuk-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_status_0"
    page.goto(f"/plan/accreditations/{BTH}/disability-confident/edit/")
    page.get_by_label("Held", exact=True).check()
    page.locator("#id_achieved_on_0").fill("31")
    page.locator("#id_achieved_on_1").fill("2")
    page.locator("#id_achieved_on_2").fill("2025")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Date achieved must be a real date")
    assert page.locator("#id_achieved_on_0").input_value() == "31"
    assert_accessible(page)
    page.goto("/plan/items/?status=purple")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_update_correction_and_withdrawal_pages_are_accessible(page, portal):
    sign_in(page, "demo.icslead@example.org", PASSWORD)
    update = portal["ics_item"].updates.get()
    for path in [f"/plan/updates/{update.pk}/correct/", f"/plan/updates/{update.pk}/withdraw/"]:
        page.goto(path)
        assert_accessible(page)
    page.goto(f"/plan/updates/{update.pk}/correct/")
    page.get_by_label("Complete", exact=True).check()
    page.get_by_role("button", name="Save correction").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("A complete item is 100% complete")
    assert_accessible(page)


def test_admin_manages_the_plan_in_accessible_pages(page, portal):
    sign_in(page, "demo.admin@example.org", PASSWORD)
    item = PlanItem.objects.get(priority__code="ORG-Y1-5", organisation__slug=BTH)
    for path in [
        "/plan/priorities/add/",
        "/plan/priorities/ORG-Y1-5/edit/",
        "/plan/priorities/ICS-Y1-1/edit/",
        "/plan/priorities/ORG-Y1-5/retire/",
        f"/plan/items/{item.pk}/lead/",
        f"/plan/rounds/{portal['round'].pk}/edit/",
        f"/plan/rounds/{portal['round'].pk}/close/",
        "/plan/rounds/open/",
    ]:
        page.goto(path)
        assert_accessible(page)
    page.goto("/plan/priorities/add/")
    page.get_by_role("button", name="Save priority").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.goto("/plan/priorities/ORG-Y1-5/retire/")
    page.get_by_role("button", name="Retire priority").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter why the priority is being retired")
    assert_accessible(page)
    page.goto(f"/plan/items/{item.pk}/lead/")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("The item's lead has been saved")
    assert_accessible(page)

    page.goto("/plan/priorities/add/")
    page.get_by_label("Individual organisation").check()
    page.get_by_label("Years 2 to 5 (to 2028)").check()
    page.get_by_label("Priority", exact=True).fill("Publish an ethnicity pay gap report each year.")
    page.get_by_label("Objective 2: Our workforce").check()
    page.get_by_role("button", name="Save priority").click()
    expect(page.locator("h1")).to_have_text("Publish an ethnicity pay gap report each year.")
    expect(page.locator(".nhsuk-caption-l")).to_contain_text("Priority ORG-Y25-11")
    assert_accessible(page)

    page.goto(f"/plan/rounds/{portal['round'].pk}/close/")
    page.get_by_role("button", name="Close round").click()
    expect(page.locator("main")).to_contain_text("is closed")
    page.goto("/plan/rounds/open/")
    page.locator("#id_due_on_0").fill("40")
    page.get_by_role("button", name="Open round").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)
    assert not ReportingRound.objects.filter(is_open=True).exists()
