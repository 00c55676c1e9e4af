"""The plan's filters, read from the URL by several plan pages."""

from objectives.forms.filters import PlanFilterForm, PlanScopeForm
from objectives.models import EqualityObjective
from objectives.selectors.plan_pages import scope_choices


def filter_form(request, form_class=PlanFilterForm):
    """The plan filters from the URL, with the choices read once."""
    places, organisations = scope_choices()
    objectives = list(EqualityObjective.objects.order_by("number"))
    return form_class(request.GET or None, places=places, organisations=organisations, objectives=objectives)


def scope_form(request):
    return filter_form(request, PlanScopeForm)
