"""Reporting rounds: admins open, extend and close them; everyone can see how a round is going."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from objectives import history, selectors
from objectives.forms import RoundForm
from objectives.models import ReportingRound
from objectives.permissions import can_manage_plan, can_view_plan
from objectives.services import rounds as round_services
from objectives.views.common import add_service_errors, posted
from organisations.permissions import require

ROUNDS_PER_PAGE = 20
ITEMS_PER_PAGE = 25


def round_list(request):
    require(can_view_plan(request.user))
    page = Paginator(selectors.round_list(), ROUNDS_PER_PAGE).get_page(request.GET.get("page"))
    reporting_round = selectors.current_round()
    return render(
        request,
        "objectives/round_list.html",
        {
            "page": page,
            "reporting_round": reporting_round,
            "can_manage": can_manage_plan(request.user),
        },
    )


def round_open(request):
    require(can_manage_plan(request.user))
    open_round = selectors.current_round()
    form = RoundForm(posted(request), initial={"name": round_services.quarter_round_name(day=timezone.localdate())})
    if request.method == "POST" and form.is_valid():
        try:
            reporting_round = round_services.round_open(
                by=request.user, name=form.cleaned_data["name"], due_on=form.cleaned_data["due_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{reporting_round.name} is open: leads can now report on their items")
            return redirect(reporting_round)
    return render(request, "objectives/round_form.html", {"form": form, "open_round": open_round})


def round_edit(request, pk):
    require(can_manage_plan(request.user))
    reporting_round = get_object_or_404(ReportingRound, pk=pk, is_open=True)
    form = RoundForm(posted(request), initial={"name": reporting_round.name, "due_on": reporting_round.due_on})
    if request.method == "POST" and form.is_valid():
        try:
            round_services.round_change(
                reporting_round=reporting_round,
                by=request.user,
                name=form.cleaned_data["name"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{reporting_round.name} has been saved")
            return redirect(reporting_round)
    return render(request, "objectives/round_form.html", {"form": form, "reporting_round": reporting_round})


def round_detail(request, pk):
    require(can_view_plan(request.user))
    reporting_round = get_object_or_404(ReportingRound.objects.select_related("opened_by", "closed_by"), pk=pk)
    awaiting = selectors.awaiting_items(reporting_round)
    page = Paginator(awaiting, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "objectives/round_detail.html",
        {
            "reporting_round": reporting_round,
            "progress": selectors.round_progress(reporting_round),
            "page": page,
            "items": list(page.object_list),
            "is_overdue": reporting_round.is_overdue_on(timezone.localdate()),
            "can_manage": can_manage_plan(request.user),
            "history_entries": history.round_history(reporting_round).latest(10),
        },
    )


def round_close(request, pk):
    require(can_manage_plan(request.user))
    reporting_round = get_object_or_404(ReportingRound, pk=pk)
    if request.method == "POST":
        try:
            round_services.round_close(reporting_round=reporting_round, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{reporting_round.name} is closed: its updates can no longer be changed")
        return redirect(reporting_round)
    return render(
        request,
        "objectives/round_close.html",
        {"reporting_round": reporting_round, "progress": selectors.round_progress(reporting_round)},
    )
