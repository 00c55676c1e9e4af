"""Sign-in throttling on top of django-axes: by account and address, and by address across accounts.

AXES_LOCKOUT_PARAMETERS lists the address on its own and the (username, address) pair. Axes has one
failure limit for both, so the handler weighs an address's failures: an address is locked after
AXES_ADDRESS_FAILURE_LIMIT failures over all usernames (password spraying), an account from one
address after AXES_FAILURE_LIMIT. A locked-out sign-in is answered 429 with the time to try again.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


class AddressAndAccountHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """Failures that count towards AXES_FAILURE_LIMIT: the account's from this address, or the
        address's across all accounts scaled to the same limit."""
        by_address, by_account = (
            sum(attempts.values_list("failures_since_start", flat=True))
            for attempts in self.get_user_attempts(request, credentials)
        )
        scaled = by_address * settings.AXES_FAILURE_LIMIT // settings.AXES_ADDRESS_FAILURE_LIMIT
        return max(by_account, scaled)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """On a successful sign-in, forget that account's failures from this address only: one known
        password must not wipe the address's count of failures against other accounts."""
        _, by_account = self.filter_user_attempts(request, credentials)
        count, _ = by_account.delete()
        return count


def locked_out(request, response=None, credentials=None):
    """The locked-out page: HTTP 429, a Retry-After header and the time the lockout ends."""
    cool_off = get_cool_off(request)
    until = timezone.localtime() + cool_off
    context = {"until": until, "minutes": max(1, round(cool_off.total_seconds() / 60))}
    answer = render(request, "registration/locked_out.html", context, status=429)
    answer["Retry-After"] = str(int(cool_off.total_seconds()))
    return answer
