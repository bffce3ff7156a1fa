"""The examples a team's own model learns from: items whose knelpunten their author chose.

A /knelpunt correction, the knelpunten chosen in the /casus modal or in a private answer are
labelled examples in the team's own words. Only texts that still exist count: erasing and the
retention purge blank a text, and a blank text is no example.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.models import (
    Answer,
    AnswerKnelpunt,
    Casus,
    CasusKnelpunt,
    KnelpuntSignal,
    SignalKnelpunt,
)


@dataclass(frozen=True)
class TeamExample:
    """One confirmed example: its text and the knelpunten its author chose (maybe none)."""

    text: str
    knelpunten: frozenset[str]


# (item model, its text column, link model, the link's item column)
_SOURCES: tuple[tuple[Any, Any, Any, Any], ...] = (
    (KnelpuntSignal, KnelpuntSignal.text, SignalKnelpunt, SignalKnelpunt.signal_id),
    (Casus, Casus.description, CasusKnelpunt, CasusKnelpunt.casus_id),
    (Answer, Answer.text, AnswerKnelpunt, AnswerKnelpunt.answer_id),
)


def _confirmed(model: Any, text: Any) -> Any:
    return (col(model.knelpunten_confirmed).is_(True), col(text) != "")


def team_examples(*, session: Session, team_id: int) -> list[TeamExample]:
    """Every confirmed example of one team (never another's), oldest first."""
    examples: list[TeamExample] = []
    for model, text, link, key in _SOURCES:
        rows = session.exec(
            select(model.id, text)
            .where(model.team_id == team_id, *_confirmed(model, text))
            .order_by(model.created_at, model.id)
        ).all()
        ids = [row_id for row_id, _ in rows]
        chosen: dict[int, set[str]] = {row_id: set() for row_id in ids}
        for batch in _batches(ids):
            for item, knelpunt in session.exec(
                select(key, link.knelpunt_id).where(col(key).in_(batch))
            ):
                chosen[item].add(knelpunt)
        examples += [TeamExample(body, frozenset(chosen[row_id])) for row_id, body in rows]
    return examples


def example_fingerprints(*, session: Session) -> dict[int, tuple[int, int, str]]:
    """Per team with confirmed examples: (count, a checksum of ids, latest change), cheaply.

    A team's model is rebuilt when this changes: a new or corrected example, or one erased.
    """
    found: dict[int, list[Any]] = {}
    for model, text, _link, _key in _SOURCES:
        rows = session.exec(
            select(
                model.team_id,
                func.count(),
                func.sum(model.id),
                func.max(func.coalesce(model.updated_at, model.created_at)),
            )
            .where(*_confirmed(model, text))
            .group_by(model.team_id)
        ).all()
        for team_id, count, id_sum, latest in rows:
            entry = found.setdefault(int(team_id), [0, 0, ""])
            entry[0] += int(count)
            entry[1] += int(id_sum or 0)
            entry[2] = max(entry[2], str(latest or ""))
    return {team_id: (entry[0], entry[1], entry[2]) for team_id, entry in found.items()}


def _batches(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
