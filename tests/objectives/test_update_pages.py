"""Adding, correcting and withdrawing progress updates through the pages, and downloading evidence."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from objectives.models import Evidence, ProgressUpdate, Status
from tests.objectives.factories import PDF_BYTES, make_round, make_update

VALID = {"status": "amber", "percent_complete": "40", "narrative": "Training booked for all wards", "next_steps": ""}


def add_url(item):
    return reverse("objectives:update_add", args=[item.pk])


def pdf(name="Board paper.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.django_db
def test_lead_adds_an_update_with_evidence_and_sees_it_on_the_item_and_priority_pages(client_for, lead_user, own_item):
    client = client_for(lead_user)
    response = client.post(
        add_url(own_item),
        {**VALID, "evidence_links": "https://example.org/minutes", "evidence_files": [pdf(), pdf("Plan.pdf")]},
    )
    assert response.status_code == 302
    assert response["Location"] == own_item.get_absolute_url()
    update = ProgressUpdate.objects.get()
    assert (update.status, update.percent_complete, update.recorded_by) == ("amber", 40, lead_user)
    assert update.evidence.count() == 3
    item_page = client.get(own_item.get_absolute_url()).content.decode()
    assert "Your progress update has been saved" in item_page
    assert "Training booked for all wards" in item_page
    assert "Board paper.pdf" in item_page
    priority_page = client.get(own_item.priority.get_absolute_url()).content.decode()
    assert "Board paper.pdf" in priority_page and "https://example.org/minutes" in priority_page
    assert "Added: Progress update (ORG-T-1, Own Trust)" in priority_page
    assert "Amber" in priority_page


@pytest.mark.django_db
def test_forged_post_for_another_organisations_item_is_refused_and_stores_nothing(
    client_for, lead_user, other_item, evidence_storage
):
    response = client_for(lead_user).post(
        add_url(other_item), {**VALID, "evidence_links": "https://example.org", "evidence_files": [pdf()]}
    )
    assert response.status_code == 403
    assert b"You do not have access to this page" in response.content
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()
    assert not Path(evidence_storage).exists() or not any(Path(evidence_storage).rglob("*"))


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["board_user", "roleless_user", "lead_user"])
def test_only_leads_of_the_ics_may_post_ics_and_place_updates(client_for, request, fixture, ics_item, place_item):
    client = client_for(request.getfixturevalue(fixture))
    for item in (ics_item, place_item):
        assert client.get(add_url(item)).status_code == 403
        assert client.post(add_url(item), VALID).status_code == 403
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_ics_lead_updates_ics_and_place_items(client_for, ics_lead_user, ics_item, place_item):
    client = client_for(ics_lead_user)
    for item in (ics_item, place_item):
        assert client.post(add_url(item), VALID).status_code == 302
    assert ProgressUpdate.objects.count() == 2


@pytest.mark.django_db
def test_board_member_sees_no_way_to_update(client_for, board_user, own_item):
    page = client_for(board_user).get(own_item.get_absolute_url()).content.decode()
    assert "Add a progress update" not in page
    assert client_for(board_user).post(add_url(own_item), VALID).status_code == 403


@pytest.mark.django_db
def test_invalid_update_shows_the_error_summary_and_keeps_what_was_typed(client_for, lead_user, own_item):
    response = client_for(lead_user).post(
        add_url(own_item),
        {
            "status": "complete",
            "percent_complete": "80",
            "narrative": "Typed narrative that must survive",
            "next_steps": "Typed next steps",
            "evidence_links": "not a link",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "There is a problem" in html
    assert 'href="#id_percent_complete"' in html
    assert "A complete item is 100% complete" in html
    assert "Line 1 is not a web address" in html
    assert "Typed narrative that must survive" in html
    assert "Typed next steps" in html
    assert 'value="complete" aria-describedby="id_status_4_hint" checked' in html
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_missing_answers_are_named(client_for, lead_user, own_item):
    html = client_for(lead_user).post(add_url(own_item), {}).content.decode()
    for message in ("Select the status", "Enter the percent complete", "Describe the progress made"):
        assert message in html
    assert 'href="#id_status_0"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "virus.exe must be a PDF"),
        (SimpleUploadedFile("fake.pdf", b"<html>"), "fake.pdf is not a real PDF file"),
    ],
)
def test_bad_evidence_files_are_refused_with_a_message(client_for, lead_user, own_item, upload, message):
    html = client_for(lead_user).post(add_url(own_item), {**VALID, "evidence_files": [upload]}).content.decode()
    assert message in html
    assert "files you chose are not kept" in html
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_files_over_the_limit_are_refused(client_for, settings, lead_user, own_item):
    settings.EVIDENCE_MAX_BYTES = 100
    html = client_for(lead_user).post(add_url(own_item), {**VALID, "evidence_files": [pdf(content=PDF_BYTES * 10)]})
    assert "must be smaller than 100 bytes" in html.content.decode()
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_more_than_five_files_are_refused(client_for, lead_user, own_item):
    files = [pdf(f"{n}.pdf") for n in range(6)]
    html = client_for(lead_user).post(add_url(own_item), {**VALID, "evidence_files": files}).content.decode()
    assert "Upload 5 files or fewer" in html
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_lead_corrects_an_update_while_the_round_is_open(client_for, lead_user, own_item):
    update = make_update(own_item, Status.AMBER, 40, reporting_round=make_round())
    response = client_for(lead_user).post(
        reverse("objectives:update_edit", args=[update.pk]), {**VALID, "status": "green", "narrative": "Fixed"}
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert (update.status, update.narrative) == ("green", "Fixed")


@pytest.mark.django_db
def test_frozen_updates_cannot_be_corrected_or_withdrawn_even_by_a_forged_post(client_for, admin_user, own_item):
    update = make_update(own_item, Status.AMBER, 40, reporting_round=make_round(is_open=False))
    client = client_for(admin_user)
    assert client.get(reverse("objectives:update_edit", args=[update.pk])).status_code == 403
    assert client.post(reverse("objectives:update_edit", args=[update.pk]), VALID).status_code == 403
    assert client.post(reverse("objectives:update_withdraw", args=[update.pk])).status_code == 403
    update.refresh_from_db()
    assert update.narrative == "Progress made"
    assert "Correct" not in client.get(own_item.get_absolute_url()).content.decode().split("Progress updates")[1]


@pytest.mark.django_db
def test_lead_withdraws_an_update_made_by_mistake(client_for, lead_user, own_item):
    update = make_update(own_item, reporting_round=make_round())
    client = client_for(lead_user)
    assert client.get(reverse("objectives:update_withdraw", args=[update.pk])).status_code == 200
    assert client.post(reverse("objectives:update_withdraw", args=[update.pk])).status_code == 302
    assert not ProgressUpdate.objects.exists()
    assert "Removed: Progress update" in client.get(own_item.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_other_lead_cannot_withdraw_by_a_forged_post(client_for, other_lead, own_item):
    update = make_update(own_item, reporting_round=make_round())
    assert client_for(other_lead).post(reverse("objectives:update_withdraw", args=[update.pk])).status_code == 403
    assert ProgressUpdate.objects.filter(pk=update.pk).exists()


@pytest.fixture
def evidence_file(client_for, lead_user, own_item):
    client_for(lead_user).post(add_url(own_item), {**VALID, "evidence_files": [pdf()]})
    client_for(lead_user).logout()
    return Evidence.objects.get()


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["admin_user", "other_lead", "board_user"])
def test_evidence_files_are_served_to_signed_in_readers_as_downloads(client, request, fixture, evidence_file):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(reverse("objectives:evidence_download", args=[evidence_file.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="Board paper.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_evidence_files_are_refused_to_visitors_without_access(client, roleless_user, evidence_file):
    url = reverse("objectives:evidence_download", args=[evidence_file.pk])
    assert client.get(url).status_code == 302  # anonymous: to sign in
    client.force_login(roleless_user)
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_evidence_is_not_reachable_at_any_public_address(client, board_user, evidence_file, settings):
    client.force_login(board_user)
    stored = Path(evidence_file.file.name)
    for guess in (f"/media/{stored}", f"/static/{stored}", f"/{stored}", f"/uploads/{stored}"):
        assert client.get(guess).status_code == 404
    assert not Path(evidence_file.file.path).is_relative_to(Path(settings.BASE_DIR) / "static")


@pytest.mark.django_db
def test_a_link_has_no_download(client_for, board_user, own_item):
    update = make_update(own_item)
    link = Evidence.objects.create(update=update, url="https://example.org")
    assert client_for(board_user).get(reverse("objectives:evidence_download", args=[link.pk])).status_code == 404
