"""The test harness itself: FakeSlack, FakeSocketModeServer and the signing helpers.

Everything here talks to the real slack-sdk WebClient, the real Socket Mode clients and a
real Bolt app over loopback, so a harness that drifts from Slack's behaviour fails here.
"""

from __future__ import annotations

import json
import random
import threading
import time
import urllib.request
from collections.abc import Iterator
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from slack_bolt import Ack, App, BoltRequest, Respond
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import (
    FixedValueRetryIntervalCalculator,
)
from slack_sdk.signature import SignatureVerifier
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse

from tests.fakes import FakeSlack, FakeSocketModeServer
from tests.helpers import payloads, signing

SECRET = "harness-signing-secret"
BOT_TOKEN = "xoxb-harness"
APP_TOKEN = "xapp-1-A0TEST-1-harness"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_channel("C0NOORD", name="wijkteam-noord", is_member=True)
        yield fake


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    """A plain WebClient pointed at the fake, without retry handlers."""
    return WebClient(token=BOT_TOKEN, base_url=fake.base_url, retry_handlers=[])


@pytest.fixture
def no_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    """slack-sdk adds random.random() (up to 1 s) to every Retry-After; make it 0."""
    monkeypatch.setattr(random, "random", lambda: 0.0)


# --- FakeSlack: requests are recorded the way they were sent ------------------------------


def test_json_body_form_body_and_query_are_all_recorded(fake: FakeSlack, client: WebClient) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "Hoe ging het?"}}]
    metadata = {"event_type": "prompt", "event_payload": {"slot_id": 7}}
    posted = client.chat_postMessage(
        channel="C0NOORD", text="Hoe ging het?", blocks=blocks, metadata=metadata
    )
    # form body with JSON strings, as older code and api_call(params=...) send it
    client.api_call(
        "chat.postMessage",
        params={"channel": "C0NOORD", "text": "[geen json]", "blocks": json.dumps(blocks)},
    )
    client.reactions_add(channel="C0NOORD", timestamp=posted["ts"], name="eyes")
    with urllib.request.urlopen(f"{fake.base_url}users.info?user=U0LID&token=xoxb-q") as r:
        assert json.load(r)["user"]["id"] == "U0LID"

    json_call, form_call = fake.calls("chat.postMessage")
    assert json_call.headers["content-type"].startswith("application/json")
    assert json_call.args["blocks"] == blocks
    assert json_call.args["metadata"] == metadata
    assert json_call.token == BOT_TOKEN
    assert form_call.headers["content-type"] == "application/x-www-form-urlencoded"
    assert form_call.args["blocks"] == blocks
    assert form_call.args["text"] == "[geen json]"
    [reaction] = fake.calls("reactions.add")
    assert reaction.args == {"channel": "C0NOORD", "timestamp": posted["ts"], "name": "eyes"}
    [lookup] = fake.calls("users.info")
    assert (lookup.http_method, lookup.token, lookup.args["user"]) == ("GET", "xoxb-q", "U0LID")
    assert [c.method for c in fake.calls()] == [
        "chat.postMessage",
        "chat.postMessage",
        "reactions.add",
        "users.info",
    ]


def test_posted_messages_come_back_from_history_and_replies(
    fake: FakeSlack, client: WebClient
) -> None:
    metadata = {"event_type": "prompt", "event_payload": {"slot_id": 1}}
    first = client.chat_postMessage(channel="C0NOORD", text="een", metadata=metadata)
    second = client.chat_postMessage(channel="C0NOORD", text="twee")
    reply = client.chat_postMessage(channel="C0NOORD", text="antwoord", thread_ts=first["ts"])
    assert float(first["ts"]) < float(second["ts"]) < float(reply["ts"])
    assert first["message"]["metadata"] == metadata
    assert first["message"]["user"] == "UBOT" and first["message"]["bot_id"] == "BBOT"

    history = client.conversations_history(channel="C0NOORD")
    assert [m["text"] for m in history["messages"]] == ["twee", "een"]  # newest first
    assert "metadata" not in history["messages"][1]
    assert history["messages"][1]["reply_count"] == 1
    with_meta = client.conversations_history(channel="C0NOORD", include_all_metadata=True)
    assert with_meta["messages"][1]["metadata"] == metadata
    newer = client.conversations_history(channel="C0NOORD", oldest=first["ts"])
    assert [m["text"] for m in newer["messages"]] == ["twee"]
    limited = client.conversations_history(channel="C0NOORD", limit=1)
    assert limited["has_more"] is True and len(limited["messages"]) == 1

    thread = client.conversations_replies(channel="C0NOORD", ts=first["ts"])
    assert [m["text"] for m in thread["messages"]] == ["een", "antwoord"]

    client.chat_update(channel="C0NOORD", ts=second["ts"], text="twee (bewerkt)")
    client.chat_delete(channel="C0NOORD", ts=first["ts"])
    assert [m["text"] for m in fake.messages("C0NOORD")] == ["twee (bewerkt)", "antwoord"]


