"""Answers: thread replies stored once (even when Slack retries), edits, deletions, the modal."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, text
from sqlmodel import select

from bot import ids
from bot.posting import PromptPoster
from storage import answers
from storage.engine import session_scope
from storage.models import Answer
from tests.conftest import Workspace, make_team
from tests.helpers.payloads import (
    block_actions,
    message_changed_event,
    message_deleted_event,
    message_event,
    view_submission,
)

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=AMS).astimezone(UTC)


def posted_prompt(poster: PromptPoster, engine: Engine) -> tuple[int, str]:
    """Post a prompt for the team in C0NOORD; return (slot id, message ts)."""
    make_team(engine, channel_id="C0NOORD")
    [result] = poster.post_due_prompts(TUESDAY_9)
    assert result.outcome == "posted"
    with engine.connect() as connection:
        slot_id, ts = connection.execute(text("SELECT id, message_ts FROM prompt_slot")).one()
    return int(slot_id), str(ts)


def stored(engine: Engine) -> list[Answer]:
    with session_scope(engine) as session:
        return list(session.exec(select(Answer).order_by(Answer.id)))  # type: ignore[arg-type]


def test_thread_reply_is_stored_once_when_slack_retries(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    _, parent = posted_prompt(poster, sqlite_engine)
    reply = message_event(
        channel="C0NOORD", user="U0LID", text="We leren vooral van elkaar in de auto.",
        ts="1763974800.000200", thread_ts=parent,
    )  # fmt: skip
    for retry in (None, 1, 2, 3):
        status = workspace.event(reply, event_id="Ev0ANTWOORD1", retry_num=retry)
        assert status == 200
    workspace.fake.wait_for("reactions.add", count=1)
    [answer] = stored(sqlite_engine)
    assert answer.user_id == "U0LID"
    assert answer.text == "We leren vooral van elkaar in de auto."
    assert answer.source == "thread"
    assert len(workspace.fake.calls("reactions.add")) == 1


def test_edited_reply_updates_and_deleted_reply_deletes_the_answer(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    _, parent = posted_prompt(poster, sqlite_engine)
    ts = "1763974800.000300"
    workspace.event(
        message_event(
            channel="C0NOORD", user="U0LID", text="Eerste versie", ts=ts, thread_ts=parent
        ),
        event_id="Ev0A",
    )
    workspace.fake.wait_for("reactions.add")
    workspace.event(
        message_changed_event(
            channel="C0NOORD", user="U0LID", text="Tweede versie, beter", ts=ts, thread_ts=parent
        ),
        event_id="Ev0B",
    )
    workspace.wait_until(lambda: stored(sqlite_engine)[0].text == "Tweede versie, beter")
    workspace.event(
        message_deleted_event(channel="C0NOORD", ts=ts, thread_ts=parent), event_id="Ev0C"
    )
    workspace.wait_until(lambda: stored(sqlite_engine) == [])


def test_an_edit_whose_message_lacks_ts_updates_the_answer_by_the_previous_ts(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    """The shape of Bolt's own fixture (tests/scenario_tests/test_message_changed.py): the
    edited `message` carries neither ts nor thread_ts; only `previous_message` does."""
    _, parent = posted_prompt(poster, sqlite_engine)
    ts = "1763974800.000300"
    workspace.event(
        message_event(channel="C0NOORD", user="U0LID", text="Eerste versie", ts=ts,
                      thread_ts=parent),
        event_id="Ev0E1",
    )  # fmt: skip
    workspace.fake.wait_for("reactions.add")
    edit = message_changed_event(
        channel="C0NOORD", user="U0LID", text="Bewerkt zonder ts", ts=ts, thread_ts=parent
    )
    del edit["message"]["ts"], edit["message"]["thread_ts"], edit["message"]["parent_user_id"]
    assert workspace.event(edit, event_id="Ev0E2") == 200
    workspace.wait_until(lambda: stored(sqlite_engine)[0].text == "Bewerkt zonder ts")
    [answer] = stored(sqlite_engine)
    assert answer.message_ts == ts


def test_bot_messages_and_replies_elsewhere_are_not_answers(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    _, parent = posted_prompt(poster, sqlite_engine)
    bot_reply = message_event(
        channel="C0NOORD", user="UBOT", text="Ik ben een bot", ts="1763974800.000400",
        thread_ts=parent, bot_id="BBOT",
    )  # fmt: skip
    other_thread = message_event(
        channel="C0NOORD", user="U0LID", text="Over iets anders", ts="1763974800.000500",
        thread_ts="1700000000.000001",
    )  # fmt: skip
    top_level = message_event(
        channel="C0NOORD", user="U0LID", text="Gewoon een bericht", ts="1763974800.000600"
    )
    for n, event in enumerate((bot_reply, other_thread, top_level)):
        assert workspace.event(event, event_id=f"Ev0X{n}") == 200
    workspace.settle()
    assert stored(sqlite_engine) == []
    assert workspace.fake.calls("reactions.add") == []


def test_reply_with_client_data_is_not_stored_until_edited_clean(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    _, parent = posted_prompt(poster, sqlite_engine)
    ts = "1763974800.000700"
    workspace.event(
        message_event(
            channel="C0NOORD", user="U0LID", ts=ts, thread_ts=parent,
            text="Mevrouw Jansen belde, haar nummer is 06-12345678.",
        ),
        event_id="Ev0P1",
    )  # fmt: skip
    [note] = workspace.fake.wait_for("chat.postEphemeral")
    assert note.args["user"] == "U0LID"
    assert "06-12345678" not in note.args["text"] and "Jansen" not in note.args["text"]
    assert "telefoonnummer" in note.args["text"]
    assert stored(sqlite_engine) == []
    workspace.event(
        message_changed_event(
            channel="C0NOORD", user="U0LID", ts=ts, thread_ts=parent,
            text="Een cliënt belde over haar schulden; de wachtlijst was te lang.",
        ),
        event_id="Ev0P2",
    )  # fmt: skip
    workspace.fake.wait_for("reactions.add")
    [answer] = stored(sqlite_engine)
    assert "schulden" in answer.text


def test_private_button_opens_the_modal_with_the_question(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    slot_id, parent = posted_prompt(poster, sqlite_engine)
    status = workspace.interact(
        block_actions(ids.ANSWER_PRIVATELY_ACTION, value=str(slot_id), user_id="U0LID",
                      channel_id="C0NOORD", message_ts=parent)
    )  # fmt: skip
    assert status == 200
    [opened] = workspace.fake.wait_for("views.open")
    view = opened.args["view"]
    assert view["callback_id"] == ids.ANSWER_MODAL_CALLBACK
    assert view["private_metadata"] == str(slot_id)
    assert len(view["title"]["text"]) <= 24
    block_ids = {block.get("block_id") for block in view["blocks"]}
    assert {ids.ANSWER_BLOCK, ids.OPTIONS_BLOCK, ids.KNELPUNTEN_BLOCK} <= block_ids


def modal_values(answer: str, *options: str, knelpunten: tuple[str, ...] = ()) -> dict:
    return {
        ids.ANSWER_BLOCK: {ids.ANSWER_INPUT: {"type": "plain_text_input", "value": answer}},
        ids.OPTIONS_BLOCK: {
            ids.OPTIONS_INPUT: {
                "type": "checkboxes",
                "selected_options": [{"value": option} for option in options],
            }
        },
        ids.KNELPUNTEN_BLOCK: {
            ids.KNELPUNTEN_INPUT: {
                "type": "multi_static_select",
                "selected_options": [{"value": k} for k in knelpunten],
            }
        },
    }


def test_anonymous_modal_answer_leaves_no_trace_of_who_wrote_it(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    slot_id, _ = posted_prompt(poster, sqlite_engine)
    status, body = workspace.submit_view(
        view_submission(
            ids.ANSWER_MODAL_CALLBACK,
            modal_values("Ik durf in het overleg niet te zeggen dat ik vastloop.",
                         ids.OPTION_ANONYMOUS, ids.OPTION_QUOTABLE,
                         knelpunten=("tijd-voor-reflectie",)),
            user_id="U0ANONIEM9", private_metadata=str(slot_id),
        )
    )  # fmt: skip
    assert status == 200
    assert json.loads(body)["response_action"] == "update"
    [answer] = stored(sqlite_engine)
    assert answer.user_id is None and answer.anonymous and answer.quotable
    assert answer.message_ts is None
    assert answer.created_at.astimezone(AMS).hour == 12  # rounded: not even the minute is kept
    assert answer.id is not None
    with session_scope(sqlite_engine) as session:
        assert answers.answer_knelpunten(session=session, answer_id=answer.id) == [
            "tijd-voor-reflectie"
        ]
    # nowhere in the whole database does the author's id appear
    with sqlite_engine.connect() as connection:
        dump = "\n".join(connection.connection.dbapi_connection.iterdump())  # type: ignore[union-attr]
    assert "U0ANONIEM9" not in dump


def test_modal_with_client_data_is_refused_with_a_field_error_and_nothing_stored(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    slot_id, _ = posted_prompt(poster, sqlite_engine)
    status, body = workspace.submit_view(
        view_submission(
            ids.ANSWER_MODAL_CALLBACK,
            modal_values("Haar BSN is 111222333, dat moet ik nog doorgeven."),
            user_id="U0LID", private_metadata=str(slot_id),
        )
    )  # fmt: skip
    assert status == 200
    response = json.loads(body)
    assert response["response_action"] == "errors"
    assert "BSN" in response["errors"][ids.ANSWER_BLOCK]
    assert "111222333" not in response["errors"][ids.ANSWER_BLOCK]
    assert stored(sqlite_engine) == []


def test_named_modal_answer_keeps_its_author(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    slot_id, _ = posted_prompt(poster, sqlite_engine)
    workspace.submit_view(
        view_submission(
            ids.ANSWER_MODAL_CALLBACK,
            modal_values("We hadden deze week geen tijd voor intervisie."),
            user_id="U0LID", private_metadata=str(slot_id),
        )
    )  # fmt: skip
    [answer] = stored(sqlite_engine)
    assert answer.user_id == "U0LID" and not answer.anonymous and not answer.quotable


def test_an_edit_that_arrives_before_its_original_is_not_overwritten_by_it(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    _, parent = posted_prompt(poster, sqlite_engine)
    ts = "1763974800.000800"
    workspace.event(
        message_changed_event(
            channel="C0NOORD", user="U0LID", text="Verbeterde versie", ts=ts, thread_ts=parent
        ),
        event_id="Ev0LAAT2",
    )
    workspace.wait_until(lambda: [a.text for a in stored(sqlite_engine)] == ["Verbeterde versie"])
    workspace.event(
        message_event(channel="C0NOORD", user="U0LID", text="Eerste versie", ts=ts,
                      thread_ts=parent),
        event_id="Ev0LAAT1",
    )  # fmt: skip
    workspace.settle()
    assert [a.text for a in stored(sqlite_engine)] == ["Verbeterde versie"]


def test_a_private_answer_is_stored_only_for_a_member_of_the_teams_channel(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    """Finding 7: a button in a shared or forwarded message is no way into another team."""
    slot_id, _ = posted_prompt(poster, sqlite_engine)
    workspace.fake.add_channel("C0NOORD", name="wijkteam-noord", members=["U0LEIDER"])

    def submit(user: str) -> dict:
        _, body = workspace.submit_view(
            view_submission(ids.ANSWER_MODAL_CALLBACK, modal_values("Mijn antwoord"),
                            user_id=user, private_metadata=str(slot_id))
        )  # fmt: skip
        return dict(json.loads(body))

    outsider = submit("U0BUITEN")
    assert outsider["response_action"] == "errors"  # the modal stays open with the text
    assert "Je zit niet in het kanaal" in outsider["errors"][ids.ANSWER_BLOCK]
    workspace.fake.fail("conversations.members", error="internal_error")
    unsure = submit("U0LEIDER")
    assert "kon even niet nagaan" in unsure["errors"][ids.ANSWER_BLOCK]
    assert stored(sqlite_engine) == []
    assert submit("U0LEIDER")["response_action"] == "update"
    [answer] = stored(sqlite_engine)
    assert answer.user_id == "U0LEIDER"
    [call, *_] = workspace.fake.calls("conversations.members")
    assert call.args["channel"] == "C0NOORD"
