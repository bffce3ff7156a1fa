"""A user's data: everything stored under their Slack id, to download or to erase; retention.

Erasing and purging keep a row's *place* in the team's counts but nothing of the person: the
text goes, the Slack id and message reference go, and the time is rounded to the middle of its
ISO week, so past weekspiegels still add up and a year-old trend line still draws.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, update
from sqlmodel import Session, col, select

from storage import rapport, slack_copies
from storage.models import (
    Answer,
    AnswerKnelpunt,
    Casus,
    CasusKnelpunt,
    DigestDelivery,
    KnelpuntSignal,
    SignalKnelpunt,
    Team,
    Teamleider,
)

RoundTime = Callable[[datetime], datetime]


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _knelpunten(session: Session, link: Any, key: Any, ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {item: [] for item in ids}
    if ids:
        for item, knelpunt in session.exec(
            select(key, link.knelpunt_id)
            .where(col(key).in_(ids), col(link.confident).is_(True))
            .order_by(link.knelpunt_id)
        ):
            found[item].append(knelpunt)
    return found


Tags = dict[int, list[str]]


def _items(
    session: Session, query: Callable[[Any], Any]
) -> tuple[list[Answer], list[Casus], list[KnelpuntSignal], tuple[Tags, Tags, Tags]]:
    """Answers, cases and signals that `query(model)` selects, with each one's knelpunten."""
    answers = list(session.exec(query(Answer)))
    cases = list(session.exec(query(Casus)))
    signals = list(session.exec(query(KnelpuntSignal)))
    tags = (
        _knelpunten(
            session, AnswerKnelpunt, AnswerKnelpunt.answer_id, [a.id for a in answers if a.id]
        ),
        _knelpunten(session, CasusKnelpunt, CasusKnelpunt.casus_id, [c.id for c in cases if c.id]),
        _knelpunten(
            session, SignalKnelpunt, SignalKnelpunt.signal_id, [s.id for s in signals if s.id]
        ),
    )
    return answers, cases, signals, tags


def user_data(*, session: Session, user_id: str) -> dict[str, Any]:
    """Everything stored under the Slack id, as JSON-ready data; nothing of anyone else."""
    team_names = {team.id: team.name for team in session.exec(select(Team))}
    answers, cases, signals, tags = _items(
        session, lambda model: select(model).where(model.user_id == user_id)
    )
    answer_tags, case_tags, signal_tags = tags
    leads = list(session.exec(select(Teamleider).where(Teamleider.user_id == user_id)))
    deliveries = list(session.exec(select(DigestDelivery).where(DigestDelivery.user_id == user_id)))
    return {
        "slack_id": user_id,
        "antwoorden": [
            {
                "team": team_names.get(a.team_id),
                "moment": _when(a.created_at),
                "gewijzigd": _when(a.updated_at),
                "via": "thread" if a.source == "thread" else "privé",
                "citeerbaar": a.quotable,
                "tekst": a.text,
                "knelpunten": answer_tags.get(a.id or 0, []),
            }
            for a in answers
        ],
        "casussen": [
            {
                "team": team_names.get(c.team_id),
                "moment": _when(c.created_at),
                "gewijzigd": _when(c.updated_at),
                "omschrijving": c.description,
                "leefgebieden": [d for d in c.domains.split(",") if d],
                "binnenkomst": c.intake,
                "besluit": c.decision,
                "doorverwezen_naar": [d for d in c.destinations.split(",") if d],
                "waarom": [r for r in c.reasons.split(",") if r],
                "toelichting": c.reason_note,
                "inbrengen": c.bring_up,
                "knelpunten": case_tags.get(c.id or 0, []),
            }
            for c in cases
        ],
        "knelpuntsignalen": [
            {
                "team": team_names.get(s.team_id),
                "moment": _when(s.created_at),
                "tekst": s.text,
                "knelpunten": signal_tags.get(s.id or 0, []),
            }
            for s in signals
        ],
        "teams_en_rollen": [
            {
                "team": team_names.get(lead.team_id),
                "rol": "teamleider",
                "sinds": _when(lead.added_at),
            }
            for lead in leads
        ],
        "ontvangen_weekspiegels": [
            {"team": team_names.get(d.team_id), "week": d.week, "status": d.status}
            for d in deliveries
        ],
        "signalen_aan_de_gemeente": [
            {
                "team": name,
                "moment": _when(s.created_at),
                "knelpunt": s.knelpunt_id,
                "toelichting": s.note,
            }
            for s, name in rapport.own_gemeente_signals(session=session, user_id=user_id)
        ],
        "ontvangen_signalenrapporten": [
            {"maand": d.month, "status": d.status}
            for d in rapport.own_rapport_deliveries(session=session, user_id=user_id)
        ],
    }


