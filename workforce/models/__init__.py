"""The workforce app's models, one module per concern, imported here so Django and callers find them.

- esr: ImportBatch, Snapshot and StaffRecord, what an ESR extract loads;
- figures: the figures ESR does not hold (recruitment, formal processes, training, board, staff survey);
- results: MetricResult, the stored equality metrics;
- reporting_years: the reporting year of a date, and its label;
- census: CatchmentArea, the local authorities each organisation's Census comparator adds up.
"""

from workforce.models.census import CatchmentArea
from workforce.models.esr import ImportBatch, Snapshot, StaffRecord
from workforce.models.figures import (
    SURVEY_INDICATORS,
    AnnualFigures,
    BoardMembership,
    FormalProcessFigures,
    RecruitmentFigures,
    StaffSurveyResults,
    SurveyIndicator,
    TrainingFigures,
)
from workforce.models.reporting_years import reporting_year_for, reporting_year_label
from workforce.models.results import MetricResult

__all__ = [
    "SURVEY_INDICATORS",
    "AnnualFigures",
    "BoardMembership",
    "CatchmentArea",
    "FormalProcessFigures",
    "ImportBatch",
    "MetricResult",
    "RecruitmentFigures",
    "Snapshot",
    "StaffRecord",
    "StaffSurveyResults",
    "SurveyIndicator",
    "TrainingFigures",
    "reporting_year_for",
    "reporting_year_label",
]
