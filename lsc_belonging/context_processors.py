"""Layout context: the service name and the navigation each role sees."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from organisations.permissions import Role, can_manage_portal, can_view_portal, is_edi_lead, roles_of


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool
    exact: bool


def _nav_items(request, items):
    """Navigation items; the one whose address is the longest prefix of this page's is current."""
    path = request.path
    urls = [(label, reverse(url_name)) for label, url_name in items]
    matches = [url for _label, url in urls if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len, default=None)
    return [NavItem(label, url, url == current, path == url) for label, url in urls]


def portal(request):
    user = getattr(request, "user", None)
    context = {
        "portal_name": settings.PORTAL_NAME,
        "nav_items": [],
        "user_role_label": "",
        "can_manage_portal": False,
    }
    if user is None or not user.is_authenticated:
        return context
    roles = roles_of(user)
    context["user_role_label"] = ", ".join(role.value for role in Role if role in roles)
    items = [("Home", "home")]
    if is_edi_lead(user):
        items += [("My updates", "objectives:my_updates")]
    if can_view_portal(user):
        items += [
            ("Dashboards", "reports:overview"),
            ("The plan", "objectives:plan"),
            ("Accreditations", "objectives:accreditation_overview"),
            ("EDS 2022", "objectives:eds_overview"),
        ]
    if can_manage_portal(user):
        items += [("Reporting rounds", "objectives:round_list")]
    if can_view_portal(user):
        items += [("Organisations", "organisations:organisation_list")]
    if can_manage_portal(user):
        items += [("Users", "organisations:user_list"), ("ESR imports", "workforce:esr_import")]
    context["can_manage_portal"] = can_manage_portal(user)
    context["nav_items"] = _nav_items(request, items)
    return context
