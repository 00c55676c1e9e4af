"""Services that change the plan and its progress. Views, the admin, commands and tests all call these.

Each runs in a transaction, checks the rules that belong to the data (and, where a user is
acting, that they may), and records who made the change so it appears in the history.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.db.models.signals import post_save
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from objectives.evidence import MAX_FILES_PER_UPDATE, check_evidence_file, safe_display_name
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
    PriorityMetric,
    ProgressUpdate,
    ReportingRound,
    StandardLevel,
    Status,
)
from objectives.permissions import can_change_update, can_edit_accreditations, can_manage_plan, can_update_item
from organisations.models import Organisation, Place
from organisations.permissions import Role, ensure_role_groups
from workforce.catalogue import metric_definition

PLAN_DATA = Path(__file__).resolve().parent / "data" / "plan.json"
PLAN_SOURCE = "ICS Belonging Plan 2023 to 2028"
LEVEL_PREFIX = {Level.PLACE: "PL", Level.ICS: "ICS", Level.ORGANISATION: "ORG"}
PERIOD_PREFIX = {Period.YEAR_1: "Y1", Period.YEARS_2_TO_5: "Y25"}
PERIOD_HEADING = {Period.YEAR_1: "Year 1 (from April 2023)", Period.YEARS_2_TO_5: "Year 2–5"}
LEVEL_HEADING = {Level.PLACE: "Place", Level.ICS: "ICS level", Level.ORGANISATION: "Individual organisation in the ICS"}


@dataclass
class PlanLoadSummary:
    objectives: int = 0
    standards: int = 0
    priorities: int = 0
    measures: int = 0
    items: int = 0
    metric_links: int = 0


def _save_with_relations(instance, *, created: bool, **many_to_many) -> None:
    """Save an object and set its many-to-many fields, leaving one history record that holds them all.

    Left to itself, simple-history records the save and then each removal and addition of the
    many-to-many sets, so the history would show the objectives emptied and refilled.
    """
    instance.skip_history_when_saving = True
    try:
        instance.save()
        for name, values in many_to_many.items():
            getattr(instance, name).set(values)
    finally:
        del instance.skip_history_when_saving
    post_save.send(sender=type(instance), instance=instance, created=created, raw=False, using=instance._state.db)


def _as(instance, user, when=None):
    """Attribute the next history record of instance to user (and, for loaded data, to a past time)."""
    instance._history_user = user
    if when is not None:
        instance._history_date = when
    return instance


# --- The plan --------------------------------------------------------------------------------


@transaction.atomic
def load_plan(path: Path = PLAN_DATA) -> PlanLoadSummary:
    """Create whatever part of the plan is missing from the database; return how many of each were created.

    Existing records are left as they are, because admins own the plan once it is loaded: a
    priority they reworded or retired stays that way when setup runs again.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    summary = PlanLoadSummary()
    objectives = {}
    for row in data["objectives"]:
        objective, created = EqualityObjective.objects.get_or_create(
            number=row["number"],
            defaults={"title": row["title"], "description": row["description"], "source": row["source"]},
        )
        objectives[objective.number] = objective
        summary.objectives += created
    standards = {}
    for row in data["standards"]:
        standard, created = EqualityStandard.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "short_name": row["short_name"],
                "kind": row["kind"],
                "source": row["source"],
            },
        )
        standards[standard.slug] = standard
        summary.standards += created
        if created:
            for rank, name in enumerate(row["levels"], start=1):
                StandardLevel.objects.create(standard=standard, name=name, rank=rank)
    for row in data["priorities"]:
        if Priority.objects.filter(code=row["code"]).exists():
            continue
        level, period = Level(row["level"]), Period(row["period"])
        priority = Priority(
            code=row["code"],
            level=level,
            period=period,
            position=row["position"],
            title=row["title"],
            objective_rationale=row["objective_rationale"],
            source=f"{PLAN_SOURCE}: {LEVEL_HEADING[level]}, priorities, {PERIOD_HEADING[period]}",
        )
        _save_with_relations(
            priority,
            created=True,
            objectives=[objectives[n] for n in row["objectives"]],
            standards=[standards[s] for s in row["standards"]],
        )
        summary.priorities += 1
    for row in data["measures"]:
        if MeasureOfSuccess.objects.filter(key=row["key"]).exists():
            continue
        measure = MeasureOfSuccess(
            key=row["key"], term=row["term"], text=row["text"], position=row["position"], source=row["source"]
        )
        _save_with_relations(measure, created=True, standards=[standards[s] for s in row["standards"]])
        summary.measures += 1
    summary.items = ensure_plan_items()
    summary.metric_links = seed_metric_links({row["code"]: row.get("metrics", []) for row in data["priorities"]})
    return summary


