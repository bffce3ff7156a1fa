"""Socket Mode with the app's own client (bot/socket_mode.py) against the fake Socket Mode server:
large envelopes, a server that closes or loses the connection, Slack's refresh, and envelopes of
the wrong shape (refused before Bolt, as over HTTP)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
from slack_bolt import App

from bot.server import create_socket_mode_handler
from bot.socket_mode import SocketModeHandler
from tests.conftest import SIGNING_SECRET, Workspace
from tests.fakes.slack_api import FakeSlack
from tests.fakes.socket_mode import FakeSocketModeServer
from tests.helpers import payloads, signing

APP_TOKEN = "xapp-1-A0TEST-1-sockettest"
RECONNECT_SECONDS = 5.0  # the builtin client needed 10 s after a close and 30+ s after a cut


@pytest.fixture
def socket(
    bolt_app: App, fake_slack: FakeSlack
) -> Iterator[tuple[FakeSocketModeServer, SocketModeHandler]]:
    """The app connected over Socket Mode; large frames arrive in network-sized segments."""
    with FakeSocketModeServer(segment_bytes=1448) as server:
        fake_slack.attach_socket_mode(server)
        handler = create_socket_mode_handler(bolt_app, APP_TOKEN)
        assert isinstance(handler, SocketModeHandler)
        handler.connect()
        try:
            server.wait_connected()
            yield server, handler
        finally:
            server.close_client(handler.client)


def errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage()[:200] for r in caplog.records if r.levelno >= logging.ERROR]


def help_works(server: FakeSocketModeServer, fake: FakeSlack) -> None:
    """A slash command over the current connection is acked and answered."""
    before = len(fake.calls("response_url"))
    url = fake.response_url("socket")
    fields = payloads.slash_command(command="/wijkteam", text="help", response_url=url)
    server.wait_for_ack(server.send_slash_command(**fields), timeout=RECONNECT_SECONDS)
    [*_, answer] = fake.wait_for("response_url", count=before + 1)
    assert answer.args["text"]


def test_a_700_kb_envelope_and_the_next_one_are_acknowledged(
    socket: tuple[FakeSocketModeServer, SocketModeHandler],
    fake_slack: FakeSlack,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server, _handler = socket
    caplog.set_level(logging.INFO)
    big = payloads.large_select_in_modal("oude_keuze", size_bytes=700_000)
    envelope = server.send_interactive(big)
    assert server.wait_for_ack(envelope, timeout=10) == {"envelope_id": envelope}
    fake_slack.wait_for("views.push")  # the old menu got its polite answer too
    help_works(server, fake_slack)
    assert errors(caplog) == []


@pytest.mark.parametrize("how", ["close frame", "cut"])
def test_a_connection_the_server_drops_is_opened_again_at_once(
    how: str,
    socket: tuple[FakeSocketModeServer, SocketModeHandler],
    fake_slack: FakeSlack,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server, handler = socket
    caplog.set_level(logging.INFO)
    help_works(server, fake_slack)
    assert len(fake_slack.calls("apps.connections.open")) == 1  # one URL for one connection
    server.disconnect_all() if how == "close frame" else server.drop_all()
    server.wait_connected(timeout=RECONNECT_SECONDS, total=2)
    assert len(fake_slack.calls("apps.connections.open")) == 2  # a fresh URL, as Slack wants
    help_works(server, fake_slack)
    assert handler.client.is_connected()
    assert errors(caplog) == []  # a lost connection that comes back is a warning
    assert any("onnection" in r.getMessage() for r in caplog.records if r.levelno == 30)


def test_slacks_refresh_request_moves_to_one_new_connection(
    socket: tuple[FakeSocketModeServer, SocketModeHandler],
    fake_slack: FakeSlack,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server, _handler = socket
    caplog.set_level(logging.INFO)
    server.request_reconnect("refresh_requested")
    server.wait_connected(timeout=RECONNECT_SECONDS, total=2)
    help_works(server, fake_slack)
    time.sleep(1.0)  # a second reconnect for the same request would show by now
    assert (server.connection_count, server.active_connections) == (2, 1)
    assert errors(caplog) == []


def _block_actions_without_action_id() -> dict[str, Any]:
    click = payloads.block_actions("x")
    del click["actions"][0]["action_id"]
    return click


def _event_with_a_text_event() -> dict[str, Any]:
    body = payloads.event_callback(payloads.message_event(text="hoi"))
    body["event"] = "hoi"
    return body


def test_envelopes_of_the_wrong_shape_are_refused_before_bolt_as_over_http(
    socket: tuple[FakeSocketModeServer, SocketModeHandler],
    fake_slack: FakeSlack,
    workspace: Workspace,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server, _handler = socket
    caplog.set_level(logging.INFO)
    click = _block_actions_without_action_id()
    event = _event_with_a_text_event()
    # over HTTP: 400
    assert signing.post_interaction(workspace.url, SIGNING_SECRET, click)[0] == 400
    assert signing.post_event(workspace.url, SIGNING_SECRET, event)[0] == 400
    # over Socket Mode: acked (so Slack does not send it again) and dropped
    sent = [
        server.send_interactive(click),
        server.send_event(event),
        server.send_envelope("slash_commands", {"command": "/casus", "text": 12}, True),
        server.send_envelope("interactive", "not an object", False),  # type: ignore[arg-type]
    ]
    for envelope in sent:
        assert server.wait_for_ack(envelope) == {"envelope_id": envelope}
    refused = [r for r in caplog.records if "not shaped like Slack's" in r.getMessage()]
    assert len(refused) == 2 + len(sent)
    time.sleep(0.3)
    assert [c.method for c in fake_slack.calls() if c.method not in ("auth.test",)] == [
        "apps.connections.open"
    ]
    help_works(server, fake_slack)
    assert errors(caplog) == []
