"""django-import-export's admin import flow (upload, dry-run preview, confirm) backed by the fast ESR import.

django-import-export would parse the whole file into a tablib Dataset and import it row by row (about a
minute for a full extract). Here its views, forms and templates are kept, but:
- its temporary storage is the ESR upload flow's (workforce.services.esr_upload), which the portal page
  uses too: the upload is streamed to a private file named by a token, removed on rejection, on
  confirmation and on expiry; the "dataset" handed on is that token, not the file's rows;
- the resource's import_data() checks the upload (dry run) or confirms it through that flow and turns
  the import report into an import-export Result for the templates.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from import_export import resources
from import_export.formats.base_formats import Format
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.results import Error, Result, RowResult
from import_export.tmp_storages import BaseStorage

from organisations.models import Organisation
from workforce.esr.columns import COLUMNS
from workforce.esr.extract import ExtractRejected
from workforce.forms import snapshot_date_clean, upload_size_clean
from workforce.services.esr_upload import (
    esr_upload_check,
    esr_upload_confirm,
    esr_upload_discard,
    esr_upload_path,
    esr_upload_store,
)


@dataclass(frozen=True)
class WaitingUpload:
    """Stands in for a tablib Dataset: the token of the upload waiting in the ESR upload flow."""

    token: str


class PrivateUploadStorage(BaseStorage):
    """django-import-export's temporary storage, kept by the ESR upload flow (a private file named by a
    token, removed on rejection, confirmation or expiry) for every admin import; its name is the token."""

    def save(self, data: bytes | str) -> None:
        self.name = esr_upload_store(chunks=[data.encode() if isinstance(data, str) else data])

    def save_upload(self, upload) -> None:
        """Stream an uploaded file to the store (import-export's own `save` takes the whole file in memory)."""
        self.name = esr_upload_store(chunks=upload.chunks())

    def read(self):
        encoding = None if "b" in self.read_mode else self.encoding
        with esr_upload_path(token=self.name).open(self.read_mode, encoding=encoding) as file:
            return file.read()

    def remove(self) -> None:
        esr_upload_discard(token=self.name)


class ESRUploadStorage(PrivateUploadStorage):
    """The ESR import's storage: the "dataset" it hands on is the waiting upload, read by the import service."""

    def read(self) -> WaitingUpload:
        return WaitingUpload(self.name)


class PrivateUploadsAdmin:
    """For an ImportMixin admin: uploads go to the private upload store, and one that cannot be confirmed
    (unreadable, invalid rows, nothing to import) is removed at once rather than left to expire."""

    tmp_storage_class = PrivateUploadStorage

    def write_to_tmp_storage(self, import_file, input_format):
        storage = self.get_tmp_storage_class()(read_mode=input_format.get_read_mode(), encoding=self.from_encoding)
        storage.save_upload(import_file)
        return storage

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        upload = getattr(context.get("form"), "files", {}).get("import_file")
        token = getattr(upload, "tmp_storage_name", None)
        if token and "confirm_form" not in context:
            esr_upload_discard(token=token)
        return response


class CappedImportForm(ImportForm):
    """import-export's upload form with the figures' size limit, checked before the file is stored."""

    def clean_import_file(self):
        return upload_size_clean(self.cleaned_data["import_file"], max_bytes=settings.FIGURES_UPLOAD_MAX_BYTES)


class ESRExtractFormat(Format):
    """ "CSV (ESR extract)": read as bytes by the import service, which detects the encoding itself."""

    def __init__(self, encoding=None, **kwargs):
        pass  # the encoding is the import service's to find out

    def get_title(self):
        return "CSV (ESR extract)"

    def create_dataset(self, in_stream):
        return in_stream

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def get_extension(self):
        return "csv"

    def can_import(self):
        return True


def _snapshot_fields():
    return {
        "snapshot_date": forms.DateField(
            label="Snapshot date",
            input_formats=["%Y-%m-%d", "%d/%m/%Y"],
            help_text="The date the staff were in post, usually 31 March: for example 2025-03-31 or 31/03/2025.",
        ),
        "organisation": forms.ModelChoiceField(
            queryset=Organisation.objects.filter(uses_esr=True),
            required=False,
            empty_label="The organisations named in the file",
            help_text="Choose one when the whole file is one organisation's staff.",
        ),
    }


class ESRImportForm(ImportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields.update(_snapshot_fields())

    def clean_snapshot_date(self):
        return snapshot_date_clean(self.cleaned_data["snapshot_date"])

    def clean_import_file(self):
        return upload_size_clean(self.cleaned_data["import_file"], max_bytes=settings.ESR_UPLOAD_MAX_BYTES)


class ESRConfirmImportForm(ConfirmImportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_snapshot_fields())
        for field in ("snapshot_date", "organisation"):
            self.fields[field].widget = forms.HiddenInput()


class ESRExtractResource(resources.Resource):
    """An ESR staff-in-post extract, checked and imported by the ESR upload flow."""

    @classmethod
    def get_display_name(cls):
        return "ESR staff in post extract"

    def get_user_visible_fields(self):
        # Shown on the upload page as the columns this import reads.
        return [SimpleNamespace(column_name=column.label) for column in COLUMNS]

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        upload = {
            "token": dataset.token,
            "snapshot_date": kwargs["snapshot_date"],
            "organisation": kwargs.get("organisation"),
            "file_name": kwargs["file_name"],
        }
        result = Result()
        try:
            report = esr_upload_check(**upload) if dry_run else esr_upload_confirm(**upload, user=kwargs.get("user"))
        except ExtractRejected as error:
            result.append_base_error(Error(error))
            result.esr_report = None
            return result
        result.esr_report = report
        result.total_rows = report.rows
        result.totals[RowResult.IMPORT_TYPE_NEW] = report.rows if report.status != "unchanged" else 0
        result.totals[RowResult.IMPORT_TYPE_SKIP] = report.rows if report.status == "unchanged" else 0
        for error in report.errors:
            message = ValidationError({error.column: [f"“{error.value}” {error.message}"]})
            result.append_invalid_row(error.line, {}, message)
        return result
