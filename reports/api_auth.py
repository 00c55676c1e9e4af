"""Authentication for the read-only JSON API: the signed-in session, or a personal bearer token."""

import hashlib
import secrets
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from organisations.permissions import can_view_portal
from reports.models import ApiToken

TOKEN_PREFIX = "lsc_"


def _digest(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


def create_api_token(user, name: str) -> tuple[ApiToken, str]:
    """Create a token for the user and return it with the raw value, which is never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_prefix=raw[:10], key_digest=_digest(raw))
    return token, raw


def revoke_api_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def user_for_token(raw_token: str):
    """The active user a token belongs to, or None when the token is unknown, revoked or the user closed."""
    if not raw_token.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_digest=_digest(raw_token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def api_view(view):
    """Wrap a JSON API view: GET only, session or bearer-token auth, any portal role; JSON errors."""

    # Exempt from CSRF so that a POST gets the API's JSON 405 rather than Django's HTML CSRF page: the
    # API changes nothing, whatever the method.
    @csrf_exempt
    @login_not_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "GET":
            return JsonResponse({"error": "Only GET is supported: the API is read-only."}, status=405)
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            user = user_for_token(header.removeprefix("Bearer ").strip())
            if user is None:
                return _unauthorised("The token is not valid, or has been revoked.")
            request.user = user
        elif not request.user.is_authenticated:
            return _unauthorised("Sign in, or send a personal API token as 'Authorization: Bearer <token>'.")
        if not can_view_portal(request.user):
            return JsonResponse({"error": "Your account has no role in the portal."}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _unauthorised(message):
    response = JsonResponse({"error": message}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="LSC Belonging Portal API"'
    return response