def seed_metric_links(links: dict[str, list[str]]) -> int:
    """Link priorities (by code) to the metrics the plan data names; return how many links were added.

    Only a priority that has never had a metric link gets them: once links exist, or an admin has
    removed them (their history says so), the admins' choice stands when setup runs again.
    """
    touched = set(PriorityMetric.history.values_list("priority_id", flat=True).distinct())
    added = 0
    for priority in Priority.objects.filter(code__in=[code for code, slugs in links.items() if slugs]):
        if priority.pk in touched:
            continue
        for slug in links[priority.code]:
            link = PriorityMetric(priority=priority, metric=slug)
            link.full_clean()
            link.save()
            added += 1
    return added


def give_admins_plan_permissions() -> None:
    """Let the Admin role work on the plan's models in the Django admin site (bulk edits).

    The admin site still refuses what the model admins refuse (deleting priorities, editing
    progress updates), and every change it makes is kept in history.
    """
    admins = ensure_role_groups()[Role.ADMIN]
    admins.permissions.add(*Permission.objects.filter(content_type__app_label="objectives"))


def _default_ics_owner():
    return Organisation.objects.filter(kind=Organisation.Kind.ICB, is_active=True).order_by("pk").first()


def ensure_plan_items(priorities=None) -> int:
    """Create the missing tracked items of the given (default: all current) priorities; return how many.

    Individual-organisation priorities get an item for every active partner organisation, place
    priorities one for every place, ICS priorities one owned by the ICB. Items an admin made
    inactive stay inactive.
    """
    priorities = Priority.objects.filter(is_retired=False) if priorities is None else priorities
    organisations = list(Organisation.objects.filter(is_active=True))
    places = list(Place.objects.all())
    existing = set(PlanItem.objects.filter(priority__in=priorities).values_list("priority_id", "organisation_id"))
    existing |= set(PlanItem.objects.filter(priority__in=priorities).values_list("priority_id", "place_id"))
    has_item = {priority_id for priority_id, _ in existing}
    created = 0
    for priority in priorities:
        if priority.level == Level.ORGANISATION:
            owners = [{"organisation": o} for o in organisations if (priority.pk, o.pk) not in existing]
        elif priority.level == Level.PLACE:
            owners = [{"place": p} for p in places if (priority.pk, p.pk) not in existing]
        else:
            owner = _default_ics_owner()
            owners = [{"organisation": owner}] if owner and priority.pk not in has_item else []
        for owner_fields in owners:
            PlanItem.objects.create(priority=priority, **owner_fields)
            created += 1
    return created


def ensure_items_for_organisation(organisation: Organisation) -> int:
    """Give a newly added (or reactivated) organisation its items for the individual-organisation priorities."""
    if not organisation.is_active:
        return 0
    priorities = Priority.objects.filter(is_retired=False, level=Level.ORGANISATION).exclude(
        items__organisation=organisation
    )
    for priority in priorities:
        PlanItem.objects.create(priority=priority, organisation=organisation)
    return len(priorities)


