"""Selectors that read what the metrics are computed from: staff records and the figures ESR does not hold.

They turn database rows into the plain inputs of `workforce.metrics` (StaffMember, OrganisationFigures),
one query per table, reading only the columns the calculations use. Their caller is
`workforce.services.metric_recompute.metrics_recompute`.

Years: the metrics of reporting year Y (Y = 2025 is 1 April 2024 to 31 March 2025) use each organisation's
ESR snapshot dated in that year, normally 31 March Y; if an organisation has more than one, the latest.
The figures ESR does not hold are those entered for year Y. An organisation with no snapshot in year Y
takes no part in that year's metrics (its entered figures are left out too, so that, for example, a
place's disciplinary cases are never divided by a headcount that does not include that organisation).
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, FloatField, Q, Value
from django.db.models.functions import Cast, Coalesce, Substr

from organisations.models import Organisation
from workforce.census import CENSUS_FILES
from workforce.metrics import METRICS_VERSION
from workforce.metrics.inputs import BoardComposition, OrganisationFigures, Shortlisting, StaffMember, SurveyResult
from workforce.models import (
    SURVEY_INDICATORS,
    BoardMembership,
    CatchmentArea,
    FormalProcessFigures,
    RecruitmentFigures,
    Snapshot,
    StaffRecord,
    StaffSurveyResults,
    TrainingFigures,
    reporting_year_for,
)
from workforce.vocabulary import Religion, SexualOrientation

FIGURES_MODELS = (RecruitmentFigures, FormalProcessFigures, TrainingFigures, StaffSurveyResults, BoardMembership)

# The entered figures' group suffixes, as the metrics name the groups.
ETHNIC_GROUPS = {"white": "white", "bme": "bme", "ethnicity_unknown": "unknown"}
DISABILITY_GROUPS = {"disabled": "disabled", "non_disabled": "non_disabled", "disability_unknown": "unknown"}
# StaffSurveyResults field prefixes -> the key WRES or WDES publishes the indicator under.
SURVEY_KEYS = {
    "wres_5": ("wres", "5"),
    "wres_6": ("wres", "6"),
    "wres_7": ("wres", "7"),
    "wres_8": ("wres", "8"),
    "wdes_4a_patients": ("wdes", "4a_i"),
    "wdes_4a_managers": ("wdes", "4a_ii"),
    "wdes_4a_colleagues": ("wdes", "4a_iii"),
    "wdes_4b": ("wdes", "4b"),
    "wdes_5": ("wdes", "5"),
    "wdes_6": ("wdes", "6"),
    "wdes_7": ("wdes", "7"),
    "wdes_8": ("wdes", "8"),
    "wdes_9a": ("wdes", "9a"),
}


@dataclass(frozen=True)
class YearSnapshots:
    """The snapshots one reporting year's metrics use: one per organisation that has any."""

    year: int
    snapshots: list  # Snapshot, with organisation and its place

    @property
    def organisations(self) -> list[Organisation]:
        return [snapshot.organisation for snapshot in self.snapshots]

    @property
    def latest_date(self) -> date | None:
        return max((snapshot.snapshot_date for snapshot in self.snapshots), default=None)


def metric_years() -> list[int]:
    """The reporting years that have at least one ESR snapshot, oldest first."""
    dates = Snapshot.objects.order_by().values_list("snapshot_date", flat=True).distinct()
    return sorted({reporting_year_for(day) for day in dates})


def year_snapshots(year: int) -> YearSnapshots:
    """Each organisation's latest snapshot dated in reporting year `year` (one query)."""
    start, end = date(year - 1, 4, 1), date(year, 3, 31)
    latest: dict[int, Snapshot] = {}
    for snapshot in (
        Snapshot.objects.filter(snapshot_date__range=(start, end))
        .select_related("organisation__place")
        .order_by("organisation_id", "snapshot_date")
    ):
        latest[snapshot.organisation_id] = snapshot
    return YearSnapshots(year, sorted(latest.values(), key=lambda snapshot: snapshot.organisation.name))


