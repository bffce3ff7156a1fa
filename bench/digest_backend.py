"""The databases bench.digest_scale measures: a SQLite file or a PostgreSQL database of its own.

SQLite: a file (``--db PATH`` reuses or keeps it). PostgreSQL: a database on the server of
``--db-url`` that the bench creates itself when it does not exist (``CREATE DATABASE``, through
the server's ``postgres`` database) and drops at the end unless ``--keep``; an existing one is
reused when it is at the code's schema revision and holds teams, else the bench refuses it (it
never writes a million rows into a database it did not make, such as the tests' ``test``).

Per backend it also gives the query plans of one digest's statements (SQLite: ``EXPLAIN QUERY
PLAN``; PostgreSQL: ``EXPLAIN (ANALYZE, BUFFERS)``) and the bytes per table with indexes
(SQLite's ``dbstat``; PostgreSQL's ``pg_total_relation_size``, TOAST included).
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from storage.engine import sqlite_path
from storage.migrate import current_revision, head_revision

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_scale"
BACKENDS = ("sqlite", "postgresql")


@dataclass
class Database:
    """One database under measurement."""

    backend: str
    url: str
    exists: bool  # holds generated data already (reused)
    created: bool = False  # this run created it (PostgreSQL: dropped at the end unless --keep)

    @property
    def label(self) -> str:
        parsed = make_url(self.url)
        return str(parsed.database) if self.backend == "sqlite" else parsed.render_as_string()


def sqlite_database(path: Path) -> Database:
    return Database("sqlite", f"sqlite:///{path}", exists=path.exists())


def _admin_engine(url: str) -> Engine:
    return create_engine(
        make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT", pool_pre_ping=False
    )


def _safe_name(url: str) -> str:
    name = str(make_url(url).database or "")
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise SystemExit(f"--db-url: use a plain database name (a-z, 0-9, _), not {name!r}")
    return name


def postgres_database(url: str) -> Database:
    """The bench's PostgreSQL database: created (empty) when missing, else checked for reuse."""
    name = _safe_name(url)
    admin = _admin_engine(url)
    try:
        with admin.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).first()
            if found is None:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
                return Database("postgresql", url, exists=False, created=True)
    finally:
        admin.dispose()
    engine = create_engine(url)
    try:
        revision = current_revision(engine)
        teams = 0
        if revision is not None:
            with engine.connect() as conn:
                teams = int(conn.exec_driver_sql("SELECT COUNT(*) FROM team").scalar_one())
    finally:
        engine.dispose()
    if revision != head_revision() or not teams:
        raise SystemExit(
            f"database {name!r} exists but is not a bench database at revision {head_revision()} "
            f"(revision {revision}, {teams} teams): drop it or pass --db-url with a new name"
        )
    return Database("postgresql", url, exists=True)


def drop(database: Database) -> None:
    """Drop a PostgreSQL database this run created (its engines must be disposed first)."""
    if database.backend != "postgresql" or not database.created:
        return
    admin = _admin_engine(database.url)
    try:
        with admin.connect() as conn:
            name = _safe_name(database.url)
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


def _summary(sql: str) -> str:
    flat = " ".join(sql.split())
    if flat.upper().startswith("WITH "):
        return f"WITH {flat.split()[1]}: answers, cases, signals (count)"
    table = flat.split(" FROM ", 1)[1].split(" ")[0] if " FROM " in flat else "?"
    what = "count" if "count(" in flat.lower() else "rows"
    join = " JOIN " + flat.split(" JOIN ", 1)[1].split(" ")[0] if " JOIN " in flat else ""
    return f"{table}{join} ({what})"


_COST = re.compile(r"\s*\(cost=[^)]*\)")
_PLAN_NODES = ("Scan", "Join", "Nested Loop", "Sort", "Aggregate", "Hash", "Index Cond", "Filter")


def query_plans(
    database: Database, engine: Engine, statements: Sequence[tuple[str, Any]]
) -> list[tuple[str, list[str]]]:
    """(statement summary, plan lines) per statement, as the backend's planner chose."""
    plans: list[tuple[str, list[str]]] = []
    if database.backend == "sqlite":
        path = sqlite_path(database.url)
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            for sql, params in statements:
                rows = conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
                plans.append((_summary(sql), ["; ".join(str(row[3]) for row in rows)]))
        return plans
    with engine.connect() as conn:
        for sql, params in statements:
            result = conn.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            lines = [str(row[0]) for row in result]
            kept = [
                _COST.sub("", line).rstrip()
                for line in lines
                if any(node in line for node in _PLAN_NODES) or "Execution Time" in line
            ]
            plans.append((_summary(sql), kept))
    return plans


def table_bytes(database: Database, engine: Engine, tables: Sequence[str]) -> dict[str, int]:
    """Bytes on disk per table, its indexes (and on PostgreSQL its TOAST) included."""
    if database.backend == "postgresql":
        with engine.connect() as conn:
            return {
                table: int(
                    conn.execute(
                        text("SELECT pg_total_relation_size(:t)"), {"t": table}
                    ).scalar_one()
                )
                for table in tables
            }
    path = sqlite_path(database.url)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        owner = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE tbl_name != ''"))
        sizes: dict[str, int] = {}
        for name, size in conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
            table = owner.get(name, name)
            sizes[table] = sizes.get(table, 0) + int(size)
    return sizes


def database_bytes(database: Database, engine: Engine) -> tuple[int, str]:
    """The whole database's size and how it was read; SQLite's WAL is checkpointed first."""
    if database.backend == "postgresql":
        with engine.connect() as conn:
            size = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()
        return int(size), "pg_database_size"
    engine.dispose()  # the engine's connections hold a transaction; checkpoint without them
    path = sqlite_path(database.url)
    assert path is not None
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.stat().st_size, "file size after a WAL checkpoint"


def server_cpu_seconds(database: Database, engine: Engine) -> float | None:
    """CPU seconds (user + system) the server processes of this database have used so far.

    PostgreSQL only, and only when the server runs on this machine and /proc shows its
    backends (None otherwise): read from /proc/<pid>/stat of every connection to the database.
    """
    if database.backend != "postgresql":
        return None
    with engine.connect() as conn:
        pids = conn.exec_driver_sql(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
        ).scalars()
        ticks = 0
        try:
            for pid in pids:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            return None
    return ticks / os.sysconf("SC_CLK_TCK")