def test_slack_style_answers_and_errors(fake: FakeSlack, client: WebClient) -> None:
    auth = client.auth_test()
    assert (auth["team_id"], auth["user_id"], auth["bot_id"]) == ("T0TEST", "UBOT", "BBOT")

    client.reactions_add(channel="C0NOORD", timestamp="1.000100", name="eyes")
    with pytest.raises(SlackApiError) as raised:
        client.reactions_add(channel="C0NOORD", timestamp="1.000100", name="eyes")
    assert raised.value.response["error"] == "already_reacted"

    info = client.conversations_info(channel="C0NOORD")["channel"]
    assert info["name"] == "wijkteam-noord" and info["is_member"] is True
    fake.add_channel("C0ZUID", name="wijkteam-zuid", is_member=False)
    assert client.conversations_info(channel="C0ZUID")["channel"]["is_member"] is False
    with pytest.raises(SlackApiError) as raised:
        client.conversations_info(channel="C0WEG")
    assert raised.value.response["error"] == "channel_not_found"

    dm = client.conversations_open(users="U0LID")["channel"]["id"]
    assert dm.startswith("D") and client.conversations_open(users=["U0LID"])["channel"]["id"] == dm
    assert client.conversations_open(users="U0ANDER")["channel"]["id"] != dm

    view = {
        "type": "modal",
        "callback_id": "antwoord",
        "title": {"type": "plain_text", "text": "x"},
    }
    opened = client.views_open(trigger_id="1.2.abc", view=view)["view"]
    assert opened["id"].startswith("V") and opened["callback_id"] == "antwoord"
    updated = client.views_update(view_id=opened["id"], view={**view, "callback_id": "dank"})
    assert updated["view"]["id"] == opened["id"]
    assert fake.views[opened["id"]]["callback_id"] == "dank"

    assert client.api_call("bookmarks.list")["ok"] is True  # unknown methods are just recorded
    assert fake.calls("bookmarks.list")

    fake.valid_tokens = {BOT_TOKEN}
    stranger = WebClient(token="xoxb-wrong", base_url=fake.base_url, retry_handlers=[])
    with pytest.raises(SlackApiError) as raised:
        stranger.auth_test()
    assert raised.value.response["error"] == "invalid_auth"
    assert client.auth_test()["ok"] is True


def test_files_upload_v2_goes_through_the_upload_url(fake: FakeSlack, client: WebClient) -> None:
    result = client.files_upload_v2(
        channel="C0NOORD", content="week 47: 5 antwoorden", filename="overzicht.txt"
    )
    [upload] = fake.calls("files.getUploadURLExternal")
    file_id = result["file"]["id"]
    assert upload.args["filename"] == "overzicht.txt"
    assert fake.uploads[file_id] == b"week 47: 5 antwoorden"
    [complete] = fake.calls("files.completeUploadExternal")
    assert complete.args["files"][0]["id"] == file_id
    assert complete.args["channel_id"] == "C0NOORD"


def test_wait_for_blocks_until_calls_arrive_and_names_what_it_saw(
    fake: FakeSlack, client: WebClient
) -> None:
    timer = threading.Timer(0.05, lambda: client.chat_postMessage(channel="C0NOORD", text="x"))
    timer.start()
    [call] = fake.wait_for("chat.postMessage", timeout=2)
    assert call.args["text"] == "x"
    with pytest.raises(AssertionError, match=r"reactions\.add.*chat\.postMessage"):
        fake.wait_for("reactions.add", timeout=0.05)
    fake.reset()
    assert fake.calls() == [] and fake.messages("C0NOORD") == []


