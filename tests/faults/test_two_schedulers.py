"""Two `reflectiebot scheduler` processes started by mistake against one database: one runs,
the other refuses (the lease), and no prompt is posted twice.

tests/bot/test_scheduler.py checks the lease with two schedulers in one process; this story
uses two real processes, started at the same moment."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import text

from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head
from tests.bot.test_cli import env_for
from tests.conftest import make_team
from tests.fakes.slack_api import FakeSlack
from tests.helpers.cli import process_env

AMS = ZoneInfo("Europe/Amsterdam")
TEAMS = 8
REFUSAL = "er draait al een planner op deze database"


def start_scheduler(tmp_path: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "scheduler"],
        cwd=tmp_path,
        env=process_env({"PYTHONUNBUFFERED": "1", **env}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_schedulers_started_at_once_one_refuses_and_each_due_prompt_is_posted_once(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    env = env_for(fake_slack, tmp_path)
    engine = create_db_engine(env["DATABASE_URL"])
    upgrade_to_head(engine)
    local_now = datetime.now(AMS) - timedelta(minutes=1)  # due a minute ago, on any day
    minute = local_now.hour * 60 + local_now.minute
    channels = [f"C0PLAN{n:02d}" for n in range(TEAMS)]
    for n, channel in enumerate(channels):
        make_team(
            engine, channel_id=channel, name=f"Wijkteam {n}", leaders=(f"U0P{n:02d}",),
            prompt_weekday=local_now.weekday(), prompt_minute=minute, skip_holidays=False,
        )  # fmt: skip
    # Slack is a little slow, so both processes are busy at the same time.
    fake_slack.delay("chat.postMessage", 0.05, times=TEAMS)

    first, second = start_scheduler(tmp_path, env), start_scheduler(tmp_path, env)
    processes = [first, second]
    try:
        fake_slack.wait_for("chat.postMessage", count=TEAMS, timeout=30)
        deadline = time.monotonic() + 20
        while all(p.poll() is None for p in processes) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # had both been let in, the other would not stop either
        refused = [p for p in processes if p.poll() is not None]
        assert len(refused) == 1, "exactly one of the two schedulers must refuse"
        [loser] = refused
        [winner] = [p for p in processes if p is not loser]
        _out, err = loser.communicate()
        assert loser.returncode == 1
        assert REFUSAL in err
        assert "stands by" not in err  # it refuses; it does not wait to take over
        assert winner.poll() is None  # the other one keeps running

        for channel in channels:
            assert len(fake_slack.messages(channel)) == 1, channel
        with engine.connect() as connection:
            statuses = connection.execute(text("SELECT status FROM prompt_slot")).scalars().all()
            holders = connection.execute(text("SELECT holder FROM scheduler_lease")).all()
        assert statuses == ["sent"] * TEAMS
        assert len(holders) == 1

        winner.send_signal(signal.SIGTERM)  # an administrator stops it the ordinary way
        out, err = winner.communicate(timeout=15)
        assert winner.returncode == 0, err
        assert "Planner draait" in out
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM scheduler_lease")).scalar() == 0
        posts = [c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] in channels]
        assert len(posts) == TEAMS  # each prompt was sent to Slack once, by one process
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.communicate(timeout=10)
        engine.dispose()