def next_priority_code(level: str, period: str) -> str:
    prefix = f"{LEVEL_PREFIX[Level(level)]}-{PERIOD_PREFIX[Period(period)]}-"
    numbers = [
        int(code.removeprefix(prefix))
        for code in Priority.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        if code.removeprefix(prefix).isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"


@transaction.atomic
def save_priority(
    *,
    by,
    priority: Priority | None = None,
    level: str,
    period: str,
    title: str,
    objectives,
    description: str = "",
    objective_rationale: str = "",
    standards=(),
    position: int | None = None,
    organisations=None,
    ics_owner: Organisation | None = None,
    metrics=None,
) -> Priority:
    """Add a priority (with its tracked items) or change one. The level of an existing priority is fixed.

    organisations: for an individual-organisation priority, the organisations that track it
    (default on creation: every active organisation). Unticked organisations' items become
    inactive rather than being deleted, so their updates stay on record.
    metrics: the catalogue slugs of the workforce metrics the priority should move (None: unchanged).
    """
    if not can_manage_plan(by):
        raise PermissionDenied
    objectives = list(objectives)
    if not objectives:
        raise ValidationError({"objectives": "Select at least one objective the priority serves"})
    creating = priority is None
    if creating:
        if position is None:
            last = Priority.objects.filter(level=level, period=period).aggregate(n=Max("position"))["n"]
            position = (last or 0) + 1
        priority = Priority(code=next_priority_code(level, period), level=level, source="Added in the portal")
    elif priority.level != level:
        raise ValidationError({"level": "The level of a priority cannot change: retire it and add a new one"})
    priority.period = period
    priority.title = title
    priority.description = description
    priority.objective_rationale = objective_rationale
    if position is not None:
        priority.position = position
    _save_with_relations(_as(priority, by), created=creating, objectives=objectives, standards=list(standards))
    if creating:
        if level == Level.ICS:
            owner = ics_owner or _default_ics_owner()
            if owner is None:
                raise ValidationError({"ics_owner": "Select the organisation that owns this priority"})
            _as(PlanItem(priority=priority, organisation=owner), by).save()
        else:
            ensure_plan_items([priority])
    if level == Level.ORGANISATION and organisations is not None:
        _set_tracking_organisations(priority, list(organisations), by)
    if metrics is not None:
        set_priority_metrics(priority, metrics, by=by)
    return priority


def _set_tracking_organisations(priority, organisations, by):
    chosen = {o.pk for o in organisations}
    if not chosen:
        raise ValidationError({"organisations": "Select at least one organisation that tracks this priority"})
    items = {item.organisation_id: item for item in priority.items.all()}
    for organisation in organisations:
        if organisation.pk not in items:
            _as(PlanItem(priority=priority, organisation=organisation), by).save()
    changed = []
    for organisation_id, item in items.items():
        should_be_active = organisation_id in chosen
        if item.is_active != should_be_active:
            item.is_active = should_be_active
            changed.append(item)
    if changed:
        bulk_update_with_history(changed, PlanItem, ["is_active"], default_user=by)


def set_priority_metrics(priority: Priority, metrics, *, by) -> None:
    """Make the priority's linked workforce metrics exactly `metrics` (catalogue slugs).

    Links are added or removed one by one, so the history says who linked or unlinked which metric.
    """
    if not can_manage_plan(by):
        raise PermissionDenied
    wanted = list(dict.fromkeys(metrics))
    unknown = [slug for slug in wanted if metric_definition(slug) is None]
    if unknown:
        raise ValidationError({"metrics": f"Not a metric in the catalogue: {', '.join(unknown)}"})
    with transaction.atomic():
        current = {link.metric: link for link in PriorityMetric.objects.filter(priority=priority)}
        for slug, link in current.items():
            if slug not in wanted:
                _as(link, by).delete()
        for slug in wanted:
            if slug not in current:
                _as(PriorityMetric(priority=priority, metric=slug), by).save()


@transaction.atomic
def retire_priority(priority: Priority, *, by, reason: str, on: date | None = None) -> Priority:
    """Stop tracking a priority without losing it: it leaves the plan pages and nothing more is due."""
    if not can_manage_plan(by):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the priority is being retired"})
    priority.is_retired = True
    priority.retired_on = on or timezone.localdate()
    priority.retired_reason = reason.strip()
    _as(priority, by).save()
    return priority


@transaction.atomic
def reinstate_priority(priority: Priority, *, by) -> Priority:
    if not can_manage_plan(by):
        raise PermissionDenied
    priority.is_retired = False
    priority.retired_on = None
    priority.retired_reason = ""
    _as(priority, by).save()
    return priority


@transaction.atomic
def assign_item(item: PlanItem, *, by, lead, organisation: Organisation | None = None) -> PlanItem:
    """Name an item's lead and, for an ICS-level item, the organisation that owns it."""
    if not can_manage_plan(by):
        raise PermissionDenied
    if organisation is not None and organisation != item.organisation:
        if item.priority.level != Level.ICS:
            raise ValidationError({"organisation": "Only an ICS-level item can change its owning organisation"})
        item.organisation = organisation
    item.lead = lead
    _as(item, by).save()
    return item


# --- Progress updates ------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceUpload:
    """A file a lead chose, read into memory after the form checked its size."""

    name: str
    content: bytes


def validate_progress(status: str, percent_complete: int) -> None:
    """The rules an update must meet whatever its source; raise ValidationError keyed by field."""
    errors = {}
    if status not in Status.values:
        errors["status"] = "Select the status"
    if not 0 <= percent_complete <= 100:
        errors["percent_complete"] = "Percent complete must be a whole number from 0 to 100"
    elif status == Status.COMPLETE and percent_complete != 100:
        errors["percent_complete"] = "A complete item is 100% complete: enter 100 or choose another status"
    elif status == Status.NOT_STARTED and percent_complete != 0:
        errors["percent_complete"] = "An item that has not started is 0% complete: enter 0 or choose another status"
    if errors:
        raise ValidationError(errors)


def current_round() -> ReportingRound | None:
    return ReportingRound.objects.filter(is_open=True).first()


@transaction.atomic
def record_progress_update(
    *,
    item: PlanItem,
    by,
    status: str,
    percent_complete: int,
    narrative: str,
    next_steps: str = "",
    links=(),
    files=(),
    recorded_at: datetime | None = None,
    round: ReportingRound | None = None,
) -> ProgressUpdate:
    """Add a progress update to an item, with its evidence links and files, in the current round.

    Between rounds the update has no round and joins the next one when it opens. `recorded_at`
    and `round` are for loading past updates (demo data); pages never pass them.
    """
    if not can_update_item(by, item):
        raise PermissionDenied
    validate_progress(status, percent_complete)
    if not narrative.strip():
        raise ValidationError({"narrative": "Describe the progress made"})
    files = list(files)
    if len(files) > MAX_FILES_PER_UPDATE:
        raise ValidationError({"files": f"Upload {MAX_FILES_PER_UPDATE} files or fewer with one update"})
    checked = [
        (upload, check_evidence_file(upload.name, upload.content, settings.EVIDENCE_MAX_BYTES)) for upload in files
    ]
    if round is None and recorded_at is None:
        round = current_round()
    when = recorded_at or timezone.now()
    update = ProgressUpdate(
        item=item,
        round=round,
        status=status,
        percent_complete=percent_complete,
        narrative=narrative.strip(),
        next_steps=next_steps.strip(),
        recorded_at=when,
        recorded_by=by,
    )
    _as(update, by, when if recorded_at else None).save()
    for link in links:
        _as(Evidence(update=update, url=link), by, when if recorded_at else None).save()
    for upload, file_type in checked:
        evidence = Evidence(
            update=update,
            original_name=safe_display_name(upload.name),
            content_type=file_type.content_type,
            size=len(upload.content),
        )
        evidence.file.save(upload.name, ContentFile(upload.content), save=False)
        _as(evidence, by, when if recorded_at else None).save()
    return update


@transaction.atomic
def correct_progress_update(
    update: ProgressUpdate,
    *,
    by,
    status: str,
    percent_complete: int,
    narrative: str,
    next_steps: str = "",
    add_links=(),
    add_files=(),
    remove_evidence=(),
) -> ProgressUpdate:
    """Correct an update while its round is open. The history keeps what it said before."""
    if not can_change_update(by, update):
        raise PermissionDenied
    validate_progress(status, percent_complete)
    if not narrative.strip():
        raise ValidationError({"narrative": "Describe the progress made"})
    remove_ids = {e.pk for e in remove_evidence}
    remaining_files = update.evidence.exclude(pk__in=remove_ids).exclude(file="").count()
    add_files = list(add_files)
    if remaining_files + len(add_files) > MAX_FILES_PER_UPDATE:
        raise ValidationError({"files": f"An update can have {MAX_FILES_PER_UPDATE} files or fewer"})
    checked = [(u, check_evidence_file(u.name, u.content, settings.EVIDENCE_MAX_BYTES)) for u in add_files]
    update.status = status
    update.percent_complete = percent_complete
    update.narrative = narrative.strip()
    update.next_steps = next_steps.strip()
    _as(update, by).save()
    for evidence in update.evidence.filter(pk__in=remove_ids):
        _remove_evidence(evidence, by)
    existing_links = set(update.evidence.exclude(url="").values_list("url", flat=True))
    for link in add_links:
        if link not in existing_links:
            _as(Evidence(update=update, url=link), by).save()
    for upload, file_type in checked:
        evidence = Evidence(
            update=update,
            original_name=safe_display_name(upload.name),
            content_type=file_type.content_type,
            size=len(upload.content),
        )
        evidence.file.save(upload.name, ContentFile(upload.content), save=False)
        _as(evidence, by).save()
    return update


@transaction.atomic
def withdraw_progress_update(update: ProgressUpdate, *, by) -> None:
    """Remove an update made in error while its round is open; the history keeps a copy of its text.

    Its evidence files are deleted from storage: a file uploaded by mistake (perhaps one that
    should never have been uploaded) must not linger where nobody can see or remove it.
    """
    if not can_change_update(by, update):
        raise PermissionDenied
    for evidence in update.evidence.all():
        _remove_evidence(evidence, by)
    _as(update, by).delete()


def _delete_file_after_commit(field_file) -> None:
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))


