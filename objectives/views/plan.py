"""The plan by objective, level and year; priorities; measures of success."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from objectives.forms.plan import PriorityForm, RetirePriorityForm
from objectives.history.feeds import priority_history_feed, record_history_feed
from objectives.models import Priority, ReportingRound
from objectives.permissions import can_manage_plan, can_view_plan, item_access
from objectives.selectors import plan_pages as selectors
from objectives.selectors.board import overdue_items
from objectives.selectors.eds_comparisons import objective_domain, priority_eds_actions
from objectives.selectors.scope import PlanScope
from objectives.services import priorities as services
from objectives.views.common import scope_form
from organisations.permissions import require
from organisations.shortcuts import get_for_user, save_form, submitted

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
    reporting_round = ReportingRound.objects.current()
    context = {
        "form": form,
        "scope": scope,
        "groups": build(scope),
        "plan_view": view,
        "query_string": form.query_string(),
        "reporting_round": reporting_round,
        "overdue_count": overdue_items(scope).count() if reporting_round else 0,
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
    objective = get_for_user(request, selectors.objective_detail, number=number)
    groups = selectors.plan_by_objective(PlanScope(objective=objective))
    return render(
        request,
        "objectives/objective_detail.html",
        {
            "objective": objective,
            "priorities": groups[0].priorities if groups else [],
            "eds_domain": objective_domain(objective.number),
            "history_entries": record_history_feed(objective).latest(20),
        },
    )


def priority_detail(request, code):
    priority = get_for_user(request, selectors.priority_detail, code=code)
    return render(
        request,
        "objectives/priority_detail.html",
        {
            "priority": priority,
            "items": selectors.priority_items(priority),
            "access": item_access(request.user),
            "reporting_round": ReportingRound.objects.current(),
            "evidence": selectors.priority_evidence(priority),
            "eds_actions": priority_eds_actions(priority),
            "history_entries": priority_history_feed(priority).latest(10),
        },
    )


def priority_history(request, code):
    priority = get_for_user(request, selectors.priority_detail, code=code)
    page, entries = priority_history_feed(priority).page(request.GET.get("page"))
    return render(request, "objectives/history.html", {"subject": priority, "page": page, "history_entries": entries})


def priority_edit(request, code=None):
    require(can_manage_plan(request.user))
    priority = get_for_user(request, Priority, may=can_manage_plan, code=code) if code else None
    form = PriorityForm(*submitted(request), priority=priority)
    if saved := save_form(
        form, lambda data: services.priority_save(by=request.user, priority=priority, **form.priority_fields())
    ):
        messages.success(request, f"Priority {saved.code} has been saved")
        return redirect(saved)
    return render(request, "objectives/priority_form.html", {"form": form, "priority": priority})


def priority_retire(request, code):
    priority = get_for_user(request, Priority, may=can_manage_plan, code=code)
    form = RetirePriorityForm(*submitted(request))
    if save_form(
        form, lambda data: services.priority_retire(priority=priority, by=request.user, reason=data["reason"])
    ):
        messages.success(request, f"Priority {priority.code} has been retired")
        return redirect(priority)
    return render(request, "objectives/priority_retire.html", {"form": form, "priority": priority})


@require_POST
def priority_reinstate(request, code):
    priority = get_for_user(request, Priority, may=can_manage_plan, code=code)
    services.priority_reinstate(priority=priority, by=request.user)
    messages.success(request, f"Priority {priority.code} is back in the plan")
    return redirect(priority)
