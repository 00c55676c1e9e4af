"""What each plan model's history shows: the fields people care about, by their names on the pages."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from objectives.models import (
    EqualityObjective,
    EqualityStandard,
    Evidence,
    OrganisationAccreditation,
    PlanItem,
    Priority,
    PriorityMetric,
    ProgressUpdate,
    ReportingRound,
)


@dataclass(frozen=True)
class Tracked:
    """How to describe one model's history: the fields people care about and what to call a record."""

    model: type
    fields: tuple[tuple[str, str], ...]
    m2m: tuple[tuple[str, str, type], ...] = ()


USER = "user"
TRACKED = {
    "priority": Tracked(
        Priority,
        (
            ("title", "Priority"),
            ("level", "Level"),
            ("period", "Period"),
            ("position", "Position"),
            ("description", "Description"),
            ("objective_rationale", "Why it serves these objectives"),
            ("is_retired", "Retired"),
            ("retired_on", "Retired on"),
            ("retired_reason", "Reason for retiring"),
        ),
        (("objectives", "Objectives", EqualityObjective), ("standards", "Equality standards", EqualityStandard)),
    ),
    "metric": Tracked(PriorityMetric, ()),
    "item": Tracked(
        PlanItem,
        (("organisation", "Organisation"), ("place", "Place"), ("lead", "Named lead"), ("is_active", "Tracked")),
    ),
    "update": Tracked(
        ProgressUpdate,
        (
            ("status", "Status"),
            ("percent_complete", "Percent complete"),
            ("narrative", "Progress"),
            ("next_steps", "Next steps"),
            ("round", "Reporting round"),
        ),
    ),
    "evidence": Tracked(Evidence, (("url", "Link"), ("original_name", "File"))),
    "objective": Tracked(EqualityObjective, (("title", "Title"), ("description", "Description"))),
    "round": Tracked(ReportingRound, (("name", "Name"), ("due_on", "Due date"), ("is_open", "Open"))),
    "accreditation": Tracked(
        OrganisationAccreditation,
        (
            ("status", "Status"),
            ("level", "Level"),
            ("achieved_on", "Date achieved"),
            ("renewal_due_on", "Renewal or expiry date"),
            ("evidence_url", "Evidence link"),
            ("evidence_file_name", "Evidence file"),
            ("notes", "Notes"),
        ),
    ),
}


def foreign_key_target(model, name):
    """The model a tracked field points at (USER for users), or None if it is not a foreign key."""
    model_field = model._meta.get_field(name)
    if not model_field.is_relation:
        return None
    target = model_field.related_model
    return USER if target is get_user_model() else target
