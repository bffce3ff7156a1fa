"""What the app registers with Slack: one source for the listeners and the app manifest."""

from __future__ import annotations

from dataclasses import dataclass

# Scopes every installation needs, whatever features are on.
BASE_BOT_SCOPES: tuple[str, ...] = ("commands", "chat:write")


@dataclass(frozen=True)
class SlashCommand:
    """A slash command as Slack's manifest declares it."""

    name: str
    description: str
    usage_hint: str
    scopes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feature:
    """What one listener module adds to the Slack app: commands, events, scopes, interactivity."""

    commands: tuple[SlashCommand, ...] = ()
    bot_events: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()
    interactive: bool = False
    home_tab: bool = False
