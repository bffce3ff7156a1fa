"""Factories for the weekspiegel tests: answers, cases and signals at chosen moments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot.anonymity import week_middle
from storage import answers, casus, prompts
from storage.engine import session_scope
from storage.models import Casus, PromptSlot, Team

AMS = ZoneInfo("Europe/Amsterdam")


def at(day: date, hour: int = 10) -> datetime:
    """A moment on a day, Amsterdam time."""
    return datetime.combine(day, time(hour), tzinfo=AMS)


def sent_slot(engine: Engine, team: Team, day: date) -> PromptSlot:
    """A prompt posted to the team on `day` at 09:00."""
    with session_scope(engine) as session:
        slot = prompts.record_slot(
            session=session, team=team, slot_key=day.isoformat(), kind="schema", slot_date=day,
            prompt_id="leercultuur-01", theme="leercultuur", now=at(day, 9),
        )  # fmt: skip
        assert slot is not None and slot.id is not None
        prompts.mark_sent(
            session=session, slot_id=slot.id, message_ts=f"{day.toordinal()}.000100",
            reminder_due_at=None, now=at(day, 9),
        )  # fmt: skip
        return slot


def add_answer(
    engine: Engine,
    slot: PromptSlot,
    when: datetime,
    text: str,
    *,
    user: str | None = "U0LID",
    knelpunten: Sequence[str] = (),
    quotable: bool = False,
) -> None:
    """A private answer (user None: anonymous, kept at the middle of its week like the bot)."""
    with session_scope(engine) as session:
        answers.record_modal_answer(
            session=session, slot=slot, user_id=user, text=text, quotable=quotable,
            knelpunten=knelpunten, created_at=when if user else week_middle(when, AMS),
        )  # fmt: skip


def add_case(
    engine: Engine,
    team: Team,
    when: datetime,
    *,
    user: str = "U0LID",
    intake: str = "hulpvraag",
    decision: str = "zelf",
    destinations: str = "",
    reasons: str = "",
    knelpunten: Sequence[str] = (),
) -> None:
    """A case with its choices."""
    assert team.id is not None
    with session_scope(engine) as session:
        case = Casus(
            team_id=team.id, user_id=user, description="Vraag over schulden en huisvesting.",
            domains="financien", intake=intake, decision=decision, destinations=destinations,
            reasons=reasons, created_at=when,
        )  # fmt: skip
        casus.save_casus(session=session, casus=case, knelpunten=knelpunten)


def add_signal(
    engine: Engine, team: Team, when: datetime, *, user: str = "U0LID", knelpunten: Sequence[str]
) -> None:
    """A knelpunt signal."""
    assert team.id is not None
    with session_scope(engine) as session:
        signal = casus.record_signal(
            session=session, team_id=team.id, user_id=user, text="Wachtlijst weer lang",
            knelpunten=knelpunten,
        )  # fmt: skip
        signal.created_at = when
        session.add(signal)
