"""The published outputs stay the same through a restructuring: `export_metrics` and the API are compared,
byte for byte after dropping the time of computation, with copies recorded before the code was moved.

The data are fixed: two synthetic ESR snapshots (seeded), the demo figures (seeded) and the plan. When a
change is meant to alter a figure, record the new outputs with `UPDATE_GOLDEN=1 pytest tests/test_outputs_unchanged.py`
and say why in the commit message.
"""

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from demo.synthetic_esr import write_extract
from demo.workforce import create_demo_figures
from objectives.services.plan_load import plan_load
from organisations.permissions import Role
from organisations.services.reference_data import reference_data_load
from tests.factories import make_user
from workforce.services.esr_import import esr_extract_import

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden"
DAYS = (date(2024, 3, 31), date(2025, 3, 31))
ROWS = 2_500

API_URLS = {
    "api-metrics-ics-2025": "/api/v1/metrics/?scope=ics&year=2025",
    "api-metrics-place-2024": "/api/v1/metrics/?scope=place:blackpool&year=2024",
    "api-trend-wres-2": "/api/v1/metrics/trend/?scope=ics&path=wres.2.likelihood.ratio",
    "api-trend-organisation": "/api/v1/metrics/trend/?scope=organisation:blackpool-teaching-hospitals&path=wdes.3",
    "api-comparison-pay-gap": "/api/v1/metrics/comparison/?year=2025&kind=organisation&path=pay_gap.gender",
    "api-comparison-places": "/api/v1/metrics/comparison/?year=2025&kind=place&path=declaration",
    "api-scopes": "/api/v1/scopes/",
    "api-years": "/api/v1/years/",
}


def _without_times(value):
    """Drop what differs between two runs on the same data: when the figures were computed."""
    if isinstance(value, dict):
        return {key: _without_times(part) for key, part in value.items() if key != "computed_at"}
    if isinstance(value, list):
        return [_without_times(part) for part in value]
    return value


@pytest.fixture
def fixed_data(tmp_path, settings):
    settings.DEMO_ESR_ROWS = ROWS
    reference_data_load()
    plan_load()
    create_demo_figures([2024, 2025])
    for day in DAYS:
        path = tmp_path / f"esr-{day}.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            write_extract(stream, rows=ROWS, seed=7, snapshot_date=day)
        esr_extract_import(path=path, snapshot_date=day)


def _outputs(client) -> dict[str, str]:
    outputs = {}
    for name, options in {
        "export-ics-2025.json": ["--snapshot", "2025-03-31"],
        "export-organisation-2025.csv": ["--snapshot", "2025-03-31", "--organisation", "RXL", "--format", "csv"],
        "export-place-2024.json": ["--snapshot", "2024-03-31", "--place", "Blackpool"],
    }.items():
        out = io.StringIO()
        call_command("export_metrics", *options, stdout=out)
        text = out.getvalue()
        if name.endswith(".json"):
            text = json.dumps(_without_times(json.loads(text)), indent=1, sort_keys=False) + "\n"
        else:
            text = "".join(line + "\n" for line in text.splitlines() if not line.startswith("scope.computed_at,"))
        outputs[name] = text
    client.force_login(make_user(Role.BOARD_MEMBER))
    for name, url in API_URLS.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        outputs[f"{name}.json"] = json.dumps(_without_times(response.json()), indent=1) + "\n"
    return outputs


def test_exports_and_api_answer_what_they_answered_before_the_move(fixed_data, client):
    outputs = _outputs(client)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        for name, text in outputs.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    for name, text in outputs.items():
        assert text == (GOLDEN / name).read_text(encoding="utf-8"), f"{name} differs from tests/golden/{name}"
