"""/reflectie: your team's current prompt, privately; `/reflectie nu` posts the next one."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.exc import SQLAlchemyError

from bot.failures import guarded, log_storage_error
from bot.membership import MEMBERSHIP_SCOPES, teams_of_user
from bot.registry import Feature, SlashCommand
from bot.services import Services
from bot.views import reflectie as views
from bot.views.errors import build_slack_unavailable, build_storage_unavailable
from bot.views.mrkdwn import Reply
from bot.views.team_notices import build_no_team
from storage import prompts, teams
from storage.engine import session_scope
from storage.models import Team

log = logging.getLogger(__name__)

COMMAND = SlashCommand(
    name="/reflectie",
    description="Bekijk en beantwoord de reflectievraag van je team",
    usage_hint="[nu]",
    scopes=MEMBERSHIP_SCOPES,
)
FEATURE = Feature(commands=(COMMAND,), scopes=COMMAND.scopes)


def register(app: App, services: Services) -> None:
    """Attach the /reflectie listener."""

    def handle_reflectie(
        ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        """Acknowledge, then answer privately."""
        ack()
        reply = run_reflectie(command, client=client, services=services)
        respond(text=reply.text, blocks=reply.blocks, response_type="ephemeral")

    app.command(COMMAND.name)(guarded(handle_reflectie))


def run_reflectie(command: dict[str, Any], *, client: WebClient, services: Services) -> Reply:
    """Show the open prompt(s) of the user's team(s), or post the next one for a teamleider."""
    user_id = command["user_id"]
    channel_id = command.get("channel_id", "")
    word = (command.get("text") or "").strip().lower()
    try:
        with session_scope(services.engine) as session:
            channel_team = teams.get_team_by_channel(session=session, channel_id=channel_id)
        if word == "nu":
            return _post_now(channel_team, user_id=user_id, client=client, services=services)
        if word:
            return views.build_reflectie_help()
        candidates = (
            [channel_team] if channel_team else teams_of_user(client, user_id, services.engine)
        )
        if not candidates:
            return build_no_team()
        shown = []
        with session_scope(services.engine) as session:
            for team in candidates:
                assert team.id is not None
                slot = prompts.latest_sent_slot(session=session, team_id=team.id)
                if slot is not None and slot.id is not None:
                    try:
                        prompt = services.library.by_id(slot.prompt_id)
                    except KeyError:
                        continue
                    shown.append((team, slot.id, prompt))
        return views.build_open_prompts(shown)
    except SlackApiError as error:
        log.warning("/reflectie: Slack answered %s", error.response.get("error"))
        return build_slack_unavailable()
    except (SlackClientError, OSError):
        return build_slack_unavailable()
    except SQLAlchemyError as error:
        log_storage_error(log, "/reflectie: database error", error)
        return build_storage_unavailable()


def _post_now(team: Team | None, *, user_id: str, client: WebClient, services: Services) -> Reply:
    """`/reflectie nu`: a teamleider posts the team's next prompt at once (once a day)."""
    if team is None:
        return views.build_nu_needs_team_channel()
    with session_scope(services.engine) as session:
        if not teams.is_teamleider(session=session, team=team, user_id=user_id):
            return views.build_nu_only_leaders(team)
    result = services.poster(client).post_extra_prompt(team, services.clock())
    return views.build_nu_result(team, result.outcome)
