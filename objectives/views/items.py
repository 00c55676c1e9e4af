"""Tracked items, their progress updates and evidence, and each lead's "My updates" list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from objectives.forms.plan import ItemAssignmentForm
from objectives.forms.progress import CorrectUpdateForm, ProgressUpdateForm
from objectives.history.feeds import item_history_feed
from objectives.models import ReportingRound
from objectives.permissions import can_change_update, can_manage_plan, can_update_item, can_view_plan, item_access
from objectives.selectors import items as selectors
from objectives.selectors.item_progress import RoundState
from objectives.services.items import plan_item_assign
from objectives.services.progress import progress_update_correct, progress_update_create, progress_update_withdraw
from objectives.views.common import filter_form
from organisations.permissions import is_edi_lead, is_ics_lead, require
from organisations.shortcuts import get_for_user, is_submission, private_download, save_form, submitted

ITEMS_PER_PAGE = 25


def item_list(request):
    require(can_view_plan(request.user))
    form = filter_form(request)
    reporting_round = ReportingRound.objects.current()
    data = form.cleaned_data if form.is_valid() else {}
    items = selectors.plan_items(
        form.scope(),
        status=data.get("status") or None,
        overdue=bool(data.get("overdue")),
        reporting_round=reporting_round,
    )
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "objectives/item_list.html",
        {
            "form": form,
            "page": page,
            "items": selectors.item_list_page(page.object_list, reporting_round=reporting_round),
            "query_string": form.query_string(),
            "reporting_round": reporting_round,
            "access": item_access(request.user),
        },
    )


def item_detail(request, pk):
    item = get_for_user(request, selectors.item_detail, pk=pk)
    access = item_access(request.user)
    return render(
        request,
        "objectives/item_detail.html",
        {
            "item": item,
            "updates": selectors.item_updates(item),
            "access": access,
            "can_update": access.can_update(item),
            "can_manage": can_manage_plan(request.user),
            "reporting_round": item.reporting_round,
            "history_entries": item_history_feed(item).latest(10),
        },
    )


def item_history(request, pk):
    item = get_for_user(request, selectors.item_detail, pk=pk)
    page, entries = item_history_feed(item).page(request.GET.get("page"))
    return render(request, "objectives/history.html", {"subject": item, "page": page, "history_entries": entries})


def item_assign(request, pk):
    item = get_for_user(request, selectors.item_for_change, may=can_manage_plan, pk=pk)
    initial = {"lead": item.lead, "organisation": item.organisation}
    form = ItemAssignmentForm(*submitted(request), item=item, initial=initial)
    if save_form(
        form,
        lambda data: plan_item_assign(
            item=item, by=request.user, lead=data["lead"], organisation=data.get("organisation")
        ),
    ):
        messages.success(request, "The item's lead has been saved")
        return redirect(item)
    return render(request, "objectives/item_assign.html", {"form": form, "item": item})


def update_add(request, pk):
    item = get_for_user(request, selectors.item_for_change, may_change=can_update_item, pk=pk)
    form = ProgressUpdateForm(*submitted(request))
    if save_form(form, lambda data: progress_update_create(item=item, by=request.user, **form.update_fields())):
        messages.success(request, "Your progress update has been saved")
        return redirect(item)
    context = {
        "form": form,
        "item": item,
        "latest": selectors.latest_update(item),
        "reporting_round": ReportingRound.objects.current(),
        "files_were_chosen": bool(request.FILES),
    }
    return render(request, "objectives/update_form.html", context)


def update_edit(request, pk):
    update = get_for_user(request, selectors.update_for_change, may_change=can_change_update, pk=pk)
    form = CorrectUpdateForm(*submitted(request), update=update)
    if save_form(
        form, lambda data: progress_update_correct(update=update, by=request.user, **form.correction_fields())
    ):
        messages.success(request, "The progress update has been corrected")
        return redirect(update.item)
    context = {"form": form, "item": update.item, "update": update, "files_were_chosen": bool(request.FILES)}
    return render(request, "objectives/update_form.html", context)


def update_withdraw(request, pk):
    update = get_for_user(request, selectors.update_for_change, may_change=can_change_update, pk=pk)
    if is_submission(request):
        item = update.item
        progress_update_withdraw(update=update, by=request.user)
        messages.success(request, "The progress update has been withdrawn")
        return redirect(item)
    return render(request, "objectives/update_withdraw.html", {"update": update, "item": update.item})


def evidence_download(request, pk):
    """Serve an evidence file to a signed-in user who may read the plan; never from a public URL."""
    evidence = get_for_user(request, selectors.evidence_for_download, pk=pk)
    return private_download(evidence.file, filename=evidence.original_name, content_type=evidence.content_type)


def my_updates(request):
    require(can_view_plan(request.user))
    if not is_edi_lead(request.user) and not can_manage_plan(request.user):
        raise PermissionDenied
    reporting_round = ReportingRound.objects.current()
    items = selectors.my_items(request.user, reporting_round=reporting_round)
    waiting = (RoundState.OVERDUE, RoundState.DUE)
    return render(
        request,
        "objectives/my_updates.html",
        {
            "items": items,
            "access": item_access(request.user),
            "user_is_ics_lead": is_ics_lead(request.user),
            "reporting_round": reporting_round,
            "overdue": [i for i in items if i.round_state == RoundState.OVERDUE],
            "due": [i for i in items if i.round_state == RoundState.DUE],
            "done": [i for i in items if i.round_state not in waiting],
        },
    )
