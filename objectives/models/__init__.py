"""The Belonging Plan as data: what the plan says, who tracks each part of it, and how it is going."""

from objectives.models.accreditations import OrganisationAccreditation
from objectives.models.eds import (
    BOARD_APPROVED,
    EDS_ORGANISATION_KINDS,
    EdsAction,
    EdsAssessment,
    EdsEvidence,
    EdsRating,
    EdsService,
    EdsStatus,
)
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
    "BOARD_APPROVED",
    "EDS_ORGANISATION_KINDS",
    "LEVEL_ORDER",
    "PERIOD_ORDER",
    "STATUS_ORDER",
    "EdsAction",
    "EdsAssessment",
    "EdsEvidence",
    "EdsRating",
    "EdsService",
    "EdsStatus",
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
