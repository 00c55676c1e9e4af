"""Layout context: the service name and the navigation each role sees."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from workforce.permissions import Role, can_manage_portal, can_view_portal, roles_of


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool
    exact: bool


def _nav_item(request, label, url_name):
    url = reverse(url_name)
    path = request.path
    exact = path == url
    current = exact or (url != "/" and path.startswith(url))
    return NavItem(label, url, current, exact)


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
    if can_view_portal(user):
        items += [("Organisations", "workforce:organisation_list")]
    if can_manage_portal(user):
        items += [("Users", "workforce:user_list"), ("ESR imports", "workforce:esr_import")]
    context["can_manage_portal"] = can_manage_portal(user)
    context["nav_items"] = [_nav_item(request, label, name) for label, name in items]
    return context
