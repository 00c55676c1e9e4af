"""Small factories for test data. Each returns a saved object with sensible defaults."""

import itertools

from organisations.models import Organisation, Place
from organisations.permissions import Role
from organisations.services.users import portal_user_save

_sequence = itertools.count(1)

PASSWORD = "a-Long-test-password-1"


def make_place(**overrides):
    n = next(_sequence)
    fields = {"name": f"Place {n}", "slug": f"place-{n}"}
    fields.update(overrides)
    return Place.objects.create(**fields)


def make_organisation(**overrides):
    n = next(_sequence)
    fields = {
        "name": f"Test Trust {n} NHS Foundation Trust",
        "short_name": f"TT{n}",
        "slug": f"test-trust-{n}",
        "ods_code": f"Z{n:03d}",
        "kind": Organisation.Kind.ACUTE_TRUST,
    }
    fields.update(overrides)
    return Organisation.objects.create(**fields)


def make_user(role: Role | None, organisations=(), ics_lead=False, email=None):
    n = next(_sequence)
    email = email or f"user{n}@example.org"
    if role is None:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
        return user
    user = portal_user_save(
        email=email,
        first_name="Test",
        last_name=f"User {n}",
        role=role,
        organisations=organisations,
        ics_lead=ics_lead,
    )
    user.set_password(PASSWORD)
    user.save()
    return user
