from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from objectives.selectors.eds import eds_assessment
from organisations.permissions import can_view_portal, require
from organisations.shortcuts import get_for_user
from reports import eds_report
from reports.api_auth import create_api_token, revoke_api_token
from reports.board_pack import board_pack_filename_stem
from reports.board_pack_builds import board_pack_download, board_pack_status
from reports.choice import BadChoice, choose, scope_options
from reports.exports import table_to_csv
from reports.forms import ApiTokenForm
from reports.models import ApiToken
from reports.page_cache import cached_body
from reports.presenters.eds import eds_report as eds_report_of
from reports.presenters.metric_page import metric_page
from reports.presenters.overview import overview as overview_page
from workforce.catalogue import metric_definition, metrics_by_standard

BOARD_PACK_STATUS_SLOT = "<!-- board pack status -->"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def api_tokens(request):
    """The signed-in user's own API tokens: create one (shown once) or revoke one."""
    require(can_view_portal(request.user))
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = create_api_token(request.user, form.cleaned_data["name"])
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "reports/api_tokens.html", {"form": form, "tokens": tokens, "new_token": new_token})


def api_token_revoke(request, pk):
    require(can_view_portal(request.user) and request.method == "POST")
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_api_token(token)
    messages.success(request, f"The token “{token.name}” has been revoked")
    return redirect("reports:api_tokens")


# --- People Board dashboards ------------------------------------------------------------------------


def _choice_or_error(request):
    """The scope and year the URL asks for, or a page saying what is wrong with them (400)."""
    try:
        return choose(request.GET.get("scope"), request.GET.get("year")), None
    except BadChoice as error:
        context = {"error": str(error), "scope_options": scope_options()}
        return None, render(request, "reports/bad_choice.html", context, status=400)


def overview(request):
    require(can_view_portal(request.user))
    choice, error = _choice_or_error(request)
    if error:
        return error

    def body():
        context = {"page": overview_page(choice), "choice": choice, "scope_options": scope_options()}
        context["metric_groups"] = metrics_by_standard()
        return render_to_string("reports/overview_body.html", context, request)

    status = render_to_string("reports/includes/board_pack_status.html", board_pack_status(choice), request)
    # The body is kept while the data is unchanged; the build's progress is not, so it is put in afterwards.
    page = cached_body("overview", request.get_full_path(), body).replace(BOARD_PACK_STATUS_SLOT, status)
    context = {"choice": choice, "body": mark_safe(page)}  # noqa: S308 - two rendered templates
    return render(request, "reports/overview.html", context)


def metric_index(request):
    require(can_view_portal(request.user))
    choice, error = _choice_or_error(request)
    if error:
        return error
    context = {"choice": choice, "metric_groups": metrics_by_standard(), "scope_options": scope_options()}
    return render(request, "reports/metric_index.html", context)


def _metric_or_404(slug):
    definition = metric_definition(slug)
    if definition is None:
        raise Http404("There is no metric with that name.")
    return definition


def metric(request, slug):
    require(can_view_portal(request.user))
    definition = _metric_or_404(slug)
    choice, error = _choice_or_error(request)
    if error:
        return error

    def body():
        context = {
            "page": metric_page(definition, choice),
            "choice": choice,
            "scope_options": scope_options(),
        }
        return render_to_string("reports/metric_body.html", context, request)

    context = {
        "choice": choice,
        "definition": definition,
        "body": cached_body(f"metric:{slug}", request.get_full_path(), body),
    }
    return render(request, "reports/metric.html", context)


def _table_or_404(page, table_slug):
    table = page.table(table_slug)
    if table is None:
        raise Http404("There is no table with that name.")
    return table


def _csv_response(table, stamp):
    response = HttpResponse(table_to_csv(table, stamp), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.slug}.csv"'
    return response


def overview_csv(request, table_slug):
    require(can_view_portal(request.user))
    choice, error = _choice_or_error(request)
    if error:
        return error
    page = overview_page(choice)
    return _csv_response(_table_or_404(page, table_slug), page.stamp)


def metric_csv(request, slug, table_slug):
    require(can_view_portal(request.user))
    definition = _metric_or_404(slug)
    choice, error = _choice_or_error(request)
    if error:
        return error
    page = metric_page(definition, choice)
    table = _table_or_404(page, table_slug)
    table.slug = f"{definition.slug}-{table.slug}"
    return _csv_response(table, page.stamp)


def _board_pack_file(request, extension: str):
    """The pack built in the background (reports.board_pack_builds) as a download."""
    require(can_view_portal(request.user))
    choice, error = _choice_or_error(request)
    if error:
        return error
    built = board_pack_download(choice=choice).built
    content, content_type = (built.pdf, "application/pdf") if extension == "pdf" else (built.workbook, XLSX_TYPE)
    response = HttpResponse(bytes(content), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{board_pack_filename_stem(choice)}.{extension}"'
    return response


def board_pack_pdf(request):
    return _board_pack_file(request, "pdf")


def board_pack_xlsx(request):
    return _board_pack_file(request, "xlsx")


# --- EDS 2022 summary reports -----------------------------------------------------------------------


def eds_report_pdf(request, slug, year):
    report = eds_report_of(get_for_user(request, eds_assessment, slug=slug, year=year))
    response = HttpResponse(eds_report.eds_report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename_stem}.pdf"'
    return response


def eds_report_csv(request, slug, year):
    report = eds_report_of(get_for_user(request, eds_assessment, slug=slug, year=year))
    response = HttpResponse(eds_report.eds_report_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report.filename_stem}.csv"'
    return response
