"""Reads of the figures ESR does not hold."""

from collections.abc import Collection

from organisations.models import Organisation
from workforce.figures import SECTIONS
from workforce.models import AnnualFigures


def figures_for_organisation(
    *, organisation: Organisation, years: Collection[int]
) -> dict[tuple[str, int], AnnualFigures]:
    """{(section slug, year): figures} for the sections of figures ESR does not hold, one query per section."""
    found = {}
    for section in SECTIONS:
        for figures in section.model.objects.of_organisation(organisation).in_years(years):
            found[(section.slug, figures.year)] = figures
    return found
