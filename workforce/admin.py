from django.contrib import admin, messages
from django.db import transaction
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin, ImportMixin
from simple_history.admin import SimpleHistoryAdmin

from organisations.models import Organisation
from organisations.permissions import is_admin
from workforce.esr.admin_import import (
    CappedImportForm,
    ESRConfirmImportForm,
    ESRExtractFormat,
    ESRExtractResource,
    ESRImportForm,
    ESRUploadStorage,
    PrivateUploadsAdmin,
)
from workforce.models import (
    BoardMembership,
    CatchmentArea,
    FormalProcessFigures,
    ImportBatch,
    RecruitmentFigures,
    Snapshot,
    StaffSurveyResults,
    TrainingFigures,
)
from workforce.services.metric_recompute import metrics_recompute


class PortalAdminPermissions:
    """The portal's Admin role (not Django model permissions) decides who may use these admin pages."""

    def has_module_permission(self, request):
        return is_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return is_admin(request.user)

    def has_add_permission(self, request):
        return is_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return is_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_admin(request.user)

    def has_import_permission(self, request):
        return is_admin(request.user)

    def has_export_permission(self, request):
        return is_admin(request.user)


class ReadOnlyForAdmins(PortalAdminPermissions):
    """Admins may look, but rows are made and replaced only by importing a file, never added, changed or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyForAdmins, PrivateUploadsAdmin, ImportMixin, admin.ModelAdmin):
    """ESR imports: django-import-export's upload → preview → confirm, through the portal's ESR upload flow."""

    list_display = ["file_name", "snapshot_date", "row_count", "status", "imported_by", "imported_at"]
    list_filter = ["status", "snapshot_date"]
    readonly_fields = ["sha256", "file_name", "snapshot_date", "row_count", "status", "imported_by", "imported_at"]
    resource_classes = [ESRExtractResource]
    import_form_class = ESRImportForm
    confirm_form_class = ESRConfirmImportForm
    import_template_name = "admin/workforce/esr_import.html"
    tmp_storage_class = ESRUploadStorage
    skip_admin_log = True  # the ImportBatch row is the record of the import

    def get_import_formats(self):
        return [ESRExtractFormat]

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        report = getattr(context.get("result"), "esr_report", None)
        if report is not None and report.status == "unchanged":
            # Nothing to confirm (the upload flow has removed the file): show the upload form again instead.
            context.pop("confirm_form", None)
        return response

    def get_import_data_kwargs(self, **kwargs):
        form = kwargs.pop("form", None)
        if form is not None:
            kwargs["snapshot_date"] = form.cleaned_data["snapshot_date"]
            kwargs["organisation"] = form.cleaned_data.get("organisation")
        kwargs.pop("request", None)
        return kwargs

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            organisation = import_form.cleaned_data.get("organisation")
            initial["snapshot_date"] = import_form.cleaned_data["snapshot_date"]
            initial["organisation"] = organisation.pk if organisation else ""
        return initial

    def add_success_message(self, result, request):
        report = result.esr_report
        if report is None or report.status == "invalid":
            messages.error(request, "The file could not be imported: nothing was changed.")
        else:
            level = messages.INFO if report.status == "unchanged" else messages.SUCCESS
            messages.add_message(request, level, report.summary())


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyForAdmins, admin.ModelAdmin):
    list_display = ["organisation", "snapshot_date", "row_count", "import_batch"]
    list_filter = ["snapshot_date", "organisation"]
    list_select_related = ["organisation", "import_batch"]


class AnnualFiguresResource(resources.ModelResource):
    """CSV columns: organisation (ODS code), year (e.g. 2025 for 2024/25), then the model's own fields."""

    organisation = fields.Field(
        attribute="organisation", column_name="organisation", widget=widgets.ForeignKeyWidget(Organisation, "ods_code")
    )

    class Meta:
        import_id_fields = ("organisation", "year")
        exclude = ("id", "updated_at")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    # The metrics of every year the file changed are recomputed with it, in the import's transaction.
    def before_import(self, dataset, **kwargs):
        self.years_changed = set()

    def after_save_instance(self, instance, row, **kwargs):
        self.years_changed.add(instance.year)

    def after_delete_instance(self, instance, row, **kwargs):
        self.years_changed.add(instance.year)

    def after_import(self, dataset, result, **kwargs):
        if not kwargs.get("dry_run") and not result.has_errors() and not result.has_validation_errors():
            metrics_recompute(years=self.years_changed)


class RecomputesMetrics:
    """Recompute the metrics of the years a saved or deleted row affects, in the same transaction."""

    def years_changed(self, queryset) -> set[int] | None:
        """The years the rows in `queryset` affect; None for every year."""
        return None

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            metrics_recompute(years=self.years_changed(type(obj).objects.filter(pk=obj.pk)))

    def delete_model(self, request, obj):
        with transaction.atomic():
            years = self.years_changed(type(obj).objects.filter(pk=obj.pk))
            super().delete_model(request, obj)
            metrics_recompute(years=years)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            years = self.years_changed(queryset)
            super().delete_queryset(request, queryset)
            metrics_recompute(years=years)


def _figures_admin(model):
    resource = type(f"{model.__name__}Resource", (AnnualFiguresResource,), {
        "Meta": type("Meta", (AnnualFiguresResource.Meta,), {"model": model}),
    })  # fmt: skip

    class FiguresAdmin(
        PortalAdminPermissions, RecomputesMetrics, PrivateUploadsAdmin, ImportExportMixin, SimpleHistoryAdmin
    ):
        resource_classes = [resource]
        import_form_class = CappedImportForm
        list_display = ["organisation", "year_label", "updated_at"]
        list_filter = ["year", "organisation"]
        list_select_related = ["organisation"]

        # Every change made here (including reverting to an earlier version) recomputes that year's metrics.
        def years_changed(self, queryset) -> set[int]:
            return set(queryset.values_list("year", flat=True))

    admin.site.register(model, FiguresAdmin)


for _model in (RecruitmentFigures, FormalProcessFigures, TrainingFigures, StaffSurveyResults, BoardMembership):
    _figures_admin(_model)


@admin.register(CatchmentArea)
class CatchmentAreaAdmin(PortalAdminPermissions, RecomputesMetrics, SimpleHistoryAdmin):
    """Each organisation's Census catchment: which local authorities its representation figures are compared
    with, and how much of each. A change recomputes every year's metrics (the comparator is in all of them)."""

    list_display = ["organisation", "local_authority", "weight", "updated_at"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
