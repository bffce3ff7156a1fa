"""The audit log: who changed, exported, erased or purged what, and when. Never the content."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from storage.models import AuditEntry

ERASED_ACTOR = "gewist"


def record(
    *, session: Session, actor: str, action: str, team_id: int | None = None, detail: str = ""
) -> None:
    """Add an entry (in the caller's transaction, so it exists exactly when the change does)."""
    session.add(AuditEntry(actor=actor[:64], action=action[:32], team_id=team_id,
                           detail=detail[:200]))  # fmt: skip
    session.flush()


def list_entries(
    *, session: Session, team_id: int | None = None, since: datetime | None = None
) -> list[AuditEntry]:
    """Entries, oldest first; optionally of one team and from a moment."""
    query = select(AuditEntry).order_by(col(AuditEntry.at), col(AuditEntry.id))
    if team_id is not None:
        query = query.where(AuditEntry.team_id == team_id)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    return list(session.exec(query))


def forget_actor(*, session: Session, user_id: str) -> None:
    """An erased user's id leaves the audit log too, as actor and in any detail ('+U…')."""
    session.execute(
        update(AuditEntry).where(col(AuditEntry.actor) == user_id).values(actor=ERASED_ACTOR)
    )
    session.execute(
        update(AuditEntry)
        .where(col(AuditEntry.detail).contains(user_id, autoescape=True))
        .values(detail=func.replace(col(AuditEntry.detail), user_id, ERASED_ACTOR))
    )
