"""`/wijkteam delen` and `/wijkteam rapport`: what a team shares, and who may read the rapport.

Knows nothing of Slack. Sharing is off until a teamleider switches it on, after seeing exactly
what the team would add to last month's rapport (`sharing_preview`, computed by the same
`team_month` the rapport uses, through the same floors).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.rapport import TREND_MONTHS, Floors, Month, TeamMonth, team_month
from bot.rapport_sender import last_complete_month
from prompts.lijnen import Lines
from storage import audit
from storage import rapport as queries
from storage.models import Team


@dataclass(frozen=True)
class SharingPreview:
    """What one team would add to the rapport of `month`, and whether it shares now."""

    team_id: int
    team_name: str
    month: Month
    sharing: bool
    contribution: TeamMonth
    floors: Floors

    @property
    def team_figures_shown(self) -> bool:
        """Whether the team's own row (with its name) would carry figures."""
        return self.floors.team(self.contribution.cases)


def sharing_preview(
    *,
    session: Session,
    team: Team,
    now: datetime,
    lines: Lines,
    timezone: ZoneInfo,
    floors: Floors,
) -> SharingPreview:
    """The team's contribution to last month's rapport, as it would be shared."""
    assert team.id is not None
    month = last_complete_month(now, timezone)
    start, end = month.bounds(timezone)
    cases = queries.choice_rows(session=session, team_ids=[team.id], start=start, end=end)
    mentions = queries.team_mentions(session=session, team_ids=[team.id], start=start, end=end)
    contribution = team_month(
        team.id,
        team.name,
        cases,
        [(m.knelpunt_id, m.created_at) for m in mentions],
        month=month,
        lines=lines,
        timezone=timezone,
    )
    return SharingPreview(
        team_id=team.id,
        team_name=team.name,
        month=month,
        sharing=queries.is_sharing(session=session, team_id=team.id),
        contribution=contribution,
        floors=floors,
    )


def set_team_sharing(
    *, session: Session, team: Team, user_id: str, on: bool, now: datetime
) -> bool:
    """Switch the team's sharing on or off, with an audit entry; False when nothing changed."""
    assert team.id is not None
    changed = queries.set_sharing(session=session, team_id=team.id, on=on, now=now)
    if changed:
        audit.record(session=session, actor=user_id, action="delen-aan" if on else "delen-uit",
                     team_id=team.id)  # fmt: skip
    return changed


def requested_month(argument: str, now: datetime, timezone: ZoneInfo) -> Month:
    """The month `/wijkteam rapport [2026-11]` asks for: last month by default.

    ValueError (Dutch) for text that is no month, or a month in the future.
    """
    current = Month.of(now.astimezone(timezone).date())
    if not argument.strip():
        return current.shifted(-1)
    month = Month.parse(argument)
    if month > current:
        raise ValueError(f"{month} ligt nog in de toekomst.")
    if month < current.shifted(-10 * TREND_MONTHS):
        raise ValueError(f"{month} ligt te ver terug.")
    return month
