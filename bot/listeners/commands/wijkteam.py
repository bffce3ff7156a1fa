"""/wijkteam: team setup in the team's own channel."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import SQLAlchemyError

from bot.failures import guarded, log_storage_error
from bot.listeners.actions.data_rights import download
from bot.listeners.actions.gemeente import send_rapport, sharing_command
from bot.listeners.events.app_home import publish_home
from bot.registry import Feature, SlashCommand
from bot.services import Services
from bot.slack_ops import bot_is_in_channel
from bot.views.errors import build_slack_unavailable, build_storage_unavailable
from bot.views.home import build_erase_confirmation
from bot.views.mrkdwn import Reply, context
from bot.views.weekspiegel import build_weekspiegel
from bot.views.wijkteam import build_digest_only_leaders
from bot.wijkteam import handle_wijkteam_request, parse_wijkteam
from storage import teams
from storage.engine import read_scope, session_scope

log = logging.getLogger(__name__)

OTHER_TEAMS_HINT = "Je leidt meer teams: typ `/wijkteam digest` in het kanaal van een ander team."

COMMAND = SlashCommand(
    name="/wijkteam",
    description="Richt het kanaal van je wijkteam in",
    usage_hint="koppel <teamnaam> | leider @collega | status | schema <dag> <tijd> | digest | help",
    scopes=("channels:read", "groups:read"),
)
FEATURE = Feature(commands=(COMMAND,), scopes=COMMAND.scopes)


def register(app: App, services: Services) -> None:
    """Attach the /wijkteam listener."""

    def handle_wijkteam(
        ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        """Acknowledge at once, then carry out the subcommand and answer privately."""
        ack()
        reply = run_wijkteam(command, client=client, services=services)
        respond(text=reply.text, blocks=reply.blocks, response_type="ephemeral")
        services.on_team_changed()
        publish_home(client, command["user_id"], services)

    app.command(COMMAND.name)(guarded(handle_wijkteam))


def run_wijkteam(command: dict[str, Any], *, client: WebClient, services: Services) -> Reply:
    """Parse, check the channel when linking, and do the work in one database session."""
    request = parse_wijkteam(command.get("text", ""))
    channel_id = command.get("channel_id", "")
    if request.action == "digest":
        return preview_weekspiegel(command["user_id"], channel_id, client=client, services=services)
    if request.action == "mijn-gegevens":
        return download(command["user_id"], client=client, services=services)
    if request.action == "vergeet-mij":
        return build_erase_confirmation()
    if request.action == "rapport":
        return send_rapport(command["user_id"], request.argument, client=client, services=services)
    if request.action == "delen":
        channel_name = command.get("channel_name", "")
        return sharing_command(command["user_id"], channel_id, request.argument,
                               channel_name=channel_name, services=services)  # fmt: skip
    try:
        in_channel = bot_is_in_channel(client, channel_id) if request.action == "koppel" else None
        with session_scope(services.engine) as session:
            return handle_wijkteam_request(
                request,
                session=session,
                user_id=command["user_id"],
                channel_id=channel_id,
                channel_name=command.get("channel_name", ""),
                timezone=services.settings.timezone,
                now=services.clock(),
                bot_in_channel=in_channel,
                beheer=services.beheer,
            )
    except SlackApiError as error:
        log.warning("/wijkteam: Slack answered %s", error.response.get("error"))
        return build_slack_unavailable()
    except SQLAlchemyError as error:
        log_storage_error(log, "/wijkteam: database error", error)
        return build_storage_unavailable()


def preview_weekspiegel(
    user_id: str, channel_id: str, *, client: WebClient, services: Services
) -> Reply:
    """`/wijkteam digest`: a teamleider's private preview of this week so far."""
    try:
        with read_scope(services.engine) as session:
            team = teams.get_team_by_channel(session=session, channel_id=channel_id)
            if team is not None:
                if not teams.is_teamleider(session=session, team=team, user_id=user_id):
                    return build_digest_only_leaders(team)
                led = [team]
            else:
                led = teams.teams_led_by(session=session, user_id=user_id)
        if not led:
            return build_digest_only_leaders(None)
        weekspiegel = services.weekspiegel_sender(client).preview(led[0], services.clock())
    except SQLAlchemyError as error:
        log_storage_error(log, "/wijkteam digest: database error", error)
        return build_storage_unavailable()
    text, blocks = build_weekspiegel(weekspiegel)
    if len(led) > 1:
        blocks = [*blocks[:49], context(OTHER_TEAMS_HINT)]
    return Reply(text=text, blocks=blocks)
