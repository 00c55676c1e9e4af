"""Reads of the plan and its progress, each returning what a page (or a dashboard) shows.

Every function here runs a fixed number of queries whatever the amount of data. The reports
app builds the People Board dashboard on the summary selectors at the end of the module:
`rag_counts`, `rag_counts_by_level_and_period`, `overdue_items`, `recently_completed` and
`objective_progress`, all taking a `PlanScope`.

An item's current status is its latest progress update (by `recorded_at`); an item with no
update yet has no status and is counted as "No update yet".
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from objectives.models import (
    EqualityObjective,
    EqualityStandard,
    Evidence,
    Level,
    MeasureOfSuccess,
    OrganisationAccreditation,
    Period,
    PlanItem,
    Priority,
    ProgressUpdate,
    ReportingRound,
    Status,
)
from organisations.models import Membership, Organisation, Place
from organisations.permissions import Role, is_edi_lead

NO_UPDATE = "no_update"
NO_UPDATE_LABEL = "No update yet"
LEVEL_ORDER = [Level.PLACE, Level.ICS, Level.ORGANISATION]
PERIOD_ORDER = [Period.YEAR_1, Period.YEARS_2_TO_5]
STATUS_ORDER = [Status.RED, Status.AMBER, Status.GREEN, Status.COMPLETE, Status.NOT_STARTED]


@dataclass(frozen=True)
class PlanScope:
    """Which part of the plan to read: any combination of objective, level, period, organisation and place.

    An organisation's scope holds its individual-organisation items and the ICS-level items it
    owns; a place's scope holds its place items and the items of the organisations in it.
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


def plan_scope_for(scope) -> PlanScope:
    """The part of the plan a reporting scope (`workforce.scopes.Scope`: the ICS, a place or an
    organisation) owns, for the dashboards and the API."""
    if scope.kind == "place":
        return PlanScope(place=Place.objects.get(slug=scope.slug))
    if scope.kind == "organisation":
        return PlanScope(organisation=Organisation.objects.get(slug=scope.slug))
    return PlanScope()


