"""Scratch databases for tests that run the portal as separate processes (gunicorn, manage.py).

Each is made once per session: a SQLite file, and a PostgreSQL database at 127.0.0.1:5432 (user
postgres, as CI). Without PostgreSQL its tests are skipped, unless the suite itself runs on
PostgreSQL (CI), where its absence is a failure.
"""

import os
import sqlite3
from dataclasses import dataclass, field
from urllib.parse import urlparse

import psycopg2
import pytest

from bench.portal_server import POSTGRES, database_prepare, postgres_scratch, server_env


@dataclass
class ScratchDatabase:
    kind: str
    url: str
    env: dict
    items: list[int] = field(default_factory=list)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Rows of a query run on this database from outside the portal (placeholders: %s)."""
        if self.kind == "sqlite":
            with sqlite3.connect(urlparse(self.url).path) as connection:
                return connection.execute(sql.replace("%s", "?"), params).fetchall()
        connection = psycopg2.connect(self.url)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            connection.close()


@pytest.fixture(scope="session")
def sqlite_portal(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sqlite-portal")
    url = f"sqlite:///{folder / 'portal.sqlite3'}"
    database = ScratchDatabase("sqlite", url, server_env(url, folder / "media"))
    database.items = database_prepare(database.env)
    return database


@pytest.fixture(scope="session")
def postgres_portal(tmp_path_factory):
    try:
        admin = psycopg2.connect(POSTGRES, connect_timeout=5)
    except psycopg2.OperationalError as error:
        if os.environ.get("DATABASE_URL", "").startswith("postgres"):
            raise
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES}: {error}")
    admin.close()
    folder = tmp_path_factory.mktemp("postgres-portal")
    with postgres_scratch(POSTGRES) as url:
        database = ScratchDatabase("postgres", url, server_env(url, folder / "media"))
        database.items = database_prepare(database.env)
        yield database


@pytest.fixture(params=["sqlite", "postgres"])
def portal_database(request):
    """Each scratch database in turn."""
    return request.getfixturevalue(f"{request.param}_portal")
