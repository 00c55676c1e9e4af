"""Turning history records into entries people read: who changed what, when, from what to what."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, Subquery
from django.utils import formats, timezone

from objectives.eds.framework import framework
from objectives.history.tracked import TRACKED, USER, Tracked, foreign_key_target
from objectives.models import EdsRating, EdsService, EqualityObjective, EqualityStandard, PlanItem, ProgressUpdate
from organisations.models import Organisation, Place
from workforce.catalogue import metric_definition

EMPTY = "(empty)"
ACTIONS = {"+": "Added", "~": "Changed", "-": "Removed"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str | None
    after: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    subject: str
    changes: list[FieldChange] = field(default_factory=list)
    reason: str = ""


def _previous(history_model):
    """Subquery: the history_id of the record just before this one for the same object."""
    earlier = history_model.objects.filter(id=OuterRef("id")).filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
    )
    return Subquery(earlier.order_by("-history_date", "-history_id").values("history_id")[:1])


def _m2m_sets(tracked: Tracked, history_ids) -> dict[str, dict[int, set[int]]]:
    """For each tracked many-to-many field: history_id -> the related ids at that version."""
    result = {}
    for name, _label, target in tracked.m2m:
        model = apps.get_model(tracked.model._meta.app_label, f"Historical{tracked.model.__name__}_{name}")
        column = f"{target._meta.model_name}_id"
        sets = defaultdict(set)
        for history_id, target_id in model.objects.filter(history_id__in=_ids_or_none(history_ids)).values_list(
            "history_id", column
        ):
            sets[history_id].add(target_id)
        result[name] = sets
    return result


def _ids_or_none(ids):
    # A filter on an empty list is answered without a query; [-1] keeps the query count the same
    # whatever a page happens to contain.
    return list(ids) or [-1]


def describe(timeline: list[tuple[str, int, datetime]], sources) -> list[HistoryEntry]:
    """Build entries for (source, history_id, date) rows, in the order given.

    Runs the same queries for every page of a feed: a few per source, and one per kind of thing
    the sources can point at.
    """
    wanted = defaultdict(list)
    for source, history_id, _when in timeline:
        wanted[source].append(history_id)
    records, previous, m2m = {}, {}, {}
    for source in sources:
        tracked = TRACKED[source]
        history_model = tracked.model.history.model
        rows = list(
            history_model.objects.filter(history_id__in=_ids_or_none(wanted[source]))
            .select_related("history_user")
            .annotate(previous_id=_previous(history_model))
        )
        previous_ids = [r.previous_id for r in rows if r.previous_id]
        before = {r.history_id: r for r in history_model.objects.filter(history_id__in=_ids_or_none(previous_ids))}
        for row in rows:
            records[(source, row.history_id)] = row
            previous[(source, row.history_id)] = before.get(row.previous_id)
        if tracked.m2m:
            m2m[source] = _m2m_sets(tracked, wanted[source] + previous_ids)
    names = _names_for(sources, list(records.values()) + [p for p in previous.values() if p], m2m)
    entries = []
    for source, history_id, _when in timeline:
        row = records.get((source, history_id))
        if row is None or (TRACKED[source].changes_only and row.history_type != "~"):
            continue
        entry = _entry(source, row, previous[(source, history_id)], names, m2m.get(source, {}))
        if entry.changes or row.history_type != "~" or entry.reason:
            entries.append(entry)
    return entries


def _names_for(sources, rows, m2m) -> dict:
    """Display names of everything the rows point at, fetched with one query per kind of thing."""
    targets = set()
    for source in sources:
        tracked = TRACKED[source]
        targets |= {foreign_key_target(tracked.model, name) for name, _label in tracked.fields} - {None}
        targets |= {target for _name, _label, target in tracked.m2m}
    ids = {target: set() for target in targets}
    item_ids, update_ids = set(), set()
    for row in rows:
        tracked = next(t for t in TRACKED.values() if isinstance(row, t.model.history.model))
        for name, _label in tracked.fields:
            target = foreign_key_target(tracked.model, name)
            value = getattr(row, f"{name}_id", None) if target else None
            if value is not None:
                ids[target].add(value)
        item_ids.update(v for v in [getattr(row, "item_id", None)] if v is not None)
        update_ids.update(v for v in [getattr(row, "update_id", None)] if v is not None)
    for source, source_sets in m2m.items():
        for name, _label, target in TRACKED[source].m2m:
            for values in source_sets.get(name, {}).values():
                ids[target] |= values
    names = {"update_items": {}}
    if "evidence" in sources:
        # Evidence names its update; the update (possibly withdrawn since) names its item.
        pairs = ProgressUpdate.history.filter(id__in=_ids_or_none(update_ids)).values_list("id", "item_id")
        for update_id, item_id in pairs:
            names["update_items"][update_id] = item_id
            item_ids.add(item_id)
    for model, values in ids.items():
        if model == USER:
            for user in get_user_model().objects.filter(pk__in=_ids_or_none(values)):
                names[(USER, user.pk)] = user.get_full_name() or user.get_username()
        else:
            found = model.objects.filter(pk__in=_ids_or_none(values))
            if model is EdsRating:  # named by its outcome and service
                found = found.select_related("service")
            for obj in found:
                names[(model, obj.pk)] = _short_name(obj)
    if "update" in sources or "evidence" in sources:
        items = PlanItem.objects.select_related("priority", "organisation", "place")
        for item in items.filter(pk__in=_ids_or_none(item_ids)):
            names[("item", item.pk)] = f"{item.priority.code}, {item.owner_name}"
    return names


def _short_name(obj):
    if obj.__class__ is get_user_model():
        return obj.get_full_name() or obj.get_username()
    if isinstance(obj, EqualityObjective):
        return f"Objective {obj.number}"
    if isinstance(obj, EqualityStandard):
        return obj.short_name
    return str(obj)


def _display(row, name, names, tracked_model) -> str:
    target = foreign_key_target(tracked_model, name)
    if target is not None:
        value = getattr(row, f"{name}_id")
        if value is None:
            return EMPTY
        return names.get((target, value), "(removed)")
    value = getattr(row, name)
    model_field = tracked_model._meta.get_field(name)
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value) or EMPTY
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, date):
        return formats.date_format(value, "j F Y")
    if value is None or value == "" or value == []:
        return EMPTY
    if name == "protected_groups":
        labels = {group.code: group.label for group in framework().protected_groups}
        return "; ".join(labels.get(code, code) for code in value)
    if name == "percent_complete":
        return f"{value}%"
    return str(value)


def _is_default_flag(model, name, row) -> bool:
    """A yes/no field still at its default says nothing worth listing when a record is added."""
    model_field = model._meta.get_field(name)
    if model_field.is_relation:
        return False
    value = getattr(row, name)
    return isinstance(value, bool) and value == model_field.default


def _m2m_display(ids: set[int], target, names) -> str:
    labels = sorted(names.get((target, i), "(removed)") for i in ids)
    return ", ".join(labels) if labels else EMPTY


def _subject(source, row, names) -> str:
    if source == "priority":
        return f"Priority {row.code}"
    if source == "metric":
        definition = metric_definition(row.metric)
        return f"Linked workforce metric {definition.label if definition else row.metric}"
    if source == "item":
        owner = names.get((Organisation, row.organisation_id)) or names.get((Place, row.place_id)) or ""
        return f"Item for {owner}"
    if source == "update":
        return f"Progress update ({names.get(('item', row.item_id), '')})"
    if source == "evidence":
        item_id = names["update_items"].get(row.update_id)
        return f"Evidence ({names.get(('item', item_id), '')})"
    if source == "objective":
        return f"Objective {row.number}"
    if source == "round":
        return f"Reporting round {row.name}"
    if source.startswith("eds_"):
        return _eds_subject(source, row, names)
    return "Accreditation record"


def _eds_subject(source, row, names) -> str:
    if source == "eds_assessment":
        return f"EDS 2022 assessment {row.year - 1}/{str(row.year)[-2:]}"
    if source == "eds_service":
        return f"Domain 1 service {row.name}"
    if source == "eds_rating":
        service = names.get((EdsService, row.service_id)) if row.service_id else None
        return f"Rating of {row.outcome}" + (f" ({service})" if service else "")
    if source == "eds_evidence":
        return f"Evidence ({names.get((EdsRating, row.rating_id), 'a removed rating')})"
    return f"Action on {row.outcome}"


def _entry(source, row, before, names, m2m_sets) -> HistoryEntry:
    tracked = TRACKED[source]
    changes = []
    show_all = row.history_type == "+" or before is None
    if row.history_type != "-":
        for name, label in tracked.fields:
            after = _display(row, name, names, tracked.model)
            if show_all:
                if after != EMPTY and not _is_default_flag(tracked.model, name, row):
                    changes.append(FieldChange(label, None, after))
                continue
            previous = _display(before, name, names, tracked.model)
            if previous != after:
                changes.append(FieldChange(label, previous, after))
        for name, label, target in tracked.m2m:
            sets = m2m_sets.get(name, {})
            after_ids = sets.get(row.history_id, set())
            before_ids = sets.get(before.history_id, set()) if before is not None else None
            if show_all and after_ids:
                changes.append(FieldChange(label, None, _m2m_display(after_ids, target, names)))
            elif not show_all and before_ids != after_ids:
                changes.append(
                    FieldChange(label, _m2m_display(before_ids, target, names), _m2m_display(after_ids, target, names))
                )
    user = row.history_user
    who = (user.get_full_name() or user.get_username()) if user else "Portal setup"
    return HistoryEntry(
        when=row.history_date,
        who=who,
        action=ACTIONS[row.history_type],
        subject=_subject(source, row, names),
        changes=changes,
        reason=row.history_change_reason or "",
    )
