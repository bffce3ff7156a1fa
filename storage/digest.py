"""Queries the weekspiegel needs: one team, one period, always through (team_id, created_at)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage import digest_sql as sql
from storage.digest_sql import ALL_SOURCES as ALL_SOURCES
from storage.digest_sql import SOURCE_ANSWER as SOURCE_ANSWER
from storage.digest_sql import SOURCE_CASE as SOURCE_CASE
from storage.digest_sql import SOURCE_SIGNAL as SOURCE_SIGNAL
from storage.models import (
    Answer,
    AnswerKnelpunt,
    Casus,
    CasusKnelpunt,
    DigestDelivery,
    DigestQuote,
    KnelpuntSignal,
    SignalKnelpunt,
    Team,
    Teamleider,
    utcnow,
)
from storage.teams import list_teamleiders

MAX_DELIVERY_ATTEMPTS = 5


class Mention(NamedTuple):
    """A knelpunt raised once: by an answer, a case or a signal (a tuple: there are many)."""

    source: str
    knelpunt_id: str
    created_at: datetime
    author: str | None  # None for an anonymous answer


class PeopleCount(NamedTuple):
    """How many distinct people raised a knelpunt in one week of a series, and how often.

    `source` is ALL_SOURCES for the three sources together (every week), else one source
    (the last week only). People are distinct Slack ids, all contributions without one (anonymous
    or erased) together as one person, as bot.floors.distinct_people counts them.
    """

    source: str
    knelpunt_id: str
    week: int  # index into the series of week starts
    people: int
    mentions: int


@dataclass(frozen=True)
class CaseRow:
    """The choices of one case (no description)."""

    created_at: datetime
    intake: str
    decision: str
    destinations: str
    reasons: str


@dataclass(frozen=True)
class Activity:
    """What happened in a team in a period; authors only ever leave this module as a count."""

    prompts_posted: int
    answers: int
    cases: int
    signals: int
    people: int


def _answers_in(
    team_id: int, start: datetime, end: datetime, anonymous_before: datetime | None
) -> Any:
    """The team's answers in [start, end); anonymous ones only from before `anonymous_before`."""
    condition = (
        (col(Answer.team_id) == team_id)
        & (col(Answer.created_at) >= start)
        & (col(Answer.created_at) < end)
    )
    if anonymous_before is not None:
        condition &= col(Answer.anonymous).is_(False) | (col(Answer.created_at) < anonymous_before)
    return condition


def mentions(
    *,
    session: Session,
    team_id: int,
    start: datetime,
    end: datetime,
    anonymous_before: datetime | None = None,
) -> list[Mention]:
    """Every knelpunt raised in the team in [start, end), from all three sources.

    With `anonymous_before`, anonymous answers from that moment on are left out (held back
    until their week is closed). Only confident links count: a knelpunt the recogniser was
    unsure of ("mogelijk") is kept with its item but never reported as raised.
    """
    found: list[Mention] = []
    answer_rows = session.exec(
        select(AnswerKnelpunt.knelpunt_id, Answer.created_at, Answer.user_id)
        .join(Answer, col(Answer.id) == col(AnswerKnelpunt.answer_id))
        .where(_answers_in(team_id, start, end, anonymous_before))
        .where(col(AnswerKnelpunt.confident).is_(True))
    )
    found += [Mention(SOURCE_ANSWER, k, when, user) for k, when, user in answer_rows]
    case_rows = session.exec(
        select(CasusKnelpunt.knelpunt_id, Casus.created_at, Casus.user_id)
        .join(Casus, col(Casus.id) == col(CasusKnelpunt.casus_id))
        .where(Casus.team_id == team_id, Casus.created_at >= start, Casus.created_at < end)
        .where(col(CasusKnelpunt.confident).is_(True))
    )
    found += [Mention(SOURCE_CASE, k, when, user) for k, when, user in case_rows]
    signal_rows = session.exec(
        select(SignalKnelpunt.knelpunt_id, KnelpuntSignal.created_at, KnelpuntSignal.user_id)
        .join(KnelpuntSignal, col(KnelpuntSignal.id) == col(SignalKnelpunt.signal_id))
        .where(
            KnelpuntSignal.team_id == team_id,
            KnelpuntSignal.created_at >= start,
            KnelpuntSignal.created_at < end,
            col(SignalKnelpunt.confident).is_(True),
        )
    )
    found += [Mention(SOURCE_SIGNAL, k, when, user) for k, when, user in signal_rows]
    return found


def knelpunt_people(
    *,
    session: Session,
    team_id: int,
    week_starts: Sequence[datetime],
    end: datetime,
    anonymous_before: datetime | None = None,
) -> list[PeopleCount]:
    """What `mentions` finds from week_starts[0] to `end`, counted by the database: people per
    knelpunt and week (the index of the last start at or before the moment), and for the last
    week also per source.

    One statement, built once per shape, reading no timestamps: the weekspiegel needs only
    which week a mention falls in and how many people raised it, never the moment itself.
    """
    statement = sql.people_statement(len(week_starts), anonymous_before is not None)
    params: dict[str, Any] = {"team_id": team_id, "start": week_starts[0], "end": end}
    params.update({f"week_{n}": moment for n, moment in enumerate(week_starts) if n})
    if anonymous_before is not None:
        params["anonymous_before"] = anonymous_before
    return [PeopleCount(*row) for row in session.connection().execute(statement, params)]


def case_rows(*, session: Session, team_id: int, start: datetime, end: datetime) -> list[CaseRow]:
    """The choices of the team's cases in [start, end)."""
    params = {"team_id": team_id, "start": start, "end": end}
    return [
        CaseRow(*row) for row in session.connection().execute(sql.case_rows_statement(), params)
    ]


