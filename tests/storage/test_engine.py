"""The database as an administrator meets it: a private file, WAL, migrations from empty."""

from __future__ import annotations

import stat
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, inspect, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import select

from bot.server import HTTP_THREADS
from storage import teams
from storage.engine import (
    SQLITE_BUSY_TIMEOUT_MS,
    StorageClosedError,
    StorageError,
    create_db_engine,
    read_scope,
    refuse_writes,
    session_scope,
)
from storage.migrate import current_revision, head_revision, is_up_to_date, upgrade_to_head
from storage.models import Team, Teamleider
from tests.conftest import LINKED_SINCE
from tests.helpers.old_schema import insert_team_row


def test_new_sqlite_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "reflectiebot.db"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_every_sqlite_connection_gets_wal_busy_timeout_and_foreign_keys(sqlite_url: str) -> None:
    engine = create_db_engine(sqlite_url)
    for _ in range(2):  # a fresh pool connection each time
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            busy = connection.execute(text("PRAGMA busy_timeout")).scalar()
            assert busy == SQLITE_BUSY_TIMEOUT_MS
        engine.dispose()


def test_missing_database_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="bestaat niet"):
        create_db_engine(f"sqlite:///{tmp_path / 'nergens' / 'reflectiebot.db'}")


def test_migrations_build_the_schema_from_empty(database_url: str) -> None:
    engine = create_db_engine(database_url)
    assert current_revision(engine) is None
    assert not is_up_to_date(engine)

    upgrade_to_head(engine)

    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"team", "teamleider", "alembic_version"} <= tables
    upgrade_to_head(engine)  # running it again changes nothing
    assert is_up_to_date(engine)
    engine.dispose()


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(Teamleider(team_id=999, user_id="U0NIEMAND"))


def test_deleting_a_team_removes_its_teamleiders(engine: Engine) -> None:
    with session_scope(engine) as session:
        team = Team(channel_id="C0NOORD", name="Wijkteam Noord")
        session.add(team)
        session.flush()
        assert team.id is not None
        session.add(Teamleider(team_id=team.id, user_id="U0LEIDER"))
    with session_scope(engine) as session:
        session.delete(session.get(Team, team.id))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM teamleider")).scalar() == 0


