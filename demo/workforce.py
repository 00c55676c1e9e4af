"""Demo workforce data: synthetic ESR snapshots and plausible figures ESR does not hold. Never used in production."""

import random
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from demo.synthetic_esr import ORGANISATIONS, write_extract
from organisations.models import Organisation
from workforce.models import (
    SURVEY_INDICATORS,
    BoardMembership,
    FormalProcessFigures,
    RecruitmentFigures,
    Snapshot,
    StaffSurveyResults,
    TrainingFigures,
    reporting_year_for,
)
from workforce.services.esr_import import esr_extract_import

DEMO_SNAPSHOT_DATES = tuple(date(year, 3, 31) for year in range(2021, 2026))
LSC_WORKFORCE = 93_840  # assignments in an ICS-wide extract
DEMO_SEED = 2023


def load_demo_workforce(rows: int | None = None, log=print) -> None:
    """Enter demo figures for every organisation and import a synthetic ESR extract for each demo 31 March.

    Skips any date already held and any figures already entered, so a second run changes nothing. The
    figures go in first, so each import computes its year's metrics once, with them.
    """
    rows = rows or settings.DEMO_ESR_ROWS
    years = [reporting_year_for(day) for day in DEMO_SNAPSHOT_DATES]
    created = create_demo_figures(years)
    if created:
        log(f"Demo figures not held in ESR: {created} sets entered.")
    held = set(Snapshot.objects.values_list("snapshot_date", flat=True).distinct())
    with tempfile.TemporaryDirectory() as folder:
        for day in DEMO_SNAPSHOT_DATES:
            if day in held:
                continue
            path = Path(folder) / f"synthetic-esr-{day}.csv"
            # Slight growth year on year, as the LSC workforce has grown.
            year_rows = round(rows * (1 - 0.02 * (DEMO_SNAPSHOT_DATES[-1].year - day.year)))
            with path.open("w", encoding="utf-8", newline="") as stream:
                write_extract(stream, rows=year_rows, seed=DEMO_SEED, snapshot_date=day)
            report = esr_extract_import(path=path, snapshot_date=day, file_name=path.name)
            log(f"Demo ESR snapshot {day:%d %B %Y}: {report.rows:,} synthetic assignments ({report.status}).")


@transaction.atomic
def create_demo_figures(years) -> int:
    """Plausible recruitment, casework, training, survey and board figures for every organisation and year."""
    created = 0
    for organisation in Organisation.objects.order_by("pk"):
        staff = _demo_headcount(organisation)
        for year in years:
            rng = random.Random(f"{DEMO_SEED}-{organisation.slug}-{year}")
            drift = (year - years[0]) * 0.005  # BME share and declaration creep up year on year
            for model, values in (
                (RecruitmentFigures, _recruitment(rng, staff, drift)),
                (FormalProcessFigures, _formal_processes(rng, staff, drift)),
                (TrainingFigures, _training(rng, staff, drift)),
                (StaffSurveyResults, _survey(rng, staff, drift)),
                (BoardMembership, _board(rng)),
            ):
                _, was_created = model.objects.get_or_create(organisation=organisation, year=year, defaults=values)
                created += was_created
    return created


def _demo_headcount(organisation):
    sizes = {code: size for code, (size, _) in ORGANISATIONS.items()}
    total = sum(sizes.values())
    if organisation.ods_code in sizes:
        return int(settings.DEMO_ESR_ROWS * sizes[organisation.ods_code] / total)
    return int(settings.DEMO_ESR_ROWS / 30)  # a council's workforce


def _split(rng, total, shares):
    """Split a whole number into groups by shares, with a little noise; the first (largest) group takes the rest."""
    rest = [max(0, round(total * share * rng.uniform(0.85, 1.15))) for share in shares[1:]]
    return [max(0, total - sum(rest)), *rest]


