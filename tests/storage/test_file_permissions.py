"""The SQLite files are the owner's only: new ones 0600, an existing 0644 one tightened."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head
from tests.helpers.cli import run_cli


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """What a shell usually has: new files readable by everyone."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def test_a_new_database_and_its_wal_and_shm_are_the_owners_only(
    tmp_path: Path, permissive_umask: None
) -> None:
    path = tmp_path / "reflectiebot.db"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    with engine.connect() as connection:  # while connected, WAL mode keeps -wal and -shm
        connection.execute(text("SELECT count(*) FROM team")).scalar()
        assert all(p.exists() for p in side_files(path))
        assert [mode(p) for p in (path, *side_files(path))] == [0o600, 0o600, 0o600]
    engine.dispose()


def make_world_readable_database(path: Path) -> None:
    """A database as an older version or a careless copy left it: 0644, -wal and -shm too."""
    keep_open = sqlite3.connect(path)
    keep_open.execute("PRAGMA journal_mode=WAL")
    keep_open.execute("CREATE TABLE note (body TEXT)")
    keep_open.execute("INSERT INTO note VALUES ('er staat iets in')")
    keep_open.commit()
    for file in (path, *side_files(path)):
        os.chmod(file, 0o644)
    # Copies keep the files as they are after this connection closes (which checkpoints).
    for file in (path, *side_files(path)):
        shutil.copy2(file, file.with_name("copy-" + file.name))
    keep_open.close()
    for file in (path, *side_files(path)):
        os.replace(file.with_name("copy-" + file.name), file)


def test_an_existing_world_readable_database_is_tightened_at_start(
    tmp_path: Path, permissive_umask: None, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "reflectiebot.db"
    make_world_readable_database(path)
    assert [mode(p) for p in (path, *side_files(path))] == [0o644, 0o644, 0o644]

    engine = create_db_engine(f"sqlite:///{path}")
    assert [mode(p) for p in (path, *side_files(path))] == [0o600, 0o600, 0o600]
    with engine.connect() as connection:  # and nothing was lost
        assert connection.execute(text("SELECT body FROM note")).scalar() == "er staat iets in"
    engine.dispose()
    assert any("readable by others" in r.getMessage() for r in caplog.records)


@pytest.fixture
def immutable_database(tmp_path: Path) -> Iterator[Path]:
    """A 0644 database whose mode even root cannot change (chattr +i)."""
    path = tmp_path / "reflectiebot.db"
    sqlite3.connect(path).close()
    os.chmod(path, 0o644)
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("chattr is not installed: cannot make a file whose mode cannot change")
    made = subprocess.run([chattr, "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i is not possible here: {made.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_a_database_that_cannot_be_tightened_stops_the_bot_with_one_line(
    immutable_database: Path,
) -> None:
    env = {"DATABASE_URL": f"sqlite:///{immutable_database}"}
    result = run_cli("migrate", cwd=immutable_database.parent, env=env)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "leesbaar voor anderen" in line and f"chmod 600 {immutable_database}" in line
    assert "Traceback" not in result.stderr
