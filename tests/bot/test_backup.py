"""`reflectiebot backup FILE` while the bot works, and a restore by copying it back."""

from __future__ import annotations

import os
import shutil
import stat
import threading
import time
from pathlib import Path

from sqlalchemy import text

from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head
from tests.bot.test_cli import env_for
from tests.conftest import make_team
from tests.fakes.slack_api import FakeSlack
from tests.helpers import service
from tests.helpers.cli import run_cli

# A lease far longer than the test: a restored copy that still carried it would wait for it.
LONG_LEASE = {"PLANNER_LEASE_SECONDS": "600", "PLANNER_TICK_SECONDS": "1"}


def team_names(url: str) -> list[str]:
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text("SELECT name FROM team ORDER BY id")).scalars())
    finally:
        engine.dispose()


def test_a_backup_taken_while_the_bot_writes_restores_to_intact_data(tmp_path: Path) -> None:
    path = tmp_path / "reflectiebot.db"
    env = {"DATABASE_URL": f"sqlite:///{path}"}
    engine = create_db_engine(env["DATABASE_URL"])
    upgrade_to_head(engine)
    make_team(engine, channel_id="C0NOORD", name="Wijkteam Noord")
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:  # the bot at work: a new team every few milliseconds
        while not stop.is_set():
            n = len(written)
            make_team(engine, channel_id=f"C0BUSY{n:04d}", name=f"Wijkteam {n}")
            written.append(n)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while len(written) < 20:
            stop.wait(0.01)
        before = len(written)
        result = run_cli("backup", "backup.db", cwd=tmp_path, env=env)
        after = len(written)
    finally:
        stop.set()
        writer.join(timeout=10)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Back-up gemaakt: backup.db")
    backup = tmp_path / "backup.db"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert not (tmp_path / "backup.db-wal").exists()  # one self-contained file
    assert after > before, "the bot kept writing during the backup"
    engine.dispose()

    saved = team_names(f"sqlite:///{backup}")
    assert saved[0] == "Wijkteam Noord"
    assert before + 1 <= len(saved) <= after + 2  # a consistent moment during the backup
    assert saved[1:] == [f"Wijkteam {n}" for n in range(len(saved) - 1)]

    # Restore as docs/beheer.md says: bot stopped, the old -wal/-shm away, the copy back 0600.
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(backup, path)
    os.chmod(path, 0o600)
    check = run_cli("migrate", cwd=tmp_path, env=env)
    assert check.returncode == 0, check.stderr
    assert team_names(env["DATABASE_URL"]) == saved


def test_an_existing_file_is_kept_unless_force_is_given(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'reflectiebot.db'}"}
    engine = create_db_engine(env["DATABASE_URL"])
    upgrade_to_head(engine)
    make_team(engine, channel_id="C0NOORD", name="Wijkteam Noord")
    engine.dispose()
    earlier = tmp_path / "backup.db"
    earlier.write_text("de back-up van gisteren")
    os.chmod(earlier, 0o644)

    refused = run_cli("backup", "backup.db", cwd=tmp_path, env=env)
    assert refused.returncode == 1
    [line] = refused.stderr.strip().splitlines()
    assert "bestaat al" in line and "--force" in line
    assert earlier.read_text() == "de back-up van gisteren"

    forced = run_cli("backup", "backup.db", "--force", cwd=tmp_path, env=env)
    assert forced.returncode == 0, forced.stderr
    assert stat.S_IMODE(earlier.stat().st_mode) == 0o600
    assert team_names(f"sqlite:///{earlier}") == ["Wijkteam Noord"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers


def test_no_database_yet_is_one_line_and_creates_nothing(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'reflectiebot.db'}"}
    result = run_cli("backup", "backup.db", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "geen database" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def lease_holders(url: str) -> list[str]:
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text("SELECT holder FROM scheduler_lease")).scalars())
    finally:
        engine.dispose()


def test_a_restored_backup_is_planned_at_once_though_a_process_planned_during_the_backup(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    live, restored = tmp_path / "live", tmp_path / "restored"
    live.mkdir()
    restored.mkdir()
    env = {**env_for(fake_slack, live), **LONG_LEASE}
    port = service.free_port()
    running = service.start(live, {**env, "PORT": str(port)})
    try:
        holder = service.wait_for_planner(port, "held", running)["planner"]["holder"]
        result = run_cli("backup", str(restored / "reflectiebot.db"), cwd=live, env=env)
        assert result.returncode == 0, result.stderr
        assert lease_holders(env["DATABASE_URL"]) == [holder]  # the live lease stays
    finally:
        service.kill_all(running)
    assert lease_holders(f"sqlite:///{restored / 'reflectiebot.db'}") == []

    again = {**env_for(fake_slack, restored), **LONG_LEASE}
    port = service.free_port()
    started = service.start(restored, {**again, "PORT": str(port)})
    try:
        while service.health(port) is None:  # up: the planner's first tick is at its start
            assert started.poll() is None, started.communicate()[1][-2000:]
            time.sleep(0.1)
        tick = float(LONG_LEASE["PLANNER_TICK_SECONDS"])
        report = service.wait_for_planner(port, "held", started, timeout=2 * tick)
        assert report["planner"]["holder"] != holder
    finally:
        service.kill_all(started)


def test_a_target_in_a_missing_folder_names_that_folder(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'reflectiebot.db'}"}
    upgrade_to_head(create_db_engine(env["DATABASE_URL"]))
    result = run_cli("backup", "nergens/dieper/backup.db", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr == (
        "reflectiebot: de map nergens/dieper bestaat niet; maak hem eerst aan "
        "(mkdir -p nergens/dieper) of kies een andere plek voor de back-up.\n"
    )
    assert not (tmp_path / "nergens").exists()


def test_postgresql_points_at_pg_dump_without_the_password(tmp_path: Path) -> None:
    url = "postgresql+psycopg://reflectiebot:geheim-wachtwoord@db.gemeente.nl:5432/reflectiebot"
    result = run_cli("backup", "reflectiebot.dump", cwd=tmp_path, env={"DATABASE_URL": url})
    assert result.returncode == 2  # it made no backup: a setting (the URL) asks for pg_dump
    assert result.stderr == (
        "reflectiebot: bij PostgreSQL maakt `reflectiebot backup` geen back-up; maak hem met "
        "pg_dump: (umask 077 && pg_dump --format=custom --file=reflectiebot.dump "
        "'postgresql://reflectiebot@db.gemeente.nl:5432/reflectiebot')\n"
    )
    assert "geheim-wachtwoord" not in result.stderr + result.stdout
    assert not (tmp_path / "reflectiebot.dump").exists()
