"""Posting under Slack's 429s through the shared pacer, over HTTP to the fake Slack."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, text

from bot.app import build_web_client
from bot.posting import PromptPoster
from bot.settings import Settings
from bot.slack_ops import pacer_for, posting_client
from tests.conftest import make_team
from tests.fakes.slack_api import FakeSlack

TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(UTC)


def wait_for_hold(read: Callable[[], float]) -> float:
    """Wait until a refusal has reached the pacer; the clock value its hold lasts until."""
    deadline = time.monotonic() + 10
    while read() == 0.0:
        assert time.monotonic() < deadline, "the 429 never reached the pacer"
        time.sleep(0.01)
    return read()


def test_one_channels_429_holds_that_channel_not_the_others(
    fake_slack: FakeSlack, settings: Settings
) -> None:
    client = build_web_client(settings)
    pacer = pacer_for(client)
    fake_slack.rate_limit("chat.postMessage", retry_after=5, times=1)
    first = threading.Thread(
        target=lambda: posting_client(client).chat_postMessage(channel="C0NOORD", text="a")
    )
    first.start()
    hold = wait_for_hold(lambda: pacer.channel_hold_until("C0NOORD"))

    posting_client(client).chat_postMessage(channel="C0ZUID", text="b")  # a channel of its own
    done = time.monotonic()
    first.join(timeout=15)

    assert done < hold  # it did not wait for another channel's Retry-After
    assert pacer.hold_until == 0.0  # nor did the workspace
    assert len(fake_slack.messages("C0NOORD")) == 1 and len(fake_slack.messages("C0ZUID")) == 1


def test_two_channels_refused_make_every_poster_of_the_workspace_wait(
    fake_slack: FakeSlack, settings: Settings
) -> None:
    client = build_web_client(settings)
    pacer = pacer_for(client)
    fake_slack.rate_limit("chat.postMessage", retry_after=2, times=2)
    threads = [
        threading.Thread(
            target=lambda c=channel: posting_client(client).chat_postMessage(channel=c, text="x")
        )
        for channel in ("C0NOORD", "C0ZUID")
    ]
    threads[0].start()
    wait_for_hold(lambda: pacer.channel_hold_until("C0NOORD"))
    threads[1].start()
    hold = wait_for_hold(lambda: pacer.hold_until)  # the second channel's refusal: the workspace

    posting_client(client).chat_postMessage(channel="C0WEST", text="c")  # never refused itself
    done = time.monotonic()
    for thread in threads:
        thread.join(timeout=15)

    assert done >= hold  # it waited for the Retry-After that other channels were given
    faults = [(c.args["channel"], c.fault) for c in fake_slack.calls("chat.postMessage")]
    assert sorted(faults, key=str) == sorted(
        [("C0NOORD", "ratelimited"), ("C0ZUID", "ratelimited"), ("C0NOORD", None),
         ("C0ZUID", None), ("C0WEST", None)], key=str,
    )  # fmt: skip
    assert all(len(fake_slack.messages(c)) == 1 for c in ("C0NOORD", "C0ZUID", "C0WEST"))


def test_threads_posting_past_the_workspace_limit_are_spread_instead_of_refused_again(
    fake_slack: FakeSlack, settings: Settings
) -> None:
    posts, threads = 40, 8
    fake_slack.limit_posts(per_second=20, burst=5)
    client = build_web_client(settings)

    def post(n: int) -> str:
        channel = f"C0PACE{n:02d}"  # a fan-out: one post to each team's channel
        response = posting_client(client).chat_postMessage(channel=channel, text=f"post {n}")
        return str(response["ts"])

    with ThreadPoolExecutor(max_workers=threads) as pool:
        stamps = list(pool.map(post, range(posts)))

    assert len(set(stamps)) == posts
    for n in range(posts):  # each once, none lost
        assert [m["text"] for m in fake_slack.messages(f"C0PACE{n:02d}")] == [f"post {n}"]
    # Threads that each sleep on their own Retry-After burst again after every pause: 18-20
    # refusals for these 40 posts in runs of the code before the pacer; with it 5-7.
    assert fake_slack.posts_refused <= 12, fake_slack.posts_refused
    rate = pacer_for(client).rate
    assert rate is not None and rate < 20 * 2  # it learned a pace near the limit


def test_many_teams_due_at_once_under_a_small_workspace_limit_are_each_posted_once(
    fake_slack: FakeSlack, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    teams = 30
    channels = [f"C0PACE{n:02d}" for n in range(teams)]
    team_ids = []
    for n, channel in enumerate(channels):
        fake_slack.add_channel(channel, name=f"wijkteam-{n}", is_member=True)
        team = make_team(sqlite_engine, channel_id=channel, name=f"Wijkteam {n}")
        team_ids.append(team.id)
    fake_slack.limit_posts(per_second=10, burst=3)

    with ThreadPoolExecutor(max_workers=10) as pool:  # as APScheduler runs the 09:00 jobs
        batches = list(
            pool.map(lambda team_id: poster.post_due_prompts(TUESDAY_9, team_id=team_id), team_ids)
        )

    outcomes = [result.outcome for batch in batches for result in batch]
    assert outcomes == ["posted"] * teams  # none left waiting for a housekeeping round
    assert fake_slack.posts_refused > 0  # the limit really refused posts
    for channel in channels:
        prompts = [
            m
            for m in fake_slack.messages(channel)
            if (m.get("metadata") or {}).get("event_type") == "reflectiebot_prompt"
        ]
        assert len(prompts) == 1, channel
    with sqlite_engine.connect() as connection:
        statuses = connection.execute(text("SELECT status FROM prompt_slot")).scalars().all()
    assert statuses == ["sent"] * teams


def test_a_prompt_that_cannot_get_a_turn_in_time_is_released_for_later_not_posted_late(
    fake_slack: FakeSlack, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    pacer = pacer_for(poster.client)
    pacer.refused(pacer.acquire(), retry_after=100)  # Slack told another poster: 100 s

    [result] = poster.post_due_prompts(TUESDAY_9)

    assert result.outcome == "retry"  # back to pending: the next round posts it
    assert fake_slack.calls("chat.postMessage") == []
    with sqlite_engine.connect() as connection:
        status = connection.execute(text("SELECT status FROM prompt_slot")).scalar_one()
    assert status == "pending"  # not left claimed while its claim would go stale
