"""When a listener fails: log what failed (never the payload) and tell the user politely.

`handle_unexpected_error` is the app's Bolt error handler. `guarded` keeps a listener's ack when
the listener fails after acknowledging: Bolt 1.30's thread runner then resets the ack to None and,
unless the request thread happened to see it in its 10 ms poll, waits the full 3 s and answers
Slack 404 "unhandled request", so the user sees an error although the bot had answered.
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltResponse
from slack_sdk.errors import SlackClientError
from slack_sdk.webhook import WebhookClient

from bot.lifecycle import LISTENER_WORK
from bot.slack_ops import WEB_API_TIMEOUT_SECONDS
from storage.engine import StorageClosedError

log = logging.getLogger(__name__)

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
            view = body.get("view")
            state = view.get("state") if isinstance(view, dict) else None
            values = state.get("values") if isinstance(state, dict) else None
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


def work_kind(body: dict[str, Any]) -> str:
    """What a request is, for a log line: '/knelpunt', 'view_submission', 'event message'."""
    command = body.get("command")
    if isinstance(command, str):
        return command
    event = body.get("event")
    if isinstance(event, dict):
        return f"event {event.get('type') or 'onbekend'}"
    return str(body.get("type") or "onbekend")


def log_storage_error(logger: logging.Logger, what: str, error: BaseException) -> None:
    """Log a database error at ERROR by its kind only.

    A SQLAlchemy error's message (and so its traceback) carries the statement's parameters: an
    answer's text, a Slack id. Neither is written; the kind is enough to see what failed.
    """
    if isinstance(error, StorageClosedError):  # a stop that ran out of time: not a failure
        logger.warning("%s: the bot is stopping (%s)", what, type(error).__name__)
        return
    logger.error("%s: %s", what, type(error).__name__)


Listener = Callable[..., Any]


def guarded(listener: Listener) -> Listener:
    """`listener`, handling its own failure after ack() as Bolt's error handler would."""
    own = inspect.getfullargspec(listener).args
    needed = list(dict.fromkeys([*own, "ack", "body"]))

    def run(**kwargs: Any) -> Any:
        ack: Ack = kwargs["ack"]
        try:
            with LISTENER_WORK.track(work_kind(kwargs["body"])):
                return listener(**{name: kwargs[name] for name in own})
        except Exception as error:
            if ack.response is None:
                raise
            handle_unexpected_error(error, kwargs["body"], None)
            return None

    # Bolt injects arguments by the names in the signature: ours plus ack and body.
    run.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for name in needed]
    )
    run.__name__, run.__qualname__ = listener.__name__, listener.__qualname__
    run.__doc__ = listener.__doc__
    return run
