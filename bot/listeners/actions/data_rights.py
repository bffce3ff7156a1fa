"""Buttons for data rights: download, erase (Home tab or `/wijkteam`), weekspiegel preview.

Whose data is always the clicking user's, from Slack's signed payload; a button's value is
never trusted to name a person.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError

from bot import ids, rights
from bot.failures import guarded, log_storage_error
from bot.listeners.events.app_home import publish_home
from bot.registry import Feature
from bot.services import Services
from bot.slack_copies import CopiesOutcome
from bot.slack_ops import SLACK_ERRORS, open_dm
from bot.views.errors import build_slack_unavailable, build_storage_unavailable
from bot.views.home import build_download_sent, build_erased, build_preview_modal
from bot.views.inputs import action_value
from bot.views.mrkdwn import Reply
from bot.views.weekspiegel import build_weekspiegel
from bot.views.wijkteam import build_team_without_leader
from storage import teams
from storage.engine import read_scope

log = logging.getLogger(__name__)

FEATURE = Feature(interactive=True, scopes=("files:write", "im:write"))


def register(app: App, services: Services) -> None:
    """Attach the data-rights buttons."""

    def handle_download(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        ack()
        user_id = body["user"]["id"]
        tell(body, download(user_id, client=client, services=services), client, respond)
        publish_home(client, user_id, services)

    def handle_erase(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        """Ack (Slack asked for confirmation already), erase, and refresh the Home tab."""
        ack()
        user_id = body["user"]["id"]
        tell(body, erase(user_id, client=client, services=services), client, respond)
        publish_home(client, user_id, services)

    def handle_preview(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """Ack, then open the preview while the trigger is valid."""
        ack()
        view = preview(action_value(body), body["user"]["id"], client, services)
        try:
            client.views_open(trigger_id=body["trigger_id"], view=view)
        except SLACK_ERRORS as error:
            log.warning("could not open the preview: %s", type(error).__name__)

    app.action(ids.DOWNLOAD_ACTION)(guarded(handle_download))
    app.action(ids.ERASE_ACTION)(guarded(handle_erase))
    app.action(ids.PREVIEW_ACTION)(guarded(handle_preview))


def tell(body: dict[str, Any], reply: Reply, client: WebClient, respond: Respond) -> None:
    """Answer where the button was: in place for a message, in a DM from the Home tab."""
    try:
        if body.get("response_url"):
            respond(text=reply.text, blocks=reply.blocks, replace_original=True)
            return
        client.chat_postMessage(
            channel=open_dm(client, body["user"]["id"]), text=reply.text, blocks=reply.blocks
        )
    except SLACK_ERRORS as error:
        log.warning("could not answer a data-rights button: %s", type(error).__name__)


def download(user_id: str, *, client: WebClient, services: Services) -> Reply:
    """Export the user's own data and put the file in their DM with the bot."""
    now = services.clock()
    try:
        content = rights.export_user(services.engine, user_id, now=now)
        rights.send_export_dm(
            client, user_id, content, filename=f"reflectiebot-mijn-gegevens-{now:%Y%m%d}.json"
        )
    except SQLAlchemyError as error:
        log_storage_error(log, "export failed", error)
        return build_storage_unavailable()
    except SLACK_ERRORS as error:
        log.warning("could not upload the export: %s", type(error).__name__)
        return build_slack_unavailable()
    return build_download_sent()


def erase(user_id: str, *, client: WebClient, services: Services) -> Reply:
    """Forget the user, edit the bot's messages that quoted them, tell teams now leaderless."""
    now = services.clock()
    try:
        result = rights.erase_user(services.engine, user_id, services.settings.timezone, now=now)
    except SQLAlchemyError as error:
        log_storage_error(log, "erase failed", error)
        return build_storage_unavailable()
    try:  # erased and committed: from here on the reply must say so, whatever fails
        copies = services.copy_editor(client).run(now, only=result.cleanups)
    except SQLAlchemyError as error:
        log_storage_error(log, "editing the bot's copies after an erase failed", error)
        copies = CopiesOutcome(edited=0, pending=len(result.cleanups))
    told = []
    for team in result.leaderless:
        notice = build_team_without_leader(team, sorted(services.settings.functioneel_beheerders))
        try:
            client.chat_postMessage(channel=team.channel_id, text=notice)
            told.append(team.name)
        except SLACK_ERRORS as error:
            log.warning("could not tell team %s it has no teamleider: %s", team.id,
                        type(error).__name__)  # fmt: skip
    try:  # the erased texts leave the teams' own knelpunt models now, not tonight
        services.models.refresh(services.engine)
    except SQLAlchemyError as error:
        log.warning("knelpunt models not rebuilt after an erase: %s", type(error).__name__)
        services.models.forget()
    return build_erased(
        result.counts,
        edited=copies.edited,
        pending=copies.pending,
        leaderless=[team.name for team in result.leaderless],
        told=told,
    )


def preview(value: str, user_id: str, client: WebClient, services: Services) -> dict[str, Any]:
    """The weekspiegel preview modal for a team the user leads."""
    with read_scope(services.engine) as session:
        team = teams.get_led_team(session=session, team_ref=value, user_id=user_id)
    if team is None:
        return build_preview_modal([])
    _, blocks = build_weekspiegel(
        services.weekspiegel_sender(client).preview(team, services.clock())
    )
    return build_preview_modal(blocks)
