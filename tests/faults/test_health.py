"""Monitoring asks the bot how it is: database, Slack, planner; `reflectiebot health` for a
watchdog exits 0 when healthy, 1 when not, 2 without a health address; the report has no secret."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.scheduler import LEASE_NAME
from storage.engine import create_db_engine, session_scope
from storage.lease import acquire_lease
from storage.migrate import upgrade_to_head
from tests.bot.test_cli import env_for
from tests.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.fakes.slack_api import FakeSlack
from tests.helpers import service
from tests.helpers.cli import run_cli
from tests.helpers.service import FAST_PLANNER

LEASE = int(FAST_PLANNER["PLANNER_LEASE_SECONDS"])


def test_nobody_planning_for_longer_than_the_lease_is_unhealthy_until_a_planner_starts(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    env = {**env_for(fake_slack, tmp_path), **FAST_PLANNER}
    port = service.free_port()
    watcher = service.start(tmp_path, {**env, "PORT": str(port)}, "run", "--no-scheduler")
    planner = None
    try:
        report = service.wait_for_planner(port, "none", watcher)
        assert report["database"] == {"ok": True}
        assert report["slack"] == {"ok": True, "mode": "http"}
        deadline = time.monotonic() + LEASE + 10
        answer = service.health(port)
        while answer is not None and answer[0] == 200 and time.monotonic() < deadline:
            time.sleep(0.2)
            answer = service.health(port)
        assert answer is not None
        status, report = answer
        assert status == 503
        assert report["status"] == "unhealthy"
        assert report["planner"]["ok"] is False
        assert report["planner"]["unplanned_seconds"] >= LEASE

        checked = run_cli("health", cwd=tmp_path, env={**env, "PORT": str(port)})
        assert checked.returncode == 1
        assert json.loads(checked.stdout)["planner"]["state"] == "none"

        planner = service.start(tmp_path, {**env, "PORT": str(service.free_port())})
        report = service.wait_for_planner(port, "elsewhere", watcher)
        assert report["status"] == "ok"
        assert report["planner"]["holder"]
        checked = run_cli("health", cwd=tmp_path, env={**env, "PORT": str(port)})
        assert checked.returncode == 0, checked.stderr
        body = checked.stdout
        assert json.loads(body)["status"] == "ok"
        for secret in (BOT_TOKEN, SIGNING_SECRET, "xoxb-", "sqlite:"):
            assert secret not in body
    finally:
        service.kill_all(watcher, *([planner] if planner else []))


def test_a_lease_left_by_a_holder_that_died_long_ago_is_unhealthy_at_the_first_question(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    env = {**env_for(fake_slack, tmp_path), **FAST_PLANNER}
    engine = create_db_engine(env["DATABASE_URL"])
    upgrade_to_head(engine)
    died = datetime.now(UTC) - timedelta(minutes=10)  # renewed last ten minutes ago
    with session_scope(engine) as session:
        acquire_lease(
            session=session, name=LEASE_NAME, holder="dode-machine:4242", now=died,
            ttl=timedelta(seconds=LEASE),
        )  # fmt: skip
    engine.dispose()
    port = service.free_port()
    watcher = service.start(tmp_path, {**env, "PORT": str(port)}, "run", "--no-scheduler")
    try:
        report = service.wait_for_planner(port, "none", watcher)
        # Not "ok, unplanned 0 s" because nobody had asked before: nobody plans for minutes.
        assert report["status"] == "unhealthy"
        assert report["planner"]["unplanned_seconds"] >= 10 * 60 - LEASE
    finally:
        service.kill_all(watcher)


def test_health_says_in_one_line_when_the_bot_does_not_answer(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    env = {**env_for(fake_slack, tmp_path), "PORT": str(service.free_port())}
    checked = run_cli("health", cwd=tmp_path, env=env)
    assert checked.returncode == 1
    assert checked.stdout == ""
    [line] = checked.stderr.splitlines()
    assert "antwoordt niet" in line and "reflectiebot run" in line


def test_health_in_socket_mode_without_health_port_names_the_setting(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    env = {**env_for(fake_slack, tmp_path), "SLACK_APP_TOKEN": "xapp-1-A0TEST-1-health"}
    checked = run_cli("health", cwd=tmp_path, env=env)
    assert checked.returncode == 2
    [line] = checked.stderr.splitlines()
    assert "HEALTH_PORT" in line
