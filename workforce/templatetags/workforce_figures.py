"""Show entered figures to readers without revealing small counts of people."""

from decimal import Decimal

from django import template
from django.conf import settings

register = template.Library()


@register.filter
def figure(value):
    """A count of 1 to SUPPRESSION_THRESHOLD people as "*"; percentages and scores as given; empty as "Not given"."""
    if value is None:
        return "Not given"
    if value is True or value is False:
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return f"{value:.1f}"
    if 0 < value <= settings.SUPPRESSION_THRESHOLD:
        return "*"
    return f"{value:,}"
