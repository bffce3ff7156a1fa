"""Fixtures every test can use: a real SQLite file (and PostgreSQL where reachable)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head

DEFAULT_TEST_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_url() -> str:
    """Where the PostgreSQL tests look for a server."""
    return os.environ.get("TEST_POSTGRES_URL", DEFAULT_TEST_POSTGRES_URL)


def _postgres_unavailable_reason() -> str | None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed"
    engine = create_engine(postgres_url(), connect_args={"connect_timeout": 2})
    try:
        with engine.connect():
            return None
    except Exception as error:  # any failure to connect means: skip, with the reason
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        return f"no PostgreSQL at TEST_POSTGRES_URL ({postgres_url()}): {first_line}"
    finally:
        engine.dispose()


_PG_REASON: list[str | None] = []


def postgres_skip_reason() -> str | None:
    """Checked once per run; None when the server answers."""
    if not _PG_REASON:
        _PG_REASON.append(_postgres_unavailable_reason())
    return _PG_REASON[0]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A URL for a fresh SQLite file in the test's own directory."""
    return f"sqlite:///{tmp_path / 'reflectiebot.db'}"


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A URL whose connections use a fresh, private schema; dropped afterwards."""
    reason = postgres_skip_reason()
    if reason:
        pytest.skip(reason)
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url())
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in postgres_url() else "?"
    try:
        yield f"{postgres_url()}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each storage test runs on SQLite and, where a server is reachable, on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_schema_url"))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated database on either backend."""
    engine = create_db_engine(database_url)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    """A migrated SQLite database, for tests where the backend is not the point."""
    engine = create_db_engine(sqlite_url)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()
