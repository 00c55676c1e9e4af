"""The Django admin for bulk work on the plan. Every save, here too, is kept in the plan's history.

Progress updates and evidence are read-only here: they are changed only through the portal,
where the reporting-round rules apply. Priorities are retired, never deleted.
"""

from django import forms
from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import bulk_update_with_history

from objectives.models import (
    EqualityObjective,
    EqualityStandard,
    Evidence,
    MeasureOfSuccess,
    OrganisationAccreditation,
    PlanItem,
    Priority,
    ProgressUpdate,
    ReportingRound,
    StandardLevel,
)
from objectives.services.priorities import priority_metrics_set, priority_retire
from workforce.catalogue import metric_choices


@admin.register(EqualityObjective)
class EqualityObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title"]

    def has_delete_permission(self, request, obj=None):
        return False


class StandardLevelInline(admin.TabularInline):
    model = StandardLevel
    extra = 0


@admin.register(EqualityStandard)
class EqualityStandardAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [StandardLevelInline]


class PriorityAdminForm(forms.ModelForm):
    metrics = forms.MultipleChoiceField(
        label="Workforce metrics this priority should move",
        choices=metric_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Priority
        fields = [
            "period",
            "position",
            "title",
            "description",
            "objectives",
            "objective_rationale",
            "standards",
            "source",
            "is_retired",
            "retired_on",
            "retired_reason",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["metrics"].initial = [link.metric for link in self.instance.metric_links.all()]


@admin.register(Priority)
class PriorityAdmin(SimpleHistoryAdmin):
    form = PriorityAdminForm
    list_display = ["code", "title", "level", "period", "position", "is_retired"]
    list_filter = ["level", "period", "is_retired", "objectives"]
    search_fields = ["code", "title"]
    filter_horizontal = ["objectives", "standards"]
    readonly_fields = ["code", "level"]
    actions = ["retire_selected"]

    def has_add_permission(self, request):
        # Adding a priority also creates its tracked items: use the portal's "Add a priority" page.
        return False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        priority_metrics_set(priority=form.instance, metrics=form.cleaned_data["metrics"], by=request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Retire the selected priorities")
    def retire_selected(self, request, queryset):
        retired = 0
        for priority in queryset.current():
            priority_retire(priority=priority, by=request.user, reason="Retired in bulk from the admin site")
            retired += 1
        self.message_user(request, f"{retired} priorities retired", messages.SUCCESS)


@admin.register(PlanItem)
class PlanItemAdmin(SimpleHistoryAdmin):
    list_display = ["priority", "organisation", "place", "lead", "is_active"]
    list_filter = ["priority__level", "priority__period", "is_active", "organisation", "place"]
    search_fields = ["priority__code", "priority__title", "organisation__name", "place__name"]
    list_select_related = ["priority", "organisation", "place", "lead"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["lead"]
    actions = ["stop_tracking", "start_tracking"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _set_active(self, request, queryset, active):
        items = list(queryset.exclude(is_active=active))
        for item in items:
            item.is_active = active
        bulk_update_with_history(items, PlanItem, ["is_active"], default_user=request.user)
        self.message_user(request, f"{len(items)} items changed", messages.SUCCESS)

    @admin.action(description="Stop tracking the selected items (their updates are kept)")
    def stop_tracking(self, request, queryset):
        self._set_active(request, queryset, False)

    @admin.action(description="Track the selected items again")
    def start_tracking(self, request, queryset):
        self._set_active(request, queryset, True)


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["url", "original_name", "content_type", "size"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["item", "status", "percent_complete", "recorded_at", "recorded_by", "round"]
    list_filter = ["status", "round", "item__priority__level"]
    list_select_related = ["item__priority", "item__organisation", "item__place", "recorded_by", "round"]
    search_fields = ["item__priority__code", "narrative"]
    inlines = [EvidenceInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportingRound)
class ReportingRoundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "opened_at", "due_on", "is_open", "closed_at"]
    readonly_fields = ["opened_at", "opened_by", "closed_at", "closed_by", "is_open"]

    def has_add_permission(self, request):
        # Opening a round moves waiting updates into it: use the portal's "Open a reporting round".
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MeasureOfSuccess)
class MeasureOfSuccessAdmin(SimpleHistoryAdmin):
    list_display = ["text", "term", "position", "is_retired"]
    list_filter = ["term", "is_retired"]
    filter_horizontal = ["standards"]
    prepopulated_fields = {"key": ["text"]}


@admin.register(OrganisationAccreditation)
class OrganisationAccreditationAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "standard", "status", "level", "achieved_on", "renewal_due_on"]
    list_filter = ["standard", "status"]
    list_select_related = ["organisation", "standard", "level"]
