"""The HTTP server takes at most about 1 MiB of body (the app never sees more), and listens
where HOST says: by default only on the loopback address, for a reverse proxy in front."""

from __future__ import annotations

import contextlib
import http.client
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_bolt import App

from bot.runner import HttpListener
from bot.server import build_wsgi_app, create_http_server
from tests.bot.test_cli import env_for
from tests.conftest import SIGNING_SECRET
from tests.fakes.slack_api import FakeSlack
from tests.helpers import service
from tests.helpers.signing import sign

MIB = 1024 * 1024


class Counted:
    """The app's WSGI callable, counting the requests that reach it."""

    def __init__(self, app: App) -> None:
        self.wsgi = build_wsgi_app(app)
        self.seen = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.seen += 1
        return self.wsgi(environ, start_response)


@pytest.fixture
def counted(bolt_app: App) -> Iterator[tuple[Counted, int]]:
    app = Counted(bolt_app)
    listener = HttpListener(create_http_server(app, host="127.0.0.1", port=0))
    listener.start()
    yield app, listener.port
    listener.stop(time.monotonic() + 5)


HUNG_UP = 0  # the server closed the connection before the client could read an answer


def post(port: int, body: bytes) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body, SIGNING_SECRET)}
    try:
        # The server may answer and hang up while the body is still being sent.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            connection.request("POST", "/slack/events", body=body, headers=headers)
        return connection.getresponse().status  # its answer, if it arrived before the hang-up
    except (BrokenPipeError, ConnectionResetError, http.client.HTTPException):
        return HUNG_UP
    finally:
        connection.close()


def command_of(size: int) -> bytes:
    fields = {"command": "/knelpunt", "text": "x", "user_id": "U0LID", "team_id": "T0TEST"}
    body = urlencode(fields).encode()
    return body + b"&pad=" + b"a" * (size - len(body) - 5)


def test_a_2_mib_body_is_refused_by_the_server_before_the_app_sees_it(
    counted: tuple[Counted, int],
) -> None:
    app, port = counted
    status = post(port, command_of(2 * MIB))
    # 413, or (on a loaded machine, when the server hangs up before the client reads) no answer.
    assert status in (413, HUNG_UP)
    assert app.seen == 0
    # A body under the cap does reach the app (which has its own, smaller check).
    post(port, command_of(MIB - 4096))
    assert app.seen == 1


def test_the_default_bind_address_is_loopback_only_and_host_moves_it(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    port = service.free_port()
    env = {**env_for(fake_slack, tmp_path), "PORT": str(port)}
    process = service.start(tmp_path, env)
    try:
        service.wait_for_planner(port, "held", process)
        assert service.health(port, "127.0.0.2") is None  # 0.0.0.0 would answer here
    finally:
        service.kill_all(process)
    other = service.start(tmp_path, {**env, "HOST": "127.0.0.2"})
    try:
        answer = None
        for _ in range(600):
            answer = service.health(port, "127.0.0.2")
            if answer is not None or other.poll() is not None:
                break
            threading.Event().wait(0.1)
        assert answer is not None
        assert service.health(port, "127.0.0.1") is None
    finally:
        service.kill_all(other)
