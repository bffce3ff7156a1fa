"""/casus over signed HTTP: the modal, the guard, the meldcode reminder, and `/casus lijst`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import select

from bot import ids
from bot.posting import PromptPoster
from storage import casus as store
from storage import learning
from storage.engine import session_scope
from storage.models import Casus
from tests.conftest import Workspace, make_team
from tests.helpers.modal import Answer, submission
from tests.helpers.payloads import block_actions

TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(UTC)


def open_case_modal(
    workspace: Workspace, text: str = "", *, user: str = "U0LID", channel: str = "C0NOORD"
) -> dict[str, Any]:
    before = len(workspace.fake.calls("views.open"))
    workspace.command("/casus", text, user=user, channel=channel, expect_reply=False)
    view: dict[str, Any] = workspace.fake.wait_for("views.open", count=before + 1)[-1].args["view"]
    return view


def block(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    [found] = [b for b in view["blocks"] if b.get("block_id") == block_id]
    return dict(found)


def initial_values(view: dict[str, Any], block_id: str) -> list[str]:
    return [
        option["value"] for option in block(view, block_id)["element"].get("initial_options", [])
    ]


A_CASE: dict[str, Answer] = {
    ids.CASE_DESCRIPTION_BLOCK: "Jonge moeder met schulden, wachtlijst schuldhulp is 14 weken.",
    ids.CASE_DOMAINS_BLOCK: ["financien", "huiselijke-relaties"],
    ids.CASE_INTAKE_BLOCK: "proactief",
    ids.CASE_DECISION_BLOCK: "doorverwezen",
    ids.CASE_DESTINATIONS_BLOCK: ["schuldhulpverlening"],
    ids.CASE_REASONS_BLOCK: ["expertise-ontbreekt", "wachtlijst"],
}


def submit(
    workspace: Workspace, view: dict[str, Any], answers: Mapping[str, Answer], user: str
) -> Any:
    status, body = workspace.submit_view(submission(view, answers, user_id=user))
    assert status == 200
    return json.loads(body)


def cases(engine: Engine) -> list[Casus]:
    with session_scope(engine) as session:
        return list(session.exec(select(Casus).order_by(Casus.id)))  # type: ignore[arg-type]


def test_casus_opens_a_modal_prefilled_with_the_text_and_suggested_knelpunten(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    view = open_case_modal(workspace, "Geen expertise in het team, wachtlijst GGZ 12 weken")
    assert view["callback_id"] == ids.CASE_MODAL_CALLBACK
    assert len(view["title"]["text"]) <= 24
    description = block(view, ids.CASE_DESCRIPTION_BLOCK)
    assert description["element"]["initial_value"].startswith("Geen expertise in het team")
    assert description["element"]["max_length"] == 1500
    assert "BSN" in description["hint"]["text"]
    assert "wachtlijsten-tweede-lijn" in initial_values(view, ids.KNELPUNTEN_BLOCK)
    assert len(block(view, ids.CASE_DOMAINS_BLOCK)["element"]["options"]) == 13
    assert block(view, ids.CASE_DESTINATIONS_BLOCK)["optional"] is True
    assert not [b for b in view["blocks"] if b.get("block_id") == ids.TEAM_BLOCK]


def test_a_mention_in_the_command_prefills_the_modal_with_the_id_not_the_name(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    view = open_case_modal(workspace, "Samen met <@U0LEIDER|sanne.devries> opgepakt")
    description = block(view, ids.CASE_DESCRIPTION_BLOCK)
    assert description["element"]["initial_value"] == "Samen met <@U0LEIDER> opgepakt"


def test_a_submitted_case_is_stored_with_its_choices_and_knelpunten(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    team = make_team(sqlite_engine, channel_id="C0NOORD")
    view = open_case_modal(workspace)
    response = submit(workspace, view, A_CASE, "U0LID")
    assert response["response_action"] == "update"
    confirmation = json.dumps(response["view"], ensure_ascii=False)
    assert "vastgelegd" in confirmation and "Schuldhulpverlening" in confirmation
    assert "0800-2000" not in confirmation  # no safety concern, no meldcode reminder
    [home] = workspace.fake.wait_for("views.publish")  # the Home tab counts the new case
    assert "1 casus" in json.dumps(home.args["view"], ensure_ascii=False)
    [casus] = cases(sqlite_engine)
    assert casus.team_id == team.id and casus.user_id == "U0LID"
    assert casus.domains == "financien,huiselijke-relaties"
    assert (casus.intake, casus.decision) == ("proactief", "doorverwezen")
    assert casus.reasons == "expertise-ontbreekt,wachtlijst"
    with session_scope(sqlite_engine) as session:
        knelpunten = store.casus_knelpunten(session=session, casus_id=casus.id or 0)
    # none chosen: taken from the text and from the reasons
    assert {"wachtlijsten-tweede-lijn", "specialistische-expertise"} <= set(knelpunten)


def test_a_case_with_client_data_is_refused_per_field_and_nothing_is_stored(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    view = open_case_modal(workspace)
    answers = {
        **A_CASE,
        ids.CASE_DESCRIPTION_BLOCK: "Mw. De Vries (BSN 111222333) heeft schulden.",
        ids.CASE_REASON_NOTE_BLOCK: "Zij woont op Dorpsstraat 12, dus dichtbij.",
    }
    response = submit(workspace, view, answers, "U0LID")
    assert response["response_action"] == "errors"
    errors = response["errors"]
    assert "BSN" in errors[ids.CASE_DESCRIPTION_BLOCK]
    assert "111222333" not in errors[ids.CASE_DESCRIPTION_BLOCK]
    assert "adres" in errors[ids.CASE_REASON_NOTE_BLOCK]
    assert cases(sqlite_engine) == []


def test_missing_choices_get_dutch_field_errors(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    view = open_case_modal(workspace)
    answers = {
        ids.CASE_DESCRIPTION_BLOCK: "Vraag over een tuin die verwildert.",
        ids.CASE_DECISION_BLOCK: "doorverwezen",
    }
    errors = submit(workspace, view, answers, "U0LID")["errors"]
    assert errors[ids.CASE_DOMAINS_BLOCK] == "Kies minstens één leefgebied."
    assert errors[ids.CASE_INTAKE_BLOCK] == "Kies hoe de vraag binnenkwam."
    assert errors[ids.CASE_DESTINATIONS_BLOCK] == "Je hebt doorverwezen: kies waarheen."
    assert cases(sqlite_engine) == []


def test_safety_cases_get_the_meldcode_reminder(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    view = open_case_modal(workspace)
    answers = {
        **A_CASE,
        ids.CASE_DECISION_BLOCK: "consult",
        ids.CASE_DESTINATIONS_BLOCK: ["veilig-thuis"],
        ids.CASE_REASONS_BLOCK: ["veiligheid"],
    }
    text = json.dumps(submit(workspace, view, answers, "U0LID")["view"], ensure_ascii=False)
    for must in ("meldcode", "aandachtsfunctionaris", "0800-2000", "112", "niet in Slack"):
        assert must in text
    assert len(cases(sqlite_engine)) == 1


def test_outside_a_team_channel_the_user_picks_one_of_their_teams(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    noord = make_team(sqlite_engine, channel_id="C0NOORD", name="Wijkteam Noord")
    zuid = make_team(sqlite_engine, channel_id="C0ZUID", name="Wijkteam Zuid")
    oost = make_team(sqlite_engine, channel_id="C0OOST", name="Wijkteam Oost")
    workspace.fake.add_channel("C0NOORD", name="noord", is_member=True, members=["U0LID"])
    workspace.fake.add_channel("C0ZUID", name="zuid", is_member=True, members=["U0LID"])
    workspace.fake.add_channel("C0OOST", name="oost", is_member=True, members=["U0ANDER"])
    view = open_case_modal(workspace, channel="D0PRIVE")
    offered = [o["text"]["text"] for o in block(view, ids.TEAM_BLOCK)["element"]["options"]]
    assert offered == ["Wijkteam Noord", "Wijkteam Zuid"]
    unchosen = submit(workspace, view, A_CASE, "U0LID")
    assert ids.TEAM_BLOCK in unchosen["errors"]
    # a crafted submission for a team the user is not in is refused too
    crafted = submit(workspace, view, {**A_CASE, ids.TEAM_BLOCK: str(oost.id)}, "U0LID")
    assert ids.TEAM_BLOCK in crafted["errors"]
    submit(workspace, view, {**A_CASE, ids.TEAM_BLOCK: str(zuid.id)}, "U0LID")
    [casus] = cases(sqlite_engine)
    assert casus.team_id == zuid.id != noord.id


def test_someone_in_no_team_is_told_how_to_get_one_and_keeps_their_text(
    workspace: Workspace,
) -> None:
    reply = workspace.command("/casus", "Buurvrouw vraagt hulp bij de post", user="U0NIEUW",
                              channel="D0PRIVE")  # fmt: skip
    assert "nog niet in het kanaal van een wijkteam" in reply["text"]
    assert "Buurvrouw vraagt hulp bij de post" in json.dumps(reply["blocks"], ensure_ascii=False)
    assert workspace.fake.calls("views.open") == []


def test_casus_lijst_shows_only_your_own_cases_to_edit_and_delete(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    for user, text in (("U0LID", "Eerste casus van mij"), ("U0ANDER", "Casus van een collega"),
                       ("U0LID", "Tweede casus van mij")):  # fmt: skip
        view = open_case_modal(workspace, user=user)
        submit(workspace, view, {**A_CASE, ids.CASE_DESCRIPTION_BLOCK: text}, user)
    listing = workspace.command("/casus", "lijst", user="U0LID")
    shown = json.dumps(listing["blocks"], ensure_ascii=False)
    assert "Tweede casus van mij" in shown and "Eerste casus van mij" in shown
    assert "collega" not in shown
    assert shown.index("Tweede") < shown.index("Eerste")  # newest first
    mine, theirs = cases(sqlite_engine)[0], cases(sqlite_engine)[1]

    # deleting someone else's case by crafting the button value does nothing
    workspace.interact(block_actions(ids.CASE_DELETE_ACTION, value=str(theirs.id), user_id="U0LID",
                                     response_url=workspace.fake.response_url("act")))  # fmt: skip
    workspace.fake.wait_for("response_url", count=2)
    assert len(cases(sqlite_engine)) == 3

    # editing: the modal comes back filled in; the change is stored
    workspace.interact(block_actions(ids.CASE_EDIT_ACTION, value=str(mine.id), user_id="U0LID"))
    edit = workspace.fake.wait_for("views.open", count=4)[-1].args["view"]
    assert block(edit, ids.CASE_DESCRIPTION_BLOCK)["element"]["initial_value"] == (
        "Eerste casus van mij"
    )
    assert initial_values(edit, ids.CASE_DOMAINS_BLOCK) == ["financien", "huiselijke-relaties"]
    submit(workspace, edit, {ids.CASE_DESCRIPTION_BLOCK: "Eerste casus, aangepast"}, "U0LID")
    assert cases(sqlite_engine)[0].description == "Eerste casus, aangepast"
    assert cases(sqlite_engine)[0].updated_at is not None

    # someone else cannot submit an edit of my case
    submit(workspace, edit, {ids.CASE_DESCRIPTION_BLOCK: "Overgenomen"}, "U0ANDER")
    assert cases(sqlite_engine)[0].description == "Eerste casus, aangepast"

    # deleting my own case removes it and shows the list without it
    workspace.interact(block_actions(ids.CASE_DELETE_ACTION, value=str(mine.id), user_id="U0LID",
                                     response_url=workspace.fake.response_url("act")))  # fmt: skip
    [*_, refreshed] = workspace.fake.wait_for("response_url", count=3)
    assert refreshed.args.get("replace_original") is True
    assert "Eerste casus" not in json.dumps(refreshed.args["blocks"], ensure_ascii=False)
    assert [c.description for c in cases(sqlite_engine)] == [
        "Casus van een collega",
        "Tweede casus van mij",
    ]


def test_cases_to_bring_up_appear_once_in_the_next_casuistiek_prompt(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD", themes="casuistiek")
    for text, bring_up in (("Wie pakt de regie bij schulden en GGZ?", [ids.CASE_BRING_UP_OPTION]),
                           ("Gewone casus, niet inbrengen", [])):  # fmt: skip
        view = open_case_modal(workspace)
        answers = {**A_CASE, ids.CASE_DESCRIPTION_BLOCK: text, ids.CASE_BRING_UP_BLOCK: bring_up}
        submit(workspace, view, answers, "U0LID")
    [first] = poster.post_due_prompts(TUESDAY_9)
    assert first.outcome == "posted"
    [message] = workspace.fake.messages("C0NOORD")
    shown = json.dumps(message["blocks"], ensure_ascii=False)
    assert "Wie pakt de regie bij schulden en GGZ?" in shown
    assert "niet inbrengen" not in shown
    brought, ordinary = cases(sqlite_engine)
    assert brought.discussed_slot_id is not None and ordinary.discussed_slot_id is None
    poster.post_due_prompts(TUESDAY_9 + timedelta(days=7))
    later = workspace.fake.messages("C0NOORD")[-1]
    assert len(workspace.fake.messages("C0NOORD")) == 2
    assert "Wie pakt de regie" not in json.dumps(later["blocks"], ensure_ascii=False)


def test_casus_text_is_taken_as_typed_not_as_slack_escaped_it(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    """Finding 11: the description starts unescaped, so it is stored as typed (once)."""
    make_team(sqlite_engine, channel_id="C0NOORD")
    view = open_case_modal(workspace, "Schulden &amp; huisvesting, wachttijd &gt; 8 weken")
    element = block(view, ids.CASE_DESCRIPTION_BLOCK)["element"]
    assert element["initial_value"] == "Schulden & huisvesting, wachttijd > 8 weken"
    status, _ = workspace.submit_view(submission(view, {
        ids.CASE_DOMAINS_BLOCK: ["financien"], ids.CASE_INTAKE_BLOCK: "hulpvraag",
        ids.CASE_DECISION_BLOCK: "zelf"}, user_id="U0LID"))  # fmt: skip
    assert status == 200
    with session_scope(sqlite_engine) as session:
        [case] = session.exec(select(Casus)).all()
        assert case.description == "Schulden & huisvesting, wachttijd > 8 weken"


def test_knelpunten_the_author_chose_make_the_case_an_example_for_the_teams_model(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    """A case whose knelpunten the author chose teaches the team's model; one where the author
    chose none (the text and reasons decided) does not, so the model never learns from itself."""
    team = make_team(sqlite_engine, channel_id="C0NOORD")
    assert team.id is not None
    submit(workspace, open_case_modal(workspace), A_CASE, "U0LID")
    chosen = {**A_CASE, ids.CASE_DESCRIPTION_BLOCK: "De Zeskamp ging weer niet door.",
              ids.KNELPUNTEN_BLOCK: ["samenwerking-ketenpartners"]}  # fmt: skip
    submit(workspace, open_case_modal(workspace), chosen, "U0LID")
    with session_scope(sqlite_engine) as session:
        examples = learning.team_examples(session=session, team_id=team.id)
    assert [(e.text, set(e.knelpunten)) for e in examples] == [
        ("De Zeskamp ging weer niet door.", {"samenwerking-ketenpartners"})
    ]
