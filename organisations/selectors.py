"""Reads for the organisations, places and users pages, each returning exactly what its page shows."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from organisations.models import Membership, Organisation, Place


def organisation_list() -> QuerySet[Organisation]:
    return (
        Organisation.objects.select_related("place")
        .annotate(lead_count=Count("memberships", filter=Q(memberships__user__is_active=True)))
        .order_by("name")
    )


def organisation_detail(*, slug: str) -> Organisation:
    """The organisation with its place and active EDI leads; raises Organisation.DoesNotExist."""
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


def place_list() -> QuerySet[Place]:
    return Place.objects.annotate(organisation_count=Count("organisations")).order_by("name")


def place_detail(*, slug: str) -> Place:
    """The place with its organisations; raises Place.DoesNotExist."""
    return Place.objects.prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
    ).get(slug=slug)


def portal_users() -> QuerySet:
    return (
        get_user_model()
        .objects.order_by("last_name", "first_name", "username")
        .prefetch_related("groups", Prefetch("memberships", queryset=Membership.objects.select_related("organisation")))
    )
