import pytest

from objectives.models import Level
from organisations.models import Organisation
from organisations.permissions import Role
from tests.factories import make_organisation, make_place, make_user
from tests.objectives.factories import make_item, make_objective, make_priority


@pytest.fixture(autouse=True)
def evidence_storage(settings, tmp_path):
    """Uploaded evidence goes to a temporary folder, never into the repository's var/."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture
def icb(db):
    return make_organisation(name="Test ICB", slug="test-icb", ods_code="QXX", kind=Organisation.Kind.ICB)


@pytest.fixture
def objective(db):
    return make_objective(1)


@pytest.fixture
def org_priority(db, objective):
    return make_priority(level=Level.ORGANISATION, code="ORG-T-1", title="Implement EDI training and development.")


@pytest.fixture
def own_item(org_priority, own_org):
    return make_item(org_priority, organisation=own_org)


@pytest.fixture
def other_item(org_priority, other_org):
    return make_item(org_priority, organisation=other_org)


@pytest.fixture
def ics_item(db, objective, icb):
    return make_item(make_priority(level=Level.ICS, code="ICS-T-1"), organisation=icb)


@pytest.fixture
def place_item(db, objective, place):
    return make_item(make_priority(level=Level.PLACE, code="PL-T-1"), place=place)


@pytest.fixture
def other_lead(db, other_org):
    return make_user(Role.EDI_LEAD, organisations=[other_org])


@pytest.fixture
def second_place(db):
    return make_place(name="South Cumbria", slug="south-cumbria")
