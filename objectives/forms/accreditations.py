"""An organisation's record on one framework or accreditation."""

from django import forms
from django.conf import settings

from objectives.evidence import ALLOWED_EXTENSIONS_TEXT, human_size
from objectives.forms.fields import DateInputField, read_checked_upload
from objectives.models import OrganisationAccreditation
from objectives.services.accreditations import AccreditationChange

RECORD_FIELDS = ("status", "level", "achieved_on", "renewal_due_on", "evidence_url", "notes")


class AccreditationForm(forms.Form):
    status = forms.ChoiceField(
        choices=OrganisationAccreditation.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status"},
    )
    level = forms.ModelChoiceField(queryset=None, required=False, widget=forms.RadioSelect, empty_label=None)
    achieved_on = DateInputField(label="Date achieved", required=False, help_text="For example 31 3 2025")
    renewal_due_on = DateInputField(
        label="Renewal or expiry date", required=False, help_text="When it must be renewed or runs out, if it does"
    )
    evidence_url = forms.URLField(
        label="Evidence link",
        required=False,
        max_length=500,
        help_text="A web address showing the accreditation, for example the certificate or the scheme's listing",
        assume_scheme="https",
    )
    evidence_file = forms.FileField(
        label="Evidence file",
        required=False,
        help_text=f"Smaller than {human_size(settings.EVIDENCE_MAX_BYTES)}: {ALLOWED_EXTENSIONS_TEXT}",
    )
    remove_evidence_file = forms.BooleanField(label="Remove the evidence file", required=False)
    notes = forms.CharField(label="Notes", required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, standard, record=None, **kwargs):
        if record is not None:
            kwargs.setdefault("initial", {name: getattr(record, name) for name in RECORD_FIELDS})
        super().__init__(*args, **kwargs)
        self.standard = standard
        levels = standard.levels.all()
        self.fields["level"].queryset = levels
        self.fields["level"].label = f"Level of {standard.short_name}"
        if not levels:
            del self.fields["level"]
        if record is None or not record.evidence_file:
            del self.fields["remove_evidence_file"]

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        return read_checked_upload(upload) if upload else None

    def change(self) -> AccreditationChange:
        """What the record should say after the change, as `accreditation_save` takes it."""
        data = self.cleaned_data
        return AccreditationChange(
            status=data["status"],
            level=data.get("level"),
            achieved_on=data["achieved_on"],
            renewal_due_on=data["renewal_due_on"],
            evidence_url=data["evidence_url"],
            notes=data["notes"],
            evidence_file=data["evidence_file"],
            remove_evidence_file=data.get("remove_evidence_file", False),
        )
