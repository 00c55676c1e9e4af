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
    objectives, new_objectives = _records_load(
        EqualityObjective, data["objectives"], key="number", fields=("title", "description", "source")
    )
    standards, new_standards = _records_load(
        EqualityStandard, data["standards"], key="slug", fields=("name", "short_name", "kind", "source")
    )
    levels = {row["slug"]: row["levels"] for row in data["standards"]}
    for standard in new_standards:
        for rank, name in enumerate(levels[standard.slug], start=1):
            StandardLevel.objects.create(standard=standard, name=name, rank=rank)
    return PlanLoadSummary(
        objectives=len(new_objectives),
        standards=len(new_standards),
        priorities=_priorities_load(data["priorities"], objectives, standards),
        measures=_measures_load(data["measures"], standards),
        items=plan_items_ensure(),
        metric_links=priority_metric_links_seed(
            links={row["code"]: row.get("metrics", []) for row in data["priorities"]}
        ),
    )


def _records_load(model, rows, *, key: str, fields: tuple[str, ...]) -> tuple[dict, list]:
    """The model's records for the rows, by `key`, creating the missing ones; and the list of those created."""
    records, created = {}, []
    for row in rows:
        record, is_new = model.objects.get_or_create(**{key: row[key]}, defaults={name: row[name] for name in fields})
        records[row[key]] = record
        if is_new:
            created.append(record)
    return records, created


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
