"""A modal submitted twice within seconds (a double-click, a repeated request) is stored once."""

from __future__ import annotations

import json
import threading
from typing import Any

from sqlalchemy import Engine

from bot import ids
from bot.posting import PromptPoster
from bot.submissions import WINDOW_SECONDS, SubmissionGuard
from tests.bot.listeners.test_answers import modal_values, posted_prompt, stored
from tests.bot.listeners.test_casus import A_CASE, cases, open_case_modal
from tests.conftest import Workspace, make_team
from tests.helpers.modal import submission
from tests.helpers.payloads import view_submission


def test_the_same_modal_answer_sent_twice_is_stored_once_and_both_get_the_thank_you(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    slot_id, _ = posted_prompt(poster, sqlite_engine)
    answer = view_submission(
        ids.ANSWER_MODAL_CALLBACK, modal_values("We bespreken te weinig wat misging."),
        user_id="U0LID", private_metadata=str(slot_id),
    )  # fmt: skip
    first = workspace.submit_view(answer)
    second = workspace.submit_view(answer)
    assert first[0] == second[0] == 200
    assert json.loads(first[1]) == json.loads(second[1])
    assert json.loads(first[1])["response_action"] == "update"
    assert [a.text for a in stored(sqlite_engine)] == ["We bespreken te weinig wat misging."]

    other = view_submission(
        ids.ANSWER_MODAL_CALLBACK, modal_values("En ook: we evalueren zelden."),
        user_id="U0LID", private_metadata=str(slot_id),
    )  # fmt: skip
    assert workspace.submit_view(other)[0] == 200  # other content: a second answer
    assert len(stored(sqlite_engine)) == 2


def test_a_case_double_clicked_at_the_same_moment_is_stored_once(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    payload = submission(open_case_modal(workspace), A_CASE, user_id="U0LID")
    answers: list[tuple[int, str]] = []

    def click() -> None:
        answers.append(workspace.submit_view(payload))

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join(timeout=10)
    assert [status for status, _ in answers] == [200, 200]
    assert all(json.loads(body)["response_action"] == "update" for _, body in answers)
    assert len(cases(sqlite_engine)) == 1


def _body(text: str) -> dict[str, Any]:
    return view_submission("x", {"b": {"a": {"type": "plain_text_input", "value": text}}})


def test_the_guard_remembers_only_stores_and_only_for_a_few_seconds() -> None:
    now = [100.0]
    guard = SubmissionGuard(timer=lambda: now[0])
    calls: list[str] = []

    def store(response: dict[str, Any]) -> Any:
        def work() -> dict[str, Any]:
            calls.append("work")
            return response

        return work

    saved = {"response_action": "update", "view": {"type": "modal"}}
    refused = {"response_action": "errors", "errors": {"b": "te lang"}}
    assert guard.once(_body("te lang"), store(refused)) == refused
    assert guard.once(_body("te lang"), store(refused)) == refused  # a field error: tried again
    assert calls == ["work", "work"]
    assert guard.once(_body("goed"), store(saved)) == saved
    assert guard.once(_body("goed"), store(saved)) == saved
    assert calls == ["work"] * 3  # the repeat got the first answer
    now[0] += WINDOW_SECONDS + 1
    assert guard.once(_body("goed"), store(saved)) == saved
    assert calls == ["work"] * 4  # much later: a new submission
