"""The read-only JSON API (version 1): access, parameters, shapes, its OpenAPI document, and suppression."""

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.synthetic_esr import write_extract as write_synthetic_extract
from organisations.models import Organisation
from organisations.services.reference_data import reference_data_load
from reports.api_auth import create_api_token, revoke_api_token
from reports.openapi import openapi_document
from reports.urls import urlpatterns
from tests.workforce.esr_files import row
from tests.workforce.esr_files import write_extract as write_rows
from workforce.services.esr_import import esr_extract_import

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 31)
YEAR = 2025
SMALL_TRUST = "organisation:lancashire-south-cumbria-ft"  # ODS RW5: 3 BME staff in Band 9, below the threshold
HIDDEN_PATH = "wres.1.non_clinical.counts.9.bme"
API_NAMES = [pattern.name for pattern in urlpatterns if str(pattern.pattern).startswith("api/v1/")]


def staff(ods, count, band="Band 5", ethnic="A White - British", group="Nursing and Midwifery Registered"):
    return [dict(Organisation=ods, Pay_Band=band, Ethnic_Origin=ethnic, Staff_Group=group) for _ in range(count)]


@pytest.fixture
def organisations(db):
    reference_data_load()
    return {o.slug: o for o in Organisation.objects.all()}


@pytest.fixture
def small_trust_metrics(tmp_path, organisations):
    """Metrics of a year in which Lancashire & South Cumbria FT has 3 BME staff in Band 9 (a hidden count)."""
    admin, asian = "Administrative and Clerical", "H Asian or Asian British - Indian"
    people = []
    for ods, band_9_bme in (("RW5", 3), ("RXN", 20), ("RXL", 30)):
        people += staff(ods, 60) + staff(ods, 20, ethnic=asian) + staff(ods, 10, ethnic="Z Not Stated")
        people += staff(ods, band_9_bme, band="Band 9", ethnic=asian, group=admin)
        people += staff(ods, 12, band="Band 4", group=admin)
    path = write_rows(tmp_path / "small.csv", [row(n, **values) for n, values in enumerate(people, start=1)])
    esr_extract_import(path=path, snapshot_date=DAY)


def import_synthetic(tmp_path, rows, day=DAY):
    path = tmp_path / f"esr-{rows}.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        write_synthetic_extract(stream, rows=rows, seed=1, snapshot_date=day)
    esr_extract_import(path=path, snapshot_date=day)


def figures_in(value):
    """Every figure in a JSON value, wherever it is."""
    if isinstance(value, dict):
        if {"value", "display", "suppressed"} <= value.keys():
            yield value
        else:
            for item in value.values():
                yield from figures_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from figures_in(item)


def small_counts_in(value, threshold=7):
    return [f for f in figures_in(value) if isinstance(f["value"], int) and 1 <= f["value"] <= threshold]


# --- Access ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", API_NAMES)
def test_every_endpoint_answers_401_in_json_without_a_session_or_token(client, name):
    response = client.get(reverse(f"reports:{name}"))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "Bearer" in response.json()["error"]


