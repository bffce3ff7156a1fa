"""The weekspiegel's content: what recurs, what a small team hides, and Slack's limits."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from bot.app import build_web_client
from bot.services import Services
from bot.views.weekspiegel import build_weekspiegel, render_text
from bot.weekspiegel import IsoWeek, Weekspiegel, clean_quote, sparkline
from storage import teams as team_queries
from storage.engine import session_scope
from tests.bot.weekspiegel_data import add_answer, add_case, add_signal, at, sent_slot
from tests.conftest import make_team

WEEK_47 = IsoWeek(2026, 47)
MONDAY = date(2026, 11, 16)  # week 47
WAIT = "wachtlijsten-tweede-lijn"
TIME = "tijd-voor-reflectie"


def compute(services: Services, engine: Engine, week: IsoWeek = WEEK_47) -> Weekspiegel:
    """The weekspiegel of `week` as sent: on the Monday after it."""
    with session_scope(engine) as session:
        [found] = team_queries.list_teams(session=session)
    sender = services.weekspiegel_sender(build_web_client(services.settings))
    return sender.compute(found, week, at(week.shifted(1).monday(), 9))


def test_iso_weeks_parse_and_span_monday_to_monday_in_amsterdam() -> None:
    week = IsoWeek.parse("2026-W47")
    assert week == WEEK_47 and str(week) == "2026-W47"
    assert IsoWeek.parse("2026-47") == week
    start, end = week.bounds(at(MONDAY).tzinfo)  # type: ignore[arg-type]
    assert (start.date(), end.date()) == (MONDAY, MONDAY + timedelta(days=7))
    assert week.shifted(-47) == IsoWeek(2025, 52)
    for bad in ("2026-W54", "week 47", "2026-W00"):
        with pytest.raises(ValueError):
            IsoWeek.parse(bad)


def test_sparkline_uses_unicode_blocks_scaled_to_the_busiest_week() -> None:
    assert sparkline([0, 1, 2, 4, 8, 0, 8, 4]) == "▁▂▃▅█▁█▅"
    assert sparkline([0] * 8) == "▁" * 8


def test_a_knelpunt_raised_in_two_of_four_weeks_recurs_a_one_off_does_not(
    services: Services, sqlite_engine: Engine
) -> None:
    services = replace(services, settings=replace(services.settings, min_group_size=2))
    team = make_team(sqlite_engine)
    for weeks_ago in (0, 2):
        slot = sent_slot(sqlite_engine, team, MONDAY - timedelta(weeks=weeks_ago, days=-1))
        for user in ("U0A", "U0B"):
            add_answer(sqlite_engine, slot, at(MONDAY - timedelta(weeks=weeks_ago, days=-2)),
                       "De wachtlijst is lang", user=user, knelpunten=[WAIT])  # fmt: skip
    for user in ("U0A", "U0B"):
        add_answer(sqlite_engine, slot, at(MONDAY + timedelta(days=2)), "Geen tijd", user=user,
                   knelpunten=[TIME])  # fmt: skip
    ws = compute(services, sqlite_engine)
    assert [t.knelpunt_id for t in ws.recurring] == [WAIT]
    [wait] = ws.recurring
    assert wait.count == 2 and wait.weekly[-3:] == (2, 0, 2) and wait.sources == ("antwoord",)
    assert wait.weeks_of_last_six == 2 and wait.weeks_in_a_row == 1
    assert "2 van de laatste 4 weken" in render_text(ws)  # the rule is in the footer


def test_three_people_in_one_week_make_a_knelpunt_recur_one_persons_three_cases_do_not(
    services: Services, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine)
    for user in ("U0A", "U0B", "U0C"):
        add_signal(sqlite_engine, team, at(MONDAY + timedelta(days=1)), user=user,
                   knelpunten=[WAIT])  # fmt: skip
        add_case(sqlite_engine, team, at(MONDAY + timedelta(days=2)), user=user,
                 knelpunten=["gemeentelijke-regie"])  # fmt: skip
    for _ in range(3):
        add_case(sqlite_engine, team, at(MONDAY + timedelta(days=2)), user="U0A",
                 knelpunten=["zorgzwaarte-en-caseload"])  # fmt: skip
    add_signal(sqlite_engine, team, at(MONDAY), user="U0A", knelpunten=[TIME])
    add_signal(sqlite_engine, team, at(MONDAY), user="U0B", knelpunten=[TIME])
    ws = compute(services, sqlite_engine)
    recurring = {t.knelpunt_id: t for t in ws.recurring}
    # two people are not enough, and one person's three cases weigh as one person
    assert set(recurring) == {WAIT, "gemeentelijke-regie"}
    assert recurring[WAIT].trend == "nieuw" and recurring[WAIT].count == 3
    assert recurring["gemeentelijke-regie"].sources == ("casus",)


def test_the_trend_word_follows_the_eight_week_line(
    services: Services, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine)
    per_week = {4: 3, 3: 3, 2: 3, 1: 3, 0: 6}  # weeks ago → people signalling
    for weeks_ago, n in per_week.items():
        for i in range(n):
            add_signal(sqlite_engine, team, at(MONDAY - timedelta(weeks=weeks_ago), 9 + i),
                       user=f"U0P{i}", knelpunten=[WAIT])  # fmt: skip
    [trend] = compute(services, sqlite_engine).recurring
    assert trend.weekly == (0, 0, 0, 3, 3, 3, 3, 6)
    assert trend.trend == "stijgend" and trend.weeks_in_a_row == 5  # 3 earlier, 15 later
    [week_before] = compute(services, sqlite_engine, WEEK_47.shifted(-1)).recurring
    assert week_before.weekly == (0, 0, 0, 0, 3, 3, 3, 3) and week_before.trend == "nieuw"
    later = compute(services, sqlite_engine, WEEK_47.shifted(3))
    assert later.recurring == () and later.fading[0].trend == "wegebbend"
    text = render_text(compute(services, sqlite_engine))
    assert "Trendwoord: de lijn wordt in twee helften geknipt" in text  # the rule is stated


def test_small_numbers_stay_hidden_so_no_one_is_singled_out(
    services: Services, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine)
    slot = sent_slot(sqlite_engine, team, MONDAY + timedelta(days=1))
    add_answer(sqlite_engine, slot, at(MONDAY + timedelta(days=1)), "Alleen ik schreef iets",
               user="U0EENZAAM")  # fmt: skip
    add_case(sqlite_engine, team, at(MONDAY + timedelta(days=2)), user="U0TWEE",
             decision="doorverwezen", destinations="veilig-thuis",
             reasons="veiligheid")  # fmt: skip
    ws = compute(services, sqlite_engine)
    assert ws.participation.people is None  # 2 people < MIN_GROUP_SIZE 3
    assert ws.cases.cases is None and ws.cases.decisions == ()
    assert ws.cases.proactive_percent is None
    _text, blocks = build_weekspiegel(ws)
    shown = json.dumps(blocks, ensure_ascii=False)
    assert (
        "Veilig Thuis" not in shown and "mensen" not in render_text(ws).split("4. Deelname")[1][:80]
    )
    assert "U0EENZAAM" not in shown and "U0TWEE" not in shown
    assert "Minder dan 3 casussen" in shown


def test_case_shares_from_three_cases_and_a_change_only_from_ten_in_both_periods(
    services: Services, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine)
    intakes = ("proactief", "proactief", "proactief", "hulpvraag", "melding", "hulpvraag")
    for n, intake in enumerate(intakes):
        add_case(sqlite_engine, team, at(MONDAY + timedelta(days=1), 9 + n), user=f"U0{n}",
                 intake=intake, decision="doorverwezen", destinations="ggz",
                 reasons="expertise-ontbreekt")  # fmt: skip
    for n in range(10):
        add_case(sqlite_engine, team, at(MONDAY - timedelta(weeks=2)) + timedelta(minutes=n),
                 intake="hulpvraag")  # fmt: skip
    ws = compute(services, sqlite_engine)
    assert ws.cases.proactive_percent == 50
    assert ws.cases.proactive_before is None  # 6 cases this week: a swing would mean nothing
    assert [(s.label, s.percent) for s in ws.cases.decisions] == [("Doorverwezen", 100)]
    assert ws.cases.destinations[0].label == "GGZ" and ws.cases.destinations[0].count == 6
    text = render_text(ws)
    assert "procentpunt (" not in text and "vorige 4 weken" not in text
    assert "mist het team een specialisme" in text
    assert "beide periodes minstens 10 casussen" in text  # the rule is stated

    for n in range(6):  # twelve cases this week, ten before: now the change has cases behind it
        add_case(sqlite_engine, team, at(MONDAY + timedelta(days=3), 9 + n), intake="hulpvraag")
    ws = compute(services, sqlite_engine)
    assert (ws.cases.proactive_percent, ws.cases.proactive_before) == (25, 0)
    assert "(vorige 4 weken: 0%, +25 procentpunt)" in render_text(ws)


def test_quotes_come_only_from_named_quotable_answers_without_client_data(
    services: Services, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine)
    slot = sent_slot(sqlite_engine, team, MONDAY + timedelta(days=1))
    day = at(MONDAY + timedelta(days=1))
    add_answer(sqlite_engine, slot, day, "Citeer mij gerust: samen leren werkt.", quotable=True)
    add_answer(sqlite_engine, slot, day, "Niet citeren, dit is privé.", quotable=False)
    add_answer(sqlite_engine, slot, day, "Anoniem en stil.", user=None, quotable=True)
    later = day + timedelta(minutes=5)  # ids are random: the order is the order of writing
    add_answer(sqlite_engine, slot, later, "Bel <@U0BAAS> of <!channel> over het MDO.",
               quotable=True)  # fmt: skip
    ws = compute(services, sqlite_engine)
    assert ws.quotes == ("Citeer mij gerust: samen leren werkt.", "Bel of over het MDO.")
    assert clean_quote("Mw. Jansen belde op 06-12345678") is None
    assert len(clean_quote("woord " * 100) or "") <= 202


def test_the_message_stays_within_slacks_limits_and_escapes_user_text(
    services: Services, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine, name="Team <!channel> & co")
    slot = sent_slot(sqlite_engine, team, MONDAY + timedelta(days=1))
    knelpunten = [k for k, _ in services.knelpunt_options()]
    for n in range(40):
        add_answer(sqlite_engine, slot, at(MONDAY + timedelta(days=1), 9), f"x {n} <b>&" * 50,
                   user=f"U0P{n}", knelpunten=knelpunten, quotable=True)  # fmt: skip
    text, blocks = build_weekspiegel(compute(services, sqlite_engine))
    assert len(blocks) <= 50
    for block in blocks:
        body = (block.get("text") or {}).get("text", "")
        assert len(body) <= 3000
    sections = json.dumps([b for b in blocks if b["type"] != "header"])
    assert "<!channel>" not in sections and "<b>" not in sections
    assert "&lt;b&gt;&amp;" in sections  # the quotes' markup is shown, not interpreted
    assert text == "Weekspiegel Team &lt;!channel&gt; &amp; co — week 47"  # notification text too


def test_a_quiet_week_gets_a_short_kind_message(services: Services, sqlite_engine: Engine) -> None:
    make_team(sqlite_engine)
    ws = compute(services, sqlite_engine)
    assert ws.quiet
    _, blocks = build_weekspiegel(ws)
    assert len(blocks) == 3
    assert "stille week" in blocks[-1]["text"]["text"] and "Dat mag" in blocks[-1]["text"]["text"]
