"""Pages that belong to the portal as a whole rather than to one app."""

import logging
import sys

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import defaults

from lsc_belonging.health import health_checks
from lsc_belonging.sso import sso_config
from organisations.permissions import Role, is_ics_lead, roles_of

logger = logging.getLogger(__name__)


def home(request):
    roles = roles_of(request.user)
    context = {
        "has_role": bool(roles),
        "is_admin": Role.ADMIN in roles,
        "is_edi_lead": Role.EDI_LEAD in roles,
        "is_board_member": Role.BOARD_MEMBER in roles,
        "is_ics_lead": is_ics_lead(request.user),
        "memberships": request.user.memberships.select_related("organisation"),
    }
    return render(request, "home.html", context)


@login_not_required
def accessibility_statement(request):
    # Public so that anyone, signed in or not, can read how accessible the service is.
    return render(request, "accessibility.html")


def privacy_notice(request):
    threshold = settings.SUPPRESSION_THRESHOLD
    context = {"suppression_range": f"1 to {threshold}", "suppression_minimum": threshold + 1}
    return render(request, "privacy.html", context)


@login_not_required
def admin_login(request, extra_context=None):
    """Send the admin site's sign-in to the portal's; a signed-in non-admin is refused, not looped."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next", reverse("admin:index")))


@login_not_required
def healthz(request):
    """For a load balancer: 200 when every check passes, 503 naming the ones that failed."""
    passed = health_checks()
    healthy = all(passed.values())
    checks = {name: "ok" if ok else "failing" for name, ok in passed.items()}
    body = {"status": "ok" if healthy else "failing", "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503, headers={"Cache-Control": "no-store"})


# The JSON API answers its errors in JSON (reports/api_auth.py), including these raised outside its views.
API_PREFIX = "/api/v1/"
API_ERRORS = {
    403: "You may not see this.",
    404: "There is no such API address: GET /api/v1/ lists them.",
    500: "Something went wrong on the server. Nothing was changed; try again later.",
}


def _api_error(request, status: int):
    """The API's JSON error for a request to the API; None for a page."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"error": API_ERRORS[status]}, status=status)
    return None


def permission_denied(request, exception=None):
    return _api_error(request, 403) or render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return _api_error(request, 404) or defaults.page_not_found(request, exception)


def server_error(request):
    # Django calls this inside its `except` block, so the exception is still at hand.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable(request)
    return _api_error(request, 500) or defaults.server_error(request)


DATABASE_RETRY_AFTER_SECONDS = 5


def database_unavailable(request):
    """A database that dropped the connection or stayed busy mid-request: 503 and try again, not a 500.

    Django discards the broken connection when the request ends and `CONN_HEALTH_CHECKS` checks the next
    one, so the next request opens a fresh connection and succeeds. The server rolled the request's open
    transaction back, which is what the page says.
    """
    logger.warning("Database unavailable during %s %s", request.method, request.path)
    headers = {"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)}
    if request.path.startswith(API_PREFIX):
        body = {"error": "The database could not answer. Nothing was changed; try again in a few seconds."}
        return JsonResponse(body, status=503, headers=headers)
    # Rendered without the request: its context processors would ask the database again.
    page = render_to_string("503.html", {"retry_after": DATABASE_RETRY_AFTER_SECONDS})
    return HttpResponse(page, status=503, headers=headers)


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True})
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both are case-sensitive.",
        "inactive": "This account has been closed. Contact your portal administrator.",
    }


class SignInView(auth_views.LoginView):
    """Email and password, the NHS account button when single sign-on is set up, or only the button."""

    form_class = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not settings.PASSWORD_LOGIN_ENABLED:
            # An unbound form: validating the posted one would try the password (and count a failure).
            context = self.get_context_data(form=self.form_class(request), password_refused=True)
            return self.render_to_response(context, status=403)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        lockout_minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        return super().get_context_data(
            lockout_limit=settings.AXES_FAILURE_LIMIT,
            lockout_minutes=lockout_minutes,
            sso_enabled=sso_config() is not None,
            password_login=settings.PASSWORD_LOGIN_ENABLED,
            **kwargs,
        )


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Resetting a password that can no longer be used to sign in would only confuse: gone when it is off."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.PASSWORD_LOGIN_ENABLED:
            raise Http404("Password sign-in is switched off.")
        return super().dispatch(request, *args, **kwargs)
