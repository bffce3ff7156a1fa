"""Data rights over signed HTTP: the Home tab, download, erase, preview, leaders, unlinking."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text

from bot import ids
from bot.digest import WeekspiegelSender
from bot.posting import PromptPoster
from bot.services import Services
from bot.weekspiegel import IsoWeek
from storage import audit, teams
from storage.digest import activity
from storage.engine import session_scope
from tests.bot.weekspiegel_data import AMS, add_answer, add_case, add_signal, at, sent_slot
from tests.conftest import LINKED_SINCE, Workspace, make_team
from tests.helpers.payloads import block_actions

MONDAY_47 = date(2026, 11, 16)
AFTER_47 = at(MONDAY_47 + timedelta(weeks=1), 9)  # when week 47's weekspiegel goes out


def home_event(user: str) -> dict[str, Any]:
    return {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": "home",
            "event_ts": "1763900000.000100"}  # fmt: skip


def published_home(workspace: Workspace, user: str, count: int = 1) -> str:
    calls = [c for c in workspace.fake.wait_for("views.publish", count=count)
             if c.args["user_id"] == user]  # fmt: skip
    return json.dumps(calls[-1].args["view"], ensure_ascii=False)


def fill_team(engine: Engine) -> None:
    """Noord with a teamleider, two members' answers, a case, a signal and an anonymous answer."""
    team = make_team(engine, channel_id="C0NOORD")
    slot = sent_slot(engine, team, MONDAY_47 + timedelta(days=1))
    when = at(MONDAY_47 + timedelta(days=1))
    add_answer(engine, slot, when, "Mijn antwoord over de wachtlijst", user="U0LID",
               knelpunten=["wachtlijsten-tweede-lijn"], quotable=True)  # fmt: skip
    add_answer(engine, slot, when, "Antwoord van een collega", user="U0ANDER")
    add_answer(engine, slot, when, "Anoniem antwoord", user=None)
    add_case(engine, team, when, user="U0LID", knelpunten=["wachtlijsten-tweede-lijn"])
    add_signal(engine, team, when, user="U0LID", knelpunten=["wachtlijsten-tweede-lijn"])


def dump(engine: Engine) -> str:
    with engine.connect() as connection:
        return "\n".join(connection.connection.dbapi_connection.iterdump())  # type: ignore[union-attr]


