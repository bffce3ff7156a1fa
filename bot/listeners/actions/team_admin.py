"""Confirmed team changes: remove a teamleider, unlink the team (keeping or erasing its data)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from sqlalchemy.exc import SQLAlchemyError

from bot import ids, rights
from bot.failures import guarded, log_storage_error
from bot.registry import Feature
from bot.services import Services
from bot.views import wijkteam as views
from bot.views.errors import build_storage_unavailable
from bot.views.inputs import action_value
from bot.views.mrkdwn import Reply
from storage import audit, teams
from storage.engine import session_scope

log = logging.getLogger(__name__)

FEATURE = Feature(interactive=True)


def register(app: App, services: Services) -> None:
    """Attach the confirmation buttons of `leider weg` and `ontkoppel`."""

    def handle_leader_remove(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        """A teamleider confirmed: remove the other (or themselves, if not the last)."""
        ack()
        reply = remove_leader(action_value(body), body["user"]["id"], services)
        respond(text=reply.text, blocks=reply.blocks, replace_original=True)
        services.on_team_changed()

    def handle_unlink(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        """A teamleider confirmed unlinking."""
        ack()
        action = (body.get("actions") or [{}])[0]
        keep = action.get("action_id") == ids.UNLINK_KEEP_ACTION
        reply = unlink(action_value(body), body["user"]["id"], keep_data=keep, services=services)
        respond(text=reply.text, blocks=reply.blocks, replace_original=True)
        services.on_team_changed()

    app.action(ids.LEADER_REMOVE_ACTION)(guarded(handle_leader_remove))
    app.action(ids.UNLINK_KEEP_ACTION)(guarded(handle_unlink))
    app.action(ids.UNLINK_ERASE_ACTION)(guarded(handle_unlink))


def remove_leader(value: str, user_id: str, services: Services) -> Reply:
    """Remove teamleider `value` ("team_id|user_id") if the clicker leads that team."""
    team_part, _, leader = value.partition("|")
    try:
        with session_scope(services.engine) as session:
            team = teams.get_led_team(session=session, team_ref=team_part, user_id=user_id)
            if team is None:
                return views.build_only_leaders_may("een teamleider weghalen")
            if not teams.is_teamleider(session=session, team=team, user_id=leader):
                return views.build_not_a_leader(team, leader)
            if len(teams.list_teamleiders(session=session, team=team)) == 1:
                return views.build_last_leader(team)
            teams.remove_teamleider(session=session, team=team, user_id=leader)
            audit.record(
                session=session, actor=user_id, action="leider-weg", team_id=team.id,
                detail=f"-{leader}",
            )  # fmt: skip
            return views.build_leader_removed(team, leader)
    except SQLAlchemyError as error:
        log_storage_error(log, "removing a teamleider failed", error)
        return build_storage_unavailable()


def unlink(value: str, user_id: str, *, keep_data: bool, services: Services) -> Reply:
    """Unlink team `value` if the clicker leads it."""
    try:
        with session_scope(services.engine) as session:
            team = teams.get_led_team(session=session, team_ref=value, user_id=user_id)
        if team is None:
            return views.build_only_leaders_may("het team loskoppelen")
        rights.unlink(
            services.engine, team, keep_data=keep_data, actor=user_id, now=services.clock()
        )
    except SQLAlchemyError as error:
        log_storage_error(log, "unlinking failed", error)
        return build_storage_unavailable()
    return views.build_unlinked(team.name, keep_data=keep_data)
