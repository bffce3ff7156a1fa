"""Only members of the installing workspace (or its Enterprise Grid org) count.

In a Slack Connect channel people of other organisations read and write along; their replies,
modal answers and commands reach the bot too. Every request first passes `guard`: a payload
whose actor belongs to another workspace is acknowledged and ignored, nothing stored (unless
PARTNER_WORKSPACES names that workspace or org). Where the actor sits in each payload follows
bolt-python's own extraction (slack_bolt.request.internals, extract_actor_team_id and its
tests with Slack Connect payloads), extended to the message a message_changed/_deleted is about.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext, BoltResponse

log = logging.getLogger(__name__)

FOREIGN_COMMAND = (
    "Reflectiebot is er alleen voor de medewerkers van de gemeente die hem heeft geïnstalleerd. "
    "Vanuit jouw werkruimte wordt hier niets bewaard."
)
FOREIGN_MODAL = (
    "Dit antwoord kan ik niet bewaren: Reflectiebot is er alleen voor de medewerkers van de "
    "gemeente die hem heeft geïnstalleerd. Er is niets opgeslagen."
)


@dataclass(frozen=True)
class Actor:
    """The workspace and Enterprise Grid org of whoever sent a payload, as far as it says."""

    team_id: str | None
    enterprise_id: str | None


@dataclass(frozen=True)
class Home:
    """The installing workspace (and its org), plus partner workspaces or orgs that count."""

    team_id: str | None
    enterprise_id: str | None
    partners: frozenset[str] = frozenset()

    def includes(self, actor: Actor) -> bool:
        """Whether the actor counts as a member."""
        teams = {self.team_id, *self.partners} - {None}
        orgs = {self.enterprise_id, *self.partners} - {None}
        return actor.team_id in teams or actor.enterprise_id in orgs


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _event_actor(body: Mapping[str, Any]) -> Actor | None:
    """The actor of an Events API payload; None when the channel is not shared externally."""
    if body.get("is_ext_shared_channel") is not True:
        return None  # everyone in it belongs to the installing workspace or its org
    event = body.get("event") or {}
    subject = event
    if event.get("subtype") == "message_changed":
        subject = event.get("message") or {}
    elif event.get("subtype") == "message_deleted":
        subject = event.get("previous_message") or {}
    team = _text(subject.get("user_team")) or _text(subject.get("team"))
    if team is None:
        return Actor(None, None)  # unknown: in a shared channel, nothing is taken on trust
    if team.startswith("E"):  # a connected Grid org names its org, not a workspace
        return Actor(None, team)
    enterprise = _text(body.get("enterprise_id")) if team == body.get("team_id") else None
    return Actor(team, enterprise)


def actor_of(body: Mapping[str, Any]) -> Actor | None:
    """Whose workspace a request comes from; None when it cannot be foreign."""
    if body.get("type") == "event_callback":
        return _event_actor(body)
    if body.get("command"):  # slash commands: form fields
        return Actor(_text(body.get("team_id")), _text(body.get("enterprise_id")))
    if body.get("type") in ("block_actions", "view_submission", "view_closed", "shortcut"):
        user = body.get("user") or {}
        team = body.get("team") or {}
        enterprise = body.get("enterprise") or {}
        return Actor(
            _text(user.get("team_id")) or _text(team.get("id")),
            _text(enterprise.get("id") if isinstance(enterprise, Mapping) else enterprise)
            or _text(team.get("enterprise_id")),
        )
    return None


def _first_input_block(body: Mapping[str, Any]) -> str | None:
    values = ((body.get("view") or {}).get("state") or {}).get("values") or {}
    return next(iter(values), None) if isinstance(values, Mapping) else None


def ignored_response(body: Mapping[str, Any]) -> BoltResponse:
    """The acknowledgement for a foreign payload: polite where a person waits, else empty."""
    if body.get("command"):
        reply = {"response_type": "ephemeral", "text": FOREIGN_COMMAND}
        return BoltResponse(status=200, body=json.dumps(reply))
    if body.get("type") == "view_submission":
        block = _first_input_block(body)
        if block:  # the modal stays open with its text, and says why
            errors = {"response_action": "errors", "errors": {block: FOREIGN_MODAL}}
            return BoltResponse(status=200, body=json.dumps(errors))
    return BoltResponse(status=200, body="")


def workspace_guard(partners: frozenset[str]) -> Callable[..., Any]:
    """A Bolt global middleware that acknowledges and ignores other workspaces' payloads."""

    def guard(
        body: dict[str, Any], context: BoltContext, next: Callable[[], None]
    ) -> BoltResponse | None:
        actor = actor_of(body)
        if actor is not None:
            installed = context.authorize_result
            home = Home(
                team_id=installed.team_id if installed else context.team_id,
                enterprise_id=installed.enterprise_id if installed else context.enterprise_id,
                partners=partners,
            )
            if not home.includes(actor):
                log.info("ignored a request from another workspace")
                return ignored_response(body)
        next()
        return None

    return guard
