"""A deterministic eight-week history of a fictional team of twelve, for `make demo`.

Everything goes through the same storage functions the bot uses, so the demo's weekspiegel is
computed exactly as a real one.
"""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot.rotation import next_prompt
from bot.weekspiegel import IsoWeek
from prompts.casus_form import CaseForm
from prompts.library import PromptLibrary
from prompts.recogniser import Recogniser
from storage import answers, casus, prompts, teams
from storage.engine import session_scope
from storage.models import Casus, Team

TEXTS = Path(__file__).with_name("texts.toml")
TEAM_NAME = "Wijkteam Noord"
CHANNEL_ID = "C0DEMONOORD"
MEMBERS = tuple(f"U0DEMO{n:02d}" for n in range(1, 13))
WEEKS = 8
SEED = 47


@dataclass(frozen=True)
class DemoHistory:
    """What the demo wrote: the team and the week whose weekspiegel to show."""

    team: Team
    week: IsoWeek
    answers: int
    cases: int
    signals: int


def _moment(day: date, hour: int, minute: int, timezone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone)


def _weight(topic: str, week_index: int, story: dict[str, Any]) -> float:
    """How much a topic weighs on the team in a week (0 = first of the eight, 7 = last)."""
    if topic in story["recurring"]:
        return 3 + 0.5 * week_index  # steady, and growing towards the end
    if topic == story["fading"]:
        return 0.0 if week_index == WEEKS - 1 else max(0.0, 7 - week_index)  # ebbs away
    if topic == "plain":
        return 2.0
    return 0.7


def build_demo_history(
    engine: Engine,
    *,
    last_week: IsoWeek,
    library: PromptLibrary,
    form: CaseForm,
    tagger: Recogniser,
    timezone: ZoneInfo,
) -> DemoHistory:
    """Write eight weeks ending with `last_week` for a team of twelve; same seed, same story."""
    texts = tomllib.loads(TEXTS.read_text(encoding="utf-8"))
    story, pool = texts["story"], texts["answers"]
    descriptions: list[str] = texts["cases"]["descriptions"]
    rng = random.Random(SEED)
    topics = [*story["recurring"], story["fading"], *story["background"], "plain"]
    counts = {"answers": 0, "cases": 0, "signals": 0}
    with session_scope(engine) as session:
        team = teams.create_team(
            session=session,
            channel_id=CHANNEL_ID,
            name=TEAM_NAME,
            leader_id=MEMBERS[0],
            now=_moment(last_week.shifted(1 - WEEKS).monday(), 8, 0, timezone),
        )
        assert team.id is not None
        for index in range(WEEKS):
            week = last_week.shifted(index - WEEKS + 1)
            tuesday = week.monday() + timedelta(days=1)
            posted_at = _moment(tuesday, 9, 0, timezone)
            history = prompts.prompt_history(session=session, team_id=team.id)
            prompt = next_prompt(
                library,
                team_id=team.id,
                team_themes=teams.team_themes(team),
                history=history,
            )
            slot = prompts.record_slot(
                session=session,
                team=team,
                slot_key=tuesday.isoformat(),
                kind="schema",
                slot_date=tuesday,
                prompt_id=prompt.id,
                theme=prompt.theme,
                now=posted_at,
            )
            assert slot is not None and slot.id is not None
            prompts.mark_sent(
                session=session,
                slot_id=slot.id,
                message_ts=f"{posted_at.timestamp():.6f}",
                reminder_due_at=None,
                now=posted_at,
            )
            # Answers: 6–9 of the twelve answer, each about what weighs on them that week.
            for member in rng.sample(MEMBERS, rng.randint(6, 9)):
                weights = [_weight(topic, index, story) for topic in topics]
                text = rng.choice(pool[rng.choices(topics, weights=weights)[0]])
                anonymous = rng.random() < 0.15
                day = tuesday + timedelta(days=rng.randint(0, 3))
                answers.record_modal_answer(
                    session=session,
                    slot=slot,
                    user_id=None if anonymous else member,
                    text=text,
                    quotable=not anonymous and rng.random() < 0.5,
                    knelpunten=tagger.tag(text),
                    created_at=_moment(day, 12 if anonymous else rng.randint(9, 16), 0, timezone),
                )
                counts["answers"] += 1
            # Cases: 6–10 a week, more referrals to the second line as its waiting lists grow.
            for _ in range(rng.randint(6, 10)):
                referred = rng.random() < 0.5
                destinations = (
                    rng.sample(["ggz", "schuldhulpverlening", "jeugdhulp", "wmo-maatwerk"], 1)
                    if referred
                    else []
                )
                reasons = (
                    rng.sample(["expertise-ontbreekt", "wachtlijst", "zorgzwaarte"], 1)
                    if referred
                    else []
                )
                description = rng.choice(descriptions)
                day = week.monday() + timedelta(days=rng.randint(0, 4))
                case = Casus(
                    team_id=team.id,
                    user_id=rng.choice(MEMBERS),
                    description=description,
                    domains=",".join(rng.sample(list(form.domains), 2)),
                    intake=rng.choices(list(form.intakes), weights=[5, 3, 1 + index // 3, 1])[0],
                    decision=rng.choice(["doorverwezen", "consult"])
                    if referred
                    else rng.choice(["zelf", "zelf", "open"]),
                    destinations=",".join(destinations),
                    reasons=",".join(reasons),
                    created_at=_moment(day, rng.randint(9, 16), 30, timezone),
                )
                knelpunten = tagger.tag(description) + form.knelpunten_for_reasons(reasons)
                casus.save_casus(session=session, casus=case, knelpunten=knelpunten)
                counts["cases"] += 1
            # Signals: one or two a week about the recurring knelpunten.
            for _ in range(rng.randint(1, 2)):
                topic = rng.choice(story["recurring"] if index > 2 else topics[:3])
                text = rng.choice(pool[topic])
                signal = casus.record_signal(
                    session=session,
                    team_id=team.id,
                    user_id=rng.choice(MEMBERS),
                    text=text,
                    knelpunten=tagger.tag(text),
                )
                day = week.monday() + timedelta(days=rng.randint(0, 4))
                signal.created_at = _moment(day, 17, 0, timezone)
                session.add(signal)
                counts["signals"] += 1
        session.flush()
        session.refresh(team)
        return DemoHistory(team=team, week=last_week, **counts)
