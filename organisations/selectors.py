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


def organisation_short_names() -> dict[str, str]:
    """{slug: short name ("BTH")} of the organisations that have a short name."""
    return dict(Organisation.objects.exclude(short_name="").values_list("slug", "short_name"))


def organisation_names_shortened() -> list[tuple[str, str]]:
    """(short name, name) of each ESR-using organisation whose short name differs from its name (a key to charts)."""
    return [
        (short, name)
        for short, name in Organisation.objects.filter(uses_esr=True)
        .exclude(short_name="")
        .order_by("short_name")
        .values_list("short_name", "name")
        if short != name
    ]


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