def test_a_revoked_token_is_refused(client, board_user):
    token, raw = create_api_token(board_user, "Excel")
    revoke_api_token(token)
    response = client.get(reverse("reports:api_scopes"), headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401


def test_a_token_and_a_signed_in_session_both_read_the_api(client_for, board_user, api):
    assert api("api_scopes").status_code == 200
    assert client_for(board_user).get(reverse("reports:api_scopes")).status_code == 200


def test_an_account_without_a_role_is_refused(client_for, roleless_user):
    assert client_for(roleless_user).get(reverse("reports:api_scopes")).status_code == 403


@pytest.mark.parametrize("name", API_NAMES)
def test_the_api_is_read_only(client, token, name):
    response = client.post(reverse(f"reports:{name}"), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 405


def test_answers_are_json_kept_out_of_shared_caches(api):
    response = api("api_index")
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "private, no-store"
    assert "Authorization" in response["Vary"]


# --- Parameters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, params, mentions",
    [
        ("api_metrics", {"scope": "organisation:nowhere"}, "Unknown scope"),
        ("api_metrics", {"scope": "ward:x"}, "Unknown scope"),
        ("api_metrics", {"year": "25"}, "Bad year"),
        ("api_metrics", {"year": "2025x"}, "Bad year"),
        ("api_metrics", {"year": "\u0662\u0660\u0662\u0665"}, "Bad year"),  # Arabic-Indic digits
        ("api_metric_trend", {"scope": "place:atlantis", "path": "headcount"}, "Unknown scope"),
        ("api_metric_trend", {"path": ""}, "path"),
        ("api_metric_trend", {}, "path"),
        ("api_metric_trend", {"path": "wres/2"}, "path"),
        ("api_metric_trend", {"path": "wres..2"}, "path"),
        ("api_metric_trend", {"path": "wres.2 "}, "path"),
        ("api_metric_comparison", {"path": "headcount", "kind": "ics"}, "Bad kind"),
        ("api_metric_comparison", {"path": "headcount", "year": "last"}, "Bad year"),
        ("api_metric_comparison", {"path": "head$count", "year": "2025"}, "path"),
        ("api_plan_summary", {"scope": "organisation:nowhere"}, "Unknown scope"),
    ],
)
def test_bad_parameters_answer_400_saying_what_to_change(organisations, api, name, params, mentions):
    response = api(name, **params)
    assert response.status_code == 400
    assert mentions in response.json()["error"]


def test_a_scope_or_year_without_metrics_answers_404(small_trust_metrics, api, organisations):
    assert api("api_metrics", year="2019").status_code == 404
    # The ICB has no place and no staff in this extract: it has no result of its own.
    response = api("api_metrics", scope="organisation:lsc-icb")
    assert response.status_code == 404 and "No metrics" in response.json()["error"]


def test_a_path_with_nothing_at_it_answers_404(small_trust_metrics, api):
    assert api("api_metric_trend", path="wres.99").status_code == 404
    assert api("api_metric_comparison", path="wres.99", year="2025").status_code == 404
    assert api("api_metric_comparison", path="headcount", year="2019").status_code == 404


def test_metrics_answer_404_when_nothing_is_stored_yet(api, organisations):
    response = api("api_metrics")
    assert response.status_code == 404 and response.json() == {"error": "No metrics are stored yet."}


# --- Shapes ----------------------------------------------------------------------------------


def test_the_index_lists_every_endpoint(api):
    paths = [endpoint["path"] for endpoint in api("api_index").json()["endpoints"]]
    assert paths == [reverse(f"reports:{name}") for name in API_NAMES]


def test_scopes_list_the_ics_every_place_and_every_organisation(api, organisations):
    scopes = api("api_scopes").json()["scopes"]
    assert scopes[0] == {"key": "ics", "kind": "ics", "label": "Lancashire and South Cumbria ICS"}
    keys = {scope["key"] for scope in scopes}
    assert {"place:blackpool", "organisation:blackpool-teaching-hospitals"} <= keys
    assert {scope["kind"] for scope in scopes} == {"ics", "place", "organisation"}


def test_years_are_listed_with_their_labels(tmp_path, organisations, api):
    import_synthetic(tmp_path, rows=400, day=date(2024, 3, 31))
    import_synthetic(tmp_path, rows=400, day=DAY)
    years = api("api_years").json()["years"]
    assert years == [{"year": 2024, "label": "2023/24"}, {"year": 2025, "label": "2024/25"}]


def test_metrics_give_the_stored_result_with_when_its_data_were_true(small_trust_metrics, api):
    from workforce.selectors.results import metric_result

    body = api("api_metrics", scope="place:lancashire", year="2025").json()
    stored = metric_result("place:lancashire", YEAR)
    assert body["data_as_at"] == {"snapshot_date": "2025-03-31", "computed_at": stored["scope"]["computed_at"]}
    assert {key: value for key, value in body.items() if key != "data_as_at"} == json.loads(json.dumps(stored))
    # Left out, the scope is the ICS and the year the latest.
    assert api("api_metrics").json()["scope"]["key"] == "ics"
    assert api("api_metrics").json()["scope"]["year"] == YEAR


def test_a_trend_gives_the_figure_at_a_path_in_each_year(tmp_path, organisations, api):
    import_synthetic(tmp_path, rows=400, day=date(2024, 3, 31))
    import_synthetic(tmp_path, rows=400, day=DAY)
    body = api("api_metric_trend", scope="place:blackpool", path="headcount").json()
    assert body["scope"] == {"key": "place:blackpool", "kind": "place", "label": "Blackpool"}
    assert list(body["figures"]) == ["2024", "2025"]
    assert set(body["figures"]["2025"]) == {"value", "display", "suppressed", "reason", "note"}
    assert body["year_labels"] == {"2024": "2023/24", "2025": "2024/25"}
    assert body["data_as_at"]["2024"]["snapshot_date"] == "2024-03-31"


def test_a_comparison_gives_the_figure_at_a_path_for_each_organisation_or_place(small_trust_metrics, api):
    body = api("api_metric_comparison", path="headcount").json()
    assert body["year"] == YEAR and body["year_label"] == "2024/25" and body["kind"] == "organisation"
    assert list(body["figures"]) == [
        "organisation:blackpool-teaching-hospitals",
        "organisation:lancashire-south-cumbria-ft",
        "organisation:lancashire-teaching-hospitals",
    ]
    assert body["labels"]["organisation:blackpool-teaching-hospitals"].startswith("Blackpool Teaching Hospitals")
    assert body["figures"]["organisation:blackpool-teaching-hospitals"]["value"] == 60 + 20 + 10 + 30 + 12
    places = api("api_metric_comparison", path="headcount", kind="place", year="2025").json()
    assert list(places["figures"]) == ["place:blackpool", "place:lancashire"]
    assert places["data_as_at"]["place:lancashire"]["snapshot_date"] == "2025-03-31"


# --- Suppression -----------------------------------------------------------------------------


def test_a_small_organisations_hidden_count_is_never_in_the_api(small_trust_metrics, api):
    hidden = {"value": None, "display": "*", "suppressed": True}

    result = api("api_metrics", scope=SMALL_TRUST, year="2025").json()
    figure = result["wres"]["1"]["non_clinical"]["counts"]["9"]["bme"]
    assert hidden.items() <= figure.items()
    assert figure["reason"] == "small number"
    assert result["wres"]["1"]["non_clinical"]["share_of_row"]["9"]["bme"]["suppressed"]
    assert small_counts_in(result) == []

    trend = api("api_metric_trend", scope=SMALL_TRUST, path=HIDDEN_PATH).json()
    assert hidden.items() <= trend["figures"]["2025"].items()

    comparison = api("api_metric_comparison", path=HIDDEN_PATH, year="2025").json()
    assert hidden.items() <= comparison["figures"][SMALL_TRUST].items()
    assert not comparison["figures"]["organisation:blackpool-teaching-hospitals"]["suppressed"]  # 30 is shown
    # Not at a shorter path either, nor in any scope's answer.
    band_9 = api("api_metric_comparison", path="wres.1.non_clinical", year="2025").json()
    assert small_counts_in(band_9) == []
    for scope in ("ics", "place:lancashire", "organisation:lancashire-teaching-hospitals"):
        assert small_counts_in(api("api_metrics", scope=scope).json()) == []
    # The sister trust's 20 and the place's 23 cannot both be shown: that would give the 3 away.
    place = api("api_metrics", scope="place:lancashire").json()["wres"]["1"]["non_clinical"]["counts"]["9"]["bme"]
    sister = api("api_metric_trend", scope="organisation:lancashire-teaching-hospitals", path=HIDDEN_PATH).json()
    assert place["suppressed"] or sister["figures"]["2025"]["suppressed"]


def test_the_metrics_endpoint_makes_as_many_queries_whatever_the_size_of_the_workforce(
    tmp_path, organisations, client, token, django_assert_max_num_queries
):
    def count_queries():
        url = reverse("reports:api_metrics")
        params = {"scope": "organisation:blackpool-teaching-hospitals", "year": str(YEAR)}
        with django_assert_max_num_queries(6), CaptureQueriesContext(connection) as queries:
            response = client.get(url, params, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200
        return len(queries), response.json()["headcount"]["value"]

    import_synthetic(tmp_path, rows=500)
    small_count, small_headcount = count_queries()
    import_synthetic(tmp_path, rows=4000)
    large_count, large_headcount = count_queries()
    assert large_headcount > 4 * small_headcount
    assert large_count == small_count


# --- The plan --------------------------------------------------------------------------------


# --- The OpenAPI document and the documentation page -----------------------------------------


def test_the_openapi_document_describes_every_endpoint_and_nothing_else(api):
    document = api("api_openapi").json()
    assert document == json.loads(json.dumps(openapi_document()))
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {reverse(f"reports:{name}") for name in API_NAMES}
    assert set(API_NAMES) == {operation["get"]["operationId"] for operation in document["paths"].values()}


def test_the_openapi_document_has_its_parameters_schemas_and_both_ways_to_sign_in(api):
    document = api("api_openapi").json()
    components = document["components"]
    assert set(components["securitySchemes"]) == {"bearerToken", "sessionCookie"}
    assert components["securitySchemes"]["bearerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": components["securitySchemes"]["bearerToken"]["description"],
    }
    assert components["securitySchemes"]["sessionCookie"]["in"] == "cookie"
    assert components["schemas"]["Figure"]["required"] == ["value", "display", "suppressed", "reason", "note"]
    metrics = document["paths"][reverse("reports:api_metrics")]["get"]
    assert [p["$ref"].rsplit("/", 1)[1] for p in metrics["parameters"]] == ["scope", "year"]
    # Every reference points at something the document defines.
    references = {m for m in json.dumps(document).split('"$ref": "')[1:]}
    for reference in {r.split('"', 1)[0] for r in references}:
        _, section, kind, name = reference.split("/")
        assert name in document[section][kind], reference


def test_the_documentation_page_needs_sign_in_and_covers_every_endpoint(client, client_for, board_user):
    url = reverse("reports:api_docs")
    assert client.get(url).status_code == 302
    html = client_for(board_user).get(url).content.decode()
    for name in API_NAMES:
        assert reverse(f"reports:{name}") in html
    assert reverse("reports:api_tokens") in html
    assert "Authorization: Bearer" in html and "Get data → Web" in html
    assert '"display": "*"' in html and '"value": null' in html
    assert "style=" not in html.split("<main", 1)[1]
    assert url in client_for(board_user).get(reverse("reports:api_tokens")).content.decode()


def test_the_documentation_page_is_for_portal_roles_only(client_for, roleless_user):
    assert client_for(roleless_user).get(reverse("reports:api_docs")).status_code == 403


def test_every_pay_gap_figure_in_the_api_says_whether_it_is_the_statutory_figure(small_trust_metrics, api):
    # These extracts give basic rates only: the basis says so, and so does every pay gap figure shown.
    body = api("api_metric_comparison", path="pay_gap.gender.basis").json()
    assert {basis["label"] for basis in body["figures"].values()} == {
        "Estimate from basic pay, not the statutory figure"
    }
    gov_uk = api("api_metrics", scope="ics").json()["pay_gap"]["gov_uk"]
    shown = [figure for figure in gov_uk.values() if figure["value"] is not None]
    assert shown and all(figure["note"] == "Estimate from basic pay, not the statutory figure." for figure in shown)
