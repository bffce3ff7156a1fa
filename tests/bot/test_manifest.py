"""The manifest an administrator pastes into Slack."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot import listeners
from bot.manifest import build_manifest


def test_socket_mode_manifest_declares_commands_without_urls() -> None:
    manifest = build_manifest(listeners.features())
    assert manifest["settings"]["socket_mode_enabled"] is True
    for command in manifest["features"]["slash_commands"]:
        assert "url" not in command
        assert command["should_escape"] is True  # so mentions arrive as <@U…|name>
    assert "commands" in manifest["oauth_config"]["scopes"]["bot"]


def test_http_manifest_points_every_url_at_slack_events() -> None:
    manifest = build_manifest(listeners.features(), http_base_url="https://bot.gemeente.nl/")
    assert manifest["settings"]["socket_mode_enabled"] is False
    urls = {command["url"] for command in manifest["features"]["slash_commands"]}
    assert urls == {"https://bot.gemeente.nl/slack/events"}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://bot.gemeente.nl", "https://bot.gemeente.nl/slack/events"),
        ("https://bot.gemeente.nl/slack/events", "https://bot.gemeente.nl/slack/events"),
        ("https://bot.gemeente.nl/slack/events/", "https://bot.gemeente.nl/slack/events"),
        ("https://www.gemeente.nl/reflectie", "https://www.gemeente.nl/reflectie/slack/events"),
        (
            "https://www.gemeente.nl/reflectie/slack/events",
            "https://www.gemeente.nl/reflectie/slack/events",
        ),
    ],
)
def test_http_manifest_takes_a_base_or_the_full_events_url(given: str, expected: str) -> None:
    manifest = build_manifest(listeners.features(), http_base_url=given)
    settings = manifest["settings"]
    urls = {command["url"] for command in manifest["features"]["slash_commands"]}
    urls |= {settings["interactivity"]["request_url"]}
    urls |= {settings["event_subscriptions"]["request_url"]}
    assert urls == {expected}


def test_http_manifest_refuses_plain_http() -> None:
    with pytest.raises(ValueError, match="https"):
        build_manifest(listeners.features(), http_base_url="http://bot.gemeente.nl")


def test_scopes_are_those_the_registered_features_ask_for() -> None:
    manifest = build_manifest(listeners.features())
    wanted = {"commands", "chat:write"} | {
        scope for feature in listeners.features() for scope in feature.scopes
    }
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == wanted


def test_cli_prints_valid_json_for_slack() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "manifest", "--http", "https://bot.gemeente.nl"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    manifest = json.loads(result.stdout)
    assert manifest["display_information"]["name"] == "Reflectiebot"
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == [
        c.name for f in listeners.features() for c in f.commands
    ]


def test_the_readme_explains_every_scope_the_manifest_asks_for_and_no_other() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Rechten (scopes) en waarom")[1].split("\n\n", 2)[1]
    explained = set(re.findall(r"^\| `([a-z:]+)` \| \S", table, flags=re.MULTILINE))
    asked = set(build_manifest(listeners.features())["oauth_config"]["scopes"]["bot"])
    assert explained == asked
