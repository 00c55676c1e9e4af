"""Factories for plan objects. Each returns a saved object with sensible defaults."""

import itertools
import json
from datetime import date, timedelta

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
from workforce.models import MetricResult, reporting_year_label

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


def figure(value, display=None, *, suppressed=False, reason="", note=""):
    """A stored figure as workforce.selectors returns it."""
    if display is None:
        display = "*" if suppressed else f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
    return {"value": value, "display": display, "suppressed": suppressed, "reason": reason, "note": note}


def hidden_figure(reason="group below threshold", note="Fewer than 7 people in a group."):
    return figure(None, "*", suppressed=True, reason=reason, note=note)


def likelihood(
    ratio, first_group="White applicants", second_group="BME applicants", event="appointed from shortlisting"
):
    """A stored relative likelihood; `ratio` is a figure."""
    shown = ratio["value"] is not None
    return {
        "ratio": ratio,
        "ci_lower": figure(round(ratio["value"] - 0.2, 2)) if shown else hidden_figure(),
        "ci_upper": figure(round(ratio["value"] + 0.2, 2)) if shown else hidden_figure(),
        "inverse": figure(round(1 / ratio["value"], 2)) if shown else hidden_figure(),
        "adverse_impact": (not 0.8 <= ratio["value"] <= 1.25) if shown else None,
        "may_be_chance": False if shown else None,
        "first_group": first_group,
        "second_group": second_group,
        "event": event,
    }


def store_ics_result(year, threshold=7, **parts):
    """Store the ICS's metric result for a reporting year with only the given parts (wres=..., pay_gap=...)."""
    data = {
        "scope": {
            "key": "ics",
            "kind": "ics",
            "label": "Lancashire and South Cumbria ICS",
            "year": year,
            "year_label": reporting_year_label(year),
            "snapshot_date": f"{year}-03-31",
            "threshold": threshold,
        },
        **parts,
    }
    return MetricResult.objects.create(
        scope_key="ics",
        scope_kind="ics",
        year=year,
        snapshot_date=date(year, 3, 31),
        computed_at=timezone.now(),
        input_signature="test",
        data_json=json.dumps(data),
    )