def test_migrations_match_the_models(engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_upgrading_a_filled_database_keeps_every_row_and_link(database_url: str) -> None:
    from storage.engine import create_db_engine

    engine = create_db_engine(database_url)
    try:
        upgrade_to_head(engine, revision="0004")
        with engine.begin() as connection:
            insert_team_row(connection)
            connection.execute(text(
                "INSERT INTO casus (id, team_id, user_id, description, domains, intake, decision,"
                " destinations, reasons, reason_note, bring_up, created_at) VALUES (1, 1, 'U0LID',"
                " 'Schulden', 'financien', 'hulpvraag', 'zelf', '', '', '', false,"
                " '2026-11-02 10:00:00')"
            ))  # fmt: skip
            connection.execute(
                text("INSERT INTO casus_knelpunt VALUES (1, 'wachtlijsten-tweede-lijn')")
            )
            connection.execute(text(
                "INSERT INTO knelpunt_signal (id, team_id, user_id, text, created_at)"
                " VALUES (1, 1, 'U0LID', 'Wachtlijst', '2026-11-02 10:00:00')"
            ))  # fmt: skip
            connection.execute(
                text("INSERT INTO signal_knelpunt VALUES (1, 'wachtlijsten-tweede-lijn')")
            )
        upgrade_to_head(engine)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM casus_knelpunt")).scalar() == 1
            assert connection.execute(text("SELECT count(*) FROM signal_knelpunt")).scalar() == 1
            if engine.dialect.name == "sqlite":  # and foreign keys are on again afterwards
                assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


def test_upgrading_removes_the_names_slack_wrote_into_stored_mentions(database_url: str) -> None:
    # Before 0009 /knelpunt and /casus stored command text as Slack sent it: <@U…|name>.
    engine = create_db_engine(database_url)
    try:
        upgrade_to_head(engine, revision="0008")
        with engine.begin() as connection:
            insert_team_row(connection)
            connection.execute(text(
                "INSERT INTO knelpunt_signal (id, team_id, user_id, text, created_at) VALUES"
                " (1, 1, 'U0LID', 'Met <@U0LEIDER|sanne.devries> en <@W0ANDER|piet> besproken',"
                " '2026-11-02 10:00:00'), (2, 1, 'U0LID', 'Kosten | baten <@U0LID>',"
                " '2026-11-02 10:00:00')"
            ))  # fmt: skip
            connection.execute(text(
                "INSERT INTO casus (id, team_id, user_id, description, domains, intake, decision,"
                " destinations, reasons, reason_note, bring_up, created_at) VALUES (1, 1, 'U0LID',"
                " 'Samen met <@U0LEIDER|Sanne de Vries> opgepakt', 'financien', 'hulpvraag',"
                " 'zelf', '', '', '', false, '2026-11-02 10:00:00')"
            ))  # fmt: skip
        upgrade_to_head(engine)
        with engine.connect() as connection:
            signals = connection.execute(text("SELECT text FROM knelpunt_signal ORDER BY id")).all()
            case = connection.execute(text("SELECT description FROM casus")).scalar_one()
    finally:
        engine.dispose()
    assert [row[0] for row in signals] == [
        "Met <@U0LEIDER> en <@W0ANDER> besproken",
        "Kosten | baten <@U0LID>",  # nothing else touched
    ]
    assert case == "Samen met <@U0LEIDER> opgepakt"


def test_a_read_scope_blocks_no_writer_and_what_it_read_stays_usable(sqlite_url: str) -> None:
    import time

    from storage import teams
    from storage.engine import read_scope

    engine = create_db_engine(sqlite_url)
    upgrade_to_head(engine)
    with session_scope(engine) as session:
        teams.create_team(
            session=session, channel_id="C0NOORD", name="Noord", leader_id="U0L", now=LINKED_SINCE
        )
    with read_scope(engine) as reading:
        [team] = teams.list_teams(session=reading)
        started = time.monotonic()
        with session_scope(engine) as writing:  # would wait 2 s behind BEGIN IMMEDIATE
            teams.create_team(
                session=writing, channel_id="C0ZUID", name="Zuid", leader_id="U0Z", now=LINKED_SINCE
            )
        assert time.monotonic() - started < 1
    assert team.name == "Noord" and team.id is not None  # no DetachedInstanceError
    engine.dispose()


def test_writers_in_one_process_queue_and_all_get_through(sqlite_url: str) -> None:
    import threading

    from storage import teams

    engine = create_db_engine(sqlite_url)
    upgrade_to_head(engine)
    failures: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for k in range(5):
                with session_scope(engine) as session:
                    teams.create_team(session=session, channel_id=f"C{n:02d}{k}", name="T",
                                      leader_id="U0L", now=LINKED_SINCE)  # fmt: skip
        except BaseException as error:  # collected, asserted below
            failures.append(error)

    # as many writers as the service has at most: waitress's request threads, the planner, the
    # nightly refresh and the reply worker (more would measure the machine's load, not the gate)
    writers = HTTP_THREADS + 4
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with session_scope(engine) as session:
        assert len(teams.list_teams(session=session)) == writers * 5
    engine.dispose()


def test_a_writer_kept_waiting_past_the_busy_timeout_gets_a_clear_error(sqlite_url: str) -> None:
    import threading
    import time

    from storage import teams
    from storage.engine import StorageBusyError

    engine = create_db_engine(sqlite_url)
    upgrade_to_head(engine)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with session_scope(engine) as session:
            teams.create_team(
                session=session, channel_id="C0LANG", name="L", leader_id="U0L", now=LINKED_SINCE
            )
            holding.set()
            release.wait(SQLITE_BUSY_TIMEOUT_MS / 1000 + 2)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(5)
    started = time.monotonic()
    with pytest.raises(StorageBusyError), session_scope(engine) as session:
        teams.create_team(
            session=session, channel_id="C0WACHT", name="W", leader_id="U0W", now=LINKED_SINCE
        )
    waited = time.monotonic() - started
    release.set()
    holder.join()
    assert SQLITE_BUSY_TIMEOUT_MS / 1000 - 0.2 < waited < SQLITE_BUSY_TIMEOUT_MS / 1000 + 1
    with session_scope(engine) as session:
        assert [t.channel_id for t in teams.list_teams(session=session)] == ["C0LANG"]
    engine.dispose()


def test_after_refuse_writes_nothing_is_stored_and_a_commit_under_way_finishes_first(
    engine: Engine,
) -> None:
    # A stop that ran out of time: a commit that had begun still lands; every later one is
    # refused whole (the session rolls back), with an error the listeners treat as a database
    # failure, and reading still works.
    committing = threading.Event()
    resume = threading.Event()

    def slow_commit(_session: Any) -> None:
        committing.set()
        resume.wait(5)

    with session_scope(engine) as session:
        teams.create_team(
            session=session, channel_id="C0EERST", name="Eerst", leader_id="U1", now=LINKED_SINCE
        )
    writer_done = threading.Event()

    def write_slowly() -> None:
        with session_scope(engine) as session:
            event.listen(session, "before_commit", slow_commit)
            teams.create_team(
                session=session, channel_id="C0BEZIG", name="Bezig", leader_id="U1",
                now=LINKED_SINCE,
            )  # fmt: skip
        writer_done.set()

    writer = threading.Thread(target=write_slowly)
    writer.start()
    assert committing.wait(5)
    threading.Timer(0.3, resume.set).start()
    assert refuse_writes(engine, time.monotonic() + 5)  # waited for the commit under way
    assert writer_done.is_set()
    writer.join(5)

    # SQLAlchemyError: what every listener's storage error path catches.
    with pytest.raises(SQLAlchemyError) as refused, session_scope(engine) as session:
        teams.create_team(
            session=session, channel_id="C0TELAAT", name="Te laat", leader_id="U1",
            now=LINKED_SINCE,
        )  # fmt: skip
    assert isinstance(refused.value, StorageClosedError)
    with read_scope(engine) as session:
        names = sorted(team.name for team in session.exec(select(Team)))
    assert names == ["Bezig", "Eerst"]
