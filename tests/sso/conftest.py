import pytest

from tests.sso.provider import OidcProvider


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
