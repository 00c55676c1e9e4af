"""EDS 2022 ratings on the pages: always the rating's name with an icon of one to three bars, never colour alone."""

from django import template

from objectives.eds.framework import Band, Rating, framework
from objectives.templatetags.plan_tags import ICON_PATHS

register = template.Library()

# Bars 4 wide at x = 3, 10, 17, rising to the baseline at y = 21: a filled bar for each point of the rating,
# an outline for each point not reached, so the icon reads 0, 1, 2 or 3 without its colour.
_BARS = ((3, 6), (10, 11), (17, 16))


def _bars_icon(score: int) -> str:
    parts = []
    for index, (x, height) in enumerate(_BARS):
        top = 21 - height
        parts.append(f"M{x} {top}h4v{height}h-4Z")
        if index >= score:  # an outline: the inner rectangle drawn the other way round cuts a hole
            parts.append(f"M{x + 1} {top + 1}v{height - 2}h2v{-(height - 2)}Z")
    return " ".join(parts)


RATING_COLOURS = {0: "white", 1: "yellow", 2: "green", 3: "blue"}


def _tag(rating: Rating, label: str) -> dict:
    return {"colour": RATING_COLOURS[rating.score], "icon_path": _bars_icon(rating.score), "label": label}


@register.inclusion_tag("objectives/includes/tag.html")
def eds_rating_tag(score):
    """An outcome's rating as "Achieving activity (2)" with its icon; "Not rated yet" when there is none."""
    if score is None or score == "":
        return {"colour": "grey", "icon_path": ICON_PATHS["circle"], "label": "Not rated yet"}
    rating = framework().rating(int(score))
    return _tag(rating, f"{rating.name} ({rating.score})")


@register.inclusion_tag("objectives/includes/tag.html")
def eds_band_tag(band: Band | None):
    """The overall rating of a total score, e.g. "Developing activity"; "Not worked out yet" without a total."""
    if band is None:
        return {"colour": "grey", "icon_path": ICON_PATHS["circle"], "label": "Not worked out yet"}
    return _tag(band.rating, band.rating.name)


@register.filter
def score_of(score, maximum) -> str:
    """ "8 of 12", or "Not yet" for a score that cannot be worked out yet."""
    return "Not yet" if score is None else f"{score} of {maximum}"


@register.filter
def id_with(prefix: str, value) -> str:
    """An element id made of a prefix and a number: {{ "service-table"|id_with:service.pk }} is "service-table-5"."""
    return f"{prefix}-{value}"


@register.filter
def in_eds(organisation) -> bool:
    """Whether the organisation assesses itself against EDS 2022 (the ICB and the trusts, not the councils)."""
    from objectives.models.eds import takes_part_in_eds

    return takes_part_in_eds(organisation)


@register.filter
def year_label(year) -> str:
    """A reporting year as people write it: 2025 is "2024/25"."""
    year = int(year)
    return f"{year - 1}/{str(year)[-2:]}"
