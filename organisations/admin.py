from django.contrib import admin
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin

from organisations.models import Membership, Organisation, Place
from organisations.services.organisations import scopes_changed_notify


class ScopeFieldsAdmin(SimpleHistoryAdmin):
    """Saving in the admin tells the metrics when a reporting scope changed, as saving in the portal does."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            scopes_changed_notify(instance=obj, changed_fields=form.changed_data)


@admin.register(Place)
class PlaceAdmin(ScopeFieldsAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(ScopeFieldsAdmin):
    list_display = ["name", "short_name", "ods_code", "kind", "place", "uses_esr", "is_active"]
    list_filter = ["kind", "place", "is_active"]
    search_fields = ["name", "short_name", "ods_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "is_ics_lead"]
    list_filter = ["organisation", "is_ics_lead"]
    autocomplete_fields = ["organisation"]
