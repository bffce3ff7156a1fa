"""The bot's own Slack messages that quote people: which ones, and which still need editing.

A casuïstiek prompt quotes the cases brought up in it (casus.discussed_slot_id); a weekspiegel
DM quotes answers (digest_quote). When such a text is erased, purged, changed or deleted, the
message is queued here (slack_cleanup) until Slack has taken the edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.models import Answer, Casus, DigestDelivery, DigestQuote, PromptSlot, SlackCleanup

KIND_PROMPT = "prompt"
KIND_WEEKSPIEGEL = "weekspiegel"
MAX_ATTEMPTS = 30  # with the back-off below: about a week of trying
MAX_BACKOFF = timedelta(hours=6)

Target = tuple[str, int]  # (kind, ref_id)


def copies_of_user(*, session: Session, user_id: str) -> list[Target]:
    """The bot's messages that quote a text of this user."""
    casus_ids = session.exec(select(Casus.id).where(Casus.user_id == user_id)).all()
    answer_ids = session.exec(select(Answer.id).where(Answer.user_id == user_id)).all()
    return copies_of(
        session=session,
        casus_ids=[i for i in casus_ids if i is not None],
        answer_ids=[i for i in answer_ids if i is not None],
    )


def copies_of(
    *, session: Session, casus_ids: Sequence[int] = (), answer_ids: Sequence[int] = ()
) -> list[Target]:
    """The bot's messages that quote any of these cases or answers."""
    targets: list[Target] = []
    if casus_ids:
        slots = session.exec(
            select(Casus.discussed_slot_id)
            .where(col(Casus.id).in_(list(casus_ids)), col(Casus.discussed_slot_id).is_not(None))
            .distinct()
        ).all()
        targets += [(KIND_PROMPT, slot_id) for slot_id in slots if slot_id is not None]
    if answer_ids:
        deliveries = session.exec(
            select(DigestQuote.delivery_id)
            .where(col(DigestQuote.answer_id).in_(list(answer_ids)))
            .distinct()
        ).all()
        targets += [(KIND_WEEKSPIEGEL, delivery_id) for delivery_id in deliveries]
    return sorted(set(targets))


def queue(*, session: Session, targets: Iterable[Target], now: datetime) -> list[int]:
    """Queue these messages for editing (once each); the ids of their queue rows."""
    queued: list[int] = []
    for kind, ref_id in dict.fromkeys(targets):
        existing = session.exec(
            select(SlackCleanup).where(SlackCleanup.kind == kind, SlackCleanup.ref_id == ref_id)
        ).first()
        if existing is None:
            existing = SlackCleanup(kind=kind, ref_id=ref_id, created_at=now, next_attempt_at=now)
            try:
                with session.begin_nested():
                    session.add(existing)
            except IntegrityError:  # queued by another process at the same moment
                existing = session.exec(
                    select(SlackCleanup).where(
                        SlackCleanup.kind == kind, SlackCleanup.ref_id == ref_id
                    )
                ).one()
        else:
            existing.next_attempt_at, existing.attempts = now, 0
            session.add(existing)
        session.flush()
        assert existing.id is not None
        queued.append(existing.id)
    return queued


def due(
    *, session: Session, now: datetime, only: Sequence[int] | None = None, limit: int = 200
) -> list[SlackCleanup]:
    """Queued edits whose time has come (or just `only` these), oldest first."""
    query = select(SlackCleanup).where(col(SlackCleanup.attempts) < MAX_ATTEMPTS)
    if only is not None:
        query = query.where(col(SlackCleanup.id).in_(list(only)))
    else:
        query = query.where(col(SlackCleanup.next_attempt_at) <= now)
    return list(session.exec(query.order_by(col(SlackCleanup.id)).limit(limit)))


def finish(*, session: Session, cleanup_id: int) -> None:
    """Slack has the edit (or the message is gone): forget the queue row."""
    session.execute(delete(SlackCleanup).where(col(SlackCleanup.id) == cleanup_id))


def postpone(*, session: Session, cleanup_id: int, now: datetime, error: str) -> None:
    """Slack did not take the edit: try again later, waiting longer each time."""
    row = session.get(SlackCleanup, cleanup_id)
    if row is None:
        return
    row.attempts += 1
    row.last_error = error[:64]
    row.next_attempt_at = now + min(timedelta(minutes=2**row.attempts), MAX_BACKOFF)
    session.add(row)
    session.flush()


def pending(*, session: Session, cleanup_ids: Sequence[int]) -> int:
    """How many of these queued edits are still waiting."""
    if not cleanup_ids:
        return 0
    rows = session.exec(select(SlackCleanup.id).where(col(SlackCleanup.id).in_(cleanup_ids)))
    return len(rows.all())


def prompt_copy(*, session: Session, slot_id: int) -> tuple[PromptSlot, list[str]] | None:
    """A posted prompt and the case texts it should still show; None when it is gone."""
    slot = session.get(PromptSlot, slot_id)
    if slot is None or slot.message_ts is None:
        return None
    cases = session.exec(
        select(Casus.description)
        .where(Casus.discussed_slot_id == slot_id, col(Casus.description) != "")
        .order_by(col(Casus.created_at), col(Casus.id))
    ).all()
    return slot, list(cases)


def weekspiegel_copy(
    *, session: Session, delivery_id: int
) -> tuple[DigestDelivery, list[int]] | None:
    """A sent weekspiegel DM and the answers it may still quote; None when it is gone."""
    delivery = session.get(DigestDelivery, delivery_id)
    if delivery is None or delivery.channel_id is None or delivery.message_ts is None:
        return None
    rows = session.exec(
        select(DigestQuote.answer_id)
        .join(Answer, col(Answer.id) == col(DigestQuote.answer_id))
        .where(
            DigestQuote.delivery_id == delivery_id,
            col(Answer.text) != "",
            col(Answer.quotable).is_(True),
            col(Answer.anonymous).is_(False),
        )
        .order_by(col(Answer.created_at), col(Answer.id))
    ).all()
    return delivery, list(rows)


def forget_quotes(*, session: Session, delivery_id: int, keep: Sequence[int]) -> None:
    """The DM no longer quotes any answer but `keep`."""
    session.execute(
        delete(DigestQuote).where(
            col(DigestQuote.delivery_id) == delivery_id, col(DigestQuote.answer_id).not_in(keep)
        )
    )
