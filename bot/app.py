"""Build the Bolt app: a WebClient on SLACK_API_URL with retries, and every listener."""

from __future__ import annotations

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.webhook import WebhookClient
from sqlalchemy import Engine

from bot import listeners
from bot.services import Services
from bot.settings import Settings

log = logging.getLogger(__name__)

WEB_API_TIMEOUT_SECONDS = 10
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
        logger=logging.getLogger("slack_bolt"),
        # Listeners ack first and then work; with Bolt's default 5 workers an ack could wait
        # behind other requests' work (bench/ack_latency). Most of that work waits on I/O.
        listener_executor=ThreadPoolExecutor(
            max_workers=LISTENER_WORKERS, thread_name_prefix="listener"
        ),
    )
    listeners.register(app, services or Services.for_settings(settings, engine))
    app.error(handle_unexpected_error)
    return app


SORRY = "Er ging iets mis aan onze kant; er is niets half bewaard. Probeer het zo opnieuw."


def handle_unexpected_error(
    error: Exception, body: dict[str, Any], response: BoltResponse | None
) -> BoltResponse | None:
    """A listener failed: log what failed (never the payload) and tell the user politely.

    Slack gets a 200, not a 500; an open modal stays open with the message, so nothing the
    user typed is lost.
    """
    kind = str(body.get("type") or ("command" if body.get("command") else "onbekend"))
    log.error(
        "a %s listener failed: %s", kind, type(error).__name__,
        exc_info=log.isEnabledFor(logging.DEBUG),
    )  # fmt: skip
    if response is not None and response.status >= 500:  # not acknowledged yet
        if kind == "view_submission":
            values = ((body.get("view") or {}).get("state") or {}).get("values") or {}
            first = next(iter(values), None) if isinstance(values, dict) else None
            if first:
                errors = {"response_action": "errors", "errors": {first: SORRY}}
                return BoltResponse(status=200, body=json.dumps(errors))
            return BoltResponse(status=200, body="")
        if kind == "command":
            reply = {"response_type": "ephemeral", "text": SORRY}
            return BoltResponse(status=200, body=json.dumps(reply))
        return BoltResponse(status=200, body="")
    response_url = body.get("response_url")
    if isinstance(response_url, str) and response_url.startswith("http"):
        try:
            WebhookClient(response_url, timeout=WEB_API_TIMEOUT_SECONDS).send(
                text=SORRY, response_type="ephemeral", replace_original=False
            )
        except (SlackClientError, OSError) as failure:
            log.warning("could not tell the user: %s", type(failure).__name__)
    return None
