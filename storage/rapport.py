"""Queries the signalenrapport needs: opted-in teams, signals to the gemeente, case choices and
knelpunt mentions of a period (never a text, never an author), and the monthly deliveries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import delete, update
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.models import (
    Answer,
    AnswerKnelpunt,
    Casus,
    CasusKnelpunt,
    GemeenteSignal,
    KnelpuntSignal,
    RapportDelivery,
    SignalKnelpunt,
    Team,
    TeamSharing,
    utcnow,
)

MAX_DELIVERY_ATTEMPTS = 5


@dataclass(frozen=True)
class SignalRow:
    """A signal to the gemeente as the rapport reads it: no sender."""

    team_id: int
    team_name: str
    knelpunt_id: str
    note: str
    weeks_raised: int
    mentions: int | None
    people: int | None
    cases: int | None
    created_at: datetime


class ChoiceRow(NamedTuple):
    """The choices of one case of an opted-in team (no description, no author)."""

    team_id: int
    created_at: datetime
    domains: str
    intake: str
    decision: str
    destinations: str
    reasons: str


class TeamMention(NamedTuple):
    """A knelpunt raised once in a team (an answer, a case or a /knelpunt signal)."""

    team_id: int
    knelpunt_id: str
    created_at: datetime


# -- sharing (opt-in per team) -----------------------------------------------------------------


def sharing_teams(*, session: Session) -> list[tuple[int, str]]:
    """(id, name) of the linked teams that share their monthly figures, by name."""
    rows = session.exec(
        select(Team.id, Team.name)
        .join(TeamSharing, col(TeamSharing.team_id) == col(Team.id))
        .where(col(Team.unlinked_at).is_(None))
        .order_by(col(Team.name), col(Team.id))
    )
    return [(int(team_id or 0), name) for team_id, name in rows]


def is_sharing(*, session: Session, team_id: int) -> bool:
    """Whether the team shares its monthly figures."""
    return session.get(TeamSharing, team_id) is not None


def set_sharing(*, session: Session, team_id: int, on: bool, now: datetime) -> bool:
    """Switch sharing on or off; False when it already was so."""
    current = session.get(TeamSharing, team_id)
    if on == (current is not None):
        return False
    if current is None:
        session.add(TeamSharing(team_id=team_id, since=now))
    else:
        session.delete(current)
    session.flush()
    return True


# -- signals to the gemeente -------------------------------------------------------------------


def record_gemeente_signal(*, session: Session, signal: GemeenteSignal) -> GemeenteSignal:
    """Store a signal a teamleider sent."""
    session.add(signal)
    session.flush()
    return signal


def gemeente_signals(*, session: Session, start: datetime, end: datetime) -> list[SignalRow]:
    """The signals sent in [start, end), oldest first, with their team's name; no sender."""
    rows = session.exec(
        select(GemeenteSignal, Team.name)
        .join(Team, col(Team.id) == col(GemeenteSignal.team_id))
        .where(col(GemeenteSignal.created_at) >= start, col(GemeenteSignal.created_at) < end)
        .order_by(col(GemeenteSignal.created_at), col(GemeenteSignal.id))
    )
    return [
        SignalRow(
            team_id=signal.team_id,
            team_name=name,
            knelpunt_id=signal.knelpunt_id,
            note=signal.note,
            weeks_raised=signal.weeks_raised,
            mentions=signal.mentions,
            people=signal.people,
            cases=signal.cases,
            created_at=signal.created_at,
        )
        for signal, name in rows
    ]


def own_gemeente_signals(*, session: Session, user_id: str) -> list[tuple[GemeenteSignal, str]]:
    """The signals a user sent, with the team's name (for their data download)."""
    rows = session.exec(
        select(GemeenteSignal, Team.name)
        .join(Team, col(Team.id) == col(GemeenteSignal.team_id))
        .where(GemeenteSignal.sender_id == user_id)
        .order_by(col(GemeenteSignal.created_at))
    )
    return list(rows)


def forget_sender(*, session: Session, user_id: str) -> int:
    """An erased user's signals keep their figures but lose the note and the sender."""
    result = session.execute(
        update(GemeenteSignal)
        .where(col(GemeenteSignal.sender_id) == user_id)
        .values(sender_id=None, note="")
    )
    return int(getattr(result, "rowcount", 0) or 0)


