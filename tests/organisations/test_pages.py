"""Organisation, place and user pages through the test client."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from organisations.models import Membership, Organisation, Place
from organisations.permissions import Role, roles_of

READ_PAGES = [
    ("organisations:organisation_list", {}),
    ("organisations:organisation_detail", {"slug": "own-trust"}),
    ("organisations:place_list", {}),
    ("organisations:place_detail", {"slug": "blackpool"}),
]
ADMIN_PAGES = [
    ("organisations:organisation_add", {}),
    ("organisations:organisation_edit", {"slug": "own-trust"}),
    ("organisations:place_add", {}),
    ("organisations:place_edit", {"slug": "blackpool"}),
    ("organisations:user_list", {}),
    ("organisations:user_add", {}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("name, kwargs", READ_PAGES + ADMIN_PAGES + [("home", {})])
def test_every_page_sends_anonymous_visitors_to_sign_in(client, own_org, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("name, kwargs", READ_PAGES)
@pytest.mark.parametrize("fixture", ["admin_user", "lead_user", "board_user"])
def test_every_role_can_read_organisations_and_places(client_for, request, own_org, fixture, name, kwargs):
    response = client_for(request.getfixturevalue(fixture)).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name, kwargs", READ_PAGES)
def test_account_without_role_is_refused_data_pages(client_for, roleless_user, own_org, name, kwargs):
    assert client_for(roleless_user).get(reverse(name, kwargs=kwargs)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("name, kwargs", ADMIN_PAGES)
@pytest.mark.parametrize("fixture", ["lead_user", "ics_lead_user", "board_user", "roleless_user"])
def test_only_admins_reach_management_pages(client_for, request, own_org, fixture, name, kwargs):
    response = client_for(request.getfixturevalue(fixture)).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 403
    assert b"You do not have access to this page" in response.content


@pytest.mark.django_db
def test_board_member_posting_an_organisation_edit_is_refused_and_changes_nothing(client_for, board_user, own_org):
    response = client_for(board_user).post(
        reverse("organisations:organisation_edit", args=[own_org.slug]),
        {"name": "Renamed", "slug": own_org.slug, "kind": "acute", "is_active": "on"},
    )
    assert response.status_code == 403
    own_org.refresh_from_db()
    assert own_org.name == "Own Trust"


@pytest.mark.django_db
def test_edi_lead_cannot_create_users(client_for, lead_user):
    response = client_for(lead_user).post(
        reverse("organisations:user_add"),
        {"email": "new@example.org", "first_name": "A", "last_name": "B", "role": "Admin", "is_active": "on"},
    )
    assert response.status_code == 403
    assert not get_user_model().objects.filter(username="new@example.org").exists()


@pytest.mark.django_db
def test_admin_adds_an_organisation_and_its_history_is_kept(client_for, admin_user, place):
    response = client_for(admin_user).post(
        reverse("organisations:organisation_add"),
        {
            "name": "New Partner",
            "short_name": "NP",
            "slug": "new-partner",
            "ods_code": " rxx ",
            "kind": "other",
            "place": place.pk,
            "uses_esr": "on",
            "is_active": "on",
        },
    )
    organisation = Organisation.objects.get(slug="new-partner")
    assert response.status_code == 302
    assert organisation.ods_code == "RXX"
    assert organisation.history.count() == 1
    assert organisation.history.first().history_user == admin_user


@pytest.mark.django_db
def test_invalid_organisation_form_shows_error_summary_and_keeps_input(client_for, admin_user, own_org):
    response = client_for(admin_user).post(
        reverse("organisations:organisation_add"),
        {"name": "Own Trust", "short_name": "Typed", "slug": "not a slug!", "kind": "acute"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in html
    assert "There is a problem" in html
    assert "<title>Error: " in html
    assert 'href="#id_slug"' in html
    assert 'value="Typed"' in html
    assert Organisation.objects.filter(name="Own Trust").count() == 1


@pytest.mark.django_db
def test_admin_edits_a_place(client_for, admin_user, place):
    response = client_for(admin_user).post(
        reverse("organisations:place_edit", args=[place.slug]),
        {"name": "Blackpool", "slug": "blackpool", "description": "Coastal town"},
    )
    assert response.status_code == 302
    assert Place.objects.get(slug="blackpool").description == "Coastal town"


@pytest.mark.django_db
def test_admin_adds_an_edi_lead_who_is_emailed_a_set_password_link(client_for, admin_user, own_org):
    response = client_for(admin_user).post(
        reverse("organisations:user_add"),
        {
            "email": "New.Lead@Example.org",
            "first_name": "New",
            "last_name": "Lead",
            "role": "EDI lead",
            "organisations": [own_org.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="new.lead@example.org")
    assert roles_of(user) == {Role.EDI_LEAD}
    assert Membership.objects.filter(user=user, organisation=own_org, is_ics_lead=False).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.lead@example.org"]
    assert "/accounts/reset/" in mail.outbox[0].body


@pytest.mark.django_db
def test_edi_lead_needs_an_organisation(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("organisations:user_add"),
        {"email": "x@example.org", "first_name": "X", "last_name": "Y", "role": "EDI lead", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "Select at least one organisation for an EDI lead" in response.content.decode()
    assert not get_user_model().objects.filter(username="x@example.org").exists()


@pytest.mark.django_db
def test_changing_a_lead_to_board_member_removes_their_memberships(client_for, admin_user, lead_user):
    response = client_for(admin_user).post(
        reverse("organisations:user_edit", args=[lead_user.pk]),
        {"email": lead_user.email, "first_name": "T", "last_name": "U", "role": "Board member", "is_active": "on"},
    )
    assert response.status_code == 302
    lead_user.refresh_from_db()
    assert roles_of(lead_user) == {Role.BOARD_MEMBER}
    assert not lead_user.memberships.exists()


@pytest.mark.django_db
def test_query_count_of_organisation_list_does_not_grow(client_for, board_user, django_assert_max_num_queries):
    from tests.factories import make_organisation

    client = client_for(board_user)
    for _ in range(3):
        make_organisation()
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("organisations:organisation_list"))
    for _ in range(30):
        make_organisation()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("organisations:organisation_list"))
