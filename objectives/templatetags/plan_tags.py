"""Status tags for the plan pages: every status has text and an icon, never colour alone."""

from django import template
from django.utils import formats

from objectives.models import Status
from objectives.selectors.item_progress import NO_UPDATE, NO_UPDATE_LABEL, RoundState

register = template.Library()

# (tag colour, icon) per status. Icons are drawn inline so they need no extra request.
STATUS_STYLE = {
    Status.NOT_STARTED: ("grey", "minus"),
    Status.RED: ("red", "cross"),
    Status.AMBER: ("orange", "exclamation"),
    Status.GREEN: ("green", "tick"),
    Status.COMPLETE: ("blue", "tick-circle"),
    NO_UPDATE: ("white", "circle"),
}

ICON_PATHS = {
    "minus": "M5.5 10.5a1.5 1.5 0 0 0 0 3h13a1.5 1.5 0 0 0 0-3h-13Z",
    "cross": "M17 18.5c-.4 0-.8-.1-1.1-.4l-10-10c-.6-.6-.6-1.6 0-2.1.6-.6 1.5-.6 2.1 0l10 10c.6.6.6 1.5 0 "
    "2.1-.3.3-.6.4-1 .4z M7 18.5c-.4 0-.8-.1-1.1-.4-.6-.6-.6-1.5 0-2.1l10-10c.6-.6 1.5-.6 2.1 0 .6.6.6 1.5 0 "
    "2.1l-10 10c-.3.3-.6.4-1 .4z",
    "exclamation": "M10.5 4h3v10.5h-3zM12 16.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4Z",
    "tick": "M11.4 17.5a2 2 0 0 1-2.7.1h-.1L4 12.8a1.5 1.5 0 0 1 2.1-2L10 14.7l8.1-8.1a1.5 1.5 0 1 1 2.2 2l-8.9 9Z",
    "tick-circle": "M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm4.7 6.3-6.2 6.2-3.2-3.2a1 1 0 0 0-1.4 1.4l3.9 3.9c.4.4 1 "
    ".4 1.4 0l6.9-6.9a1 1 0 1 0-1.4-1.4Z",
    "circle": "M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20Zm0 2.5a7.5 7.5 0 1 0 0 15 7.5 7.5 0 0 0 0-15Z",
    "clock": "M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 3a1 1 0 0 1 1 1v4.6l3 "
    "3a1 1 0 0 1-1.4 1.4l-3.3-3.3A1 1 0 0 1 11 12V7a1 1 0 0 1 1-1Z",
}


def _tag(colour, icon, label):
    return {"colour": colour, "icon_path": ICON_PATHS[icon], "label": label}


@register.inclusion_tag("objectives/includes/tag.html")
def status_tag(status):
    """The status as an NHS.UK tag with an icon and its name; no status reads "No update yet"."""
    key = status or NO_UPDATE
    colour, icon = STATUS_STYLE.get(key, STATUS_STYLE[NO_UPDATE])
    label = NO_UPDATE_LABEL if key == NO_UPDATE else Status(key).label
    return _tag(colour, icon, label)


@register.inclusion_tag("objectives/includes/tag.html")
def round_state_tag(state, reporting_round=None):
    """Where an item stands in the open round: updated, due by a date, overdue, or nothing due."""
    if state == RoundState.UPDATED:
        return _tag("green", "tick", "Updated this round")
    if state == RoundState.OVERDUE:
        return _tag("red", "exclamation", "Overdue")
    if state == RoundState.DUE:
        due = formats.date_format(reporting_round.due_on, "j M Y") if reporting_round else ""
        return _tag("yellow", "clock", f"Due by {due}" if due else "Due")
    if state == RoundState.COMPLETE:
        return _tag("blue", "tick-circle", "Complete: none due")
    if state == RoundState.NOT_TRACKED:
        return _tag("grey", "minus", "No longer tracked")
    return _tag("white", "minus", "No round open")


@register.filter
def status_label(status):
    return NO_UPDATE_LABEL if not status or status == NO_UPDATE else Status(status).label


@register.filter
def can_update(access, item) -> bool:
    return access.can_update(item)


@register.filter
def can_change(access, update) -> bool:
    return access.can_change(update)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def date_parts(bound_field):
    """(value, label, width) for the day, month and year boxes of a DateInputField, keeping what was typed."""
    widget = bound_field.field.widget
    if bound_field.form.is_bound:
        values = widget.value_from_datadict(bound_field.form.data, bound_field.form.files, bound_field.html_name)
    else:
        values = widget.decompress(bound_field.value())
    return list(zip(values, ("Day", "Month", "Year"), (2, 2, 4), strict=True))


@register.filter
def field_kind(bound_field) -> str:
    """Which include draws a field on a generic form page: "date" (day, month, year), "file", or "other"."""
    from objectives.forms.fields import DateInputField, MultipleFileField

    if isinstance(bound_field.field, DateInputField):
        return "date"
    if isinstance(bound_field.field, MultipleFileField):
        return "file"
    return "other"
