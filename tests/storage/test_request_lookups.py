"""The per-request statements (built once, Core): the same rows and answers on both backends."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Engine, text

from storage import answers, casus, prompts, teams
from storage.engine import create_db_engine, read_connection, session_scope
from storage.knelpunten import KnelpuntLink
from storage.migrate import upgrade_to_head
from tests.bot.weekspiegel_data import AMS, sent_slot
from tests.conftest import LINKED_SINCE, make_team

TUESDAY = date(2026, 11, 24)
MOMENT = datetime(2026, 11, 24, 9, 0, tzinfo=AMS)
LINKS = "SELECT answer_id, knelpunt_id, probability, confident FROM answer_knelpunt ORDER BY 2"
PROMPT_TS = f"{TUESDAY.toordinal()}.000100"  # the ts sent_slot gives its prompt


def _rows(engine: Engine, query: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query))]


class _WorkFailedError(Exception):
    pass


def test_a_retried_event_is_marked_once_and_a_failed_attempt_leaves_no_mark(
    engine: Engine,
) -> None:
    with pytest.raises(_WorkFailedError), session_scope(engine) as session:
        assert answers.mark_event_processed(session=session, event_id="Ev1")
        raise _WorkFailedError  # the work after the mark failed: its retry must still be handled
    with session_scope(engine) as session:
        assert answers.mark_event_processed(session=session, event_id="Ev1") is True
        assert answers.mark_event_processed(session=session, event_id="Ev1") is False
    with session_scope(engine) as session:
        assert answers.mark_event_processed(session=session, event_id="Ev1") is False
        assert answers.mark_event_processed(session=session, event_id="Ev2") is True
    assert _rows(engine, "SELECT event_id FROM processed_event ORDER BY event_id") == [
        ("Ev1",),
        ("Ev2",),
    ]


def test_a_channel_names_its_team_and_a_thread_its_prompt(engine: Engine) -> None:
    team = make_team(engine, channel_id="C0NOORD")
    slot = sent_slot(engine, team, TUESDAY)
    assert team.id is not None and slot.id is not None
    with read_connection(engine) as connection:
        found = teams.team_ref_by_channel(connection=connection, channel_id="C0NOORD")
        other = teams.team_ref_by_channel(connection=connection, channel_id="C0ZUID")
        parent = prompts.slot_ref_for_message(
            connection=connection, channel_id="C0NOORD", message_ts=PROMPT_TS
        )
        elsewhere = prompts.slot_ref_for_message(
            connection=connection, channel_id="C0ZUID", message_ts=PROMPT_TS
        )
    assert found == (team.id, team.name) and other is None
    assert parent == (slot.id, team.id, "C0NOORD") and elsewhere is None


def test_a_reply_is_stored_with_its_knelpunten_and_an_edit_replaces_them(engine: Engine) -> None:
    team = make_team(engine, channel_id="C0NOORD")
    slot = sent_slot(engine, team, TUESDAY)
    with session_scope(engine) as session:
        ref = prompts.slot_ref_for_message(
            connection=session.connection(), channel_id="C0NOORD", message_ts=PROMPT_TS
        )
        assert ref is not None
        assert (
            answers.answer_for_message(session=session, channel_id="C0NOORD", message_ts="1.1")
            is None
        )
        links = [
            KnelpuntLink("specialistische-expertise", 0.9),
            KnelpuntLink("tijd-voor-reflectie", 0.4, confident=False),
        ]
        stored = answers.record_thread_answer(
            session=session, slot=ref, user_id="U0LID", text="eerst", message_ts="1.1",
            knelpunten=links, existing=None,
        )  # fmt: skip
    assert _rows(engine, LINKS) == [
        (stored.id, "specialistische-expertise", 0.9, True),
        (stored.id, "tijd-voor-reflectie", 0.4, False),
    ]
    with session_scope(engine) as session:
        existing = answers.answer_for_message(
            session=session, channel_id="C0NOORD", message_ts="1.1"
        )
        assert existing is not None and existing.id == stored.id and existing.text == "eerst"
        answers.record_thread_answer(
            session=session, slot=ref, user_id="U0LID", text="later", message_ts="1.1",
            knelpunten=["mandaat-en-taakafbakening"],
        )  # fmt: skip
    assert _rows(engine, "SELECT id, slot_id, team_id, user_id, text, channel_id FROM answer") == [
        (stored.id, slot.id, team.id, "U0LID", "later", "C0NOORD")
    ]
    assert _rows(engine, LINKS) == [(stored.id, "mandaat-en-taakafbakening", None, True)]


def test_a_new_signal_gets_its_links_and_counts_for_its_author_only(engine: Engine) -> None:
    team = make_team(engine, channel_id="C0NOORD")
    assert team.id is not None
    with session_scope(engine) as session:
        for n, user in enumerate(("U0A", "U0A", "U0B")):
            casus.record_signal(
                session=session, team_id=team.id, user_id=user, text=f"signaal {n}",
                knelpunten=[KnelpuntLink("specialistische-expertise", 0.8)],
                created_at=MOMENT + timedelta(minutes=n),
            )  # fmt: skip
    with session_scope(engine) as session:
        count = casus.count_signals_since
        assert count(session=session, user_id="U0A", since=MOMENT) == 2
        assert count(session=session, user_id="U0A", since=MOMENT + timedelta(seconds=1)) == 1
        assert count(session=session, user_id="U0B", since=MOMENT) == 1
        assert count(session=session, user_id="U0C", since=MOMENT) == 0
    assert _rows(engine, "SELECT COUNT(*), COUNT(DISTINCT signal_id) FROM signal_knelpunt") == [
        (3, 3)
    ]


def test_a_read_connection_blocks_no_writer(sqlite_url: str) -> None:
    engine = create_db_engine(sqlite_url)
    upgrade_to_head(engine)
    make_team(engine, channel_id="C0NOORD")
    with read_connection(engine) as connection:
        assert teams.team_ref_by_channel(connection=connection, channel_id="C0NOORD") is not None
        started = time.monotonic()
        with session_scope(engine) as writing:  # would wait 2 s behind BEGIN IMMEDIATE
            teams.create_team(
                session=writing, channel_id="C0ZUID", name="Zuid", leader_id=None, now=LINKED_SINCE
            )
        assert time.monotonic() - started < 1
    engine.dispose()
