"""Reads of the ESR extracts held."""

from django.db.models import QuerySet

from workforce.models import Snapshot


def esr_snapshots() -> QuerySet[Snapshot]:
    """Every snapshot with its organisation and the import that loaded it, newest first."""
    return Snapshot.objects.select_related("organisation", "import_batch", "import_batch__imported_by").order_by(
        "-snapshot_date", "organisation__name"
    )
