"""Evidence links and files on a form, checked by the plan's evidence rules (`objectives/evidence.py`) before a
service stores them: the progress update forms and the EDS rating form share them."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from objectives.evidence import ALLOWED_EXTENSIONS_TEXT, MAX_FILES_PER_UPDATE, human_size, parse_evidence_links
from objectives.forms.fields import MultipleFileField, read_checked_upload

EVIDENCE_FIELDS = ("evidence_links", "evidence_files", "remove_evidence")


class EvidenceForm(forms.Form):
    """A form with evidence links, files and (when there is some already) evidence to remove.

    `existing` is the evidence already held: given and not empty, the person may tick some to remove.
    """

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
    remove_evidence = forms.ModelMultipleChoiceField(
        label="Remove evidence",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick any link or file that was added by mistake",
    )

    def __init__(self, *args, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        if existing is None or not existing.exists():
            del self.fields["remove_evidence"]
            return
        self.fields["remove_evidence"].queryset = existing
        self.fields["remove_evidence"].label_from_instance = lambda evidence: evidence.label
        self.fields["evidence_links"].label = "Add evidence links"
        self.fields["evidence_files"].label = "Add evidence files"

    def clean_evidence_links(self):
        return parse_evidence_links(self.cleaned_data["evidence_links"])

    def clean_evidence_files(self):
        files = self.cleaned_data["evidence_files"]
        if len(files) > MAX_FILES_PER_UPDATE:
            raise ValidationError(f"Upload {MAX_FILES_PER_UPDATE} files or fewer at once")
        uploads, errors = [], []
        for upload in files:
            try:
                uploads.append(read_checked_upload(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return uploads

    def evidence_changes(self) -> dict:
        """The evidence to add and remove, as the services take them."""
        data = self.cleaned_data
        return {
            "add_links": data["evidence_links"],
            "add_files": data["evidence_files"],
            "remove_evidence": data.get("remove_evidence") or (),
        }
