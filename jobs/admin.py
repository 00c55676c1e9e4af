from django.contrib import admin

from jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background work as it went: read only, as the worker writes it."""

    list_display = ("label", "kind", "status", "percent", "queued_at", "finished_at", "started_by")
    list_filter = ("kind", "status")
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
