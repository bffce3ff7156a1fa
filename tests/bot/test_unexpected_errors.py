"""A bug in a listener still gets the user a polite answer, never a 500, and loses nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine

from bot import ids
from tests.conftest import SIGNING_SECRET, Workspace, make_team
from tests.helpers import payloads, signing


def boom(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("a bug")


def test_a_failing_command_answers_politely(
    workspace: Workspace, sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_team(sqlite_engine)
    monkeypatch.setattr("bot.listeners.commands.knelpunt.check_signal", boom)
    reply = workspace.command("/knelpunt", "wachtlijst", user="U0LID")
    assert "Er ging iets mis" in reply["text"] and reply["response_type"] == "ephemeral"


def test_a_failing_modal_stays_open_with_a_message(
    workspace: Workspace, sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_team(sqlite_engine)
    monkeypatch.setattr("bot.listeners.commands.knelpunt.submit_signal", boom)
    values = {ids.SIGNAL_TEXT_BLOCK: {ids.input_id(ids.SIGNAL_TEXT_BLOCK): {
        "type": "plain_text_input", "value": "Mijn zorgvuldig getypte tekst"}}}  # fmt: skip
    status, body = workspace.submit_view(
        payloads.view_submission(ids.SIGNAL_MODAL_CALLBACK, values, user_id="U0LID")
    )
    assert status == 200
    answer = json.loads(body)
    assert answer["response_action"] == "errors"  # the modal stays open: the text is not lost
    assert "Er ging iets mis" in answer["errors"][ids.SIGNAL_TEXT_BLOCK]


def test_a_failing_action_after_ack_tells_the_user(
    workspace: Workspace, sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_team(sqlite_engine)
    monkeypatch.setattr("bot.listeners.actions.team_admin.remove_leader", boom)
    url = workspace.fake.response_url("act")
    payload = payloads.block_actions(ids.LEADER_REMOVE_ACTION, value="1|U0X", user_id="U0LEIDER",
                                     response_url=url)  # fmt: skip
    status, _, _ = signing.post_interaction(workspace.url, SIGNING_SECRET, payload)
    assert status == 200
    [told] = workspace.fake.wait_for("response_url")
    assert "Er ging iets mis" in told.args["text"]


def test_a_listener_that_fails_after_its_ack_keeps_the_ack_and_tells_the_user(
    workspace: Workspace,
) -> None:
    """Bolt would reset the ack and answer Slack 404 after 3 s; the guard keeps it."""
    from slack_bolt import Ack

    from bot.failures import guarded

    def handle(ack: Ack, command: dict[str, str]) -> None:
        ack()
        raise RuntimeError("a bug after the ack")

    ack = Ack()
    url = workspace.fake.response_url("late")
    body = {"command": "/knelpunt", "response_url": url}
    assert guarded(handle)(ack=ack, body=body, command=body) is None
    assert ack.response is not None and ack.response.status == 200
    [told] = workspace.fake.wait_for("response_url")
    assert "Er ging iets mis" in told.args["text"]


def test_a_listener_that_fails_before_its_ack_leaves_the_answer_to_bolts_error_handler() -> None:
    from slack_bolt import Ack

    from bot.failures import guarded

    def handle(ack: Ack) -> None:
        raise RuntimeError("a bug before the ack")

    with pytest.raises(RuntimeError):
        guarded(handle)(ack=Ack(), body={})
