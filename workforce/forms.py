from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.conf import settings

from organisations.models import Organisation
from workforce.esr.extract import ExtractRejected, snapshot_date_check, upload_size_check
from workforce.figures import short_label


class ESRUploadForm(forms.Form):
    """Upload an ESR staff-in-post extract for a dry-run check; the import itself is confirmed afterwards."""

    extract = forms.FileField(
        label="ESR staff in post extract (CSV)",
        help_text=(
            f"A CSV file exported from ESR, UTF-8 or Windows-1252, up to {settings.ESR_UPLOAD_MAX_ROWS:,} rows "
            f"and {settings.ESR_UPLOAD_MAX_BYTES // 1_048_576} MB."
        ),
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

    def clean_extract(self):
        return upload_size_clean(self.cleaned_data["extract"], max_bytes=settings.ESR_UPLOAD_MAX_BYTES)

    def clean_snapshot_date(self):
        return snapshot_date_clean(self.cleaned_data["snapshot_date"])


def snapshot_date_clean(value):
    """The snapshot date when it is plausible (workforce.esr.extract.snapshot_date_check); else a form error."""
    try:
        return snapshot_date_check(value)
    except ExtractRejected as error:
        raise forms.ValidationError(str(error)) from None


def upload_size_clean(upload, *, max_bytes: int):
    """The uploaded file when it is within `max_bytes`; a form error before it is stored anywhere else."""
    try:
        upload_size_check(size=upload.size, max_bytes=max_bytes)
    except ExtractRejected as error:
        raise forms.ValidationError(str(error)) from None
    return upload


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

    def clean_figures_file(self):
        return upload_size_clean(self.cleaned_data["figures_file"], max_bytes=settings.FIGURES_UPLOAD_MAX_BYTES)
