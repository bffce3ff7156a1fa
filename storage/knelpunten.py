"""How an answer, case or signal is linked to knelpunten: with the recogniser's confidence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert
from sqlmodel import Session, col


@dataclass(frozen=True)
class KnelpuntLink:
    """One knelpunt of an item: probability None when a person chose it (or the lexicon alone
    knows it); not confident means "mogelijk": stored, shown to its author, never counted."""

    knelpunt_id: str
    probability: float | None = None
    confident: bool = True


Links = Iterable[str | KnelpuntLink]


def as_links(knelpunten: Links) -> list[KnelpuntLink]:
    """Links from ids (chosen: confident, no probability) or links, each knelpunt once."""
    found: dict[str, KnelpuntLink] = {}
    for item in knelpunten:
        link = KnelpuntLink(item) if isinstance(item, str) else item
        found.setdefault(link.knelpunt_id, link)
    return list(found.values())


def replace_links(
    session: Session, table: Any, key: str, item_id: int, knelpunten: Links, *, fresh: bool = False
) -> None:
    """Replace the knelpunt links of one item (table: a link model, key: its item column).

    fresh: the item was inserted in this transaction, so it has no links to delete yet. The
    links go in as one Core statement (no ORM objects to build and flush).
    """
    session.flush()  # the item itself, and what the ORM would flush before a statement
    if not fresh:
        session.execute(delete(table).where(col(getattr(table, key)) == item_id))
    rows = [
        {
            key: item_id,
            "knelpunt_id": link.knelpunt_id,
            "probability": link.probability,
            "confident": link.confident,
        }
        for link in as_links(knelpunten)
    ]
    if rows:
        session.connection().execute(insert(table.__table__), rows)
