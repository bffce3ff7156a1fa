"""The administrator's commands, run as real processes against the fake Slack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from storage.engine import create_db_engine
from tests.conftest import BOT_TOKEN, SIGNING_SECRET, make_team
from tests.fakes.slack_api import FakeSlack
from tests.helpers.cli import run_cli


def env_for(fake: FakeSlack, tmp_path: Path) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'reflectiebot.db'}",
    }


def test_check_migrates_and_prints_the_bot_and_workspace(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    result = run_cli("check", cwd=tmp_path, env=env_for(fake_slack, tmp_path))
    assert result.returncode == 0, result.stderr
    assert "@reflectiebot" in result.stdout
    assert "Gemeente Testdorp" in result.stdout
    assert "schema" in result.stdout
    assert BOT_TOKEN not in result.stdout + result.stderr
    assert (tmp_path / "reflectiebot.db").exists()


def test_check_with_a_refused_token_says_what_to_fix(fake_slack: FakeSlack, tmp_path: Path) -> None:
    fake_slack.valid_tokens = {"xoxb-the-real-one-000"}
    result = run_cli("check", cwd=tmp_path, env=env_for(fake_slack, tmp_path))
    assert result.returncode == 2  # a setting to change, as `run` says too (beheer.md §11)
    assert "invalid_auth" in result.stdout
    assert "SLACK_BOT_TOKEN" in result.stdout


def test_check_with_a_refused_app_token_says_what_to_fix(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    # No Socket Mode for this app at the fake Slack: apps.connections.open says invalid_auth.
    env = {**env_for(fake_slack, tmp_path), "SLACK_APP_TOKEN": "xapp-1-A0TEST-1-refused"}
    result = run_cli("check", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "✗ Slack weigert het app-token: invalid_auth." in result.stdout
    assert "SLACK_APP_TOKEN" in result.stdout


@pytest.mark.parametrize("mode", [0o644, 0o600])
def test_check_warns_when_the_settings_file_is_readable_by_others(
    mode: int, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("LOG_LEVEL=INFO\n")
    env_file.chmod(mode)
    result = run_cli("check", cwd=tmp_path, env=env_for(fake_slack, tmp_path))
    assert result.returncode == 0, result.stderr
    warning = ".env is leesbaar voor anderen (rechten 644) en bevat de tokens"
    if mode == 0o644:
        assert warning in result.stdout and "chmod 600" in result.stdout
    else:
        assert "leesbaar voor anderen" not in result.stdout


def test_run_logs_a_warning_when_the_settings_file_is_readable_by_others(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("LOG_LEVEL=INFO\n")
    env_file.chmod(0o644)
    nowhere = "http://127.0.0.1:9/api/"  # the run ends at once; the warning came before
    env = {**env_for(fake_slack, tmp_path), "SLACK_API_URL": nowhere}
    result = run_cli("run", cwd=tmp_path, env=env)
    assert result.returncode == 1
    [warning] = [line for line in result.stderr.splitlines() if " WARNING " in line]
    assert "leesbaar voor anderen (rechten 644)" in warning and "chmod 600" in warning


def test_migrate_needs_no_slack_tokens(tmp_path: Path) -> None:
    result = run_cli(
        "migrate", cwd=tmp_path, env={"DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"}
    )
    assert result.returncode == 0, result.stderr
    assert "bijgewerkt" in result.stdout


def test_post_prompts_posts_once_per_team_and_day(fake_slack: FakeSlack, tmp_path: Path) -> None:
    env = env_for(fake_slack, tmp_path)
    assert run_cli("migrate", cwd=tmp_path, env=env).returncode == 0
    engine: Engine = create_db_engine(env["DATABASE_URL"])
    make_team(engine, channel_id="C0NOORD")
    make_team(engine, channel_id="C0ZUID", name="Wijkteam Zuid")
    engine.dispose()

    one = run_cli("post-prompts", "--team", "C0ZUID", cwd=tmp_path, env=env)
    assert one.returncode == 0, one.stderr
    assert "C0ZUID Wijkteam Zuid: geplaatst" in one.stdout
    assert len(fake_slack.messages("C0ZUID")) == 1
    assert fake_slack.messages("C0NOORD") == []

    everyone = run_cli("post-prompts", cwd=tmp_path, env=env)
    assert "C0NOORD Wijkteam Noord: geplaatst" in everyone.stdout
    assert "C0ZUID Wijkteam Zuid: vandaag al geplaatst" in everyone.stdout
    assert len(fake_slack.messages("C0ZUID")) == 1

    unknown = run_cli("post-prompts", "--team", "C0ONBEKEND", cwd=tmp_path, env=env)
    assert unknown.returncode == 1
    assert "geen team" in unknown.stderr


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["restore", "x.db"], "reflectiebot: onbekende opdracht 'restore'; kies uit 'run', "),
        (
            ["digest", "--week"],
            "reflectiebot: --week verwacht een waarde (zie `reflectiebot digest",
        ),
        (["backup"], "reflectiebot: ontbreekt: BESTAND (zie `reflectiebot backup --help`)"),
        (["check", "--snel"], "reflectiebot: onbekende argumenten: --snel (zie `reflectiebot --h"),
        (
            ["check", "--env-file", "prod.env"],
            "reflectiebot: onbekende argumenten: --env-file prod.env (--env-file hoort vóór de "
            "opdracht: `reflectiebot --env-file BESTAND opdracht`)",
        ),
    ],
)
def test_a_mistake_on_the_command_line_is_one_dutch_line(
    argv: list[str], said: str, tmp_path: Path
) -> None:
    result = run_cli(*argv, cwd=tmp_path, env={})
    assert result.returncode == 2
    assert result.stderr.startswith(said)
    assert len(result.stderr.splitlines()) == 1  # not argparse's usage line and English error


@pytest.mark.parametrize("command", ["manifest", "demo", "train"])
def test_a_wrong_env_file_path_shows_also_where_the_command_needs_no_settings(
    command: str, tmp_path: Path
) -> None:
    result = run_cli("--env-file", str(tmp_path / "prod.env"), command, cwd=tmp_path, env={})
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"reflectiebot: Het instellingenbestand {tmp_path / 'prod.env'}")
    assert result.stdout == ""


@pytest.mark.parametrize("argv", [["--help"], ["backup", "--help"], ["digest", "-h"]])
def test_the_help_is_dutch(argv: list[str], tmp_path: Path) -> None:
    result = run_cli(*argv, cwd=tmp_path, env={})
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: reflectiebot")
    assert "opties:" in result.stdout and "toon deze hulp en stop" in result.stdout
    for english in ("usage:", "positional arguments", "options:", "show this help"):
        assert english not in result.stdout


def test_a_mistake_on_the_command_line_is_json_for_a_siem(tmp_path: Path) -> None:
    result = run_cli("restore", cwd=tmp_path, env={"LOG_FORMAT": "json"})
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    record = json.loads(line)
    assert record["level"] == "ERROR" and record["message"].startswith("onbekende opdracht")
