"""Whatever no other listener takes is acknowledged with 200 and, where a person acted, answered.

Without these Bolt answers 404 "unhandled request" and logs the payload; Slack then shows the
user an error. Registered last: Bolt runs the first listener that matches, so these only see what
the others did not: buttons and modals left from an earlier version (their ids changed),
view_closed, shortcuts and commands the app does not have, option requests, event types nobody
listens to, and `app_rate_limited` (which Slack sends without a subscription, outside the usual
event envelope).
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Any

from slack_bolt import Ack, App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot.backoff import PAUSE
from bot.failures import guarded
from bot.listeners.events.app_home import publish_home
from bot.registry import Feature
from bot.services import Services
from bot.slack_ops import SLACK_ERRORS, WEB_API_TIMEOUT_SECONDS
from bot.views.fallbacks import (
    build_info_modal,
    build_no_longer_works,
    build_old_modal_error,
    build_unknown_command,
)
from bot.views.mrkdwn import Reply

log = logging.getLogger(__name__)

FEATURE = Feature(interactive=True)
ANY = re.compile("")  # matches every id, also the empty one


def register(app: App, services: Services) -> None:
    """Attach the catch-all listeners (after every other module) and the rate-limit notice."""
    from bot.listeners import features  # the listener package imports this module

    known = [command.name for feature in features() for command in feature.commands]

    def handle_rate_limited(body: dict[str, Any], next: Any) -> BoltResponse | None:
        """Slack's app_rate_limited notice: log it once, let the planner pause, answer 200."""
        if body.get("type") != "app_rate_limited":
            return next()  # type: ignore[no-any-return]
        note_rate_limited(body, services)
        return BoltResponse(status=200, body="")

    def handle_unknown_command(ack: Ack, command: dict[str, Any]) -> None:
        """A command the app does not have: say which ones it has."""
        reply = build_unknown_command(str(command.get("command") or ""), known)
        ack(text=reply.text, blocks=reply.blocks, response_type="ephemeral")

    def handle_old_action(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """A button or menu from an earlier version: tell the user it no longer works."""
        ack()
        log.info("an interaction nobody handles (%s)", _kind(body))
        tell_no_longer_works(body, client, services, thing="Deze knop")

    def handle_unknown_shortcut(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """A shortcut the app does not have (any more)."""
        ack()
        log.info("a shortcut nobody handles")
        tell_no_longer_works(body, client, services, thing="Deze snelkoppeling")

    def handle_old_view(ack: Ack, view: dict[str, Any]) -> None:
        """An old modal submitted: keep it open with a field error, so the text is not lost."""
        state = view.get("state")
        values = state.get("values") if isinstance(state, dict) else None
        first = next(iter(values), None) if isinstance(values, dict) else None
        log.info("a modal submission nobody handles")
        if first:
            ack(response_action="errors", errors={first: build_old_modal_error()})
        else:
            old = build_no_longer_works("Dit venster")
            ack(response_action="update", view=build_info_modal(old))

    def handle_closed(ack: Ack) -> None:
        """A modal was closed (or notify_on_close was set): nothing to do."""
        ack()

    def handle_options(ack: Ack) -> None:
        """An options request for a menu the app does not have: no options."""
        ack(options=[])

    def handle_other_event(event: dict[str, Any]) -> None:
        """An event type nobody listens to: acknowledged (Bolt does), nothing to do."""
        log.debug("an event nobody handles (%s)", str(event.get("type"))[:40])

    app.middleware(handle_rate_limited)
    app.command(ANY)(handle_unknown_command)
    app.action(ANY)(guarded(handle_old_action))
    app.shortcut(ANY)(guarded(handle_unknown_shortcut))
    app.view(ANY)(guarded(handle_old_view))
    app.view_closed(ANY)(handle_closed)
    app.options(ANY)(handle_options)
    app.event(ANY)(handle_other_event)


def note_rate_limited(body: dict[str, Any], services: Services) -> None:
    """Pause the planner's posts; a WARNING when the pause is new or longer, else DEBUG."""
    now = services.clock()
    minute = body.get("minute_rate_limited")
    start = now
    if isinstance(minute, int) and not isinstance(minute, bool):
        start = max(now, datetime.fromtimestamp(minute, UTC))
    until = start + PAUSE
    if services.backoff.hold_until(until, notice=(body.get("team_id"), minute)):
        log.warning(
            "Slack limits the events it sends this app (app_rate_limited, team %s); "
            "the planner holds its posts until %s",
            str(body.get("team_id"))[:20],
            until.isoformat(timespec="seconds"),
        )
    else:
        log.debug("app_rate_limited again for the same pause")


def _kind(body: dict[str, Any]) -> str:
    action = (body.get("actions") or [{}])[0]
    return f"{body.get('type')}, {str(action.get('action_id') or body.get('callback_id'))[:60]}"


def tell_no_longer_works(
    body: dict[str, Any], client: WebClient, services: Services, *, thing: str
) -> None:
    """Answer where the user acted: in the conversation, over the Home tab, or over the modal."""
    response_url = body.get("response_url")
    container = body.get("container") or {}
    view = body.get("view") or {}
    user_id = str((body.get("user") or {}).get("id") or "")
    trigger_id = body.get("trigger_id")
    try:
        if isinstance(response_url, str) and response_url.startswith("http"):
            reply = build_no_longer_works(thing)
            _send_ephemeral(response_url, reply)
        elif not isinstance(trigger_id, str):
            log.info("nobody to tell: the interaction has neither response_url nor trigger_id")
        elif container.get("type") == "view" and view.get("type") == "modal":
            modal = build_info_modal(build_no_longer_works(thing))
            client.views_push(trigger_id=trigger_id, view=modal)  # over theirs: nothing lost
        else:
            home = view.get("type") == "home"
            modal = build_info_modal(build_no_longer_works(thing, home_refreshed=home))
            client.views_open(trigger_id=trigger_id, view=modal)  # the trigger is valid 3 s
            if home:
                publish_home(client, user_id, services)  # the old button disappears
    except SLACK_ERRORS as error:
        log.warning("could not tell the user a button no longer works: %s", type(error).__name__)


def _send_ephemeral(response_url: str, reply: Reply) -> None:
    WebhookClient(response_url, timeout=WEB_API_TIMEOUT_SECONDS).send(
        text=reply.text, blocks=reply.blocks, response_type="ephemeral", replace_original=False
    )
