"""Reporting rounds and accreditations through the pages."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from objectives.models import EqualityStandard, OrganisationAccreditation, ReportingRound, StandardLevel, Status
from tests.objectives.factories import PDF_BYTES, make_round, make_update


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.mark.django_db
def test_admin_opens_a_round_with_a_due_date(client_for, admin_user):
    due = timezone.localdate() + timedelta(days=21)
    response = client_for(admin_user).post(
        reverse("objectives:round_open"), {"name": "Quarter 4 2026/27", **date_fields("due_on", due)}
    )
    reporting_round = ReportingRound.objects.get()
    assert response.status_code == 302
    assert (reporting_round.name, reporting_round.due_on, reporting_round.opened_by) == (
        "Quarter 4 2026/27",
        due,
        admin_user,
    )


@pytest.mark.django_db
def test_open_round_form_suggests_the_quarter(client_for, admin_user):
    html = client_for(admin_user).get(reverse("objectives:round_open")).content.decode()
    from objectives.services.rounds import quarter_round_name

    assert f'value="{quarter_round_name(day=timezone.localdate())}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "parts, message",
    [
        ({"due_on_0": "31", "due_on_1": "2", "due_on_2": "2027"}, "Due date must be a real date"),
        ({"due_on_0": "3", "due_on_1": "", "due_on_2": "2027"}, "Due date must include a month"),
        ({}, "Enter the due date"),
        ({"due_on_0": "1", "due_on_1": "1", "due_on_2": "2020"}, "The due date must be today or later"),
    ],
)
def test_bad_due_dates_are_explained_and_typed_values_kept(client_for, admin_user, parts, message):
    html = (
        client_for(admin_user).post(reverse("objectives:round_open"), {"name": "Kept name", **parts}).content.decode()
    )
    assert message in html
    assert "<title>Error: " in html
    assert 'href="#id_due_on_0"' in html or "The due date must be today" in html
    assert 'value="Kept name"' in html
    for value in parts.values():
        if value:
            assert f'value="{value}"' in html
    assert not ReportingRound.objects.exists()


@pytest.mark.django_db
def test_a_second_open_round_is_refused_with_a_message(client_for, admin_user):
    make_round(name="Open one")
    html = (
        client_for(admin_user)
        .post(
            reverse("objectives:round_open"),
            {"name": "Another", **date_fields("due_on", timezone.localdate() + timedelta(days=5))},
        )
        .content.decode()
    )
    assert "Close the open reporting round before opening another" in html
    assert ReportingRound.objects.count() == 1


@pytest.mark.django_db
def test_admin_closes_a_round_and_its_updates_freeze(client_for, admin_user, lead_user, own_item):
    reporting_round = make_round()
    update = make_update(own_item, Status.GREEN, 50, reporting_round=reporting_round)
    client = client_for(admin_user)
    assert client.post(reverse("objectives:round_close", args=[reporting_round.pk])).status_code == 302
    reporting_round.refresh_from_db()
    assert not reporting_round.is_open and reporting_round.closed_by == admin_user
    assert client_for(lead_user).get(reverse("objectives:update_edit", args=[update.pk])).status_code == 403


@pytest.mark.django_db
def test_lead_cannot_close_a_round_by_posting(client_for, ics_lead_user):
    reporting_round = make_round()
    assert (
        client_for(ics_lead_user).post(reverse("objectives:round_close", args=[reporting_round.pk])).status_code == 403
    )
    reporting_round.refresh_from_db()
    assert reporting_round.is_open


@pytest.mark.django_db
def test_round_page_lists_what_is_still_to_update(client_for, board_user, own_item, other_item):
    reporting_round = make_round(name="Quarter 1 2026/27")
    make_update(own_item, Status.GREEN, 50, reporting_round=reporting_round)
    html = client_for(board_user).get(reverse("objectives:round_detail", args=[reporting_round.pk])).content.decode()
    assert "1 of 2" in html
    assert "Items still to update (1)" in html
    assert "Other Trust" in html


@pytest.fixture
def confident(db):
    standard = EqualityStandard.objects.create(
        slug="disability-confident",
        name="Disability Confident",
        short_name="Disability Confident",
        kind="accreditation",
    )
    for rank, name in enumerate(["Level 1: Committed", "Level 2: Employer", "Level 3: Leader"], start=1):
        StandardLevel.objects.create(standard=standard, name=name, rank=rank)
    return standard


def edit_url(org, standard):
    return reverse("objectives:accreditation_edit", args=[org.slug, standard.slug])


@pytest.mark.django_db
def test_lead_records_their_organisations_accreditation_with_evidence(client_for, lead_user, own_org, confident):
    level = confident.levels.get(rank=2)
    achieved = timezone.localdate() - timedelta(days=100)
    client = client_for(lead_user)
    response = client.post(
        edit_url(own_org, confident),
        {
            "status": "held",
            "level": level.pk,
            **date_fields("achieved_on", achieved),
            **date_fields("renewal_due_on", achieved + timedelta(days=3 * 365)),
            "evidence_url": "https://example.org/certificate",
            "evidence_file": SimpleUploadedFile("certificate.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    record = OrganisationAccreditation.objects.get()
    assert (record.status, record.level, record.achieved_on) == ("held", level, achieved)
    assert record.evidence_file_name == "certificate.pdf"
    overview = client.get(reverse("objectives:accreditation_overview")).content.decode()
    assert "Held: Level 2: Employer" in overview
    download = client.get(reverse("objectives:accreditation_evidence", args=[own_org.slug, confident.slug]))
    assert b"".join(download.streaming_content) == PDF_BYTES
    detail = client.get(reverse("objectives:accreditation_detail", args=[own_org.slug, confident.slug]))
    assert "Added: Accreditation record" in detail.content.decode()


@pytest.mark.django_db
def test_lead_cannot_change_another_organisations_accreditation(client_for, lead_user, other_org, confident):
    client = client_for(lead_user)
    assert client.get(edit_url(other_org, confident)).status_code == 403
    assert client.post(edit_url(other_org, confident), {"status": "not_held"}).status_code == 403
    assert not OrganisationAccreditation.objects.exists()


@pytest.mark.django_db
def test_board_member_cannot_change_accreditations(client_for, board_user, own_org, confident):
    assert client_for(board_user).post(edit_url(own_org, confident), {"status": "not_held"}).status_code == 403


@pytest.mark.django_db
def test_invalid_accreditation_shows_errors_and_keeps_input(client_for, lead_user, own_org, confident):
    html = (
        client_for(lead_user)
        .post(edit_url(own_org, confident), {"status": "held", "notes": "Kept notes", "achieved_on_0": "40"})
        .content.decode()
    )
    assert "<title>Error: " in html
    assert "Date achieved must include a month and year" in html
    assert "Kept notes" in html
    assert 'value="40"' in html
    assert not OrganisationAccreditation.objects.exists()


@pytest.mark.django_db
def test_service_rules_reach_the_form(client_for, lead_user, own_org, confident):
    html = (
        client_for(lead_user)
        .post(edit_url(own_org, confident), {"status": "held", **date_fields("achieved_on", timezone.localdate())})
        .content.decode()
    )
    assert "Select the level of Disability Confident held" in html
    assert 'href="#id_level_0"' in html
