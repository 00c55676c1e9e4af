"""The calculations produce exactly the shape `workforce.metrics.results` promises every output.

The outputs are type-checked against those TypedDicts (`make typecheck`); this is the other half: a key
renamed, added or dropped in the calculations but not in the contract fails here, not on a page.
"""

import jsonschema
import pytest

from reports.json_schema import SchemaSet
from workforce.census import place_comparator
from workforce.metrics.inputs import OrganisationFigures, SurveyResult
from workforce.metrics.metric_set import as_plain_data, compute_metric_set
from workforce.metrics.results import MetricSetData

from .test_metric_set import a_trust


def validator() -> jsonschema.Draft202012Validator:
    schemas = SchemaSet()
    root = schemas.schema(MetricSetData)
    return jsonschema.Draft202012Validator({**root, "components": {"schemas": schemas.components}})


@pytest.mark.parametrize("scope_kind", ["organisation", "place", "ics"])
def test_a_computed_metric_set_has_exactly_the_shape_of_the_contract(scope_kind):
    staff, figures = a_trust()
    figures.append(
        OrganisationFigures(
            organisation_id=1,
            year=2025,
            wdes_survey={"9a": {"disabled": SurveyResult(6.1, 40), "non_disabled": SurveyResult(6.8, 300)}},
            facilitates_disabled_staff_voices=True,
        )
    )
    result = compute_metric_set(
        staff,
        figures,
        scope_kind=scope_kind,
        scope_name="BTH",
        year=2025,
        population=place_comparator("blackpool", "Blackpool"),
    )
    errors = sorted(validator().iter_errors(as_plain_data(result)), key=lambda error: list(error.absolute_path))
    assert [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in errors] == []


def test_a_renamed_key_breaks_the_contract():
    staff, figures = a_trust()
    plain = as_plain_data(compute_metric_set(staff, figures, scope_kind="ics", scope_name="ICS", year=2025))
    plain["wres"]["2"]["relative_likelihood"] = plain["wres"]["2"].pop("likelihood")  # type: ignore[typeddict-unknown-key]
    assert not validator().is_valid(plain)
