import pytest

from organisations.permissions import Role
from tests.factories import make_organisation, make_place, make_user
from tests.sso.provider import OidcProvider


@pytest.fixture
def place(db):
    return make_place(name="Blackpool", slug="blackpool")


@pytest.fixture
def own_org(db, place):
    return make_organisation(name="Own Trust", slug="own-trust", ods_code="OWN", place=place)


@pytest.fixture
def other_org(db, place):
    return make_organisation(name="Other Trust", slug="other-trust", ods_code="OTH", place=place)


@pytest.fixture
def admin_user(db):
    return make_user(Role.ADMIN)


@pytest.fixture
def lead_user(db, own_org):
    return make_user(Role.EDI_LEAD, organisations=[own_org])


@pytest.fixture
def ics_lead_user(db, own_org):
    return make_user(Role.EDI_LEAD, organisations=[own_org], ics_lead=True)


@pytest.fixture
def board_user(db):
    return make_user(Role.BOARD_MEMBER)


@pytest.fixture
def roleless_user(db):
    return make_user(None)


@pytest.fixture
def client_for(client):
    """Return a test client signed in as the given user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    # Dashboards keep page bodies under a data version made of row ids, which a rolled-back test reuses.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def oidc_provider():
    """A real OpenID Connect provider on 127.0.0.1 for the whole run (see provider.py)."""
    provider = OidcProvider()
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture
def provider(oidc_provider, settings):
    """The provider with honest tokens and nobody signed up, and the portal set up to use it."""
    oidc_provider.reset()
    settings.OIDC_RP_CLIENT_ID = oidc_provider.client.client_id
    settings.OIDC_RP_CLIENT_SECRET = oidc_provider.client.client_secret
    settings.OIDC_OP_DISCOVERY_URL = oidc_provider.discovery_url
    settings.OIDC_TRUST_EMAIL = False
    return oidc_provider


@pytest.fixture
def database_queue(settings):
    """Tasks queued in the database, as deployed, instead of run at once as in the rest of the suite."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run_worker():
    """Run the real worker (`manage.py db_worker`) until the queue is empty."""
    from django.core.management import call_command

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name=*", verbosity=0)

    return run
