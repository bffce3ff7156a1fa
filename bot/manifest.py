"""The Slack app manifest, generated from the same registry the listeners use."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from bot.registry import BASE_BOT_SCOPES, Feature

EVENTS_PATH = "/slack/events"
APP_NAME = "Reflectiebot"
APP_DESCRIPTION = "Reflectievragen, casuslog en een weekspiegel voor sociale wijkteams."
APP_LONG_DESCRIPTION = (
    "Reflectiebot brengt reflectie naar de plek waar je wijkteam al werkt. "
    "Hij stelt op vaste momenten een reflectievraag in het teamkanaal (leercultuur, "
    "casuïstiek en doorverwijzing), bewaart de antwoorden, laat je met /casus en /knelpunt "
    "in een paar seconden een casus of knelpunt vastleggen zonder cliëntgegevens, en stuurt "
    "teamleiders elke week een weekspiegel met de terugkerende knelpunten van het team."
)


def request_url(base_url: str) -> str:
    """The events URL Slack must call for an HTTP deployment at base_url.

    Both the base (https://host, https://host/pad) and the full events URL
    (https://host/slack/events) are accepted.
    """
    parts = urlsplit(base_url)
    if parts.scheme != "https" or not parts.netloc:
        raise ValueError(
            "Slack eist een https-adres, bijvoorbeeld https://reflectiebot.gemeente.nl"
        )
    if parts.query or parts.fragment:
        raise ValueError(
            "geef het adres zonder ? of #, bijvoorbeeld https://reflectiebot.gemeente.nl"
        )
    path = parts.path.rstrip("/")
    if path.endswith(EVENTS_PATH):
        path = path[: -len(EVENTS_PATH)]
    return f"https://{parts.netloc}{path}{EVENTS_PATH}"


def build_manifest(features: list[Feature], *, http_base_url: str | None = None) -> dict[str, Any]:
    """A manifest for Socket Mode, or for HTTP when http_base_url is given."""
    url = request_url(http_base_url) if http_base_url else None
    commands = [command for feature in features for command in feature.commands]
    scopes = sorted({*BASE_BOT_SCOPES, *(s for feature in features for s in feature.scopes)})
    bot_events = sorted({event for feature in features for event in feature.bot_events})
    interactive = any(feature.interactive for feature in features)
    home_tab = any(feature.home_tab for feature in features)

    slash_commands = []
    for command in commands:
        entry: dict[str, Any] = {
            "command": command.name,
            "description": command.description,
            "usage_hint": command.usage_hint,
            "should_escape": True,
        }
        if url:
            entry["url"] = url
        slash_commands.append(entry)

    settings: dict[str, Any] = {
        "org_deploy_enabled": False,
        "socket_mode_enabled": url is None,
        "token_rotation_enabled": False,
    }
    if interactive:
        settings["interactivity"] = {"is_enabled": True, **({"request_url": url} if url else {})}
    if bot_events:
        settings["event_subscriptions"] = {
            "bot_events": bot_events,
            **({"request_url": url} if url else {}),
        }

    app_features: dict[str, Any] = {
        "bot_user": {"display_name": APP_NAME, "always_online": True},
        "slash_commands": slash_commands,
    }
    if home_tab:
        app_features["app_home"] = {
            "home_tab_enabled": True,
            "messages_tab_enabled": True,
            "messages_tab_read_only_enabled": True,
        }
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": APP_NAME,
            "description": APP_DESCRIPTION,
            "long_description": APP_LONG_DESCRIPTION,
            "background_color": "#2c5f5d",
        },
        "features": app_features,
        "oauth_config": {"scopes": {"bot": scopes}},
        "settings": settings,
    }
