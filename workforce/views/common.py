"""Helpers shared by the workforce app's views."""

from django.shortcuts import get_object_or_404

from organisations.models import Organisation
from organisations.permissions import can_view_portal, require


def organisation_for_reader(user, slug: str) -> Organisation:
    """The organisation with this slug, for a user who may read the portal: 403 for anyone else (asked first,
    so a stranger cannot probe which organisations exist), 404 when there is no such organisation."""
    require(can_view_portal(user))
    return get_object_or_404(Organisation, slug=slug)
