"""Slack answers 500s, times out and rate-limits for a while: prompts are delayed, never lost
or doubled, and the acknowledgement of a user's request never waits for Slack's Web API."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from sqlalchemy import Engine, text

from bot.posting import PostResult, PromptPoster
from bot.services import Services
from bot.settings import Settings
from tests.conftest import BOT_TOKEN, SIGNING_SECRET, Workspace, make_team
from tests.fakes.slack_api import FakeSlack
from tests.helpers import payloads, signing

pytestmark = pytest.mark.usefixtures("no_jitter")

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=AMS).astimezone(UTC)
CLIENT_TIMEOUT = 0.3  # seconds; Slack's "timeouts" below last longer
SLOW_SLACK = 0.8
CHANNELS = ("C0NOORD", "C0ZUID", "C0OOST", "C0WEST", "C0MIDDEN", "C0HAVEN")


@pytest.fixture
def impatient_poster(services: Services, settings: Settings) -> PromptPoster:
    """A poster whose client gives up on Slack after CLIENT_TIMEOUT (the app's retry handlers)."""
    client = WebClient(
        token=BOT_TOKEN,
        base_url=settings.slack_api_url,
        timeout=CLIENT_TIMEOUT,  # type: ignore[arg-type]  # slack-sdk annotates it as int
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )
    return services.poster(client)


def prompts_in(fake: FakeSlack, channel: str) -> list[dict]:
    return [
        m
        for m in fake.messages(channel)
        if (m.get("metadata") or {}).get("event_type") == "reflectiebot_prompt"
    ]


def statuses(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [str(s) for (s,) in connection.execute(text("SELECT status FROM prompt_slot"))]


def slow_posts_finished(fake: FakeSlack, count: int) -> None:
    """Wait until Slack has finished the slow posts the client stopped waiting for."""
    deadline = time.monotonic() + 10
    while sum(c.fault == "delay" for c in fake.calls("chat.postMessage")) < count:
        assert time.monotonic() < deadline, "slow posts did not finish"
        time.sleep(0.02)


def test_an_outage_of_500s_timeouts_and_rate_limits_delays_each_prompt_but_it_lands_once(
    impatient_poster: PromptPoster, sqlite_engine: Engine, fake_slack: FakeSlack
) -> None:
    for channel in CHANNELS:
        make_team(sqlite_engine, channel_id=channel, name=f"Wijkteam {channel[3:].title()}")
    fake_slack.server_error("chat.postMessage", status=500, times=2)
    fake_slack.server_error("chat.postMessage", status=503, times=1)
    fake_slack.delay("chat.postMessage", SLOW_SLACK, times=2)  # Slack posts; we hear nothing
    fake_slack.rate_limit("chat.postMessage", retry_after=0, times=6)

    results: list[PostResult] = impatient_poster.post_due_prompts(TUESDAY_9)
    assert len(results) == len(CHANNELS)
    assert "unknown" in {r.outcome for r in results}  # the outage really hit
    now = TUESDAY_9
    for _ in range(6):
        if set(statuses(sqlite_engine)) == {"sent"}:
            break
        slow_posts_finished(fake_slack, 2)
        now += timedelta(minutes=3)  # past the claim lease: unknown outcomes are looked up
        results += impatient_poster.retry_unfinished(now)

    assert statuses(sqlite_engine) == ["sent"] * len(CHANNELS), results
    for channel in CHANNELS:
        assert len(prompts_in(fake_slack, channel)) == 1, channel
    outcomes = [r.outcome for r in results]
    assert outcomes.count("recovered") == 2  # the two slow posts were found, not reposted
    assert "failed" not in outcomes  # an outage is not a gone channel: nobody is alarmed
    assert fake_slack.calls("conversations.open") == []


def test_rate_limited_posts_wait_for_retry_after_and_land_once(
    poster: PromptPoster, sqlite_engine: Engine, fake_slack: FakeSlack
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    fake_slack.rate_limit("chat.postMessage", retry_after=0, times=2)
    fake_slack.rate_limit("chat.postMessage", retry_after=1, times=1)
    started = time.monotonic()
    [result] = poster.post_due_prompts(TUESDAY_9)
    assert result.outcome == "posted"
    assert time.monotonic() - started >= 0.9  # it waited as long as Slack asked
    faults = [c.fault for c in fake_slack.calls("chat.postMessage")]
    assert faults == ["ratelimited", "ratelimited", "ratelimited", None]
    assert len(prompts_in(fake_slack, "C0NOORD")) == 1


def test_a_lost_answer_is_not_reposted_while_slack_cannot_show_the_history_either(
    poster: PromptPoster, sqlite_engine: Engine, fake_slack: FakeSlack
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    fake_slack.drop_answer("chat.postMessage")  # Slack posts it, the answer is lost
    [first] = poster.post_due_prompts(TUESDAY_9)
    assert first.outcome == "unknown"
    fake_slack.server_error("conversations.history", times=3)  # the app's client retries 2x
    poster.retry_unfinished(TUESDAY_9 + timedelta(minutes=3))
    poster.retry_unfinished(TUESDAY_9 + timedelta(minutes=6))
    assert len(prompts_in(fake_slack, "C0NOORD")) == 1
    assert statuses(sqlite_engine) == ["sent"]


def test_a_slash_command_is_acknowledged_at_once_while_slack_posts_slowly(
    workspace: Workspace, sqlite_engine: Engine, fake_slack: FakeSlack
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD", leaders=("U0LEIDER",))
    fake_slack.delay("chat.postMessage", 1.2)
    response_url = fake_slack.response_url("nu")
    fields = payloads.slash_command(
        command="/reflectie", text="nu", user_id="U0LEIDER", response_url=response_url
    )
    started = time.monotonic()
    status, _headers, _body = signing.post_command(workspace.url, SIGNING_SECRET, **fields)
    acked_after = time.monotonic() - started
    assert status == 200
    assert acked_after < 1.0, f"the ack waited {acked_after:.2f}s for Slack"
    [answer] = fake_slack.wait_for("response_url", timeout=10)
    assert "staat in het kanaal" in answer.args["text"]
    assert len(prompts_in(fake_slack, "C0NOORD")) == 1


def test_thread_replies_are_acknowledged_at_once_while_slack_reacts_slowly(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine, fake_slack: FakeSlack
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    [posted] = poster.post_due_prompts(TUESDAY_9)
    assert posted.outcome == "posted"
    [parent] = fake_slack.messages("C0NOORD")
    fake_slack.delay("reactions.add", 1.2, times=3)
    for n in range(3):
        reply = payloads.message_event(
            channel="C0NOORD",
            user=f"U0LID{n}",
            text=f"Antwoord nummer {n}: we bespreken te weinig wat goed ging.",
            ts=f"1763974800.00{n}100",
            thread_ts=parent["ts"],
        )
        started = time.monotonic()
        assert workspace.event(reply, event_id=f"Ev0TRAAG{n}") == 200
        assert time.monotonic() - started < 1.0
    fake_slack.wait_for("reactions.add", count=3, timeout=10)
    with sqlite_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM answer")).scalar() == 3
