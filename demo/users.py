"""Demo accounts, one per role, for trying the portal on a laptop. Never used in production."""

import secrets
from dataclasses import dataclass

from django.db import transaction

from organisations.models import Organisation
from organisations.permissions import Role
from organisations.services.users import portal_user_save


@dataclass(frozen=True)
class DemoUser:
    email: str
    first_name: str
    last_name: str
    role: Role
    organisation_slugs: tuple[str, ...] = ()
    ics_lead: bool = False


DEMO_USERS = (
    DemoUser("demo.admin@example.org", "Demo", "Administrator", Role.ADMIN),
    DemoUser(
        "demo.lead@example.org",
        "Demo",
        "EDI Lead (Blackpool Teaching Hospitals)",
        Role.EDI_LEAD,
        ("blackpool-teaching-hospitals",),
    ),
    DemoUser("demo.icslead@example.org", "Demo", "ICS EDI Lead", Role.EDI_LEAD, ("lsc-icb",), ics_lead=True),
    DemoUser("demo.board@example.org", "Demo", "Board Member", Role.BOARD_MEMBER),
)


@transaction.atomic
def create_demo_users(password: str | None = None) -> tuple[str, list[DemoUser]]:
    """Create or refresh the demo accounts, all with one password, and return it.

    A new random password is chosen on every run unless one is given, so a demo database
    copied somewhere else is not open to anyone who has read this file.
    """
    password = password or secrets.token_urlsafe(12)
    for demo in DEMO_USERS:
        organisations = Organisation.objects.filter(slug__in=demo.organisation_slugs)
        user = portal_user_save(
            user=_existing(demo.email),
            email=demo.email,
            first_name=demo.first_name,
            last_name=demo.last_name,
            role=demo.role,
            organisations=organisations,
            ics_lead=demo.ics_lead,
        )
        user.set_password(password)
        user.save(update_fields=["password"])
    return password, list(DEMO_USERS)


def _existing(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=email).first()
