"""Every payload shape in tests/payloads/ (copies from Slack's own SDK test suites) replayed over
signed HTTP and over Socket Mode: each gets a 2xx (or its ack), the side effect it should have
or none, and no ERROR log; events are sent twice, the second time as Slack's retry."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import App
from sqlalchemy import Engine

from bot import ids
from bot.posting import PromptPoster
from bot.server import create_socket_mode_handler
from bot.services import Services
from tests.bot.listeners.test_answers import posted_prompt, stored
from tests.conftest import SIGNING_SECRET, Workspace
from tests.fakes.slack_api import Call, FakeSlack
from tests.fakes.socket_mode import FakeSocketModeServer
from tests.helpers import signing

CORPUS_DIR = Path(__file__).parent.parent / "payloads"
# The bot's own shapes come last: they use the prompt thread the others leave alone.
FILES = ("bolt_python", "python_slack_sdk", "node_slack_sdk", "reflectiebot")
REPLY_TS = "1763974800.000700"
POLITE = "werkt niet meer"
# Web API calls that are not a side effect of one payload.
INFRASTRUCTURE = frozenset({"auth.test", "apps.connections.open"})

Entry = dict[str, Any]
Send = Callable[[Entry, dict[str, Any], int | None], dict[str, Any] | None]


def corpus() -> list[Entry]:
    """All entries, in file order."""
    entries: list[Entry] = []
    for name in FILES:
        entries += json.loads((CORPUS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return entries


def test_the_corpus_has_its_sources_and_every_kind_of_payload() -> None:
    entries = corpus()
    assert len(entries) >= 150
    assert all(entry["source"].startswith("slackapi/") for entry in entries)
    assert {"command", "event", "interactive"} == {entry["kind"] for entry in entries}
    expected = {entry["expect"] for entry in entries}
    assert {"polite", "old_modal", "options", "backoff", "answer_updated"} <= expected
    kinds = {entry["body"].get("type") for entry in entries}
    assert {"view_closed", "shortcut", "message_action", "app_rate_limited"} <= kinds


def _fill(entry: Entry, replacements: dict[str, str]) -> dict[str, Any]:
    text = json.dumps(entry["body"])
    for placeholder, value in replacements.items():
        text = text.replace(placeholder, value)
    body: dict[str, Any] = json.loads(text)
    return body


def _http(workspace: Workspace) -> Send:
    def send(entry: Entry, body: dict[str, Any], retry: int | None) -> dict[str, Any] | None:
        if entry["kind"] == "command":
            status, _h, text = signing.post_command(workspace.url, SIGNING_SECRET, **body)
        elif entry["kind"] == "interactive":
            status, _h, text = signing.post_interaction(workspace.url, SIGNING_SECRET, body)
        else:
            status, _h, text = signing.post_event(
                workspace.url, SIGNING_SECRET, body, retry_num=retry,
                retry_reason="http_timeout" if retry else None,
            )  # fmt: skip
        assert 200 <= status < 300, f"{entry['name']}: HTTP {status} {text[:200]}"
        if not text:
            return None
        try:
            answer = json.loads(text)
        except ValueError:
            return {"text": text}
        return answer if isinstance(answer, dict) else None

    return send


def _socket(server: FakeSocketModeServer) -> Send:
    def send(entry: Entry, body: dict[str, Any], retry: int | None) -> dict[str, Any] | None:
        if entry["kind"] == "command":
            envelope = server.send_slash_command(**body)
        elif entry["kind"] == "interactive":
            envelope = server.send_interactive(body)
        else:
            envelope = server.send_event(body, retry_attempt=retry or 0)
        ack = server.wait_for_ack(envelope, timeout=5)
        payload: dict[str, Any] | None = ack.get("payload")
        return payload

    return send


@pytest.fixture(params=["http", "socket_mode"])
def send(
    request: pytest.FixtureRequest, workspace: Workspace, bolt_app: App, fake_slack: FakeSlack
) -> Iterator[Send]:
    """Delivers a corpus entry the way the transport does."""
    if request.param == "http":
        yield _http(workspace)
        return
    with FakeSocketModeServer() as server:
        fake_slack.attach_socket_mode(server)
        handler = create_socket_mode_handler(bolt_app, "xapp-1-A0TEST-1-corpus")
        handler.connect()
        try:
            server.wait_connected()
            yield _socket(server)
        finally:
            server.close_client(handler.client)


def _calls_since(fake: FakeSlack, start: int) -> list[Call]:
    return [call for call in fake.calls()[start:] if call.method not in INFRASTRUCTURE]


def _polite_channel(body: dict[str, Any]) -> list[str]:
    """Where a person who used something old is told (see bot/listeners/fallbacks.py)."""
    view = body.get("view") or {}
    if str(body.get("response_url") or "").startswith("http"):
        return ["response_url"]
    if (body.get("container") or {}).get("type") == "view" and view.get("type") == "modal":
        return ["views.push"]
    if view.get("type") == "home":
        return ["views.open", "users.conversations", "views.publish"]
    return ["views.open"]


def check(
    entry: Entry,
    body: dict[str, Any],
    answer: dict[str, Any] | None,
    workspace: Workspace,
    services: Services,
    engine: Engine,
    expected: Counter[str],
    start: int,
) -> None:
    """Assert the entry's effect; add the Web API calls it makes to `expected` (once they came)."""
    expect, name, fake = entry["expect"], entry["name"], workspace.fake

    def made(*methods: str, needle: str = "") -> None:
        expected.update(methods)

        def arrived() -> bool:
            calls = _calls_since(fake, start)
            return all(
                sum(c.method == method for c in calls) >= expected[method] for method in methods
            ) and any(needle in json.dumps(c.args, ensure_ascii=False) for c in calls)

        workspace.wait_until(arrived)

    if expect == "polite":
        made(*_polite_channel(body), needle=POLITE)
    elif expect == "home":
        made("users.conversations", "views.publish")
    elif expect == "answer_modal":
        made("views.open", needle=ids.ANSWER_MODAL_CALLBACK)
    elif expect == "command_reply":
        made("response_url", "users.conversations", "views.publish")  # /wijkteam: Home too
    elif expect == "options":
        assert answer == {"options": []}, name
    elif expect == "old_modal":
        assert answer and answer["response_action"] in ("errors", "update"), name
    elif expect == "unknown_command":
        assert answer and "kent" in answer["text"], name
    elif expect == "challenge":
        assert answer and answer.get("challenge") == body["challenge"], name
    elif expect == "backoff":
        assert services.backoff.holding(services.clock()), name
    elif expect == "answer_stored":
        workspace.wait_until(lambda: entry["text"] in [a.text for a in stored(engine)])
        made("reactions.add")
    elif expect == "answer_updated":
        workspace.wait_until(
            lambda: [a.text for a in stored(engine) if a.message_ts == REPLY_TS] == [entry["text"]]
        )
    elif expect == "answer_deleted":
        workspace.wait_until(lambda: all(a.message_ts != REPLY_TS for a in stored(engine)))
    elif expect == "modal_answer":
        made("conversations.members")  # only a member of the team's channel may answer
        assert answer and answer["response_action"] == "update", name
        assert entry["text"] in [a.text for a in stored(engine) if a.source == "modal"]
    else:
        assert expect == "ignored", f"{name}: unknown expectation {expect}"


