"""Census 2021 comparators for representation, read from workforce/data/census2021.json.

This is the file-reading side; `workforce.metrics.representation` only sees `PopulationProfile`s.
"""

import json
from functools import cache
from pathlib import Path

from workforce.metrics.representation import PopulationProfile

CENSUS_FILE = Path(__file__).resolve().parent / "data" / "census2021.json"
ICS = "ics"


@cache
def load_census_2021() -> dict:
    """The shipped Census 2021 data, as stored (with sources and verification flags)."""
    return json.loads(CENSUS_FILE.read_text(encoding="utf-8"))


def population_profile(place_slug: str | None) -> PopulationProfile:
    """The comparator for a place (by slug), or for the whole ICS when `place_slug` is None or "ics".

    The ICS figure weights each place's BME percentage by its usual residents; it is verified only if
    every figure it is built from is.
    """
    areas = load_census_2021()["areas"]
    if place_slug not in (None, ICS):
        area = areas[place_slug]
        return PopulationProfile(
            area=area["name"],
            bme_percent=area["bme_percent"],
            disabled_percent=area.get("disabled_percent"),
            aged_55_and_over_percent=area.get("aged_55_and_over_percent"),
            source=area.get("bme_percent_source") or area.get("bme_percent_note", ""),
            verified=bool(area.get("bme_percent_verified")),
        )
    residents = sum(area["usual_residents"] for area in areas.values())
    bme = sum(area["bme_percent"] * area["usual_residents"] for area in areas.values()) / residents
    verified = all(area.get("bme_percent_verified") and area.get("usual_residents_verified") for area in areas.values())
    return PopulationProfile(
        area="Lancashire and South Cumbria ICS",
        bme_percent=round(bme, 1),
        source="Weighted by usual residents from the four places in census2021.json",
        verified=verified,
    )
