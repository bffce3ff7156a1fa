"""Slack listeners, grouped by kind; `register` wires them all to the app."""

from __future__ import annotations

from slack_bolt import App

from bot.digest import DIGEST_FEATURE
from bot.listeners import fallbacks
from bot.listeners.actions import agenda, answer_privately, data_rights, gemeente, team_admin
from bot.listeners.commands import casus, knelpunt, reflectie, wijkteam
from bot.listeners.events import app_home, messages
from bot.listeners.views import answer_modal
from bot.posting import POSTING_FEATURE
from bot.registry import Feature
from bot.services import Services

# Every listener module: its FEATURE feeds the manifest, its register() feeds the app.
# Bolt runs the first listener that matches a request: the catch-all fallbacks come last.
MODULES = (
    wijkteam,
    reflectie,
    casus,
    knelpunt,
    messages,
    answer_privately,
    answer_modal,
    agenda,
    app_home,
    data_rights,
    team_admin,
    gemeente,
    fallbacks,
)


def features() -> list[Feature]:
    """What the app needs from Slack: the listeners' and the scheduled jobs' needs."""
    return [module.FEATURE for module in MODULES] + [POSTING_FEATURE, DIGEST_FEATURE]


def register(app: App, services: Services) -> None:
    """Attach every listener to the app."""
    for module in MODULES:
        module.register(app, services)
