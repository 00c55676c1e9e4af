"""Adding a progress update to an item, and correcting one while its round is open."""

from django import forms
from django.core.exceptions import ValidationError

from objectives.forms.evidence import EVIDENCE_FIELDS, EvidenceForm
from objectives.models import Status
from objectives.models.progress import STATUS_MEANINGS
from objectives.services.progress import progress_validate

PROGRESS_FIELDS = ("status", "percent_complete", "narrative", "next_steps")


class ProgressUpdateForm(EvidenceForm):
    status = forms.ChoiceField(
        choices=Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status"},
    )
    percent_complete = forms.IntegerField(
        label="Percent complete",
        min_value=0,
        max_value=100,
        help_text="A whole number from 0 to 100",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-3"}),
        error_messages={
            "required": "Enter the percent complete",
            "invalid": "Percent complete must be a whole number from 0 to 100",
            "min_value": "Percent complete must be a whole number from 0 to 100",
            "max_value": "Percent complete must be a whole number from 0 to 100",
        },
    )
    narrative = forms.CharField(
        label="Progress made",
        max_length=5000,
        help_text="What has been done since the last update, and what difference it has made",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Describe the progress made"},
    )
    next_steps = forms.CharField(
        label="Next steps",
        max_length=3000,
        required=False,
        help_text="What will happen before the next update, and any help needed",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    status_meanings = STATUS_MEANINGS
    field_order = [*PROGRESS_FIELDS, *EVIDENCE_FIELDS]

    def update_fields(self) -> dict:
        """What was entered, as `progress_update_create` takes it."""
        data = self.cleaned_data
        return {
            **{name: data[name] for name in PROGRESS_FIELDS},
            "links": data["evidence_links"],
            "files": data["evidence_files"],
        }

    def clean(self):
        cleaned = super().clean()
        status, percent = cleaned.get("status"), cleaned.get("percent_complete")
        if status and percent is not None:
            try:
                progress_validate(status=status, percent_complete=percent)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field, message)
        return cleaned


class CorrectUpdateForm(ProgressUpdateForm):
    def correction_fields(self) -> dict:
        """What was entered, as `progress_update_correct` takes it."""
        return {**{name: self.cleaned_data[name] for name in PROGRESS_FIELDS}, **self.evidence_changes()}

    def __init__(self, *args, update, **kwargs):
        kwargs.setdefault("initial", {name: getattr(update, name) for name in PROGRESS_FIELDS})
        super().__init__(*args, existing=update.evidence.all(), **kwargs)
