"""Which teams a user belongs to: the channel's team, or the teams whose channels they are in."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.failures import log_storage_error
from bot.slack_ops import SLACK_ERRORS
from bot.views.errors import build_slack_unavailable, build_storage_unavailable, with_user_text
from bot.views.mrkdwn import Reply
from bot.views.team_notices import build_no_team
from storage import teams
from storage.engine import read_connection, read_scope
from storage.models import Team
from storage.teams import TeamRef

log = logging.getLogger(__name__)

MEMBERSHIP_SCOPES = ("channels:read", "groups:read")  # users.conversations
_MAX_PAGES = 20  # 20 pages of 200 channels


def teams_of_user(client: WebClient, user_id: str, engine: Engine) -> list[Team]:
    """The teams whose channels the user is a member of (raises Slack errors)."""
    channel_ids: list[str] = []
    cursor = None
    for _ in range(_MAX_PAGES):
        response = client.users_conversations(
            user=user_id,
            types="public_channel,private_channel",
            exclude_archived=True,
            limit=200,
            cursor=cursor,
        )
        channel_ids += [channel["id"] for channel in response.get("channels") or []]
        cursor = (response.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    with read_scope(engine) as session:
        return teams.teams_for_channels(session=session, channel_ids=channel_ids)


def is_channel_member(client: WebClient, channel_id: str, user_id: str) -> bool:
    """Whether the user is a member of the channel (raises Slack errors)."""
    cursor = None
    for _ in range(_MAX_PAGES):
        response = client.conversations_members(channel=channel_id, limit=1000, cursor=cursor)
        if user_id in (response.get("members") or []):
            return True
        cursor = (response.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return False


def teams_for_request(
    client: WebClient, *, channel_id: str, user_id: str, engine: Engine
) -> list[TeamRef]:
    """The channel's team when the request comes from a team channel, else the user's teams."""
    with read_connection(engine) as connection:
        channel_team = teams.team_ref_by_channel(connection=connection, channel_id=channel_id)
    if channel_team is not None:
        return [channel_team]
    return [
        TeamRef(team.id, team.name)
        for team in teams_of_user(client, user_id, engine)
        if team.id is not None
    ]


def find_teams_or_reply(
    client: WebClient, *, channel_id: str, user_id: str, text: str, engine: Engine
) -> list[TeamRef] | Reply:
    """The teams a request is for, or a private reply (with the user's text) saying why none."""
    try:
        found = teams_for_request(client, channel_id=channel_id, user_id=user_id, engine=engine)
    except SLACK_ERRORS as error:
        log.warning("could not list the user's channels: %s", type(error).__name__)
        return with_user_text(build_slack_unavailable(), text)
    except SQLAlchemyError as error:
        log_storage_error(log, "database error while looking up teams", error)
        return with_user_text(build_storage_unavailable(), text)
    return found or with_user_text(build_no_team(), text)
