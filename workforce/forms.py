from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.contrib.auth import get_user_model

from workforce.esr.reader import ExtractRejected
from workforce.figures import short_label
from workforce.models import Organisation, Place
from workforce.permissions import Role
from workforce.services import check_snapshot_date


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "short_name", "slug", "ods_code", "kind", "place", "uses_esr", "is_active"]
        help_texts = {"slug": "Lowercase letters, numbers and hyphens, used in web addresses."}
        widgets = {
            "short_name": forms.TextInput(attrs={"class": "nhsuk-input--width-20"}),
            "ods_code": forms.TextInput(attrs={"class": "nhsuk-input--width-5", "spellcheck": "false"}),
        }

    def clean_ods_code(self):
        code = (self.cleaned_data.get("ods_code") or "").strip().upper()
        return code or None


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = ["name", "slug", "description"]
        help_texts = {"slug": "Lowercase letters, numbers and hyphens, used in web addresses."}


class PortalUserForm(forms.Form):
    """Create or edit a portal user: one role and, for EDI leads, the organisations they lead for."""

    email = forms.EmailField(label="Email address", help_text="They sign in with this address.")
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    role = forms.ChoiceField(choices=[(role.value, role.value) for role in Role], widget=forms.RadioSelect)
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="EDI leads only: the organisations whose plan items and figures they may update.",
    )
    ics_lead = forms.BooleanField(
        label="ICS-level lead: may also update ICS-level and place-level items", required=False
    )
    is_active = forms.BooleanField(label="Account is active", required=False, initial=True)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        others = get_user_model().objects.filter(username=email)
        if self.user is not None:
            others = others.exclude(pk=self.user.pk)
        if others.exists():
            raise forms.ValidationError("A user with this email address already exists")
        return email

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role == Role.EDI_LEAD and not cleaned.get("organisations"):
            self.add_error("organisations", "Select at least one organisation for an EDI lead")
        if role and role != Role.EDI_LEAD and cleaned.get("ics_lead"):
            self.add_error("ics_lead", "Only an EDI lead can be an ICS-level lead")
        return cleaned


class ESRUploadForm(forms.Form):
    """Upload an ESR staff-in-post extract for a dry-run check; the import itself is confirmed afterwards."""

    extract = forms.FileField(
        label="ESR staff in post extract (CSV)",
        help_text="A CSV file exported from ESR, UTF-8 or Windows-1252, up to about 100,000 rows.",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": "Choose the ESR extract to upload", "empty": "The file is empty"},
    )
    snapshot_date = forms.DateField(
        label="Snapshot date",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text="The date the staff were in post, usually 31 March. For example, 31/03/2025.",
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-10", "autocomplete": "off"}),
        error_messages={"invalid": "Enter the snapshot date as day/month/year, for example 31/03/2025"},
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(uses_esr=True, is_active=True),
        required=False,
        empty_label="The organisations named in the file",
        help_text="Choose an organisation when the whole file is its staff and the file has no Organisation column.",
    )

    def clean_snapshot_date(self):

        try:
            return check_snapshot_date(self.cleaned_data["snapshot_date"])
        except ExtractRejected as error:
            raise forms.ValidationError(str(error)) from None


class ESRConfirmForm(forms.Form):
    """Carries a checked upload to the confirmed import."""

    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
    file_name = forms.CharField(max_length=255, widget=forms.HiddenInput)
    snapshot_date = forms.DateField(widget=forms.HiddenInput)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(uses_esr=True), required=False, widget=forms.HiddenInput
    )


def figures_form_class(section):
    """A ModelForm for one section of figures, laid out in the section's fieldsets."""
    widgets = {}
    labels = {}
    for name in section.fields:
        field = section.model._meta.get_field(name)
        labels[name] = short_label(name) or field.verbose_name
        if name == "wdes_9b_voices_action":
            continue
        widgets[name] = forms.TextInput(
            attrs={
                "class": "nhsuk-input--width-5",
                "inputmode": "decimal" if "pct" in name or "score" in name else "numeric",
            }
        )

    class Meta:
        model = section.model
        fields = section.fields

    Meta.widgets = widgets
    Meta.labels = labels
    attributes = {"Meta": Meta}

    def __init__(self, *args, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        if "wdes_9b_voices_action" in self.fields:
            self.fields["wdes_9b_voices_action"] = forms.TypedChoiceField(
                label=section.model._meta.get_field("wdes_9b_voices_action").verbose_name,
                choices=[("True", "Yes"), ("False", "No"), ("", "Not known")],
                coerce=lambda value: value == "True",
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*(Fieldset(fieldset.legend, *fieldset.fields) for fieldset in section.fieldsets))

    attributes["__init__"] = __init__
    return type(f"{section.model.__name__}Form", (forms.ModelForm,), attributes)


class FiguresUploadForm(forms.Form):
    section = forms.ChoiceField(label="Which figures", widget=forms.RadioSelect)
    figures_file = forms.FileField(
        label="CSV file",
        help_text="One row per organisation and year, with the columns of the template.",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": "Choose the CSV file to upload", "empty": "The file is empty"},
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(section.slug, section.title) for section in sections]
