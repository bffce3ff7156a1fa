"""`reflectiebot backup FILE`: a consistent copy of the SQLite database while the bot runs."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from bot.cli.common import EXIT_FAILED, EXIT_OK, EXIT_SETTINGS
from bot.settings import Settings
from storage.engine import SQLITE_BUSY_TIMEOUT_MS, sqlite_path
from storage.models import SchedulerLease

LEASE_TABLE = SchedulerLease.__tablename__


def pg_dump_command(database_url: str, target: Path) -> str:
    """The pg_dump line for a PostgreSQL URL (without its password: use ~/.pgpass), 0600."""
    url = make_url(database_url)
    plain = URL.create(
        "postgresql", url.username, None, url.host, url.port, url.database, url.query
    ).render_as_string(hide_password=False)
    return f"(umask 077 && pg_dump --format=custom --file={target} '{plain}')"


def cmd_backup(settings: Settings, target: Path, *, force: bool = False) -> int:
    """Copy the database to `target` (0600) with SQLite's online backup; one line either way."""
    if make_url(settings.database_url).get_backend_name() != "sqlite":
        _say(
            "bij PostgreSQL maakt `reflectiebot backup` geen back-up; maak hem met pg_dump: "
            f"{pg_dump_command(settings.database_url, target)}"
        )
        return EXIT_SETTINGS
    source = sqlite_path(settings.database_url)
    if source is None:
        _say("een database in het geheugen heeft geen back-up.")
        return EXIT_SETTINGS
    if not source.is_file():
        _say(f"er is geen database {source} om te back-uppen.")
        return EXIT_FAILED
    refusal = _target_refusal(source, target, force=force)
    if refusal is not None:
        _say(refusal[1])
        return refusal[0]
    partial = target.with_name(f".{target.name}.{os.getpid()}.deel")
    try:
        _write_backup(source, partial)
        os.replace(partial, target)  # a half-written backup never carries the target's name
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        _say(f"back-up naar {target} mislukt: {_reason(error)}")
        return EXIT_FAILED
    size = target.stat().st_size / 1_000_000
    print(f"Back-up gemaakt: {target} ({size:.1f} MB, alleen leesbaar voor de eigenaar).")
    return EXIT_OK


def _say(line: str) -> None:
    print(f"reflectiebot: {line}", file=sys.stderr)


def _target_refusal(source: Path, target: Path, *, force: bool) -> tuple[int, str] | None:
    """Why `target` cannot take the backup (exit code, the line), or None when it can."""
    folder = target.parent
    if not folder.is_dir():
        return EXIT_FAILED, (
            f"de map {folder} bestaat niet; maak hem eerst aan (mkdir -p {folder}) "
            "of kies een andere plek voor de back-up."
        )
    if target.is_dir():
        return EXIT_FAILED, f"{target} is een map; geef de back-up een bestandsnaam."
    if target.exists() and target.resolve() == source.resolve():
        return EXIT_SETTINGS, "de back-up kan niet de database zelf zijn."
    if target.exists() and not force:
        return EXIT_FAILED, (
            f"{target} bestaat al; kies een andere naam of overschrijf met --force."
        )
    return None


def _reason(error: OSError | sqlite3.Error) -> str:
    """The cause without the hidden temporary file's name."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def _write_backup(source: Path, partial: Path) -> None:
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    # The source opens read-write (WAL needs its -shm), but this connection only reads.
    src = sqlite3.connect(source, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)  # one step: with WAL the bot keeps writing meanwhile
        _drop_planner_lease(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        [result] = dst.execute("PRAGMA quick_check").fetchone()
        if result != "ok":
            raise sqlite3.DatabaseError(f"de kopie is niet in orde ({result})")
    finally:
        dst.close()
        src.close()


def _drop_planner_lease(copy: sqlite3.Connection) -> None:
    """Clear the running process's planner lease in the copy (never in the live database), so
    a process started on the restored copy plans at its first tick."""
    with copy:  # one transaction, committed
        exists = copy.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (LEASE_TABLE,)
        ).fetchone()
        if exists:
            copy.execute(f"DELETE FROM {LEASE_TABLE}")  # a constant name, no user input