# What erasing blanks, per kind of item, besides its author and its exact time.
_BLANKED: dict[type, dict[str, object]] = {
    Answer: {"text": "", "message_ts": None, "channel_id": None, "quotable": False,
             "anonymous": True},
    Casus: {"description": "", "reason_note": ""},
    KnelpuntSignal: {"text": ""},
}  # fmt: skip


def _anonymise(session: Session, model: Any, condition: Any, round_time: RoundTime) -> list[int]:
    """Blank text and author of the matching rows and round their time; their ids."""
    rows = session.exec(select(model.id, model.created_at).where(condition)).all()
    for row_id, created_at in rows:
        session.execute(
            update(model)
            .where(model.id == row_id)
            .values(
                user_id=None, updated_at=None, created_at=round_time(created_at), **_BLANKED[model]
            )
        )
    session.flush()
    return [int(row_id) for row_id, _ in rows]


@dataclass(frozen=True)
class Erased:
    """What erasing or purging did: counts per kind, and the bot's Slack copies to edit."""

    counts: dict[str, int]
    copies: list[slack_copies.Target] = field(default_factory=list)
    leaderless_team_ids: list[int] = field(default_factory=list)  # the user was the last leader


def _last_led(session: Session, user_id: str) -> list[int]:
    """Teams this user is the only teamleider of."""
    led = session.exec(select(Teamleider.team_id).where(Teamleider.user_id == user_id)).all()
    alone = []
    for team_id in led:
        others = session.exec(
            select(func.count()).where(Teamleider.team_id == team_id, Teamleider.user_id != user_id)
        ).one()
        if others == 0:
            alone.append(team_id)
    return alone


def erase_user(*, session: Session, user_id: str, round_time: RoundTime) -> Erased:
    """Erase every text the user wrote and their id everywhere; the counts stay right.

    Erasing the last teamleider of a team is allowed (it is their right): the team is then
    visibly without one (`leaderless_team_ids`), for the caller to tell its channel.
    """
    copies = slack_copies.copies_of_user(session=session, user_id=user_id)
    leaderless = _last_led(session, user_id)
    erased = {
        "antwoorden": len(_anonymise(session, Answer, col(Answer.user_id) == user_id, round_time)),
        "casussen": len(_anonymise(session, Casus, col(Casus.user_id) == user_id, round_time)),
        "knelpuntsignalen": len(
            _anonymise(session, KnelpuntSignal, col(KnelpuntSignal.user_id) == user_id, round_time)
        ),
    }
    leads = session.execute(delete(Teamleider).where(col(Teamleider.user_id) == user_id))
    session.execute(delete(DigestDelivery).where(col(DigestDelivery.user_id) == user_id))
    erased["teamleiderschappen"] = int(getattr(leads, "rowcount", 0) or 0)
    erased["signalen-aan-gemeente"] = rapport.forget_sender(session=session, user_id=user_id)
    rapport.forget_rapport_deliveries(session=session, user_id=user_id)
    return Erased(erased, copies, leaderless)


