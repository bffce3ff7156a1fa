"""Request bodies shaped like the ones Slack sends (taken from bolt-python's own tests)."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

TEAM_ID = "T0TEST"
TEAM_DOMAIN = "wijkteam-test"
API_APP_ID = "A0TEST"
VERIFICATION_TOKEN = "verification-token-unused"
BOT_USER_ID = "UBOT"
DEFAULT_USER = "U0LEIDER"
DEFAULT_CHANNEL = "C0NOORD"
DEFAULT_CHANNEL_NAME = "wijkteam-noord"

_counter = itertools.count(1)


def _next() -> int:
    return next(_counter)


def new_trigger_id() -> str:
    """A fresh trigger_id in Slack's format."""
    n = _next()
    return f"{1000000000 + n}.{1000 + n}.{n:032x}"[:48]


def default_response_url(kind: str = "commands") -> str:
    """A response_url in Slack's format; tests that want answers use FakeSlack.response_url()."""
    return f"https://hooks.slack.com/{kind}/{TEAM_ID}/{_next()}/fake"


def slash_command(
    command: str = "/wijkteam",
    text: str = "",
    user_id: str = DEFAULT_USER,
    channel_id: str = DEFAULT_CHANNEL,
    channel_name: str = DEFAULT_CHANNEL_NAME,
    response_url: str | None = None,
    trigger_id: str | None = None,
    team_id: str = TEAM_ID,
    user_name: str | None = None,
) -> dict[str, str]:
    """The form fields of a slash command request."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name or user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": API_APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url or default_response_url("commands"),
        "trigger_id": trigger_id or new_trigger_id(),
    }


def _user(user_id: str, team_id: str) -> dict[str, Any]:
    name = user_id.lower()
    return {"id": user_id, "username": name, "name": name, "team_id": team_id}


def block_actions(
    action_id: str,
    value: str | None = None,
    user_id: str = DEFAULT_USER,
    channel_id: str = DEFAULT_CHANNEL,
    message_ts: str | None = None,
    trigger_id: str | None = None,
    response_url: str | None = None,
    *,
    block_id: str = "b0",
    action_type: str = "button",
    message: dict[str, Any] | None = None,
    team_id: str = TEAM_ID,
) -> dict[str, Any]:
    """A block_actions payload: a button click on a message in a channel."""
    ts = message_ts or "1763800000.000100"
    action: dict[str, Any] = {
        "action_id": action_id,
        "block_id": block_id,
        "type": action_type,
        "action_ts": f"{int(time.time())}.{_next():06d}",
    }
    if action_type == "button":
        action["text"] = {"type": "plain_text", "text": "Button", "emoji": True}
    if value is not None:
        action["value"] = value
    return {
        "type": "block_actions",
        "user": _user(user_id, team_id),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "container": {
            "type": "message",
            "message_ts": ts,
            "channel_id": channel_id,
            "is_ephemeral": False,
        },
        "trigger_id": trigger_id or new_trigger_id(),
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel_id, "name": DEFAULT_CHANNEL_NAME},
        "message": message
        or {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": "BBOT",
            "app_id": API_APP_ID,
            "text": "",
            "ts": ts,
            "team": team_id,
            "blocks": [],
        },
        "state": {"values": {}},
        "response_url": response_url or default_response_url("actions"),
        "actions": [action],
    }


def view_submission(
    callback_id: str,
    state_values: dict[str, Any],
    user_id: str = DEFAULT_USER,
    private_metadata: str = "",
    *,
    view_id: str = "V0TEST",
    blocks: list[dict[str, Any]] | None = None,
    trigger_id: str | None = None,
    team_id: str = TEAM_ID,
) -> dict[str, Any]:
    """A view_submission payload; state_values is view.state.values (block_id → action_id → …)."""
    return {
        "type": "view_submission",
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, team_id),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "view": {
            "id": view_id,
            "team_id": team_id,
            "type": "modal",
            "blocks": blocks or [],
            "private_metadata": private_metadata,
            "callback_id": callback_id,
            "state": {"values": state_values},
            "hash": "1763800000.fakehash",
            "title": {"type": "plain_text", "text": "Reflectiebot"},
            "clear_on_close": False,
            "notify_on_close": False,
            "close": {"type": "plain_text", "text": "Annuleren"},
            "submit": {"type": "plain_text", "text": "Versturen"},
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": API_APP_ID,
            "external_id": "",
            "app_installed_team_id": team_id,
            "bot_id": "BBOT",
        },
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def event_callback(
    event: dict[str, Any],
    event_id: str | None = None,
    event_time: int | None = None,
    *,
    team_id: str = TEAM_ID,
) -> dict[str, Any]:
    """The full Events API envelope around one event."""
    channel = event.get("channel", "")
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "api_app_id": API_APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{_next():010d}",
        "event_time": event_time if event_time is not None else int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{event.get('type', 'event')}-{team_id}-{channel}",
    }


def _rich_text(text: str) -> list[dict[str, Any]]:
    return [
        {
            "type": "rich_text",
            "block_id": "rt0",
            "elements": [
                {"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}
            ],
        }
    ]


def message_event(
    channel: str = DEFAULT_CHANNEL,
    user: str = DEFAULT_USER,
    text: str = "",
    ts: str = "1763800000.000200",
    thread_ts: str | None = None,
    channel_type: str = "channel",
    *,
    bot_id: str | None = None,
    team_id: str = TEAM_ID,
) -> dict[str, Any]:
    """A `message` event; with thread_ts it is a reply in that thread."""
    event: dict[str, Any] = {
        "client_msg_id": f"00000000-0000-4000-8000-{_next():012d}",
        "type": "message",
        "text": text,
        "user": user,
        "ts": ts,
        "blocks": _rich_text(text),
        "team": team_id,
        "channel": channel,
        "event_ts": ts,
        "channel_type": channel_type,
    }
    if thread_ts is not None:
        event["thread_ts"] = thread_ts
        event["parent_user_id"] = BOT_USER_ID
    if bot_id is not None:
        del event["client_msg_id"]
        event["bot_id"] = bot_id
        event["app_id"] = API_APP_ID
        event["bot_profile"] = {"id": bot_id, "app_id": API_APP_ID, "name": "bot", "deleted": False}
    return event


def message_changed_event(
    channel: str = DEFAULT_CHANNEL,
    user: str = DEFAULT_USER,
    text: str = "",
    ts: str = "1763800000.000200",
    thread_ts: str | None = None,
    previous_text: str = "(previous text)",
    *,
    event_ts: str | None = None,
    channel_type: str = "channel",
    team_id: str = TEAM_ID,
) -> dict[str, Any]:
    """A `message_changed` event: the message at `ts` was edited to `text`."""
    when = event_ts or f"{int(float(ts)) + 60}.{_next():06d}"
    message: dict[str, Any] = {
        "type": "message",
        "text": text,
        "user": user,
        "team": team_id,
        "ts": ts,
        "edited": {"user": user, "ts": when.split(".")[0] + ".000000"},
        "blocks": _rich_text(text),
    }
    previous: dict[str, Any] = {
        "type": "message",
        "text": previous_text,
        "user": user,
        "team": team_id,
        "ts": ts,
        "blocks": _rich_text(previous_text),
    }
    if thread_ts is not None:
        for item in (message, previous):
            item["thread_ts"] = thread_ts
            item["parent_user_id"] = BOT_USER_ID
    return {
        "type": "message",
        "subtype": "message_changed",
        "message": message,
        "previous_message": previous,
        "channel": channel,
        "hidden": True,
        "ts": when,
        "event_ts": when,
        "channel_type": channel_type,
    }


def message_deleted_event(
    channel: str = DEFAULT_CHANNEL,
    ts: str = "1763800000.000200",
    thread_ts: str | None = None,
    user: str = DEFAULT_USER,
    previous_text: str = "(deleted text)",
    *,
    event_ts: str | None = None,
    channel_type: str = "channel",
    team_id: str = TEAM_ID,
) -> dict[str, Any]:
    """A `message_deleted` event: the message at `ts` was deleted."""
    when = event_ts or f"{int(float(ts)) + 120}.{_next():06d}"
    previous: dict[str, Any] = {
        "type": "message",
        "text": previous_text,
        "user": user,
        "team": team_id,
        "ts": ts,
    }
    if thread_ts is not None:
        previous["thread_ts"] = thread_ts
        previous["parent_user_id"] = BOT_USER_ID
    return {
        "type": "message",
        "subtype": "message_deleted",
        "previous_message": previous,
        "channel": channel,
        "hidden": True,
        "deleted_ts": ts,
        "event_ts": when,
        "ts": when,
        "channel_type": channel_type,
    }


def large_select_in_modal(
    action_id: str, size_bytes: int = 700_000, user_id: str = DEFAULT_USER, team_id: str = TEAM_ID
) -> dict[str, Any]:
    """A block_actions payload of about `size_bytes`: a select with very many options in a modal.

    The shape is the large envelope of slackapi/python-slack-sdk's
    tests/slack_sdk/socket_mode/mock_socket_mode_server.py (a static_select with option_groups
    inside a modal), grown to the size asked for.
    """
    option = {
        "text": {"type": "plain_text", "text": "b" * 75, "emoji": True},
        "value": "a" * 75,
    }
    per_option = len(json.dumps(option)) + 1
    groups = [
        {
            "label": {"type": "plain_text", "text": "Label" * 8, "emoji": True},
            "options": [option] * 100,
        }
        for _ in range(max(1, size_bytes // (per_option * 100)))
    ]
    view_id = f"V{_next():010d}"
    return {
        "type": "block_actions",
        "user": _user(user_id, team_id),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "container": {"type": "view", "view_id": view_id},
        "trigger_id": new_trigger_id(),
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
        "view": {
            "id": view_id,
            "team_id": team_id,
            "type": "modal",
            "blocks": [
                {
                    "type": "actions",
                    "block_id": "block",
                    "elements": [
                        {"type": "static_select", "action_id": action_id, "option_groups": groups}
                    ],
                }
            ],
            "private_metadata": "",
            "callback_id": "",
            "state": {"values": {"block": {action_id: {"type": "static_select"}}}},
            "hash": "1655863316.uFehmGP0",
            "title": {"type": "plain_text", "text": "My title", "emoji": True},
            "root_view_id": view_id,
            "app_id": API_APP_ID,
            "app_installed_team_id": team_id,
            "bot_id": "BBOT",
        },
        "actions": [
            {
                "type": "static_select",
                "action_id": action_id,
                "block_id": "block",
                "selected_option": option,
                "action_ts": f"{int(time.time())}.{_next():06d}",
            }
        ],
    }


# --- Slack Connect: shapes from bolt-python's tests/slack_bolt/request/test_internals.py and
# tests/scenario_tests/test_view_submission.py (connect_channel_payload) ----------------------


def shared_channel_event(
    event: dict[str, Any],
    *,
    actor_team: str,
    actor_enterprise: str | None = None,
    installed_team: str = TEAM_ID,
    event_id: str | None = None,
) -> dict[str, Any]:
    """An Events API envelope from an externally shared (Slack Connect) channel.

    As Slack sends it for a member of the other organisation: the envelope's team_id and
    enterprise_id are the actor's, the installation is in `authorizations` and context_*.
    """
    envelope = event_callback(event, event_id=event_id, team_id=actor_team)
    envelope.update(
        {
            "enterprise_id": actor_enterprise,
            "context_team_id": installed_team,
            "context_enterprise_id": None,
            "is_ext_shared_channel": True,
        }
    )
    envelope["authorizations"][0]["team_id"] = installed_team
    return envelope


def connect_view_submission(
    callback_id: str,
    state_values: dict[str, Any],
    *,
    user_id: str,
    actor_team: str,
    actor_enterprise: str | None = None,
    private_metadata: str = "",
    installed_team: str = TEAM_ID,
) -> dict[str, Any]:
    """A view_submission by someone on the other side of a Slack Connect channel."""
    payload = view_submission(
        callback_id, state_values, user_id, private_metadata, team_id=actor_team
    )
    payload["team"] = {"id": actor_team, "domain": "other-side"}
    if actor_enterprise:
        payload["team"]["enterprise_id"] = actor_enterprise
        payload["enterprise"] = {"id": actor_enterprise, "name": "Andere organisatie"}
    payload["view"]["app_installed_team_id"] = installed_team
    return payload
