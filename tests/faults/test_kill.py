"""The process is killed (SIGKILL) in the middle of a fan-out and started again."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, text

from bot.app import build_web_client
from bot.clock import system_clock
from bot.services import Services
from bot.settings import Settings
from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head
from tests.bot.test_cli import env_for
from tests.conftest import make_team
from tests.fakes.slack_api import FakeSlack
from tests.helpers.cli import process_env, run_cli

TEAMS = 30
POSTS_BEFORE_KILL = 9
FAST_POST = 0.05  # seconds every post takes at the fake, so the fan-out is still busy
IN_FLIGHT = 1.0  # the post under way when the process dies: Slack takes it, nobody hears back


def channels() -> list[str]:
    return [f"C0KILL{n:03d}" for n in range(TEAMS)]


def slot_statuses(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT channel_id, status FROM prompt_slot")).all()
    return {str(channel): str(status) for channel, status in rows}


def wait_until_posting_next(engine: Engine, sent: int, timeout: float = 10.0) -> None:
    """Wait until `sent` slots are marked sent and the next one is claimed."""
    deadline = time.monotonic() + timeout
    while True:
        statuses = list(slot_statuses(engine).values())
        if statuses.count("sent") == sent and "posting" in statuses:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"fan-out did not reach post {sent + 1}: {statuses}")
        time.sleep(0.01)


def test_killed_in_the_middle_of_posting_to_thirty_teams_every_team_gets_its_prompt_once(
    fake_slack: FakeSlack, tmp_path: Path, settings: Settings
) -> None:
    env = env_for(fake_slack, tmp_path)
    engine = create_db_engine(env["DATABASE_URL"])
    upgrade_to_head(engine)
    try:
        for n, channel in enumerate(channels()):
            make_team(engine, channel_id=channel, name=f"Wijkteam {n}", leaders=(f"U0L{n:03d}",))

        fake_slack.delay("chat.postMessage", FAST_POST, times=POSTS_BEFORE_KILL)
        fake_slack.delay("chat.postMessage", IN_FLIGHT, times=1)
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "post-prompts"],
            cwd=tmp_path,
            env=process_env(env),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            fake_slack.wait_for("chat.postMessage", count=POSTS_BEFORE_KILL, timeout=20)
            wait_until_posting_next(engine, POSTS_BEFORE_KILL)  # the next one is claimed …
            time.sleep(0.3)  # … and has reached Slack, which holds it for IN_FLIGHT seconds
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL
        killed_at = time.monotonic()
        before = slot_statuses(engine)
        assert list(before.values()).count("sent") == POSTS_BEFORE_KILL
        assert len(before) < TEAMS  # it really died half-way

        fake_slack.clear_faults()
        again = run_cli("post-prompts", cwd=tmp_path, env=env)
        assert again.returncode == 0, again.stdout + again.stderr
        assert again.stdout.count("geplaatst") == TEAMS  # "geplaatst" or "vandaag al geplaatst"

        # The post that was under way lands at Slack after the process died; once its claim
        # has gone stale, recovery finds it in the channel's history instead of posting again.
        time.sleep(max(0.0, killed_at + IN_FLIGHT + 0.2 - time.monotonic()))
        poster = Services(settings=settings, engine=engine).poster(build_web_client(settings))
        later = poster.retry_unfinished(system_clock() + timedelta(minutes=3))
        assert [r.outcome for r in later] == ["recovered"]

        for channel in channels():
            prompts_posted = [
                m
                for m in fake_slack.messages(channel)
                if (m.get("metadata") or {}).get("event_type") == "reflectiebot_prompt"
            ]
            assert len(prompts_posted) == 1, f"{channel}: {len(prompts_posted)} prompts"
        assert set(slot_statuses(engine).values()) == {"sent"}
        assert len(slot_statuses(engine)) == TEAMS
    finally:
        engine.dispose()
