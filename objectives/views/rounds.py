"""Reporting rounds: admins open, extend and close them; everyone can see how a round is going."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from objectives.forms.rounds import RoundForm
from objectives.history.feeds import record_history_feed
from objectives.models import ReportingRound
from objectives.permissions import can_manage_plan, can_view_plan
from objectives.selectors import rounds as selectors
from objectives.services import rounds as services
from organisations.permissions import require
from organisations.shortcuts import get_for_user, is_submission, save_form, submitted

ROUNDS_PER_PAGE = 20
ITEMS_PER_PAGE = 25


def round_list(request):
    require(can_view_plan(request.user))
    page = Paginator(selectors.round_list(), ROUNDS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "objectives/round_list.html",
        {
            "page": page,
            "reporting_round": ReportingRound.objects.current(),
            "can_manage": can_manage_plan(request.user),
        },
    )


def round_open(request):
    require(can_manage_plan(request.user))
    form = RoundForm(*submitted(request), initial={"name": services.quarter_round_name(day=timezone.localdate())})
    if opened := save_form(form, lambda data: services.round_open(by=request.user, **data)):
        messages.success(request, f"{opened.name} is open: leads can now report on their items")
        return redirect(opened)
    context = {"form": form, "open_round": ReportingRound.objects.current()}
    return render(request, "objectives/round_form.html", context)


def round_edit(request, pk):
    reporting_round = get_for_user(request, ReportingRound.objects.open(), may=can_manage_plan, pk=pk)
    form = RoundForm(*submitted(request), initial={"name": reporting_round.name, "due_on": reporting_round.due_on})
    if save_form(form, lambda data: services.round_change(reporting_round=reporting_round, by=request.user, **data)):
        messages.success(request, f"{reporting_round.name} has been saved")
        return redirect(reporting_round)
    return render(request, "objectives/round_form.html", {"form": form, "reporting_round": reporting_round})


def round_detail(request, pk):
    reporting_round = get_for_user(request, selectors.round_detail, pk=pk)
    page = Paginator(selectors.awaiting_items(reporting_round), ITEMS_PER_PAGE).get_page(request.GET.get("page"))
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
            "history_entries": record_history_feed(reporting_round).latest(10),
        },
    )


def round_close(request, pk):
    reporting_round = get_for_user(request, ReportingRound, may=can_manage_plan, pk=pk)
    if is_submission(request):
        try:
            services.round_close(reporting_round=reporting_round, by=request.user)
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
