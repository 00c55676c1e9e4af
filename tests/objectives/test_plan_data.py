"""The plan loaded from objectives/data/plan.json is the plan of the seed documents, complete and idempotent."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from objectives.models import (
    EqualityObjective,
    EqualityStandard,
    Level,
    MeasureOfSuccess,
    Period,
    PlanItem,
    Priority,
)
from objectives.services.plan_load import PLAN_DATA, plan_load
from organisations.models import Organisation, Place
from tests.factories import make_organisation

SOURCES = Path(PLAN_DATA).parent / "sources"
PLAN_TEXT = (SOURCES / "ics-belonging-plan-2023-2028.txt").read_text(encoding="utf-8")
STRATEGY_TEXT = (SOURCES / "icb-edi-strategy.txt").read_text(encoding="utf-8")
DATA = json.loads(Path(PLAN_DATA).read_text(encoding="utf-8"))


def _plain(text):
    """The seed's markdown without link syntax and escapes, whitespace collapsed."""
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text).replace("\\(", "(").replace("\\)", ")")
    return " ".join(text.split())


def _seed_priority_bullets():
    """{(level, period): [bullet text]} read from the plan's three "Priorities" sections."""
    headings = {
        "# Place": Level.PLACE,
        "# ICS level": Level.ICS,
        "# Individual organisation in the ICS": Level.ORGANISATION,
    }
    bullets, level, period = {}, None, None
    for line in PLAN_TEXT.splitlines():
        stripped = line.strip()
        if stripped in headings:
            level, period = headings[stripped], None
        elif stripped.startswith("# "):
            level = None
        elif stripped.startswith("### Year 1"):
            period = Period.YEAR_1
        elif stripped.startswith("### Year 2"):
            period = Period.YEARS_2_TO_5
        elif stripped.startswith("## ") and stripped != "## Priorities":
            period = None
        elif level and period and stripped.startswith("- "):
            bullets.setdefault((level, period), []).append(_plain(stripped[2:]))
    return bullets


def test_seed_has_the_numbers_of_priorities_the_brief_gives():
    counts = {key: len(items) for key, items in _seed_priority_bullets().items()}
    assert counts == {
        (Level.PLACE, Period.YEAR_1): 2,
        (Level.PLACE, Period.YEARS_2_TO_5): 2,
        (Level.ICS, Period.YEAR_1): 5,
        (Level.ICS, Period.YEARS_2_TO_5): 6,
        (Level.ORGANISATION, Period.YEAR_1): 6,
        (Level.ORGANISATION, Period.YEARS_2_TO_5): 10,
    }


def test_plan_data_holds_every_priority_of_the_seed_word_for_word_at_its_level_and_period():
    in_data = {}
    for row in DATA["priorities"]:
        in_data.setdefault((row["level"], row["period"]), []).append(row["title"])
    assert in_data == {key: texts for key, texts in _seed_priority_bullets().items()}


def test_objectives_are_the_strategys_three_with_its_wording():
    assert [row["number"] for row in DATA["objectives"]] == [1, 2, 3]
    for row in DATA["objectives"]:
        assert f"OBJECTIVE {row['number']}: {row['title']}" in STRATEGY_TEXT


def test_every_priority_serves_at_least_one_objective_and_says_why():
    for row in DATA["priorities"]:
        assert row["objectives"], row["code"]
        assert set(row["objectives"]) <= {1, 2, 3}
        assert row["objective_rationale"].strip(), row["code"]


def test_measures_quote_only_what_the_seed_says():
    plain = _plain(PLAN_TEXT)
    for row in DATA["measures"]:
        if row["term"] == "long":
            assert row["text"].rstrip(".") in plain, row["key"]
    assert "Gender Pay Gap reports, WRES and WDES metrics" in plain


def test_standards_named_in_the_brief_are_all_there():
    names = {row["short_name"] for row in DATA["standards"]}
    assert names == {
        "WRES",
        "WDES",
        "Gender pay gap",
        "EDS 2022",
        "Anti-Racist Framework",
        "Disability Confident",
        "Employer and Disability Charter",
        "Veteran Aware",
        "Rainbow Badge",
        "Stonewall WEI",
    }


@pytest.fixture
def partners(db):
    call_command("setup_portal")  # places and organisations from the reference data, then the plan


@pytest.mark.django_db
def test_setup_loads_the_whole_plan(partners):
    assert EqualityObjective.objects.count() == 3
    counts = Counter(Priority.objects.values_list("level", "period"))
    assert counts == {
        ("place", "year-1"): 2,
        ("place", "years-2-5"): 2,
        ("ics", "year-1"): 5,
        ("ics", "years-2-5"): 6,
        ("organisation", "year-1"): 6,
        ("organisation", "years-2-5"): 10,
    }
    assert MeasureOfSuccess.objects.count() == len(DATA["measures"])
    assert EqualityStandard.objects.get(slug="disability-confident").levels.count() == 3
    assert list(EqualityStandard.objects.get(slug="rainbow-badge").levels.values_list("name", flat=True)) == [
        "Bronze",
        "Silver",
        "Gold",
    ]
    assert not EqualityStandard.objects.get(slug="veteran-aware").levels.exists()
    wres_priorities = set(EqualityStandard.objects.get(slug="wres").priorities.values_list("code", flat=True))
    assert wres_priorities == {"ICS-Y1-5", "ORG-Y1-3", "ORG-Y25-4"}


@pytest.mark.django_db
def test_each_priority_is_tracked_by_its_owners(partners):
    organisations = Organisation.objects.filter(is_active=True).count()
    places = Place.objects.count()
    training = Priority.objects.get(title="Implement EDI training and development.")
    assert training.items.count() == organisations
    assert training.items.filter(organisation__slug="blackpool-teaching-hospitals").exists()
    for priority in Priority.objects.filter(level=Level.PLACE):
        assert set(priority.items.values_list("place_id", flat=True)) == set(Place.objects.values_list("pk", flat=True))
    for priority in Priority.objects.filter(level=Level.ICS):
        assert list(priority.items.values_list("organisation__kind", flat=True)) == ["icb"]
    assert PlanItem.objects.count() == 16 * organisations + 4 * places + 11


@pytest.mark.django_db
def test_running_setup_again_adds_nothing_and_writes_no_history(partners):
    counts = (Priority.objects.count(), PlanItem.objects.count(), Priority.history.count(), PlanItem.history.count())
    assert plan_load().priorities == 0
    call_command("setup_portal")
    assert (
        Priority.objects.count(),
        PlanItem.objects.count(),
        Priority.history.count(),
        PlanItem.history.count(),
    ) == counts


@pytest.mark.django_db
def test_setup_keeps_what_admins_changed(partners):
    priority = Priority.objects.get(code="ICS-Y1-1")
    priority.title = "Reworded by the board"
    priority.is_retired = True
    priority.retired_on = "2025-01-01"
    priority.save()
    call_command("setup_portal")
    priority.refresh_from_db()
    assert priority.title == "Reworded by the board"
    assert priority.is_retired


@pytest.mark.django_db
def test_a_new_partner_organisation_gets_its_items(partners):
    new = make_organisation(name="New Hospice", slug="new-hospice")
    assert new.plan_items.count() == Priority.objects.filter(level=Level.ORGANISATION).count()
