"""Form fields the plan's forms share: the NHS.UK date input, and file uploads read after a size check."""

import calendar
from datetime import date

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from objectives.evidence import EvidenceUpload, check_evidence_file, human_size


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes, as the NHS.UK date input component has them."""

    def __init__(self, attrs=None):
        numeric = {"inputmode": "numeric"}
        super().__init__([forms.TextInput(numeric), forms.TextInput(numeric), forms.TextInput(numeric)], attrs)

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def id_for_label(self, id_):
        # Labels and error-summary links go to the day box, the first of the three.
        return f"{id_}_0" if id_ else ""


class DateInputField(forms.MultiValueField):
    widget = DateInputWidget

    def __init__(self, **kwargs):
        # Parts are optional one by one so that compress() can say which one is missing.
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"{self.label} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(f"{self.label} must be a real date, for example 31 3 2025")
        day, month, year = int(day), int(month), int(year)
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValidationError(f"{self.label} must be a real date, for example 31 3 2025")
        return date(year, month, day)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def read_checked_upload(upload) -> EvidenceUpload:
    """Read an uploaded file after checking its size, so a huge file is refused before it is read."""
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(f"{upload.name} must be smaller than {human_size(limit)}")
    content = upload.read()
    check_evidence_file(upload.name, content, limit)
    return EvidenceUpload(name=upload.name, content=content)
