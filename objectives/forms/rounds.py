"""Opening a reporting round or changing its name and due date."""

from django import forms

from objectives.forms.fields import DateInputField


class RoundForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="For example: Quarter 3 2025/26",
        error_messages={"required": "Enter a name for the round"},
    )
    due_on = DateInputField(
        label="Due date",
        help_text="The date by which every lead should have updated their items, for example 15 1 2026",
        error_messages={"required": "Enter the due date", "incomplete": "Enter the due date"},
    )
