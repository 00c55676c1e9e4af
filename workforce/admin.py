from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from workforce.models import Membership, Organisation, Place


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "ods_code", "kind", "place", "uses_esr", "is_active"]
    list_filter = ["kind", "place", "is_active"]
    search_fields = ["name", "short_name", "ods_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "is_ics_lead"]
    list_filter = ["organisation", "is_ics_lead"]
    autocomplete_fields = ["organisation"]
