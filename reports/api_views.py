"""Views of the read-only JSON API (version 1) and its documentation page.

Each endpoint is `api_view` (GET only; session or bearer token; JSON 401/403/405) around one function of
`reports/api.py`, whose ApiError becomes a JSON 400 or 404.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from organisations.permissions import can_view_portal, require
from reports import api, api_eds
from reports.api_auth import api_view
from reports.openapi import openapi_document


def _json(data, status=200):
    response = JsonResponse(data, status=status, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False})
    # Figures are for the signed-in user or token holder only: lsc_belonging.middleware marks them
    # private, no-store; Vary tells any cache that the token is part of the answer's identity.
    patch_vary_headers(response, ["Authorization"])
    return response


def _answer(build, *args):
    try:
        return _json(build(*args))
    except api.ApiError as error:
        return _json({"error": error.message}, status=error.status)


@api_view
def index(request):
    return _answer(api.index)


@api_view
def scopes(request):
    return _answer(api.scopes)


@api_view
def years(request):
    return _answer(api.years)


@api_view
def metrics(request):
    return _answer(api.metrics, request.GET)


@api_view
def metric_trend(request):
    return _answer(api.metric_trend_at, request.GET)


@api_view
def metric_comparison(request):
    return _answer(api.metric_comparison_at, request.GET)


@api_view
def plan_summary(request):
    return _answer(api.plan_summary, request.GET)


@api_view
def eds_framework(request):
    return _answer(api_eds.framework_answer)


@api_view
def eds_assessments(request):
    return _answer(api_eds.assessments_answer, request.GET)


@api_view
def eds_assessment(request):
    return _answer(api_eds.assessment_answer, request.GET)


@api_view
def openapi(request):
    return _answer(openapi_document)


def docs(request):
    """How to read the API: authentication, each endpoint with an example, suppression, Power BI and Excel."""
    require(can_view_portal(request.user))
    # Full addresses, so examples can be pasted into Power BI or Excel as they are.
    base_url = request.build_absolute_uri("/").rstrip("/")
    context = {"base_url": base_url, "threshold": settings.SUPPRESSION_THRESHOLD}
    return render(request, "reports/api_docs.html", context)
