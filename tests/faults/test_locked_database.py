"""Another process holds SQLite's write lock for a while: a user's write waits and succeeds; held
longer than the busy timeout, the user is told to try again and nothing is half-written."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, event, text

from bot import ids
from bot.posting import PromptPoster
from storage.engine import SQLITE_BUSY_TIMEOUT_MS, create_db_engine, sqlite_path
from storage.migrate import upgrade_to_head
from tests.conftest import Workspace, make_team
from tests.helpers.payloads import message_event, view_submission

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=AMS).astimezone(UTC)
HOLD = 1.5  # seconds another writer holds the lock: shorter than the busy timeout
SHORT_BUSY_TIMEOUT_MS = 600  # for the "held too long" stories, so they need not wait 5 s
UNTIL_RELEASED = 30.0  # seconds: "too long" is held until the story has seen the outcome, so a
# slow machine cannot make the lock free again before the app tries to write
SLACK_ACK_DEADLINE = 3.0  # Slack shows its own error when a request is not answered in time
ANSWER_TEXT = "We hadden deze week geen tijd voor intervisie, dat knelt."
SIGNAL_TEXT = "Wachtlijst schuldhulp is weer 14 weken"


@pytest.fixture
def busy_timeout_ms() -> int:
    """The app's busy timeout; stories about a lock held too long lower it."""
    return SQLITE_BUSY_TIMEOUT_MS


