from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from organisations import selectors
from organisations.forms import OrganisationForm, PlaceForm, PortalUserForm
from organisations.models import Organisation, Place
from organisations.permissions import Role, can_manage_portal, can_view_portal, require, roles_of
from organisations.services.organisations import organisation_or_place_save
from organisations.services.users import portal_user_save
from organisations.shortcuts import get_for_user, save_form, submitted


def organisation_list(request):
    require(can_view_portal(request.user))
    return render(request, "organisations/organisation_list.html", {"organisations": selectors.organisation_list()})


def organisation_detail(request, slug):
    organisation = get_for_user(request, selectors.organisation_detail, slug=slug)
    return render(request, "organisations/organisation_detail.html", {"organisation": organisation})


def organisation_edit(request, slug=None):
    return _edit(request, Organisation, OrganisationForm, slug, "organisations/organisation_form.html", "organisation")


def place_list(request):
    require(can_view_portal(request.user))
    return render(request, "organisations/place_list.html", {"places": selectors.place_list()})


def place_detail(request, slug):
    place = get_for_user(request, selectors.place_detail, slug=slug)
    return render(request, "organisations/place_detail.html", {"place": place})


def place_edit(request, slug=None):
    return _edit(request, Place, PlaceForm, slug, "organisations/place_form.html", "place")


def _edit(request, model, form_class, slug, template, name):
    """Add (no slug) or change an organisation or a place: admins only."""
    require(can_manage_portal(request.user))
    instance = get_object_or_404(model, slug=slug) if slug else None
    form = form_class(*submitted(request), instance=instance)
    saved = save_form(form, lambda data: organisation_or_place_save(form=form))
    if saved is not None:
        messages.success(request, f"{saved.name} has been saved")
        return redirect(saved)
    return render(request, template, {"form": form, name: instance})


def user_list(request):
    require(can_manage_portal(request.user))
    page = Paginator(selectors.portal_users(), 50).get_page(request.GET.get("page"))
    return render(request, "organisations/user_list.html", {"page": page})


def user_edit(request, pk=None):
    require(can_manage_portal(request.user))
    portal_user = get_object_or_404(get_user_model(), pk=pk) if pk else None
    initial = _user_form_initial(portal_user) if portal_user else {"is_active": True}
    form = PortalUserForm(request.POST or None, user=portal_user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = portal_user_save(
            user=portal_user,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            role=Role(data["role"]),
            organisations=data["organisations"],
            ics_lead=data["ics_lead"],
            is_active=data["is_active"],
        )
        if portal_user is None:
            _send_set_password_email(request, saved)
            messages.success(request, f"{saved.get_full_name()} has been added and sent an email to set a password")
        else:
            messages.success(request, f"{saved.get_full_name()} has been saved")
        return redirect("organisations:user_list")
    return render(request, "organisations/user_form.html", {"form": form, "portal_user": portal_user})


def _user_form_initial(user):
    roles = roles_of(user)
    role = next(iter(sorted(roles)), None)
    memberships = list(user.memberships.all())
    return {
        "email": user.email or user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": role.value if role else None,
        "organisations": [m.organisation_id for m in memberships],
        "ics_lead": any(m.is_ics_lead for m in memberships),
        "is_active": user.is_active,
    }


def _send_set_password_email(request, user):
    """New users choose their own password through the password reset link."""
    form = PasswordResetForm({"email": user.email})
    if form.is_valid():
        form.save(
            request=request,
            subject_template_name="registration/account_created_subject.txt",
            email_template_name="registration/account_created_email.txt",
        )
