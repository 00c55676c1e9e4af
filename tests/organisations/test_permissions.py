"""The access rules, role by role, against each kind of object."""

import pytest

from organisations import permissions
from organisations.permissions import Role
from tests.factories import make_place


@pytest.mark.django_db
class TestRoles:
    def test_each_user_has_exactly_the_role_they_were_given(self, admin_user, lead_user, board_user, roleless_user):
        assert permissions.roles_of(admin_user) == {Role.ADMIN}
        assert permissions.roles_of(lead_user) == {Role.EDI_LEAD}
        assert permissions.roles_of(board_user) == {Role.BOARD_MEMBER}
        assert permissions.roles_of(roleless_user) == set()

    def test_superuser_counts_as_admin(self, roleless_user):
        roleless_user.is_superuser = True
        roleless_user.save()
        assert permissions.is_admin(roleless_user)

    def test_inactive_user_has_no_role(self, admin_user):
        admin_user.is_active = False
        admin_user.save()
        assert permissions.roles_of(admin_user) == set()

    def test_anonymous_user_has_no_role(self):
        from django.contrib.auth.models import AnonymousUser

        assert not permissions.can_view_portal(AnonymousUser())


@pytest.mark.django_db
class TestOrganisationItems:
    def test_admin_may_edit_any_organisation(self, admin_user, own_org, other_org):
        assert permissions.can_edit_organisation_items(admin_user, own_org)
        assert permissions.can_edit_organisation_items(admin_user, other_org)

    def test_edi_lead_may_edit_only_their_own_organisation(self, lead_user, own_org, other_org):
        assert permissions.can_edit_organisation_items(lead_user, own_org)
        assert not permissions.can_edit_organisation_items(lead_user, other_org)
        assert list(permissions.editable_organisations(lead_user)) == [own_org]

    def test_board_member_may_edit_no_organisation(self, board_user, own_org):
        assert not permissions.can_edit_organisation_items(board_user, own_org)
        assert not permissions.editable_organisations(board_user).exists()

    def test_user_without_role_may_edit_nothing(self, roleless_user, own_org):
        assert not permissions.can_edit_organisation_items(roleless_user, own_org)
        assert not permissions.can_view_portal(roleless_user)


@pytest.mark.django_db
class TestIcsAndPlaceItems:
    def test_ics_level_lead_may_edit_ics_and_place_items(self, ics_lead_user):
        assert permissions.can_edit_ics_items(ics_lead_user)
        assert permissions.can_edit_place_items(ics_lead_user, make_place())

    def test_organisation_lead_may_not_edit_ics_or_place_items(self, lead_user):
        assert not permissions.can_edit_ics_items(lead_user)
        assert not permissions.can_edit_place_items(lead_user, make_place())

    def test_board_member_may_not_edit_ics_or_place_items(self, board_user):
        assert not permissions.can_edit_ics_items(board_user)
        assert not permissions.can_edit_place_items(board_user, make_place())

    def test_admin_may_edit_ics_and_place_items(self, admin_user):
        assert permissions.can_edit_ics_items(admin_user)
        assert permissions.can_edit_place_items(admin_user, make_place())


@pytest.mark.django_db
class TestPortalManagement:
    @pytest.mark.parametrize(
        "fixture, allowed",
        [
            ("admin_user", True),
            ("lead_user", False),
            ("ics_lead_user", False),
            ("board_user", False),
            ("roleless_user", False),
        ],
    )
    def test_only_admins_manage_the_portal(self, request, fixture, allowed):
        assert permissions.can_manage_portal(request.getfixturevalue(fixture)) is allowed

    @pytest.mark.parametrize(
        "fixture, allowed",
        [
            ("admin_user", True),
            ("lead_user", True),
            ("board_user", True),
            ("roleless_user", False),
        ],
    )
    def test_every_role_reads_the_portal(self, request, fixture, allowed):
        assert permissions.can_view_portal(request.getfixturevalue(fixture)) is allowed
