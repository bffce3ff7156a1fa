"""The settings file: one given with --env-file that is missing or unreadable stops the command
with one Dutch line naming it (exit code 2), and a bad setting names where its value came from:
that file, or the environment."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import process_env, run_cli

GOOD = "SLACK_BOT_TOKEN=xoxb-1234-5678-abcdef\nSLACK_SIGNING_SECRET=s\n"


def only_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one line on stderr, with no traceback."""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr[-3000:]
    return lines[0]


def test_a_missing_env_file_given_explicitly(tmp_path: Path) -> None:
    result = run_cli("--env-file", "/etc/reflectiebot/geen-env", "check", cwd=tmp_path, env={})
    assert result.returncode == 2
    assert only_line(result) == (
        "reflectiebot: Het instellingenbestand /etc/reflectiebot/geen-env bestaat niet; "
        "controleer het pad, of laat --env-file weg voor .env in de werkmap."
    )
    assert not (tmp_path / "reflectiebot.db").exists()


def test_a_folder_given_as_env_file(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    result = run_cli("--env-file", "conf", "migrate", cwd=tmp_path, env={})
    assert result.returncode == 2
    assert only_line(result) == (
        "reflectiebot: Het instellingenbestand conf is een map, geen bestand; "
        "geef het pad van het instellingenbestand zelf."
    )


@pytest.mark.parametrize("command", ["migrate", "demo"])
def test_an_empty_env_file_is_named_not_taken_for_the_working_folder(
    tmp_path: Path, command: str
) -> None:
    result = run_cli("--env-file", "", command, cwd=tmp_path, env={})
    assert result.returncode == 2
    line = only_line(result)
    assert line.startswith(
        "reflectiebot: --env-file is leeg; geef het pad van het instellingenbestand"
    )
    assert "is een map" not in line
    assert not (tmp_path / "reflectiebot.db").exists()


def as_other_user() -> list[str]:
    """A command prefix under which a file of mode 000 cannot be read: none for a non-root
    user; for root, a user namespace in which it is an ordinary user owning the files."""
    if os.geteuid() != 0:
        return []
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is not installed")
    prefix = ["unshare", "--user", "--map-user=65534", "--map-group=65534"]
    probe = subprocess.run([*prefix, "true"], capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"no user namespace: {probe.stderr.strip()}")
    return prefix


def test_an_unreadable_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / "env"
    env_file.write_text(GOOD)
    env_file.chmod(0o000)
    result = subprocess.run(
        [*as_other_user(), sys.executable, "-m", "bot", "--env-file", str(env_file), "check"],
        cwd=tmp_path, env=process_env({}), capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert result.returncode == 2
    line = only_line(result)
    # The owner as the command sees it (in the test's user namespace root shows as nobody).
    owner = re.search(r"de eigenaar, (\S+) \(runuser -u (\S+) -- …\)", line)
    assert owner is not None and owner.group(1) == owner.group(2), line
    assert line == (
        f"reflectiebot: Het instellingenbestand {env_file} is niet leesbaar voor deze gebruiker; "
        f"draai de opdracht als de eigenaar, {owner.group(1)} (runuser -u {owner.group(1)} -- …), "
        "of geef deze gebruiker leesrecht (docs/beheer.md §3)."
    )


def test_an_env_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "env").write_bytes(b"SLACK_BOT_TOKEN=xoxb-\xff\xfe\n")
    result = run_cli("--env-file", "env", "check", cwd=tmp_path, env={})
    assert result.returncode == 2
    assert "Het instellingenbestand env is geen UTF-8-tekst" in only_line(result)


def test_the_default_env_file_may_be_absent(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path, env={})
    assert result.returncode == 2
    line = only_line(result)
    assert "SLACK_BOT_TOKEN: ontbreekt" in line and "Er is nog geen .env-bestand." in line


def test_a_bad_setting_names_the_env_file_it_came_from(tmp_path: Path) -> None:
    (tmp_path / "prod.env").write_text(GOOD + "PORT=abc\n")
    result = run_cli("--env-file", "prod.env", "check", cwd=tmp_path, env={})
    assert result.returncode == 2
    assert only_line(result) == (
        "reflectiebot: Instelling PORT: moet een heel getal zijn, niet 'abc'. "
        "Pas hem aan in prod.env."
    )


def test_a_bad_setting_from_the_environment_says_so(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(GOOD + "PORT=3000\n")
    result = run_cli("check", cwd=tmp_path, env={"PORT": "99999"})
    assert result.returncode == 2
    line = only_line(result)
    assert line.startswith("reflectiebot: Instelling PORT: moet tussen 1 en 65535 liggen")
    assert line.endswith("Pas hem aan in de omgeving, waar hij nu staat (die gaat voor op een "
                         ".env-bestand).")  # fmt: skip
    assert "Vul die in in .env" not in line


def test_a_missing_setting_names_the_env_file_given(tmp_path: Path) -> None:
    (tmp_path / "prod.env").write_text("SLACK_SIGNING_SECRET=s\n")
    result = run_cli("--env-file", "prod.env", "run", cwd=tmp_path, env={})
    assert result.returncode == 2
    assert only_line(result) == (
        "reflectiebot: Instelling SLACK_BOT_TOKEN: ontbreekt (begint met xoxb-). "
        "Vul die in in prod.env (zie .env.example) of zet hem in de omgeving."
    )
