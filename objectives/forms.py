"""Forms of the plan pages. They own input validation; the services own the rules of the data."""

import calendar
from datetime import date
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from objectives.evidence import (
    ALLOWED_EXTENSIONS_TEXT,
    MAX_FILES_PER_UPDATE,
    EvidenceUpload,
    check_evidence_file,
    human_size,
    parse_evidence_links,
)
from objectives.models import (
    EqualityObjective,
    EqualityStandard,
    Level,
    OrganisationAccreditation,
    Period,
    Status,
)
from objectives.models.progress import STATUS_MEANINGS
from objectives.selectors import NO_UPDATE, NO_UPDATE_LABEL, STATUS_ORDER, PlanScope
from objectives.services.progress import progress_validate
from organisations.models import Organisation
from organisations.permissions import Role
from workforce.catalogue import metric_choices

EMPTY_VALUES = (None, "", False)

# --- Filters -----------------------------------------------------------------------------------


class PlanFilterForm(forms.Form):
    """Filters that live in the URL: objective, level, period, organisation, place, status and overdue."""

    objective = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    level = forms.ChoiceField(required=False, choices=[("", "All levels"), *Level.choices])
    period = forms.ChoiceField(required=False, choices=[("", "Both periods"), *Period.choices])
    organisation = forms.ChoiceField(required=False)
    place = forms.ChoiceField(required=False)
    status = forms.ChoiceField(
        required=False,
        choices=[("", "Any status"), *[(s.value, s.label) for s in STATUS_ORDER], (NO_UPDATE, NO_UPDATE_LABEL)],
    )
    overdue = forms.BooleanField(label="Only overdue items", required=False)

    def __init__(self, data=None, *, places, organisations, objectives, **kwargs):
        super().__init__(data, **kwargs)
        self._places = {p.slug: p for p in places}
        self._organisations = {o.slug: o for o in organisations}
        self._objectives = {o.number: o for o in objectives}
        self.fields["objective"].choices = [("", "All objectives")] + [
            (o.number, f"Objective {o.number}") for o in objectives
        ]
        self.fields["organisation"].choices = [("", "All organisations")] + [(o.slug, o.name) for o in organisations]
        self.fields["place"].choices = [("", "All places")] + [(p.slug, p.name) for p in places]

    def scope(self) -> PlanScope:
        data = self.cleaned_data if self.is_valid() else {}
        return PlanScope(
            objective=self._objectives.get(data.get("objective")),
            level=data.get("level") or None,
            period=data.get("period") or None,
            organisation=self._organisations.get(data.get("organisation")),
            place=self._places.get(data.get("place")),
        )

    def query_string(self) -> str:
        """The valid filters as a query string, without the page number, for pagination links."""
        data = self.cleaned_data if self.is_valid() else {}
        pairs = [
            (name, "1" if value is True else value) for name, value in data.items() if value not in (None, "", False)
        ]
        return urlencode(pairs)

    @property
    def is_filtered(self) -> bool:
        return bool(self.query_string())


class PlanScopeForm(PlanFilterForm):
    """The plan pages show progress for the whole ICS, one place or one organisation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("objective", "level", "period", "status", "overdue"):
            del self.fields[name]
        self.fields["organisation"].label = "Organisation"
        self.fields["place"].label = "Place"


# --- Dates ---------------------------------------------------------------------------------------


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes, as the NHS.UK date input component has them."""

    def __init__(self, attrs=None):
        numeric = {"inputmode": "numeric"}
        super().__init__([forms.TextInput(numeric), forms.TextInput(numeric), forms.TextInput(numeric)], attrs)

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def id_for_label(self, id_):
        # Labels and error-summary links go to the day box, the first of the three.
        return f"{id_}_0" if id_ else ""


class DateInputField(forms.MultiValueField):
    widget = DateInputWidget

    def __init__(self, **kwargs):
        # Parts are optional one by one so that compress() can say which one is missing.
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"{self.label} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(f"{self.label} must be a real date, for example 31 3 2025")
        day, month, year = int(day), int(month), int(year)
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValidationError(f"{self.label} must be a real date, for example 31 3 2025")
        return date(year, month, day)


