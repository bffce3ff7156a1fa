"""An administrator sets WEB_PROCESSES=2 to use both cores in HTTP mode: requests are answered
by two worker processes, exactly one of them plans, and a stop still exits 0 in time and gives
the planner lease back."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bot.server import WORKER_HEADER
from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head
from tests.bot.test_cli import env_for
from tests.conftest import SIGNING_SECRET, make_team
from tests.fakes.slack_api import FakeSlack
from tests.helpers import payloads, service, signing
from tests.helpers.cli import run_cli
from tests.helpers.service import FAST_PLANNER

STOP_WITHIN = 10.0  # seconds, what `docker stop` allows before it kills
ATTEMPTS = 200  # new connections until both workers have answered (the kernel picks one)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Engine]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'reflectiebot.db'}")
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


def lease_rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM scheduler_lease")).scalar_one())


def signal_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM knelpunt_signal")).scalar_one())


def planner_states(port: int, process: subprocess.Popen[str]) -> dict[int, str]:
    """Health asked over new connections until two processes answered: pid → planner state."""
    seen: dict[int, str] = {}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1][-2000:]
        answer = service.health(port)
        if answer is not None and answer[1]["planner"]["state"] in ("held", "standby"):
            seen[answer[1]["process"]] = answer[1]["planner"]["state"]
            if len(seen) == 2 and sorted(seen.values()) == ["held", "standby"]:
                return seen
        time.sleep(0.02)
    raise AssertionError(f"health never showed one holder and one standby: {seen}")


def test_two_web_processes_answer_signed_requests_one_plans_and_sigterm_stops_both(
    fake_slack: FakeSlack, tmp_path: Path, database: Engine
) -> None:
    make_team(database, channel_id="C0NOORD")
    port = service.free_port()
    env = {
        **env_for(fake_slack, tmp_path), "PORT": str(port), "WEB_PROCESSES": "2", **FAST_PLANNER,
    }  # fmt: skip
    env["PLANNER_LEASE_SECONDS"] = "60"  # a lease left behind would show in the table
    parent = service.start(tmp_path, env)
    try:
        states = planner_states(port, parent)
        assert parent.pid not in states  # the parent only watches; its workers answer
        assert lease_rows(database) == 1

        answered_by: set[int] = set()
        sent = 0
        url = f"http://127.0.0.1:{port}/slack/events"
        while len(answered_by) < 2 and sent < ATTEMPTS:
            sent += 1
            fields = payloads.slash_command(
                # One colleague each: a sixth signal of one user within 15 minutes is refused
                # (bot/views/knelpunt.py), and a loaded machine may need more than five tries
                # before both workers have answered.
                command="/knelpunt", text=f"Wachtlijst schuldhulp is weer {sent} weken",
                user_id=f"U0LID{sent:03d}", channel_id="C0NOORD",
                response_url=fake_slack.response_url(f"w{sent}"),
            )  # fmt: skip
            status, headers, _body = signing.post_command(url, SIGNING_SECRET, **fields)
            assert status == 200
            answered_by.add(int(headers[WORKER_HEADER.lower()]))
        assert answered_by == set(states)  # both workers answered Slack's requests

        out, err, seconds = service.stop(parent)
        assert parent.returncode == 0, err[-2000:]
        assert seconds < STOP_WITHIN
        assert "Traceback" not in out + err
        assert lease_rows(database) == 0  # the holder gave the lease back
        # Every acknowledged knelpunt was stored, or (a stop under heavy load that cut its
        # work short) not stored and its user told so: nothing was lost without a word.
        answers = [call.args.get("text", "") for call in fake_slack.calls("response_url")]
        refused = sum("Het opslaan lukte even niet" in answer for answer in answers)
        assert signal_count(database) + refused == sent, err[-2000:]
        assert len(answers) == sent, err[-2000:]  # each user got an answer
        for pid in states:  # no worker outlived the parent
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
    finally:
        service.kill_all(parent)


def test_a_worker_that_dies_stops_the_others_and_the_parent_exits_1_with_one_line(
    fake_slack: FakeSlack, tmp_path: Path, database: Engine
) -> None:
    port = service.free_port()
    env = {
        **env_for(fake_slack, tmp_path), "PORT": str(port), "WEB_PROCESSES": "2", **FAST_PLANNER,
    }  # fmt: skip
    parent = service.start(tmp_path, env)
    try:
        states = planner_states(port, parent)
        victim = next(pid for pid, state in states.items() if state == "standby")
        os.kill(victim, signal.SIGKILL)
        _out, err = parent.communicate(timeout=20)
        assert parent.returncode == 1
        [line] = [line for line in err.splitlines() if line.startswith("reflectiebot:")]
        assert f"werkproces {victim} stopte onverwacht (signaal SIGKILL)" in line
        assert "Traceback" not in err
        for pid in states:
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
        assert lease_rows(database) == 0  # the other one stopped cleanly
    finally:
        service.kill_all(parent)


def test_web_processes_in_socket_mode_is_one_line_and_exit_2(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    env = {
        **env_for(fake_slack, tmp_path), "SLACK_APP_TOKEN": "xapp-1-A0TEST-1-web",
        "WEB_PROCESSES": "2",
    }  # fmt: skip
    result = run_cli("run", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "WEB_PROCESSES" in result.stderr and "Socket Mode" in result.stderr


@pytest.mark.parametrize("fault", ["unreachable", "refused token"])
def test_a_start_up_failure_with_two_web_processes_is_still_one_line(
    fault: str, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    env = {
        **env_for(fake_slack, tmp_path), "PORT": str(service.free_port()), "WEB_PROCESSES": "2",
    }  # fmt: skip
    if fault == "unreachable":
        env["SLACK_API_URL"] = f"http://127.0.0.1:{service.free_port()}/api/"
    else:
        fake_slack.valid_tokens = {"xoxb-the-real-one-000"}
    result = run_cli("run", cwd=tmp_path, env=env)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr[-3000:]  # not one per worker, nor the parent's as well
    if fault == "unreachable":
        assert result.returncode == 1 and "Slack is niet bereikbaar" in lines[0]
    else:
        assert result.returncode == 2 and "SLACK_BOT_TOKEN" in lines[0]
