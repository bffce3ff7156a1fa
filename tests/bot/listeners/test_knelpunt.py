"""/knelpunt over signed HTTP: one line stored and tagged, the guard, the modal, correcting tags."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine
from sqlmodel import select

from bot import ids
from storage import casus as store
from storage.engine import session_scope
from storage.models import KnelpuntSignal
from tests.conftest import Workspace, make_team
from tests.helpers.modal import submission
from tests.helpers.payloads import block_actions


def signals(engine: Engine) -> list[tuple[KnelpuntSignal, list[str]]]:
    with session_scope(engine) as session:
        found = list(session.exec(select(KnelpuntSignal).order_by(KnelpuntSignal.id)))  # type: ignore[arg-type]
        return [
            (signal, store.signal_knelpunten(session=session, signal_id=signal.id or 0))
            for signal in found
        ]


def buttons(reply: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in reply.get("blocks", []) if b["type"] == "actions" for e in b["elements"]]


def opened_view(workspace: Workspace, count: int = 1) -> dict[str, Any]:
    view: dict[str, Any] = workspace.fake.wait_for("views.open", count=count)[-1].args["view"]
    return view


def test_one_line_is_stored_tagged_and_answered_privately(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine, channel_id="C0NOORD")
    reply = workspace.command("/knelpunt", "Wachtlijst schuldhulp is weer 14 weken", user="U0LID")
    assert reply["response_type"] == "ephemeral"
    assert "Wachtlijsten in de tweede lijn" in reply["text"]
    [(signal, knelpunten)] = signals(sqlite_engine)
    assert (signal.team_id, signal.user_id) == (team.id, "U0LID")
    assert signal.text == "Wachtlijst schuldhulp is weer 14 weken"
    assert knelpunten == ["wachtlijsten-tweede-lijn"]
    [correct] = buttons(reply)
    assert correct["action_id"] == ids.SIGNAL_RETAG_ACTION


def test_a_mention_is_stored_as_the_slack_id_without_the_name_slack_writes_beside_it(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    # With should_escape (the manifest's setting) Slack writes a mention as <@U…|name>.
    make_team(sqlite_engine, channel_id="C0NOORD")
    typed = "Met <@U0LEIDER|sanne.devries> besproken: wachtlijst schuldhulp is weer 14 weken"
    reply = workspace.command("/knelpunt", typed, user="U0LID")
    assert "Wachtlijsten in de tweede lijn" in reply["text"]
    [(signal, _knelpunten)] = signals(sqlite_engine)
    assert signal.text == "Met <@U0LEIDER> besproken: wachtlijst schuldhulp is weer 14 weken"


def test_the_author_corrects_the_knelpunten_and_nobody_else_can(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    reply = workspace.command("/knelpunt", "Wachtlijst schuldhulp weer lang", user="U0LID")
    [correct] = buttons(reply)
    workspace.interact(block_actions(correct["action_id"], value=correct["value"], user_id="U0LID"))
    view = opened_view(workspace)
    initial = view["blocks"][0]["element"]["initial_options"]
    assert [option["value"] for option in initial] == ["wachtlijsten-tweede-lijn"]
    chosen = {ids.KNELPUNTEN_BLOCK: ["wachtlijsten-tweede-lijn", "samenwerking-ketenpartners"]}

    _, body = workspace.submit_view(submission(view, chosen, user_id="U0ANDER"))
    assert "bestaat niet meer" in body
    assert signals(sqlite_engine)[0][1] == ["wachtlijsten-tweede-lijn"]

    _, body = workspace.submit_view(submission(view, chosen, user_id="U0LID"))
    assert "Samenwerking met ketenpartners" in body
    assert signals(sqlite_engine)[0][1] == [
        "samenwerking-ketenpartners",
        "wachtlijsten-tweede-lijn",
    ]


def test_client_data_is_refused_in_a_modal_that_holds_the_text_and_no_message_repeats_it(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    text = "Meneer Bakker belde vanaf 0612345678 over zijn wachtlijst"
    workspace.command("/knelpunt", text, user="U0LID", expect_reply=False)
    assert signals(sqlite_engine) == []
    view = opened_view(workspace)
    [note] = [b for b in view["blocks"] if b["type"] == "section"]
    assert "Niet bewaard" in note["text"]["text"] and "telefoonnummer" in note["text"]["text"]
    assert "0612345678" not in note["text"]["text"] and "Bakker" not in note["text"]["text"]
    [field] = [b for b in view["blocks"] if b.get("block_id") == ids.SIGNAL_TEXT_BLOCK]
    assert field["element"]["initial_value"] == text  # a modal's value: Slack does not keep it
    refused = json.loads(workspace.submit_view(submission(view, user_id="U0LID"))[1])
    assert refused["response_action"] == "errors"
    clean = {ids.SIGNAL_TEXT_BLOCK: "Een cliënt belde over zijn wachtlijst"}
    workspace.submit_view(submission(view, clean, user_id="U0LID"))
    [(signal, _)] = signals(sqlite_engine)
    assert signal.text == "Een cliënt belde over zijn wachtlijst"
    assert workspace.fake.calls("response_url") == []  # no message said anything about it


def test_when_the_modal_cannot_open_the_refusal_names_the_kind_and_repeats_nothing(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    workspace.fake.fail("views.open", error="expired_trigger_id")
    text = "Mevrouw Yilmaz, BSN 123456782, wacht op schuldhulp"
    reply = workspace.command("/knelpunt", text, user="U0LID")
    shown = json.dumps(reply, ensure_ascii=False)
    assert "Niet bewaard" in reply["text"] and "een BSN" in reply["text"]
    assert "123456782" not in shown and "Yilmaz" not in shown
    assert buttons(reply) == []  # no button whose value would keep the text in Slack
    assert signals(sqlite_engine) == []


def test_knelpunt_alone_opens_a_modal_and_chosen_knelpunten_win(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    workspace.command("/knelpunt", "", user="U0LID", expect_reply=False)
    view = opened_view(workspace)
    assert view["callback_id"] == ids.SIGNAL_MODAL_CALLBACK
    empty = json.loads(workspace.submit_view(submission(view, user_id="U0LID"))[1])
    assert ids.SIGNAL_TEXT_BLOCK in empty["errors"]
    answers = {
        ids.SIGNAL_TEXT_BLOCK: "Niemand weet wie de regie heeft bij deze aanvraag",
        ids.KNELPUNTEN_BLOCK: ["gemeentelijke-regie"],
    }
    saved = json.loads(workspace.submit_view(submission(view, answers, user_id="U0LID"))[1])
    assert saved["response_action"] == "update"
    assert "Gemeentelijke regie en beleid" in json.dumps(saved["view"], ensure_ascii=False)
    [(_, knelpunten)] = signals(sqlite_engine)
    assert knelpunten == ["gemeentelijke-regie"]


def test_too_long_is_not_stored_and_the_text_comes_back(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    text = "Te weinig tijd voor intervisie. " * 40  # 1,280 characters
    reply = workspace.command("/knelpunt", text, user="U0LID")
    assert "te lang" in reply["text"] and "1000" in reply["text"]
    assert "Te weinig tijd voor intervisie." in json.dumps(reply["blocks"], ensure_ascii=False)
    assert signals(sqlite_engine) == []


def test_in_several_teams_outside_a_team_channel_the_modal_asks_which(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD", name="Wijkteam Noord")
    zuid = make_team(sqlite_engine, channel_id="C0ZUID", name="Wijkteam Zuid")
    workspace.fake.add_channel("C0NOORD", name="noord", is_member=True, members=["U0LID"])
    workspace.fake.add_channel("C0ZUID", name="zuid", is_member=True, members=["U0LID"])
    workspace.command("/knelpunt", "Mandaat is onduidelijk", user="U0LID", channel="D0PRIVE",
                      expect_reply=False)  # fmt: skip
    view = opened_view(workspace)
    assert view["blocks"][0]["block_id"] == ids.TEAM_BLOCK
    workspace.submit_view(submission(view, {ids.TEAM_BLOCK: str(zuid.id)}, user_id="U0LID"))
    [(signal, _)] = signals(sqlite_engine)
    assert signal.team_id == zuid.id and signal.text == "Mandaat is onduidelijk"


def test_a_flood_of_signals_is_stopped_kindly_and_the_text_is_handed_back(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    """Finding 8: forty identical lines in half a second do not become forty signals."""
    make_team(sqlite_engine, channel_id="C0NOORD")
    line = "Registratie kost weer meer tijd dan het gesprek"
    replies = [workspace.command("/knelpunt", line, user="U0DRUK") for _ in range(8)]
    assert len(signals(sqlite_engine)) == 5
    assert all("Bewaard" in reply["text"] for reply in replies[:5])
    for refused in replies[5:]:
        shown = json.dumps(refused["blocks"], ensure_ascii=False)
        assert "al 5 knelpunten gemeld" in refused["text"] and "nog niet bewaard" in shown
        assert f"> {line}" in shown  # nothing lost: the text comes back to copy
    other = workspace.command("/knelpunt", line, user="U0LID")  # a colleague is not held up
    assert "Bewaard" in other["text"]


def test_command_text_is_stored_as_typed_not_as_slack_escaped_it(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    """Finding 11: Slack sends &amp; &lt; &gt;; the signal is stored unescaped, once."""
    make_team(sqlite_engine, channel_id="C0NOORD")
    workspace.command("/knelpunt", "Wachtlijst GGZ &amp; jeugd &gt; 12 weken &lt;echt&gt;",
                      user="U0LID")  # fmt: skip
    [(signal, _)] = signals(sqlite_engine)
    assert signal.text == "Wachtlijst GGZ & jeugd > 12 weken <echt>"


def test_a_long_text_handed_back_fits_slacks_limits_and_loses_nothing(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    """Finding 11: every section at most 3,000 characters after escaping and quoting."""
    make_team(sqlite_engine, channel_id="C0NOORD")
    typed = " ".join(["R&D <> overleg"] * 90)  # 1,259 characters: too long for a signal
    sent = typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    reply = workspace.command("/knelpunt", sent, user="U0LID")
    assert "te lang" in reply["text"] and signals(sqlite_engine) == []
    blocks = reply["blocks"]
    assert len(blocks) <= 50
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(text) <= 3000 for text in sections)
    quoted = "".join(t for t in sections if t.startswith("> "))
    handed_back = quoted.replace("> ", "").replace("\n", "")
    unescaped = handed_back.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert unescaped == typed  # every character is there


def test_a_knelpunt_the_model_is_unsure_of_is_offered_not_counted(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    """The author sees "Mogelijk ook" for a knelpunt below the model's threshold; it is kept as a
    possible link (the weekspiegel counts only confident ones) until the author chooses it."""
    make_team(sqlite_engine, channel_id="C0NOORD")
    reply = workspace.command(
        "/knelpunt", "De gemeente wil weer een nieuw formulier.", user="U0LID"
    )
    recognised, maybe = reply["text"].split("Mogelijk ook:")
    assert "Gemeentelijke regie" in recognised
    assert "Registratie" in maybe and "telt pas mee als je het kiest" in maybe
    [(_signal, knelpunten)] = signals(sqlite_engine)
    assert knelpunten == ["gemeentelijke-regie"]
