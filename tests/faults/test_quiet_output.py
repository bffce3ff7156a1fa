"""What the administrator's terminal, a pipe, a cron job and a SIEM see: a closed stdout ends a
command quietly, LOG_FORMAT=json makes every line on stderr JSON (the last one too), a response_url
never reaches the log at INFO, and a digest with no teams yet is no failure."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bot.test_cli import env_for
from tests.conftest import SIGNING_SECRET
from tests.fakes.slack_api import PATIENCE_SECONDS, FakeSlack
from tests.helpers import payloads, service, signing
from tests.helpers.cli import process_env, run_cli


def run_into_closed_pipe(
    tmp_path: Path, env: dict[str, str], *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` with stdout a pipe whose reader has already gone (`| head -0`)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args], cwd=tmp_path, env=process_env(env),
            input=stdin, stdout=writer, stderr=subprocess.PIPE, text=True, timeout=60,
            check=False,
        )  # fmt: skip
    finally:
        os.close(writer)


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (("--help",), ""),
        (("manifest",), ""),
        (("check",), ""),
        (("analyse",), "De wachtlijst bij schuldhulp is weer langer.\n" * 200),
    ],
    ids=["help", "manifest", "check", "analyse"],
)
def test_a_closed_stdout_ends_the_command_quietly(
    fake_slack: FakeSlack, tmp_path: Path, args: tuple[str, ...], stdin: str
) -> None:
    result = run_into_closed_pipe(tmp_path, env_for(fake_slack, tmp_path), *args, stdin=stdin)
    assert result.stderr == ""  # not "Slack is niet bereikbaar (BrokenPipeError)"
    assert result.returncode == 141  # as a Unix tool ended by SIGPIPE


def json_lines(stderr: str) -> list[dict[str, str]]:
    """Every line on stderr as a JSON object (fails on a line that is not one)."""
    return [json.loads(line) for line in stderr.splitlines()]


def test_json_logs_end_with_the_failure_as_json(fake_slack: FakeSlack, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**env_for(fake_slack, tmp_path), "PORT": str(port), "LOG_FORMAT": "json"}
        result = run_cli("run", cwd=tmp_path, env=env)
    assert result.returncode == 1
    *_, last = json_lines(result.stderr)
    assert last["level"] == "ERROR" and last["logger"] == "reflectiebot"
    assert last["message"].startswith(f"Poort 127.0.0.1:{port} is al in gebruik")


def test_json_logs_also_for_a_bad_setting(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("LOG_FORMAT=json\nSLACK_BOT_TOKEN=xoxp-een-gebruikerstoken\n")
    result = run_cli("run", cwd=tmp_path, env={})
    assert result.returncode == 2
    [line] = json_lines(result.stderr)
    assert line["level"] == "ERROR"
    assert line["message"] == (
        "Instelling SLACK_BOT_TOKEN: moet een bot-token zijn dat begint met xoxb-. "
        "Pas hem aan in .env."
    )


def test_json_logs_also_for_a_missing_env_file(tmp_path: Path) -> None:
    result = run_cli("--env-file", "weg.env", "run", cwd=tmp_path, env={"LOG_FORMAT": "json"})
    assert result.returncode == 2
    [line] = json_lines(result.stderr)
    assert line["level"] == "ERROR"
    assert line["message"].startswith("Het instellingenbestand weg.env bestaat niet")


def test_text_logs_stay_readable(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxp-een-gebruikerstoken\n")
    result = run_cli("run", cwd=tmp_path, env={})
    assert result.stderr.startswith("reflectiebot: Instelling SLACK_BOT_TOKEN: moet een bot-token")


SECRET_PATH = "hooks-T0TEST-B0GEHEIM-xyzzy"  # a response_url's path is its secret


def test_a_failed_reply_over_response_url_never_logs_the_url(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    port = service.free_port()
    process = service.start(tmp_path, {**env_for(fake_slack, tmp_path), "PORT": str(port)})
    try:
        service.wait_for_planner(port, "held", process)
        fake_slack.drop_answer("response_url", times=10)  # every try: the connection is lost
        fields = payloads.slash_command(
            command="/wijkteam", text="help", user_id="U0LEIDER", channel_id="C0NOORD",
            response_url=fake_slack.response_url(SECRET_PATH),
        )  # fmt: skip
        status, _headers, _body = signing.post_command(
            f"http://127.0.0.1:{port}/slack/events", SIGNING_SECRET, **fields
        )
        assert status == 200
        # The reply and its retry, then the apology and its retry: all lost.
        deadline = time.monotonic() + PATIENCE_SECONDS
        while len(fake_slack.calls("response_url")) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(fake_slack.calls("response_url")) == 4
        time.sleep(0.5)  # the last failure is logged
        _out, err, _seconds = service.stop(process)
    finally:
        service.kill_all(process)
    assert SECRET_PATH not in err
    assert "Going to retry the same request: POST (response_url withheld)" in err
    assert "could not tell the user: " in err  # our own line: that replying failed


def test_a_digest_with_no_teams_yet_is_no_failure(fake_slack: FakeSlack, tmp_path: Path) -> None:
    result = run_cli("digest", cwd=tmp_path, env=env_for(fake_slack, tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Nog geen teams: er is geen weekspiegel te versturen. Koppel eerst een teamkanaal met "
        "/wijkteam koppel <naam>.\n"
    )
    assert result.stderr == ""


def test_a_digest_for_an_unknown_team_still_fails(fake_slack: FakeSlack, tmp_path: Path) -> None:
    env = env_for(fake_slack, tmp_path)
    result = run_cli("digest", "--team", "C0ONBEKEND", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr == "reflectiebot: geen team gevonden bij kanaal C0ONBEKEND.\n"