# --- FakeSlack: programmed faults against slack-sdk's real retry handlers -----------------


def test_a_429_is_retried_by_the_rate_limit_handler(
    fake: FakeSlack, client: WebClient, no_jitter: None
) -> None:
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    fake.rate_limit("chat.postMessage", retry_after=0, times=2)
    response = client.chat_postMessage(channel="C0NOORD", text="na twee weigeringen")
    assert response["ok"] is True
    attempts = fake.calls("chat.postMessage")
    assert [a.fault for a in attempts] == ["ratelimited", "ratelimited", None]
    assert len(fake.messages("C0NOORD")) == 1


def test_the_rate_limit_handler_waits_for_retry_after(
    fake: FakeSlack, client: WebClient, no_jitter: None
) -> None:
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=1))
    fake.rate_limit("conversations.info", retry_after=1)
    started = time.monotonic()
    assert client.conversations_info(channel="C0NOORD")["ok"] is True
    assert time.monotonic() - started >= 1.0
    assert len(fake.calls("conversations.info")) == 2


def test_without_a_handler_the_429_surfaces_with_its_retry_after(
    fake: FakeSlack, client: WebClient
) -> None:
    fake.rate_limit("chat.postMessage", retry_after=7)
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C0NOORD", text="x")
    assert raised.value.response.status_code == 429
    assert raised.value.response["error"] == "ratelimited"
    assert raised.value.response.headers["Retry-After"] == "7"
    assert fake.messages("C0NOORD") == []


def test_server_errors_are_retried_and_plain_errors_are_not(
    fake: FakeSlack, client: WebClient
) -> None:
    client.retry_handlers.append(
        ServerErrorRetryHandler(
            max_retry_count=1, interval_calculator=FixedValueRetryIntervalCalculator(0.0)
        )
    )
    fake.server_error("chat.update", status=503)
    assert client.chat_update(channel="C0NOORD", ts="1.000100", text="y")["ok"] is True
    assert [c.fault for c in fake.calls("chat.update")] == ["server_error", None]

    fake.fail("chat.postMessage", error="not_in_channel", times=1)
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C0NOORD", text="x")
    assert raised.value.response.status_code == 200
    assert raised.value.response["error"] == "not_in_channel"
    assert client.chat_postMessage(channel="C0NOORD", text="x")["ok"] is True  # only once


def test_delay_makes_the_client_time_out(fake: FakeSlack) -> None:
    impatient = WebClient(
        token=BOT_TOKEN,
        base_url=fake.base_url,
        timeout=0.1,  # type: ignore[arg-type]  # annotated int; urllib takes any float
        retry_handlers=[],
    )
    fake.delay("chat.postMessage", 0.25)
    with pytest.raises(TimeoutError):
        impatient.chat_postMessage(channel="C0NOORD", text="te laat")
    fake.wait_for("chat.postMessage")  # Slack did get it, after the delay
    assert [c.fault for c in fake.calls("chat.postMessage")] == ["delay"]


def test_a_dropped_answer_still_takes_effect(fake: FakeSlack, client: WebClient) -> None:
    fake.drop_answer("chat.postMessage")
    with pytest.raises(ConnectionError):  # http.client.RemoteDisconnected
        client.chat_postMessage(channel="C0NOORD", text="gepost, maar geen antwoord")
    assert [m["text"] for m in fake.messages("C0NOORD")] == ["gepost, maar geen antwoord"]
    assert fake.calls("chat.postMessage")[0].fault == "drop"