def _recruitment(rng, staff, drift):
    shortlisted = int(staff * rng.uniform(0.2, 0.3))
    white, bme, unknown = _split(rng, shortlisted, (0.76 - drift, 0.21 + drift, 0.03))
    non_disabled, disabled, disability_unknown = _split(rng, shortlisted, (0.88 - drift, 0.07 + drift, 0.05))
    rate = rng.uniform(0.28, 0.34)
    return {
        "shortlisted_white": white,
        "shortlisted_bme": bme,
        "shortlisted_ethnicity_unknown": unknown,
        "appointed_white": int(white * rate),
        "appointed_bme": int(bme * rate * rng.uniform(0.55, 0.75)),
        "appointed_ethnicity_unknown": int(unknown * rate),
        "shortlisted_disabled": disabled,
        "shortlisted_non_disabled": non_disabled,
        "shortlisted_disability_unknown": disability_unknown,
        "appointed_disabled": int(disabled * rate * rng.uniform(0.8, 0.95)),
        "appointed_non_disabled": int(non_disabled * rate),
        "appointed_disability_unknown": int(disability_unknown * rate),
    }


def _formal_processes(rng, staff, drift):
    disciplinary = int(staff * rng.uniform(0.008, 0.012))
    capability = int(staff * rng.uniform(0.002, 0.004))
    white, bme, unknown = _split(rng, disciplinary, (0.8 - drift, 0.17 + drift, 0.03))
    non_disabled, disabled, disability_unknown = _split(rng, capability, (0.8, 0.12, 0.08))
    return {
        "disciplinary_white": white,
        "disciplinary_bme": bme,
        "disciplinary_ethnicity_unknown": unknown,
        "capability_disabled": disabled,
        "capability_non_disabled": non_disabled,
        "capability_disability_unknown": disability_unknown,
    }


def _training(rng, staff, drift):
    white, bme, unknown = _split(rng, int(staff * rng.uniform(0.45, 0.6)), (0.87 - drift, 0.1 + drift, 0.03))
    return {"training_white": white, "training_bme": bme, "training_ethnicity_unknown": unknown}


# Typical NHS Staff Survey percentages (group A, group B) for each indicator.
_SURVEY_BASE = {
    "wres_5": (25.0, 28.0), "wres_6": (21.0, 27.0), "wres_7": (58.0, 45.0), "wres_8": (6.0, 16.0),
    "wdes_4a_patients": (31.0, 24.0), "wdes_4a_managers": (14.0, 8.0), "wdes_4a_colleagues": (22.0, 15.0),
    "wdes_4b": (50.0, 48.0), "wdes_5": (52.0, 57.0), "wdes_6": (28.0, 19.0), "wdes_7": (35.0, 45.0),
    "wdes_8": (72.0, None), "wdes_9a": (6.5, 7.0),
}  # fmt: skip


def _survey(rng, staff, drift):
    respondents = int(staff * rng.uniform(0.35, 0.5))
    counts = {
        "white": int(respondents * 0.85),
        "bme": int(respondents * (0.1 + drift)),
        "disabled": int(respondents * (0.2 + drift)),
        "non_disabled": int(respondents * 0.75),
    }
    values = {"wdes_9b_voices_action": rng.random() < 0.8}
    for indicator in SURVEY_INDICATORS:
        base = _SURVEY_BASE[indicator.code]
        for group, centre in zip(indicator.groups, base, strict=False):
            top = 10 if indicator.measure == "score" else 100
            spread = 0.4 if indicator.measure == "score" else 3.0
            value = min(top, max(0, centre + rng.uniform(-spread, spread)))
            values[f"{indicator.code}_{group}_{indicator.measure}"] = Decimal(f"{value:.1f}")
            values[f"{indicator.code}_{group}_respondents"] = counts[group]
    return values


def _board(rng):
    members, voting, executive = 14, 12, 7
    values = {}
    for kind, total in (("members", members), ("voting_members", voting), ("executive_members", executive)):
        bme = min(total, rng.choice((0, 1, 1, 2)))
        disabled = min(total, rng.choice((0, 0, 1)))
        values.update(
            {
                f"{kind}_white": total - bme,
                f"{kind}_bme": bme,
                f"{kind}_ethnicity_unknown": 0,
                f"{kind}_disabled": disabled,
                f"{kind}_non_disabled": total - disabled,
                f"{kind}_disability_unknown": 0,
            }
        )
    # Voting and executive members are among the members, group by group.
    for group in ("bme", "disabled"):
        for kind in ("voting_members", "executive_members"):
            values[f"{kind}_{group}"] = min(values[f"{kind}_{group}"], values[f"members_{group}"])
        for kind, total in (("voting_members", voting), ("executive_members", executive)):
            other = "white" if group == "bme" else "non_disabled"
            values[f"{kind}_{other}"] = total - values[f"{kind}_{group}"]
    return values
