"""Findings 2 and 8: no number below the group floor anywhere in a weekspiegel, and a knelpunt
weighs as the number of distinct people who raised it (one person's flood weighs as one)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

from sqlalchemy import Engine

from bot.app import build_web_client
from bot.floors import GroupFloor, distinct_people
from bot.services import Services
from bot.views.weekspiegel import build_weekspiegel, render_text
from bot.weekspiegel import IsoWeek, Weekspiegel
from storage import teams
from storage.engine import session_scope
from tests.bot.weekspiegel_data import add_answer, add_case, add_signal, at, sent_slot
from tests.conftest import make_team

WEEK_47 = IsoWeek(2026, 47)
MONDAY = date(2026, 11, 16)
EXPERTISE = "specialistische-expertise"
WAIT = "wachtlijsten-tweede-lijn"


def weekspiegel(services: Services, engine: Engine) -> Weekspiegel:
    with session_scope(engine) as session:
        [team] = teams.list_teams(session=session)
    sender = services.weekspiegel_sender(build_web_client(services.settings))
    return sender.compute(team, WEEK_47, at(MONDAY + timedelta(weeks=1), 9))


def shown(ws: Weekspiegel) -> str:
    return render_text(ws) + json.dumps(build_weekspiegel(ws)[1], ensure_ascii=False)


def test_the_floor_hides_counts_from_one_up_to_the_group_size_and_nothing_else() -> None:
    floor = GroupFloor(3)
    assert [floor.count(n) for n in range(5)] == [0, None, None, 3, 4]
    assert floor.series([0, 1, 2, 3, 7]) == (0, 0, 0, 3, 7)
    assert floor.below() == "minder dan 3"
    assert distinct_people(["U0A", "U0A", "U0B"]) == 2
    assert distinct_people([None, None, "U0A", None]) == 2  # anonymous ones together: one
    assert distinct_people([]) == 0


def test_one_case_and_one_signal_leave_no_number_and_no_knelpunt_in_the_weekspiegel(
    services: Services, sqlite_engine: Engine
) -> None:
    """The issue's example: the one case's reason must not show as '1× deze week in casussen'."""
    team = make_team(sqlite_engine)
    for weeks_ago in (2, 0):  # recurring by the weeks rule: two of the last four weeks
        day = MONDAY - timedelta(weeks=weeks_ago) + timedelta(days=1)
        add_case(sqlite_engine, team, at(day), user="U0CASUS", decision="doorverwezen",
                 destinations="ggz", reasons="expertise-ontbreekt",
                 knelpunten=[EXPERTISE])  # fmt: skip
        add_signal(sqlite_engine, team, at(day), user="U0SIGNAAL", knelpunten=[WAIT])
    ws = weekspiegel(services, sqlite_engine)
    text = shown(ws)
    for label in ("Specialistische kennis ontbreekt", "Wachtlijsten in de tweede lijn", "GGZ"):
        assert label not in text, label
    assert ws.recurring == () and ws.fading == () and ws.agenda is None
    assert "1×" not in text and "1 casus" not in text and "1 knelpuntsignaal" not in text
    assert "minder dan 3 casussen" in text and "minder dan 3 knelpuntsignalen" in text
    # Whatever numbers are left are weeks, dates, the rule's own numbers or counts of prompts.
    counts = re.findall(r"(\d+) (?:antwoord|casus|knelpuntsignaal|mensen)", render_text(ws))
    assert all(int(n) == 0 or int(n) >= 3 for n in counts), counts


def test_a_source_is_named_only_when_enough_people_raised_the_knelpunt_there(
    services: Services, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine)
    for user in ("U0A", "U0B", "U0C"):
        add_signal(sqlite_engine, team, at(MONDAY + timedelta(days=1)), user=user,
                   knelpunten=[WAIT])  # fmt: skip
    add_case(sqlite_engine, team, at(MONDAY + timedelta(days=2)), user="U0D", knelpunten=[WAIT])
    slot = sent_slot(sqlite_engine, team, MONDAY + timedelta(days=1))
    add_answer(sqlite_engine, slot, at(MONDAY + timedelta(days=2)), "Wachtlijst", user="U0E",
               knelpunten=[WAIT])  # fmt: skip
    [wait] = weekspiegel(services, sqlite_engine).recurring
    assert wait.count == 5  # five people
    assert wait.sources == ("signaal",)  # one case and one answer would point at their authors
    assert "in signalen" in shown(weekspiegel(services, sqlite_engine))


def test_one_persons_flood_of_signals_weighs_as_one_person(
    services: Services, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine)
    flood = at(MONDAY + timedelta(days=1), 9)
    for second in range(40):  # forty identical signals in no time
        add_signal(sqlite_engine, team, flood + timedelta(seconds=second), user="U0DRUK",
                   knelpunten=[WAIT])  # fmt: skip
    for user in ("U0A", "U0B", "U0C"):
        add_signal(sqlite_engine, team, at(MONDAY + timedelta(days=2)), user=user,
                   knelpunten=[WAIT])  # fmt: skip
    [wait] = weekspiegel(services, sqlite_engine).recurring
    assert wait.count == 4  # four people, not 43 signals
    assert "4 mensen deze week" in shown(weekspiegel(services, sqlite_engine))


def test_a_flood_does_not_put_its_knelpunt_on_the_agenda(
    services: Services, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine)
    flood = at(MONDAY + timedelta(days=1), 9)
    for second in range(40):
        add_signal(sqlite_engine, team, flood + timedelta(seconds=second), user="U0DRUK",
                   knelpunten=["registratie-en-administratie"])  # fmt: skip
    for user in ("U0A", "U0B"):
        add_signal(sqlite_engine, team, at(MONDAY + timedelta(days=2)), user=user,
                   knelpunten=[WAIT])  # fmt: skip
    ws = weekspiegel(services, sqlite_engine)
    assert ws.recurring == () and ws.agenda is None  # one person is not the team's top item
    assert "Registratie en administratie" not in shown(ws)


def test_anonymous_answers_count_together_as_one_person(
    services: Services, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine)
    slot = sent_slot(sqlite_engine, team, MONDAY + timedelta(days=1))
    for _ in range(5):  # nobody can tell whether these are five people or one
        add_answer(sqlite_engine, slot, at(MONDAY + timedelta(days=1)), "Anoniem", user=None,
                   knelpunten=[WAIT])  # fmt: skip
    add_answer(sqlite_engine, slot, at(MONDAY + timedelta(days=1)), "Ik ook", user="U0A",
               knelpunten=[WAIT])  # fmt: skip
    ws = weekspiegel(services, sqlite_engine)
    assert ws.recurring == ()  # two people at most: below the floor
    assert ws.participation.answers == 6  # the answers themselves still count


def test_decision_shares_hide_a_rest_that_would_stand_for_too_few_cases(
    services: Services, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine)
    for n, decision in enumerate(("zelf", "zelf", "zelf", "doorverwezen")):
        add_case(sqlite_engine, team, at(MONDAY + timedelta(days=1), 9 + n), user=f"U0{n}",
                 decision=decision, destinations="ggz" if decision == "doorverwezen" else "",
                 intake="proactief" if n else "hulpvraag")  # fmt: skip
    ws = weekspiegel(services, sqlite_engine)
    # 'zelf 75%' would say that exactly one case was referred; 3 pro-active of 4 likewise
    assert ws.cases.decisions == () and ws.cases.decisions_hidden
    assert ws.cases.proactive_percent is None and ws.cases.destinations == ()
    assert "75%" not in shown(ws) and "25%" not in shown(ws)


def test_a_preview_moment_is_just_an_argument(services: Services, sqlite_engine: Engine) -> None:
    """Lower layers take now: the same data at two moments of the week gives two previews."""
    team = make_team(sqlite_engine)
    for user in ("U0A", "U0B", "U0C"):
        add_signal(sqlite_engine, team, at(MONDAY + timedelta(days=3)), user=user,
                   knelpunten=[WAIT])  # fmt: skip
    sender = services.weekspiegel_sender(build_web_client(services.settings))
    early = sender.compute(team, WEEK_47, at(MONDAY + timedelta(days=1)))
    late = sender.compute(team, WEEK_47, at(MONDAY + timedelta(days=4)))
    assert early.recurring == () and [t.count for t in late.recurring] == [3]
    assert isinstance(early.partial_until, datetime)