def test_the_home_tab_shows_what_is_kept_and_for_a_teamleider_the_teams_state(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    fill_team(sqlite_engine)
    workspace.fake.add_channel("C0NOORD", name="noord", is_member=True,
                               members=["U0LID", "U0LEIDER"])  # fmt: skip
    workspace.event(home_event("U0LID"), event_id="EvHOME1")
    member = published_home(workspace, "U0LID")
    for shown in ("Wat bewaart hij?", "Wijkteam Noord", "De volgende reflectievraag komt op",
                  "1 antwoord · 1 casus · 1 knelpuntsignaal", "Mijn antwoord over de wachtlijst",
                  ids.DOWNLOAD_ACTION, ids.ERASE_ACTION, "365 dagen"):  # fmt: skip
        assert shown in member, shown
    assert "Antwoord van een collega" not in member and "Anoniem antwoord" not in member
    assert ids.PREVIEW_ACTION not in member

    workspace.event(home_event("U0LEIDER"), event_id="EvHOME2")
    leader = published_home(workspace, "U0LEIDER", count=2)
    assert "Teams die je leidt" in leader and ids.PREVIEW_ACTION in leader
    assert "Weekspiegel: elke maandag 08:30" in leader


def test_download_gives_only_your_own_data_even_when_the_payload_names_someone_else(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    fill_team(sqlite_engine)
    crafted = block_actions(ids.DOWNLOAD_ACTION, value="U0ANDER", user_id="U0LID")
    del crafted["response_url"]  # from the Home tab: no message to answer in
    assert workspace.interact(crafted) == 200
    [complete] = workspace.fake.wait_for("files.completeUploadExternal")
    [uploaded] = workspace.fake.uploads.values()
    data = json.loads(uploaded)
    assert data["slack_id"] == "U0LID"
    assert [a["tekst"] for a in data["antwoorden"]] == ["Mijn antwoord over de wachtlijst"]
    assert data["casussen"][0]["knelpunten"] == ["wachtlijsten-tweede-lijn"]
    assert len(data["knelpuntsignalen"]) == 1
    assert "U0ANDER" not in uploaded.decode() and "collega" not in uploaded.decode()
    assert "Anoniem antwoord" not in uploaded.decode()
    dm = complete.args["channel_id"]
    assert workspace.fake.channels[dm]["user"] == "U0LID"  # into the user's own DM
    workspace.fake.wait_for("views.publish")  # and the Home tab is refreshed
    with session_scope(sqlite_engine) as session:
        [entry] = audit.list_entries(session=session)
        assert (entry.actor, entry.action) == ("U0LID", "download")


def test_mijn_gegevens_command_sends_the_file_too(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    fill_team(sqlite_engine)
    reply = workspace.command("/wijkteam", "mijn-gegevens", user="U0LID", channel="D0PRIVE")
    assert "privégesprek" in reply["text"]
    assert len(workspace.fake.uploads) == 1


def test_vergeet_mij_erases_every_text_and_id_but_the_team_counts_stay(
    workspace: Workspace, sqlite_engine: Engine, services: Services, poster: PromptPoster
) -> None:
    fill_team(sqlite_engine)
    with session_scope(sqlite_engine) as session:
        [team] = teams.list_teams(session=session)
        teams.add_teamleider(session=session, team=team, user_id="U0LID", now=LINKED_SINCE)
    sender = services.weekspiegel_sender(poster.client)
    before = sender.compute(team, IsoWeek(2026, 47), AFTER_47)

    reply = workspace.command("/wijkteam", "vergeet-mij", user="U0LID", channel="D0PRIVE")
    [button] = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["action_id"] == ids.ERASE_ACTION and "confirm" in button
    workspace.interact(block_actions(ids.ERASE_ACTION, value="wissen", user_id="U0LID",
                                     response_url=workspace.fake.response_url("act")))  # fmt: skip
    [*_, done] = workspace.fake.wait_for("response_url", count=2)
    assert "Gewist: 1 antwoord, 1 casus en 1 knelpuntsignaal" in done.args["text"]

    everything = dump(sqlite_engine)
    assert "U0LID" not in everything
    for gone in ("Mijn antwoord over de wachtlijst",):
        assert gone not in everything
    assert "Antwoord van een collega" in everything and "Anoniem antwoord" in everything
    after = sender.compute(team, IsoWeek(2026, 47), AFTER_47)
    assert after.participation == before.participation
    assert after.participation.answers == 3
    assert [t.count for t in after.recurring] == [t.count for t in before.recurring]
    start, end = IsoWeek(2026, 47).bounds(AMS)
    with session_scope(sqlite_engine) as session:  # below the floor the weekspiegel shows none
        raw = activity(session=session, team_id=team.id or 0, start=start, end=end)
    assert (raw.answers, raw.cases, raw.signals) == (3, 1, 1)
    with session_scope(sqlite_engine) as session:
        [entry] = audit.list_entries(session=session)
        assert (entry.actor, entry.action) == ("gewist", "vergeet-mij")


def test_erase_during_a_running_weekspiegel_leaves_no_orphan_rows(
    workspace: Workspace, sqlite_engine: Engine, services: Services, poster: PromptPoster
) -> None:
    team = make_team(sqlite_engine, leaders=("U0LEIDER", "U0WEG"))
    with sqlite_engine.begin() as connection:
        connection.execute(text("UPDATE teamleider SET added_at = '2026-01-01 00:00:00'"))
    add_signal(sqlite_engine, team, at(MONDAY_47), user="U0WEG", knelpunten=["gemeentelijke-regie"])
    sender: WeekspiegelSender = services.weekspiegel_sender(poster.client)
    workspace.fake.delay("chat.postMessage", seconds=0.6, times=2)
    monday = datetime(2026, 11, 23, 8, 31, tzinfo=UTC)
    running = threading.Thread(target=sender.send_due, args=(monday,))
    running.start()
    workspace.fake.wait_for("chat.postMessage", count=1, timeout=5)
    from bot.rights import erase_user

    erase_user(sqlite_engine, "U0WEG", services.settings.timezone, now=monday)
    running.join(timeout=10)
    with sqlite_engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        rows = connection.execute(text("SELECT user_id FROM digest_delivery")).scalars().all()
    assert "U0WEG" not in rows and "U0WEG" not in dump(sqlite_engine)


def test_a_teamleider_previews_from_home_and_nobody_else_can(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    fill_team(sqlite_engine)
    with session_scope(sqlite_engine) as session:
        [team] = teams.list_teams(session=session)
    for user, expect in (("U0LID", "geen teamleider"), ("U0LEIDER", "Weekspiegel Wijkteam Noord")):
        workspace.interact(block_actions(ids.PREVIEW_ACTION, value=str(team.id), user_id=user))
        view = workspace.fake.wait_for("views.open", count=1 if user == "U0LID" else 2)[-1]
        assert expect in json.dumps(view.args["view"], ensure_ascii=False)


def test_leider_weg_needs_confirmation_and_keeps_at_least_one_teamleider(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, leaders=("U0LEIDER",))
    alone = workspace.command("/wijkteam", "leider weg <@U0LEIDER>")
    assert "maar één teamleider" in alone["text"]
    workspace.command("/wijkteam", "leider <@U0TWEEDE>")
    ask = workspace.command("/wijkteam", "leider weg <@U0TWEEDE>")
    [button] = [e for b in ask["blocks"] if b["type"] == "actions" for e in b["elements"]]
    for user, expect in (("U0LID", "Alleen een teamleider"), ("U0LEIDER", "geen teamleider")):
        workspace.interact(block_actions(
            ids.LEADER_REMOVE_ACTION, value=button["value"], user_id=user,
            response_url=workspace.fake.response_url("a")))  # fmt: skip
        calls = workspace.fake.wait_for("response_url", count=4 if user == "U0LID" else 5)
        assert expect in calls[-1].args["text"]
    with session_scope(sqlite_engine) as session:
        [team] = teams.list_teams(session=session)
        assert teams.list_teamleiders(session=session, team=team) == ["U0LEIDER"]
        actions = [e.action for e in audit.list_entries(session=session)]
    assert actions == ["leider", "leider-weg"]


def test_ontkoppel_keeps_or_erases_the_teams_data(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    fill_team(sqlite_engine)
    ask = workspace.command("/wijkteam", "ontkoppel")
    buttons = {e["action_id"]: e for b in ask["blocks"] if b["type"] == "actions"
               for e in b["elements"]}  # fmt: skip
    assert set(buttons) == {ids.UNLINK_KEEP_ACTION, ids.UNLINK_ERASE_ACTION}
    workspace.interact(block_actions(ids.UNLINK_KEEP_ACTION, value=buttons[ids.UNLINK_KEEP_ACTION][
        "value"], user_id="U0LEIDER", response_url=workspace.fake.response_url("a")))  # fmt: skip
    [*_, done] = workspace.fake.wait_for("response_url", count=2)
    assert "losgekoppeld" in done.args["text"] and "bewaard" in done.args["text"]
    with session_scope(sqlite_engine) as session:
        assert teams.list_teams(session=session) == []
        kept = teams.find_team_for_export(session=session, channel_id="C0NOORD")
        assert kept is not None and kept.unlinked_at is not None
    assert "Mijn antwoord over de wachtlijst" in dump(sqlite_engine)
    # the channel can be linked again, as a new team
    relinked = workspace.command("/wijkteam", "koppel Wijkteam Noord 2")
    assert "is nu het kanaal van *Wijkteam Noord 2*" in relinked["text"]

    ask = workspace.command("/wijkteam", "ontkoppel")
    erase = [e for b in ask["blocks"] if b["type"] == "actions" for e in b["elements"]][1]
    workspace.interact(block_actions(erase["action_id"], value=erase["value"], user_id="U0LEIDER",
                                     response_url=workspace.fake.response_url("a")))  # fmt: skip
    [*_, erased] = workspace.fake.wait_for("response_url", count=5)
    assert "gewist" in erased.args["text"]
    with session_scope(sqlite_engine) as session:
        assert teams.find_team_for_export(session=session, channel_id="C0NOORD") is not None
        actions = [e.action for e in audit.list_entries(session=session)]
    assert actions.count("ontkoppel") == 2


def test_a_crafted_erase_payload_erases_only_the_clicker(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    fill_team(sqlite_engine)
    crafted = block_actions(ids.ERASE_ACTION, value="U0ANDER", user_id="U0LID")
    del crafted["response_url"]
    workspace.interact(crafted)
    [*_, told] = workspace.fake.wait_for("chat.postMessage")
    assert "Gewist" in told.args["text"]
    everything = dump(sqlite_engine)
    assert "Antwoord van een collega" in everything and "U0ANDER" in everything
    assert "U0LID" not in everything
