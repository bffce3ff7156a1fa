"""Posting prompts exactly once, against the fake Slack over real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

from bot.posting import PromptPoster
from storage import prompts, teams
from storage.engine import session_scope
from storage.models import PromptSlot
from tests.conftest import Workspace, make_team

pytestmark = pytest.mark.usefixtures("no_jitter")

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=AMS).astimezone(UTC)


def posts(workspace: Workspace, channel: str = "C0NOORD") -> list[dict]:
    return [
        call.args
        for call in workspace.fake.calls("chat.postMessage")
        if call.args.get("channel") == channel and not call.fault
    ]


def post_a_prompt_with_reminder(poster: PromptPoster, engine: Engine) -> None:
    """Team Noord (reminders on) gets its Tuesday prompt."""
    make_team(engine, channel_id="C0NOORD", reminder_enabled=True)
    [posted] = poster.post_due_prompts(TUESDAY_9)
    assert posted.outcome == "posted"


def test_due_prompt_is_posted_once_with_theme_question_why_and_button(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    results = poster.post_due_prompts(TUESDAY_9)
    assert [r.outcome for r in results] == ["posted"]
    again = poster.post_due_prompts(TUESDAY_9 + timedelta(minutes=5))
    assert again == []
    [message] = posts(workspace)
    blocks = message["blocks"]
    assert blocks[0]["type"] == "header" and "Reflectievraag" in blocks[0]["text"]["text"]
    assert any("Waarom deze vraag" in str(block) for block in blocks)
    buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert buttons[0]["text"]["text"] == "Privé beantwoorden"
    assert message["metadata"]["event_type"] == "reflectiebot_prompt"


def test_nothing_is_posted_before_time_or_for_a_paused_team(
    poster: PromptPoster, sqlite_engine: Engine, workspace: Workspace
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD", paused=True)
    assert poster.post_due_prompts(TUESDAY_9) == []
    make_team(sqlite_engine, channel_id="C0ZUID")
    assert poster.post_due_prompts(TUESDAY_9 - timedelta(minutes=1)) == []
    assert posts(workspace, "C0NOORD") == []


def test_themes_rotate_and_no_prompt_repeats_before_the_pool_is_used_up(
    poster: PromptPoster, sqlite_engine: Engine, workspace: Workspace
) -> None:
    team = make_team(sqlite_engine, channel_id="C0NOORD", skip_holidays=False)
    library = poster.library
    themes_of_team = teams.team_themes(team)
    weeks = len(themes_of_team) * max(len(library.for_theme(t)) for t in themes_of_team) + 3
    now = TUESDAY_9
    for _ in range(weeks):
        assert [r.outcome for r in poster.post_due_prompts(now)] == ["posted"]
        now += timedelta(weeks=1)
    with session_scope(sqlite_engine) as session:
        assert team.id is not None
        history = prompts.prompt_history(session=session, team_id=team.id)
    themes = [theme for _, theme in history]
    assert themes[:6] == ["leercultuur", "casuistiek", "doorverwijzing"] * 2
    for theme in teams.team_themes(team):
        pool = len(library.for_theme(theme))
        of_theme = [prompt_id for prompt_id, t in history if t == theme]
        assert len(of_theme) > pool  # the test ran past the end of every pool
        assert len(set(of_theme[:pool])) == pool  # every prompt once before any repeats


def test_restart_after_recording_but_before_posting_posts_once(
    poster: PromptPoster, sqlite_engine: Engine, workspace: Workspace
) -> None:
    team = make_team(sqlite_engine, channel_id="C0NOORD")
    slot_id = poster.record_next_slot(team, slot_key="2026-11-24", kind="schema", now=TUESDAY_9)
    assert slot_id is not None
    with session_scope(sqlite_engine) as session:  # claimed, then the process died
        assert prompts.claim_slot(session=session, slot_id=slot_id, now=TUESDAY_9)
    # still claimed: another process keeps its hands off
    assert poster.retry_unfinished(TUESDAY_9 + timedelta(seconds=30))[0].outcome == "busy"
    assert posts(workspace) == []
    results = poster.retry_unfinished(TUESDAY_9 + timedelta(minutes=3))
    assert [r.outcome for r in results] == ["posted"]
    assert len(posts(workspace)) == 1
    assert workspace.fake.calls("conversations.history")  # it looked before posting


def test_slack_accepted_but_the_answer_was_lost_is_recovered_not_reposted(
    poster: PromptPoster, sqlite_engine: Engine, workspace: Workspace
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    workspace.fake.drop_answer("chat.postMessage")  # Slack posts, the answer never arrives
    [first] = poster.post_due_prompts(TUESDAY_9)
    assert first.outcome == "unknown"
    assert poster.post_due_prompts(TUESDAY_9 + timedelta(minutes=1)) == []
    [recovered] = poster.retry_unfinished(TUESDAY_9 + timedelta(minutes=5))
    assert recovered.outcome == "recovered"
    assert len(workspace.fake.messages("C0NOORD")) == 1
    with session_scope(sqlite_engine) as session:
        slot = session.exec(select(PromptSlot)).one()
    assert slot.status == "sent" and slot.message_ts


def test_rate_limit_is_honoured_and_the_prompt_lands_once(
    poster: PromptPoster, sqlite_engine: Engine, workspace: Workspace
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    workspace.fake.rate_limit("chat.postMessage", retry_after=1, times=1)
    [result] = poster.post_due_prompts(TUESDAY_9)
    assert result.outcome == "posted"
    attempts = workspace.fake.calls("chat.postMessage")
    assert len(attempts) == 2 and attempts[0].fault
    assert len(workspace.fake.messages("C0NOORD")) == 1


def test_slack_refusing_for_a_while_delays_but_never_drops(
    poster: PromptPoster, sqlite_engine: Engine, workspace: Workspace
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    workspace.fake.rate_limit("chat.postMessage", retry_after=0, times=6)
    [result] = poster.post_due_prompts(TUESDAY_9)
    assert result.outcome == "retry"
    assert workspace.fake.messages("C0NOORD") == []
    later = poster.retry_unfinished(TUESDAY_9 + timedelta(minutes=1))
    later += poster.retry_unfinished(TUESDAY_9 + timedelta(minutes=2))
    later += poster.retry_unfinished(TUESDAY_9 + timedelta(minutes=3))
    assert "posted" in [r.outcome for r in later]
    assert len(workspace.fake.messages("C0NOORD")) == 1


def test_gone_channel_flags_the_team_and_tells_each_teamleider_once(
    poster: PromptPoster, sqlite_engine: Engine, workspace: Workspace
) -> None:
    make_team(sqlite_engine, channel_id="C0WEG", leaders=("U0LEIDER", "U0FATIMA"))
    make_team(sqlite_engine, channel_id="C0NOORD")
    workspace.fake.fail("chat.postMessage", error="channel_not_found", times=1)
    outcomes = sorted(r.outcome for r in poster.post_due_prompts(TUESDAY_9))
    assert outcomes == ["failed", "posted"]  # the other team carries on
    dms = [c for c in workspace.fake.calls("conversations.open")]
    assert sorted(c.args["users"] for c in dms) == ["U0FATIMA", "U0LEIDER"]
    with session_scope(sqlite_engine) as session:
        gone = teams.get_team_by_channel(session=session, channel_id="C0WEG")
        assert gone is not None and gone.attention_reason == "channel_not_found"
    # next week it fails again, but the teamleiders are not told twice
    workspace.fake.fail("chat.postMessage", error="channel_not_found", times=1)
    poster.post_due_prompts(TUESDAY_9 + timedelta(weeks=1))
    assert len(workspace.fake.calls("conversations.open")) == 2


def test_reminder_comes_once_two_working_days_later_naming_nobody(
    poster: PromptPoster, sqlite_engine: Engine, workspace: Workspace
) -> None:
    post_a_prompt_with_reminder(poster, sqlite_engine)
    assert poster.send_due_reminders(TUESDAY_9 + timedelta(days=1)) == 0
    assert poster.send_due_reminders(TUESDAY_9 + timedelta(days=2)) == 1
    assert poster.send_due_reminders(TUESDAY_9 + timedelta(days=3)) == 0
    prompt_message, reminder = workspace.fake.messages("C0NOORD")
    assert reminder["thread_ts"] == prompt_message["ts"]
    assert "<@" not in reminder["text"]
    assert "Er zijn al" not in reminder["text"]  # no count below the minimum group size


def test_a_reminder_refused_by_the_rate_limit_waits_its_turn_and_lands_once(
    poster: PromptPoster, sqlite_engine: Engine, workspace: Workspace
) -> None:
    post_a_prompt_with_reminder(poster, sqlite_engine)
    workspace.fake.rate_limit("chat.postMessage", retry_after=1, times=1)
    assert poster.send_due_reminders(TUESDAY_9 + timedelta(days=2)) == 1
    prompt_message, reminder = workspace.fake.messages("C0NOORD")
    assert reminder["thread_ts"] == prompt_message["ts"]
    assert poster.send_due_reminders(TUESDAY_9 + timedelta(days=3)) == 0
    assert len(workspace.fake.messages("C0NOORD")) == 2


def test_a_reminder_whose_answer_was_lost_is_not_posted_twice(
    poster: PromptPoster, sqlite_engine: Engine, workspace: Workspace
) -> None:
    post_a_prompt_with_reminder(poster, sqlite_engine)
    workspace.fake.drop_answer("chat.postMessage", times=1)  # Slack posted; the answer is lost
    poster.send_due_reminders(TUESDAY_9 + timedelta(days=2))
    poster.send_due_reminders(TUESDAY_9 + timedelta(days=3))
    assert len(workspace.fake.messages("C0NOORD")) == 2  # the prompt and one reminder


def test_extra_prompt_is_posted_at_most_once_a_day(
    poster: PromptPoster, sqlite_engine: Engine, workspace: Workspace
) -> None:
    team = make_team(sqlite_engine, channel_id="C0NOORD")
    assert poster.post_extra_prompt(team, TUESDAY_9).outcome == "posted"
    assert poster.post_extra_prompt(team, TUESDAY_9 + timedelta(hours=1)).outcome == "exists"
    assert poster.post_extra_prompt(team, TUESDAY_9 + timedelta(days=1)).outcome == "posted"
    with session_scope(sqlite_engine) as session:
        count = session.execute(select(func.count()).select_from(PromptSlot)).scalar()
    assert count == 2


def test_the_reminders_count_tells_nothing_about_anonymous_answers(
    poster: PromptPoster, sqlite_engine: Engine, workspace: Workspace
) -> None:
    """Finding 1: a number posted mid-week must not show that an anonymous answer came in."""
    from storage import answers, prompts

    post_a_prompt_with_reminder(poster, sqlite_engine)
    with session_scope(sqlite_engine) as session:
        slot = prompts.latest_sent_slot(session=session, team_id=1)
        assert slot is not None
        for user in ("U0A", "U0B", None, None):
            answers.record_modal_answer(session=session, slot=slot, user_id=user, text="Antwoord",
                                        quotable=False)  # fmt: skip
    assert poster.send_due_reminders(TUESDAY_9 + timedelta(days=2)) == 1
    _, reminder = workspace.fake.messages("C0NOORD")
    assert "Er zijn al" not in reminder["text"]  # two named answers: below the floor
