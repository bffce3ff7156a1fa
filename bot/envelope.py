"""Is a POST body shaped like something Slack sends? Checked before Bolt parses it.

Bolt reads a few fields of every request (the payload's type, team, user, channel, actions, view,
an event's authorizations) before any listener runs, and raises on the wrong type, which would be
a 500. A request of the wrong shape cannot be from Slack: it gets a 400 here instead.
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
    return None


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
