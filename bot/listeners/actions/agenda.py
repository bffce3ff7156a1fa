"""'Zet op de agenda' in a weekspiegel: post the suggested prompt to the team channel."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError

from bot import ids
from bot.failures import guarded, log_storage_error
from bot.registry import Feature
from bot.services import Services
from bot.views.errors import build_storage_unavailable
from bot.views.inputs import action_value
from bot.views.mrkdwn import Reply, escape, section
from storage import teams
from storage.engine import session_scope

log = logging.getLogger(__name__)

FEATURE = Feature(interactive=True)
_OUTCOMES = {
    "posted": "Staat in {channel} als gespreksstarter voor het teamoverleg.",
    "recovered": "Staat in {channel} als gespreksstarter voor het teamoverleg.",
    "exists": "Deze vraag staat vandaag al in {channel}.",
    "failed": "Ik kan niet posten in {channel}. Nodig me uit met `/invite @Reflectiebot`.",
}


def register(app: App, services: Services) -> None:
    """Attach the button listener."""

    def handle_agenda(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        """Ack, post the prompt for a teamleider of the team, and say where it is."""
        ack()
        reply = put_on_agenda(
            action_value(body), body["user"]["id"], client=client, services=services
        )
        respond(text=reply.text, blocks=reply.blocks, replace_original=False)

    app.action(ids.AGENDA_ACTION)(guarded(handle_agenda))


def put_on_agenda(value: str, user_id: str, *, client: WebClient, services: Services) -> Reply:
    """Post prompt `value` ("team_id|prompt_id") if the user leads that team."""
    team_part, _, prompt_id = value.partition("|")
    try:
        with session_scope(services.engine) as session:
            team = teams.get_led_team(session=session, team_ref=team_part, user_id=user_id)
    except SQLAlchemyError as error:
        log_storage_error(log, "agenda button: database error", error)
        return build_storage_unavailable()
    if team is None:
        return _reply("Alleen een teamleider van dit team kan iets op de agenda zetten.")
    try:
        services.library.by_id(prompt_id)
    except KeyError:
        return _reply("Deze vraag staat niet meer in de bibliotheek; kies er een met `/reflectie`.")
    result = services.poster(client).post_extra_prompt(
        team, services.clock(), prompt_id=prompt_id, kind="agenda"
    )
    template = _OUTCOMES.get(
        result.outcome, "Slack reageerde niet zoals verwacht; ik probeer het zo vanzelf opnieuw."
    )
    return _reply(template.format(channel=f"<#{escape(team.channel_id)}>"))


def _reply(text: str) -> Reply:
    return Reply(text=text, blocks=[section(text)])
