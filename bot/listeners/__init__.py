"""Slack listeners, grouped by kind; `register` wires them all to the app."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands import wijkteam
from bot.registry import Feature
from bot.services import Services

# Every listener module: its Feature feeds the manifest, its register() feeds the app.
MODULES = (wijkteam,)


def features() -> list[Feature]:
    """What the registered listeners need from Slack (commands, events, scopes)."""
    return [module.FEATURE for module in MODULES]


def register(app: App, services: Services) -> None:
    """Attach every listener to the app."""
    for module in MODULES:
        module.register(app, services)