def _remove_evidence(evidence: Evidence, by) -> None:
    _delete_file_after_commit(evidence.file)
    _as(evidence, by).delete()


# --- Reporting rounds ------------------------------------------------------------------------


def quarter_round_name(day: date) -> str:
    """The name offered for a round: "Quarter N YYYY/YY", the financial-year quarter containing the day."""
    quarter = (day.month - 4) % 12 // 3 + 1
    start = day.year if day.month >= 4 else day.year - 1
    return f"Quarter {quarter} {start}/{(start + 1) % 100:02d}"


@transaction.atomic
def open_round(*, by, name: str, due_on: date, opened_at: datetime | None = None) -> ReportingRound:
    """Open a reporting round. Updates recorded since the last round closed join it."""
    if not can_manage_plan(by):
        raise PermissionDenied
    if ReportingRound.objects.select_for_update().filter(is_open=True).exists():
        raise ValidationError("Close the open reporting round before opening another")
    opened_at = opened_at or timezone.now()
    if due_on < timezone.localdate(opened_at):
        raise ValidationError({"due_on": "The due date must be today or later"})
    if ReportingRound.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": "A reporting round with this name already exists"})
    new_round = ReportingRound(name=name.strip(), due_on=due_on, opened_at=opened_at, opened_by=by)
    _as(new_round, by, opened_at).save()
    waiting = list(ProgressUpdate.objects.filter(round__isnull=True))
    for update in waiting:
        update.round = new_round
    if waiting:
        bulk_update_with_history(
            waiting, ProgressUpdate, ["round"], default_user=by, default_change_reason="Joined the new round"
        )
    return new_round