@pytest.fixture
def sqlite_engine(sqlite_url: str, busy_timeout_ms: int) -> Iterator[Engine]:
    """The app's own engine; with a lower busy timeout set after the app's pragmas when asked."""
    engine = create_db_engine(sqlite_url)
    if busy_timeout_ms != SQLITE_BUSY_TIMEOUT_MS:

        def lower_busy_timeout(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")

        event.listen(engine, "connect", lower_busy_timeout)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


class OtherWriter:
    """A separate connection (as another process would have) holding the write lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread: threading.Thread | None = None
        self._let_go = threading.Event()

    def hold(self, seconds: float = UNTIL_RELEASED) -> OtherWriter:
        """Take the write lock now; commit and let go after `seconds` or at `release()`."""
        connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA busy_timeout=5000")
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("SELECT count(*) FROM team").fetchone()

        def finish() -> None:
            self._let_go.wait(seconds)
            connection.execute("COMMIT")
            connection.close()

        self._thread = threading.Thread(target=finish, daemon=True)
        self._thread.start()
        return self

    def release(self) -> None:
        """Let go now (the story has seen what it needed); wait until the lock is free."""
        self._let_go.set()
        self.join()

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join(timeout=30)


@pytest.fixture
def other_writer(sqlite_url: str, sqlite_engine: Engine) -> Iterator[OtherWriter]:
    path = sqlite_path(sqlite_url)
    assert path is not None
    writer = OtherWriter(path)
    yield writer
    writer.join()


def count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)


def posted_prompt(poster: PromptPoster, engine: Engine) -> tuple[int, str]:
    make_team(engine, channel_id="C0NOORD")
    [result] = poster.post_due_prompts(TUESDAY_9)
    assert result.outcome == "posted"
    with engine.connect() as connection:
        slot_id, ts = connection.execute(text("SELECT id, message_ts FROM prompt_slot")).one()
    return int(slot_id), str(ts)


def modal_answer(slot_id: int) -> dict[str, Any]:
    values = {
        ids.ANSWER_BLOCK: {ids.ANSWER_INPUT: {"type": "plain_text_input", "value": ANSWER_TEXT}},
        ids.OPTIONS_BLOCK: {ids.OPTIONS_INPUT: {"type": "checkboxes", "selected_options": []}},
        ids.KNELPUNTEN_BLOCK: {
            ids.KNELPUNTEN_INPUT: {
                "type": "multi_static_select",
                "selected_options": [{"value": "tijd-voor-reflectie"}],
            }
        },
    }
    return view_submission(
        ids.ANSWER_MODAL_CALLBACK, values, user_id="U0LID", private_metadata=str(slot_id)
    )


def reply_event(parent: str, n: int = 1) -> dict[str, Any]:
    return message_event(
        channel="C0NOORD", user="U0LID", text=ANSWER_TEXT, ts=f"1763974800.00{n}200",
        thread_ts=parent,
    )  # fmt: skip


# --- held for two seconds: the write waits and succeeds -----------------------------------------


def test_a_modal_answer_sent_while_the_database_is_busy_for_two_seconds_waits_and_is_stored(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine, other_writer: OtherWriter
) -> None:
    slot_id, _ = posted_prompt(poster, sqlite_engine)
    other_writer.hold(HOLD)
    started = time.monotonic()
    status, body = workspace.submit_view(modal_answer(slot_id))
    took = time.monotonic() - started
    assert status == 200
    assert json.loads(body)["response_action"] == "update"
    assert HOLD - 0.5 <= took < SLACK_ACK_DEADLINE, f"answered after {took:.2f}s"
    assert count(sqlite_engine, "answer") == 1
    assert count(sqlite_engine, "answer_knelpunt") == 1


def test_a_thread_reply_during_two_busy_seconds_is_acknowledged_at_once_and_stored_after(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine, other_writer: OtherWriter
) -> None:
    _, parent = posted_prompt(poster, sqlite_engine)
    other_writer.hold(HOLD)
    started = time.monotonic()
    assert workspace.event(reply_event(parent), event_id="Ev0DRUK1") == 200
    assert time.monotonic() - started < 1.0  # Slack hears back at once; the write waits
    workspace.fake.wait_for("reactions.add", timeout=8)
    assert time.monotonic() - started >= HOLD - 0.5  # stored only once the lock was free
    assert count(sqlite_engine, "answer") == 1


def test_knelpunt_sent_while_the_database_is_busy_for_two_seconds_waits_and_is_stored(
    workspace: Workspace, sqlite_engine: Engine, other_writer: OtherWriter
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    other_writer.hold(HOLD)
    reply = workspace.command("/knelpunt", SIGNAL_TEXT, user="U0LID")
    assert "opnieuw" not in reply["text"]
    assert "Wachtlijsten in de tweede lijn" in reply["text"]
    assert count(sqlite_engine, "knelpunt_signal") == 1


# --- held longer than the busy timeout: "probeer het zo opnieuw", nothing half-written --------


@pytest.mark.parametrize("busy_timeout_ms", [SHORT_BUSY_TIMEOUT_MS])
def test_a_modal_answer_blocked_too_long_asks_to_try_again_and_stores_nothing(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine, other_writer: OtherWriter
) -> None:
    slot_id, _ = posted_prompt(poster, sqlite_engine)
    other_writer.hold()
    status, body = workspace.submit_view(modal_answer(slot_id))
    other_writer.release()
    assert status == 200
    answer = json.loads(body)
    assert answer["response_action"] == "errors"
    assert "probeer het zo opnieuw" in answer["errors"][ids.ANSWER_BLOCK].lower()
    assert count(sqlite_engine, "answer") == 0
    assert count(sqlite_engine, "answer_knelpunt") == 0
    # the user does as asked, and it is stored once
    status, body = workspace.submit_view(modal_answer(slot_id))
    assert json.loads(body)["response_action"] == "update"
    assert count(sqlite_engine, "answer") == 1


@pytest.mark.parametrize("busy_timeout_ms", [SHORT_BUSY_TIMEOUT_MS])
def test_knelpunt_blocked_too_long_asks_to_try_again_gives_the_text_back_and_stores_nothing(
    workspace: Workspace, sqlite_engine: Engine, other_writer: OtherWriter
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    other_writer.hold()
    reply = workspace.command("/knelpunt", SIGNAL_TEXT, user="U0LID")
    other_writer.release()
    assert "probeer het zo opnieuw" in reply["text"].lower()
    assert SIGNAL_TEXT in json.dumps(reply["blocks"], ensure_ascii=False)  # nothing lost
    assert count(sqlite_engine, "knelpunt_signal") == 0
    assert count(sqlite_engine, "signal_knelpunt") == 0
    again = workspace.command("/knelpunt", SIGNAL_TEXT, user="U0LID")
    assert "opnieuw" not in again["text"]
    assert count(sqlite_engine, "knelpunt_signal") == 1


@pytest.mark.parametrize("busy_timeout_ms", [SHORT_BUSY_TIMEOUT_MS])
def test_a_thread_reply_blocked_too_long_leaves_nothing_half_written(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine, other_writer: OtherWriter
) -> None:
    _, parent = posted_prompt(poster, sqlite_engine)
    other_writer.hold()
    assert workspace.event(reply_event(parent), event_id="Ev0DRUK2") == 200
    workspace.fake.wait_for("chat.postEphemeral", timeout=10)  # the write has given up
    other_writer.release()
    assert count(sqlite_engine, "answer") == 0
    assert count(sqlite_engine, "answer_knelpunt") == 0
    # the event id was not marked as handled, so a redelivery of it would still be stored
    assert count(sqlite_engine, "processed_event") == 0
    assert workspace.event(reply_event(parent), event_id="Ev0DRUK2", retry_num=1) == 200
    workspace.fake.wait_for("reactions.add")
    assert count(sqlite_engine, "answer") == 1


@pytest.mark.parametrize("busy_timeout_ms", [SHORT_BUSY_TIMEOUT_MS])
def test_a_thread_reply_blocked_too_long_tells_the_user_to_try_again(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine, other_writer: OtherWriter
) -> None:
    _, parent = posted_prompt(poster, sqlite_engine)
    other_writer.hold()
    assert workspace.event(reply_event(parent), event_id="Ev0DRUK3") == 200
    [note] = workspace.fake.wait_for("chat.postEphemeral", timeout=10)
    other_writer.release()
    assert note.args["user"] == "U0LID"
    assert "opnieuw" in note.args["text"].lower()


def test_a_modal_answer_blocked_past_the_busy_timeout_hears_try_again_within_slacks_deadline(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine, other_writer: OtherWriter
) -> None:
    slot_id, _ = posted_prompt(poster, sqlite_engine)
    other_writer.hold()
    started = time.monotonic()
    status, body = workspace.submit_view(modal_answer(slot_id))
    took = time.monotonic() - started
    other_writer.release()
    assert count(sqlite_engine, "answer") == 0
    assert status == 200
    assert json.loads(body)["response_action"] == "errors"
    assert took < SLACK_ACK_DEADLINE, f"Slack gave up after 3 s; the app answered after {took:.1f}s"