def staff_members(snapshots: list[Snapshot]) -> list[StaffMember]:
    """The staff records of the given snapshots as StaffMember inputs, in one query.

    The query is built by the ORM and run on a plain cursor, so each row arrives as a tuple already in
    StaffMember's field order and becomes one with `_make`: Django's per-value converters would take
    longer than the rest of the read (about 94,000 rows x 24 columns for the ICS). The database does the
    conversions instead: money and hours as floats (the calculations need no more than float precision),
    contracted hours empty (some bank staff) as 0, which keeps them out of the hourly pay measures as no
    hours do, full-pay relevant as not marked otherwise and not on reduced pay because of leave, the
    ordinary pay as the pay gap's weekly figure (`_ordinary_weekly_pay`), and "declared" sexual orientation
    or religion as any answer other than not declared (so "Undecided" is declared). On SQLite the flags
    arrive as 0 and 1, which the calculations treat as False and True.
    """
    if not snapshots:
        return []
    query = (
        StaffRecord.objects.filter(snapshot_id__in=[snapshot.pk for snapshot in snapshots])
        .order_by()
        .values_list(
            "snapshot__organisation_id",
            "is_primary_assignment",
            "is_bank",
            "staff_group",
            "is_clinical",
            "pay_band",
            "medical_grade",
            Cast("fte", FloatField()),
            Coalesce(Cast("contracted_hours", FloatField()), Value(0.0)),
            Cast("hourly_rate", FloatField()),
            Cast("bonus_pay", FloatField()),
            ExpressionWrapper(Q(is_full_pay_relevant=True, is_on_reduced_pay_leave=False), BooleanField()),
            "sex",
            "age_band",
            "ethnic_group",
            "disability_group",
            _declared("sexual_orientation", SexualOrientation.NOT_DECLARED),
            _declared("religion", Religion.NOT_DECLARED),
            "is_board_member",
            "is_voting_board_member",
            "is_executive_board_member",
            # A 64-bit prefix of the keyed hash is enough to tell one organisation's people apart (two of 100,000
            # people share one with a chance of about 1 in 4,000 million) and a quarter of the bytes to read.
            Substr("employee_key", 1, 16),
            _ordinary_weekly_pay(),
            Cast("weekly_working_hours", FloatField()),
        )
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(map(StaffMember._make, cursor.fetchall()))


def _ordinary_weekly_pay():
    """SI 2017/353 Schedule 1 paragraph 6's weekly pay: (ordinary pay + bonus pay in the relevant pay period)
    x 7 / the days in the period; empty when the extract gave no ordinary pay."""
    pay = Cast(F("ordinary_pay") + F("period_bonus_pay"), FloatField()) * Value(7.0)
    return ExpressionWrapper(pay / Cast("pay_period_days", FloatField()), output_field=FloatField())


def _declared(field: str, not_declared: str):
    return ExpressionWrapper(~Q(**{field: not_declared}), output_field=BooleanField())


def organisation_figures(year: int, organisation_ids) -> list[OrganisationFigures]:
    """The figures ESR does not hold that the organisations entered for `year`, one query per kind of figure,
    and their formal process figures for the year before (year - 1), which WRES 3 and WDES 3's two-year
    rolling averages read."""
    organisation_ids = list(organisation_ids)
    found: dict[int, dict] = {organisation: {} for organisation in organisation_ids}

    def rows(model):
        return model.objects.filter(year=year, organisation_id__in=organisation_ids)

    for figures in rows(RecruitmentFigures):
        found[figures.organisation_id]["recruitment_by_ethnicity"] = _shortlisting(figures, ETHNIC_GROUPS)
        found[figures.organisation_id]["recruitment_by_disability"] = _shortlisting(figures, DISABILITY_GROUPS)
    for figures in rows(FormalProcessFigures):
        found[figures.organisation_id].update(_formal_process(figures))
    for figures in rows(TrainingFigures):
        found[figures.organisation_id]["non_mandatory_training_by_ethnicity"] = _counts(
            figures, "training", ETHNIC_GROUPS
        )
    for figures in rows(StaffSurveyResults):
        found[figures.organisation_id].update(_survey(figures))
    for figures in rows(BoardMembership):
        found[figures.organisation_id]["board_by_ethnicity"] = _board(figures, ETHNIC_GROUPS)
        found[figures.organisation_id]["board_by_disability"] = _board(figures, DISABILITY_GROUPS)
    previous: dict[int, dict] = {}
    for figures in FormalProcessFigures.objects.filter(year=year - 1, organisation_id__in=organisation_ids):
        previous[figures.organisation_id] = _formal_process(figures)
    return [
        OrganisationFigures(organisation_id=organisation, year=year, **values)
        for organisation, values in found.items()
        if values
    ] + [
        OrganisationFigures(organisation_id=organisation, year=year - 1, **values)
        for organisation, values in previous.items()
    ]


def _formal_process(figures: FormalProcessFigures) -> dict:
    return {
        "entering_disciplinary_by_ethnicity": _counts(figures, "disciplinary", ETHNIC_GROUPS),
        "entering_capability_by_disability": _counts(figures, "capability", DISABILITY_GROUPS),
    }


def _shortlisting(figures, groups) -> dict:
    return {
        group: Shortlisting(getattr(figures, f"shortlisted_{suffix}"), getattr(figures, f"appointed_{suffix}"))
        for suffix, group in groups.items()
    }


def _counts(figures, prefix, groups) -> dict:
    return {group: getattr(figures, f"{prefix}_{suffix}") for suffix, group in groups.items()}


def _board(figures, groups) -> BoardComposition:
    return BoardComposition(
        **{
            membership: _counts(figures, prefix, groups)
            for membership, prefix in (
                ("all_members", "members"),
                ("voting_members", "voting_members"),
                ("executive_members", "executive_members"),
            )
        }
    )


def _survey(figures) -> dict:
    """wres_survey and wdes_survey keyed as the standards number them; a result counts only with both its
    value and its number of respondents (without the respondents it cannot be checked for small numbers)."""
    surveys: dict = {"wres_survey": {}, "wdes_survey": {}}
    for indicator in SURVEY_INDICATORS:
        standard, key = SURVEY_KEYS[indicator.code]
        for group in indicator.groups:
            value, respondents = figures.result(indicator.code, group)
            if value is not None and respondents is not None:
                surveys[f"{standard}_survey"].setdefault(key, {})[group] = SurveyResult(float(value), respondents)
    surveys["facilitates_disabled_staff_voices"] = figures.wdes_9b_voices_action
    return surveys


def metric_inputs_signature(snapshots: YearSnapshots) -> str:
    """A digest of everything a year's metrics are computed from (14 queries).

    It changes when a snapshot is imported or replaced, an organisation moves place, an organisation or
    place is renamed or changes its address (slug), figures for the year are saved or deleted, the
    suppression threshold or the Census comparators change, or METRICS_VERSION is raised (do that when a
    calculation changes); and whenever the previous year's own inputs change, since WRES 3 and WDES 3
    average that year's figures with this one's: recomputing the previous year leaves this one out of date.
    """
    previous = year_snapshots(snapshots.year - 1)
    parts = {
        "year": _own_signature(snapshots),
        "previous_year": _own_signature(previous),
        "previous_formal_process": _figures_versions(
            FormalProcessFigures, snapshots.year - 1, [s.organisation_id for s in snapshots.snapshots]
        ),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _figures_versions(model, year: int, organisation_ids: list[int]) -> list:
    return [
        [organisation, pk, updated.isoformat()]
        for organisation, pk, updated in model.objects.filter(Q(year=year) & Q(organisation_id__in=organisation_ids))
        .order_by("organisation_id")
        .values_list("organisation_id", "pk", "updated_at")
    ]


def _own_signature(snapshots: YearSnapshots) -> dict:
    """What one year's metrics read of that year: its snapshots, its entered figures and the settings."""
    organisation_ids = [snapshot.organisation_id for snapshot in snapshots.snapshots]
    return {
        "version": METRICS_VERSION,
        "threshold": settings.SUPPRESSION_THRESHOLD,
        "census": [hashlib.sha256(path.read_bytes()).hexdigest() for path in CENSUS_FILES],
        "catchments": [
            [organisation, code, str(weight), updated.isoformat()]
            for organisation, code, weight, updated in CatchmentArea.objects.order_by("pk").values_list(
                "organisation_id", "local_authority", "weight", "updated_at"
            )
        ],
        "snapshots": [
            [
                snapshot.pk,
                snapshot.import_batch_id,
                snapshot.row_count,
                snapshot.snapshot_date.isoformat(),
                snapshot.organisation.slug,
                snapshot.organisation.name,
                [snapshot.organisation.place.slug, snapshot.organisation.place.name]
                if snapshot.organisation.place
                else None,
            ]
            for snapshot in snapshots.snapshots
        ],
        "figures": {
            model.__name__: _figures_versions(model, snapshots.year, organisation_ids) for model in FIGURES_MODELS
        },
    }
