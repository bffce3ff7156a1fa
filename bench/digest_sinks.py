"""Bulk writers for bench/digest_data.py: executemany on SQLite, COPY on PostgreSQL.

Generation only. SQLite writes with ``synchronous=OFF`` and ``journal_mode=OFF`` in one
transaction and is put back in WAL mode afterwards. PostgreSQL copies every table in one
transaction with ``session_replication_role = replica`` (the generated rows are consistent by
construction, so the per-row foreign-key triggers are skipped), moves the id sequences past the
copied ids, and runs ``VACUUM ANALYZE`` so the planner has statistics and the visibility map is
set, as autovacuum would have done on a database that grew over a year.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any, Protocol

from sqlalchemy.engine import make_url

from storage.engine import sqlite_path

# Tables whose integer id the generator chooses itself (their sequences must follow).
ID_TABLES = ("team", "prompt_slot", "answer", "casus", "knelpunt_signal")


class Sink(Protocol):
    """Where generated rows go."""

    def insert(self, table: str, columns: str, rows: Iterable[tuple[Any, ...]]) -> None: ...

    def finish(self) -> None: ...


def psycopg_conninfo(url: str) -> str:
    """A SQLAlchemy PostgreSQL URL as a libpq connection string for psycopg."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class SqliteSink:
    """One sqlite3 connection, one transaction, no journal."""

    def __init__(self, url: str) -> None:
        path = sqlite_path(url)
        if path is None:
            raise ValueError(f"not a SQLite file: {url}")
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.execute("PRAGMA cache_size=-262144")
        self.conn.execute("BEGIN")

    def insert(self, table: str, columns: str, rows: Iterable[tuple[Any, ...]]) -> None:
        marks = ", ".join("?" for _ in columns.split(","))
        self.conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)

    def finish(self) -> None:
        self.conn.execute("COMMIT")
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.close()


class PostgresSink:
    """One psycopg connection; every table filled with COPY FROM STDIN (text format)."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.conninfo = psycopg_conninfo(url)
        self.conn = psycopg.connect(self.conninfo)
        self.conn.execute("SET session_replication_role = replica")

    def insert(self, table: str, columns: str, rows: Iterable[tuple[Any, ...]]) -> None:
        # Booleans arrive as 0/1 (the SQLite rows); COPY's text format reads '0'/'1' as booleans.
        with self.conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def finish(self) -> None:
        for table in ID_TABLES:
            self.conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        self.conn.execute("SET session_replication_role = DEFAULT")
        self.conn.commit()
        self.conn.autocommit = True
        self.conn.execute("VACUUM ANALYZE")
        self.conn.close()


def open_sink(url: str) -> Sink:
    """The bulk writer for the database at url."""
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        return SqliteSink(url)
    if backend == "postgresql":
        return PostgresSink(url)
    raise ValueError(f"no bulk writer for {backend}")
