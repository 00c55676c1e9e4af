"""The OpenAPI 3.1 description of the JSON API (version 1), built as a plain dict and served as JSON.

Kept beside `reports/api.py`, whose ENDPOINTS give each operation its summary. The schemas of the metric
answers are generated from the types the API and the pages read (`reports.api_answers`,
`workforce.metrics.results`), so a renamed key changes the document with the code. Tests check that every
URL under /api/v1/ is described here and nothing else is, and that every answer, for every scope and year
of the demo data, is valid against this document (tests/reports/test_api_schema.py).
"""

from django.conf import settings
from django.urls import reverse

from reports.api import COMPARISON_KINDS, ENDPOINTS, PATH_PATTERN
from reports.api_answers import (
    EdsAssessmentAnswer,
    EdsAssessmentsAnswer,
    EdsFrameworkAnswer,
    IndexAnswer,
    MetricComparisonAnswer,
    MetricsAnswer,
    MetricTrendAnswer,
    ScopesAnswer,
    YearsAnswer,
)
from reports.json_schema import SchemaSet
from workforce.metrics.results import MetricResultData
from workforce.selectors.results import ResultPart

JSON = "application/json"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _ok(schema_name: str, description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": _ref(schema_name)}}}


def _error(description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": _ref("Error")}}}


ERRORS = {
    "400": {"$ref": "#/components/responses/BadRequest"},
    "401": {"$ref": "#/components/responses/Unauthorised"},
    "403": {"$ref": "#/components/responses/Forbidden"},
    "404": {"$ref": "#/components/responses/NotFound"},
}

PARAMETERS = {
    "scope": {
        "name": "scope",
        "in": "query",
        "required": False,
        "description": 'A scope key from /api/v1/scopes/: "ics", "place:<slug>" or "organisation:<slug>". '
        "Left out, the whole ICS.",
        "schema": {"type": "string", "default": "ics"},
        "examples": {
            "ics": {"value": "ics"},
            "place": {"value": "place:blackpool"},
            "organisation": {"value": "organisation:blackpool-teaching-hospitals"},
        },
    },
    "year": {
        "name": "year",
        "in": "query",
        "required": False,
        "description": "A reporting year from /api/v1/years/: 2025 is April 2024 to March 2025 (2024/25). "
        "Left out, the latest year with stored metrics.",
        "schema": {"type": "integer", "minimum": 1000, "maximum": 9999},
        "example": 2025,
    },
    "path": {
        "name": "path",
        "in": "query",
        "required": True,
        "description": "Keys of a metric result joined with dots: a figure (wres.2.likelihood.ratio, "
        "headcount, pay_gap.gov_uk.DiffMeanHourlyPercent) or a part of a result (wres.1.overall_workforce.counts).",
        "schema": {"type": "string", "pattern": f"^{PATH_PATTERN.pattern}$"},
        "example": "wres.2.likelihood.ratio",
    },
    "kind": {
        "name": "kind",
        "in": "query",
        "required": False,
        "description": "Compare every organisation, or every place.",
        "schema": {"type": "string", "enum": list(COMPARISON_KINDS), "default": "organisation"},
    },
    "organisation": {
        "name": "organisation",
        "in": "query",
        "required": False,
        "description": "An organisation's slug (the part after 'organisation:' of its scope key). Left out, every "
        "organisation.",
        "schema": {"type": "string"},
        "example": "blackpool-teaching-hospitals",
    },
    "eds_year": {
        "name": "year",
        "in": "query",
        "required": False,
        "description": "A reporting year: 2025 is April 2024 to March 2025 (2024/25). Left out, every year.",
        "schema": {"type": "integer", "minimum": 1000, "maximum": 9999},
        "example": 2025,
    },
}
# The single assessment needs both.
PARAMETERS["organisation_required"] = {
    **PARAMETERS["organisation"],
    "required": True,
    "description": "An organisation's slug (the part after 'organisation:' of its scope key).",
}
PARAMETERS["eds_year_required"] = {
    **PARAMETERS["eds_year"],
    "required": True,
    "description": "A reporting year: 2025 is April 2024 to March 2025 (2024/25).",
}


def _parameter(name: str) -> dict:
    return {"$ref": f"#/components/parameters/{name}"}


def _get(name: str, response: dict, parameters=(), errors=("401", "403")) -> dict:
    operation = {
        "operationId": name,
        "summary": ENDPOINTS[name],
        "parameters": [_parameter(p) for p in parameters],
        "responses": {"200": response} | {status: ERRORS[status] for status in errors},
    }
    return {"get": operation}


STATUS_COUNTS = {
    "type": "object",
    "description": 'Items by current status ("not_started", "red", "amber", "green", "complete", and '
    '"no_update" for items with no progress update yet), zeros included.',
    "additionalProperties": {"type": "integer", "minimum": 0},
}

PLAN_ITEM = {
    "type": "object",
    "required": ["id", "priority", "owner", "lead"],
    "properties": {
        "id": {"type": "integer"},
        "priority": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "title": {"type": "string"}},
        },
        "owner": {"type": "string", "description": "The organisation or place the item belongs to."},
        "lead": {"type": ["string", "null"], "description": "The named lead's name, if one is named."},
    },
}

