"""Over signed HTTP: a teamleider signals the gemeente, and switches sharing on after seeing it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot import ids
from bot.services import Services
from storage import audit
from storage import rapport as queries
from storage.engine import read_scope
from storage.models import GemeenteSignal
from tests.bot.weekspiegel_data import add_case, add_signal
from tests.conftest import Workspace, make_team
from tests.helpers.modal import submission
from tests.helpers.payloads import block_actions

AMS = ZoneInfo("Europe/Amsterdam")
WEDNESDAY = datetime(2026, 11, 25, 14, 0, tzinfo=AMS)  # week 48
WAIT = "wachtlijsten-tweede-lijn"


@pytest.fixture
def wednesday(services: Services) -> datetime:
    services.clock = lambda: WEDNESDAY.astimezone(UTC)
    return WEDNESDAY


def signal_buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        b["accessory"] for b in blocks
        if b.get("accessory", {}).get("action_id") == ids.GEMEENTE_SIGNAL_ACTION
    ]  # fmt: skip


def stored(engine: Engine) -> list[GemeenteSignal]:
    with read_scope(engine) as session:
        return list(session.exec(select(GemeenteSignal)))


def actions(engine: Engine, name: str) -> list[tuple[str, str]]:
    with read_scope(engine) as session:
        return [(e.actor, e.detail) for e in audit.list_entries(session=session)
                if e.action == name]  # fmt: skip


def test_a_teamleider_signals_a_recurring_knelpunt_with_a_guarded_note(
    workspace: Workspace, sqlite_engine: Engine, wednesday: datetime
) -> None:
    team = make_team(sqlite_engine)
    for user in ("U0A", "U0B", "U0C", "U0D"):
        add_signal(sqlite_engine, team, wednesday - timedelta(days=1), user=user,
                   knelpunten=[WAIT])  # fmt: skip
    add_case(sqlite_engine, team, wednesday - timedelta(weeks=2), knelpunten=[WAIT])
    preview = workspace.command("/wijkteam", "digest", user="U0LEIDER")
    [button] = signal_buttons(preview["blocks"])
    assert button["value"] == f"{team.id}|{WAIT}"
    assert button["text"]["text"] == "Signaleer bij de gemeente"

    workspace.interact(block_actions(button["action_id"], value=button["value"], user_id="U0LID"))
    refused = workspace.fake.wait_for("views.open")[-1].args["view"]
    assert "Alleen een teamleider" in json.dumps(refused, ensure_ascii=False)

    workspace.interact(block_actions(button["action_id"], value=button["value"],
                                     user_id="U0LEIDER"))  # fmt: skip
    view = workspace.fake.wait_for("views.open", count=2)[-1].args["view"]
    shown = json.dumps(view, ensure_ascii=False)
    assert "Wachtlijsten in de tweede lijn" in shown and "5× in totaal" in shown
    assert "door 5 mensen" in shown and "in minder dan 3 casussen" in shown  # 1 case: floored
    assert len(view["title"]["text"]) <= 24

    note = {ids.GEMEENTE_NOTE_BLOCK: "Mw. Jansen wacht al 14 weken op de GGZ, bel 06-12345678"}
    status, body = workspace.submit_view(submission(view, note, user_id="U0LEIDER"))
    errors = json.loads(body)["errors"]
    assert status == 200 and "telefoonnummer" in errors[ids.GEMEENTE_NOTE_BLOCK]
    assert "12345678" not in body and stored(sqlite_engine) == []  # nothing sent

    note = {ids.GEMEENTE_NOTE_BLOCK: "De wachttijd bij de GGZ is opgelopen tot veertien weken."}
    _, body = workspace.submit_view(submission(view, note, user_id="U0LID"))  # crafted: refused
    assert "Alleen een teamleider" in body and stored(sqlite_engine) == []
    _, body = workspace.submit_view(submission(view, note, user_id="U0LEIDER"))
    assert "november 2026" in json.loads(body)["view"]["blocks"][0]["text"]["text"]
    [signal] = stored(sqlite_engine)
    assert (signal.team_id, signal.knelpunt_id, signal.sender_id) == (team.id, WAIT, "U0LEIDER")
    assert (signal.weeks_raised, signal.mentions, signal.people, signal.cases) == (2, 5, 5, None)
    assert actions(sqlite_engine, "gemeente-signaal") == [("U0LEIDER", WAIT)]


def test_sharing_stays_off_until_the_teamleider_saw_what_is_shared_and_switched_it_on(
    workspace: Workspace, sqlite_engine: Engine, wednesday: datetime
) -> None:
    team = make_team(sqlite_engine)
    assert team.id is not None
    for n in range(4):
        add_case(sqlite_engine, team, datetime(2026, 10, 5 + n, 10, tzinfo=AMS), user=f"U0P{n}",
                 intake="proactief" if n else "melding", decision="doorverwezen",
                 destinations="ggz", reasons="wachtlijst", knelpunten=[WAIT])  # fmt: skip
    member = workspace.command("/wijkteam", "delen", user="U0LID")
    assert "Alleen teamleiders" in member["text"]

    preview = workspace.command("/wijkteam", "delen aan", user="U0LEIDER")
    text = preview["text"]
    assert "zo zou het eruitzien voor oktober 2026" in text
    assert "4 casussen · 75% pro-actief" in text and "doorverwezen 100%" in text
    assert "Alleen opgeteld bij minstens twee andere teams" in text and "Nooit" in text
    with read_scope(sqlite_engine) as session:  # 'delen aan' alone does not switch it on
        assert not queries.is_sharing(session=session, team_id=team.id)
    [switch] = [e for b in preview["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert switch["action_id"] == ids.SHARE_ON_ACTION and "confirm" in switch

    workspace.interact(block_actions(switch["action_id"], value=switch["value"], user_id="U0LID",
                                     response_url=workspace.fake.response_url("a")))  # fmt: skip
    workspace.settle()
    with read_scope(sqlite_engine) as session:
        assert not queries.is_sharing(session=session, team_id=team.id)
    workspace.interact(block_actions(switch["action_id"], value=switch["value"],
                                     user_id="U0LEIDER",
                                     response_url=workspace.fake.response_url("b")))  # fmt: skip
    workspace.wait_until(lambda: actions(sqlite_engine, "delen-aan") != [])
    with read_scope(sqlite_engine) as session:
        assert queries.is_sharing(session=session, team_id=team.id)
    again = workspace.command("/wijkteam", "delen", user="U0LEIDER")
    assert "Stoppen met delen" in json.dumps(again["blocks"], ensure_ascii=False)

    off = workspace.command("/wijkteam", "delen uit", user="U0LEIDER")
    assert "deelt geen maandcijfers meer" in off["text"]
    with read_scope(sqlite_engine) as session:
        assert not queries.is_sharing(session=session, team_id=team.id)
    assert actions(sqlite_engine, "delen-aan") == [("U0LEIDER", "")]
    assert actions(sqlite_engine, "delen-uit") == [("U0LEIDER", "")]
    in_dm = workspace.command("/wijkteam", "delen", user="U0LEIDER", channel="D0PRIVE")
    assert "kanaal van je wijkteam" in in_dm["text"]


def test_a_teamleider_signals_from_the_home_tab_and_a_member_sees_no_such_choice(
    workspace: Workspace, sqlite_engine: Engine, wednesday: datetime
) -> None:
    team = make_team(sqlite_engine)
    home = {"type": "app_home_opened", "channel": "D0HOME", "tab": "home",
            "event_ts": "1764000000.000100"}  # fmt: skip
    workspace.event({**home, "user": "U0LID"}, event_id="EvHOMELID")
    member = workspace.fake.wait_for("views.publish")[-1].args["view"]
    assert ids.GEMEENTE_SIGNAL_SELECT not in json.dumps(member)

    workspace.event({**home, "user": "U0LEIDER"}, event_id="EvHOMELEIDER")
    leader = workspace.fake.wait_for("views.publish", count=2)[-1].args["view"]
    [select] = [element for block in leader["blocks"] if block["type"] == "actions"
                for element in block["elements"]
                if element["action_id"] == ids.GEMEENTE_SIGNAL_SELECT]  # fmt: skip
    assert select["placeholder"]["text"].startswith("Signaleer bij de gemeente")
    [option] = [o for o in select["options"] if o["value"] == f"{team.id}|{WAIT}"]
    assert option["text"]["text"] == "Wachtlijsten in de tweede lijn"

    chosen = block_actions(ids.GEMEENTE_SIGNAL_SELECT, user_id="U0LEIDER",
                           action_type="static_select")  # fmt: skip
    chosen["container"] = {"type": "view", "view_id": leader.get("id", "V0HOME")}
    chosen["view"] = {**leader, "id": "V0HOME"}
    chosen["actions"][0]["selected_option"] = option
    workspace.interact(chosen)
    view = workspace.fake.wait_for("views.open")[-1].args["view"]
    shown = json.dumps(view, ensure_ascii=False)
    assert view["type"] == "modal" and "Wachtlijsten in de tweede lijn" in shown
    assert ids.GEMEENTE_NOTE_BLOCK in shown  # the note the teamleider writes