def purge_before(*, session: Session, cutoff: datetime, round_time: RoundTime) -> Erased:
    """Retention: erase texts and authors older than cutoff (again: does nothing more)."""
    ids: dict[str, list[int]] = {
        name: _anonymise(
            session,
            model,
            (col(model.created_at) < cutoff)
            & or_(col(text) != "", col(model.user_id).is_not(None)),
            round_time,
        )
        for name, model, text in (
            ("antwoorden", Answer, Answer.text),
            ("casussen", Casus, Casus.description),
            ("knelpuntsignalen", KnelpuntSignal, KnelpuntSignal.text),
        )
    }
    copies = slack_copies.copies_of(
        session=session, casus_ids=ids["casussen"], answer_ids=ids["antwoorden"]
    )
    purged = {name: len(found) for name, found in ids.items()}
    gone = session.execute(delete(DigestDelivery).where(col(DigestDelivery.created_at) < cutoff))
    purged["weekspiegel-bezorgingen"] = int(getattr(gone, "rowcount", 0) or 0)
    purged["signalen-aan-gemeente"] = rapport.purge_signal_notes(session=session, cutoff=cutoff)
    purged["rapport-bezorgingen"] = rapport.forget_rapport_deliveries(session=session,
                                                                      before=cutoff)  # fmt: skip
    return Erased(purged, copies)


def own_counts(*, session: Session, user_id: str) -> tuple[int, int, int]:
    """(answers, cases, signals) stored under the user's id."""
    counts: list[int] = []
    for model in (Answer, Casus, KnelpuntSignal):
        counts.append(session.exec(select(func.count()).where(model.user_id == user_id)).one())
    return counts[0], counts[1], counts[2]


def own_recent(*, session: Session, user_id: str, limit: int) -> list[tuple[str, datetime, str]]:
    """The user's latest answers, cases and signals: (kind, moment, text), newest first."""
    found: list[tuple[str, datetime, str]] = []
    for kind, model, column in (
        ("antwoord", Answer, Answer.text),
        ("casus", Casus, Casus.description),
        ("signaal", KnelpuntSignal, KnelpuntSignal.text),
    ):
        query = (
            select(model.created_at, column)
            .where(model.user_id == user_id)
            .order_by(col(model.created_at).desc())
            .limit(limit)
        )
        found += [(kind, moment, text) for moment, text in session.exec(query)]
    return sorted(found, key=lambda item: item[1], reverse=True)[:limit]


def team_export(
    *, session: Session, team_id: int, since: datetime | None
) -> dict[str, list[dict[str, Any]]]:
    """A team's answers, cases and signals for the municipality; anonymous answers authorless."""

    def recent(model: Any) -> Any:
        query = select(model).where(model.team_id == team_id).order_by(model.created_at, model.id)
        return query.where(model.created_at >= since) if since else query

    answers, cases, signals, tags = _items(session, recent)
    answer_tags, case_tags, signal_tags = tags
    return {
        "antwoorden": [
            {
                "moment": _when(a.created_at),
                "auteur": None if a.anonymous else a.user_id,
                "tekst": a.text,
                "knelpunten": answer_tags.get(a.id or 0, []),
            }
            for a in answers
        ],
        "casussen": [
            {
                "moment": _when(c.created_at),
                "auteur": c.user_id,
                "tekst": c.description,
                "knelpunten": case_tags.get(c.id or 0, []),
                "leefgebieden": c.domains,
                "binnenkomst": c.intake,
                "besluit": c.decision,
                "doorverwezen_naar": c.destinations,
                "waarom": c.reasons,
                "toelichting": c.reason_note,
                "inbrengen": c.bring_up,
            }
            for c in cases
        ],
        "knelpuntsignalen": [
            {
                "moment": _when(s.created_at),
                "auteur": s.user_id,
                "tekst": s.text,
                "knelpunten": signal_tags.get(s.id or 0, []),
            }
            for s in signals
        ],
    }
