"""Single sign-on with OpenID Connect: the NHS account button on the sign-in page, and the way back.

Authlib's Django client does the protocol: the authorization code flow with state, nonce and PKCE, and the
ID token's checks (RS256 signature against the provider's JWKS, issuer, audience, expiry, nonce). This
module only configures it from settings and turns a checked identity into a portal session through
`organisations.services.single_sign_on.sso_user_match`. Off when settings name no client and provider.
"""

import functools
import logging
from dataclasses import dataclass

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from joserfc.errors import JoseError

from organisations.services.single_sign_on import SsoRefusal, sso_user_match

logger = logging.getLogger(__name__)

NEXT_SESSION_KEY = "sso_next"

# What the person reads when the provider signed them in but the portal will not.
REFUSALS = {
    SsoRefusal.NO_EMAIL: "Your NHS account did not share an email address with the portal.",
    SsoRefusal.UNVERIFIED_EMAIL: "Your NHS account's email address has not been verified, so the portal cannot "
    "tell whose account it is.",
    SsoRefusal.UNKNOWN_EMAIL: "There is no portal account for your email address. Portal accounts are set up by "
    "an administrator, who also gives you your role and organisations.",
    SsoRefusal.CLOSED_ACCOUNT: "Your portal account has been closed.",
    SsoRefusal.SHARED_EMAIL: "More than one portal account has your email address.",
}
FAILED = "Signing in with your NHS account did not work. Try again, or sign in with your email address and password."


@dataclass(frozen=True)
class SsoConfig:
    client_id: str
    client_secret: str
    discovery_url: str
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_endpoint: str


def sso_config() -> SsoConfig | None:
    """The provider and client from settings, or None when single sign-on is not set up."""
    config = SsoConfig(
        client_id=settings.OIDC_RP_CLIENT_ID,
        client_secret=settings.OIDC_RP_CLIENT_SECRET,
        discovery_url=settings.OIDC_OP_DISCOVERY_URL,
        issuer=settings.OIDC_OP_ISSUER,
        authorization_endpoint=settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
        token_endpoint=settings.OIDC_OP_TOKEN_ENDPOINT,
        jwks_endpoint=settings.OIDC_OP_JWKS_ENDPOINT,
    )
    explicit = config.issuer and config.authorization_endpoint and config.token_endpoint and config.jwks_endpoint
    return config if config.client_id and (config.discovery_url or explicit) else None


@functools.lru_cache(maxsize=4)
def _client(config: SsoConfig):
    # One client per configuration and process, so the provider's metadata and keys are fetched once
    # (and again when a token is signed by a key the cached set does not hold).
    oauth = OAuth()
    provider: dict[str, object]
    if config.discovery_url:
        provider = {"server_metadata_url": config.discovery_url}
    else:
        provider = {
            "authorize_url": config.authorization_endpoint,
            "access_token_url": config.token_endpoint,
            "jwks_uri": config.jwks_endpoint,
            "id_token_signing_alg_values_supported": ["RS256"],
        }
    if config.issuer:  # checked against the ID token's `iss`; discovery gives it otherwise
        provider["issuer"] = config.issuer
    return oauth.register(
        "nhs",
        client_id=config.client_id,
        client_secret=config.client_secret,
        client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256", "timeout": 10},
        **provider,
    )


def _configured_client():
    config = sso_config()
    if config is None:
        raise Http404("Single sign-on is not set up.")
    return _client(config)


@login_not_required
@require_GET
def sso_start(request):
    """Send the person to the provider's sign-in page, remembering where they were going."""
    client = _configured_client()
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        request.session[NEXT_SESSION_KEY] = next_url
    try:
        return client.authorize_redirect(request, request.build_absolute_uri(reverse("sso_callback")))
    except (requests.RequestException, ValueError):
        logger.exception("Single sign-on provider unreachable")
        return _refused(request, FAILED, status=502)


@login_not_required
@require_GET
def sso_callback(request):
    """Check the provider's answer and ID token, then sign in the matching portal account (or say why not)."""
    client = _configured_client()
    try:
        token = client.authorize_access_token(request, claims_options=_id_token_rules(client))
    except (OAuthError, JoseError, requests.RequestException, ValueError, KeyError) as error:
        # The reason goes to the log (no personal data in it); the person gets one plain message.
        logger.warning("Single sign-on failed: %s: %s", type(error).__name__, error)
        return _refused(request, FAILED, status=400)
    claims = token.get("userinfo") or {}
    user = sso_user_match(claims=claims, issuer_email_trusted=settings.OIDC_TRUST_EMAIL)
    if isinstance(user, SsoRefusal):
        logger.warning("Single sign-on refused: %s (subject %s)", user, claims.get("sub"))
        return _refused(request, REFUSALS[user], status=403)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    logger.info("Single sign-on for user %s", user.pk)
    return redirect(request.session.pop(NEXT_SESSION_KEY, "") or settings.LOGIN_REDIRECT_URL)


def _id_token_rules(client) -> dict:
    """The ID token's issuer must be the provider's and its audience must include this portal.

    Said explicitly because Authlib, by default, checks the audience only through `azp`: a token issued
    to another application but naming this one as authorized party would otherwise pass.
    """
    issuer = client.load_server_metadata().get("issuer")
    if not issuer:
        raise ValueError("The provider's issuer is not known: set OIDC_OP_ISSUER or use discovery.")
    return {"iss": {"essential": True, "value": issuer}, "aud": {"essential": True, "value": client.client_id}}


def _refused(request, reason: str, *, status: int):
    return render(request, "registration/sso_refused.html", {"reason": reason}, status=status)
