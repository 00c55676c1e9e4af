"""What every app's views share: fetch an object the user may have (or answer 403/404), tell a submission from a
page request, save a valid form through a service, and serve a stored file privately."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Manager, Model, QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from organisations.permissions import can_view_portal, require

T = TypeVar("T")


def get_for_user(
    request,
    source: Callable[..., T] | type[Model] | Manager | QuerySet,
    /,
    *,
    may: Callable[[Any], bool] = can_view_portal,
    may_change: Callable[[Any, T], bool] | None = None,
    **lookup,
) -> T:
    """The one object `source` reads with `lookup`, if the user may have it; otherwise 403 or 404.

    source is a selector that reads one object by keyword (`item_detail(pk=...)`), or a model,
    manager or queryset as for get_object_or_404. `may(user)`, a right over the whole page, is
    checked first, so whoever lacks it learns nothing of what exists; `may_change(user, object)`
    after the read, and before any form is read: a forged POST for someone else's object stores nothing.
    """
    require(may(request.user))
    if isinstance(source, Manager | QuerySet) or (isinstance(source, type) and issubclass(source, Model)):
        found = get_object_or_404(source, **lookup)
    else:
        try:
            found = source(**lookup)
        except ObjectDoesNotExist:
            raise Http404 from None
    if may_change is not None:
        require(may_change(request.user, found))
    return found


def is_submission(request) -> bool:
    """Whether the person sent a form (POST) rather than asked for the page (GET)."""
    return request.method == "POST"


def submitted(request) -> tuple:
    """The form data and files of a submission, or (None, None) otherwise: `Form(*submitted(request))`.

    (`request.POST or None` would treat an empty submission as a GET.)
    """
    return (request.POST, request.FILES) if is_submission(request) else (None, None)


def save_form(form, save: Callable[[dict], T]) -> T | None:
    """What `save(form.cleaned_data)` (a service call) returns, for a submitted form that is valid.

    None when there was nothing to save (the page was asked for, or the form is invalid) or the
    service refused: its ValidationError is then shown on the form, beside the field it names.
    """
    if not form.is_bound or not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as error:
        _add_service_errors(form, error)
        return None


def _add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside its field if it names one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def private_download(field_file, *, filename: str, content_type: str) -> FileResponse:
    """A stored file as a download; 404 if the file has gone from storage. (Like every download, it is
    marked private, no-store by lsc_belonging.middleware, so that no cache keeps it.)"""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
