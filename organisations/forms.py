from django import forms
from django.contrib.auth import get_user_model

from organisations.models import Organisation, Place
from organisations.permissions import Role


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
