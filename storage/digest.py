"""Queries the weekspiegel needs: one team, one period, always through (team_id, created_at)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import bindparam, case, distinct, func, literal_column, or_, union_all
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.models import (
    Answer,
    AnswerKnelpunt,
    Casus,
    CasusKnelpunt,
    DigestDelivery,
    DigestQuote,
    KnelpuntSignal,
    PromptSlot,
    SignalKnelpunt,
    Team,
    Teamleider,
    UTCDateTime,
    utcnow,
)
from storage.teams import list_teamleiders

MAX_DELIVERY_ATTEMPTS = 5
SOURCE_ANSWER = "antwoord"
SOURCE_CASE = "casus"
SOURCE_SIGNAL = "signaal"


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


ALL_SOURCES = "*"


def _table(model: Any) -> Any:
    """A model's Core table, for statements that skip the ORM (built once, rows as tuples)."""
    return model.__table__


def _bucket(created_at: Any, boundaries: int) -> Any:
    """The index of the week `created_at` falls in: CASE over the bound week starts."""
    return case(
        *[(created_at < bindparam(f"week_{n}", type_=UTCDateTime), literal_column(str(n - 1)))
          for n in range(1, boundaries + 1)],
        else_=literal_column(str(boundaries)),
    )  # fmt: skip


@cache
def _people_statement(weeks: int, held_back: bool) -> Any:
    """One statement for all three sources, counted per knelpunt and week (built once)."""
    team_id: Any = bindparam("team_id")
    start: Any = bindparam("start", type_=UTCDateTime)
    end: Any = bindparam("end", type_=UTCDateTime)
    parts: list[Any] = []
    for source, item, link, key in (
        (SOURCE_ANSWER, Answer, AnswerKnelpunt, "answer_id"),
        (SOURCE_CASE, Casus, CasusKnelpunt, "casus_id"),
        (SOURCE_SIGNAL, KnelpuntSignal, SignalKnelpunt, "signal_id"),
    ):
        item_table, link_table = _table(item), _table(link)
        items, links = item_table.c, link_table.c
        part = (
            sa_select(
                literal_column(f"'{source}'").label("source"),
                links.knelpunt_id.label("knelpunt_id"),
                _bucket(items.created_at, weeks - 1).label("week"),
                items.user_id.label("author"),
            )
            .select_from(link_table.join(item_table, items.id == links[key]))
            .where(
                items.team_id == team_id,
                items.created_at >= start,
                items.created_at < end,
                links.confident.is_(True),
            )
        )
        if held_back and item is Answer:
            part = part.where(
                items.anonymous.is_(False)
                | (items.created_at < bindparam("anonymous_before", type_=UTCDateTime))
            )
        parts.append(part)
    found = union_all(*parts).cte("mentioned")
    no_one: Any = literal_column("''")
    # Distinct named authors, plus one for any contribution without an author.
    people = func.count(distinct(func.nullif(found.c.author, no_one))) + func.max(
        case((func.coalesce(found.c.author, no_one) == no_one, literal_column("1")),
             else_=literal_column("0"))
    )  # fmt: skip
    every_week = sa_select(
        literal_column(f"'{ALL_SOURCES}'").label("source"), found.c.knelpunt_id, found.c.week,
        people.label("people"), func.count().label("mentions"),
    ).group_by(found.c.knelpunt_id, found.c.week)  # fmt: skip
    last_week = (
        sa_select(
            found.c.source, found.c.knelpunt_id, found.c.week, people.label("people"),
            func.count().label("mentions"),
        )
        .where(found.c.week == literal_column(str(weeks - 1)))
        .group_by(found.c.source, found.c.knelpunt_id, found.c.week)
    )  # fmt: skip
    return union_all(every_week, last_week)


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
    statement = _people_statement(len(week_starts), anonymous_before is not None)
    params: dict[str, Any] = {"team_id": team_id, "start": week_starts[0], "end": end}
    params.update({f"week_{n}": moment for n, moment in enumerate(week_starts) if n})
    if anonymous_before is not None:
        params["anonymous_before"] = anonymous_before
    return [PeopleCount(*row) for row in session.connection().execute(statement, params)]


