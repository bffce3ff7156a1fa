"""A teamleider sends a recurring knelpunt up to the gemeente. Knows nothing of Slack.

The signal carries the knelpunt, the team's figures over the last eight weeks (through the
rapport's floors, so no small number leaves the team) and a short note, checked for client data
like every other text. Nothing else: not who sent it, no quote, no text of the team.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.rapport import Floors
from bot.weekspiegel import HISTORY_WEEKS, IsoWeek
from privacy.guard import detected_kinds, refusal_message
from storage import audit, teams
from storage import digest as digest_queries
from storage import rapport as queries
from storage.models import GEMEENTE_NOTE_LENGTH, GemeenteSignal, Team

MIN_NOTE_LENGTH = 10


@dataclass(frozen=True)
class KnelpuntFigures:
    """A knelpunt in one team over the last eight weeks, as the gemeente may see it."""

    knelpunt_id: str
    label: str
    weekly: tuple[int, ...]  # HISTORY_WEEKS counts, oldest first; the last is this week so far
    weeks_raised: int
    mentions: int | None  # None: fewer than the floor
    people: int | None
    cases: int | None


def knelpunt_figures(
    mentions: Sequence[digest_queries.Mention],
    knelpunt_id: str,
    *,
    weeks: Sequence[IsoWeek],
    labels: Mapping[str, str],
    timezone: ZoneInfo,
    floors: Floors,
) -> KnelpuntFigures:
    """Count one knelpunt's mentions per week, and floor what is shown."""
    starts = [week.bounds(timezone)[0].astimezone(UTC) for week in weeks]
    weekly = [0] * len(weeks)
    people: set[str] = set()
    cases = 0
    for mention in mentions:
        if mention.knelpunt_id != knelpunt_id or mention.created_at < starts[0]:
            continue
        position = max(i for i, start in enumerate(starts) if start <= mention.created_at)
        weekly[position] += 1
        if mention.author:
            people.add(mention.author)
        cases += mention.source == digest_queries.SOURCE_CASE
    return KnelpuntFigures(
        knelpunt_id=knelpunt_id,
        label=labels.get(knelpunt_id, knelpunt_id),
        weekly=tuple(weekly),
        weeks_raised=sum(1 for n in weekly if n),
        mentions=floors.count(sum(weekly)),
        people=floors.count(len(people)),
        cases=floors.count(cases),
    )


def figures_now(
    *,
    session: Session,
    team: Team,
    knelpunt_id: str,
    now: datetime,
    labels: Mapping[str, str],
    timezone: ZoneInfo,
    floors: Floors,
) -> KnelpuntFigures:
    """The knelpunt's figures in the team's last eight weeks up to `now`."""
    assert team.id is not None
    this_week = IsoWeek.of(now.astimezone(timezone).date())
    weeks = [this_week.shifted(n - HISTORY_WEEKS + 1) for n in range(HISTORY_WEEKS)]
    mentions = digest_queries.mentions(
        session=session, team_id=team.id, start=weeks[0].bounds(timezone)[0], end=now
    )
    return knelpunt_figures(
        mentions, knelpunt_id, weeks=weeks, labels=labels, timezone=timezone, floors=floors
    )


def check_note(text: str) -> str | None:
    """A Dutch problem with the note, or None when it may be sent."""
    if len(text.strip()) < MIN_NOTE_LENGTH:
        return (
            "Schrijf in een zin of twee wat de gemeente moet weten, in je eigen woorden "
            "(zonder namen of andere persoonsgegevens)."
        )
    if len(text) > GEMEENTE_NOTE_LENGTH:
        return f"Dit is te lang: hoogstens {GEMEENTE_NOTE_LENGTH} tekens (nu {len(text)})."
    kinds = detected_kinds(text)
    return refusal_message(kinds) if kinds else None


def send_signal(
    *,
    session: Session,
    team_id: int,
    user_id: str,
    knelpunt_id: str,
    note: str,
    now: datetime,
    labels: Mapping[str, str],
    timezone: ZoneInfo,
    floors: Floors,
) -> GemeenteSignal | None:
    """Store the signal with the figures as they are now, and audit it; None for a non-leader.

    The note must have passed `check_note`.
    """
    team = teams.get_led_team(session=session, team_ref=str(team_id), user_id=user_id)
    if team is None or knelpunt_id not in labels:
        return None
    figures = figures_now(session=session, team=team, knelpunt_id=knelpunt_id, now=now,
                          labels=labels, timezone=timezone, floors=floors)  # fmt: skip
    signal = queries.record_gemeente_signal(
        session=session,
        signal=GemeenteSignal(
            team_id=team_id,
            sender_id=user_id,
            knelpunt_id=knelpunt_id,
            note=" ".join(note.split()),
            weeks_raised=figures.weeks_raised,
            mentions=figures.mentions,
            people=figures.people,
            cases=figures.cases,
            created_at=now,
        ),
    )
    audit.record(session=session, actor=user_id, action="gemeente-signaal", team_id=team_id,
                 detail=knelpunt_id)  # fmt: skip
    return signal
