"""Queries about answers: stored once per Slack event, updated on edit, gone on delete.

Every answer gets a random id: with a counting id, an anonymous answer's id would sit between
those of the named answers before and after it, whose exact times are kept.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from functools import cache
from typing import Any, Protocol

from sqlalchemy import bindparam, delete, func
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from storage.knelpunten import Links, replace_links
from storage.models import Answer, AnswerKnelpunt, ProcessedEvent, utcnow


class Slot(Protocol):
    """What storing an answer needs of its prompt slot (a PromptSlot or a prompts.SlotRef)."""

    @property
    def id(self) -> int | None: ...
    @property
    def team_id(self) -> int: ...
    @property
    def channel_id(self) -> str: ...


@cache
def _mark_event_statement(dialect: str) -> Any:
    """INSERT .. ON CONFLICT DO NOTHING RETURNING the event id (both backends have it; psycopg
    reports no rowcount for it), built once."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = ProcessedEvent.__table__  # type: ignore[attr-defined]
    return (
        insert(table)
        .on_conflict_do_nothing(index_elements=[table.c.event_id])
        .returning(table.c.event_id)
    )


def mark_event_processed(*, session: Session, event_id: str) -> bool:
    """Remember a Slack event id; False when it was handled before (a retry).

    Call it in the same transaction as the work, so a failed first attempt leaves no mark
    and its retry (possibly the only copy) is still handled. One statement: a duplicate id
    inserts nothing (no savepoint and no error to catch).
    """
    connection = session.connection()
    result = connection.execute(
        _mark_event_statement(connection.dialect.name),
        {"event_id": event_id, "received_at": utcnow()},
    )
    return result.first() is not None


ANSWER_ID_SPACE = 2**31 - 1  # PostgreSQL's integer


@cache
def _id_taken_statement() -> Any:
    answers = Answer.__table__.c  # type: ignore[attr-defined]
    return sa_select(answers.id).where(answers.id == bindparam("id"))


def _add_with_random_id(session: Session, answer: Answer) -> None:
    """Insert `answer` under a random id nobody uses yet."""
    connection = session.connection()
    while True:
        candidate = secrets.randbelow(ANSWER_ID_SPACE) + 1
        if connection.execute(_id_taken_statement(), {"id": candidate}).first() is None:
            break
    answer.id = candidate
    session.add(answer)
    session.flush()


def _set_knelpunten(
    session: Session, answer: Answer, knelpunten: Links, *, fresh: bool = False
) -> None:
    assert answer.id is not None
    replace_links(session, AnswerKnelpunt, "answer_id", answer.id, knelpunten, fresh=fresh)


LOOK = "look"  # record_thread_answer's `existing` when the caller did not look it up


def record_thread_answer(
    *,
    session: Session,
    slot: Slot,
    user_id: str,
    text: str,
    message_ts: str,
    knelpunten: Links = (),
    existing: Answer | str | None = LOOK,
) -> Answer:
    """Store a thread reply as an answer (or update it when that reply was stored already).

    `existing`: answer_for_message's answer for this reply when the caller looked it up in
    this transaction already (None: there is none).
    """
    if isinstance(existing, str):
        existing = answer_for_message(
            session=session, channel_id=slot.channel_id, message_ts=message_ts
        )
    if existing is not None:
        return update_answer_text(
            session=session, answer=existing, text=text, knelpunten=knelpunten
        )
    assert slot.id is not None
    answer = Answer(
        slot_id=slot.id,
        team_id=slot.team_id,
        user_id=user_id,
        source="thread",
        text=text,
        channel_id=slot.channel_id,
        message_ts=message_ts,
    )
    _add_with_random_id(session, answer)
    _set_knelpunten(session, answer, knelpunten, fresh=True)
    return answer


def record_modal_answer(
    *,
    session: Session,
    slot: Slot,
    user_id: str | None,
    text: str,
    quotable: bool,
    knelpunten: Links = (),
    created_at: datetime | None = None,
    confirmed: bool = False,
) -> Answer:
    """Store a private answer; user_id None means anonymous (then nothing links it to anyone).

    `confirmed`: the author chose the knelpunten (a labelled example for the team's model).
    """
    assert slot.id is not None
    answer = Answer(
        slot_id=slot.id,
        team_id=slot.team_id,
        user_id=user_id,
        anonymous=user_id is None,
        quotable=quotable,
        source="modal",
        text=text,
        created_at=created_at or utcnow(),
        knelpunten_confirmed=confirmed,
    )
    _add_with_random_id(session, answer)
    _set_knelpunten(session, answer, knelpunten, fresh=True)
    return answer


@cache
def _answer_for_message_statement() -> Any:
    answers = Answer.__table__.c  # type: ignore[attr-defined]
    return sa_select(answers.id).where(
        answers.channel_id == bindparam("channel_id"), answers.message_ts == bindparam("message_ts")
    )


def answer_for_message(*, session: Session, channel_id: str, message_ts: str) -> Answer | None:
    """The answer stored for a thread reply (found by a Core statement built once, loaded by
    the ORM only when there is one: a new reply, the common case, costs one lookup)."""
    session.flush()  # what an ORM query would flush first
    row = (
        session.connection()
        .execute(
            _answer_for_message_statement(), {"channel_id": channel_id, "message_ts": message_ts}
        )
        .first()
    )
    return None if row is None else session.get(Answer, row[0])


def update_answer_text(
    *, session: Session, answer: Answer, text: str, knelpunten: Links = ()
) -> Answer:
    """An edited reply replaces the stored text and its knelpunten."""
    answer.text = text
    answer.updated_at = utcnow()
    session.add(answer)
    session.flush()
    _set_knelpunten(session, answer, knelpunten)
    return answer


def delete_answer_for_message(*, session: Session, channel_id: str, message_ts: str) -> bool:
    """A deleted reply deletes its answer; False when none was stored."""
    answer = answer_for_message(session=session, channel_id=channel_id, message_ts=message_ts)
    if answer is None:
        return False
    session.delete(answer)
    session.flush()
    return True


def answer_knelpunten(*, session: Session, answer_id: int) -> list[str]:
    """The knelpunt ids of an answer that count (confident ones)."""
    query = select(AnswerKnelpunt.knelpunt_id).where(
        AnswerKnelpunt.answer_id == answer_id, col(AnswerKnelpunt.confident).is_(True)
    )
    return sorted(session.exec(query))


def count_answers(*, session: Session, slot_id: int) -> tuple[int, int]:
    """(named answers, distinct named people) for a slot.

    Anonymous answers are left out: a count posted during the week (the reminder) would
    otherwise tell that an anonymous answer came in before it.
    """
    query = select(func.count(col(Answer.id)), func.count(func.distinct(Answer.user_id))).where(
        Answer.slot_id == slot_id, col(Answer.anonymous).is_(False)
    )
    answers, people = session.exec(query).one()
    return int(answers), int(people)


def forget_events_before(*, session: Session, moment: datetime) -> int:
    """Drop remembered event ids older than Slack could still retry them."""
    result = session.execute(delete(ProcessedEvent).where(col(ProcessedEvent.received_at) < moment))
    return int(getattr(result, "rowcount", 0) or 0)
