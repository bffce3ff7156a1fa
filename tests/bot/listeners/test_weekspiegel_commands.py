"""/wijkteam digest, digest-schema and the 'Zet op de agenda' button, over signed HTTP."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from bot import ids
from bot.services import Services
from tests.bot.weekspiegel_data import add_signal
from tests.conftest import Workspace, make_team
from tests.helpers.payloads import block_actions

AMS = ZoneInfo("Europe/Amsterdam")
WEDNESDAY = datetime(2026, 11, 25, 14, 0, tzinfo=AMS)  # week 48


@pytest.fixture
def wednesday(services: Services) -> datetime:
    services.clock = lambda: WEDNESDAY.astimezone(UTC)
    return WEDNESDAY


def agenda_button(reply: dict[str, Any]) -> dict[str, Any]:
    [button] = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["action_id"] == ids.AGENDA_ACTION
    return dict(button)


def test_a_teamleider_previews_this_week_so_far_privately(
    workspace: Workspace, sqlite_engine: Engine, wednesday: datetime
) -> None:
    team = make_team(sqlite_engine)
    for user in ("U0A", "U0B", "U0C"):
        add_signal(sqlite_engine, team, wednesday - timedelta(days=1), user=user,
                   knelpunten=["wachtlijsten-tweede-lijn"])  # fmt: skip
    add_signal(
        sqlite_engine,
        team,
        wednesday + timedelta(hours=1),
        user="U0A",
        knelpunten=["gemeentelijke-regie"],
    )  # fmt: skip  (later today: not yet)
    reply = workspace.command("/wijkteam", "digest", user="U0LEIDER")
    assert reply["response_type"] == "ephemeral"
    shown = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "Weekspiegel Wijkteam Noord — week 48" in shown and "Voorproef" in shown
    assert "Wachtlijsten in de tweede lijn" in shown and "Gemeentelijke regie" not in shown
    assert agenda_button(reply)["value"].startswith(f"{team.id}|")


def test_a_member_is_told_the_weekspiegel_goes_to_teamleiders(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine)
    reply = workspace.command("/wijkteam", "digest", user="U0LID")
    assert "gaat naar teamleiders" in reply["text"]
    assert "Weekspiegel" not in json.dumps(reply["blocks"])


def test_digest_schema_changes_when_the_weekspiegel_comes(
    workspace: Workspace, sqlite_engine: Engine, wednesday: datetime
) -> None:
    make_team(sqlite_engine)
    changed = workspace.command("/wijkteam", "digest-schema vrijdag 16:00")
    assert "elke vrijdag 16:00" in changed["text"]
    assert "vrijdag 27 november om 16:00" in changed["text"]
    status = workspace.command("/wijkteam", "status", user="U0LID")
    assert "Weekspiegel: elke vrijdag 16:00" in status["text"]
    refused = workspace.command("/wijkteam", "digest-schema maandag", user="U0LEIDER")
    assert "maandag 08:30" in refused["text"]
    member = workspace.command("/wijkteam", "digest-schema maandag 08:30", user="U0LID")
    assert "Alleen teamleiders" in member["text"]


def test_zet_op_de_agenda_posts_the_prompt_for_a_teamleider_only(
    workspace: Workspace, sqlite_engine: Engine, wednesday: datetime
) -> None:
    team = make_team(sqlite_engine)
    for user in ("U0A", "U0B", "U0C"):
        add_signal(sqlite_engine, team, wednesday - timedelta(days=1), user=user,
                   knelpunten=["wachtlijsten-tweede-lijn"])  # fmt: skip
    button = agenda_button(workspace.command("/wijkteam", "digest", user="U0LEIDER"))

    workspace.interact(block_actions(ids.AGENDA_ACTION, value=button["value"], user_id="U0LID",
                                     response_url=workspace.fake.response_url("act")))  # fmt: skip
    [*_, refused] = workspace.fake.wait_for("response_url", count=2)
    assert "Alleen een teamleider" in refused.args["text"]
    assert workspace.fake.messages("C0NOORD") == []

    workspace.interact(block_actions(ids.AGENDA_ACTION, value=button["value"],
                                     user_id="U0LEIDER",
                                     response_url=workspace.fake.response_url("act")))  # fmt: skip
    [*_, done] = workspace.fake.wait_for("response_url", count=3)
    assert "als gespreksstarter" in done.args["text"]
    [posted] = workspace.fake.messages("C0NOORD")
    prompt_id = button["value"].split("|")[1]
    assert posted["metadata"]["event_payload"]["slot_key"].endswith(prompt_id)
