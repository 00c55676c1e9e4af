"""Representation against the Census population, declaration rates and the intersectional tables."""

from typing import NotRequired, TypedDict

from workforce.metrics.results.figures import FigureData

# --- Representation and declaration ------------------------------------------------------------------


class PopulationComparisonData(TypedDict):
    workforce_percent: FigureData
    population_percent: FigureData
    difference: FigureData  # workforce minus population, in percentage points


class RepresentationShareData(PopulationComparisonData):
    known_headcount: FigureData
    unknown_headcount: FigureData


class AgeProfileData(TypedDict):
    counts: dict[str, FigureData]  # by age band, then "unknown", "total" and "55_and_over"
    percent: dict[str, FigureData]  # by age band, of staff whose age is known
    aged_55_and_over: PopulationComparisonData


class RepresentationData(TypedDict):
    """The workforce against its Census 2021 comparator; a population figure that could not be found is not
    computable and its note says so ("Census figure not available: ...")."""

    area: str | None  # the Census comparator's area (a place, the ICS or an organisation's catchment)
    source: str | None  # the Census tables, licence and local authorities it adds up
    ethnicity: RepresentationShareData
    disability: RepresentationShareData
    age: AgeProfileData


class DeclarationRatesData(TypedDict):
    declared: FigureData
    not_stated: FigureData
    headcount: FigureData
    percent_not_stated: FigureData


class CharacteristicDeclarationData(TypedDict):
    overall: DeclarationRatesData
    by_organisation: dict[str, DeclarationRatesData]  # by organisation id as computed, by slug as stored


class DeclarationData(TypedDict):
    ethnicity: CharacteristicDeclarationData
    disability: CharacteristicDeclarationData
    sexual_orientation: CharacteristicDeclarationData
    religion: CharacteristicDeclarationData


class IntersectionCellData(TypedDict):
    counts: dict[str, FigureData]


class IntersectionTableData(TypedDict):
    """A headcount by two characteristics at once (with IntersectionCell). The metrics layer stores none
    today (README, "Intersectional views"); the dashboards print one if it ever does."""

    groups: list[str]
    sexes: list[str]
    rows: dict[str, dict[str, IntersectionCellData]]  # band -> sex -> counts by group and "total"
    note: NotRequired[str]
