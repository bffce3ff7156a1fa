"""Engine and sessions: SQLite (WAL, busy timeout, foreign keys) by default, PostgreSQL by URL."""

from __future__ import annotations

import logging
import os
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session

log = logging.getLogger(__name__)

# How long a write waits for another writer. Below Slack's 3 s: a modal submission stores before
# it answers, and must be able to say "probeer het zo opnieuw" in time.
SQLITE_BUSY_TIMEOUT_MS = 2000


class StorageBusyError(OperationalError):
    """The database stayed busy longer than the busy timeout; nothing was written."""

    def __init__(self, message: str) -> None:
        super().__init__(message, None, Exception(message))


class StorageClosedError(OperationalError):
    """The process is stopping and takes no more writes (refuse_writes); nothing was written."""

    def __init__(self) -> None:
        message = "de bot stopt en bewaart niets meer"
        super().__init__(message, None, Exception(message))


class StorageError(Exception):
    """The database cannot be used as configured; the message says why in plain words."""


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for an in-memory database or another backend."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database)


READ_ONLY_OPTION = "reflectiebot_read_only"


def create_db_engine(url: str) -> Engine:
    """Create the engine for `url`; a SQLite file (and its -wal, -shm) is its owner's only.

    Errors never carry a statement's values (hide_parameters): they are what people typed.
    """
    path = sqlite_path(url)
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    if path is not None:
        _create_private_file(path)
    engine = create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
    )
    event.listen(engine, "connect", _set_sqlite_pragmas(require_wal=path is not None))
    event.listen(engine, "begin", _begin_immediate)
    return engine


