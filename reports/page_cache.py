"""Keeping the body of a dashboard page while nothing it shows has changed.

A dashboard reads a dozen stored results and the plan's progress and draws tables and charts: tens of
milliseconds. Board members open the same few pages, so each process keeps a page's body (everything
inside <main> but the messages; the same for every user, as every role sees every figure) under a key
made of the page's address and a data version. The version is one query: the latest change recorded in
every history table of the plan and the organisations (every change to them is recorded there, see
objectives/history.py) and the latest metric recomputation, plus today's date (items become overdue by
the day). A five-minute expiry is the backstop for anything changed without a history record.
"""

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from workforce.models import MetricResult

TIMEOUT = 300


def _version_sql() -> str:
    quote = connection.ops.quote_name
    history_tables = [
        model._meta.db_table
        for label in ("objectives", "workforce")
        for model in apps.get_app_config(label).get_models()
        if model.__name__.startswith("Historical")
    ]
    metric_table = quote(MetricResult._meta.db_table)
    # Table names come from the models, quoted: no outside text reaches this SQL.
    parts = [f"(SELECT MAX(history_id) FROM {quote(table)})" for table in sorted(history_tables)]  # noqa: S608
    parts += [f"(SELECT MAX(computed_at) FROM {metric_table})", f"(SELECT COUNT(*) FROM {metric_table})"]  # noqa: S608
    return "SELECT " + ", ".join(parts)


def data_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute(_version_sql())
        row = cursor.fetchone()
    return "|".join(str(value) for value in row) + f"|{timezone.localdate().isoformat()}"


def data_version_digest() -> str:
    """The data version as a short digest, to keep beside something built from it (a board pack)."""
    return hashlib.sha256(data_version().encode()).hexdigest()


def cached_body(name: str, full_path: str, render):
    """The page body from the cache, or `render()`'s (a string) stored for the next request."""
    digest = hashlib.sha256(f"{full_path}|{data_version()}".encode()).hexdigest()
    key = f"dashboard:{name}:{digest}"
    body = cache.get(key)
    if body is None:
        body = render()
        cache.set(key, body, TIMEOUT)
    return body