def purge_signal_notes(*, session: Session, cutoff: datetime) -> int:
    """Retention: notes and senders of signals older than cutoff go; the figures stay."""
    result = session.execute(
        update(GemeenteSignal)
        .where(col(GemeenteSignal.created_at) < cutoff)
        .where((col(GemeenteSignal.note) != "") | col(GemeenteSignal.sender_id).is_not(None))
        .values(sender_id=None, note="")
    )
    return int(getattr(result, "rowcount", 0) or 0)


# -- what the teams did ------------------------------------------------------------------------


def choice_rows(
    *, session: Session, team_ids: list[int], start: datetime, end: datetime
) -> list[ChoiceRow]:
    """The choices of the cases of these teams in [start, end)."""
    if not team_ids:
        return []
    query = sa_select(
        col(Casus.team_id),
        col(Casus.created_at),
        col(Casus.domains),
        col(Casus.intake),
        col(Casus.decision),
        col(Casus.destinations),
        col(Casus.reasons),
    ).where(
        col(Casus.team_id).in_(team_ids),
        col(Casus.created_at) >= start,
        col(Casus.created_at) < end,
    )
    return [ChoiceRow(*row) for row in session.execute(query)]


def team_mentions(
    *, session: Session, team_ids: list[int], start: datetime, end: datetime
) -> list[TeamMention]:
    """Every knelpunt raised in these teams in [start, end), from all three sources."""
    if not team_ids:
        return []
    found: list[TeamMention] = []
    for link, model, key in (
        (AnswerKnelpunt, Answer, AnswerKnelpunt.answer_id),
        (CasusKnelpunt, Casus, CasusKnelpunt.casus_id),
        (SignalKnelpunt, KnelpuntSignal, SignalKnelpunt.signal_id),
    ):
        rows = session.execute(
            sa_select(col(model.team_id), col(link.knelpunt_id), col(model.created_at))
            .join(model, col(model.id) == col(key))
            .where(
                col(model.team_id).in_(team_ids),
                col(model.created_at) >= start,
                col(model.created_at) < end,
            )
        )
        found += [TeamMention(*row) for row in rows]
    return found


# -- monthly deliveries ------------------------------------------------------------------------


def delivered_users(*, session: Session, month: str) -> set[str]:
    """Beleidsadviseurs with a delivery of this month that will not be tried again."""
    rows = session.exec(
        select(RapportDelivery.user_id, RapportDelivery.status, RapportDelivery.attempts).where(
            RapportDelivery.month == month
        )
    )
    return {
        user
        for user, status, attempts in rows
        if status != "failed" or attempts >= MAX_DELIVERY_ATTEMPTS
    }


def claim_rapport_delivery(*, session: Session, month: str, user_id: str) -> bool:
    """Record that this month's rapport is being sent to the user; False when it was already."""
    existing = session.exec(
        select(RapportDelivery).where(
            RapportDelivery.month == month, RapportDelivery.user_id == user_id
        )
    ).first()
    if existing is None:
        try:
            with session.begin_nested():
                session.add(RapportDelivery(month=month, user_id=user_id))
        except IntegrityError:  # another process claimed it at the same moment
            return False
        return True
    if existing.status != "failed" or existing.attempts >= MAX_DELIVERY_ATTEMPTS:
        return False
    existing.status = "sending"
    existing.attempts += 1
    session.add(existing)
    session.flush()
    return True


def finish_rapport_delivery(
    *, session: Session, month: str, user_id: str, status: str, error: str | None
) -> None:
    """Mark a delivery sent, failed (will be retried) or unknown (will not)."""
    session.execute(
        update(RapportDelivery)
        .where(col(RapportDelivery.month) == month, col(RapportDelivery.user_id) == user_id)
        .values(status=status, last_error=error, sent_at=utcnow() if status == "sent" else None)
    )


def own_rapport_deliveries(*, session: Session, user_id: str) -> list[RapportDelivery]:
    """The monthly rapports a user received (for their data download)."""
    query = select(RapportDelivery).where(RapportDelivery.user_id == user_id)
    return list(session.exec(query.order_by(col(RapportDelivery.month))))


def forget_rapport_deliveries(*, session: Session, user_id: str | None = None,
                              before: datetime | None = None) -> int:  # fmt: skip
    """Delete a user's deliveries (erasure) or those older than `before` (retention)."""
    query = delete(RapportDelivery)
    if user_id is not None:
        query = query.where(col(RapportDelivery.user_id) == user_id)
    if before is not None:
        query = query.where(col(RapportDelivery.created_at) < before)
    return int(getattr(session.execute(query), "rowcount", 0) or 0)
