"""What each plan model's history shows: the fields people care about, by their names on the pages."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from objectives.models import (
    EdsAction,
    EdsAssessment,
    EdsEvidence,
    EdsRating,
    EdsService,
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
    # Only changes are worth reading: the record is added and removed with its parent, whose entry says so.
    changes_only: bool = False


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
    "eds_assessment": Tracked(
        EdsAssessment,
        (
            ("status", "Status"),
            ("lead_name", "Assessment lead"),
            ("reviewed_on", "Date of the review"),
            ("staff_networks", "Staff networks"),
            ("patient_groups", "Patient and community groups"),
            ("partners", "Community and voluntary partners"),
            ("other_participants", "Others who took part"),
            ("peer_review_summary", "Peer review summary"),
            ("approved_on", "Date the board approved it"),
            ("approved_by_body", "Approved by"),
            ("published_on", "Date published"),
            ("published_url", "Where it is published"),
        ),
        (("peer_reviewers", "Peer reviewers", get_user_model()),),
    ),
    "eds_service": Tracked(
        EdsService,
        (
            ("name", "Service"),
            ("why_chosen", "Why it was chosen"),
            ("protected_groups", "Groups it looked at"),
            ("other_groups", "Other groups it looked at"),
        ),
    ),
    "eds_rating": Tracked(
        EdsRating,
        (
            ("service", "Service"),
            ("rating", "Rating"),
            ("evidence", "Evidence summary"),
            ("owner", "Owner"),
            ("peer_rating", "Peer rating"),
            ("peer_comment", "Peer reviewer's comment"),
        ),
        changes_only=True,
    ),
    "eds_evidence": Tracked(EdsEvidence, (("rating", "Outcome"), ("url", "Link"), ("original_name", "File"))),
    "eds_action": Tracked(
        EdsAction,
        (
            ("outcome", "Outcome"),
            ("action", "Action"),
            ("owner", "Owner"),
            ("due_on", "Due date"),
            ("status", "Status"),
            ("priority", "Belonging Plan priority"),
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