# Written by hand: the plan's answers hold dates, which the generator does not describe.
HAND_WRITTEN = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string", "description": "What went wrong and what to change."}},
    },
    "StatusCounts": STATUS_COUNTS,
    "PlanSummaryAnswer": {
        "type": "object",
        "required": ["scope", "statuses", "rag_counts", "by_level_and_period", "objectives", "overdue_items"],
        "properties": {
            "scope": _ref("ScopeSummary"),
            "statuses": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Labels."},
            "rag_counts": _ref("StatusCounts"),
            "by_level_and_period": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "level": {"type": "string", "enum": ["place", "ics", "organisation"]},
                        "level_label": {"type": "string"},
                        "period": {"type": "string", "enum": ["year-1", "years-2-5"]},
                        "period_label": {"type": "string"},
                        "counts": _ref("StatusCounts"),
                    },
                },
            },
            "objectives": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "number": {"type": "integer"},
                        "title": {"type": "string"},
                        "counts": _ref("StatusCounts"),
                        "item_count": {"type": "integer"},
                        "mean_percent_complete": {
                            "type": ["number", "null"],
                            "description": "Items with no update count as 0%; null with no items.",
                        },
                    },
                },
            },
            "reporting_round": {
                "type": ["object", "null"],
                "description": "The open reporting round, if one is open.",
                "properties": {"name": {"type": "string"}, "due": {"type": "string", "format": "date"}},
            },
            "overdue_items": {
                "type": "array",
                "description": "Items with no update in the open round after its due date.",
                "items": {
                    "allOf": [PLAN_ITEM, {"properties": {"due": {"type": "string", "format": "date"}}}],
                },
            },
            "recently_completed": {
                "type": "array",
                "description": "The ten items most recently marked Complete.",
                "items": {
                    "allOf": [
                        PLAN_ITEM,
                        {"properties": {"completed_at": {"type": "string", "format": "date-time"}}},
                    ],
                },
            },
        },
    },
}


def _schemas() -> dict[str, dict]:
    """Every schema of the document: the metric answers generated from their TypedDicts (`reports.api_answers`,
    `workforce.metrics.results`), the plan's written by hand."""
    schemas = SchemaSet()
    schemas.name(ResultPart, "ResultPart", {})
    schemas.schema(MetricResultData)  # the stored result on its own, which ResultPart's parts are parts of
    answers: tuple[type, ...] = (IndexAnswer, ScopesAnswer, YearsAnswer, MetricsAnswer, MetricTrendAnswer)
    answers += (MetricComparisonAnswer, EdsFrameworkAnswer, EdsAssessmentsAnswer, EdsAssessmentAnswer)
    for answer in answers:
        schemas.schema(answer)
    schemas.components["ResultPart"] = {
        "description": "The part of a MetricResult at the path asked for: a Figure, another part of the result "
        "(each is one of these schemas; see MetricResult for which sits where), a list of organisation slugs, "
        "or a plain value such as a survey question's title, a likelihood's adverse_impact flag or WDES 9b's "
        "count of organisations answering yes.",
        "anyOf": [
            *schemas.parts("MetricResult"),
            {"type": "array", "items": {"type": "string"}},
            {"type": ["string", "number", "boolean"]},
        ],
    }
    return schemas.components | HAND_WRITTEN


