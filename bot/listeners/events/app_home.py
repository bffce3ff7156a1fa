"""The Home tab: published when the user opens it, and again after they change something."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError

from bot.home import gather_home
from bot.membership import MEMBERSHIP_SCOPES
from bot.registry import Feature
from bot.services import Services
from bot.slack_ops import SLACK_ERRORS
from bot.views.home import build_home

log = logging.getLogger(__name__)

FEATURE = Feature(bot_events=("app_home_opened",), scopes=MEMBERSHIP_SCOPES, home_tab=True)


def register(app: App, services: Services) -> None:
    """Attach the app_home_opened listener."""

    def handle_home_opened(event: dict[str, Any], client: WebClient) -> None:
        """Publish a fresh Home tab (the Messages tab needs nothing)."""
        if event.get("tab", "home") == "home":
            publish_home(client, str(event.get("user") or ""), services)

    app.event("app_home_opened")(handle_home_opened)


def publish_home(client: WebClient, user_id: str, services: Services) -> None:
    """Build and publish the user's Home tab; a failure is logged, never raised."""
    if not user_id:
        return
    try:
        data = gather_home(
            client,
            user_id,
            engine=services.engine,
            timezone=services.settings.timezone,
            now=services.clock(),
            retention_days=services.settings.retention_days,
            beleidsadviseur=user_id in services.settings.beleidsadviseurs,
        )
        client.views_publish(
            user_id=user_id, view=build_home(data, knelpunten=services.knelpunt_options())
        )
    except (*SLACK_ERRORS, SQLAlchemyError) as error:
        log.warning("could not publish the Home tab: %s", type(error).__name__)
