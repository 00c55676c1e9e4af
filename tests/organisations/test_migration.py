"""Places, organisations and memberships moved from the workforce app to organisations: rows stored with the old
layout are all there, with their links, after `migrate`, and the move can be undone."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

OLD_LAYOUT = [("workforce", "0003_metric_results"), ("objectives", "0002_priority_metric_links")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def old_layout_data(latest_schema_afterwards):
    """Rows written through the models as they were before the move (workforce.Place and friends)."""
    apps = _migrate(OLD_LAYOUT)
    Place = apps.get_model("workforce", "Place")
    Organisation = apps.get_model("workforce", "Organisation")
    Membership = apps.get_model("workforce", "Membership")
    ImportBatch = apps.get_model("workforce", "ImportBatch")
    Snapshot = apps.get_model("workforce", "Snapshot")
    Standard = apps.get_model("objectives", "EqualityStandard")
    Accreditation = apps.get_model("objectives", "OrganisationAccreditation")

    place = Place.objects.create(name="Blackpool", slug="blackpool", description="The Fylde coast")
    trust = Organisation.objects.create(
        name="Blackpool Teaching Hospitals", short_name="BTH", slug="bth", ods_code="RXL", kind="acute", place=place
    )
    council = Organisation.objects.create(name="Blackpool Council", slug="blackpool-council", kind="council")
    lead = User.objects.create(username="lead@example.org")
    Membership.objects.create(user_id=lead.pk, organisation=trust, is_ics_lead=True)
    batch = ImportBatch.objects.create(sha256="0" * 64, file_name="esr.csv", snapshot_date=date(2025, 3, 31))
    Snapshot.objects.create(organisation=trust, snapshot_date=date(2025, 3, 31), import_batch=batch, row_count=3)
    standard = Standard.objects.create(
        slug="disability-confident", name="Disability Confident", short_name="DC", kind="accreditation"
    )
    Accreditation.objects.create(organisation=council, standard=standard, status="held")
    # As in a database made before the move: the content types are the workforce app's.
    ContentType.objects.filter(app_label="organisations").delete()
    ContentType.objects.get_or_create(app_label="workforce", model="organisation")
    ContentType.objects.clear_cache()
    yield {"place": place.pk, "trust": trust.pk, "council": council.pk, "lead": lead.pk}


@pytest.fixture(autouse=True)
def latest_schema_afterwards():
    """Leave the database migrated to the end, as every other test expects, whatever happened in the test."""
    yield
    _migrate(_latest())


def test_rows_stored_before_the_move_are_all_there_after_migrate(old_layout_data):
    apps = _migrate(_latest())
    Organisation = apps.get_model("organisations", "Organisation")
    Membership = apps.get_model("organisations", "Membership")
    Snapshot = apps.get_model("workforce", "Snapshot")
    Accreditation = apps.get_model("objectives", "OrganisationAccreditation")

    trust = Organisation.objects.get(pk=old_layout_data["trust"])
    assert (trust.name, trust.short_name, trust.ods_code, trust.kind) == (
        "Blackpool Teaching Hospitals",
        "BTH",
        "RXL",
        "acute",
    )
    assert trust.place.pk == old_layout_data["place"] and trust.place.description == "The Fylde coast"
    assert Organisation.objects.count() == 2
    membership = Membership.objects.get()
    assert (membership.user_id, membership.organisation_id, membership.is_ics_lead) == (
        old_layout_data["lead"],
        trust.pk,
        True,
    )
    assert Snapshot.objects.get().organisation_id == trust.pk
    assert Accreditation.objects.get().organisation_id == old_layout_data["council"]
    # The content type moved with the model, so admin log entries and permissions still point at it.
    assert ContentType.objects.filter(app_label="organisations", model="organisation").exists()
    assert not ContentType.objects.filter(app_label="workforce", model="organisation").exists()


def test_the_move_can_be_undone_without_losing_rows(old_layout_data):
    _migrate(_latest())
    apps = _migrate(OLD_LAYOUT)
    Organisation = apps.get_model("workforce", "Organisation")
    Snapshot = apps.get_model("workforce", "Snapshot")
    assert Organisation.objects.get(pk=old_layout_data["trust"]).place.name == "Blackpool"
    assert Snapshot.objects.get().organisation.slug == "bth"
