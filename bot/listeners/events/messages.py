"""Thread replies under a prompt become answers; edits update them, deletions delete them."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.exc import SQLAlchemyError

from bot import ids
from bot.answers import ThreadOutcome, check_thread_reply, process_thread_event, thread_reply
from bot.failures import guarded
from bot.registry import Feature
from bot.services import Services
from bot.views.answers import (
    build_thread_not_stored_busy,
    build_thread_refusal,
    build_thread_too_long,
)
from storage.engine import session_scope

log = logging.getLogger(__name__)

FEATURE = Feature(
    bot_events=("message.channels", "message.groups"),
    scopes=("channels:history", "groups:history", "reactions:write", "chat:write"),
)


def register(app: App, services: Services) -> None:
    """Attach the message listener (Bolt acks events itself, before this runs)."""

    def handle_message(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        """Store the reply once (Slack may retry the event), then give a light touch.

        The text is checked (length, client data, knelpunten) before the write transaction,
        so the process-wide write lock is held only for the writing itself.
        """
        try:
            check = check_thread_reply(event, engine=services.engine, recognise=services.recognise)
            with session_scope(services.engine) as session:
                outcome = process_thread_event(
                    event, session=session, event_id=body.get("event_id"), check=check
                )
        except SQLAlchemyError as error:
            # Acked already, so Slack will not redeliver it: ask the author to try again.
            log.warning("a thread reply could not be stored: %s", type(error).__name__)
            outcome = busy_outcome(event)
        give_feedback(client, outcome)

    app.event("message")(guarded(handle_message))


def busy_outcome(event: dict[str, Any]) -> ThreadOutcome:
    """A reply that may be an answer but could not be stored (nothing was: it all rolled back)."""
    reply = thread_reply(event)
    if reply is None:
        return ThreadOutcome("ignored")
    return ThreadOutcome(
        "busy",
        channel_id=reply.channel_id,
        message_ts=reply.ts,
        thread_ts=reply.thread_ts,
        user_id=reply.user_id,
    )


def give_feedback(client: WebClient, outcome: ThreadOutcome) -> None:
    """A reaction when an answer was kept; a private note when it could not be."""
    try:
        if outcome.action == "stored":
            client.reactions_add(
                channel=outcome.channel_id, timestamp=outcome.message_ts, name=ids.STORED_REACTION
            )
        elif outcome.action in ("refused", "too_long", "busy"):
            text = {
                "refused": lambda: build_thread_refusal(outcome.privacy),
                "too_long": build_thread_too_long,
                "busy": build_thread_not_stored_busy,
            }[outcome.action]()
            client.chat_postEphemeral(
                channel=outcome.channel_id,
                user=outcome.user_id,
                thread_ts=outcome.thread_ts,
                text=text,
            )
    except SlackApiError as error:
        if error.response.get("error") != "already_reacted":
            log.warning("feedback on a thread reply failed: %s", error.response.get("error"))
    except (SlackClientError, OSError) as error:
        log.warning("feedback on a thread reply failed: %s", type(error).__name__)
