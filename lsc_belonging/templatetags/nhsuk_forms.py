"""Render Django form widgets with NHS.UK frontend classes and ARIA links to hints and errors."""

from django import forms, template

register = template.Library()

WIDGET_CLASSES = [
    (forms.CheckboxInput, "nhsuk-checkboxes__input", None),
    (forms.Select, "nhsuk-select", "nhsuk-select--error"),
    (forms.FileInput, "nhsuk-file-upload", "nhsuk-file-upload--error"),
    (forms.Textarea, "nhsuk-textarea", "nhsuk-textarea--error"),
    (forms.widgets.Input, "nhsuk-input", "nhsuk-input--error"),
]


@register.simple_tag
def nhsuk_widget(bound_field):
    """The field's widget with the NHS.UK class, error modifier and aria-describedby set."""
    widget = bound_field.field.widget
    base_class, error_class = next(
        ((base, error) for kind, base, error in WIDGET_CLASSES if isinstance(widget, kind)), ("", None)
    )
    classes = [base_class, widget.attrs.get("class", "")]
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        if error_class:
            classes.append(error_class)
        described_by.append(f"{bound_field.auto_id}_error")
    attrs = {"class": " ".join(c for c in classes if c)}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)


@register.filter
def first_input_id(bound_field):
    """The id an error summary link should target: the first option of a radio or checkbox group."""
    widget = bound_field.field.widget
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label