def activity(
    *,
    session: Session,
    team_id: int,
    start: datetime,
    end: datetime,
    anonymous_before: datetime | None = None,
) -> Activity:
    """Counts of prompts, answers, cases, signals and distinct named people in [start, end)."""
    params: dict[str, Any] = {"team_id": team_id, "start": start, "end": end}
    if anonymous_before is not None:
        params["anonymous_before"] = anonymous_before
    statement = sql.activity_statement(anonymous_before is not None)
    counts = {"prompt": 0, "answer": 0, "case": 0, "signal": 0}
    authors: set[str] = set()
    for kind, user, count in session.connection().execute(statement, params):
        counts[kind] += int(count)
        if user:
            authors.add(user)
    return Activity(
        counts["prompt"], counts["answer"], counts["case"], counts["signal"], len(authors)
    )


def quotable_answers(
    *, session: Session, team_id: int, start: datetime, end: datetime
) -> list[tuple[int, str]]:
    """(id, text) of named answers their authors marked quotable, oldest first."""
    params = {"team_id": team_id, "start": start, "end": end}
    rows = session.connection().execute(sql.quotable_statement(), params)
    return [(int(answer_id or 0), text) for answer_id, text in rows]


def quotes_by_id(*, session: Session, answer_ids: Sequence[int]) -> list[tuple[int, str]]:
    """(id, text) of these answers that may still be quoted, in the given order."""
    if not answer_ids:
        return []
    rows = session.exec(
        select(Answer.id, Answer.text).where(
            col(Answer.id).in_(list(answer_ids)),
            col(Answer.quotable).is_(True),
            col(Answer.anonymous).is_(False),
            col(Answer.text) != "",
        )
    )
    texts = {int(answer_id or 0): text for answer_id, text in rows}
    return [(answer_id, texts[answer_id]) for answer_id in answer_ids if answer_id in texts]


def answer_knelpunt_ids(*, session: Session, answer_ids: list[int]) -> dict[int, set[str]]:
    """The knelpunten of these answers."""
    found: dict[int, set[str]] = {answer_id: set() for answer_id in answer_ids}
    if answer_ids:
        rows = session.connection().execute(
            sql.answer_knelpunten_statement(), {"answer_ids": answer_ids}
        )
        for answer_id, knelpunt_id in rows:
            found[answer_id].add(knelpunt_id)
    return found


def count_floor(*, session: Session, team_id: int, start: datetime, end: datetime) -> int:
    """A plain COUNT(*) over the team's answers, cases and signals of a period (bench floor)."""
    total = 0
    for model in (Answer, Casus, KnelpuntSignal):
        total += session.exec(
            select(func.count()).where(
                model.team_id == team_id,
                model.created_at >= start,
                model.created_at < end,
            )
        ).one()
    return total


# -- deliveries ------------------------------------------------------------------------------


def leaders_due(*, session: Session, team: Team, week: str, added_before: datetime) -> list[str]:
    """Teamleiders (added before the digest moment) with no delivery of this week yet."""
    assert team.id is not None
    delivered = set(
        session.exec(
            select(DigestDelivery.user_id).where(
                DigestDelivery.team_id == team.id,
                DigestDelivery.week == week,
                or_(
                    col(DigestDelivery.status) != "failed",
                    col(DigestDelivery.attempts) >= MAX_DELIVERY_ATTEMPTS,
                ),
            )
        )
    )
    added = {
        leader.user_id: leader.added_at
        for leader in session.exec(select(Teamleider).where(Teamleider.team_id == team.id))
    }
    return [
        user
        for user in list_teamleiders(session=session, team=team)
        if user not in delivered and added.get(user, added_before) <= added_before
    ]


def claim_delivery(*, session: Session, team_id: int, week: str, user_id: str) -> bool:
    """Record that this weekspiegel is being sent; False when it was sent (or is being sent).

    Also False when the user is no longer a teamleider of the team (erased or removed meanwhile),
    so no delivery row ever outlives its teamleider.
    """
    if session.get(Teamleider, (team_id, user_id)) is None:
        return False
    existing = session.exec(
        select(DigestDelivery).where(
            DigestDelivery.team_id == team_id,
            DigestDelivery.week == week,
            DigestDelivery.user_id == user_id,
        )
    ).first()
    if existing is None:
        try:
            with session.begin_nested():
                session.add(DigestDelivery(team_id=team_id, week=week, user_id=user_id))
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


def finish_delivery(
    *,
    session: Session,
    team_id: int,
    week: str,
    user_id: str,
    status: str,
    error: str | None,
    posted: tuple[str, str] | None = None,
    quote_ids: Sequence[int] = (),
    agenda: str | None = None,
) -> None:
    """Mark a delivery sent, failed (will be retried) or unknown (will not).

    A sent one remembers its DM (channel, ts), its agenda and the answers it quoted, so the
    message can be edited when a quoted text is erased. A delivery erased meanwhile (the
    teamleider asked to be forgotten) stays erased.
    """
    delivery = session.exec(
        select(DigestDelivery).where(
            DigestDelivery.team_id == team_id,
            DigestDelivery.week == week,
            DigestDelivery.user_id == user_id,
        )
    ).first()
    if delivery is None:
        return
    delivery.status = status
    delivery.last_error = error
    delivery.sent_at = utcnow() if status == "sent" else None
    if posted is not None:
        delivery.channel_id, delivery.message_ts = posted
        delivery.agenda = agenda
    session.add(delivery)
    session.flush()
    if posted is not None and quote_ids:
        assert delivery.id is not None
        for answer_id in dict.fromkeys(quote_ids):
            if session.get(Answer, answer_id) is not None:
                session.add(DigestQuote(delivery_id=delivery.id, answer_id=answer_id))
        session.flush()
