"""Small helpers shared by the plan's views."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404

from objectives import selectors
from objectives.forms import PlanFilterForm, PlanScopeForm
from objectives.models import EqualityObjective


def filter_form(request, form_class=PlanFilterForm):
    """The plan filters from the URL, with the choices read once."""
    places, organisations = selectors.scope_choices()
    objectives = list(EqualityObjective.objects.order_by("number"))
    return form_class(request.GET or None, places=places, organisations=organisations, objectives=objectives)


def scope_form(request):
    return filter_form(request, PlanScopeForm)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside its field if it names one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def get_or_404(selector, *args):
    """Call a selector that reads one object; a missing object is a 404."""
    try:
        return selector(*args)
    except ObjectDoesNotExist:
        raise Http404 from None


def posted(request):
    """The submitted form data, or None on GET. (`request.POST or None` would treat an empty submission as GET.)"""
    return request.POST if request.method == "POST" else None


def posted_files(request):
    return request.FILES if request.method == "POST" else None