@dataclass(frozen=True)
class RagCounts:
    """How many items have each current status, plus those with no update yet."""

    counts: dict = field(default_factory=dict)

    # A method, not __getitem__: templates look keys up before attributes, so `counts.total` would break.
    def of(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def rows(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in the order a report shows them, no-update last."""
        rows = [(status.value, status.label, self.of(status.value)) for status in STATUS_ORDER]
        return rows + [(NO_UPDATE, NO_UPDATE_LABEL, self.of(NO_UPDATE))]

    @property
    def nonzero_rows(self) -> list[tuple[str, str, int]]:
        return [row for row in self.rows if row[2]]


def _counts_from_rows(rows, key="current_status") -> RagCounts:
    counts = defaultdict(int)
    for row in rows:
        counts[row[key] or NO_UPDATE] += row["n"]
    return RagCounts(dict(counts))


# --- Items and their progress ----------------------------------------------------------------


def current_round() -> ReportingRound | None:
    return ReportingRound.objects.filter(is_open=True).first()


def tracked_items() -> QuerySet:
    """Items still being tracked: active, of a current priority, of an active organisation."""
    return PlanItem.objects.filter(is_active=True, priority__is_retired=False).filter(
        Q(organisation__isnull=True) | Q(organisation__is_active=True)
    )


def with_progress(items: QuerySet, reporting_round: ReportingRound | None = None) -> QuerySet:
    """Annotate items with current_status, current_percent, last_update_at and updated_in_round."""
    latest = ProgressUpdate.objects.filter(item=OuterRef("pk")).order_by("-recorded_at", "-pk")
    items = items.annotate(
        current_status=Subquery(latest.values("status")[:1]),
        current_percent=Subquery(latest.values("percent_complete")[:1]),
        last_update_at=Subquery(latest.values("recorded_at")[:1]),
    )
    if reporting_round is None:
        return items.annotate(updated_in_round=Value(False))
    in_round = ProgressUpdate.objects.filter(item=OuterRef("pk"), round=reporting_round)
    return items.annotate(updated_in_round=Exists(in_round))


# Items in the plan's order: Place, ICS, Individual organisation; year 1 first; then by owner.
LEVEL_RANK = Case(
    *[When(priority__level=level, then=Value(rank)) for rank, level in enumerate(LEVEL_ORDER)],
    output_field=IntegerField(),
)
ITEM_ORDER = (
    LEVEL_RANK,
    "priority__period",
    "priority__position",
    "priority__code",
    "organisation__name",
    "place__name",
)


def _awaiting_update(items: QuerySet) -> QuerySet:
    """Items (annotated by with_progress) that still owe an update in the round: not complete, none yet."""
    return items.filter(updated_in_round=False).filter(
        Q(current_status__isnull=True) | ~Q(current_status=Status.COMPLETE)
    )


class RoundState(StrEnum):
    """Where an item stands in the open reporting round."""

    UPDATED = "updated"
    DUE = "due"
    OVERDUE = "overdue"
    COMPLETE = "complete"
    NO_ROUND = "no_round"
    NOT_TRACKED = "not_tracked"


def round_state(item: PlanItem, reporting_round: ReportingRound | None, today: date | None = None) -> RoundState:
    """An annotated item's state in the round: updated, due (before the due date), overdue, or none due."""
    if not item.is_active or item.priority.is_retired:
        return RoundState.NOT_TRACKED
    if reporting_round is None:
        return RoundState.NO_ROUND
    if item.updated_in_round:
        return RoundState.UPDATED
    if item.current_status == Status.COMPLETE:
        return RoundState.COMPLETE
    today = today or timezone.localdate()
    return RoundState.OVERDUE if today > reporting_round.due_on else RoundState.DUE


def _attach_round_state(items, reporting_round, today=None):
    items = list(items)
    for item in items:
        item.round_state = round_state(item, reporting_round, today)
    return items


def plan_items(
    scope: PlanScope = PlanScope(),
    *,
    status: str | None = None,
    overdue: bool = False,
    reporting_round: ReportingRound | None = None,
    today: date | None = None,
) -> QuerySet:
    """Tracked items in scope with their progress, optionally only one status or only the overdue ones.

    status may be a Status value or NO_UPDATE. Overdue means: a round is open, its due date has
    passed, and the item has had no update in it (complete items owe nothing).
    """
    items = with_progress(scope.filter_items(tracked_items()), reporting_round)
    if status == NO_UPDATE:
        items = items.filter(current_status__isnull=True)
    elif status:
        items = items.filter(current_status=status)
    if overdue:
        today = today or timezone.localdate()
        if reporting_round is None or today <= reporting_round.due_on:
            return items.none()
        items = _awaiting_update(items)
    return items.select_related("priority", "organisation", "place", "lead").order_by(*ITEM_ORDER)


def item_list_page(items: QuerySet, reporting_round, today=None):
    """A page of plan_items ready to show: each with its round_state."""
    return _attach_round_state(items, reporting_round, today)


def item_detail(pk: int) -> PlanItem:
    reporting_round = current_round()
    item = (
        with_progress(PlanItem.objects.all(), reporting_round)
        .select_related("priority", "organisation", "place", "lead")
        .prefetch_related("priority__objectives")
        .get(pk=pk)
    )
    item.round_state = round_state(item, reporting_round)
    item.reporting_round = reporting_round
    return item


def item_updates(item: PlanItem) -> list[ProgressUpdate]:
    """Every update of the item, newest first, with its evidence, round and author."""
    return list(
        item.updates.select_related("round", "recorded_by")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("pk")))
        .order_by("-recorded_at", "-pk")
    )


def update_for_change(pk: int) -> ProgressUpdate:
    return (
        ProgressUpdate.objects.select_related("round", "item__priority", "item__organisation", "item__place")
        .prefetch_related("evidence")
        .get(pk=pk)
    )


def evidence_for_download(pk: int) -> Evidence:
    return Evidence.objects.select_related("update__item").get(pk=pk, url="")


# --- The plan pages --------------------------------------------------------------------------


def _plan_order(priority):
    return (LEVEL_ORDER.index(priority.level), PERIOD_ORDER.index(priority.period), priority.position, priority.code)


