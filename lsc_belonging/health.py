"""What `/healthz` checks: the portal can answer requests correctly on this host, right now."""

import logging

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader

logger = logging.getLogger(__name__)

HEALTH_CACHE_KEY = "healthz:probe"


def _database_reachable() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_reachable() -> bool:
    # Every configured cache: a page cache that cannot be written serves stale figures to some workers.
    for cache in caches.all():
        cache.set(HEALTH_CACHE_KEY, "ok", timeout=10)
        if cache.get(HEALTH_CACHE_KEY) != "ok":
            return False
    return True


def _migrations_applied() -> bool:
    # Every migration on disk recorded as applied: a gap counts too, not only a missing latest one.
    loader = MigrationLoader(connections[DEFAULT_DB_ALIAS], ignore_no_migrations=True)
    return not (loader.graph.nodes.keys() - loader.applied_migrations.keys())


CHECKS = {"database": _database_reachable, "cache": _cache_reachable, "migrations": _migrations_applied}


def health_checks() -> dict[str, bool]:
    """Each check's name and whether it passed. A check that raises has failed; the error goes to the log only,
    since the answer is public and must not show hosts, versions or messages."""
    passed: dict[str, bool] = {}
    for name, check in CHECKS.items():
        if name == "migrations" and not passed["database"]:
            passed[name] = False  # unknown without a database; reported as failing rather than guessed
            continue
        try:
            passed[name] = bool(check())
        except Exception:
            logger.exception("Health check %s failed", name)
            passed[name] = False
    return passed
