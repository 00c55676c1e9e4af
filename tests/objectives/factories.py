"""Factories for plan objects. Each returns a saved object with sensible defaults."""

import itertools
from datetime import timedelta

from django.utils import timezone

from objectives.models import (
    EqualityObjective,
    Level,
    Period,
    PlanItem,
    Priority,
    ProgressUpdate,
    ReportingRound,
    Status,
)

_sequence = itertools.count(1)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_objective(number=None, **overrides):
    number = number or 100 + next(_sequence)
    fields = {"number": number, "title": f"Objective {number} title"}
    fields.update(overrides)
    return EqualityObjective.objects.get_or_create(number=number, defaults=fields)[0]


def make_priority(level=Level.ORGANISATION, period=Period.YEAR_1, objectives=None, **overrides):
    n = next(_sequence)
    fields = {"code": f"T-{n}", "level": level, "period": period, "position": n, "title": f"Test priority {n}"}
    fields.update(overrides)
    priority = Priority.objects.create(**fields)
    priority.objectives.set(objectives or [make_objective(1)])
    return priority


def make_item(priority=None, organisation=None, place=None, **overrides):
    if priority is None:
        level = Level.PLACE if place is not None else Level.ORGANISATION
        priority = make_priority(level=level)
    # An organisation added after an individual-organisation priority already has its item (signal).
    item, _ = PlanItem.objects.get_or_create(priority=priority, organisation=organisation, place=place)
    for name, value in overrides.items():
        setattr(item, name, value)
    if overrides:
        item.save()
    return item


def make_round(name=None, due_in_days=14, is_open=True, **overrides):
    n = next(_sequence)
    now = timezone.now()
    fields = {
        "name": name or f"Round {n}",
        "opened_at": now - timedelta(days=7),
        "due_on": timezone.localdate() + timedelta(days=due_in_days),
        "is_open": is_open,
        "closed_at": None if is_open else now,
    }
    fields.update(overrides)
    return ReportingRound.objects.create(**fields)


def make_update(item, status=Status.GREEN, percent_complete=50, reporting_round=None, recorded_at=None, **overrides):
    fields = {
        "item": item,
        "status": status,
        "percent_complete": percent_complete,
        "narrative": "Progress made",
        "round": reporting_round,
        "recorded_at": recorded_at or timezone.now(),
    }
    fields.update(overrides)
    return ProgressUpdate.objects.create(**fields)
