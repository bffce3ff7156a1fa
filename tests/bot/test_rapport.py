"""The signalenrapport's content: what reaches the gemeente, and the floors that guard it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from bot.app import build_web_client
from bot.gemeente_signal import send_signal
from bot.rapport import Floors, Month, build_rapport, first_working_day
from bot.rapport_sender import RapportSender, rapport_moment
from bot.rapport_tables import rapport_tables
from bot.services import Services
from bot.views.rapport import build_rapport_message, render_rapport_text
from prompts.casus_form import load_case_form
from prompts.lijnen import load_lines
from storage import rapport as queries
from storage.engine import session_scope
from storage.rapport import ChoiceRow, SignalRow, TeamMention
from tests.bot.weekspiegel_data import add_answer, add_case, add_signal, at, sent_slot
from tests.conftest import make_team

AMS = ZoneInfo("Europe/Amsterdam")
NOVEMBER = Month(2026, 11)
NOW = datetime(2026, 12, 10, 12, 0, tzinfo=AMS).astimezone(UTC)
WAIT = "wachtlijsten-tweede-lijn"
FORM = load_case_form()
LINES = load_lines(FORM.destinations)
LABELS = {WAIT: "Wachtlijsten in de tweede lijn", "tijd-voor-reflectie": "Te weinig tijd"}


def rows(
    team_id: int,
    n: int,
    *,
    decision: str = "zelf",
    intake: str = "hulpvraag",
    domains: str = "financien",
    destinations: str = "",
    day: int = 3,
) -> list[ChoiceRow]:
    """n cases of one team in November 2026."""
    moment = datetime(2026, 11, day, 10, tzinfo=AMS)
    return [
        ChoiceRow(
            team_id,
            moment + timedelta(minutes=i),
            domains,
            intake,
            decision,
            destinations,
            "wachtlijst" if destinations else "",
        )
        for i in range(n)
    ]


def mentions(team_id: int, knelpunt: str, days: tuple[int, ...]) -> list[TeamMention]:
    """The knelpunt raised in the team on these November days."""
    return [TeamMention(team_id, knelpunt, datetime(2026, 11, d, 10, tzinfo=AMS)) for d in days]


def rapport_of(sharing: list[tuple[int, str]], cases: list[ChoiceRow],
               found: list[TeamMention] = (), signals: list[SignalRow] = (),  # type: ignore[assignment]
               min_group_size: int = 3):  # fmt: skip
    return build_rapport(
        NOVEMBER, signals=signals, sharing=sharing, cases=cases, mentions=found, labels=LABELS,
        form=FORM, lines=LINES, floors=Floors(min_group_size=min_group_size), timezone=AMS,
    )  # fmt: skip


def test_the_floors_are_one_rule_for_a_team_and_one_across_teams() -> None:
    floors = Floors(min_group_size=5)
    assert [floors.team(n) for n in (4, 5)] == [False, True]
    assert [floors.count(n) for n in (None, 4, 5)] == [None, None, 5]
    assert not floors.cross_team(teams=2, total=100)  # two teams: each would stand out
    assert not floors.cross_team(teams=3, total=4)  # three teams, too few cases
    assert floors.cross_team(teams=3, total=5)
    assert "vanaf 5 casussen" in floors.rule() and "minstens 3 teams" in floors.rule()


def test_a_teams_own_figures_appear_only_from_the_group_size() -> None:
    rapport = rapport_of([(1, "Noord"), (2, "Zuid")], rows(1, 3) + rows(2, 2), min_group_size=3)
    noord, zuid = rapport.teams
    assert (noord.name, noord.cases, noord.split is not None) == ("Noord", 3, True)
    assert (zuid.name, zuid.cases, zuid.proactive_percent, zuid.split) == ("Zuid", None, None,
                                                                           None)  # fmt: skip
    text = render_rapport_text(rapport)
    assert "Zuid: minder dan 3 casussen" in text and "2 casussen" not in text


def test_figures_across_teams_need_three_teams() -> None:
    two = rapport_of([(1, "Noord"), (2, "Zuid")], rows(1, 10) + rows(2, 10),
                     mentions(1, WAIT, (2, 10)) + mentions(2, WAIT, (2, 10)))  # fmt: skip
    assert not two.cross_team
    assert two.domains == () and two.recurring == () and two.intake[-1].counts is None
    assert "pas vanaf 3 teams" in render_rapport_text(two)

    three_teams = [(1, "Noord"), (2, "Zuid"), (3, "Oost")]
    cases = rows(1, 10) + rows(2, 10) + rows(3, 1, decision="doorverwezen", destinations="ggz")
    found = mentions(1, WAIT, (2, 10)) + mentions(2, WAIT, (2, 10)) + mentions(3, WAIT, (2,))
    three = rapport_of(three_teams, cases, found)
    [financien] = three.domains
    assert financien.split.cases == 21 and financien.split.counts() == (20, 0, 1, 0)
    # the knelpunt recurs (two weeks of the month) in two teams only: no cross-team figure
    assert three.recurring == ()
    # GGZ was chosen in one team only: the destination stays hidden, even with enough cases
    assert three.destinations == ()
    assert three.lines[list(LINES.labels).index("2e")] is None

    found += mentions(3, WAIT, (20,))  # now it recurs in the third team too
    [wait] = rapport_of(three_teams, cases, found).recurring
    assert wait.teams[-1] == 3 and wait.teams[:-1] == (None,) * 5 and wait.mentions == 6
    assert wait.trend == "nieuw"  # months below the floor count as 0


def test_a_leefgebied_below_the_cross_team_floor_is_hidden_and_counted() -> None:
    teams = [(1, "Noord"), (2, "Zuid"), (3, "Oost")]
    cases = rows(1, 5) + rows(2, 5) + rows(3, 5) + rows(1, 4, domains="justitie")
    rapport = rapport_of(teams, cases)
    assert [row.domain_id for row in rapport.domains] == ["financien"]
    assert rapport.hidden_domains == 1
    assert "Justitie" not in render_rapport_text(rapport)


def test_signals_are_grouped_by_knelpunt_and_their_figures_floored_again() -> None:
    moment = datetime(2026, 11, 20, 15, tzinfo=AMS)
    signals = [
        SignalRow(2, "Zuid", WAIT, "Wachttijd GGZ vier maanden.", 6, 14, 5, 2, moment),
        SignalRow(1, "Noord", WAIT, "Ook bij ons.", 3, 4, 1, None, moment),
        SignalRow(1, "Noord", "tijd-voor-reflectie", "Geen intervisie.", 8, 20, 9, 3, moment),
    ]
    rapport = rapport_of([], [], signals=signals, min_group_size=3)
    wait, time_ = rapport.signals
    assert (wait.label, wait.teams, [i.team_name for i in wait.items]) == (
        "Wachtlijsten in de tweede lijn", 2, ["Noord", "Zuid"])  # fmt: skip
    assert wait.items[0].people is None and wait.items[1].cases is None  # 1 and 2: below 3
    text = render_rapport_text(rapport)
    assert "Toelichting van de teamleider: Wachttijd GGZ vier maanden." in text
    assert "door minder dan 3 mensen" in text and time_.items[0].mentions == 20


def test_the_message_stays_within_slacks_limits() -> None:
    moment = datetime(2026, 11, 20, 15, tzinfo=AMS)
    signals = [
        SignalRow(n, f"Team {n}", k, "x" * 500, 8, 30, 9, 9, moment)
        for n in range(40) for k in LABELS
    ]  # fmt: skip
    text, blocks = build_rapport_message(rapport_of([], [], signals=signals))
    assert len(blocks) <= 50 and text == "Signalenrapport november 2026"
    assert all(len((b.get("text") or {}).get("text", "")) <= 3000 for b in blocks)


def test_the_monthly_moment_is_the_first_working_day_at_nine() -> None:
    assert first_working_day(Month(2027, 1)) == date(2027, 1, 4)  # Fri 1 Jan is Nieuwjaarsdag
    assert first_working_day(Month(2026, 11)) == date(2026, 11, 2)  # Sun 1 Nov
    assert first_working_day(Month(2026, 6)) == date(2026, 6, 1)  # a Monday
    moment = rapport_moment(Month(2026, 12), AMS)
    assert moment.astimezone(AMS) == datetime(2027, 1, 4, 9, 0, tzinfo=AMS)
    assert Month.parse("2026-11") == NOVEMBER and str(NOVEMBER.shifted(-11)) == "2025-12"
    for bad in ("2026-13", "november", "26-11"):
        with pytest.raises(ValueError):
            Month.parse(bad)


# -- from the database: nothing is shared without a signal or an opt-in ------------------------


@pytest.fixture
def sender(services: Services) -> RapportSender:
    return services.rapport_sender(build_web_client(services.settings))


def test_nothing_of_a_team_reaches_the_gemeente_without_a_signal_or_an_opt_in(
    services: Services, sender: RapportSender, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine, name="Wijkteam Geheim")
    slot = sent_slot(sqlite_engine, team, date(2026, 11, 3))
    for n in range(12):
        day = date(2026, 11, 2) + timedelta(days=n)
        add_case(sqlite_engine, team, at(day), user=f"U0P{n}", decision="doorverwezen",
                 destinations="ggz", reasons="wachtlijst", knelpunten=[WAIT])  # fmt: skip
        add_signal(sqlite_engine, team, at(day), user=f"U0P{n}", knelpunten=[WAIT])
        add_answer(sqlite_engine, slot, at(day), "Citeerbaar maar nooit voor de gemeente",
                   user=f"U0P{n}", knelpunten=[WAIT], quotable=True)  # fmt: skip
    rapport = sender.compute(NOVEMBER, NOW)
    assert rapport.empty and rapport.sharing_teams == 0 and rapport.signals == ()
    shown = render_rapport_text(rapport) + json.dumps(build_rapport_message(rapport)[1])
    shown += json.dumps([t.rows for t in rapport_tables(rapport)])
    for secret in ("Wijkteam Geheim", "Citeerbaar", "U0P", "12", "GGZ"):
        assert secret not in shown

    assert team.id is not None
    with session_scope(sqlite_engine) as session:  # the teamleider sends one knelpunt up
        send_signal(session=session, team_id=team.id, user_id="U0LEIDER", knelpunt_id=WAIT,
                    note="De wachtlijst GGZ groeit.", now=at(date(2026, 11, 16)),
                    labels=dict(services.knelpunt_options()), timezone=AMS,
                    floors=services.floors())  # fmt: skip
    rapport = sender.compute(NOVEMBER, NOW)
    [group] = rapport.signals
    [item] = group.items
    assert (item.team_name, item.note) == ("Wijkteam Geheim", "De wachtlijst GGZ groeit.")
    assert item.mentions == 36  # twelve days of a case, a /knelpunt and an answer before it
    assert rapport.sharing_teams == 0 and rapport.teams == ()  # still no monthly figures
    assert "U0LEIDER" not in render_rapport_text(rapport)  # never who sent it

    with session_scope(sqlite_engine) as session:  # now the team opts in
        queries.set_sharing(session=session, team_id=team.id, on=True, now=NOW)
    [row] = sender.compute(NOVEMBER, NOW).teams
    assert (row.name, row.cases) == ("Wijkteam Geheim", 12)
    with session_scope(sqlite_engine) as session:  # and out again
        queries.set_sharing(session=session, team_id=team.id, on=False, now=NOW)
    assert sender.compute(NOVEMBER, NOW).teams == ()


def test_a_teamleider_who_is_forgotten_leaves_the_figures_but_not_the_note_or_the_id(
    services: Services, sqlite_engine: Engine
) -> None:
    from bot.rights import erase_user, export_user, purge

    team = make_team(sqlite_engine)
    assert team.id is not None
    for when in (at(date(2026, 11, 16)), at(date(2025, 6, 2))):
        with session_scope(sqlite_engine) as session:
            send_signal(session=session, team_id=team.id, user_id="U0LEIDER", knelpunt_id=WAIT,
                        note="Een toelichting.", now=when,
                        labels=dict(services.knelpunt_options()), timezone=AMS,
                        floors=services.floors())  # fmt: skip
    exported = json.loads(export_user(sqlite_engine, "U0LEIDER", now=NOW))
    assert [s["toelichting"] for s in exported["signalen_aan_de_gemeente"]] == [
        "Een toelichting."
    ] * 2
    purged = purge(sqlite_engine, now=NOW, retention_days=365, timezone=AMS, actor="planner")
    assert purged.counts["signalen-aan-gemeente"] == 1  # the one of June 2025
    erase_user(sqlite_engine, "U0LEIDER", AMS, now=NOW)
    with session_scope(sqlite_engine) as session:
        rows = queries.gemeente_signals(session=session, start=at(date(2025, 1, 1)), end=NOW)
        assert queries.own_gemeente_signals(session=session, user_id="U0LEIDER") == []
    assert [(r.note, r.weeks_raised) for r in rows] == [("", 0), ("", 0)]
