"""In HTTP mode only the commands that answer Slack's requests need SLACK_SIGNING_SECRET."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head
from tests.bot.test_cli import env_for
from tests.conftest import make_team
from tests.fakes.slack_api import FakeSlack
from tests.helpers.cli import process_env, run_cli


def env_without_secret(fake: FakeSlack, tmp_path: Path) -> dict[str, str]:
    env = env_for(fake, tmp_path)
    del env["SLACK_SIGNING_SECRET"]
    return env


def test_post_prompts_runs_without_a_signing_secret(fake_slack: FakeSlack, tmp_path: Path) -> None:
    env = env_without_secret(fake_slack, tmp_path)
    engine = create_db_engine(env["DATABASE_URL"])
    upgrade_to_head(engine)
    make_team(engine, channel_id="C0NOORD")
    engine.dispose()
    result = run_cli("post-prompts", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "C0NOORD Wijkteam Noord: geplaatst" in result.stdout
    assert fake_slack.calls("chat.postMessage")


def test_digest_runs_without_a_signing_secret(fake_slack: FakeSlack, tmp_path: Path) -> None:
    env = env_without_secret(fake_slack, tmp_path)
    engine = create_db_engine(env["DATABASE_URL"])
    upgrade_to_head(engine)
    make_team(engine, channel_id="C0NOORD")
    engine.dispose()
    result = run_cli("digest", "--week", "2026-W47", cwd=tmp_path, env=env)
    assert "SLACK_SIGNING_SECRET" not in result.stderr
    assert result.returncode == 0, result.stdout + result.stderr


def test_scheduler_starts_without_a_signing_secret(fake_slack: FakeSlack, tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "scheduler"],
        cwd=tmp_path,
        env=process_env({**env_without_secret(fake_slack, tmp_path), "PYTHONUNBUFFERED": "1"}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(30, process.kill)  # a hung start fails the test, never the run
    watchdog.start()
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()
    finally:
        watchdog.cancel()
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=20)
    assert "Planner draait" in first_line, err
    assert "SLACK_SIGNING_SECRET" not in err


def test_run_in_http_mode_still_demands_the_signing_secret(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    result = run_cli("run", cwd=tmp_path, env=env_without_secret(fake_slack, tmp_path))
    assert result.returncode == 2
    assert "SLACK_SIGNING_SECRET" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
