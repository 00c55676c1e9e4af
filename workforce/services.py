"""Services that change workforce-app data: reference data, users and memberships."""

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from workforce.models import Membership, Organisation, Place
from workforce.permissions import Role, ensure_role_groups

REFERENCE_DATA = Path(__file__).resolve().parent / "data" / "organisations.json"


@dataclass(frozen=True)
class LoadSummary:
    created: int
    updated: int


@transaction.atomic
def load_places_and_organisations(path: Path = REFERENCE_DATA) -> LoadSummary:
    """Create or update the four places and the partner organisations, keyed on slug.

    Running it again changes nothing unless the file changed; organisations that admins
    added in the portal are left alone.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    created = updated = 0
    places = {}
    for row in data["places"]:
        place, was_created = Place.objects.update_or_create(
            slug=row["slug"], defaults={"name": row["name"], "description": row["description"]}
        )
        places[place.slug] = place
        created += was_created
        updated += not was_created
    for row in data["organisations"]:
        defaults = {key: row[key] for key in ("name", "short_name", "ods_code", "kind", "uses_esr")}
        defaults["place"] = places[row["place"]] if row["place"] else None
        _, was_created = _update_if_changed(Organisation, slug=row["slug"], defaults=defaults)
        created += was_created
        updated += not was_created
    return LoadSummary(created=created, updated=updated)


def _update_if_changed(model, defaults, **lookup):
    """update_or_create that writes (and records history) only when a value differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults), True
    changed = [field for field, value in defaults.items() if getattr(obj, field) != value]
    for field in changed:
        setattr(obj, field, defaults[field])
    if changed:
        obj.save()
    return obj, False


@transaction.atomic
def save_portal_user(
    *,
    user=None,
    email: str,
    first_name: str,
    last_name: str,
    role: Role,
    organisations=(),
    ics_lead: bool = False,
    is_active: bool = True,
):
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
