"""The OpenAPI 3.1 description of the JSON API (version 1), built as a plain dict and served as JSON.

Kept beside `reports/api.py`, whose ENDPOINTS give each operation its summary; a test checks that every
URL under /api/v1/ is described here and nothing else is.
"""

from django.conf import settings
from django.urls import reverse

from reports.api import COMPARISON_KINDS, ENDPOINTS, PATH_PATTERN

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

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string", "description": "What went wrong and what to change."}},
    },
    "Figure": {
        "type": "object",
        "description": "One published figure. A suppressed figure has a null value and display '*'; a figure "
        "that cannot be computed has a null value and says why in reason and note.",
        "required": ["value", "display", "suppressed", "reason", "note"],
        "properties": {
            "value": {"type": ["number", "null"], "description": "Null when suppressed or not computable."},
            "display": {"type": "string", "examples": ["1,234", "12.3", "*", "Not computable"]},
            "suppressed": {"type": "boolean"},
            "reason": {
                "type": "string",
                "examples": ["", "small number", "secondary suppression", "group below threshold"],
            },
            "note": {"type": "string"},
        },
    },
    "FigureOrPart": {
        "description": "A Figure, or (for a shorter path) the part of a result under it: figures keyed by name.",
        "anyOf": [_ref("Figure"), {"type": "object"}],
    },
    "Scope": {
        "type": "object",
        "required": ["key", "kind", "label"],
        "properties": {
            "key": {"type": "string", "examples": ["ics", "place:blackpool", "organisation:lsc-icb"]},
            "kind": {"type": "string", "enum": ["ics", "place", "organisation"]},
            "label": {"type": "string"},
        },
    },
    "DataAsAt": {
        "type": "object",
        "required": ["snapshot_date", "computed_at"],
        "properties": {
            "snapshot_date": {"type": "string", "format": "date", "description": "The ESR snapshot the year uses."},
            "computed_at": {"type": "string", "format": "date-time", "description": "When the result was stored."},
        },
    },
    "Index": {
        "type": "object",
        "required": ["api_version", "documentation", "endpoints"],
        "properties": {
            "api_version": {"type": "string"},
            "documentation": {"type": "string"},
            "endpoints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"path": {"type": "string"}, "summary": {"type": "string"}},
                },
            },
        },
    },
    "Scopes": {
        "type": "object",
        "required": ["scopes"],
        "properties": {"scopes": {"type": "array", "items": _ref("Scope")}},
    },
    "Years": {
        "type": "object",
        "required": ["years"],
        "properties": {
            "years": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["year", "label"],
                    "properties": {
                        "year": {"type": "integer", "examples": [2025]},
                        "label": {"type": "string", "examples": ["2024/25"]},
                    },
                },
            }
        },
    },
    "MetricResult": {
        "type": "object",
        "description": "Every metric of one scope and year, as stored (see the README's 'Metrics' section for "
        "the full shape). Every figure in it is a Figure; a relative likelihood is {ratio, ci_lower, ci_upper, "
        "inverse} (Figures) with adverse_impact, may_be_chance, first_group, second_group and event.",
        "required": ["data_as_at", "scope", "headcount"],
        "properties": {
            "data_as_at": _ref("DataAsAt"),
            "scope": {
                "type": "object",
                "properties": {
                    "key": {"type": "string"},
                    "kind": {"type": "string"},
                    "label": {"type": "string"},
                    "year": {"type": "integer"},
                    "year_label": {"type": "string"},
                    "snapshot_date": {"type": "string", "format": "date"},
                    "threshold": {"type": "integer", "description": "Counts from 1 to this are suppressed."},
                    "computed_at": {"type": "string", "format": "date-time"},
                },
            },
            "headcount": _ref("Figure"),
            "wres": {"type": "object", "description": 'WRES indicators "1" to "9".'},
            "wdes": {"type": "object", "description": 'WDES metrics "1" to "10" ("4a_i", "9b", ...).'},
            "pay_gap": {"type": "object", "description": "Gender, ethnicity and disability pay gaps; gov_uk, by_band."},
            "representation": {"type": "object"},
            "declaration": {"type": "object"},
            "coverage": {"type": "object", "description": "Which organisations' data the result covers."},
        },
    },
    "MetricTrend": {
        "type": "object",
        "required": ["scope", "path", "figures", "year_labels", "data_as_at"],
        "properties": {
            "scope": _ref("Scope"),
            "path": {"type": "string"},
            "figures": {
                "type": "object",
                "description": "By reporting year, oldest first; years without the path are left out.",
                "additionalProperties": _ref("FigureOrPart"),
            },
            "year_labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "data_as_at": {"type": "object", "additionalProperties": _ref("DataAsAt")},
        },
    },
    "MetricComparison": {
        "type": "object",
        "required": ["year", "year_label", "kind", "path", "figures", "labels", "data_as_at"],
        "properties": {
            "year": {"type": "integer"},
            "year_label": {"type": "string"},
            "kind": {"type": "string", "enum": list(COMPARISON_KINDS)},
            "path": {"type": "string"},
            "figures": {
                "type": "object",
                "description": "By scope key, in the order of the scopes' names.",
                "additionalProperties": _ref("FigureOrPart"),
            },
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "data_as_at": {"type": "object", "additionalProperties": _ref("DataAsAt")},
        },
    },
    "StatusCounts": STATUS_COUNTS,
    "PlanSummary": {
        "type": "object",
        "required": ["scope", "statuses", "rag_counts", "by_level_and_period", "objectives", "overdue_items"],
        "properties": {
            "scope": _ref("Scope"),
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


def openapi_document() -> dict:
    """The OpenAPI 3.1 document of every /api/v1/ endpoint, its parameters, responses and security."""
    paths = {
        "api_index": _get("api_index", _ok("Index", "The endpoints.")),
        "api_scopes": _get("api_scopes", _ok("Scopes", "Every scope.")),
        "api_years": _get("api_years", _ok("Years", "Years with stored metrics.")),
        "api_metrics": _get(
            "api_metrics",
            _ok("MetricResult", "The result."),
            parameters=("scope", "year"),
            errors=("400", "401", "403", "404"),
        ),
        "api_metric_trend": _get(
            "api_metric_trend",
            _ok("MetricTrend", "The figure in each year."),
            parameters=("scope", "path"),
            errors=("400", "401", "403", "404"),
        ),
        "api_metric_comparison": _get(
            "api_metric_comparison",
            _ok("MetricComparison", "The figure of each organisation or place."),
            parameters=("year", "kind", "path"),
            errors=("400", "401", "403", "404"),
        ),
        "api_plan_summary": _get(
            "api_plan_summary",
            _ok("PlanSummary", "The plan's progress."),
            parameters=("scope",),
            errors=("400", "401", "403"),
        ),
        "api_openapi": _get(
            "api_openapi", {"description": "This document.", "content": {JSON: {"schema": {"type": "object"}}}}
        ),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "LSC Belonging Portal API",
            "version": "1",
            "description": "Read-only access to the portal's equality metrics and Belonging Plan progress, for "
            "Power BI, Excel and scripts. Every metric figure is suppressed exactly as the portal's pages show "
            f"it: a count of 1 to {settings.SUPPRESSION_THRESHOLD} people, and anything that would let one be "
            'worked out, is {"value": null, "display": "*", "suppressed": true}. '
            f"Human documentation: {reverse('reports:api_docs')}.",
        },
        "servers": [{"url": settings.PORTAL_URL}],
        "security": [{"bearerToken": []}, {"sessionCookie": []}],
        "paths": {reverse(f"reports:{name}"): operation for name, operation in paths.items()},
        "components": {
            "schemas": SCHEMAS,
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
