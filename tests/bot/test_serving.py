"""How Slack reaches the app: signed HTTP behind waitress, and Socket Mode."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterator

import pytest
from slack_bolt import App

from bot.server import create_socket_mode_handler
from tests.conftest import SIGNING_SECRET, Workspace
from tests.fakes.slack_api import FakeSlack
from tests.fakes.socket_mode import FakeSocketModeServer
from tests.helpers import payloads, signing


def test_unsigned_request_is_refused_with_401(app_url: str) -> None:
    fields = payloads.slash_command(command="/wijkteam", text="status")
    body = "&".join(f"{k}={v}" for k, v in fields.items())
    status, _headers, _text = signing.post_signed(
        app_url, body, SIGNING_SECRET, "application/x-www-form-urlencoded", signed=False
    )
    assert status == 401


def test_request_signed_with_another_secret_is_refused(app_url: str) -> None:
    fields = payloads.slash_command(command="/wijkteam", text="status")
    status, _headers, _text = signing.post_command(app_url, "not-the-secret", **fields)
    assert status == 401


def test_stale_request_older_than_five_minutes_is_refused(app_url: str) -> None:
    fields = payloads.slash_command(command="/wijkteam", text="status")
    body = "&".join(f"{k}={v}" for k, v in fields.items())
    stale = int(time.time()) - 6 * 60
    status, _headers, _text = signing.post_signed(
        app_url, body, SIGNING_SECRET, "application/x-www-form-urlencoded", timestamp=stale
    )
    assert status == 401


def test_every_manifest_command_is_registered_and_an_unknown_one_is_answered(
    workspace: Workspace, bolt_app: App
) -> None:
    from bot import listeners

    names = [command.name for feature in listeners.features() for command in feature.commands]
    for name in names:
        reply = workspace.command(name, "help")
        assert reply["text"], name
        assert "kent" not in reply["text"], name  # its own listener answered, not the fallback
    fields = payloads.slash_command(command="/onbekend", text="")
    status, _headers, body = signing.post_command(workspace.url, SIGNING_SECRET, **fields)
    assert status == 200  # not Bolt's 404, which Slack shows as an error
    answer = json.loads(body)
    assert answer["response_type"] == "ephemeral"
    assert "kent `/onbekend` niet" in answer["text"]
    assert all(name in answer["text"] for name in names)


def test_healthz_answers_for_monitoring(app_url: str) -> None:
    health = app_url.replace("/slack/events", "/healthz")
    with urllib.request.urlopen(health, timeout=5) as response:
        assert response.status == 200
        assert response.read() == b"ok\n"


@pytest.fixture
def socket_server(fake_slack: FakeSlack) -> Iterator[FakeSocketModeServer]:
    with FakeSocketModeServer() as server:
        fake_slack.attach_socket_mode(server)
        yield server


def test_slash_command_over_socket_mode_reaches_the_same_listener(
    bolt_app: App, fake_slack: FakeSlack, socket_server: FakeSocketModeServer
) -> None:
    handler = create_socket_mode_handler(bolt_app, "xapp-1-A0TEST-1-testtoken")
    handler.connect()
    try:
        socket_server.wait_connected()
        assert fake_slack.calls("apps.connections.open")  # through SLACK_API_URL
        response_url = fake_slack.response_url("socket")
        envelope = socket_server.send_slash_command(
            **payloads.slash_command(
                command="/wijkteam", text="koppel Wijkteam Noord", response_url=response_url
            )
        )
        socket_server.wait_for_ack(envelope)
        [answer] = fake_slack.wait_for("response_url")
        assert "Wijkteam Noord" in answer.args["text"]
        assert "eerste teamleider" in answer.args["text"]
    finally:
        socket_server.close_client(handler.client)
