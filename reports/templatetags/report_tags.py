"""Printing dashboard tables and charts: figure cells, numeric alignment, inline SVG."""

import base64

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _is_figure(value) -> bool:
    return isinstance(value, dict) and "display" in value


@register.filter
def cell(value):
    """A table cell: a stored figure by its display ("*" with words for screen readers when suppressed)."""
    if _is_figure(value):
        if value["suppressed"]:
            return format_html('*<span class="nhsuk-u-visually-hidden"> (not shown: {})</span>', value["reason"])
        return value["display"]
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return value


@register.filter
def is_numeric(value) -> bool:
    return _is_figure(value) or (isinstance(value, int | float) and not isinstance(value, bool))


@register.filter
def svg(chart):
    """The chart's SVG, drawn by reports.charts from figures only (no user text reaches it unescaped)."""
    return mark_safe(chart.svg)  # noqa: S308 - built by reports.charts, which escapes every label


@register.filter
def svg_image(chart):
    """The chart as an image of itself (a data: URL) with its title as alternative text, for the PDFs.

    WeasyPrint reads an image's SVG with the XML parser in one go, where inline SVG goes through the
    HTML parser, gets a computed style per node and is parsed again: the board pack draws faster so.
    """
    data = base64.b64encode(chart.svg.encode()).decode()
    return format_html('<img src="data:image/svg+xml;base64,{}" alt="{}">', data, chart.title)


@register.filter
def plain_cell(value):
    """A cell as printed on paper: a suppressed figure is just "*" (the pack explains it once)."""
    if _is_figure(value):
        return value["display"]
    return cell(value)


@register.filter
def numeric_columns(table) -> set[int]:
    """The columns whose cells are all numbers or figures, so their headings align with them."""
    if not table.rows:
        return set()
    return {
        index
        for index in range(len(table.columns))
        if all(index < len(row) and is_numeric(row[index]) for row in table.rows)
    }
