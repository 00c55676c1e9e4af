"""Evidence links and files, stored alike for progress updates and EDS ratings: checked by the rules of
`objectives/evidence.py` before anything is saved, stored under random names, deleted from storage on commit."""

from collections.abc import Callable, Iterable
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import QuerySet

from objectives.evidence import MAX_FILES_PER_UPDATE, EvidenceUpload, FileType, check_evidence_file, safe_display_name
from objectives.models.progress import StoredEvidence
from objectives.services.recording import attribute_change, delete_file_after_commit


def evidence_files_check(uploads: Iterable[EvidenceUpload]) -> list[tuple[EvidenceUpload, FileType]]:
    """Each upload with its file type, checked before anything is saved; raise ValidationError for a bad one."""
    return [
        (upload, check_evidence_file(upload.name, upload.content, settings.EVIDENCE_MAX_BYTES)) for upload in uploads
    ]


def evidence_changes_check(
    existing: QuerySet, *, remove: Iterable[StoredEvidence], add: Iterable[EvidenceUpload], holder: str
) -> tuple[set[int], list[tuple[EvidenceUpload, FileType]]]:
    """(ids of the evidence to remove, the checked new files) for a change of a record's evidence; ValidationError
    if a file is refused or the record (`holder`, e.g. "An update") would hold more files than allowed."""
    remove_ids = {evidence.pk for evidence in remove}
    add = list(add)
    kept = existing.exclude(pk__in=remove_ids).exclude(file="").count()
    if kept + len(add) > MAX_FILES_PER_UPDATE:
        raise ValidationError({"files": f"{holder} can have {MAX_FILES_PER_UPDATE} files or fewer"})
    return remove_ids, evidence_files_check(add)


def evidence_add(
    new: Callable[[], StoredEvidence],
    *,
    by,
    links: Iterable[str] = (),
    files: Iterable[tuple[EvidenceUpload, FileType]] = (),
    at: datetime | None = None,
) -> None:
    """Store links and checked files as evidence; `new()` gives an unsaved record attached to what it supports."""
    for link in links:
        evidence = new()
        evidence.url = link
        attribute_change(evidence, by=by, at=at).save()
    for upload, file_type in files:
        evidence = new()
        evidence.original_name = safe_display_name(upload.name)
        evidence.content_type = file_type.content_type
        evidence.size = len(upload.content)
        evidence.file.save(upload.name, ContentFile(upload.content), save=False)
        attribute_change(evidence, by=by, at=at).save()


def evidence_apply(
    existing: QuerySet,
    new: Callable[[], StoredEvidence],
    *,
    by,
    remove_ids: set[int],
    add_links: Iterable[str],
    files: Iterable[tuple[EvidenceUpload, FileType]],
) -> None:
    """Remove the evidence ticked for removal from `existing`, then add the new links (those not already held)
    and the checked files, as `evidence_changes_check` gave them."""
    for evidence in existing.filter(pk__in=remove_ids):
        evidence_remove(evidence, by=by)
    held = set(existing.exclude(url="").values_list("url", flat=True))
    evidence_add(new, by=by, links=[link for link in add_links if link not in held], files=files)


def evidence_remove(evidence: StoredEvidence, *, by) -> None:
    """Delete a piece of evidence (kept in history) and, once the change commits, its stored file."""
    delete_file_after_commit(evidence.file)
    attribute_change(evidence, by=by).delete()
