"""The rendered weekspiegel of a realistic, seeded nine weeks, pinned byte for byte.

The pinned text in tests/data/weekspiegel_pinned.json was rendered by the code before the
weekspiegel's queries were rewritten for speed (issue 16), so a rewrite that changes a single
character of what a teamleider reads fails here, on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from bot.anonymity import week_middle
from bot.views.weekspiegel import build_weekspiegel
from bot.weekspiegel import IsoWeek, build_weekspiegel_data
from prompts.casus_form import INTAKE_PROACTIVE, load_case_form
from prompts.library import load_library
from prompts.taxonomy import load_taxonomy
from storage import answers
from storage.engine import read_scope, session_scope
from storage.knelpunten import KnelpuntLink
from storage.models import Team
from tests.bot.weekspiegel_data import AMS, add_case, add_signal, sent_slot
from tests.conftest import make_team

PINNED = Path(__file__).parents[1] / "data" / "weekspiegel_pinned.json"
WEEK = IsoWeek(2026, 47)
PEOPLE = tuple(f"U0LID{n:02d}" for n in range(9))
REMOVED = "knelpunt-uit-de-taxonomie"  # a link whose knelpunt is no longer in the taxonomy


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randrange(8, 18), rng.randrange(60)), tzinfo=AMS)


def fill(engine: Engine, team: Team, seed: int = 16) -> None:
    """Nine weeks of answers (some anonymous, some quotable), cases and signals, seeded."""
    rng = random.Random(seed)
    knelpunten = [*list(load_taxonomy().ids)[:7], REMOVED]
    form = load_case_form()
    intakes, decisions = list(form.intakes), list(form.decisions)
    destinations, reasons = list(form.destinations), list(form.reasons)
    for offset in range(-8, 1):
        week = WEEK.shifted(offset)
        monday = week.monday()
        slot = sent_slot(engine, team, monday + timedelta(days=1))
        busy = 1.0 + 0.15 * (offset + 8)  # the team writes more as the weeks go by
        for _ in range(round(9 * busy)):
            day = monday + timedelta(days=rng.randrange(1, 5))
            user = rng.choice((*PEOPLE, None))
            links: list[str | KnelpuntLink] = list(
                rng.sample(knelpunten[: 3 + offset % 4], rng.choice((0, 1, 1, 2, 3)))
            )
            if rng.random() < 0.2:
                links.append(KnelpuntLink(rng.choice(knelpunten), 0.4, confident=False))
            text = " ".join(rng.choice(("Wachten", "op de ggz", "duurt", "weer", "lang.",
                                        "We leerden", "van elkaar", "in de intervisie.")
                                       ) for _ in range(rng.randrange(3, 40)))  # fmt: skip
            when = _moment(day, rng)
            with session_scope(engine) as session:  # like add_answer, with "mogelijk" links
                answers.record_modal_answer(
                    session=session, slot=slot, user_id=user, text=text,
                    quotable=rng.random() < 0.3, knelpunten=links,
                    created_at=when if user else week_middle(when, AMS),
                )  # fmt: skip
        for _ in range(round(5 * busy)):
            add_case(
                engine, team, _moment(monday + timedelta(days=rng.randrange(0, 7)), rng),
                user=rng.choice(PEOPLE[:6]),
                intake=INTAKE_PROACTIVE if rng.random() < 0.4 else rng.choice(intakes),
                decision=rng.choice(decisions),
                destinations=",".join(rng.sample(destinations, rng.randrange(0, 3))),
                reasons=",".join(rng.sample(reasons, rng.randrange(0, 3))),
                knelpunten=rng.sample(knelpunten[:5], rng.randrange(0, 3)),
            )  # fmt: skip
        flooder = rng.choice(PEOPLE)
        for n in range(rng.randrange(2, 7)):
            add_signal(engine, team, _moment(monday + timedelta(days=rng.randrange(0, 7)), rng),
                       user=flooder if n % 2 else rng.choice(PEOPLE),
                       knelpunten=[rng.choice(knelpunten[:4])])  # fmt: skip


def rendered(engine: Engine) -> dict[str, Any]:
    """The weekspiegel of WEEK as sent (Monday after) and as previewed on its Thursday."""
    team = make_team(engine)
    fill(engine, team)
    labels = {knelpunt.id: knelpunt.label for knelpunt in load_taxonomy()}
    library, form = load_library(), load_case_form()
    found: dict[str, Any] = {}
    for name, now, floor in (
        ("sent", datetime.combine(WEEK.shifted(1).monday(), time(9), tzinfo=AMS), 3),
        ("preview", datetime.combine(WEEK.monday() + timedelta(days=3), time(15), tzinfo=AMS), 3),
        ("sent, floor 5", datetime.combine(WEEK.shifted(1).monday(), time(9), tzinfo=AMS), 5),
    ):
        with read_scope(engine) as session:
            ws = build_weekspiegel_data(
                session=session, team=team, week=WEEK, labels=labels, library=library, form=form,
                timezone=AMS, min_group_size=floor, now=now,
            )  # fmt: skip
        text, blocks = build_weekspiegel(ws)
        found[name] = {"text": text, "blocks": blocks, "quotes": len(ws.quote_ids)}
    return found


def test_the_weekspiegel_of_a_realistic_week_reads_exactly_as_pinned(engine: Engine) -> None:
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    found = json.loads(json.dumps(rendered(engine), ensure_ascii=False))
    for name in pinned:
        assert found[name]["text"] == pinned[name]["text"], name
        assert found[name]["blocks"] == pinned[name]["blocks"], name
        assert found[name]["quotes"] == pinned[name]["quotes"], name
    # The pin is worth something only if the week has what the weekspiegel shows.
    shown = json.dumps(pinned["sent"]["blocks"], ensure_ascii=False)
    assert "▁" in shown and "procentpunt" in shown and pinned["sent"]["quotes"] > 0
    assert pinned["preview"]["blocks"] != pinned["sent"]["blocks"]