def _begin_immediate(connection: Any) -> None:
    # pysqlite's own BEGIN handling breaks SAVEPOINTs and starts transactions late; we disable
    # it on connect and begin every transaction ourselves. IMMEDIATE takes the write lock up
    # front, so a busy database makes us wait (busy_timeout) instead of failing mid-transaction.
    # A read-only scope begins DEFERRED: with WAL it reads a snapshot and blocks no writer.
    read_only = connection.get_execution_options().get(READ_ONLY_OPTION, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _create_private_file(path: Path) -> None:
    """Create the database file 0600, or tighten an existing one (and its -wal and -shm).

    SQLite gives the -wal and -shm files the database file's own mode.
    """
    if not path.parent.exists():
        raise StorageError(f"De map {path.parent} voor de database bestaat niet.")
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        for file in (path, *(path.with_name(path.name + s) for s in SQLITE_SIDE_FILES)):
            _tighten(file)
        return
    os.close(fd)


SQLITE_SIDE_FILES = ("-wal", "-shm")


def _tighten(file: Path) -> None:
    try:
        mode = stat.S_IMODE(file.stat().st_mode)
    except FileNotFoundError:
        return
    if not mode & 0o077:
        return
    try:
        os.chmod(file, mode & 0o700)
    except OSError as error:
        raise StorageError(
            f"{file} is leesbaar voor anderen (rechten {mode:o}) en de bot kan dat niet "
            f"aanpassen ({error.strerror}); zet het met `chmod 600 {file}` als de eigenaar."
        ) from None
    log.warning(
        "database file %s was readable by others (mode %o); now %o", file, mode, mode & 0o700
    )


def _set_sqlite_pragmas(*, require_wal: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # see _begin_immediate
        cursor = dbapi_connection.cursor()
        try:
            mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if require_wal and str(mode).lower() != "wal":
                # SQLite answers with the old mode instead of raising when WAL is impossible.
                raise StorageError(
                    f"SQLite kon niet overschakelen op WAL (kreeg {mode!r}); "
                    "staat de database op een netwerkschijf?"
                )
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            # What is erased is overwritten with zeros, not just marked free.
            cursor.execute("PRAGMA secure_delete=ON")
        finally:
            cursor.close()

    return on_connect


SCRUB_ATTEMPTS = 5
# Tables whose rows erasing and purging rewrite; PostgreSQL's VACUUM clears their old versions.
SCRUBBED_TABLES = (
    "answer", "answer_knelpunt", "casus", "knelpunt_signal", "teamleider", "digest_delivery",
    "digest_quote", "audit_log",
)  # fmt: skip


def scrub_freed_space(engine: Engine) -> bool:
    """After an erase or purge: leave no old copy of the rows in the database's own files.

    SQLite (secure_delete is on for every connection) keeps the old pages in its -wal file
    until a checkpoint: copy them into the database and truncate the file to zero bytes.
    PostgreSQL keeps old row versions until VACUUM. True when that worked; False when the
    database stayed busy (SQLite's own checkpoints then overwrite the file in time).
    """
    if engine.dialect.name == "sqlite":
        for attempt in range(SCRUB_ATTEMPTS):
            raw: Any = engine.raw_connection()
            try:
                busy, _log, _done = raw.driver_connection.execute(
                    "PRAGMA wal_checkpoint(TRUNCATE)"
                ).fetchone()
            finally:
                raw.close()
            if not busy:
                return True
            time.sleep(0.05 * (attempt + 1))
        log.warning("the SQLite write-ahead log could not be truncated after an erase: busy")
        return False
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM " + ", ".join(SCRUBBED_TABLES))
    except SQLAlchemyError as error:
        log.warning("VACUUM after an erase failed: %s", type(error).__name__)
        return False
    return True


@contextmanager
def read_scope(engine: Engine) -> Iterator[Session]:
    """A session that only reads (digests, previews): it never holds SQLite's write lock."""
    # Closing (not rolling back) ends the transaction and keeps what was read usable.
    with Session(_read_only(engine)) as session:
        yield session


_READ_ONLY_ENGINE = "_reflectiebot_read_only_engine"


def _read_only(engine: Engine) -> Engine:
    """The engine with the read-only option, made once: each execution_options call makes a new
    one (kept on the engine itself, so it goes when the engine goes)."""
    read_only: Engine | None = getattr(engine, _READ_ONLY_ENGINE, None)
    if read_only is None:
        read_only = engine.execution_options(**{READ_ONLY_OPTION: True})
        setattr(engine, _READ_ONLY_ENGINE, read_only)
    return read_only


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """A Core connection that only reads: the per-request lookups, without an ORM session.

    Like read_scope it never holds SQLite's write lock; its statements share one snapshot.
    """
    with _read_only(engine).connect() as connection:
        yield connection


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One session per request or job: committed on success, rolled back on error.

    On SQLite, writers of one process first queue on an in-process lock: a waiting thread
    wakes the moment the writer before it is done, where SQLite's own busy handler polls with
    growing sleeps and, with many threads, times out while the database is mostly idle. Both
    waits together stay within the busy timeout.
    """
    gate = _write_gate(engine)
    if gate is not None and not gate.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
        raise StorageBusyError("te veel gelijktijdige schrijvers; probeer het zo opnieuw")
    try:
        with Session(engine, expire_on_commit=False) as session:
            try:
                yield session
                with _commits(engine).counted():
                    session.commit()
            except BaseException:
                session.rollback()
                raise
    finally:
        if gate is not None:
            gate.release()


class _Commits:
    """The commits under way on one engine, and whether new ones are still taken."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._under_way = 0
        self.refused = False

    @contextmanager
    def counted(self) -> Iterator[None]:
        with self._changed:
            if self.refused:
                raise StorageClosedError
            self._under_way += 1
        try:
            yield
        finally:
            with self._changed:
                self._under_way -= 1
                self._changed.notify_all()

    def refuse(self, deadline: float) -> bool:
        with self._changed:
            self.refused = True
            while self._under_way:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True


_COMMITS = "_reflectiebot_commits"


def _commits(engine: Engine) -> _Commits:
    commits: _Commits | None = getattr(engine, _COMMITS, None)
    if commits is None:
        with _gates_lock:
            commits = getattr(engine, _COMMITS, None) or _Commits()
            setattr(engine, _COMMITS, commits)
    return commits


def refuse_writes(engine: Engine, deadline: float) -> bool:
    """From now on every commit on `engine` raises StorageClosedError (a stop that ran out of
    time: work still under way can no longer store half of anything, and each listener answers
    its user as for a database failure). Waits until `deadline` (monotonic) for the commits
    already under way; True when none is left."""
    return _commits(engine).refuse(deadline)


_gates: WeakKeyDictionary[Engine, threading.RLock] = WeakKeyDictionary()
_gates_lock = threading.Lock()


def _write_gate(engine: Engine) -> threading.RLock | None:
    """The engine's in-process writer lock (SQLite only; re-entrant for nested scopes)."""
    if engine.dialect.name != "sqlite":
        return None
    with _gates_lock:
        gate = _gates.get(engine)
        if gate is None:
            gate = _gates[engine] = threading.RLock()
        return gate
