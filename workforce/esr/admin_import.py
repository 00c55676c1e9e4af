"""django-import-export's admin import flow (upload, dry-run preview, confirm) backed by the fast ESR import.

django-import-export would parse the whole file into a tablib Dataset and import it row by row (about a
minute for a full extract). Here its views, forms, temporary storage and templates are kept, but:
- the upload is streamed to a temporary file, and the "dataset" handed on is that file, not its rows;
- the resource's import_data() runs workforce.services.import_esr_extract on the file (dry run first,
  then for real on confirm) and turns its report into an import-export Result for the templates.
"""

import os
from dataclasses import dataclass
from types import SimpleNamespace
from uuid import uuid4

from django import forms
from django.core.exceptions import ValidationError
from import_export import resources
from import_export.formats.base_formats import Format
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.results import Error, Result, RowResult
from import_export.tmp_storages import TempFolderStorage

from organisations.models import Organisation
from workforce.esr.columns import COLUMNS
from workforce.esr.reader import ExtractRejected
from workforce.services import import_esr_extract


@dataclass(frozen=True)
class ExtractOnDisk:
    """Stands in for a tablib Dataset: the uploaded extract, left on disk for the import service to stream."""

    path: str

    def __bool__(self):
        return os.path.getsize(self.path) > 0


class ExtractStorage(TempFolderStorage):
    """Temporary storage that streams the upload to disk and hands back its path instead of its contents."""

    def save_upload(self, upload):
        self.name = self.name or f"esr-{uuid4().hex}.csv"
        with open(self.get_full_path(), "wb") as file:
            for chunk in upload.chunks():
                file.write(chunk)

    def read(self):
        return ExtractOnDisk(self.get_full_path())

    def remove(self):
        if self.name and os.path.exists(self.get_full_path()):
            os.remove(self.get_full_path())


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


class ESRConfirmImportForm(ConfirmImportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_snapshot_fields())
        for field in ("snapshot_date", "organisation"):
            self.fields[field].widget = forms.HiddenInput()


class ESRExtractResource(resources.Resource):
    """An ESR staff-in-post extract, imported by workforce.services.import_esr_extract."""

    @classmethod
    def get_display_name(cls):
        return "ESR staff in post extract"

    def get_user_visible_fields(self):
        # Shown on the upload page as the columns this import reads.
        return [SimpleNamespace(column_name=column.label) for column in COLUMNS]

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        result = Result()
        try:
            report = import_esr_extract(
                dataset.path,
                snapshot_date=kwargs["snapshot_date"],
                organisation=kwargs.get("organisation"),
                file_name=kwargs.get("file_name"),
                user=kwargs.get("user"),
                dry_run=dry_run,
            )
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
