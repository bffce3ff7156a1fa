"""Two `reflectiebot run` processes on one database: one plans, the other stands by. When the
planner dies by kill -9, the standby takes over within the lease time plus one tick, and the
prompt that became due meanwhile is posted exactly once. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import signal
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head
from tests.bot.test_cli import env_for
from tests.conftest import make_team
from tests.fakes.slack_api import FakeSlack
from tests.helpers import service
from tests.helpers.service import FAST_PLANNER

AMS = ZoneInfo("Europe/Amsterdam")
LEASE = int(FAST_PLANNER["PLANNER_LEASE_SECONDS"])
TICK = int(FAST_PLANNER["PLANNER_TICK_SECONDS"])
START_MARGIN = 10.0  # seconds for the catch-up's own start (apscheduler, the first posts)
CHANNEL = "C0STANDBY"


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_the_standby_takes_over_after_kill_9_and_posts_the_due_prompt_once(
    fake_slack: FakeSlack, tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    env = {**env_for(fake_slack, tmp_path), **FAST_PLANNER}
    if backend == "postgresql":
        env["DATABASE_URL"] = str(request.getfixturevalue("postgres_schema_url"))
    engine = create_db_engine(env["DATABASE_URL"])
    upgrade_to_head(engine)
    ports = service.free_port(), service.free_port()
    first = service.start(tmp_path, {**env, "PORT": str(ports[0])})
    second = None
    try:
        service.wait_for_planner(ports[0], "held", first)
        second = service.start(tmp_path, {**env, "PORT": str(ports[1])})
        standby = service.wait_for_planner(ports[1], "standby", second)
        assert standby["status"] == "ok"

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        killed_at = time.monotonic()
        # While nobody plans, a team's prompt becomes due (its time was a minute ago, today).
        due = datetime.now(AMS) - timedelta(minutes=1)
        make_team(
            engine, channel_id=CHANNEL, name="Wijkteam Standby", leaders=("U0STANDBY",),
            prompt_weekday=due.weekday(), prompt_minute=due.hour * 60 + due.minute,
            skip_holidays=False,
        )  # fmt: skip

        fake_slack.wait_for("chat.postMessage", timeout=LEASE + TICK + START_MARGIN)
        took = time.monotonic() - killed_at
        service.wait_for_planner(ports[1], "held", second, timeout=5)
        time.sleep(2 * TICK)  # had it been posted twice, the second post would be here by now
        prompts = [
            m
            for m in fake_slack.messages(CHANNEL)
            if (m.get("metadata") or {}).get("event_type") == "reflectiebot_prompt"
        ]
        assert len(prompts) == 1
        assert took < LEASE + TICK + START_MARGIN
        with engine.connect() as connection:
            statuses = connection.execute(text("SELECT status FROM prompt_slot")).scalars().all()
        assert statuses == ["sent"]

        _out, err, _seconds = service.stop(second)
        assert second.returncode == 0, err[-2000:]
    finally:
        service.kill_all(first, *([second] if second else []))
        engine.dispose()


STANDBY_LINE = "planner: another process holds the lease; this one stands by to take over"
TAKEOVER_LINE = "planner: took over the lease from a process that stopped renewing it"


def test_a_standby_says_so_once_at_info_and_once_when_it_takes_over(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    env = {**env_for(fake_slack, tmp_path), **FAST_PLANNER, "LOG_FORMAT": "json"}
    ports = service.free_port(), service.free_port()
    first = service.start(tmp_path, {**env, "PORT": str(ports[0])})
    second = None
    try:
        holder = service.wait_for_planner(ports[0], "held", first)["planner"]["holder"]
        second = service.start(tmp_path, {**env, "PORT": str(ports[1])})
        service.wait_for_planner(ports[1], "standby", second)
        time.sleep(3 * TICK)  # three more ticks standing by: still the one line
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        service.wait_for_planner(ports[1], "held", second, timeout=LEASE + 3 * TICK)
        time.sleep(2 * TICK)  # holding for a while adds no line either
        _out, err, _seconds = service.stop(second)
    finally:
        service.kill_all(first, *([second] if second else []))
    said = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    planner = [
        (entry["level"], entry["message"]) for entry in said if entry["logger"] == "bot.planner"
    ]
    assert planner == [
        ("INFO", STANDBY_LINE),
        ("INFO", TAKEOVER_LINE),
        ("INFO", "planner stopped and its lease given back"),
    ]
    assert holder not in err  # the lines name no process