def _operations() -> dict[str, dict]:
    """Each endpoint's operation, by URL name."""
    return {
        "api_index": _get("api_index", _ok("IndexAnswer", "The endpoints.")),
        "api_scopes": _get("api_scopes", _ok("ScopesAnswer", "Every scope.")),
        "api_years": _get("api_years", _ok("YearsAnswer", "Years with stored metrics.")),
        "api_metrics": _get(
            "api_metrics",
            _ok("MetricsAnswer", "The result."),
            parameters=("scope", "year"),
            errors=("400", "401", "403", "404"),
        ),
        "api_metric_trend": _get(
            "api_metric_trend",
            _ok("MetricTrendAnswer", "The part at the path in each year."),
            parameters=("scope", "path"),
            errors=("400", "401", "403", "404"),
        ),
        "api_metric_comparison": _get(
            "api_metric_comparison",
            _ok("MetricComparisonAnswer", "The part at the path of each organisation or place."),
            parameters=("year", "kind", "path"),
            errors=("400", "401", "403", "404"),
        ),
        "api_plan_summary": _get(
            "api_plan_summary",
            _ok("PlanSummaryAnswer", "The plan's progress."),
            parameters=("scope",),
            errors=("400", "401", "403"),
        ),
        "api_eds_framework": _get("api_eds_framework", _ok("EdsFrameworkAnswer", "The framework.")),
        "api_eds_assessments": _get(
            "api_eds_assessments",
            _ok("EdsAssessmentsAnswer", "The approved assessments, newest year first."),
            parameters=("organisation", "eds_year"),
            errors=("400", "401", "403"),
        ),
        "api_eds_assessment": _get(
            "api_eds_assessment",
            _ok("EdsAssessmentAnswer", "The assessment."),
            parameters=("organisation_required", "eds_year_required"),
            errors=("400", "401", "403", "404"),
        ),
        "api_openapi": _get(
            "api_openapi", {"description": "This document.", "content": {JSON: {"schema": {"type": "object"}}}}
        ),
    }


def openapi_document() -> dict:
    """The OpenAPI 3.1 document of every /api/v1/ endpoint, its parameters, responses and security."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "LSC Belonging Portal API",
            "version": "1",
            "description": "Read-only access to the portal's equality metrics, Belonging Plan progress and EDS 2022 "
            "assessments approved by their boards, for "
            "Power BI, Excel and scripts. Every metric figure is suppressed exactly as the portal's pages show "
            f"it: a count of 1 to {settings.SUPPRESSION_THRESHOLD} people, and anything that would let one be "
            'worked out, is {"value": null, "display": "*", "suppressed": true}. '
            f"Human documentation: {reverse('reports:api_docs')}.",
        },
        "servers": [{"url": settings.PORTAL_URL}],
        "security": [{"bearerToken": []}, {"sessionCookie": []}],
        "paths": {reverse(f"reports:{name}"): operation for name, operation in _operations().items()},
        "components": {
            "schemas": _schemas(),
            "parameters": PARAMETERS,
            "responses": {
                "BadRequest": _error("A parameter is not valid; the message says which."),
                "Unauthorised": _error("No valid session or token. Send 'Authorization: Bearer <token>'."),
                "Forbidden": _error("The account has no role in the portal."),
                "NotFound": _error("Nothing is stored for those parameters."),
            },
            "securitySchemes": {
                "bearerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal token created on the portal's API access page (/api/tokens/).",
                },
                "sessionCookie": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": settings.SESSION_COOKIE_NAME,
                    "description": "The session of a user signed in to the portal (for trying the API in a browser).",
                },
            },
        },
    }
