"""What no listener handles: old buttons and modals, shortcuts, view_closed, unknown events and
app_rate_limited all get 200 (never Bolt's 404), and a person who clicked is told what to use."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from sqlalchemy import Engine

from bot.posting import PromptPoster
from bot.services import Services
from tests.bot.listeners.test_answers import TUESDAY_9
from tests.conftest import SIGNING_SECRET, Workspace, make_team
from tests.helpers import payloads, signing

OLD_ACTION = "reflectie_antwoord_v1"  # an action id of an earlier version, left in a message


def _unhandled_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if "nhandled" in r.getMessage() or r.levelno >= logging.ERROR]


def test_an_old_button_in_a_message_says_it_no_longer_works(
    workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    url = workspace.fake.response_url("oud")
    click = payloads.block_actions(OLD_ACTION, value="7", response_url=url)
    assert workspace.interact(click) == 200
    [answer] = workspace.fake.wait_for("response_url")
    assert answer.args["response_type"] == "ephemeral"
    assert answer.args["replace_original"] is False  # the old message stays as it was
    assert "Deze knop werkt niet meer" in answer.args["text"]
    assert "/reflectie" in answer.args["text"]
    assert _unhandled_warnings(caplog) == []


def test_an_old_button_in_the_home_tab_refreshes_it_and_says_so(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    click = payloads.block_actions(OLD_ACTION, user_id="U0LID")
    del click["response_url"], click["channel"], click["message"]
    click["container"] = {"type": "view", "view_id": "V0HOME"}
    click["view"] = {"id": "V0HOME", "type": "home", "callback_id": "", "blocks": []}
    assert workspace.interact(click) == 200
    [opened] = workspace.fake.wait_for("views.open")
    assert opened.args["trigger_id"] == click["trigger_id"]
    shown = json.dumps(opened.args["view"], ensure_ascii=False)
    assert "werkt niet meer" in shown and "tabblad Home is nu bijgewerkt" in shown
    [published] = workspace.fake.wait_for("views.publish")
    assert published.args["user_id"] == "U0LID"


def test_an_old_menu_in_an_open_modal_answers_on_top_of_it(workspace: Workspace) -> None:
    click = payloads.large_select_in_modal(OLD_ACTION, size_bytes=2_000)
    assert workspace.interact(click) == 200
    [pushed] = workspace.fake.wait_for("views.push")  # the user's modal stays underneath
    assert "werkt niet meer" in json.dumps(pushed.args["view"], ensure_ascii=False)
    assert workspace.fake.calls("views.open") == []


def test_an_old_modal_stays_open_with_the_typed_text_and_a_field_error(
    workspace: Workspace,
) -> None:
    values = {"oud_blok": {"oud_veld": {"type": "plain_text_input", "value": "mijn tekst"}}}
    status, body = workspace.submit_view(payloads.view_submission("oude_modal_v1", values))
    assert status == 200
    answer = json.loads(body)
    assert answer["response_action"] == "errors"
    assert "eerdere versie" in answer["errors"]["oud_blok"]

    status, body = workspace.submit_view(payloads.view_submission("oude_modal_v1", {}))
    assert status == 200
    answer = json.loads(body)
    assert answer["response_action"] == "update"
    assert "Dit venster werkt niet meer" in json.dumps(answer["view"], ensure_ascii=False)


def test_view_closed_options_and_unknown_events_are_acknowledged_quietly(
    workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    closed = payloads.view_submission("casus_vastleggen_v0", {})
    closed["type"] = "view_closed"
    closed["is_cleared"] = False
    assert workspace.interact(closed) == 200
    suggestion = {
        "type": "block_suggestion",
        "user": {"id": "U0LID", "team_id": payloads.TEAM_ID},
        "team": {"id": payloads.TEAM_ID, "domain": payloads.TEAM_DOMAIN},
        "api_app_id": payloads.API_APP_ID,
        "action_id": "zoek_iets",
        "block_id": "b0",
        "value": "wijk",
        "container": {"type": "view", "view_id": "V0TEST"},
    }
    status, _h, body = signing.post_interaction(workspace.url, SIGNING_SECRET, suggestion)
    assert (status, json.loads(body)) == (200, {"options": []})
    reaction = {
        "type": "reaction_added",
        "user": "U0LID",
        "reaction": "thumbsup",
        "item": {"type": "message", "channel": "C0NOORD", "ts": "1763800000.000100"},
        "event_ts": "1763800001.000100",
    }
    assert workspace.event(reaction, event_id="Ev0REACTIE") == 200
    workspace.settle()
    assert [c.method for c in workspace.fake.calls() if c.method != "auth.test"] == []
    assert _unhandled_warnings(caplog) == []


def test_shortcuts_the_app_does_not_have_are_answered(workspace: Workspace) -> None:
    shortcut = {
        "type": "shortcut",
        "token": payloads.VERIFICATION_TOKEN,
        "action_ts": "1763800000.300836",
        "team": {"id": payloads.TEAM_ID, "domain": payloads.TEAM_DOMAIN},
        "user": {"id": "U0LID", "username": "u0lid", "team_id": payloads.TEAM_ID},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": "reflectie_snel",
        "trigger_id": payloads.new_trigger_id(),
    }
    assert workspace.interact(shortcut) == 200
    [opened] = workspace.fake.wait_for("views.open")
    assert "Deze snelkoppeling werkt niet meer" in json.dumps(opened.args["view"])


def _rate_limited(minute: int) -> dict[str, object]:
    return {
        "token": payloads.VERIFICATION_TOKEN,
        "type": "app_rate_limited",
        "team_id": payloads.TEAM_ID,
        "minute_rate_limited": minute,
        "api_app_id": payloads.API_APP_ID,
    }


def test_app_rate_limited_is_logged_once_and_the_planner_holds_its_posts(
    workspace: Workspace,
    services: Services,
    poster: PromptPoster,
    sqlite_engine: Engine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    make_team(sqlite_engine, channel_id="C0NOORD")
    services.clock = lambda: TUESDAY_9
    minute = int(TUESDAY_9.timestamp()) // 60 * 60
    for _ in range(2):  # the same notice twice: one warning
        status, _h, _b = signing.post_event(workspace.url, SIGNING_SECRET, _rate_limited(minute))
        assert status == 200
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "app_rate_limited" in warnings[0].getMessage()
    assert "nhandled" not in caplog.text

    shared = services.poster(poster.client)  # as `reflectiebot run` builds the planner's poster
    assert shared.post_due_prompts(TUESDAY_9 + timedelta(seconds=30)) == []
    assert workspace.fake.calls("chat.postMessage") == []
    [result] = shared.post_due_prompts(TUESDAY_9 + timedelta(minutes=3))  # caught up, not lost
    assert result.outcome == "posted"
