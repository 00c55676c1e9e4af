"""The Belonging Plan as data: what the plan says, who tracks each part of it, and how it is going."""

from objectives.models.accreditations import OrganisationAccreditation
from objectives.models.plan import (
    LEVEL_ORDER,
    PERIOD_ORDER,
    EqualityObjective,
    EqualityStandard,
    Level,
    MeasureOfSuccess,
    Period,
    PlanItem,
    Priority,
    PriorityMetric,
    StandardLevel,
)
from objectives.models.progress import STATUS_ORDER, Evidence, ProgressUpdate, ReminderSent, ReportingRound, Status

__all__ = [
    "LEVEL_ORDER",
    "PERIOD_ORDER",
    "STATUS_ORDER",
    "EqualityObjective",
    "EqualityStandard",
    "Evidence",
    "Level",
    "MeasureOfSuccess",
    "OrganisationAccreditation",
    "Period",
    "PlanItem",
    "Priority",
    "PriorityMetric",
    "ProgressUpdate",
    "ReminderSent",
    "ReportingRound",
    "StandardLevel",
    "Status",
]
