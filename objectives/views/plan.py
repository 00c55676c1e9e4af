"""The plan by objective, level and year; priorities; measures of success."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from objectives import history, selectors
from objectives.forms import PriorityForm, RetirePriorityForm
from objectives.metric_links import priority_metrics
from objectives.models import Level, Priority
from objectives.permissions import can_manage_plan, can_view_plan, item_access
from objectives.services.priorities import priority_reinstate as priority_reinstate_service
from objectives.services.priorities import priority_retire as priority_retire_service
from objectives.services.priorities import priority_save
from objectives.views.common import add_service_errors, get_or_404, posted, scope_form
from organisations.permissions import require

PLAN_VIEWS = {
    "objective": ("objectives/plan_by_objective.html", selectors.plan_by_objective),
    "level": ("objectives/plan_by_level.html", selectors.plan_by_level),
    "period": ("objectives/plan_by_period.html", selectors.plan_by_period),
}


def _plan_page(request, view):
    require(can_view_plan(request.user))
    form = scope_form(request)
    scope = form.scope()
    template, build = PLAN_VIEWS[view]
    reporting_round = selectors.current_round()
    context = {
        "form": form,
        "scope": scope,
        "groups": build(scope),
        "plan_view": view,
        "query_string": form.query_string(),
        "reporting_round": reporting_round,
        "overdue_count": selectors.overdue_items(scope).count() if reporting_round else 0,
        "retired": selectors.retired_priorities() if view == "level" else [],
    }
    return render(request, template, context)


def plan_by_objective(request):
    return _plan_page(request, "objective")


def plan_by_level(request):
    return _plan_page(request, "level")


def plan_by_period(request):
    return _plan_page(request, "period")


def measures(request):
    require(can_view_plan(request.user))
    return render(
        request,
        "objectives/measures.html",
        {"measures": selectors.measures_of_success(), "standards": selectors.equality_standards()},
    )


def objective_detail(request, number):
    require(can_view_plan(request.user))
    objective = get_or_404(selectors.objective_detail, number)
    groups = selectors.plan_by_objective(selectors.PlanScope(objective=objective))
    return render(
        request,
        "objectives/objective_detail.html",
        {
            "objective": objective,
            "priorities": groups[0].priorities if groups else [],
            "history_entries": history.objective_history(objective).latest(20),
        },
    )


def priority_detail(request, code):
    require(can_view_plan(request.user))
    priority = get_or_404(selectors.priority_detail, code)
    return render(
        request,
        "objectives/priority_detail.html",
        {
            "priority": priority,
            "items": selectors.priority_items(priority),
            "access": item_access(request.user),
            "reporting_round": selectors.current_round(),
            "evidence": selectors.priority_evidence(priority),
            "workforce_metrics": priority_metrics(priority),
            "history_entries": history.priority_history(priority).latest(10),
        },
    )


def priority_history(request, code):
    require(can_view_plan(request.user))
    priority = get_or_404(selectors.priority_detail, code)
    page, entries = history.priority_history(priority).page(request.GET.get("page"))
    return render(request, "objectives/history.html", {"subject": priority, "page": page, "history_entries": entries})


def priority_edit(request, code=None):
    require(can_manage_plan(request.user))
    priority = get_object_or_404(Priority, code=code) if code else None
    initial = _priority_initial(priority) if priority else {}
    form = PriorityForm(posted(request), priority=priority, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = priority_save(
                by=request.user,
                priority=priority,
                level=priority.level if priority else data["level"],
                period=data["period"],
                title=data["title"],
                description=data["description"],
                objectives=data["objectives"],
                objective_rationale=data["objective_rationale"],
                standards=data["standards"],
                position=data["position"],
                organisations=data.get("organisations") or None,
                ics_owner=data.get("ics_owner"),
                metrics=data["metrics"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Priority {saved.code} has been saved")
            return redirect(saved)
    return render(request, "objectives/priority_form.html", {"form": form, "priority": priority})


def _priority_initial(priority):
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


def priority_retire(request, code):
    require(can_manage_plan(request.user))
    priority = get_object_or_404(Priority, code=code)
    form = RetirePriorityForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            priority_retire_service(priority=priority, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Priority {priority.code} has been retired")
            return redirect(priority)
    return render(request, "objectives/priority_retire.html", {"form": form, "priority": priority})


@require_POST
def priority_reinstate(request, code):
    require(can_manage_plan(request.user))
    priority = get_object_or_404(Priority, code=code)
    priority_reinstate_service(priority=priority, by=request.user)
    messages.success(request, f"Priority {priority.code} is back in the plan")
    return redirect(priority)
