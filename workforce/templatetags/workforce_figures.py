"""Show entered figures to readers without revealing small counts of people."""

from decimal import Decimal

from django import template

from workforce.figures import SUPPRESSED

register = template.Library()


@register.filter
def figure(value):
    """A figure for reading: suppressed values (workforce.figures.readable_figures) stay "*", empty is
    "Not given", yes/no as words, percentages and scores to one decimal place, counts with thousands commas."""
    if value is None:
        return "Not given"
    if value == SUPPRESSED:
        return SUPPRESSED
    if value is True or value is False:
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return f"{value:.1f}"
    return f"{value:,}"
