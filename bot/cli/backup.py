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


def pg_dump_command(database_url: str, target: Path) -> str:
    """The pg_dump line for a PostgreSQL URL (without its password: use ~/.pgpass)."""
    url = make_url(database_url)
    plain = URL.create(
        "postgresql", url.username, None, url.host, url.port, url.database, url.query
    ).render_as_string(hide_password=False)
    return f"pg_dump --format=custom --file={target} '{plain}'"


def cmd_backup(settings: Settings, target: Path, *, force: bool = False) -> int:
    """Copy the database to `target` (0600) with SQLite's online backup; one line either way."""
    source = sqlite_path(settings.database_url)
    if make_url(settings.database_url).get_backend_name() != "sqlite":
        print(
            "reflectiebot: bij PostgreSQL maak je de back-up met pg_dump, bijvoorbeeld:\n"
            f"  {pg_dump_command(settings.database_url, target)}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if source is None:
        print("reflectiebot: een database in het geheugen heeft geen back-up.", file=sys.stderr)
        return EXIT_SETTINGS
    if not source.is_file():
        print(f"reflectiebot: er is geen database {source} om te back-uppen.", file=sys.stderr)
        return EXIT_FAILED
    if target.resolve() == source.resolve():
        print("reflectiebot: de back-up kan niet de database zelf zijn.", file=sys.stderr)
        return EXIT_SETTINGS
    if target.exists() and not force:
        print(
            f"reflectiebot: {target} bestaat al; kies een andere naam of overschrijf met --force.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    partial = target.with_name(f".{target.name}.{os.getpid()}.deel")
    try:
        _write_backup(source, partial)
        os.replace(partial, target)  # a half-written backup never carries the target's name
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        print(f"reflectiebot: back-up naar {target} mislukt: {error}", file=sys.stderr)
        return EXIT_FAILED
    size = target.stat().st_size / 1_000_000
    print(f"Back-up gemaakt: {target} ({size:.1f} MB, alleen leesbaar voor de eigenaar).")
    return EXIT_OK


def _write_backup(source: Path, partial: Path) -> None:
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    # The source opens read-write (WAL needs its -shm), but this connection only reads.
    src = sqlite3.connect(source, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)  # one step: with WAL the bot keeps writing meanwhile
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        [result] = dst.execute("PRAGMA quick_check").fetchone()
        if result != "ok":
            raise sqlite3.DatabaseError(f"de kopie is niet in orde ({result})")
    finally:
        dst.close()
        src.close()
