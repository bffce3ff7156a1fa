"""Build the Bolt app: a WebClient on SLACK_API_URL with retries, and every listener."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from sqlalchemy import Engine

from bot import listeners
from bot.failures import handle_unexpected_error
from bot.lifecycle import DrainingExecutor
from bot.logs import bolt_logger
from bot.services import Services
from bot.settings import Settings
from bot.slack_ops import WEB_API_TIMEOUT_SECONDS
from bot.workspace import workspace_guard

log = logging.getLogger(__name__)

LISTENER_WORKERS = 16


def build_web_client(settings: Settings, token: str | None = None) -> WebClient:
    """A WebClient for SLACK_API_URL that retries on 429 (Retry-After), 5xx and lost connections."""
    client = WebClient(
        token=token or settings.bot_token,
        base_url=settings.slack_api_url,
        timeout=WEB_API_TIMEOUT_SECONDS,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )
    return client


def create_app(
    settings: Settings,
    *,
    engine: Engine,
    client: WebClient | None = None,
    token_verification: bool = True,
    services: Services | None = None,
) -> App:
    """The Bolt app with all listeners; with token verification it calls auth.test once."""
    app = App(
        client=client or build_web_client(settings),
        signing_secret=settings.signing_secret or "",
        token_verification_enabled=token_verification,
        # Socket Mode requests carry no signature; Bolt skips the check for them by itself.
        request_verification_enabled=True,
        logger=bolt_logger(),  # takes request bodies out of what Bolt logs at INFO
        # Listeners ack first and then work; with Bolt's default 5 workers an ack could wait
        # behind other requests' work (bench/ack_latency). Most of that work waits on I/O.
        # It counts the work under way, so a stop can wait for it (bot/runner.py).
        listener_executor=DrainingExecutor(
            max_workers=LISTENER_WORKERS, thread_name_prefix="listener"
        ),
    )
    # Before any listener: other workspaces' payloads (Slack Connect) are acked and ignored.
    app.use(workspace_guard(settings.partner_workspaces))
    listeners.register(app, services or Services.for_settings(settings, engine))
    app.error(handle_unexpected_error)
    return app
