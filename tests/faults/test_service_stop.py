"""An administrator stops `reflectiebot run` (systemctl stop, docker stop, Ctrl-C): it stops
taking work, finishes what is under way, gives the planner lease back and exits 0; a process
started right after holds the planner at once."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, text

from bot.lifecycle import DRAIN_SECONDS
from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head
from tests.bot.test_cli import env_for
from tests.conftest import SIGNING_SECRET, make_team
from tests.fakes.slack_api import FakeSlack
from tests.fakes.socket_mode import FakeSocketModeServer
from tests.helpers import payloads, service, signing
from tests.helpers.service import FAST_PLANNER

APP_TOKEN = "xapp-1-A0TEST-1-stoptest"
STOP_WITHIN = 10.0  # seconds, what `docker stop` allows before it kills
SLOW_POST = 2.0  # seconds Slack takes for a post under way during the stop
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Engine]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'reflectiebot.db'}")
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


def lease_rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM scheduler_lease")).scalar_one())


def assert_clean_stop(out: str, err: str, seconds: float, returncode: int | None) -> None:
    assert returncode == 0, err[-2000:]
    assert seconds < STOP_WITHIN
    assert "Traceback" not in out + err


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_a_stop_in_http_mode_exits_0_and_the_next_process_holds_the_planner_at_once(
    fake_slack: FakeSlack, tmp_path: Path, database: Engine, how: int
) -> None:
    port = service.free_port()
    env = {**env_for(fake_slack, tmp_path), "PORT": str(port), **FAST_PLANNER}
    env["PLANNER_LEASE_SECONDS"] = "60"  # a lease left behind would block the next one
    first = service.start(tmp_path, env)
    second = None
    try:
        service.wait_for_planner(port, "held", first)
        assert lease_rows(database) == 1
        out, err, seconds = service.stop(first, how)
        assert_clean_stop(out, err, seconds, first.returncode)
        assert lease_rows(database) == 0  # the lease was given back

        second = service.start(tmp_path, env)
        report = service.wait_for_planner(port, "held", second, timeout=30)
        assert report["status"] == "ok"
    finally:
        service.kill_all(first, *([second] if second else []))


def test_sigterm_in_socket_mode_exits_0_and_gives_the_lease_back(
    fake_slack: FakeSlack, tmp_path: Path, database: Engine
) -> None:
    health_port = service.free_port()
    with FakeSocketModeServer() as socket_server:
        fake_slack.attach_socket_mode(socket_server)
        env = {
            **env_for(fake_slack, tmp_path),
            "SLACK_APP_TOKEN": APP_TOKEN,
            "HEALTH_PORT": str(health_port),
            **FAST_PLANNER,
        }
        process = service.start(tmp_path, env)
        try:
            service.wait_for_planner(health_port, "held", process)
            socket_server.wait_connected(timeout=10)
            answer = service.health(health_port)
            assert answer is not None
            assert answer[1]["slack"] == {"ok": True, "mode": "socket"}
            out, err, seconds = service.stop(process)
            assert_clean_stop(out, err, seconds, process.returncode)
            assert lease_rows(database) == 0
            deadline = time.monotonic() + 5
            while socket_server.active_connections and time.monotonic() < deadline:
                time.sleep(0.05)
            assert socket_server.active_connections == 0  # it hung up on Slack
        finally:
            service.kill_all(process)


def test_sigterm_during_start_up_exits_0_without_a_traceback(
    fake_slack: FakeSlack, tmp_path: Path, database: Engine
) -> None:
    # auth.test answers slowly, so the signal arrives while the app is being built.
    fake_slack.delay("auth.test", 3.0)
    port = service.free_port()
    process = service.start(tmp_path, {**env_for(fake_slack, tmp_path), "PORT": str(port)})
    try:
        fake_slack.wait_for("auth.test", timeout=60)
        out, err, seconds = service.stop(process)
        assert_clean_stop(out, err, seconds, process.returncode)
        assert service.health(port) is None  # it never began to serve
        assert lease_rows(database) == 0
    finally:
        service.kill_all(process)


def test_sigterm_while_a_prompt_is_being_posted_finishes_that_post_first(
    fake_slack: FakeSlack, tmp_path: Path, database: Engine
) -> None:
    due = datetime.now(AMS) - timedelta(minutes=1)  # due a minute ago, on any day
    make_team(
        database, channel_id="C0NOORD", prompt_weekday=due.weekday(),
        prompt_minute=due.hour * 60 + due.minute, skip_holidays=False,
    )  # fmt: skip
    fake_slack.delay("chat.postMessage", SLOW_POST)  # Slack takes its time with this one
    port = service.free_port()
    process = service.start(tmp_path, {**env_for(fake_slack, tmp_path), "PORT": str(port)})
    try:
        deadline = time.monotonic() + 60
        while slot_statuses(database) != ["posting"] and time.monotonic() < deadline:
            assert process.poll() is None
            time.sleep(0.02)
        assert slot_statuses(database) == ["posting"]  # the post is under way …
        out, err, seconds = service.stop(process)  # … when the administrator stops the bot
        assert_clean_stop(out, err, seconds, process.returncode)
        assert slot_statuses(database) == ["sent"]  # it finished the post, and knows it did
        assert len(fake_slack.messages("C0NOORD")) == 1
        assert lease_rows(database) == 0
    finally:
        service.kill_all(process)


def slot_statuses(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [
            str(s) for s in connection.execute(text("SELECT status FROM prompt_slot")).scalars()
        ]


@contextmanager
def serving_a_team(
    fake_slack: FakeSlack, tmp_path: Path, database: Engine
) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    """`reflectiebot run` over HTTP for one team, planning; its port and process."""
    make_team(database, channel_id="C0NOORD")
    port = service.free_port()
    process = service.start(tmp_path, {**env_for(fake_slack, tmp_path), "PORT": str(port)})
    try:
        service.wait_for_planner(port, "held", process)
        yield port, process
    finally:
        service.kill_all(process)


def send_knelpunt_from_a_dm(port: int, fake_slack: FakeSlack, text: str) -> None:
    fields = payloads.slash_command(
        command="/knelpunt", text=text, user_id="U0LID", channel_id="D0PRIVE",
        response_url=fake_slack.response_url("stop"),
    )  # fmt: skip
    status, _headers, _body = signing.post_command(
        f"http://127.0.0.1:{port}/slack/events", SIGNING_SECRET, **fields
    )
    assert status == 200  # acknowledged: from here on the user counts on an answer


def test_sigterm_while_a_knelpunt_is_being_stored_finishes_it_and_answers_the_user(
    fake_slack: FakeSlack, tmp_path: Path, database: Engine
) -> None:
    with serving_a_team(fake_slack, tmp_path, database) as (port, process):
        # Sent from a DM: Slack is slow to say which channels (teams) the user is in, so the
        # work after the ack takes a while.
        fake_slack.delay("users.conversations", SLOW_POST)
        send_knelpunt_from_a_dm(port, fake_slack, "Wachtlijst schuldhulp is weer 14 weken")
        assert signal_count(database) == 0  # acknowledged; the signal is not stored yet …
        out, err, seconds = service.stop(process)  # … when the administrator stops the bot
        assert_clean_stop(out, err, seconds, process.returncode)
        assert signal_count(database) == 1  # the work under way was finished
        [answer] = fake_slack.calls("response_url")
        assert "Wachtlijsten in de tweede lijn" in answer.args["text"]


def test_a_knelpunt_still_under_way_after_the_drain_is_not_stored_and_its_user_is_told(
    fake_slack: FakeSlack, tmp_path: Path, database: Engine
) -> None:
    with serving_a_team(fake_slack, tmp_path, database) as (port, process):
        # Slack answers only after the stop's drain has run out: the work is cut short.
        fake_slack.delay("users.conversations", DRAIN_SECONDS + 1.0)
        send_knelpunt_from_a_dm(port, fake_slack, "Wachtlijst schuldhulp is weer 15 weken")
        out, err, seconds = service.stop(process)
        assert_clean_stop(out, err, seconds, process.returncode)
        assert signal_count(database) == 0  # nothing stored after the deadline …
        [answer] = fake_slack.calls("response_url")  # … and the user heard so, with the text
        assert "Het opslaan lukte even niet" in answer.args["text"]
        assert "Wachtlijst schuldhulp is weer 15 weken" in json.dumps(answer.args)
        [warning] = [line for line in err.splitlines() if "/knelpunt ×1" in line]
        assert "WARNING" in warning and "weken" not in warning  # named by kind, not content
        assert " ERROR " not in err  # a stop under load is no failure to alert on
        assert lease_rows(database) == 0


def test_a_listener_that_hangs_past_the_stop_is_named_and_the_exit_code_is_1(
    fake_slack: FakeSlack, tmp_path: Path, database: Engine
) -> None:
    with serving_a_team(fake_slack, tmp_path, database) as (port, process):
        fake_slack.delay("users.conversations", 60.0)  # a call that hangs
        send_knelpunt_from_a_dm(port, fake_slack, "Wachtlijst schuldhulp is weer 16 weken")
        out, err, seconds = service.stop(process)
        assert process.returncode == 1, err[-2000:]  # its user may not have heard: not clean
        assert seconds < STOP_WITHIN
        assert "Traceback" not in out + err
        lines = [line for line in err.splitlines() if "/knelpunt ×1" in line]
        [said] = [line for line in lines if line.startswith("reflectiebot: ")]  # one Dutch line
        assert said.startswith("reflectiebot: gestopt terwijl /knelpunt ×1 na 7 s nog bezig was")
        [logged] = [line for line in lines if line != said]
        assert "ERROR" in logged and "still under way" in logged
        assert signal_count(database) == 0
        assert lease_rows(database) == 0  # the planner gave its lease back before that


def signal_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM knelpunt_signal")).scalar_one())
