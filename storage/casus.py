"""Queries about cases and knelpunt signals. Only their authors may see or change them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, func, text, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.knelpunten import Links, replace_links
from storage.models import (
    Casus,
    CasusKnelpunt,
    KnelpuntSignal,
    SignalKnelpunt,
    UTCDateTime,
    utcnow,
)


def save_casus(*, session: Session, casus: Casus, knelpunten: Links) -> Casus:
    """Insert or update a case and replace its knelpunten."""
    fresh = casus.id is None
    if not fresh:
        casus.updated_at = utcnow()
    session.add(casus)
    session.flush()
    assert casus.id is not None
    replace_links(session, CasusKnelpunt, "casus_id", casus.id, knelpunten, fresh=fresh)
    return casus


def get_own_casus(*, session: Session, casus_id: int, user_id: str) -> Casus | None:
    """The case if it exists and `user_id` wrote it; None otherwise (also for someone else's)."""
    casus = session.get(Casus, casus_id)
    return casus if casus is not None and casus.user_id == user_id else None


def delete_own_casus(*, session: Session, casus_id: int, user_id: str) -> bool:
    """Delete a case of `user_id`; False when there is none of theirs with that id."""
    casus = get_own_casus(session=session, casus_id=casus_id, user_id=user_id)
    if casus is None:
        return False
    session.delete(casus)
    session.flush()
    return True


def list_own_cases(*, session: Session, user_id: str, limit: int = 10) -> list[Casus]:
    """The user's most recent cases, newest first."""
    query = (
        select(Casus)
        .where(Casus.user_id == user_id)
        .order_by(col(Casus.created_at).desc(), col(Casus.id).desc())
        .limit(limit)
    )
    return list(session.exec(query))


def casus_knelpunten(*, session: Session, casus_id: int) -> list[str]:
    """The knelpunt ids of a case that count (confident ones)."""
    query = select(CasusKnelpunt.knelpunt_id).where(
        CasusKnelpunt.casus_id == casus_id, col(CasusKnelpunt.confident).is_(True)
    )
    return sorted(session.exec(query))


def cases_to_bring_up(*, session: Session, team_id: int, limit: int) -> list[Casus]:
    """The team's oldest cases marked 'inbrengen' that no casuïstiek prompt has shown yet."""
    query = (
        select(Casus)
        .where(
            Casus.team_id == team_id,
            col(Casus.bring_up).is_(True),
            col(Casus.discussed_slot_id).is_(None),
            col(Casus.description) != "",  # erased in the meantime
        )
        .order_by(col(Casus.created_at), col(Casus.id))
        .limit(limit)
    )
    return list(session.exec(query))


def mark_discussed(*, session: Session, casus_ids: Sequence[int], slot_id: int) -> None:
    """The cases were shown in a casuïstiek prompt: they count as discussed."""
    if casus_ids:
        session.execute(
            update(Casus)
            .where(col(Casus.id).in_(casus_ids), col(Casus.discussed_slot_id).is_(None))
            .values(discussed_slot_id=slot_id)
        )


@cache
def _count_signals_statement() -> Any:
    signals = KnelpuntSignal.__table__.c  # type: ignore[attr-defined]
    return sa_select(func.count()).where(
        signals.user_id == bindparam("user_id"),
        signals.created_at >= bindparam("since", type_=UTCDateTime),
    )


def count_signals_since(*, session: Session, user_id: str, since: datetime) -> int:
    """How many signals the user noted from `since` on.

    Holds the user's lock until the transaction ends, so a count and the insert after it are
    one step: SQLite's writers queue anyway; PostgreSQL takes an advisory lock on the user.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:user))"), {"user": user_id})
    session.flush()  # what an ORM query would flush first
    row = session.connection().execute(
        _count_signals_statement(), {"user_id": user_id, "since": since}
    )
    return int(row.scalar_one())


def record_signal(
    *,
    session: Session,
    team_id: int,
    user_id: str,
    text: str,
    knelpunten: Links,
    confirmed: bool = False,
    created_at: datetime | None = None,
) -> KnelpuntSignal:
    """Store a knelpunt signal and its knelpunten (confirmed: chosen by its author)."""
    signal = KnelpuntSignal(
        team_id=team_id,
        user_id=user_id,
        text=text,
        knelpunten_confirmed=confirmed,
        created_at=created_at or utcnow(),
    )
    session.add(signal)
    session.flush()
    assert signal.id is not None
    replace_links(session, SignalKnelpunt, "signal_id", signal.id, knelpunten, fresh=True)
    return signal


def get_own_signal(*, session: Session, signal_id: int, user_id: str) -> KnelpuntSignal | None:
    """The signal if it exists and `user_id` wrote it."""
    signal = session.get(KnelpuntSignal, signal_id)
    return signal if signal is not None and signal.user_id == user_id else None


def set_signal_knelpunten(*, session: Session, signal_id: int, knelpunten: Links) -> None:
    """Replace the knelpunten of a signal."""
    replace_links(session, SignalKnelpunt, "signal_id", signal_id, knelpunten)


def correct_signal_knelpunten(
    *, session: Session, signal: KnelpuntSignal, knelpunten: Iterable[str]
) -> None:
    """The author corrected the knelpunten: replace them and mark the signal confirmed."""
    assert signal.id is not None
    signal.knelpunten_confirmed = True
    signal.updated_at = utcnow()  # so the team's model sees that its example changed
    session.add(signal)
    set_signal_knelpunten(session=session, signal_id=signal.id, knelpunten=knelpunten)


def signal_knelpunten(*, session: Session, signal_id: int) -> list[str]:
    """The knelpunt ids of a signal that count (confident ones)."""
    query = select(SignalKnelpunt.knelpunt_id).where(
        SignalKnelpunt.signal_id == signal_id, col(SignalKnelpunt.confident).is_(True)
    )
    return sorted(session.exec(query))
