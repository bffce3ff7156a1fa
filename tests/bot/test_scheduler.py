"""The scheduler: one job per team, replaced on change, persisted, and never two schedulers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from bot.posting import PromptPoster
from bot.scheduler import HOUSEKEEPING_SECONDS, LeaseHeldError, PromptScheduler
from storage import prompts, teams
from storage.engine import session_scope
from storage.prompts import CLAIM_LEASE
from tests.conftest import Workspace, make_team

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=AMS).astimezone(UTC)


@pytest.fixture
def scheduler(sqlite_engine: Engine, poster: PromptPoster) -> Iterator[PromptScheduler]:
    """A scheduler whose jobs do not fire by themselves (time is the test's)."""
    scheduler = PromptScheduler(sqlite_engine, poster)
    yield scheduler
    scheduler.shutdown()


def test_each_active_team_gets_one_job_at_its_local_time(
    scheduler: PromptScheduler, sqlite_engine: Engine
) -> None:
    noord = make_team(sqlite_engine, channel_id="C0NOORD")
    make_team(sqlite_engine, channel_id="C0ZUID", paused=True)
    scheduler.start(paused=True, catch_up=False)
    assert [j for j in scheduler.job_ids() if j.startswith("prompt:")] == [f"prompt:{noord.id}"]
    job = scheduler.job(f"prompt:{noord.id}")
    fire = job.trigger.get_next_fire_time(None, datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    assert fire.astimezone(AMS).hour == 9 and fire.astimezone(AMS).minute == 0


def test_schedule_change_replaces_the_job_at_once(
    scheduler: PromptScheduler, sqlite_engine: Engine, workspace: Workspace, services: object
) -> None:
    from bot.services import Services

    assert isinstance(services, Services)
    workspace.command("/wijkteam", "koppel Wijkteam Noord")
    scheduler.start(paused=True, catch_up=False)
    services.on_team_changed = scheduler.sync_team_jobs
    reply = workspace.command("/wijkteam", "schema woensdag 14u30")
    assert "woensdag 14:30" in reply["text"]
    with session_scope(sqlite_engine) as session:
        team = teams.get_team_by_channel(session=session, channel_id="C0NOORD")
        assert team is not None
    workspace.wait_until(lambda: scheduler.job(f"prompt:{team.id}") is not None)
    workspace.wait_until(
        lambda: "hour='14', minute='30'" in str(scheduler.job(f"prompt:{team.id}").trigger)
    )
    paused = workspace.command("/wijkteam", "pauze")
    assert "pauze" in paused["text"]
    workspace.wait_until(lambda: scheduler.job(f"prompt:{team.id}") is None)


def test_jobs_survive_a_restart_in_the_database(
    sqlite_engine: Engine, poster: PromptPoster
) -> None:
    team = make_team(sqlite_engine, channel_id="C0NOORD")
    first = PromptScheduler(sqlite_engine, poster)
    first.start(paused=True, catch_up=False)
    first.shutdown()
    second = PromptScheduler(sqlite_engine, poster)
    try:
        second.start(paused=True, catch_up=False)
        assert f"prompt:{team.id}" in second.job_ids()
    finally:
        second.shutdown()


def test_a_second_scheduler_on_the_same_database_refuses_to_start(
    scheduler: PromptScheduler, sqlite_engine: Engine, poster: PromptPoster
) -> None:
    scheduler.start(paused=True, catch_up=False)
    second = PromptScheduler(sqlite_engine, poster)
    with pytest.raises(LeaseHeldError):
        second.start(paused=True, catch_up=False)
    assert not second.scheduler.running


def test_start_catches_up_on_a_prompt_missed_while_the_bot_was_down(
    sqlite_engine: Engine,
    poster: PromptPoster,
    workspace: Workspace,
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    eleven = datetime(2026, 11, 24, 11, 0, tzinfo=AMS).astimezone(UTC)
    scheduler = PromptScheduler(sqlite_engine, poster, clock=lambda: eleven)
    try:
        scheduler.start(paused=True)
    finally:
        scheduler.shutdown()
    assert len(workspace.fake.messages("C0NOORD")) == 1
    # and a second start the same morning posts nothing more
    again = PromptScheduler(sqlite_engine, poster, clock=lambda: eleven + timedelta(minutes=10))
    try:
        again.start(paused=True)
    finally:
        again.shutdown()
    assert len(workspace.fake.messages("C0NOORD")) == 1


def test_retention_runs_every_night_when_configured(
    sqlite_engine: Engine, poster: PromptPoster
) -> None:
    scheduler = PromptScheduler(sqlite_engine, poster, retention_days=365)
    try:
        scheduler.start(paused=True, catch_up=False)
        job = scheduler.job("purge")
        fire = job.trigger.get_next_fire_time(None, datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
        assert (fire.astimezone(AMS).hour, fire.astimezone(AMS).minute) == (3, 17)
        assert scheduler.purge().counts["antwoorden"] == 0
    finally:
        scheduler.shutdown()


def test_a_post_a_dead_process_left_claimed_goes_out_when_its_claim_goes_stale(
    sqlite_engine: Engine, poster: PromptPoster, workspace: Workspace
) -> None:
    """Killed while posting: the next planner takes the claim over the moment it goes stale,
    not at the next minute's housekeeping round (which would come after the test's patience)."""
    team = make_team(sqlite_engine, channel_id="C0NOORD")
    slot_id = poster.record_next_slot(team, slot_key="2026-11-24", kind="schema", now=TUESDAY_9)
    assert slot_id is not None
    with session_scope(sqlite_engine) as session:  # claimed, then the process died
        assert prompts.claim_slot(session=session, slot_id=slot_id, now=TUESDAY_9)
    started = time.monotonic()
    almost_stale = TUESDAY_9 + CLAIM_LEASE - timedelta(seconds=3)
    scheduler = PromptScheduler(
        sqlite_engine,
        poster,
        clock=lambda: almost_stale + timedelta(seconds=time.monotonic() - started),
    )
    try:
        scheduler.start()
        assert workspace.fake.messages("C0NOORD") == []  # still claimed at the start
        workspace.wait_until(lambda: len(workspace.fake.messages("C0NOORD")) == 1)
        assert time.monotonic() - started < HOUSEKEEPING_SECONDS
    finally:
        scheduler.shutdown()
    assert len(workspace.fake.messages("C0NOORD")) == 1
    assert workspace.fake.calls("conversations.history")  # it looked before posting
