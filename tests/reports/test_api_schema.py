"""Every answer of the API is what its OpenAPI document says: every operation, for every scope and year of the
demo data (and every approved EDS 2022 assessment), its errors too, and for the trend and comparison the exact part
of a result each path points at."""

import json

import jsonschema
import pytest
from django.core.management import call_command
from django.urls import reverse

from organisations.permissions import Role
from reports.api_auth import create_api_token
from reports.openapi import openapi_document
from tests.factories import make_user
from workforce.scopes import all_scopes
from workforce.selectors.results import available_years, figure_at, metric_result

pytestmark = pytest.mark.django_db

PASSWORD = "demo-Password-for-tests-1"
# The README's and the golden files' examples, and one of each plain value a path can point at.
EXAMPLE_PATHS = (
    "headcount",
    "wres.2.likelihood.ratio",
    "wres.2.likelihood.adverse_impact",
    "wres.5.title",
    "wdes.3",
    "wdes.9b",
    "wdes.9b.answer",
    "wdes.9b.yes",
    "pay_gap.gender",
    "pay_gap.gov_uk.DiffMeanHourlyPercent",
    "declaration",
    "coverage.organisations",
    "scope.threshold",
    "representation.area",
)


@pytest.fixture
def demo(settings):
    """The demo as `setup_demo` makes it (five years of synthetic ESR, settings.DEMO_ESR_ROWS staff each)."""
    settings.DEBUG = True  # setup_demo refuses to run without it
    call_command("setup_demo", password=PASSWORD, stdout=open("/dev/null", "w"))  # noqa: SIM115


