"""The three levels at which the portal reports: the whole ICS, a place, or one organisation.

A scope travels in URLs as a short key: "ics", "place:<slug>" or "organisation:<slug>".
"""

from dataclasses import dataclass

from organisations.models import Organisation, Place

ICS_LABEL = "Lancashire and South Cumbria ICS"


@dataclass(frozen=True)
class Scope:
    kind: str  # "ics", "place" or "organisation"
    slug: str = ""
    label: str = ICS_LABEL

    @property
    def key(self) -> str:
        return "ics" if self.kind == "ics" else f"{self.kind}:{self.slug}"

    @classmethod
    def ics(cls) -> "Scope":
        return cls("ics")

    @classmethod
    def for_place(cls, place: Place) -> "Scope":
        return cls("place", place.slug, place.name)

    @classmethod
    def for_organisation(cls, organisation: Organisation) -> "Scope":
        return cls("organisation", organisation.slug, organisation.name)

    def organisations(self):
        """The organisations this scope covers (the ICS covers every one, including those with no place)."""
        if self.kind == "place":
            return Organisation.objects.filter(place__slug=self.slug)
        if self.kind == "organisation":
            return Organisation.objects.filter(slug=self.slug)
        return Organisation.objects.all()


class UnknownScope(ValueError):
    pass


def parse_scope(key: str | None) -> Scope:
    """The scope a URL key names; an empty key is the ICS. Raises UnknownScope for anything else."""
    if not key or key == "ics":
        return Scope.ics()
    kind, _, slug = key.partition(":")
    if kind == "place":
        place = Place.objects.filter(slug=slug).only("slug", "name").first()
        if place:
            return Scope.for_place(place)
    elif kind == "organisation":
        organisation = Organisation.objects.filter(slug=slug).only("slug", "name").first()
        if organisation:
            return Scope.for_organisation(organisation)
    raise UnknownScope(key)


def all_scopes() -> list[Scope]:
    """The ICS, then every place, then every active organisation, in name order."""
    return (
        [Scope.ics()]
        + [Scope.for_place(place) for place in Place.objects.order_by("name")]
        + [Scope.for_organisation(o) for o in Organisation.objects.filter(is_active=True).order_by("name")]
    )
