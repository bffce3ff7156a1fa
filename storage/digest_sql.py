"""The weekspiegel's statements, built once as Core statements with bound parameters.

Built once (functools.cache) so SQLAlchemy neither rebuilds nor re-coerces them per team, and
Core (table columns, not ORM entities) so rows come back as plain tuples. Each goes through the
(team_id, created_at) index of its table; storage.digest runs them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import bindparam, case, distinct, func, literal_column, union_all
from sqlalchemy import select as sa_select

from storage.models import (
    Answer,
    AnswerKnelpunt,
    Casus,
    CasusKnelpunt,
    KnelpuntSignal,
    PromptSlot,
    SignalKnelpunt,
    UTCDateTime,
)

SOURCE_ANSWER = "antwoord"
SOURCE_CASE = "casus"
SOURCE_SIGNAL = "signaal"
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
def people_statement(weeks: int, held_back: bool) -> Any:
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


@cache
def case_rows_statement() -> Any:
    cases = _table(Casus).c
    return sa_select(
        cases.created_at, cases.intake, cases.decision, cases.destinations, cases.reasons
    ).where(
        cases.team_id == bindparam("team_id"),
        cases.created_at >= bindparam("start", type_=UTCDateTime),
        cases.created_at < bindparam("end", type_=UTCDateTime),
    )


@cache
def activity_statement(held_back: bool) -> Any:
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


@cache
def quotable_statement() -> Any:
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


@cache
def answer_knelpunten_statement() -> Any:
    links = _table(AnswerKnelpunt).c
    return sa_select(links.answer_id, links.knelpunt_id).where(
        links.answer_id.in_(bindparam("answer_ids", expanding=True)),
        links.confident.is_(True),
    )
