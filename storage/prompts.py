"""Queries about prompt slots: record before posting, claim, mark sent, find by message."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, func, update
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.models import PromptSlot, Team, utcnow

# How long a claimed-but-unconfirmed post may take before recovery looks at it again. A post
# starts no attempt later than half of it (bot/slack_ops.PACED_BUDGET_SECONDS) and each attempt
# times out after 10 s, so a live post is always done before its claim goes stale.
CLAIM_LEASE = timedelta(seconds=45)


def record_slot(
    *,
    session: Session,
    team: Team,
    slot_key: str,
    kind: str,
    slot_date: date,
    prompt_id: str,
    theme: str,
    now: datetime | None = None,
) -> PromptSlot | None:
    """Record a slot as pending; None when that slot was already recorded (by anyone)."""
    assert team.id is not None
    slot = PromptSlot(
        team_id=team.id,
        slot_key=slot_key,
        kind=kind,
        slot_date=slot_date,
        prompt_id=prompt_id,
        theme=theme,
        channel_id=team.channel_id,
        created_at=now or utcnow(),
    )
    try:
        with session.begin_nested():
            session.add(slot)
    except IntegrityError:
        return None
    return slot


def get_slot(*, session: Session, slot_id: int) -> PromptSlot | None:
    """A slot by id."""
    return session.get(PromptSlot, slot_id)


def slot_exists(*, session: Session, team_id: int, slot_key: str) -> bool:
    """Whether a slot with this key was recorded for the team."""
    query = select(PromptSlot.id).where(
        PromptSlot.team_id == team_id, PromptSlot.slot_key == slot_key
    )
    return session.exec(query).first() is not None


def claim_slot(*, session: Session, slot_id: int, now: datetime | None = None) -> bool:
    """Atomically take a pending slot (or one whose claim went stale) for posting."""
    now = now or utcnow()
    stale = now - CLAIM_LEASE
    result = session.execute(
        update(PromptSlot)
        .where(col(PromptSlot.id) == slot_id)
        .where(
            (col(PromptSlot.status) == "pending")
            | ((col(PromptSlot.status) == "posting") & (col(PromptSlot.claimed_at) < stale))
        )
        .values(status="posting", claimed_at=now, attempts=PromptSlot.attempts + 1)
    )
    session.flush()
    return bool(getattr(result, "rowcount", 0) == 1)


def claims_go_stale_at(*, session: Session) -> datetime | None:
    """When the oldest claim still posting goes stale (recovery may take it then), or None."""
    oldest = session.execute(
        sa_select(func.min(col(PromptSlot.claimed_at))).where(col(PromptSlot.status) == "posting")
    ).scalar_one_or_none()
    return None if oldest is None else oldest + CLAIM_LEASE


def mark_sent(
    *,
    session: Session,
    slot_id: int,
    message_ts: str,
    reminder_due_at: datetime | None,
    now: datetime | None = None,
) -> None:
    """The post went out: remember its ts (threads hang off it)."""
    session.execute(
        update(PromptSlot)
        .where(col(PromptSlot.id) == slot_id)
        .values(
            status="sent",
            message_ts=message_ts,
            sent_at=now or utcnow(),
            last_error=None,
            reminder_due_at=reminder_due_at,
        )
    )


def release_slot(*, session: Session, slot_id: int, error: str) -> None:
    """Posting failed for a passing reason: back to pending, to be retried."""
    session.execute(
        update(PromptSlot)
        .where(col(PromptSlot.id) == slot_id)
        .values(status="pending", claimed_at=None, last_error=error[:64])
    )


def mark_failed(*, session: Session, slot_id: int, error: str) -> None:
    """Posting cannot succeed (channel gone, bot removed): stop trying."""
    session.execute(
        update(PromptSlot)
        .where(col(PromptSlot.id) == slot_id)
        .values(status="failed", last_error=error[:64])
    )


def list_unfinished_slots(*, session: Session, since: datetime) -> list[PromptSlot]:
    """Pending or posting slots created since `since` (to retry or recover)."""
    query = (
        select(PromptSlot)
        .where(col(PromptSlot.status).in_(("pending", "posting")))
        .where(col(PromptSlot.created_at) >= since)
        .order_by(col(PromptSlot.id))
    )
    return list(session.exec(query))


def slot_for_message(*, session: Session, channel_id: str, message_ts: str) -> PromptSlot | None:
    """The sent slot whose Slack message is (channel, ts): the parent of a thread reply."""
    query = select(PromptSlot).where(
        PromptSlot.channel_id == channel_id, PromptSlot.message_ts == message_ts
    )
    return session.exec(query).first()


class SlotRef(NamedTuple):
    """What storing a thread reply needs of its prompt slot, read without the ORM."""

    id: int
    team_id: int
    channel_id: str


@cache
def _slot_for_message_statement() -> Any:
    slots = PromptSlot.__table__.c  # type: ignore[attr-defined]
    return sa_select(slots.id, slots.team_id, slots.channel_id).where(
        slots.channel_id == bindparam("channel_id"), slots.message_ts == bindparam("message_ts")
    )


def slot_ref_for_message(
    *, connection: Connection, channel_id: str, message_ts: str
) -> SlotRef | None:
    """slot_for_message as a SlotRef (a Core statement built once: every thread reply asks)."""
    row = connection.execute(
        _slot_for_message_statement(), {"channel_id": channel_id, "message_ts": message_ts}
    ).first()
    return None if row is None else SlotRef(row[0], row[1], row[2])


def latest_sent_slot(*, session: Session, team_id: int) -> PromptSlot | None:
    """The team's most recently posted prompt."""
    query = (
        select(PromptSlot)
        .where(PromptSlot.team_id == team_id, PromptSlot.status == "sent")
        .order_by(col(PromptSlot.sent_at).desc(), col(PromptSlot.id).desc())
    )
    return session.exec(query).first()


@cache
def _history_statement() -> Any:
    slots = PromptSlot.__table__.c  # type: ignore[attr-defined]
    return (
        sa_select(slots.prompt_id, slots.theme)
        .where(slots.team_id == bindparam("team_id"))
        .order_by(slots.id)
    )


def prompt_history(*, session: Session, team_id: int) -> list[tuple[str, str]]:
    """(prompt_id, theme) of every slot the team ever got, oldest first (a statement built once:
    every weekspiegel asks)."""
    rows = session.connection().execute(_history_statement(), {"team_id": team_id})
    return [(prompt_id, theme) for prompt_id, theme in rows]


def list_due_reminders(*, session: Session, now: datetime) -> list[PromptSlot]:
    """Sent slots whose reminder time has come and that got no reminder yet."""
    query = (
        select(PromptSlot)
        .where(PromptSlot.status == "sent")
        .where(col(PromptSlot.reminder_due_at).is_not(None))
        .where(col(PromptSlot.reminder_due_at) <= now)
        .where(col(PromptSlot.reminder_sent_at).is_(None))
    )
    return list(session.exec(query))


def claim_reminder(*, session: Session, slot_id: int, now: datetime) -> bool:
    """Atomically take the reminder of a slot, so it is sent once."""
    result = session.execute(
        update(PromptSlot)
        .where(col(PromptSlot.id) == slot_id)
        .where(col(PromptSlot.reminder_sent_at).is_(None))
        .values(reminder_sent_at=now)
    )
    return bool(getattr(result, "rowcount", 0) == 1)
