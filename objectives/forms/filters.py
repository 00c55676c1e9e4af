"""The plan's filters, which live in the URL: objective, level, period, organisation, place, status, overdue."""

from urllib.parse import urlencode

from django import forms

from objectives.models import STATUS_ORDER, Level, Period
from objectives.selectors.item_progress import NO_UPDATE, NO_UPDATE_LABEL
from objectives.selectors.scope import PlanScope


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
