"""Claims that make a post or a warning happen once, on SQLite and PostgreSQL.

Each claim is one conditional UPDATE whose row count says whether this process won; a driver
that reported no count (-1) would make every claim fail, and one that counted matched rather
than changed rows would let two processes both win.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine

from storage import prompts, teams
from storage.engine import session_scope
from tests.conftest import LINKED_SINCE

NOW = LINKED_SINCE + timedelta(days=7)


def _slot_id(engine: Engine) -> int:
    with session_scope(engine) as session:
        team = teams.create_team(
            session=session, channel_id="C0NOORD", name="Noord", leader_id="U1", now=LINKED_SINCE
        )
        slot = prompts.record_slot(
            session=session,
            team=team,
            slot_key="2025-01-13",
            kind="scheduled",
            slot_date=date(2025, 1, 13),
            prompt_id="leercultuur-01",
            theme="leercultuur",
            now=NOW,
        )
        assert slot is not None and slot.id is not None
        return slot.id


def test_a_slot_is_claimed_once_until_its_claim_goes_stale(engine: Engine) -> None:
    slot_id = _slot_id(engine)
    with session_scope(engine) as session:
        assert prompts.claim_slot(session=session, slot_id=slot_id, now=NOW) is True
    with session_scope(engine) as session:
        assert prompts.claim_slot(session=session, slot_id=slot_id, now=NOW) is False
        still_fresh = NOW + prompts.CLAIM_LEASE - timedelta(seconds=1)
        assert prompts.claim_slot(session=session, slot_id=slot_id, now=still_fresh) is False
    stale = NOW + prompts.CLAIM_LEASE + timedelta(seconds=1)
    with session_scope(engine) as session:
        assert prompts.claim_slot(session=session, slot_id=slot_id, now=stale) is True
        slot = prompts.get_slot(session=session, slot_id=slot_id)
        assert slot is not None and slot.attempts == 2


def test_a_reminder_is_claimed_once(engine: Engine) -> None:
    slot_id = _slot_id(engine)
    with session_scope(engine) as session:
        assert prompts.claim_reminder(session=session, slot_id=slot_id, now=NOW) is True
    with session_scope(engine) as session:
        assert prompts.claim_reminder(session=session, slot_id=slot_id, now=NOW) is False


def test_a_team_is_flagged_for_attention_once(engine: Engine) -> None:
    with session_scope(engine) as session:
        team = teams.create_team(
            session=session, channel_id="C0NOORD", name="Noord", leader_id="U1", now=LINKED_SINCE
        )
        assert team.id is not None
        team_id = team.id
    with session_scope(engine) as session:
        first = teams.flag_attention(session=session, team_id=team_id, reason="kanaal", now=NOW)
    with session_scope(engine) as session:
        again = teams.flag_attention(session=session, team_id=team_id, reason="kanaal", now=NOW)
    assert (first, again) == (True, False)
