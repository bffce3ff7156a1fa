"""Settings: what an administrator sees when .env is missing or wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import DEFAULT_DATABASE_URL, SettingsError, load_settings
from tests.helpers.cli import run_cli

VALID = {
    "SLACK_BOT_TOKEN": "xoxb-1234-5678-abcdef",
    "SLACK_SIGNING_SECRET": "geheim-voor-tests",
}


def test_defaults_give_http_mode_on_a_sqlite_file_in_amsterdam_time() -> None:
    settings = load_settings(VALID, env_file=None)
    assert not settings.socket_mode
    assert settings.port == 3000
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.timezone.key == "Europe/Amsterdam"
    assert settings.log_level == "INFO"


def test_app_token_switches_to_socket_mode_and_signing_secret_becomes_optional() -> None:
    settings = load_settings(
        {"SLACK_BOT_TOKEN": VALID["SLACK_BOT_TOKEN"], "SLACK_APP_TOKEN": "xapp-1-A0-123-abc"},
        env_file=None,
    )
    assert settings.socket_mode


def test_beheerders_and_partner_workspaces_are_lists_of_slack_ids_and_empty_by_default() -> None:
    default = load_settings(VALID, env_file=None)
    assert default.functioneel_beheerders == frozenset() == default.partner_workspaces
    named = load_settings(
        {
            **VALID,
            "FUNCTIONEEL_BEHEERDERS": "U0BEHEER1, W0BEHEER2",
            "PARTNER_WORKSPACES": "T0GGD E0ZORG",
        },
        env_file=None,
    )
    assert named.functioneel_beheerders == {"U0BEHEER1", "W0BEHEER2"}
    assert named.partner_workspaces == {"T0GGD", "E0ZORG"}


def test_api_url_gets_the_trailing_slash_the_sdk_needs() -> None:
    settings = load_settings({**VALID, "SLACK_API_URL": "http://127.0.0.1:9999/api"}, env_file=None)
    assert settings.slack_api_url == "http://127.0.0.1:9999/api/"


@pytest.mark.parametrize(
    ("override", "variable"),
    [
        ({"SLACK_BOT_TOKEN": ""}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxp-user-token-123"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_SIGNING_SECRET": ""}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_APP_TOKEN": "xoxb-not-an-app-token"}, "SLACK_APP_TOKEN"),
        ({"PORT": "drieduizend"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"SLACK_API_URL": "ftp://slack"}, "SLACK_API_URL"),
        ({"REFLECTIEBOT_TIMEZONE": "Europe/Utrecht"}, "REFLECTIEBOT_TIMEZONE"),
        ({"LOG_LEVEL": "CHATTY"}, "LOG_LEVEL"),
        ({"MIN_GROUP_SIZE": "1"}, "MIN_GROUP_SIZE"),
        ({"RETENTION_DAYS": "7"}, "RETENTION_DAYS"),
        ({"RETENTION_DAYS": "een jaar"}, "RETENTION_DAYS"),
        ({"KNELPUNTEN_FILE": "/bestaat/niet.toml"}, "KNELPUNTEN_FILE"),
        ({"FUNCTIONEEL_BEHEERDERS": "U0BEHEER, @jan"}, "FUNCTIONEEL_BEHEERDERS"),
        ({"PARTNER_WORKSPACES": "ketenpartner.slack.com"}, "PARTNER_WORKSPACES"),
    ],
)
def test_a_bad_setting_names_the_variable_and_where_to_change_it(
    override: dict[str, str], variable: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({**VALID, **override}, env_file=None)
    assert caught.value.variable == variable
    assert variable in str(caught.value)
    if next(iter(override.values())):  # a value, but a bad one, from the environment
        assert "Pas hem aan in de omgeving" in str(caught.value)
    else:
        assert "Zet hem in de omgeving (zie .env.example)." in str(caught.value)


@pytest.mark.parametrize(
    ("token", "said"),
    [
        ("xoxp-user-token-123", "moet een bot-token zijn dat begint met xoxb-."),
        ("xoxb-test-1", "is te kort voor een bot-token; is het bij het plakken afgebroken?"),
    ],
)
def test_a_bad_bot_token_says_what_is_wrong_with_it(token: str, said: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({**VALID, "SLACK_BOT_TOKEN": token}, env_file=None)
    assert said in str(caught.value)


def test_env_file_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("SLACK_BOT_TOKEN=xoxb-from-file-123\nPORT=4000\nSLACK_SIGNING_SECRET=s\n")
    settings = load_settings({"PORT": "5000"}, env_file=env_file)
    assert settings.bot_token == "xoxb-from-file-123"
    assert settings.port == 5000


def test_an_empty_variable_in_the_environment_is_blamed_not_the_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("SLACK_BOT_TOKEN=xoxb-from-file-123\nSLACK_SIGNING_SECRET=s\n")
    with pytest.raises(SettingsError) as caught:
        load_settings({"SLACK_BOT_TOKEN": ""}, env_file=env_file)
    said = str(caught.value)
    assert caught.value.variable == "SLACK_BOT_TOKEN"
    assert f"Hij staat leeg in de omgeving, en dat gaat voor op de waarde in {env_file}" in said
    assert "Pas hem aan in" not in said  # the file holds a good value; nothing to change there


def test_secrets_never_show_in_the_repr() -> None:
    settings = load_settings(
        {**VALID, "DATABASE_URL": "postgresql+psycopg://bot:wachtwoord@db/reflectiebot"},
        env_file=None,
    )
    shown = repr(settings)
    assert "xoxb-1234" not in shown
    assert "geheim-voor-tests" not in shown
    assert "wachtwoord" not in shown


def test_run_without_env_stops_with_one_line_and_exit_code_2(tmp_path: Path) -> None:
    result = run_cli("run", cwd=tmp_path, env={})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SLACK_BOT_TOKEN" in lines[0]
    assert ".env.example" in lines[0]
    assert not (tmp_path / "reflectiebot.db").exists()


def test_malformed_setting_in_env_file_stops_check_with_exit_code_2(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "SLACK_BOT_TOKEN=xoxb-1234-5678-abcdef\nSLACK_SIGNING_SECRET=s\nPORT=abc\n"
    )
    result = run_cli("check", cwd=tmp_path, env={})
    assert result.returncode == 2
    assert "PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_beleidsadviseurs_are_slack_ids_and_anything_else_is_refused() -> None:
    from bot.settings import load_settings

    found = load_settings({"BELEIDSADVISEURS": "U0AB12CD, W0EF34GH"}, env_file=None,
                          require_slack=False)  # fmt: skip
    assert found.beleidsadviseurs == frozenset({"U0AB12CD", "W0EF34GH"})
    assert load_settings({}, env_file=None, require_slack=False).beleidsadviseurs == frozenset()
    with pytest.raises(SettingsError, match="BELEIDSADVISEURS") as caught:
        load_settings({"BELEIDSADVISEURS": "U0AB12CD, Jan de Vries"}, env_file=None,
                      require_slack=False)  # fmt: skip
    assert "Lid-ID" in str(caught.value)