# --- signed HTTP requests to a real Bolt app ----------------------------------------------


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def bolt(fake: FakeSlack) -> Iterator[tuple[App, str, dict[str, Any]]]:
    """A tiny Bolt app served over HTTP; yields (app, url, what its listeners saw)."""
    seen: dict[str, Any] = {}
    app = App(
        client=WebClient(token=BOT_TOKEN, base_url=fake.base_url, retry_handlers=[]),
        signing_secret=SECRET,
    )

    @app.command("/ping")
    def ping(ack: Ack, respond: Respond, command: dict[str, Any]) -> None:
        ack()
        respond(text=f"pong {command['text']}", response_type="ephemeral")

    @app.action("klik")
    def klik(ack: Ack, action: dict[str, Any], body: dict[str, Any]) -> None:
        ack()
        seen["action"] = (action["value"], body["container"]["message_ts"], body["user"]["id"])

    @app.view("antwoord")
    def antwoord(ack: Ack, view: dict[str, Any]) -> None:
        values = view["state"]["values"]
        ack(response_action="errors", errors={"tekst": values["tekst"]["invoer"]["value"]})
        seen["metadata"] = view["private_metadata"]

    @app.event({"type": "message", "subtype": "message_changed"})
    def changed(event: dict[str, Any]) -> None:
        seen["changed"] = event["message"]["text"]

    @app.event({"type": "message", "subtype": "message_deleted"})
    def deleted(event: dict[str, Any]) -> None:
        seen["deleted"] = event["deleted_ts"]

    @app.message("")
    def message(message: dict[str, Any], req: BoltRequest) -> None:
        seen["message"] = (message.get("thread_ts"), req.headers.get("x-slack-retry-num"))

    server = make_server(
        "127.0.0.1",
        0,
        SlackRequestHandler(app),
        server_class=_ThreadingWSGIServer,
        handler_class=_QuietHandler,
    )
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}/slack/events", seen
    server.shutdown()
    server.server_close()


