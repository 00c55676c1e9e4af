"""Who a single sign-on identity is in the portal: the account an admin created for that verified address."""

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class SsoRefusal(enum.StrEnum):
    """Why a verified sign-in at the provider still does not sign anyone in to the portal."""

    NO_EMAIL = "no_email"
    UNVERIFIED_EMAIL = "unverified_email"
    UNKNOWN_EMAIL = "unknown_email"
    CLOSED_ACCOUNT = "closed_account"
    SHARED_EMAIL = "shared_email"


def sso_user_match(*, claims: Mapping[str, object], issuer_email_trusted: bool) -> "User | SsoRefusal":
    """Return the portal account whose email address is the identity's, ignoring case, or why there is none.

    The address counts only when the provider says it verified it (`email_verified` true) or the portal
    trusts every address that issuer sends (`issuer_email_trusted`, for Entra ID, which sends no such claim).
    Nothing is created: roles and organisations are given in the portal, so an unknown address is refused.
    """
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        return SsoRefusal.NO_EMAIL
    if not issuer_email_trusted and claims.get("email_verified") is not True:
        return SsoRefusal.UNVERIFIED_EMAIL
    users = list(get_user_model().objects.filter(email__iexact=email.strip())[:2])
    if not users:
        return SsoRefusal.UNKNOWN_EMAIL
    if len(users) > 1:
        return SsoRefusal.SHARED_EMAIL
    if not users[0].is_active:
        return SsoRefusal.CLOSED_ACCOUNT
    return users[0]