@transaction.atomic
def change_round(reporting_round: ReportingRound, *, by, name: str, due_on: date) -> ReportingRound:
    """Rename an open round or move its due date (for example to give leads more time)."""
    if not can_manage_plan(by):
        raise PermissionDenied
    if not reporting_round.is_open:
        raise ValidationError("A closed round cannot be changed")
    if ReportingRound.objects.filter(name__iexact=name.strip()).exclude(pk=reporting_round.pk).exists():
        raise ValidationError({"name": "A reporting round with this name already exists"})
    if due_on < timezone.localdate(reporting_round.opened_at):
        raise ValidationError({"due_on": "The due date must be on or after the day the round opened"})
    reporting_round.name = name.strip()
    reporting_round.due_on = due_on
    _as(reporting_round, by).save()
    return reporting_round


@transaction.atomic
def close_round(reporting_round: ReportingRound, *, by, closed_at: datetime | None = None) -> ReportingRound:
    """Close a round: its updates are frozen, and new updates wait for the next round."""
    if not can_manage_plan(by):
        raise PermissionDenied
    if not reporting_round.is_open:
        raise ValidationError("This reporting round is already closed")
    reporting_round.is_open = False
    reporting_round.closed_at = closed_at or timezone.now()
    reporting_round.closed_by = by
    _as(reporting_round, by, closed_at).save()
    return reporting_round


