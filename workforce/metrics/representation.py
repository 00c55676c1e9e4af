"""Representation: the workforce compared with the population it serves, and its age profile.

The comparator is the Census 2021 population of the scope's area: a place's local authorities, the ICS's, or an
organisation's catchment (a weighting of authorities admins can edit), worked out by `workforce.census` from the
counts shipped in `workforce/data/census2021/` (the files are read there, not here). Census ethnic groups map to
WRES groups as ESR codes do: every "White" Census category is White, every other category is BME. Where a Census
figure could not be found the comparison says so ("Census figure not available: ...") rather than estimate it.

The workforce share is of staff whose group is known (White + BME, or disabled + non-disabled): the
Census has no "not stated" answers, so comparing like with like leaves Unknown out. How many are Unknown
is shown beside it (and in the declaration rates).
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from workforce.vocabulary import (
    AGE_BANDS,
    AGED_55_AND_OVER,
    ESR_AGE_BAND_ACROSS_55,
    ESR_AGE_BANDS,
    DisabilityGroup,
    EthnicGroup,
)

from .suppression import (
    DEFAULT_THRESHOLD,
    NOT_COMPUTABLE_NO_DATA,
    Figure,
    Sum,
    Suppressor,
    as_suppressor,
    percentage,
)


@dataclass(frozen=True)
class PopulationProfile:
    """Census 2021 figures for one area, as percentages of its usual residents.

    `bme_percent` is the share not in any White category (ONS TS021), `disabled_percent` the share disabled
    under the Equality Act (ONS TS038), `aged_55_and_over_percent` the share of residents aged 16 and over who
    are 55 or over (ONS TS007). Each is None when a figure it needs could not be found, and `not_available`
    then says why, keyed "ethnicity", "disability" or "age".
    """

    area: str
    bme_percent: float | None = None
    disabled_percent: float | None = None
    aged_55_and_over_percent: float | None = None
    source: str = ""
    not_available: Mapping[str, str] = field(default_factory=dict)

    def percent(self, measure: str) -> float | None:
        return {
            "ethnicity": self.bme_percent,
            "disability": self.disabled_percent,
            "age": self.aged_55_and_over_percent,
        }[measure]

    def why_not(self, measure: str) -> str:
        return self.not_available.get(measure, "Census figure not available for this area.")


def _share_of_known(counts: Mapping[str, int], focus: str, other: str, unknown: str, suppressor: Suppressor) -> dict:
    threshold = suppressor.threshold
    figures = suppressor.counts_with_total(f"representation.{focus}", {focus: counts[focus], other: counts[other]})
    return {
        "known_headcount": figures["total"],
        "unknown_headcount": suppressor.count(f"representation.{focus}.unknown", counts[unknown]),
        "workforce_percent": percentage(
            counts[focus], counts[focus] + counts[other], threshold, figures[focus], total_figure=figures["total"]
        ),
    }


def _compare(result: dict, population: PopulationProfile | None, measure: str) -> dict:
    population_percent = population.percent(measure) if population else None
    if population_percent is None:
        why = population.why_not(measure) if population else "Census figure not available: no Census area is set."
        result["population_percent"] = Figure.not_computable(NOT_COMPUTABLE_NO_DATA, why)
        result["difference"] = Figure.not_computable(NOT_COMPUTABLE_NO_DATA, why)
        return result
    result["population_percent"] = Figure.shown(population_percent, 1)
    workforce = result["workforce_percent"]
    if workforce.is_available:
        result["difference"] = Figure.shown(workforce.value - population_percent, 1)
    else:
        result["difference"] = Figure(None, workforce.suppressed, workforce.reason, workforce.note)
    return result


def representation(
    headcount: Sequence, population: PopulationProfile | None, threshold: "int | Suppressor" = DEFAULT_THRESHOLD
) -> dict:
    """BME and disabled shares of the workforce against the population, and the workforce age profile.

    "difference" is workforce minus population in percentage points (negative: under-represented).
    The age profile gives the count and percentage of staff in each age band and aged 55 and over.
    """
    return representation_from_counts(
        Counter(map(attrgetter("ethnic_group"), headcount)),
        Counter(map(attrgetter("disability_group"), headcount)),
        Counter(map(attrgetter("age_band"), headcount)),
        len(headcount),
        population,
        threshold,
    )


def profile_representation(profile, population: PopulationProfile | None, threshold) -> dict:
    """`representation` of a `profile.WorkforceProfile`'s headcount."""
    return representation_from_counts(
        profile.tally("ethnic_group"),
        profile.tally("disability_group"),
        profile.tally("age_band"),
        profile.headcount_total,
        population,
        threshold,
    )


