"""Census 2021 comparators for representation, from the local authorities' counts shipped in workforce/data/census2021.

`local_authorities.csv` holds, for each local authority of the ICS (2021 boundaries), the ONS Census 2021 counts
of usual residents: TS021 ethnic group (the five broad groups), TS007 age (the grouped ages, with 50-54 and 55-64
from the single years of age) and TS038 disability (residents disabled under the Equality Act). An empty cell is
a figure that could not be found: it is never estimated. `areas.json` says which authorities each place covers
and each organisation's default catchment. See the README, "Census 2021 comparators", for the sources.

A comparator adds up the counts of its authorities, each multiplied by its weight (the share of the authority's
residents the area serves), and gives each percentage only when every authority has the figures it needs;
otherwise it says which are missing ("Census figure not available: ..."). This is the file side; the metrics
only see `PopulationProfile`s.
"""

import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from workforce.metrics.representation import PopulationProfile

CENSUS_FOLDER = Path(__file__).resolve().parent / "data" / "census2021"
LOCAL_AUTHORITIES_FILE = CENSUS_FOLDER / "local_authorities.csv"
AREAS_FILE = CENSUS_FOLDER / "areas.json"
CENSUS_FILES = (LOCAL_AUTHORITIES_FILE, AREAS_FILE)
ICS_AREA = "Lancashire and South Cumbria ICS"
SOURCE = (
    "ONS Census 2021 (21 March 2021): TS021 ethnic group, TS007 age, TS038 disability; Open Government Licence v3.0"
)

# (the table, the columns of the whole and of the part the percentage is of)
MEASURES = {
    "ethnicity": ("TS021 ethnic group", ("eth_total",), ("eth_asian", "eth_black", "eth_mixed", "eth_other")),
    "disability": ("TS038 disability", ("dis_total",), ("dis_disabled",)),
    # Residents aged 16 and over, and those aged 55 and over (ages 55-64 from single years of age).
    "age": (
        "TS007 age",
        ("age_16_19", "age_20_24", "age_25_34", "age_35_49", "age_50_54", "age_55_64", "age_65_74", "age_75_84",
         "age_85_plus"),
        ("age_55_64", "age_65_74", "age_75_84", "age_85_plus"),
    ),
}  # fmt: skip


@dataclass(frozen=True)
class LocalAuthority:
    code: str  # ONS code, e.g. "E07000117"
    name: str
    counts: Mapping[str, int]  # column -> count; a column missing here was not found
    source: str


@cache
def local_authorities() -> dict[str, LocalAuthority]:
    """The shipped authorities by ONS code, in file order."""
    with LOCAL_AUTHORITIES_FILE.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    return {
        row["lad_code"]: LocalAuthority(
            row["lad_code"],
            row["lad_name"],
            {
                column: int(value)
                for column, value in row.items()
                if column.startswith(("eth_", "age_", "dis_")) and value
            },
            row["source"],
        )
        for row in rows
    }


@cache
def areas() -> dict:
    return json.loads(AREAS_FILE.read_text(encoding="utf-8"))


def local_authority_choices() -> list[tuple[str, str]]:
    """(ONS code, name) of every shipped authority, for forms."""
    return [(code, f"{authority.name} ({code})") for code, authority in local_authorities().items()]


def place_authorities(place_slug: str) -> dict[str, float]:
    """The authorities a place covers (weight 1 each); empty for a place the file does not know."""
    place = areas()["places"].get(place_slug)
    return dict.fromkeys(place["local_authorities"], 1.0) if place else {}


def ics_authorities() -> dict[str, float]:
    """Every authority of every place: the ICS."""
    codes: dict[str, float] = {}
    for place in areas()["places"].values():
        codes.update(dict.fromkeys(place["local_authorities"], 1.0))
    return codes


def default_catchment(organisation_slug: str) -> dict[str, float]:
    """An organisation's default catchment (authority -> weight) from areas.json; empty when it has none."""
    catchment = areas()["catchments"].get(organisation_slug)
    return {code: float(weight) for code, weight in catchment["local_authorities"].items()} if catchment else {}


def comparator(area: str, weights: Mapping[str, float]) -> PopulationProfile:
    """The Census comparator of an area made of local authorities (ONS code -> weight).

    Each percentage is the weighted sum of the authorities' counts of the group over the weighted sum of their
    residents; when any authority lacks the table, that percentage is not given and `not_available` says why.
    """
    known = local_authorities()
    names = [known[code].name if code in known else code for code in weights]
    percents: dict[str, float | None] = {}
    missing: dict[str, str] = {}
    for measure, (table, whole, part) in MEASURES.items():
        lacking = [name for code, name in zip(weights, names, strict=True) if not _has(known.get(code), whole + part)]
        if not weights or lacking:
            percents[measure] = None
            where = ", ".join(lacking) if lacking else area
            missing[measure] = f"Census figure not available: no {table} counts for {where} in the shipped Census data."
            continue
        top = sum(weight * sum(known[code].counts[c] for c in part) for code, weight in weights.items())
        bottom = sum(weight * sum(known[code].counts[c] for c in whole) for code, weight in weights.items())
        percents[measure] = 100.0 * top / bottom if bottom else None
    return PopulationProfile(
        area=area,
        bme_percent=percents["ethnicity"],
        disabled_percent=percents["disability"],
        aged_55_and_over_percent=percents["age"],
        source=f"{SOURCE}. Local authorities: {', '.join(_weighted(names, weights.values()))}.",
        not_available=missing,
    )


def _has(authority: LocalAuthority | None, columns: tuple[str, ...]) -> bool:
    return authority is not None and all(column in authority.counts for column in columns)


def _weighted(names: list[str], weights) -> list[str]:
    return [
        name if weight == 1 else f"{name} ({float(weight):g} of it)"
        for name, weight in zip(names, weights, strict=True)
    ]


def ics_comparator() -> PopulationProfile:
    return comparator(ICS_AREA, ics_authorities())


def place_comparator(place_slug: str, place_name: str) -> PopulationProfile:
    return comparator(place_name, place_authorities(place_slug))


def organisation_comparator(name: str, catchment: Mapping[str, float]) -> PopulationProfile:
    """An organisation against its catchment (the rows admins keep, or its default)."""
    return comparator(f"the catchment of {name}", catchment)
