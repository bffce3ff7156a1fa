"""What the App Home shows a user: their teams, what is kept about them, and for teamleiders
their teams' state. Knows nothing of Slack's UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.membership import teams_of_user
from bot.rapport import Month
from bot.rapport_sender import last_complete_month
from bot.slack_ops import SLACK_ERRORS
from bot.views.team_notices import attention_reason_text
from bot.views.wijkteam import digest_line, next_prompt_line, team_schedule
from storage import rapport, rights, teams
from storage.engine import read_scope

RECENT_ITEMS = 5


@dataclass(frozen=True)
class MemberTeam:
    """A team the user is in."""

    name: str
    channel_id: str
    next_prompt: str


@dataclass(frozen=True)
class LedTeam:
    """A team the user leads, with its state."""

    team_id: int
    name: str
    schedule: str
    paused: bool
    attention: str | None
    next_digest: str
    sharing: bool = False  # shares its monthly figures with the gemeente


@dataclass(frozen=True)
class HomeData:
    """Everything on one user's Home tab."""

    teams: tuple[MemberTeam, ...]
    counts: tuple[int, int, int]  # answers, cases, signals
    recent: tuple[tuple[str, datetime, str], ...]
    led: tuple[LedTeam, ...]
    retention_days: int
    teams_unknown: bool = False  # Slack could not tell which channels the user is in
    rapport_month: Month | None = None  # set for a beleidsadviseur: the latest rapport's month


def gather_home(
    client: WebClient,
    user_id: str,
    *,
    engine: Engine,
    timezone: ZoneInfo,
    now: datetime,
    retention_days: int,
    beleidsadviseur: bool = False,
) -> HomeData:
    """Read the user's Home tab data (one Slack call: the user's channels)."""
    try:
        member_of = teams_of_user(client, user_id, engine)
        unknown = False
    except SLACK_ERRORS:  # a Home tab beats none
        member_of, unknown = [], True
    with read_scope(engine) as session:
        led = teams.teams_led_by(session=session, user_id=user_id)
        counts = rights.own_counts(session=session, user_id=user_id)
        recent = rights.own_recent(session=session, user_id=user_id, limit=RECENT_ITEMS)
        sharing = {team_id for team_id, _ in rapport.sharing_teams(session=session)}
    return HomeData(
        teams=tuple(
            MemberTeam(team.name, team.channel_id, next_prompt_line(team, timezone, now))
            for team in member_of
        ),
        counts=counts,
        recent=tuple(recent),
        led=tuple(
            LedTeam(
                team_id=team.id,
                name=team.name,
                schedule=str(team_schedule(team)),
                paused=team.paused,
                attention=attention_reason_text(team.attention_reason)
                if team.attention_reason
                else None,
                next_digest=digest_line(team, timezone, now),
                sharing=team.id in sharing,
            )
            for team in led
            if team.id is not None
        ),
        retention_days=retention_days,
        teams_unknown=unknown,
        rapport_month=last_complete_month(now, timezone) if beleidsadviseur else None,
    )
