"""Tracked items, their progress updates and evidence, and each lead's "My updates" list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from objectives import history, selectors
from objectives.forms import CorrectUpdateForm, ItemAssignmentForm, ProgressUpdateForm
from objectives.models import PlanItem
from objectives.permissions import (
    can_change_update,
    can_manage_plan,
    can_update_item,
    can_view_plan,
    item_access,
)
from objectives.services.items import plan_item_assign
from objectives.services.progress import progress_update_correct, progress_update_create, progress_update_withdraw
from objectives.views.common import add_service_errors, filter_form, get_or_404, posted, posted_files
from organisations.permissions import is_edi_lead, is_ics_lead, require

ITEMS_PER_PAGE = 25


def item_list(request):
    require(can_view_plan(request.user))
    form = filter_form(request)
    reporting_round = selectors.current_round()
    data = form.cleaned_data if form.is_valid() else {}
    items = selectors.plan_items(
        form.scope(),
        status=data.get("status") or None,
        overdue=bool(data.get("overdue")),
        reporting_round=reporting_round,
    )
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    rows = selectors.item_list_page(page.object_list, reporting_round)
    return render(
        request,
        "objectives/item_list.html",
        {
            "form": form,
            "page": page,
            "items": rows,
            "query_string": form.query_string(),
            "reporting_round": reporting_round,
            "access": item_access(request.user),
        },
    )


def item_detail(request, pk):
    require(can_view_plan(request.user))
    item = get_or_404(selectors.item_detail, pk)
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
            "history_entries": history.item_history(item).latest(10),
        },
    )


def item_history(request, pk):
    require(can_view_plan(request.user))
    item = get_or_404(selectors.item_detail, pk)
    page, entries = history.item_history(item).page(request.GET.get("page"))
    return render(request, "objectives/history.html", {"subject": item, "page": page, "history_entries": entries})


def item_assign(request, pk):
    require(can_manage_plan(request.user))
    item = get_object_or_404(PlanItem.objects.select_related("priority", "organisation", "place", "lead"), pk=pk)
    initial = {"lead": item.lead, "organisation": item.organisation}
    form = ItemAssignmentForm(posted(request), item=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan_item_assign(
                item=item,
                by=request.user,
                lead=form.cleaned_data["lead"],
                organisation=form.cleaned_data.get("organisation"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The item's lead has been saved")
            return redirect(item)
    return render(request, "objectives/item_assign.html", {"form": form, "item": item})


def _updatable_item(request, pk):
    item = get_object_or_404(PlanItem.objects.select_related("priority", "organisation", "place"), pk=pk)
    # Checked before the form is even read: a forged POST for someone else's item stores nothing.
    require(can_update_item(request.user, item))
    return item


def update_add(request, pk):
    item = _updatable_item(request, pk)
    form = ProgressUpdateForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            progress_update_create(
                item=item,
                by=request.user,
                status=data["status"],
                percent_complete=data["percent_complete"],
                narrative=data["narrative"],
                next_steps=data["next_steps"],
                links=data["evidence_links"],
                files=data["evidence_files"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your progress update has been saved")
            return redirect(item)
    latest = item.updates.order_by("-recorded_at", "-pk").first()
    return render(
        request,
        "objectives/update_form.html",
        {
            "form": form,
            "item": item,
            "latest": latest,
            "reporting_round": selectors.current_round(),
            "files_were_chosen": bool(request.FILES),
        },
    )


def _changeable_update(request, pk):
    update = get_or_404(selectors.update_for_change, pk)
    require(can_change_update(request.user, update))
    return update


def update_edit(request, pk):
    update = _changeable_update(request, pk)
    initial = {
        "status": update.status,
        "percent_complete": update.percent_complete,
        "narrative": update.narrative,
        "next_steps": update.next_steps,
    }
    form = CorrectUpdateForm(posted(request), posted_files(request), update=update, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            progress_update_correct(
                update=update,
                by=request.user,
                status=data["status"],
                percent_complete=data["percent_complete"],
                narrative=data["narrative"],
                next_steps=data["next_steps"],
                add_links=data["evidence_links"],
                add_files=data["evidence_files"],
                remove_evidence=data.get("remove_evidence") or (),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The progress update has been corrected")
            return redirect(update.item)
    return render(
        request,
        "objectives/update_form.html",
        {"form": form, "item": update.item, "update": update, "files_were_chosen": bool(request.FILES)},
    )


def update_withdraw(request, pk):
    update = _changeable_update(request, pk)
    if request.method == "POST":
        item = update.item
        progress_update_withdraw(update=update, by=request.user)
        messages.success(request, "The progress update has been withdrawn")
        return redirect(item)
    return render(request, "objectives/update_withdraw.html", {"update": update, "item": update.item})


def evidence_download(request, pk):
    """Serve an evidence file to a signed-in user who may read the plan; never from a public URL."""
    require(can_view_plan(request.user))
    evidence = get_or_404(selectors.evidence_for_download, pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


def my_updates(request):
    require(can_view_plan(request.user))
    if not is_edi_lead(request.user) and not can_manage_plan(request.user):
        raise PermissionDenied
    reporting_round = selectors.current_round()
    items = selectors.my_items(request.user, reporting_round)
    return render(
        request,
        "objectives/my_updates.html",
        {
            "items": items,
            "access": item_access(request.user),
            "user_is_ics_lead": is_ics_lead(request.user),
            "reporting_round": reporting_round,
            "overdue": [i for i in items if i.round_state == selectors.RoundState.OVERDUE],
            "due": [i for i in items if i.round_state == selectors.RoundState.DUE],
            "done": [i for i in items if i.round_state not in (selectors.RoundState.OVERDUE, selectors.RoundState.DUE)],
        },
    )
