"""Write converted staff record rows: one streaming PostgreSQL COPY, or executemany on SQLite.

Snapshot ids are reserved before the rows are written, so the whole extract streams through a single
COPY while Python converts the next rows and PostgreSQL stores the previous ones, on two cores. The
Snapshot rows themselves are inserted afterwards with those ids (the foreign key is checked at commit).
Everything runs inside the caller's transaction: a file with any invalid row leaves nothing behind.
"""

from django.db import connection
from django.db.models import Max

from workforce.esr.converters import NULL, STAFF_RECORD_COLUMNS
from workforce.models import Snapshot, StaffRecord

COLUMNS = ("snapshot_id", *STAFF_RECORD_COLUMNS)


def reserve_snapshot_ids(organisation_ids) -> dict[int, int]:
    """A new snapshot id for each organisation that may appear in the file; unused ones are left as gaps."""
    organisation_ids = sorted(organisation_ids)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [Snapshot._meta.db_table, len(organisation_ids)],
            )
            ids = [row[0] for row in cursor.fetchall()]
    else:
        # SQLite: the caller has already written in this transaction, so it holds the database's write lock.
        start = (Snapshot.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        ids = list(range(start, start + len(organisation_ids)))
    return dict(zip(organisation_ids, ids, strict=True))


class _Lines:
    """A file-like object COPY reads from, pulling lines from the converter as it goes."""

    def __init__(self, chunks, snapshot_ids):
        self.chunks = iter(chunks)
        self.prefixes = {organisation_id: f"{snapshot_id}\t" for organisation_id, snapshot_id in snapshot_ids.items()}
        self.error: Exception | None = None

    def read(self, size=-1):
        try:
            for chunk in self.chunks:
                if chunk:
                    prefixes = self.prefixes
                    return "".join([prefixes[organisation_id] + line + "\n" for organisation_id, line in chunk])
        except Exception as error:
            # psycopg2 reports an error raised here as "COPY from stdin failed"; keep it for the caller.
            self.error = error
            raise
        return ""

    readline = read


def write_staff_records(chunks, snapshot_ids: dict[int, int]):
    """Store chunks of (organisation id, tab-separated values) as staff records of the reserved snapshots."""
    table = StaffRecord._meta.db_table
    if connection.vendor == "postgresql":
        lines = _Lines(chunks, snapshot_ids)
        try:
            with connection.cursor() as cursor:
                cursor.copy_expert(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN", lines)
        except Exception:  # psycopg2's own error: copy_expert is not wrapped by Django's cursor
            if lines.error is not None:  # the reader's own error (a rejected file), not the database's
                raise lines.error from None
            raise
        return
    placeholders = ", ".join(["%s"] * len(COLUMNS))
    sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({placeholders})"  # noqa: S608 (names from the model)
    with connection.cursor() as cursor:
        for chunk in chunks:
            cursor.executemany(
                sql,
                [
                    [snapshot_ids[organisation_id], *(None if value == NULL else value for value in line.split("\t"))]
                    for organisation_id, line in chunk
                ],
            )