@cache
def _case_rows_statement() -> Any:
    cases = _table(Casus).c
    return sa_select(
        cases.created_at, cases.intake, cases.decision, cases.destinations, cases.reasons
    ).where(
        cases.team_id == bindparam("team_id"),
        cases.created_at >= bindparam("start", type_=UTCDateTime),
        cases.created_at < bindparam("end", type_=UTCDateTime),
    )


def case_rows(*, session: Session, team_id: int, start: datetime, end: datetime) -> list[CaseRow]:
    """The choices of the team's cases in [start, end)."""
    params = {"team_id": team_id, "start": start, "end": end}
    return [CaseRow(*row) for row in session.connection().execute(_case_rows_statement(), params)]


@cache
def _activity_statement(held_back: bool) -> Any:
    """Sent prompts, and per kind of item the count per author, in one statement (built once)."""
    team_id: Any = bindparam("team_id")
    start: Any = bindparam("start", type_=UTCDateTime)
    end: Any = bindparam("end", type_=UTCDateTime)
    slots = _table(PromptSlot).c
    parts: list[Any] = [
        sa_select(
            literal_column("'prompt'").label("kind"), literal_column("NULL").label("author"),
            func.count().label("n"),
        ).where(
            slots.team_id == team_id, slots.status == "sent", slots.sent_at >= start,
            slots.sent_at < end,
        )
    ]  # fmt: skip
    for kind, model in (("answer", Answer), ("case", Casus), ("signal", KnelpuntSignal)):
        items = _table(model).c
        part = sa_select(
            literal_column(f"'{kind}'").label("kind"), items.user_id, func.count()
        ).where(items.team_id == team_id, items.created_at >= start, items.created_at < end)
        if held_back and model is Answer:
            part = part.where(
                items.anonymous.is_(False)
                | (items.created_at < bindparam("anonymous_before", type_=UTCDateTime))
            )
        parts.append(part.group_by(items.user_id))
    return union_all(*parts)


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
    statement = _activity_statement(anonymous_before is not None)
    counts = {"prompt": 0, "answer": 0, "case": 0, "signal": 0}
    authors: set[str] = set()
    for kind, user, count in session.connection().execute(statement, params):
        counts[kind] += int(count)
        if user:
            authors.add(user)
    return Activity(
        counts["prompt"], counts["answer"], counts["case"], counts["signal"], len(authors)
    )


@cache
def _quotable_statement() -> Any:
    answers = _table(Answer).c
    return (
        sa_select(answers.id, answers.text)
        .where(
            answers.team_id == bindparam("team_id"),
            answers.created_at >= bindparam("start", type_=UTCDateTime),
            answers.created_at < bindparam("end", type_=UTCDateTime),
            answers.quotable.is_(True),
            answers.anonymous.is_(False),
        )
        .order_by(answers.created_at, answers.id)
    )


def quotable_answers(
    *, session: Session, team_id: int, start: datetime, end: datetime
) -> list[tuple[int, str]]:
    """(id, text) of named answers their authors marked quotable, oldest first."""
    params = {"team_id": team_id, "start": start, "end": end}
    rows = session.connection().execute(_quotable_statement(), params)
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


@cache
def _answer_knelpunten_statement() -> Any:
    links = _table(AnswerKnelpunt).c
    return sa_select(links.answer_id, links.knelpunt_id).where(
        links.answer_id.in_(bindparam("answer_ids", expanding=True)),
        links.confident.is_(True),
    )


def answer_knelpunt_ids(*, session: Session, answer_ids: list[int]) -> dict[int, set[str]]:
    """The knelpunten of these answers."""
    found: dict[int, set[str]] = {answer_id: set() for answer_id in answer_ids}
    if answer_ids:
        rows = session.connection().execute(
            _answer_knelpunten_statement(), {"answer_ids": answer_ids}
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
