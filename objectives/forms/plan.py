"""Changing the plan: adding, editing and retiring priorities, and naming an item's lead."""

from django import forms

from objectives.models import EqualityObjective, EqualityStandard, Level, Period
from objectives.selectors.items import lead_choices
from organisations.models import Organisation
from workforce.catalogue import metric_choices


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
        if priority is not None:
            kwargs.setdefault("initial", _priority_initial(priority))
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

    def priority_fields(self) -> dict:
        """What was entered, as `priority_save` takes it (the level of an existing priority is its own)."""
        data = self.cleaned_data
        return {
            "level": self.priority_level,
            "period": data["period"],
            "title": data["title"],
            "description": data["description"],
            "objectives": data["objectives"],
            "objective_rationale": data["objective_rationale"],
            "standards": data["standards"],
            "position": data["position"],
            "organisations": data.get("organisations") or None,
            "ics_owner": data.get("ics_owner"),
            "metrics": data["metrics"],
        }

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


def _priority_initial(priority) -> dict:
    """What the form shows for an existing priority."""
    initial = {
        "period": priority.period,
        "title": priority.title,
        "description": priority.description,
        "objectives": list(priority.objectives.all()),
        "objective_rationale": priority.objective_rationale,
        "standards": list(priority.standards.all()),
        "position": priority.position,
        "metrics": [link.metric for link in priority.metric_links.all()],
    }
    if priority.level == Level.ORGANISATION:
        initial["organisations"] = [
            i.organisation for i in priority.items.filter(is_active=True).select_related("organisation")
        ]
    return initial


class RetirePriorityForm(forms.Form):
    reason = forms.CharField(
        label="Why is it being retired?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: replaced by another priority, or delivered across the system",
        error_messages={"required": "Enter why the priority is being retired"},
    )


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
