"""What goes wrong at `reflectiebot run` that an administrator can fix is one Dutch line on
stderr naming the cause and what to do, never a traceback, with a documented exit code:
2 when a setting must change, 1 when the environment must."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from storage.migrate import head_revision
from tests.bot.test_cli import env_for
from tests.fakes.slack_api import FakeSlack
from tests.helpers import service
from tests.helpers.cli import process_env, run_cli

# A log record (logging's default format here), as opposed to what the command itself says.
LOG_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]+ ")


def the_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one line the command itself printed on stderr; no traceback anywhere.

    Log records (at INFO, stderr is also the log) are left out, with the lines a library's
    message runs on to; what the command says starts with "reflectiebot: ".
    """
    assert "Traceback" not in result.stderr
    said = [line for line in result.stderr.splitlines() if not LOG_RECORD.match(line)]
    own = [line for line in said if line.startswith("reflectiebot: ")]
    assert len(own) == 1, result.stderr[-3000:]
    assert result.stderr.rstrip("\n").endswith(own[0])  # the last word, after every log record
    return own[0]


def run(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_cli("run", cwd=tmp_path, env={"PORT": str(service.free_port()), **env})


def read_only_mount_works() -> str | None:
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o ro none /mnt"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if probe.returncode != 0:
        return f"no user namespace to mount a read-only filesystem in: {probe.stderr.strip()}"
    return None


# A fresh tmpfs mounted read-only (a new database), or the folder of an existing database
# mounted again read-only; both in a private mount namespace, so nothing outside changes.
READ_ONLY_MOUNTS = {
    "new": 'mount -t tmpfs -o ro none "$0" && exec "$@"',
    "existing": 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"',
}


@pytest.mark.parametrize("database", list(READ_ONLY_MOUNTS))
def test_a_database_on_a_read_only_filesystem(
    fake_slack: FakeSlack, tmp_path: Path, database: str
) -> None:
    reason = read_only_mount_works()
    if reason:
        pytest.skip(reason)
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    env = {
        **env_for(fake_slack, tmp_path),
        "PORT": str(service.free_port()),
        "DATABASE_URL": f"sqlite:///{folder / 'reflectiebot.db'}",
    }
    if database == "existing":
        assert run_cli("migrate", cwd=tmp_path, env=env).returncode == 0
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", READ_ONLY_MOUNTS[database],
         str(folder), sys.executable, "-m", "bot", "run"],
        cwd=tmp_path, env=process_env(env), capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    line = the_line(result)
    assert result.returncode == 1
    assert "alleen-lezen" in line and "DATABASE_URL" in line


