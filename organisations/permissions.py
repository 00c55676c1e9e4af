"""Who may see and change what. Every view and queryset asks these functions.

Three roles, held as Django groups:
- Admin: everything, including imports and managing organisations, users and the plan.
- EDI lead: reads everything; changes only items of the organisations they are a member of.
  A lead whose membership is marked ICS-level may also change ICS-level and place-level items.
- Board member: reads everything, changes nothing.
A superuser counts as an Admin.
"""

from enum import StrEnum

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from organisations.models import Organisation, Place


class Role(StrEnum):
    ADMIN = "Admin"
    EDI_LEAD = "EDI lead"
    BOARD_MEMBER = "Board member"


def ensure_role_groups() -> dict[Role, Group]:
    """Create the role groups if they are missing and return them by role."""
    return {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}


def roles_of(user) -> frozenset[Role]:
    """The user's roles, read once per user object."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        if user.is_superuser:
            cached = cached | {Role.ADMIN}
        user._portal_roles = cached
    return cached


def is_admin(user) -> bool:
    return Role.ADMIN in roles_of(user)


def is_edi_lead(user) -> bool:
    return Role.EDI_LEAD in roles_of(user)


def is_board_member(user) -> bool:
    return Role.BOARD_MEMBER in roles_of(user)


def can_view_portal(user) -> bool:
    """Any of the three roles may read the portal; an account with no role sees only its home page."""
    return bool(roles_of(user))


def editable_organisations(user):
    """Organisations whose items the user may change."""
    if is_admin(user):
        return Organisation.objects.all()
    if is_edi_lead(user):
        return Organisation.objects.filter(memberships__user=user).distinct()
    return Organisation.objects.none()


def is_ics_lead(user) -> bool:
    if not is_edi_lead(user):
        return False
    cached = getattr(user, "_portal_is_ics_lead", None)
    if cached is None:
        cached = user.memberships.filter(is_ics_lead=True).exists()
        user._portal_is_ics_lead = cached
    return cached


def can_edit_organisation_items(user, organisation: Organisation) -> bool:
    if is_admin(user):
        return True
    return is_edi_lead(user) and editable_organisations(user).filter(pk=organisation.pk).exists()


def can_edit_ics_items(user) -> bool:
    return is_admin(user) or is_ics_lead(user)


def can_edit_place_items(user, place: Place) -> bool:
    return is_admin(user) or is_ics_lead(user)


def can_manage_portal(user) -> bool:
    """Organisations, places, users, imports and the plan itself."""
    return is_admin(user)


def require(allowed: bool) -> None:
    """Raise 403 unless allowed; views call this before changing anything."""
    if not allowed:
        raise PermissionDenied


def can_edit_figures(user, organisation: Organisation) -> bool:
    """Recruitment, casework, training, staff survey and board figures: the organisation's EDI leads and admins."""
    return can_edit_organisation_items(user, organisation)


def can_import_esr(user) -> bool:
    return is_admin(user)
