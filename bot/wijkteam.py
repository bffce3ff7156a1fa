"""/wijkteam: parse the command text and carry out team setup. Knows nothing of Slack's API."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.beheer import Beheer
from bot.schedule import ScheduleError, parse_schedule
from bot.views import wijkteam as views
from bot.views.mrkdwn import Reply, unescape
from storage import audit, teams
from storage.models import TEAM_NAME_LENGTH, Team

# Slack sends mentions as <@U123|name> (should_escape) or <@U123>; W… ids on Enterprise Grid.
MENTION_RE = re.compile(r"<@([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>")
SUBCOMMANDS = (
    "koppel",
    "leider",
    "status",
    "schema",
    "pauze",
    "hervat",
    "themas",
    "herinnering",
    "feestdagen",
    "digest",
    "digest-schema",
    "delen",
    "rapport",
    "ontkoppel",
    "mijn-gegevens",
    "vergeet-mij",
    "help",
)
_ALIASES = {
    "hulp": "help",
    "?": "help",
    "": "help",
    "thema's": "themas",
    "themas:": "themas",
    "thema": "themas",
    "pauzeer": "pauze",
    "hervatten": "hervat",
    "herinneringen": "herinnering",
    "weekspiegel": "digest",
    "weekspiegel-schema": "digest-schema",
    "digestschema": "digest-schema",
    "mijngegevens": "mijn-gegevens",
    "vergeetmij": "vergeet-mij",
    "ontkoppelen": "ontkoppel",
    "deel": "delen",
    "signalenrapport": "rapport",
}
_THEME_WORDS = {
    "leercultuur": "leercultuur",
    "casuistiek": "casuistiek",
    "casuïstiek": "casuistiek",
    "doorverwijzing": "doorverwijzing",
    "doorverwijzen": "doorverwijzing",
}
_ON = {"aan": True, "ja": True, "uit": False, "nee": False}
NO_BEHEER = Beheer()


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


def parse_themes(text: str) -> list[str]:
    """'leercultuur, casuïstiek' → theme ids in the order typed; 'alle' → all three."""
    words = [word for word in re.split(r"[\s,;/]+", text.strip().lower()) if word and word != "en"]
    if words == ["alle"]:
        return list(dict.fromkeys(_THEME_WORDS.values()))
    themes = [_THEME_WORDS[word] for word in words if word in _THEME_WORDS]
    if len(themes) != len(words):
        return []
    return list(dict.fromkeys(themes))


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
    now: datetime,
    channel_name: str = "",
    bot_in_channel: bool | None = None,
    beheer: Beheer = NO_BEHEER,
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
            now=now,
            beheer=beheer,
        )
    if team is None:
        return views.build_channel_not_linked()
    if request.action == "status":
        leaders = teams.list_teamleiders(session=session, team=team)
        return views.build_status(team, leaders, timezone, now=now)
    if request.action == "leider" and not teams.list_teamleiders(session=session, team=team):
        return _first_leider(request, session=session, team=team, user_id=user_id, now=now,
                             beheer=beheer)  # fmt: skip
    # Everything below changes the team: teamleiders only.
    if not teams.is_teamleider(session=session, team=team, user_id=user_id):
        return views.build_only_leaders(team, teams.list_teamleiders(session=session, team=team))
    if request.action == "leider":
        return _leider(request, session=session, team=team, user_id=user_id, now=now)
    if request.action == "ontkoppel":
        return views.build_unlink_confirmation(team)
    if request.action == "schema":
        try:
            schedule = parse_schedule(request.argument, skip_holidays=team.skip_holidays)
        except ScheduleError as error:
            return views.build_problem(str(error))
        teams.update_team(
            session=session,
            team=team,
            prompt_weekday=schedule.weekday,
            prompt_minute=schedule.minute,
        )
        _audit(session, user_id, team, "schema", str(schedule))
        return views.build_schedule_changed(team, timezone, now=now)
    if request.action == "digest-schema":
        try:
            moment = parse_schedule(request.argument, skip_holidays=False)
        except ScheduleError as error:
            return views.build_problem(str(error).replace("dinsdag 09:00", "maandag 08:30"))
        teams.update_team(
            session=session, team=team, digest_weekday=moment.weekday, digest_minute=moment.minute
        )
        _audit(session, user_id, team, "digest-schema", request.argument)
        return views.build_digest_schedule_changed(team, timezone, now=now)
    if request.action in ("pauze", "hervat"):
        teams.update_team(session=session, team=team, paused=request.action == "pauze")
        _audit(session, user_id, team, request.action)
        return views.build_paused(team, timezone, now=now)
    if request.action == "themas":
        themes = parse_themes(request.argument)
        if not themes:
            return views.build_themes_help(team)
        teams.update_team(session=session, team=team, themes=",".join(themes))
        _audit(session, user_id, team, "themas", ",".join(themes))
        return views.build_themes_changed(team)
    # herinnering / feestdagen: aan of uit
    value = _ON.get(request.argument.strip().lower())
    if value is None:
        return views.build_on_off_help(request.action)
    field = "reminder_enabled" if request.action == "herinnering" else "skip_holidays"
    teams.update_team(session=session, team=team, **{field: value})
    _audit(session, user_id, team, request.action, "aan" if value else "uit")
    return views.build_on_off_changed(request.action, value)


def _koppel(
    request: WijkteamRequest,
    *,
    session: Session,
    user_id: str,
    channel_id: str,
    bot_in_channel: bool | None,
    now: datetime,
    beheer: Beheer,
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
        if not beheer.may_link(user_id):
            return views.build_only_beheerders_link(sorted(beheer.beheerders))
        # A functioneel beheerder links the channel; the teamleider is appointed after that.
        leader = None if beheer.restricted else user_id
        try:
            with session.begin_nested():
                team = teams.create_team(
                    session=session, channel_id=channel_id, name=name, leader_id=leader, now=now
                )
        except IntegrityError:
            # Someone linked this channel at the same moment; fall through to "already linked".
            team = teams.get_team_by_channel(session=session, channel_id=channel_id)
            assert team is not None
        else:
            _audit(session, user_id, team, "koppel", channel_id)
            return views.build_linked(team) if leader else views.build_linked_without_leader(team)
    if not teams.is_teamleider(session=session, team=team, user_id=user_id):
        return views.build_only_leaders(team, teams.list_teamleiders(session=session, team=team))
    if team.name == name:
        return views.build_already_linked(team)
    old_name = team.name
    teams.rename_team(session=session, team=team, name=name)
    _audit(session, user_id, team, "hernoem")
    return views.build_renamed(team, old_name)


def _leider(
    request: WijkteamRequest, *, session: Session, team: Team, user_id: str, now: datetime
) -> Reply:
    match = MENTION_RE.search(request.argument)
    if match is None:
        return views.build_leider_needs_mention(request.argument)
    leader = match.group(1)
    if request.argument.split()[0].lower() in ("weg", "verwijder", "af"):
        if not teams.is_teamleider(session=session, team=team, user_id=leader):
            return views.build_not_a_leader(team, leader)
        if len(teams.list_teamleiders(session=session, team=team)) == 1:
            return views.build_last_leader(team)
        return views.build_leader_remove_confirmation(team, leader)
    if not teams.add_teamleider(session=session, team=team, user_id=leader, now=now):
        return views.build_already_leader(team, leader)
    _audit(session, user_id, team, "leider", f"+{leader}")
    return views.build_leader_added(team, leader)


def _first_leider(
    request: WijkteamRequest,
    *,
    session: Session,
    team: Team,
    user_id: str,
    now: datetime,
    beheer: Beheer,
) -> Reply:
    """A team without teamleider gets one (from a functioneel beheerder, when there are any)."""
    if not beheer.may_appoint_first_leader(user_id):
        return views.build_only_beheerders_appoint(team, sorted(beheer.beheerders))
    match = MENTION_RE.search(request.argument)
    if match is None or request.argument.split()[0].lower() in ("weg", "verwijder", "af"):
        return views.build_leider_needs_mention(request.argument)
    leader = match.group(1)
    teams.add_teamleider(session=session, team=team, user_id=leader, now=now)
    _audit(session, user_id, team, "leider", f"+{leader}")
    return views.build_leader_added(team, leader)


def _audit(session: Session, user_id: str, team: Team, action: str, detail: str = "") -> None:
    audit.record(session=session, actor=user_id, action=action, team_id=team.id, detail=detail)
