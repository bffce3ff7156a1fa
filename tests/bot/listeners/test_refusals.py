"""Every refusal path: the kind of client data is named, the value never reaches what Slack keeps.

What Slack keeps is every message the bot posts or answers with (including buttons' values and
blocks) and every view; only a modal field's initial value may hold the text, so the author can
take the data out and send it again (Slack does not keep that value once the modal closes).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, text
from sqlmodel import select

from bot import ids
from bot.posting import PromptPoster
from storage.engine import session_scope
from storage.models import Answer, Casus, KnelpuntSignal
from tests.conftest import Workspace, make_team
from tests.helpers.modal import submission
from tests.helpers.payloads import message_event, view_submission

TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(UTC)
# Client data as people type it, and the pieces that must never come back.
TEXT = "Mevrouw Yilmaz (BSN 123456782) belt vanaf 06\u200e-\u200e12345678 over de wachtlijst"
VALUES = ("Yilmaz", "123456782", "12345678")


def _without_initial_values(value: Any) -> Any:
    """value with every modal field's initial value taken out."""
    if isinstance(value, dict):
        return {k: _without_initial_values(v) for k, v in value.items() if k != "initial_value"}
    if isinstance(value, list):
        return [_without_initial_values(v) for v in value]
    return value


def kept_by_slack(workspace: Workspace) -> str:
    """Everything the bot sent to Slack (calls and response_url answers), minus initial values."""
    workspace.settle()
    return json.dumps(
        [_without_initial_values(call.args) for call in workspace.fake.calls()],
        ensure_ascii=False,
    )


def assert_nothing_repeated(workspace: Workspace) -> None:
    kept = kept_by_slack(workspace)
    for value in VALUES:
        assert value not in kept, f"{value!r} reached Slack"


def nothing_stored(engine: Engine) -> bool:
    with session_scope(engine) as session:
        return not any(
            list(session.exec(select(model))) for model in (Answer, Casus, KnelpuntSignal)
        )


def test_a_thread_reply_is_refused_by_kind_in_a_private_note(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    poster.post_due_prompts(TUESDAY_9)
    with sqlite_engine.connect() as connection:
        parent = connection.execute(text("SELECT message_ts FROM prompt_slot")).scalar_one()
    reply = message_event(
        channel="C0NOORD", user="U0LID", text=TEXT, ts="1763974800.000900", thread_ts=parent
    )
    workspace.event(reply, event_id="Ev0REFUSE1")
    [note] = workspace.fake.wait_for("chat.postEphemeral")
    assert "een BSN" in note.args["text"] and "een telefoonnummer" in note.args["text"]
    assert "een naam" in note.args["text"]
    assert nothing_stored(sqlite_engine)
    assert_nothing_repeated(workspace)


def test_the_private_answer_modal_refuses_with_a_field_error(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    poster.post_due_prompts(TUESDAY_9)
    with sqlite_engine.connect() as connection:
        slot_id = connection.execute(text("SELECT id FROM prompt_slot")).scalar_one()
    values = {ids.ANSWER_BLOCK: {ids.ANSWER_INPUT: {"type": "plain_text_input", "value": TEXT}}}
    status, body = workspace.submit_view(
        view_submission(
            ids.ANSWER_MODAL_CALLBACK, values, user_id="U0LID", private_metadata=str(slot_id)
        )
    )
    assert status == 200
    error = json.loads(body)["errors"][ids.ANSWER_BLOCK]
    assert "een BSN" in error
    assert not any(value in body for value in VALUES)
    assert nothing_stored(sqlite_engine)
    assert_nothing_repeated(workspace)


def test_knelpunt_opens_the_modal_to_take_the_data_out(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    workspace.command("/knelpunt", TEXT, user="U0LID", expect_reply=False)
    [opened] = workspace.fake.wait_for("views.open")
    assert "een BSN" in json.dumps(opened.args["view"], ensure_ascii=False)
    assert nothing_stored(sqlite_engine)
    assert_nothing_repeated(workspace)


def test_knelpunt_too_long_with_client_data_does_not_repeat_the_text(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    workspace.command("/knelpunt", TEXT + " en verder" * 120, user="U0LID", expect_reply=False)
    [opened] = workspace.fake.wait_for("views.open")
    assert "te lang" in json.dumps(opened.args["view"], ensure_ascii=False)
    assert nothing_stored(sqlite_engine)
    assert_nothing_repeated(workspace)


def test_casus_keeps_the_text_in_the_modal_only_and_refuses_on_submit(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    workspace.command("/casus", TEXT, user="U0LID", expect_reply=False)
    [opened] = workspace.fake.wait_for("views.open")
    view = opened.args["view"]
    _, body = workspace.submit_view(submission(view, user_id="U0LID"))
    errors = json.loads(body)["errors"]
    assert "een BSN" in errors[ids.CASE_DESCRIPTION_BLOCK]
    assert not any(value in body for value in VALUES)
    assert nothing_stored(sqlite_engine)
    assert_nothing_repeated(workspace)


def test_casus_that_cannot_open_its_modal_does_not_repeat_client_data(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    workspace.fake.fail("views.open", error="expired_trigger_id")
    reply = workspace.command("/casus", TEXT, user="U0LID")
    assert "persoonsgegevens" in json.dumps(reply, ensure_ascii=False)
    assert nothing_stored(sqlite_engine)
    assert_nothing_repeated(workspace)