def representation_from_counts(
    ethnic: Mapping[str, int],
    disability: Mapping[str, int],
    ages: Mapping[str, int],
    headcount: int,
    population: PopulationProfile | None,
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
) -> dict:
    """`representation` from the headcount counted by ethnic group, by disability group and by age band."""
    suppressor = as_suppressor(threshold)
    threshold = suppressor.threshold
    ethnicity = _share_of_known(
        {group.value: ethnic.get(group.value, 0) for group in EthnicGroup},
        EthnicGroup.BME.value,
        EthnicGroup.WHITE.value,
        EthnicGroup.UNKNOWN.value,
        suppressor,
    )
    disabled = _share_of_known(
        {group.value: disability.get(group.value, 0) for group in DisabilityGroup},
        DisabilityGroup.DISABLED.value,
        DisabilityGroup.NON_DISABLED.value,
        DisabilityGroup.UNKNOWN.value,
        suppressor,
    )

    age_profile = _age_profile(ages, headcount, population, suppressor)
    return {
        "area": population.area if population else None,
        "source": population.source if population else None,
        "ethnicity": _compare(ethnicity, population, "ethnicity"),
        "disability": _compare(disabled, population, "disability"),
        "age": age_profile,
    }


def _age_profile(
    ages: Mapping[str, int], headcount: int, population: PopulationProfile | None, suppressor: Suppressor
) -> dict:
    """Staff by age band (ours, then ESR's own bands if any staff have one), and the share aged 55 and over.

    A file without dates of birth gives ESR's bands, and ESR's 51-55 cannot say who is 55: while anyone is in
    it the share aged 55 and over is not computable (it says why) rather than counting them on one side."""
    threshold = suppressor.threshold
    bands = (*AGE_BANDS, *(band for band in ESR_AGE_BANDS if ages.get(band, 0)))
    counts = {band: ages.get(band, 0) for band in bands}
    counts["unknown"] = headcount - sum(counts.values())
    counts["total"] = sum(counts.values())
    across_55 = ages.get(ESR_AGE_BAND_ACROSS_55, 0)
    over_55 = tuple(band for band in bands if band in AGED_55_AND_OVER)
    sums = [Sum("total", (*bands, "unknown"))]
    if not across_55:
        counts["55_and_over"] = sum(counts[band] for band in over_55)
        sums.append(Sum("55_and_over", over_55))
    figures = suppressor.table("representation.age", counts, sums)
    known = counts["total"] - counts["unknown"]
    # The known headcount is the total less the unknown: hidden when either is.
    known_figure = next((figures[key] for key in ("total", "unknown") if figures[key].suppressed), None)
    if across_55:
        why = (
            "Some staff have ESR's age band 51-55, which does not say who is 55: import dates of birth for this figure."
        )
        figures["55_and_over"] = Figure.not_computable(NOT_COMPUTABLE_NO_DATA, why)
        aged_55_and_over = Figure.not_computable(NOT_COMPUTABLE_NO_DATA, why)
    else:
        aged_55_and_over = percentage(
            counts["55_and_over"], known, threshold, figures["55_and_over"], total_figure=known_figure
        )
    return {
        "counts": figures,
        "percent": {
            band: percentage(counts[band], known, threshold, figures[band], total_figure=known_figure) for band in bands
        },
        "aged_55_and_over": _compare({"workforce_percent": aged_55_and_over}, population, "age"),
    }
