"""Finding 3: nothing in the database orders an anonymous answer between named answers.

Ids are random for every answer; an anonymous answer's time is the middle of its week; on
SQLite, answer_knelpunt keeps no hidden rowid. Runs on SQLite and, where reachable, PostgreSQL.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, bindparam, text
from sqlalchemy.exc import OperationalError

from bot.answers import ModalAnswer, store_modal_answer
from bot.textcheck import TextCheck
from storage import answers, prompts
from storage.engine import create_db_engine, session_scope
from storage.migrate import upgrade_to_head
from tests.bot.weekspiegel_data import AMS, sent_slot
from tests.conftest import make_team
from tests.helpers.old_schema import insert_team_row

TUESDAY = date(2026, 11, 24)
TIME = "tijd-voor-reflectie"


def _answer_in_order(engine: Engine, count: int) -> list[tuple[bool, int]]:
    """Store `count` answers one after another, every other one anonymous; (anonymous, id)."""
    team = make_team(engine)
    slot = sent_slot(engine, team, TUESDAY)
    written = []
    for n in range(count):
        anonymous = n % 2 == 1
        moment = datetime(2026, 11, 24, 9, 0, tzinfo=AMS) + timedelta(minutes=n)
        with session_scope(engine) as session:
            if anonymous:
                store_modal_answer(
                    ModalAnswer(slot.id or 0, f"anoniem {n}", True, False, (TIME,)),
                    session=session, user_id=f"U0P{n}", check=TextCheck(f"anoniem {n}"),
                    known_knelpunten=frozenset({TIME}), now=moment, timezone=AMS,
                )  # fmt: skip
            else:
                found = prompts.get_slot(session=session, slot_id=slot.id or 0)
                assert found is not None
                answers.record_thread_answer(
                    session=session, slot=found, user_id=f"U0P{n}", text=f"genoemd {n}",
                    message_ts=f"1763974800.{n:06d}", knelpunten=["tijd-voor-reflectie"],
                )  # fmt: skip
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT id FROM answer WHERE text LIKE :t"), {"t": f"% {n}"}
            ).one()
        written.append((anonymous, int(row[0])))
    return written


def test_answer_ids_say_nothing_about_the_order_answers_came_in(engine: Engine) -> None:
    written = _answer_in_order(engine, 24)
    ids = [answer_id for _, answer_id in written]
    assert ids != sorted(ids) and ids != sorted(ids, reverse=True)  # 2/24! by chance
    named = [answer_id for anonymous, answer_id in written if not anonymous]
    anonymous_ids = [answer_id for anonymous, answer_id in written if anonymous]
    assert named != sorted(named)  # not even the named ones count up past an anonymous one
    # Every anonymous answer has the same stored moment: the middle of the week.
    with engine.connect() as connection:
        moments = connection.execute(text("SELECT created_at FROM answer WHERE anonymous = :a"),
                                     {"a": True}).scalars().all()  # fmt: skip
        linked = text("SELECT answer_id FROM answer_knelpunt WHERE answer_id IN :ids")
        links = (
            connection.execute(
                linked.bindparams(bindparam("ids", expanding=True)), {"ids": anonymous_ids}
            )
            .scalars()
            .all()
        )
    assert len({str(m) for m in moments}) == 1 and str(moments[0]).startswith("2026-11-25 11:00")
    assert sorted(links) == sorted(anonymous_ids)


def test_sqlite_keeps_no_rowid_that_remembers_the_order_of_knelpunten(sqlite_url: str) -> None:
    engine = create_db_engine(sqlite_url)
    upgrade_to_head(engine)
    written = _answer_in_order(engine, 12)
    with engine.connect() as connection, pytest.raises(OperationalError, match="rowid"):
        connection.execute(text("SELECT rowid FROM answer_knelpunt")).all()
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT answer_id FROM answer_knelpunt")).scalars().all()
        in_file = connection.execute(text("SELECT id FROM answer")).scalars().all()
    assert stored == sorted(stored) and in_file == sorted(in_file)  # kept by id: random order
    assert [i for _, i in written] != in_file
    engine.dispose()


def test_upgrading_gives_stored_anonymous_answers_random_ids_and_their_week(
    database_url: str,
) -> None:
    engine = create_db_engine(database_url)
    try:
        upgrade_to_head(engine, revision="0005")
        with engine.begin() as connection:
            insert_team_row(connection)
            connection.execute(text(
                "INSERT INTO prompt_slot (id, team_id, slot_key, kind, slot_date, prompt_id, theme,"
                " channel_id, status, attempts, created_at) VALUES (1, 1, '2026-11-24', 'schema',"
                " '2026-11-24', 'leercultuur-01', 'leercultuur', 'C0NOORD', 'sent', 1,"
                " '2026-11-24 08:00:00')"
            ))  # fmt: skip
            for answer_id, user, anonymous, moment in (
                (1, "U0A", False, "2026-11-24 09:01:00"),
                (2, None, True, "2026-11-24 11:00:00"),  # the old rule: noon of the day
                (3, "U0B", False, "2026-11-24 09:03:00"),
            ):
                connection.execute(
                    text(
                        "INSERT INTO answer (id, slot_id, team_id, user_id, anonymous, quotable,"
                        " source, text, created_at) VALUES (:id, 1, 1, :user, :anon, false,"
                        " 'modal', 'tekst', :moment)"
                    ),
                    {"id": answer_id, "user": user, "anon": anonymous, "moment": moment},
                )
                connection.execute(
                    text("INSERT INTO answer_knelpunt VALUES (:id, 'tijd-voor-reflectie')"),
                    {"id": answer_id},
                )
        upgrade_to_head(engine)
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id, anonymous, created_at FROM answer ORDER BY id")
            ).all()
            links = connection.execute(text("SELECT answer_id FROM answer_knelpunt")).all()
        [(anonymous_id, _, moment)] = [row for row in rows if row[1]]
        assert anonymous_id not in (1, 2, 3) and len(links) == 3
        assert str(moment).startswith("2026-11-25 11:00")  # Wednesday 12:00 in Amsterdam
        assert {row[0] for row in rows} - {anonymous_id} == {1, 3}
    finally:
        engine.dispose()


def test_a_random_id_is_never_one_in_use(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = make_team(sqlite_engine)
    slot = sent_slot(sqlite_engine, team, TUESDAY)
    draws = iter([7, 7, 7, 9])
    monkeypatch.setattr(secrets, "randbelow", lambda _n: next(draws) - 1)
    now = datetime.now(UTC)
    with session_scope(sqlite_engine) as session:
        first = answers.record_modal_answer(
            session=session, slot=slot, user_id=None, text="a", quotable=False, created_at=now
        )
        second = answers.record_modal_answer(
            session=session, slot=slot, user_id=None, text="b", quotable=False, created_at=now
        )
    assert (first.id, second.id) == (7, 9)
