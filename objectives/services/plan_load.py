"""Loading the Belonging Plan from `objectives/data/plan.json` (run by setup_portal, and again safely)."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Permission
from django.db import transaction

from objectives.models import (
    EqualityObjective,
    EqualityStandard,
    Level,
    MeasureOfSuccess,
    Period,
    Priority,
    PriorityMetric,
    StandardLevel,
)
from objectives.services.items import plan_items_ensure
from objectives.services.recording import save_with_one_history_record
from organisations.permissions import Role, ensure_role_groups

PLAN_DATA = Path(__file__).resolve().parent.parent / "data" / "plan.json"
PLAN_SOURCE = "ICS Belonging Plan 2023 to 2028"
PERIOD_HEADING = {Period.YEAR_1: "Year 1 (from April 2023)", Period.YEARS_2_TO_5: "Year 2–5"}
LEVEL_HEADING = {Level.PLACE: "Place", Level.ICS: "ICS level", Level.ORGANISATION: "Individual organisation in the ICS"}


@dataclass
class PlanLoadSummary:
    """How many of each part of the plan a load created."""

    objectives: int = 0
    standards: int = 0
    priorities: int = 0
    measures: int = 0
    items: int = 0
    metric_links: int = 0


@transaction.atomic
def plan_load(*, path: Path = PLAN_DATA) -> PlanLoadSummary:
    """Create whatever part of the plan is missing from the database; return how many of each were created.

    Existing records are left as they are, because admins own the plan once it is loaded: a
    priority they reworded or retired stays that way when setup runs again.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    summary = PlanLoadSummary()
    objectives = _objectives_load(data["objectives"], summary)
    standards = _standards_load(data["standards"], summary)
    summary.priorities = _priorities_load(data["priorities"], objectives, standards)
    summary.measures = _measures_load(data["measures"], standards)
    summary.items = plan_items_ensure()
    summary.metric_links = priority_metric_links_seed(
        links={row["code"]: row.get("metrics", []) for row in data["priorities"]}
    )
    return summary


def _objectives_load(rows, summary: PlanLoadSummary) -> dict[int, EqualityObjective]:
    objectives = {}
    for row in rows:
        objective, created = EqualityObjective.objects.get_or_create(
            number=row["number"],
            defaults={"title": row["title"], "description": row["description"], "source": row["source"]},
        )
        objectives[objective.number] = objective
        summary.objectives += created
    return objectives


def _standards_load(rows, summary: PlanLoadSummary) -> dict[str, EqualityStandard]:
    standards = {}
    for row in rows:
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
    return standards


def _priorities_load(rows, objectives, standards) -> int:
    created = 0
    for row in rows:
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
        save_with_one_history_record(
            priority,
            created=True,
            objectives=[objectives[n] for n in row["objectives"]],
            standards=[standards[s] for s in row["standards"]],
        )
        created += 1
    return created


def _measures_load(rows, standards) -> int:
    created = 0
    for row in rows:
        if MeasureOfSuccess.objects.filter(key=row["key"]).exists():
            continue
        measure = MeasureOfSuccess(
            key=row["key"], term=row["term"], text=row["text"], position=row["position"], source=row["source"]
        )
        save_with_one_history_record(measure, created=True, standards=[standards[s] for s in row["standards"]])
        created += 1
    return created


def priority_metric_links_seed(*, links: dict[str, list[str]]) -> int:
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


def admin_plan_permissions_grant() -> None:
    """Let the Admin role work on the plan's models in the Django admin site (bulk edits).

    The admin site still refuses what the model admins refuse (deleting priorities, editing
    progress updates), and every change it makes is kept in history.
    """
    admins = ensure_role_groups()[Role.ADMIN]
    admins.permissions.add(*Permission.objects.filter(content_type__app_label="objectives"))
