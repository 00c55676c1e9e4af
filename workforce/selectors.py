"""Reads for workforce-app pages, each returning exactly what its page shows."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q

from workforce.figures import SECTIONS
from workforce.models import Membership, Organisation, Place, Snapshot


def organisation_list():
    return (
        Organisation.objects.select_related("place")
        .annotate(lead_count=Count("memberships", filter=Q(memberships__user__is_active=True)))
        .order_by("name")
    )


def organisation_detail(slug):
    return (
        Organisation.objects.select_related("place")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(user__is_active=True).select_related("user"),
                to_attr="active_memberships",
            )
        )
        .get(slug=slug)
    )


def place_list():
    return Place.objects.annotate(organisation_count=Count("organisations")).order_by("name")


def place_detail(slug):
    return Place.objects.prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
    ).get(slug=slug)


def portal_users():
    return (
        get_user_model()
        .objects.order_by("last_name", "first_name", "username")
        .prefetch_related("groups", Prefetch("memberships", queryset=Membership.objects.select_related("organisation")))
    )


def esr_snapshots():
    """Every snapshot with its organisation and the import that loaded it, newest first."""
    return Snapshot.objects.select_related("organisation", "import_batch", "import_batch__imported_by").order_by(
        "-snapshot_date", "organisation__name"
    )


def figures_for_organisation(organisation, years):
    """{(section slug, year): figures} for the sections of figures ESR does not hold, one query per section."""
    found = {}
    for section in SECTIONS:
        for figures in section.model.objects.filter(organisation=organisation, year__in=years):
            found[(section.slug, figures.year)] = figures
    return found