def _priorities(scope: PlanScope) -> list[Priority]:
    """Current priorities in scope, in the plan's order: Place, ICS, Individual organisation; year 1 first."""
    priorities = scope.filter_priorities(Priority.objects.filter(is_retired=False))
    return sorted(priorities.prefetch_related("objectives", "standards"), key=_plan_order)


def _progress_by_priority(scope: PlanScope) -> dict[int, RagCounts]:
    rows = (
        with_progress(scope.filter_items(tracked_items()))
        .values("priority_id", "current_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    grouped = defaultdict(list)
    for row in rows:
        grouped[row["priority_id"]].append(row)
    return {priority_id: _counts_from_rows(group) for priority_id, group in grouped.items()}


def _with_counts(priorities, scope):
    counts = _progress_by_priority(scope)
    priorities = list(priorities)
    for priority in priorities:
        priority.progress = counts.get(priority.pk, RagCounts())
    return priorities


@dataclass
class PriorityGroup:
    """Priorities under one heading of a plan page; `key` is unique on the page (for element ids)."""

    heading: str
    priorities: list
    key: str
    caption: str = ""
    subgroups: list = field(default_factory=list)
    objective: EqualityObjective | None = None
    level: str | None = None
    period: str | None = None


def plan_by_objective(scope: PlanScope = PlanScope()) -> list[PriorityGroup]:
    """Each objective with the priorities that serve it (a priority may serve several)."""
    priorities = _with_counts(_priorities(PlanScope(level=scope.level, period=scope.period)), scope)
    groups = []
    for objective in EqualityObjective.objects.order_by("number"):
        if scope.objective is not None and objective != scope.objective:
            continue
        serving = [p for p in priorities if objective in p.objectives.all()]
        groups.append(
            PriorityGroup(
                heading=str(objective),
                priorities=serving,
                key=f"objective-{objective.number}",
                caption=f"Priorities serving objective {objective.number}",
                objective=objective,
            )
        )
    return groups


def plan_by_level(scope: PlanScope = PlanScope()) -> list[PriorityGroup]:
    priorities = _with_counts(_priorities(scope), scope)
    groups = []
    for level in LEVEL_ORDER:
        subgroups = [
            PriorityGroup(
                heading=period.label,
                priorities=[p for p in priorities if p.level == level and p.period == period],
                key=f"{level}-{period}",
                caption=f"{level.label}: {period.label}",
                level=level,
                period=period,
            )
            for period in PERIOD_ORDER
        ]
        groups.append(PriorityGroup(heading=level.label, priorities=[], key=level, subgroups=subgroups, level=level))
    return [g for g in groups if any(s.priorities for s in g.subgroups)]


def plan_by_period(scope: PlanScope = PlanScope()) -> list[PriorityGroup]:
    priorities = _with_counts(_priorities(scope), scope)
    groups = []
    for period in PERIOD_ORDER:
        subgroups = [
            PriorityGroup(
                heading=level.label,
                priorities=[p for p in priorities if p.level == level and p.period == period],
                key=f"{period}-{level}",
                caption=f"{period.label}: {level.label}",
                level=level,
                period=period,
            )
            for level in LEVEL_ORDER
        ]
        groups.append(
            PriorityGroup(heading=period.label, priorities=[], key=period, subgroups=subgroups, period=period)
        )
    return [g for g in groups if any(s.priorities for s in g.subgroups)]


def retired_priorities() -> list[Priority]:
    return list(Priority.objects.filter(is_retired=True).order_by("-retired_on", "code"))


def priority_detail(code: str) -> Priority:
    return Priority.objects.prefetch_related("objectives", "standards", "metric_links").get(code=code)


def priority_items(priority: Priority) -> list[PlanItem]:
    """The priority's items, with progress and round state: its status across organisations or places."""
    reporting_round = current_round()
    items = (
        with_progress(priority.items.all(), reporting_round)
        .select_related("priority", "organisation", "place", "lead")
        .order_by("-is_active", "organisation__name", "place__name")
    )
    return _attach_round_state(items, reporting_round)


def priority_evidence(priority: Priority, limit: int = 20) -> list[Evidence]:
    """The most recent evidence given for any of the priority's items."""
    return list(
        Evidence.objects.filter(update__item__priority=priority)
        .select_related("update__item__organisation", "update__item__place", "update__round")
        .order_by("-update__recorded_at", "-pk")[:limit]
    )


def objective_detail(number: int) -> EqualityObjective:
    return EqualityObjective.objects.get(number=number)


def measures_of_success() -> dict[str, list[MeasureOfSuccess]]:
    measures = MeasureOfSuccess.objects.filter(is_retired=False).prefetch_related("standards").order_by("position")
    grouped = {term: [] for term in MeasureOfSuccess.Term.values}
    for measure in measures:
        grouped[measure.term].append(measure)
    return grouped


def equality_standards() -> list[EqualityStandard]:
    return list(EqualityStandard.objects.prefetch_related("levels").order_by("kind", "name"))


def scope_choices():
    """Places and organisations for the scope pickers, read once."""
    return list(Place.objects.order_by("name")), list(Organisation.objects.filter(is_active=True).order_by("name"))


# --- My updates and reminders ----------------------------------------------------------------


def responsible_items_filter(user) -> Q:
    """Items this user answers for: those naming them as lead, and unassigned items they may update."""
    from objectives.permissions import updatable_items_filter

    if not is_edi_lead(user):
        # Admins may update everything, but only answer for items that name them.
        return Q(lead=user)
    return Q(lead=user) | (Q(lead__isnull=True) & updatable_items_filter(user))


def my_items(user, reporting_round: ReportingRound | None = None) -> list[PlanItem]:
    """The items a lead answers for, with progress and their state in the round, most urgent first."""
    items = with_progress(tracked_items().filter(responsible_items_filter(user)), reporting_round).select_related(
        "priority", "organisation", "place", "lead"
    )
    items = _attach_round_state(items, reporting_round)
    urgency = {RoundState.OVERDUE: 0, RoundState.DUE: 1, RoundState.NO_ROUND: 2, RoundState.UPDATED: 3}
    return sorted(
        items,
        key=lambda i: (
            urgency.get(i.round_state, 4),
            LEVEL_ORDER.index(i.priority.level),
            PERIOD_ORDER.index(i.priority.period),
            i.priority.position,
            i.owner_name,
        ),
    )


def leads_to_remind():
    """Active EDI leads with an email address, each with their memberships, for the reminder command."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.EDI_LEAD.value)
        .exclude(email="")
        .prefetch_related(Prefetch("memberships", queryset=Membership.objects.select_related("organisation")))
        .distinct()
        .order_by("pk")
    )


# --- Rounds ----------------------------------------------------------------------------------


def round_list() -> QuerySet:
    return (
        ReportingRound.objects.select_related("opened_by", "closed_by")
        .annotate(update_count=Count("updates"))
        .order_by("-opened_at")
    )


@dataclass(frozen=True)
class RoundProgress:
    tracked: int
    updated: int
    awaiting: int
    complete_before: int


def round_progress(reporting_round: ReportingRound) -> RoundProgress:
    """How many tracked items were updated in the round, and how many still owe an update."""
    items = with_progress(tracked_items(), reporting_round)
    totals = items.aggregate(
        tracked=Count("pk"),
        updated=Count("pk", filter=Q(updated_in_round=True)),
        complete_before=Count("pk", filter=Q(updated_in_round=False, current_status=Status.COMPLETE)),
    )
    awaiting = totals["tracked"] - totals["updated"] - totals["complete_before"]
    return RoundProgress(totals["tracked"], totals["updated"], awaiting, totals["complete_before"])


def awaiting_items(reporting_round: ReportingRound, scope: PlanScope = PlanScope()) -> QuerySet:
    """Tracked items in scope that have not been updated in the round (and are not complete)."""
    items = with_progress(scope.filter_items(tracked_items()), reporting_round)
    return _awaiting_update(items).select_related("priority", "organisation", "place", "lead").order_by(*ITEM_ORDER)


# --- Accreditations --------------------------------------------------------------------------


def accreditation_standards() -> list[EqualityStandard]:
    return list(
        EqualityStandard.objects.filter(kind=EqualityStandard.Kind.ACCREDITATION)
        .prefetch_related("levels")
        .order_by("name")
    )


def accreditation_matrix():
    """(standards, rows): one row per active organisation with its record (or None) for each standard."""
    standards = accreditation_standards()
    organisations = list(Organisation.objects.filter(is_active=True).order_by("name"))
    records = {
        (r.organisation_id, r.standard_id): r
        for r in OrganisationAccreditation.objects.select_related("level").filter(
            organisation__in=organisations, standard__in=standards
        )
    }
    rows = [(o, [records.get((o.pk, s.pk)) for s in standards]) for o in organisations]
    return standards, rows


def organisation_accreditations(organisation: Organisation):
    """[(standard, record or None)] for every accreditation, for one organisation."""
    standards = accreditation_standards()
    records = {r.standard_id: r for r in organisation.accreditations.select_related("level", "standard")}
    return [(s, records.get(s.pk)) for s in standards]


def accreditation_record(organisation: Organisation, standard: EqualityStandard):
    return (
        OrganisationAccreditation.objects.select_related("level", "standard", "organisation")
        .filter(organisation=organisation, standard=standard)
        .first()
    )


# --- Summaries for the People Board dashboard (used by the reports app) ----------------------


def rag_counts(scope: PlanScope = PlanScope()) -> RagCounts:
    """Current status counts of the tracked items in scope (one query)."""
    rows = (
        with_progress(scope.filter_items(tracked_items())).values("current_status").annotate(n=Count("pk")).order_by()
    )
    return _counts_from_rows(rows)


def rag_counts_by_level_and_period(scope: PlanScope = PlanScope()) -> list[tuple[str, str, RagCounts]]:
    """[(level, period, counts)] for each level and period of the plan, in the plan's order (one query)."""
    rows = (
        with_progress(scope.filter_items(tracked_items()))
        .values("priority__level", "priority__period", "current_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    grouped = defaultdict(list)
    for row in rows:
        grouped[(row["priority__level"], row["priority__period"])].append(row)
    return [
        (level, period, _counts_from_rows(grouped.get((level, period), [])))
        for level in LEVEL_ORDER
        for period in PERIOD_ORDER
    ]


def overdue_items(scope: PlanScope = PlanScope(), today: date | None = None) -> QuerySet:
    """Items in scope with no update in the open round after its due date (empty when none is overdue)."""
    return plan_items(scope, overdue=True, reporting_round=current_round(), today=today)


def recently_completed(
    scope: PlanScope = PlanScope(), since: datetime | None = None, limit: int = 10
) -> list[PlanItem]:
    """Items in scope whose current status is Complete, most recently completed first."""
    items = plan_items(scope, status=Status.COMPLETE)
    if since is not None:
        items = items.filter(last_update_at__gte=since)
    return list(items.order_by("-last_update_at", "pk")[:limit])


@dataclass(frozen=True)
class ObjectiveProgress:
    objective: EqualityObjective
    counts: RagCounts
    mean_percent_complete: float | None

    @property
    def item_count(self) -> int:
        return self.counts.total


def objective_progress(scope: PlanScope = PlanScope()) -> list[ObjectiveProgress]:
    """For each objective: status counts and mean percent complete of the items of priorities serving it.

    An item with no update counts as 0% complete. An item whose priority serves two objectives
    counts towards both.
    """
    items = with_progress(scope.filter_items(tracked_items()))
    rows = (
        items.values("priority__objectives", "current_status")
        .annotate(n=Count("pk"), percent_sum=Sum(Coalesce("current_percent", 0)))
        .order_by()
    )
    counts = defaultdict(list)
    percent_sums = defaultdict(float)
    for row in rows:
        counts[row["priority__objectives"]].append(row)
        percent_sums[row["priority__objectives"]] += float(row["percent_sum"] or 0)
    results = []
    for objective in EqualityObjective.objects.order_by("number"):
        if scope.objective is not None and objective != scope.objective:
            continue
        objective_counts = _counts_from_rows(counts.get(objective.pk, []))
        total = objective_counts.total
        mean = round(percent_sums[objective.pk] / total, 1) if total else None
        results.append(ObjectiveProgress(objective, objective_counts, mean))
    return results