class Document:
    """The served OpenAPI document, and a validator of each operation's answers against it."""

    def __init__(self, document: dict):
        self.document = document
        self.schemas = document["components"]["schemas"]
        self.validator = jsonschema.Draft202012Validator({"components": document["components"]})

    def response_schema(self, path: str, status: int) -> dict:
        response = self.document["paths"][path]["get"]["responses"][str(status)]
        if "$ref" in response:
            response = self.document["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        return response["content"]["application/json"]["schema"]

    def errors(self, instance, schema: dict) -> list[str]:
        validator = self.validator.evolve(schema={**schema, "components": self.document["components"]})
        return [f"{'.'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(instance)]

    def part_schema(self, keys: list[str]) -> dict:
        """The schema of the part of a MetricResult at a path of keys."""
        schema: dict = {"$ref": "#/components/schemas/MetricResult"}
        for key in keys:
            while "$ref" in schema:
                schema = self.schemas[schema["$ref"].rsplit("/", 1)[1]]
            if "anyOf" in schema:  # WDES 9b's answer: a Figure when nobody answered
                schema = next(s for s in schema["anyOf"] if "$ref" in s)
                schema = self.schemas[schema["$ref"].rsplit("/", 1)[1]]
            properties = schema.get("properties", {})
            schema = properties[key] if key in properties else schema["additionalProperties"]
        return schema


def paths_to_every_kind_of_part(result: dict) -> list[str]:
    """One path to each differently shaped part of a result (a figure, a likelihood, a list of slugs, a
    title, a flag, a count of organisations ...), so every kind of answer the trend and comparison give is
    checked without asking for all of the thousands of paths."""
    chosen: dict[tuple, str] = {}

    def walk(value, path):
        if isinstance(value, dict):
            shape: tuple = ("object", *sorted(value)[:6]) if len(value) < 20 else ("object", len(value) // 10)
        else:
            shape = (type(value).__name__,)
        if path and value is not None:
            chosen.setdefault((len(path) > 2, *shape), ".".join(path))
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))

    walk(result, ())
    return sorted(set(chosen.values()))


def test_every_answer_of_every_operation_is_valid_against_the_openapi_document(demo, client):
    token = create_api_token(make_user(Role.BOARD_MEMBER), "Power BI")[1]
    headers = {"Authorization": f"Bearer {token}"}
    document = Document(client.get(reverse("reports:api_openapi"), headers=headers).json())
    assert document.document == json.loads(json.dumps(openapi_document()))
    years, scopes = available_years(), [scope.key for scope in all_scopes()]
    assert len(years) == 5 and len(scopes) > 10
    paths = sorted(set(paths_to_every_kind_of_part(metric_result("ics", years[-1]))) | set(EXAMPLE_PATHS))
    # A large part ("wres", "wres.1", "pay_gap.by_band") takes long to validate: asked once each way, not
    # for every scope and year.
    ics = metric_result("ics", years[-1])
    sections = [path for path in paths if len(json.dumps(figure_at(ics, path))) > 2000]
    paths = [path for path in paths if path not in sections]
    problems: list[str] = []
    answered: dict[str, set[int]] = {}

    def check(name: str, expect=(200,), **params):
        url = reverse(f"reports:{name}")
        response = client.get(url, params, headers=headers)
        answered.setdefault(name, set()).add(response.status_code)
        assert response.status_code in expect, (url, params, response.content[:300])
        body = response.json()
        for problem in document.errors(body, document.response_schema(url, response.status_code)):
            problems.append(f"{name} {params} {response.status_code}: {problem}")
        return response.status_code, body

    for name in ("api_index", "api_scopes", "api_years", "api_openapi"):
        check(name)

    def check_figures(name: str, **params):
        """`check`, and each figure (or part) answered against the schema of the part at its path."""
        status, body = check(name, (200, 404), **params)
        schema = document.part_schema(params["path"].split("."))
        for figure in body["figures"].values() if status == 200 else ():
            problems.extend(f"{name} {params}: {problem}" for problem in document.errors(figure, schema))

    for scope in scopes:
        check("api_plan_summary", scope=scope)
        for year in years:
            check("api_metrics", (200, 404), scope=scope, year=year)
        for path in paths:
            check_figures("api_metric_trend", scope=scope, path=path)
    for year in years:
        for kind in ("organisation", "place"):
            for path in paths:
                check_figures("api_metric_comparison", year=year, kind=kind, path=path)
    for path in sections:
        check_figures("api_metric_trend", scope="ics", path=path)
        for kind in ("organisation", "place"):
            check_figures("api_metric_comparison", year=years[-1], kind=kind, path=path)
    # EDS 2022: the framework, every approved assessment of the demo (two years of every NHS organisation), each in
    # full, and the demo's draft, which the API does not give out.
    check("api_eds_framework")
    _, listed = check("api_eds_assessments")
    assert len(listed["assessments"]) >= 10
    for year in {a["year"] for a in listed["assessments"]}:
        check("api_eds_assessments", year=year)
    for assessment in listed["assessments"]:
        check("api_eds_assessment", organisation=assessment["organisation"]["slug"], year=assessment["year"])
    check("api_eds_assessment", (404,), organisation="north-west-ambulance-service", year=2025)
    check("api_eds_assessment", (400,), organisation="nowhere", year=2025)
    check("api_eds_assessments", (400,), year="20x5")
    # The errors each operation documents.
    check("api_metrics", (400,), scope="nowhere")
    check("api_metrics", (400,), year="20x5")
    check("api_metric_trend", (400,), path="wres..2")
    check("api_metric_trend", (404,), path="wres.99")
    check("api_metric_comparison", (400,), kind="ambulance", path="headcount")
    check("api_plan_summary", (400,), scope="nowhere")
    headers = {}
    for name in ("api_index", "api_scopes", "api_years", "api_metrics", "api_metric_trend", "api_plan_summary"):
        check(name, (401,))
    check("api_eds_assessments", (401,))
    client.force_login(make_user(None))
    check("api_metric_comparison", (403,), path="headcount")

    assert problems == []
    assert answered["api_metric_trend"] >= {200, 400, 401, 404} and answered["api_metrics"] >= {200, 400, 401}
    assert answered["api_eds_assessment"] >= {200, 400, 404}
