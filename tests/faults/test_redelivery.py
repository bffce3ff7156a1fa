"""Slack redelivers every event three times (retry numbers 1-3), in any order: each thread reply
under a prompt is stored once and gets one reaction."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, text

from bot.posting import PromptPoster
from tests.conftest import Workspace, make_team
from tests.helpers.payloads import message_event

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=AMS).astimezone(UTC)
REPLIES = 8
LETTERS = "abcdefghijkl"  # digits in a reply can look like a house number to the privacy guard


def posted_prompts(poster: PromptPoster, engine: Engine) -> dict[str, str]:
    """Prompts posted in two team channels; channel → message ts."""
    make_team(engine, channel_id="C0NOORD")
    make_team(engine, channel_id="C0ZUID", name="Wijkteam Zuid", leaders=("U0ZUID",))
    assert [r.outcome for r in poster.post_due_prompts(TUESDAY_9)] == ["posted", "posted"]
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT channel_id, message_ts FROM prompt_slot")).all()
    return {str(channel): str(ts) for channel, ts in rows}


def answers_by_message(engine: Engine) -> list[tuple[str, str, str]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT channel_id, message_ts, text FROM answer ORDER BY channel_id, message_ts")
        ).all()
    return [(str(c), str(ts), str(t)) for c, ts, t in rows]


def replies(parents: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    """(event id, event) for REPLIES replies by different people, spread over both threads."""
    made = []
    for n in range(REPLIES):
        channel = "C0NOORD" if n % 2 == 0 else "C0ZUID"
        event = message_event(
            channel=channel,
            user=f"U0LID{n:02d}",
            text=f"Reflectie {LETTERS[n].upper()}{LETTERS[n] * 2}: we leren van elkaars twijfels.",
            ts=f"1763974800.{n + 1:06d}",
            thread_ts=parents[channel],
        )
        made.append((f"Ev0REDEL{n:04d}", event))
    return made


@pytest.mark.parametrize("seed", [2026])
def test_every_event_delivered_four_times_in_random_order_stores_each_answer_once(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine, seed: int
) -> None:
    parents = posted_prompts(poster, sqlite_engine)
    made = replies(parents)
    deliveries = [(event_id, event, retry) for event_id, event in made for retry in (None, 1, 2, 3)]
    random.Random(seed).shuffle(deliveries)
    # Slack does not wait for one delivery before the next: four at a time, as it comes.
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(
            pool.map(
                lambda d: workspace.event(d[1], event_id=d[0], retry_num=d[2]),
                deliveries,
            )
        )
    assert statuses == [200] * len(deliveries)
    workspace.fake.wait_for("reactions.add", count=REPLIES, timeout=10)
    workspace.settle(0.3)  # let any late duplicate finish, to see that it stored nothing
    stored = answers_by_message(sqlite_engine)
    expected = sorted((e["channel"], e["ts"], e["text"]) for _, e in made)
    assert stored == expected
    reactions = [
        (c.args["channel"], c.args["timestamp"]) for c in workspace.fake.calls("reactions.add")
    ]
    assert sorted(reactions) == sorted((e["channel"], e["ts"]) for _, e in made)
    with sqlite_engine.connect() as connection:
        handled = connection.execute(text("SELECT count(*) FROM processed_event")).scalar()
    assert handled == REPLIES


def test_a_redelivery_arriving_after_the_answer_was_edited_does_not_undo_the_edit(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    from tests.helpers.payloads import message_changed_event

    parents = posted_prompts(poster, sqlite_engine)
    ts = "1763974800.000900"
    original = message_event(
        channel="C0NOORD", user="U0LID", text="Eerste versie", ts=ts, thread_ts=parents["C0NOORD"]
    )
    edit = message_changed_event(
        channel="C0NOORD", user="U0LID", text="Tweede versie, beter", ts=ts,
        thread_ts=parents["C0NOORD"],
    )  # fmt: skip
    assert workspace.event(original, event_id="Ev0ORIG") == 200
    workspace.fake.wait_for("reactions.add")
    assert workspace.event(edit, event_id="Ev0EDIT") == 200
    workspace.wait_until(lambda: answers_by_message(sqlite_engine)[0][2] == "Tweede versie, beter")
    for retry in (1, 2, 3):  # Slack's late retries of the original message
        assert workspace.event(original, event_id="Ev0ORIG", retry_num=retry) == 200
    workspace.settle(0.3)
    assert answers_by_message(sqlite_engine) == [("C0NOORD", ts, "Tweede versie, beter")]
    assert len(workspace.fake.calls("reactions.add")) == 1