def test_a_database_whose_folder_is_a_file(fake_slack: FakeSlack, tmp_path: Path) -> None:
    (tmp_path / "data").write_text("geen map\n")
    env = {**env_for(fake_slack, tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/data/bot.db"}
    result = run(tmp_path, env)
    line = the_line(result)
    assert result.returncode == 1
    assert f"{tmp_path / 'data'} is een bestand, geen map" in line
    assert "DATABASE_URL" in line
    assert (tmp_path / "data").read_text() == "geen map\n"  # nothing overwritten


def test_a_postgresql_server_that_does_not_answer(fake_slack: FakeSlack, tmp_path: Path) -> None:
    port = service.free_port()  # nobody listens there
    url = f"postgresql+psycopg://reflectiebot:geheim@127.0.0.1:{port}/reflectiebot"
    result = run(tmp_path, {**env_for(fake_slack, tmp_path), "DATABASE_URL": url})
    line = the_line(result)
    assert result.returncode == 1
    assert f"De database 127.0.0.1:{port}/reflectiebot is niet bereikbaar" in line
    assert "(Connection refused)" in line and "DATABASE_URL" in line
    assert "psycopg" not in line and "geheim" not in result.stderr


def test_a_port_already_in_use(fake_slack: FakeSlack, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(tmp_path, {**env_for(fake_slack, tmp_path), "PORT": str(port)})
    line = the_line(result)
    assert result.returncode == 1
    assert f"127.0.0.1:{port} is al in gebruik" in line and "PORT" in line


def test_slack_unreachable(fake_slack: FakeSlack, tmp_path: Path) -> None:
    nowhere = f"http://127.0.0.1:{service.free_port()}/api/"
    result = run(tmp_path, {**env_for(fake_slack, tmp_path), "SLACK_API_URL": nowhere})
    line = the_line(result)
    assert result.returncode == 1
    assert "Slack is niet bereikbaar" in line and nowhere in line
    # Not slack_sdk's ERROR for each try and INFO for each retry before it, nor Bolt's warning
    # that SLACK_BOT_TOKEN goes unused: the administrator reads just the line.
    assert result.stderr.splitlines() == [line]


def test_slack_unreachable_says_more_at_debug(fake_slack: FakeSlack, tmp_path: Path) -> None:
    nowhere = f"http://127.0.0.1:{service.free_port()}/api/"
    env = {**env_for(fake_slack, tmp_path), "SLACK_API_URL": nowhere, "LOG_LEVEL": "DEBUG"}
    result = run(tmp_path, env)
    assert result.returncode == 1
    assert "Failed to send a request to Slack API server" in result.stderr
    assert result.stderr.rstrip("\n").splitlines()[-1].startswith("reflectiebot: Slack is niet")


def test_a_refused_bot_token(fake_slack: FakeSlack, tmp_path: Path) -> None:
    fake_slack.valid_tokens = {"xoxb-the-real-one-000"}
    result = run(tmp_path, env_for(fake_slack, tmp_path))
    line = the_line(result)
    assert result.returncode == 2
    assert "bot-token (invalid_auth)" in line and "SLACK_BOT_TOKEN" in line
    assert result.stderr.splitlines() == [line]


def test_a_refused_app_token_in_socket_mode(fake_slack: FakeSlack, tmp_path: Path) -> None:
    # No Socket Mode for this app at the fake Slack: apps.connections.open says invalid_auth.
    env = {**env_for(fake_slack, tmp_path), "SLACK_APP_TOKEN": "xapp-1-A0TEST-1-refused"}
    result = run(tmp_path, env)
    line = the_line(result)
    assert result.returncode == 2
    assert "app-token (invalid_auth)" in line and "SLACK_APP_TOKEN" in line
    # Not the Socket Mode client's "Failed to retrieve WSS URL" (twice) before it.
    assert result.stderr.splitlines() == [line]


def test_a_refused_app_token_says_more_at_debug(fake_slack: FakeSlack, tmp_path: Path) -> None:
    env = {
        **env_for(fake_slack, tmp_path),
        "SLACK_APP_TOKEN": "xapp-1-A0TEST-1-refused",
        "LOG_LEVEL": "DEBUG",
    }
    result = run(tmp_path, env)
    assert result.returncode == 2
    assert "Failed to retrieve WSS URL" in result.stderr
    assert result.stderr.rstrip("\n").splitlines()[-1].startswith("reflectiebot: Slack weigert")


def test_check_with_slack_unreachable_prints_only_its_own_lines(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    nowhere = f"http://127.0.0.1:{service.free_port()}/api/"
    env = {**env_for(fake_slack, tmp_path), "SLACK_API_URL": nowhere}
    result = run_cli("check", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr == ""  # none of slack_sdk's lines for each try and retry
    said = result.stdout.splitlines()
    assert said[:2] == [
        "✓ Instellingen zijn geldig.",
        f"✓ Database is bereikbaar en bijgewerkt (schema {head_revision()}).",
    ]
    assert said[2].startswith(f"✗ Slack is niet bereikbaar via {nowhere} (")
    assert said[2].endswith("controleer de netwerkverbinding, de firewall en zo nodig HTTPS_PROXY.")
    assert "urlopen error" not in said[2]  # urllib's own wording, not ours
    assert len(said) == 3
