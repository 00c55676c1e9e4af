"""Benchmark: the pure metric calculations for a 93,840-person ICS snapshot.

Builds synthetic StaffMember rows (no database, no real data) and times `compute_metric_set` for the
whole ICS and for each organisation. Run: .venv/bin/python bench/metrics_pure.py
"""

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lsc_belonging.settings")

from workforce.metrics.inputs import StaffMember  # noqa: E402
from workforce.metrics.metric_set import ScopeSpec, as_plain_data, compute_metric_set, compute_metric_sets  # noqa: E402
from workforce.metrics.representation import PopulationProfile  # noqa: E402
from workforce.vocabulary import AGE_BANDS  # noqa: E402

ROWS = 93_840
BANDS = ["1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "vsm", "medical", "other"]
BAND_WEIGHTS = [1, 12, 14, 10, 18, 14, 10, 4, 2, 1, 0.5, 0.2, 0.1, 9, 3]
BAND_RATE = {
    "1": 11,
    "2": 11.5,
    "3": 12.5,
    "4": 14,
    "5": 17,
    "6": 21,
    "7": 25,
    "8a": 29,
    "8b": 34,
    "8c": 41,
    "8d": 49,
    "9": 58,
    "vsm": 70,
    "medical": 45,
    "other": 15,
}


def synthetic_staff(rows: int = ROWS, seed: int = 2025) -> list[StaffMember]:
    rng = random.Random(seed)
    staff = []
    for _ in range(rows):
        band = rng.choices(BANDS, BAND_WEIGHTS)[0]
        hours = rng.choice([37.5, 37.5, 37.5, 30, 22.5, 15, 0])
        staff.append(
            StaffMember(
                organisation_id=rng.randint(1, 8),
                is_primary_assignment=rng.random() > 0.05,
                is_bank=rng.random() < 0.08,
                staff_group="Nursing and Midwifery Registered",
                is_clinical=band == "medical" or rng.random() < 0.6,
                pay_band=band,
                medical_grade=rng.choice(["consultant", "career_grade", "trainee"]) if band == "medical" else "",
                fte=hours / 37.5,
                contracted_hours=hours,
                hourly_rate=None if hours == 0 else round(BAND_RATE[band] * rng.uniform(0.95, 1.1), 2),
                bonus_pay=rng.choice([0] * 30 + [500, 1500, 3000]) if band == "medical" else 0,
                is_full_pay_relevant=rng.random() > 0.04,
                sex=rng.choices(["female", "male", "unknown"], [77, 22, 1])[0],
                age_band=rng.choice(AGE_BANDS),
                ethnic_group=rng.choices(["white", "bme", "unknown"], [80, 15, 5])[0],
                disability_group=rng.choices(["non_disabled", "disabled", "unknown"], [80, 6, 14])[0],
                sexual_orientation_declared=rng.random() > 0.2,
                religion_declared=rng.random() > 0.25,
                is_board_member=rng.random() < 0.0015,
            )
        )
    return staff


def main() -> None:
    started = time.perf_counter()
    staff = synthetic_staff()
    built = time.perf_counter() - started
    population = PopulationProfile(area="ICS", bme_percent=11.0)

    started = time.perf_counter()
    metric_set = compute_metric_set(staff, scope_kind="ics", scope_name="ICS", year=2025, population=population)
    ics_seconds = time.perf_counter() - started

    started = time.perf_counter()
    plain = as_plain_data(metric_set)
    plain_seconds = time.perf_counter() - started

    started = time.perf_counter()
    for organisation in range(1, 9):
        compute_metric_set(
            staff, scope_kind="organisation", scope_name=str(organisation), year=2025, organisation_ids=[organisation]
        )
    organisations_seconds = time.perf_counter() - started

    places = {"place A": {1, 2}, "place B": {3}, "place C": {4, 5}, "place D": {6}}
    scopes = [ScopeSpec("organisation", f"organisation {o}", frozenset({o})) for o in range(1, 9)]
    scopes += [ScopeSpec("place", name, frozenset(ids)) for name, ids in places.items()]
    scopes.append(ScopeSpec("ics", "ICS", frozenset(range(1, 9)), population))
    started = time.perf_counter()
    compute_metric_sets(staff, [], scopes, year=2025)
    joint_seconds = time.perf_counter() - started

    print(f"rows: {len(staff):,} synthetic StaffMember records (built in {built:.2f} s)")
    print(f"compute_metric_set, whole ICS: {ics_seconds:.3f} s")
    print(f"as_plain_data (JSON-ready), whole ICS: {plain_seconds:.3f} s")
    print(f"compute_metric_set, each of 8 organisations: {organisations_seconds:.3f} s in total")
    print(f"compute_metric_sets, {len(scopes)} nested scopes suppressed together: {joint_seconds:.3f} s")
    print(f"headcount (primary, non-bank): {plain['headcount']['display']}")


if __name__ == "__main__":
    main()
