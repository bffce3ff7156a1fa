"""/wijkteam: parse the command text and carry out team setup. Knows nothing of Slack's API."""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.views import wijkteam as views
from bot.views.mrkdwn import Reply, unescape
from storage import teams
from storage.models import TEAM_NAME_LENGTH, Team

# Slack sends mentions as <@U123|name> (should_escape) or <@U123>; W… ids on Enterprise Grid.
MENTION_RE = re.compile(r"<@([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>")
SUBCOMMANDS = ("koppel", "leider", "status", "help")
_ALIASES = {"hulp": "help", "?": "help", "": "help"}


@dataclass(frozen=True)
class WijkteamRequest:
    """A parsed /wijkteam command: the subcommand and the rest of the text."""

    action: str
    argument: str = ""
    unknown: str | None = None


def parse_wijkteam(text: str) -> WijkteamRequest:
    """Split '/wijkteam <subcommand> <argument>'; unknown subcommands become help."""
    word, _, rest = text.strip().partition(" ")
    action = _ALIASES.get(word.lower(), word.lower())
    if action not in SUBCOMMANDS:
        return WijkteamRequest(action="help", unknown=word[:40])
    return WijkteamRequest(action=action, argument=rest.strip())


def is_direct_message(channel_id: str, channel_name: str = "") -> bool:
    """Whether the command was typed in a DM rather than a channel."""
    return channel_id.startswith("D") or channel_name == "directmessage"


def handle_wijkteam_request(
    request: WijkteamRequest,
    *,
    session: Session,
    user_id: str,
    channel_id: str,
    timezone: ZoneInfo,
    channel_name: str = "",
    bot_in_channel: bool | None = None,
) -> Reply:
    """Carry out one /wijkteam request and say what happened, in Dutch."""
    if request.action == "help":
        return views.build_help(unknown=request.unknown)
    if is_direct_message(channel_id, channel_name):
        return views.build_not_in_a_channel()
    team = teams.get_team_by_channel(session=session, channel_id=channel_id)

    if request.action == "koppel":
        return _koppel(
            request,
            session=session,
            user_id=user_id,
            channel_id=channel_id,
            bot_in_channel=bot_in_channel,
        )
    if team is None:
        return views.build_channel_not_linked()
    if request.action == "status":
        leaders = teams.list_teamleiders(session=session, team=team)
        return views.build_status(team, leaders, timezone)
    # Everything below changes the team: teamleiders only.
    if not teams.is_teamleider(session=session, team=team, user_id=user_id):
        return views.build_only_leaders(team, teams.list_teamleiders(session=session, team=team))
    if request.action == "leider":
        return _leider(request, session=session, team=team)
    return views.build_help(unknown=request.action)  # pragma: no cover - SUBCOMMANDS exhausted


def _koppel(
    request: WijkteamRequest,
    *,
    session: Session,
    user_id: str,
    channel_id: str,
    bot_in_channel: bool | None,
) -> Reply:
    name = " ".join(unescape(request.argument).split())
    if not name:
        return views.build_koppel_needs_name()
    if len(name) > TEAM_NAME_LENGTH:
        return views.build_name_too_long(TEAM_NAME_LENGTH)
    if bot_in_channel is False:
        return views.build_invite_bot_first(name)
    team = teams.get_team_by_channel(session=session, channel_id=channel_id)
    if team is None:
        try:
            with session.begin_nested():
                team = teams.create_team(
                    session=session, channel_id=channel_id, name=name, leader_id=user_id
                )
        except IntegrityError:
            # Someone linked this channel at the same moment; fall through to "already linked".
            team = teams.get_team_by_channel(session=session, channel_id=channel_id)
            assert team is not None
        else:
            return views.build_linked(team)
    if not teams.is_teamleider(session=session, team=team, user_id=user_id):
        return views.build_only_leaders(team, teams.list_teamleiders(session=session, team=team))
    if team.name == name:
        return views.build_already_linked(team)
    old_name = team.name
    teams.rename_team(session=session, team=team, name=name)
    return views.build_renamed(team, old_name)


def _leider(request: WijkteamRequest, *, session: Session, team: Team) -> Reply:
    match = MENTION_RE.search(request.argument)
    if match is None:
        return views.build_leider_needs_mention(request.argument)
    new_leader = match.group(1)
    if not teams.add_teamleider(session=session, team=team, user_id=new_leader):
        return views.build_already_leader(team, new_leader)
    return views.build_leader_added(team, new_leader)
