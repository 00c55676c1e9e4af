"""Portal users: one role each and, for EDI leads, the organisations they act for."""

import secrets
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction

from organisations.models import Membership, Organisation
from organisations.permissions import Role, ensure_role_groups


@transaction.atomic
def portal_user_save(
    *,
    user: AbstractUser | None = None,
    email: str,
    first_name: str,
    last_name: str,
    role: Role,
    organisations: Iterable[Organisation] = (),
    ics_lead: bool = False,
    is_active: bool = True,
) -> AbstractUser:
    """Create or update a portal user with exactly one role and, for EDI leads, their organisations.

    The email address is the username. Admins also get access to the Django admin site.
    """
    User = get_user_model()
    groups = ensure_role_groups()
    if user is None:
        # A random password nobody knows: the new user sets their own through the emailed link.
        user = User(username=email.lower())
        user.set_password(secrets.token_urlsafe(32))
    user.username = email.lower()
    user.email = email.lower()
    user.first_name = first_name
    user.last_name = last_name
    user.is_active = is_active
    user.is_staff = role == Role.ADMIN
    user.save()
    user.groups.set([groups[role]])
    organisations = list(organisations) if role == Role.EDI_LEAD else []
    user.memberships.exclude(organisation__in=organisations).delete()
    for organisation in organisations:
        Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"is_ics_lead": ics_lead})
    for attribute in ("_portal_roles", "_portal_is_ics_lead"):
        user.__dict__.pop(attribute, None)
    return user
