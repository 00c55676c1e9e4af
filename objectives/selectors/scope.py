"""The part of the plan a page, a dashboard or the API reads."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from objectives.models import EqualityObjective
from organisations.models import Organisation, Place


@dataclass(frozen=True)
class PlanScope:
    """Which part of the plan to read: any combination of objective, level, period, organisation and place.

    An organisation's scope holds its individual-organisation items and the ICS-level items it
    owns; a place's scope holds its place items and the items of the organisations in it. (A
    reporting scope, `workforce.scopes.Scope`, names only whose workforce; `plan_scope_for`
    turns one into this.)
    """

    objective: EqualityObjective | None = None
    level: str | None = None
    period: str | None = None
    organisation: Organisation | None = None
    place: Place | None = None

    def filter_items(self, items: QuerySet) -> QuerySet:
        if self.objective is not None:
            items = items.filter(priority__objectives=self.objective)
        if self.level:
            items = items.filter(priority__level=self.level)
        if self.period:
            items = items.filter(priority__period=self.period)
        if self.organisation is not None:
            items = items.filter(organisation=self.organisation)
        if self.place is not None:
            items = items.filter(Q(place=self.place) | Q(organisation__place=self.place))
        return items

    def filter_priorities(self, priorities: QuerySet) -> QuerySet:
        if self.objective is not None:
            priorities = priorities.filter(objectives=self.objective)
        if self.level:
            priorities = priorities.filter(level=self.level)
        if self.period:
            priorities = priorities.filter(period=self.period)
        return priorities

    @property
    def owner_label(self) -> str:
        if self.organisation is not None:
            return self.organisation.name
        if self.place is not None:
            return self.place.name
        return "the whole ICS"


WHOLE_PLAN = PlanScope()


def plan_scope_for(scope) -> PlanScope:
    """The part of the plan a reporting scope (`workforce.scopes.Scope`: the ICS, a place or an
    organisation) owns, for the dashboards and the API."""
    if scope.kind == "place":
        return PlanScope(place=Place.objects.get(slug=scope.slug))
    if scope.kind == "organisation":
        return PlanScope(organisation=Organisation.objects.get(slug=scope.slug))
    return WHOLE_PLAN
