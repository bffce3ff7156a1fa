"""Tokens and message text never reach the log at INFO or above, whatever the log level."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, text

from bot import ids
from bot.posting import PromptPoster
from bot.services import Services
from tests.conftest import BOT_TOKEN, SIGNING_SECRET, Workspace, make_team
from tests.helpers.modal import submission
from tests.helpers.payloads import message_event, view_submission

TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(UTC)
SECRET_TEXTS = (
    "Wachtlijst schuldhulp weer veertien weken lang",
    "Geheime casusomschrijving over een tuin",
    "Antwoord in de thread over intervisie",
    "Privé antwoord over de teamleider",
    "Mevrouw Jansen belde vanaf 0612345678",
)


@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO])
def test_a_full_flow_logs_no_token_and_no_text_at_info(
    level: int,
    caplog: pytest.LogCaptureFixture,
    workspace: Workspace,
    poster: PromptPoster,
    services: Services,
    sqlite_engine: Engine,
) -> None:
    caplog.set_level(level)
    make_team(sqlite_engine, channel_id="C0NOORD")
    [posted] = poster.post_due_prompts(TUESDAY_9)
    with sqlite_engine.connect() as connection:
        slot_id, parent = connection.execute(text("SELECT id, message_ts FROM prompt_slot")).one()

    workspace.command("/knelpunt", SECRET_TEXTS[0], user="U0LID")
    # refused (client data): the modal opens with the text to take it out
    workspace.command("/knelpunt", SECRET_TEXTS[4], user="U0LID", expect_reply=False)
    workspace.fake.wait_for("views.open", count=1)
    workspace.command("/casus", SECRET_TEXTS[1], user="U0LID", expect_reply=False)
    view = workspace.fake.wait_for("views.open", count=2)[-1].args["view"]
    workspace.submit_view(submission(view, {
        ids.CASE_DOMAINS_BLOCK: ["financien"], ids.CASE_INTAKE_BLOCK: "hulpvraag",
        ids.CASE_DECISION_BLOCK: "zelf"}, user_id="U0LID"))  # fmt: skip
    workspace.event(message_event(channel="C0NOORD", user="U0LID", text=SECRET_TEXTS[2],
                                  ts="1763974800.000900", thread_ts=parent),
                    event_id="EvLOG1")  # fmt: skip
    workspace.fake.wait_for("reactions.add")
    workspace.submit_view(view_submission(ids.ANSWER_MODAL_CALLBACK, {
        ids.ANSWER_BLOCK: {ids.ANSWER_INPUT: {"type": "plain_text_input",
                                              "value": SECRET_TEXTS[3]}}},
        user_id="U0LID", private_metadata=str(slot_id)))  # fmt: skip
    workspace.settle()

    logged = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert logged, "the flow should log something at INFO (e.g. the prompt being posted)"
    for record in logged:
        line = record.getMessage() + (record.exc_text or "")
        for secret in (BOT_TOKEN, SIGNING_SECRET, *SECRET_TEXTS, "0612345678", "Jansen"):
            assert secret not in line, f"{record.name} logged {secret!r} at {record.levelname}"
    assert posted.outcome == "posted"
    if level == logging.DEBUG:  # the capture does see the app's threads: texts are in DEBUG
        debug = "\n".join(r.getMessage() for r in caplog.records if r.levelno < logging.INFO)
        assert any(t in debug or quote_plus(t) in debug for t in SECRET_TEXTS)


def test_a_database_error_is_logged_without_the_text_or_the_slack_id(
    caplog: pytest.LogCaptureFixture, workspace: Workspace, sqlite_engine: Engine
) -> None:
    """Finding 11: at ERROR too; a SQLAlchemy traceback would carry the statement's values."""
    caplog.set_level(logging.INFO)
    make_team(sqlite_engine, channel_id="C0NOORD")
    with sqlite_engine.begin() as connection:
        connection.execute(text(
            "CREATE TRIGGER kapot BEFORE INSERT ON knelpunt_signal "
            "BEGIN SELECT RAISE(ABORT, 'schijf kapot'); END"
        ))  # fmt: skip
    reply = workspace.command("/knelpunt", SECRET_TEXTS[0], user="U0GEHEIM")
    assert "Het opslaan lukte even niet" in reply["text"]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors, "the failure is logged"
    formatter = logging.Formatter("%(message)s")
    for record in errors:
        line = formatter.format(record)  # with any traceback
        assert SECRET_TEXTS[0] not in line and "U0GEHEIM" not in line, line
    assert any("IntegrityError" in formatter.format(r) for r in errors)  # what failed, though
