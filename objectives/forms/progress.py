"""Adding a progress update to an item, and correcting one while its round is open."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from objectives.evidence import ALLOWED_EXTENSIONS_TEXT, MAX_FILES_PER_UPDATE, human_size, parse_evidence_links
from objectives.forms.fields import MultipleFileField, read_checked_upload
from objectives.models import Status
from objectives.models.progress import STATUS_MEANINGS
from objectives.services.progress import progress_validate

PROGRESS_FIELDS = ("status", "percent_complete", "narrative", "next_steps")


class ProgressUpdateForm(forms.Form):
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
    evidence_links = forms.CharField(
        label="Evidence links",
        required=False,
        help_text="Web addresses of reports, minutes or pages that show the progress. One on each line.",
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
    )
    evidence_files = MultipleFileField(
        label="Evidence files",
        required=False,
        help_text=f"Up to {MAX_FILES_PER_UPDATE} files, each smaller than "
        f"{human_size(settings.EVIDENCE_MAX_BYTES)}: {ALLOWED_EXTENSIONS_TEXT}. "
        "Do not upload anything that identifies a member of staff or a patient.",
    )

    status_meanings = STATUS_MEANINGS

    def update_fields(self) -> dict:
        """What was entered, as `progress_update_create` takes it."""
        data = self.cleaned_data
        return {
            **{name: data[name] for name in PROGRESS_FIELDS},
            "links": data["evidence_links"],
            "files": data["evidence_files"],
        }

    def clean_evidence_links(self):
        return parse_evidence_links(self.cleaned_data["evidence_links"])

    def clean_evidence_files(self):
        files = self.cleaned_data["evidence_files"]
        if len(files) > MAX_FILES_PER_UPDATE:
            raise ValidationError(f"Upload {MAX_FILES_PER_UPDATE} files or fewer with one update")
        uploads, errors = [], []
        for upload in files:
            try:
                uploads.append(read_checked_upload(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return uploads

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
    remove_evidence = forms.ModelMultipleChoiceField(
        label="Remove evidence",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick any link or file that was added by mistake",
    )

    def correction_fields(self) -> dict:
        """What was entered, as `progress_update_correct` takes it."""
        data = self.cleaned_data
        return {
            **{name: data[name] for name in PROGRESS_FIELDS},
            "add_links": data["evidence_links"],
            "add_files": data["evidence_files"],
            "remove_evidence": data.get("remove_evidence") or (),
        }

    def __init__(self, *args, update, **kwargs):
        kwargs.setdefault("initial", {name: getattr(update, name) for name in PROGRESS_FIELDS})
        super().__init__(*args, **kwargs)
        self.fields["remove_evidence"].queryset = update.evidence.all()
        self.fields["remove_evidence"].label_from_instance = lambda e: e.label
        self.fields["evidence_links"].label = "Add evidence links"
        self.fields["evidence_files"].label = "Add evidence files"
        if not update.evidence.exists():
            del self.fields["remove_evidence"]
