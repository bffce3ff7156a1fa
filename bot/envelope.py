"""Is a request shaped like something Slack sends? Checked before Bolt parses it.

Bolt reads a few fields of every request (the payload's type, team, user, channel, actions, view,
an event's authorizations, the ids its matchers compare) before any listener runs, and raises on
the wrong type, which would be a 500. A request of the wrong shape cannot be from Slack: over
HTTP it gets a 400 here instead. Socket Mode envelopes pass the same check (bot/socket_mode.py).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

MAX_BODY_BYTES = 1_000_000  # Slack's requests are far smaller

# field → the types it may have, where Bolt reads it
_PAYLOAD_FIELDS: dict[str, tuple[type, ...]] = {
    "type": (str,),
    "team": (dict, type(None)),
    "user": (dict, str, type(None)),
    "channel": (dict, type(None)),
    "enterprise": (dict, type(None)),
    "container": (dict,),
    "message": (dict,),
    "view": (dict,),
    "actions": (list,),
    "authorizations": (list,),
    "event": (dict,),
    "is_enterprise_install": (bool,),
    "team_id": (str, type(None)),
    "enterprise_id": (str, type(None)),
    "api_app_id": (str,),
    "trigger_id": (str,),
    "response_url": (str,),
}


def _shape_problem(data: Any) -> str | None:
    if not isinstance(data, dict):
        return "not a JSON object"
    for field, types in _PAYLOAD_FIELDS.items():
        if field in data and not isinstance(data[field], types):
            return f"{field} has the wrong type"
    actions = data.get("actions")
    if isinstance(actions, list) and not all(isinstance(action, dict) for action in actions):
        return "actions must be objects"
    view = data.get("view")
    if isinstance(view, dict) and not isinstance(view.get("type"), str):
        return "view without a type"
    event = data.get("event")
    if isinstance(event, dict) and not isinstance(event.get("type", ""), str):
        return "event type has the wrong type"
    # The ids Bolt's listener matchers look up (a missing one is a KeyError inside Bolt).
    kind = data.get("type")
    if kind == "block_actions" and not all(
        isinstance(action.get("action_id"), str) for action in actions or []
    ):
        return "action without an action_id"
    if kind in ("view_submission", "view_closed") and not isinstance(
        (view or {}).get("callback_id"), str
    ):
        return "view without a callback_id"
    if kind in _CALLBACK_TYPES and not isinstance(data.get("callback_id"), str):
        return "no callback_id"
    return None


# Payload types whose listeners Bolt matches on a top-level callback_id.
_CALLBACK_TYPES = frozenset(
    {"shortcut", "message_action", "interactive_message", "dialog_submission",
     "dialog_cancellation", "dialog_suggestion", "workflow_step_edit"}
)  # fmt: skip


def envelope_problem(body: bytes, content_type: str) -> str | None:
    """Why the body cannot be a Slack request, or None when Bolt may have it."""
    if len(body) > MAX_BODY_BYTES:
        return "too large"
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8"
    if content_type.startswith("application/json"):
        try:
            return _shape_problem(json.loads(text))
        except ValueError:
            return "not JSON"
    form = parse_qs(text, keep_blank_values=True)
    if "payload" in form:
        try:
            return _shape_problem(json.loads(form["payload"][0]))
        except ValueError:
            return "payload is not JSON"
    return None


# What a Socket Mode envelope carries besides its payload: field → the types it may have.
_ENVELOPE_FIELDS: dict[str, tuple[type, ...]] = {
    "type": (str,),
    "envelope_id": (str,),
    "payload": (dict,),
    "accepts_response_payload": (bool,),
    "retry_attempt": (int, type(None)),
    "retry_reason": (str, type(None)),
}


def socket_mode_problem(envelope: dict[str, Any]) -> str | None:
    """Why a Socket Mode envelope cannot be from Slack, or None when Bolt may have its payload.

    The payload gets the same check as an HTTP body: a slash command's payload holds the form
    fields (all text), the others the JSON an HTTP request would carry.
    """
    for field, types in _ENVELOPE_FIELDS.items():
        if field in envelope and not isinstance(envelope[field], types):
            return f"envelope {field} has the wrong type"
    payload = envelope.get("payload")
    if not isinstance(payload, dict):
        return "envelope without a payload"
    if envelope.get("type") == "slash_commands":
        if not all(isinstance(value, str) for value in payload.values()):
            return "slash command field that is not text"
        return None
    return _shape_problem(payload)