# --- Accreditations --------------------------------------------------------------------------


@dataclass
class AccreditationChange:
    status: str
    level: StandardLevel | None = None
    achieved_on: date | None = None
    renewal_due_on: date | None = None
    evidence_url: str = ""
    notes: str = ""
    evidence_file: EvidenceUpload | None = None
    remove_evidence_file: bool = False


def validate_accreditation(standard: EqualityStandard, change: AccreditationChange) -> None:
    errors = {}
    Status = OrganisationAccreditation.Status
    if change.status not in Status.values:
        errors["status"] = "Select the status"
    if change.level is not None and change.level.standard_id != standard.pk:
        errors["level"] = f"Select a level of {standard.short_name}"
    elif change.status == Status.HELD and standard.levels.exists() and change.level is None:
        errors["level"] = f"Select the level of {standard.short_name} held"
    elif change.status == Status.NOT_HELD and change.level is not None:
        errors["level"] = "Leave the level empty when the accreditation is not held"
    if change.status == Status.HELD and change.achieved_on is None:
        errors["achieved_on"] = "Enter the date the accreditation was achieved"
    if change.achieved_on and change.achieved_on > timezone.localdate():
        errors["achieved_on"] = "The date achieved must be today or in the past"
    if change.achieved_on and change.renewal_due_on and change.renewal_due_on <= change.achieved_on:
        errors["renewal_due_on"] = "The renewal or expiry date must be after the date achieved"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_accreditation(organisation, standard: EqualityStandard, change: AccreditationChange, *, by):
    """Record an organisation's status on an accreditation, replacing the previous one (kept in history)."""
    if not can_edit_accreditations(by, organisation):
        raise PermissionDenied
    if standard.kind != EqualityStandard.Kind.ACCREDITATION:
        raise ValidationError("Only frameworks and accreditations are recorded for each organisation")
    validate_accreditation(standard, change)
    record = OrganisationAccreditation.objects.filter(organisation=organisation, standard=standard).first()
    record = record or OrganisationAccreditation(organisation=organisation, standard=standard)
    record.status = change.status
    record.level = change.level
    record.achieved_on = change.achieved_on
    record.renewal_due_on = change.renewal_due_on
    record.evidence_url = change.evidence_url
    record.notes = change.notes.strip()
    if change.remove_evidence_file or (change.evidence_file is not None and record.evidence_file):
        _delete_file_after_commit(record.evidence_file)
    if change.remove_evidence_file:
        record.evidence_file = ""
        record.evidence_file_name = ""
        record.evidence_content_type = ""
    if change.evidence_file is not None:
        file_type = check_evidence_file(
            change.evidence_file.name, change.evidence_file.content, settings.EVIDENCE_MAX_BYTES
        )
        record.evidence_file.save(change.evidence_file.name, ContentFile(change.evidence_file.content), save=False)
        record.evidence_file_name = safe_display_name(change.evidence_file.name)
        record.evidence_content_type = file_type.content_type
    _as(record, by).save()
    return record