def _until(condition: Any, timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


def test_sign_matches_slack_sdk_verification() -> None:
    body = "token=x&text=hallo"
    headers = signing.sign(body, SECRET, timestamp=int(time.time()))
    verifier = SignatureVerifier(SECRET)
    assert verifier.is_valid(
        body, headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"]
    )
    assert not SignatureVerifier("other").is_valid(
        body, headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"]
    )


def test_a_signed_slash_command_is_answered_through_response_url(
    fake: FakeSlack, bolt: tuple[App, str, dict[str, Any]]
) -> None:
    _app, url, _seen = bolt
    response_url = fake.response_url("cmd")
    fields = payloads.slash_command(command="/ping", text="hallo", response_url=response_url)
    status, _headers, _body = signing.post_command(url, SECRET, **fields)
    assert status == 200
    [answer] = fake.wait_for("response_url")
    assert response_url.endswith(answer.args["path"])
    assert answer.args["text"] == "pong hallo"
    assert answer.args["response_type"] == "ephemeral"


def test_unsigned_stale_or_wrongly_signed_requests_are_refused(
    bolt: tuple[App, str, dict[str, Any]],
) -> None:
    _app, url, _seen = bolt
    body = "&".join(f"{k}={v}" for k, v in payloads.slash_command(command="/ping").items())
    form = signing.FORM
    assert signing.post_signed(url, body, SECRET, form, signed=False)[0] == 401
    assert signing.post_signed(url, body, "wrong-secret", form)[0] == 401
    stale = int(time.time()) - 10 * 60
    assert signing.post_signed(url, body, SECRET, form, timestamp=stale)[0] == 401


def test_interactions_and_events_reach_their_listeners(
    bolt: tuple[App, str, dict[str, Any]],
) -> None:
    _app, url, seen = bolt
    click = payloads.block_actions("klik", value="42", user_id="U0LID", message_ts="1.000100")
    assert signing.post_interaction(url, SECRET, click)[0] == 200
    _until(lambda: "action" in seen)
    assert seen["action"] == ("42", "1.000100", "U0LID")

    state = {"tekst": {"invoer": {"type": "plain_text_input", "value": "te kort"}}}
    submission = payloads.view_submission("antwoord", state, private_metadata="slot-7")
    status, headers, body = signing.post_interaction(url, SECRET, submission)
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert json.loads(body) == {"response_action": "errors", "errors": {"tekst": "te kort"}}
    assert seen["metadata"] == "slot-7"

    reply = payloads.message_event(text="antwoord", ts="2.000200", thread_ts="1.000100")
    body_ = payloads.event_callback(reply, event_id="Ev0001")
    status, _h, _b = signing.post_event(
        url, SECRET, body_, retry_num=1, retry_reason="http_timeout"
    )
    assert status == 200
    _until(lambda: "message" in seen)
    assert seen["message"] == ("1.000100", ["1"])

    changed = payloads.message_changed_event(text="nieuw", ts="2.000200", thread_ts="1.000100")
    deleted = payloads.message_deleted_event(ts="2.000200", thread_ts="1.000100")
    assert signing.post_event(url, SECRET, payloads.event_callback(changed))[0] == 200
    assert signing.post_event(url, SECRET, payloads.event_callback(deleted))[0] == 200
    _until(lambda: "changed" in seen and "deleted" in seen)
    assert (seen["changed"], seen["deleted"]) == ("nieuw", "2.000200")


# --- Socket Mode ---------------------------------------------------------------------------


@pytest.fixture
def socket_server(fake: FakeSlack) -> Iterator[FakeSocketModeServer]:
    with FakeSocketModeServer() as server:
        fake.attach_socket_mode(server)
        yield server


def test_apps_connections_open_needs_an_attached_server(fake: FakeSlack) -> None:
    web = WebClient(base_url=fake.base_url, retry_handlers=[])
    with pytest.raises(SlackApiError) as raised:
        web.apps_connections_open(app_token=APP_TOKEN)
    assert raised.value.response["error"] == "invalid_auth"


def test_bolt_socket_mode_handler_acks_a_slash_command_with_its_answer(
    fake: FakeSlack, socket_server: FakeSocketModeServer
) -> None:
    seen: dict[str, Any] = {}
    app = App(client=WebClient(token=BOT_TOKEN, base_url=fake.base_url, retry_handlers=[]))

    @app.command("/ping")
    def ping(ack: Ack) -> None:
        ack("pong")

    @app.event("message")
    def message(req: BoltRequest) -> None:
        seen["retry"] = (
            req.headers.get("x-slack-retry-num"),
            req.headers.get("x-slack-retry-reason"),
        )

    handler = SocketModeHandler(app, APP_TOKEN)
    handler.connect()
    try:
        socket_server.wait_connected()
        [opened] = fake.calls("apps.connections.open")
        assert opened.token == APP_TOKEN
        assert socket_server.paths[0].startswith("/link/?ticket=")

        envelope = socket_server.send_slash_command(**payloads.slash_command(command="/ping"))
        ack = socket_server.wait_for_ack(envelope)
        assert ack == {"envelope_id": envelope, "payload": {"text": "pong"}}

        event = payloads.event_callback(payloads.message_event(text="hoi"))
        envelope = socket_server.send_event(event, retry_attempt=2, retry_reason="timeout")
        assert socket_server.wait_for_ack(envelope) == {"envelope_id": envelope}
        _until(lambda: "retry" in seen)
        assert seen["retry"] == (["2"], ["timeout"])

        # Slack's refresh: a `disconnect` message, then a new URL and a new connection
        socket_server.request_reconnect()
        socket_server.wait_connected(total=2)
        assert len(fake.calls("apps.connections.open")) == 2
        envelope = socket_server.send_slash_command(**payloads.slash_command(command="/ping"))
        assert socket_server.wait_for_ack(envelope)["payload"] == {"text": "pong"}
    finally:
        socket_server.close_client(handler.client)


def test_builtin_socket_mode_client_gets_hello_and_interactive_envelopes(
    fake: FakeSlack, socket_server: FakeSocketModeServer
) -> None:
    web = WebClient(base_url=fake.base_url, retry_handlers=[])
    client = SocketModeClient(app_token=APP_TOKEN, web_client=web)
    messages: list[dict[str, Any]] = []

    def on_request(sm: BaseSocketModeClient, req: SocketModeRequest) -> None:
        answer = {"response_action": "clear"} if req.accepts_response_payload else None
        sm.send_socket_mode_response(SocketModeResponse(req.envelope_id, payload=answer))

    client.message_listeners.append(lambda _c, message, _raw: messages.append(message))
    client.socket_mode_request_listeners.append(on_request)
    client.connect()
    try:
        socket_server.wait_connected()
        submission = payloads.view_submission("antwoord", {})
        envelope = socket_server.send_interactive(submission)
        assert socket_server.wait_for_ack(envelope)["payload"] == {"response_action": "clear"}
        click = payloads.block_actions("klik", value="1")
        envelope = socket_server.send_interactive(click)
        assert socket_server.wait_for_ack(envelope) == {"envelope_id": envelope}
        _until(lambda: len(messages) >= 3)
        assert messages[0]["type"] == "hello"
        assert messages[0]["connection_info"] == {"app_id": "A0TEST"}
        assert [m["type"] for m in messages[1:]] == ["interactive", "interactive"]
        assert [m["accepts_response_payload"] for m in messages[1:]] == [True, False]
    finally:
        socket_server.close_client(client)