# --- Progress updates --------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def read_checked_upload(upload) -> EvidenceUpload:
    """Read an uploaded file after checking its size, so a huge file is refused before it is read."""
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(f"{upload.name} must be smaller than {human_size(limit)}")
    content = upload.read()
    check_evidence_file(upload.name, content, limit)
    return EvidenceUpload(name=upload.name, content=content)


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

    def __init__(self, *args, update, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove_evidence"].queryset = update.evidence.all()
        self.fields["remove_evidence"].label_from_instance = lambda e: e.label
        self.fields["evidence_links"].label = "Add evidence links"
        self.fields["evidence_files"].label = "Add evidence files"
        if not update.evidence.exists():
            del self.fields["remove_evidence"]


# --- Priorities, items and rounds ---------------------------------------------------------------


class PriorityForm(forms.Form):
    level = forms.ChoiceField(
        choices=Level.choices,
        widget=forms.RadioSelect,
        help_text="Individual-organisation priorities are tracked by each organisation ticked below; place "
        "priorities by each place; ICS priorities by one owning organisation.",
        error_messages={"required": "Select the level"},
    )
    period = forms.ChoiceField(
        choices=Period.choices, widget=forms.RadioSelect, error_messages={"required": "Select the period"}
    )
    title = forms.CharField(
        label="Priority",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The wording of the plan",
        error_messages={"required": "Enter the priority"},
    )
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )
    objectives = forms.ModelMultipleChoiceField(
        label="Equality objectives it serves",
        queryset=EqualityObjective.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one objective the priority serves"},
    )
    objective_rationale = forms.CharField(
        label="Why it serves these objectives",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    standards = forms.ModelMultipleChoiceField(
        label="Equality standards and accreditations it concerns",
        queryset=EqualityStandard.objects.order_by("kind", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    metrics = forms.MultipleChoiceField(
        label="Workforce metrics this priority should move",
        choices=metric_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The priority's page shows the trend of each metric ticked here for the whole ICS.",
    )
    position = forms.IntegerField(
        label="Position",
        min_value=1,
        max_value=99,
        required=False,
        help_text="Order within its level and period. Leave empty to put it last.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-2"}),
    )
    organisations = forms.ModelMultipleChoiceField(
        label="Organisations that track it",
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Individual-organisation priorities only. Leave all unticked when adding one to include every "
        "organisation.",
    )
    ics_owner = forms.ModelChoiceField(
        label="Owning organisation",
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
        help_text="ICS-level priorities only. Leave empty for the ICB.",
    )

    def __init__(self, *args, priority=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.priority = priority
        if priority is not None:
            # The level decides how a priority is tracked, so it is fixed once the items exist.
            del self.fields["level"]
            del self.fields["ics_owner"]
            if priority.level != Level.ORGANISATION:
                del self.fields["organisations"]
            else:
                self.fields[
                    "organisations"
                ].help_text = "Unticking an organisation stops it tracking this priority; its updates are kept."

    @property
    def priority_level(self):
        return self.priority.level if self.priority else self.cleaned_data.get("level")

    def clean(self):
        cleaned = super().clean()
        if self.priority is None and cleaned.get("level") != Level.ICS and cleaned.get("ics_owner"):
            self.add_error("ics_owner", "Only an ICS-level priority has an owning organisation")
        if self.priority is not None and self.priority_level == Level.ORGANISATION and not cleaned.get("organisations"):
            self.add_error("organisations", "Select at least one organisation that tracks this priority")
        return cleaned


class RetirePriorityForm(forms.Form):
    reason = forms.CharField(
        label="Why is it being retired?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: replaced by another priority, or delivered across the system",
        error_messages={"required": "Enter why the priority is being retired"},
    )


def lead_choices(item):
    """Users who may be named as an item's lead: EDI leads who may update it."""
    users = get_user_model().objects.filter(is_active=True, groups__name=Role.EDI_LEAD.value)
    if item.priority.level == Level.ORGANISATION:
        users = users.filter(memberships__organisation=item.organisation)
    else:
        users = users.filter(memberships__is_ics_lead=True)
    return users.distinct().order_by("first_name", "last_name")


class ItemAssignmentForm(forms.Form):
    lead = forms.ModelChoiceField(
        label="Named lead",
        queryset=None,
        required=False,
        help_text="The lead who reports on this item and receives its reminders. Leave empty to remind everyone "
        "who may update it.",
    )
    organisation = forms.ModelChoiceField(
        label="Owning organisation", queryset=Organisation.objects.filter(is_active=True).order_by("name")
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = lead_choices(item)
        self.fields["lead"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.email})"
        self.fields["lead"].empty_label = "No named lead"
        if item.priority.level != Level.ICS:
            del self.fields["organisation"]


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


# --- Accreditations ---------------------------------------------------------------------------


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