def test_every_payload_shape_is_acknowledged_with_the_right_effect_and_no_error(
    send: Send,
    workspace: Workspace,
    poster: PromptPoster,
    services: Services,
    sqlite_engine: Engine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    slot_id, prompt_ts = posted_prompt(poster, sqlite_engine)
    fake = workspace.fake
    fake.channels["C0NOORD"]["members"].append("W111")  # the user of Bolt's view_submission test
    caplog.set_level(logging.INFO)
    start = len(fake.calls())
    expected: Counter[str] = Counter()
    entries = corpus()
    for n, entry in enumerate(entries):
        body = _fill(
            entry,
            {
                "{{PROMPT_TS}}": prompt_ts,
                "{{SLOT_ID}}": str(slot_id),
                "{{RESPONSE_URL}}": fake.response_url(f"corpus{n}"),
            },
        )
        answer = send(entry, body, None)
        check(entry, body, answer, workspace, services, sqlite_engine, expected, start)
        if entry["kind"] == "event":
            send(entry, body, 1)  # Slack's retry of the same event: no second effect, ...
            if entry["expect"] == "home":  # ... but the Home tab is published again (harmless)
                check(entry, body, None, workspace, services, sqlite_engine, expected, start)
    workspace.settle(0.5)
    made = Counter(call.method for call in _calls_since(fake, start))
    assert made == expected  # nothing else happened, nothing happened twice
    kept = [  # the reply at REPLY_TS was edited, then deleted
        e["text"]
        for e in entries
        if e["expect"] in ("answer_stored", "modal_answer")
        and (e["body"].get("event") or {}).get("ts") != REPLY_TS
    ]
    assert sorted(a.text for a in stored(sqlite_engine)) == sorted(kept)
    problems = [
        r.getMessage()[:160]
        for r in caplog.records
        if r.levelno >= logging.ERROR or "nhandled" in r.getMessage()
    ]
    assert problems == []
