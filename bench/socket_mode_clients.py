"""Which Socket Mode client survives what Slack does? Every client Bolt supports, case by case.

Run from the repository root::

    .venv/bin/python -m bench.socket_mode_clients [--only builtin,websocket_client,...]

Each client is Bolt's own handler for a sync App (slack_bolt.adapter.socket_mode.*), connected
through the fake Web API (apps.connections.open) to the fake Socket Mode server of the tests
(tests/fakes/socket_mode.py), which writes large messages in 1448-byte TCP segments as they
arrive over a network. Every case starts a fresh server and client:

* small     a slash command envelope: acked with its answer (the baseline);
* large     a ~700 KB block_actions envelope (the large-envelope shape of python-slack-sdk's
            mock_socket_mode_server.py, grown), then a small one: both acked;
* huge      the same at ~1.2 MB;
* close     the server closes the connection (close frame 1001): the client connects anew
            and the next envelope is acked;
* cut       the server cuts the TCP connection without a close frame: the same;
* refresh   Slack's `{"type": "disconnect", "reason": "refresh_requested"}`: the client
            connects anew (once), the old connection goes away, the next envelope is acked;
* burst     10 slash commands at once whose listener takes 0.3 s before its ack: all acked
            within BURST_SECONDS (Slack gives 3 s; a client that runs one envelope at a time
            needs 10 x 0.3 s).

`reflectiebot` is the app's own choice (bot/socket_mode.py: the websocket-client handler with the
shape check and connection losses logged as warnings).

A case passes when every envelope got its ack within CASE_SECONDS. The table also shows the
seconds until the ack after a reconnect, how many connections were opened (a client that opens
two for one disconnect doubles Slack's deliveries), and the ERROR log records the SDK wrote.
The async clients (aiohttp, websockets) run in an event loop thread with an AsyncWebClient,
as Bolt's sync-App handlers for them require. aiohttp is not a dependency of the project:
`.venv/bin/pip install aiohttp` first to measure it (without it its row reads
ModuleNotFoundError).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from tests.fakes.slack_api import FakeSlack
from tests.fakes.socket_mode import FakeSocketModeServer
from tests.helpers import payloads

BOT_TOKEN = "xoxb-bench-socket-mode"
APP_TOKEN = "xapp-1-A0TEST-1-bench"
CASE_SECONDS = 30.0
CASES = ("small", "large", "huge", "close", "cut", "refresh", "burst")
BURST = 10
BURST_SECONDS = 1.5
LARGE_BYTES = {"large": 700_000, "huge": 1_200_000}
SEGMENT_BYTES = 1448


class _ErrorRecords(logging.Handler):
    """Collects ERROR (and worse) records, and every mention of a RecursionError."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.levelno >= logging.ERROR or "RecursionError" in text or "recursion" in text:
            self.errors.append(f"{record.levelname} {record.name}: {text[:120]}")


def _bolt_app(fake: FakeSlack) -> App:
    app = App(
        client=WebClient(token=BOT_TOKEN, base_url=fake.base_url),
        token_verification_enabled=False,
        logger=logging.getLogger("bench.bolt"),
    )

    @app.command("/ping")
    def ping(ack: Ack) -> None:
        ack("pong")

    @app.action("groot")
    def large(ack: Ack) -> None:
        ack()

    @app.command("/traag")
    def slow(ack: Ack) -> None:
        time.sleep(0.3)
        ack("klaar")

    return app


class Runner:
    """One Bolt Socket Mode handler, started and stopped the same way for every client."""

    def __init__(self, name: str, app: App, fake: FakeSlack) -> None:
        self.name = name
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread: threading.Thread | None = None
        if name == "reflectiebot":
            from bot.socket_mode import SocketModeHandler as ReflectiebotHandler

            self.handler: Any = ReflectiebotHandler(app, APP_TOKEN)
        elif name.startswith("builtin"):
            from slack_bolt.adapter.socket_mode.builtin import SocketModeHandler

            size = 1024 if name == "builtin" else 64 * 1024
            self.handler = SocketModeHandler(app, APP_TOKEN, receive_buffer_size=size)
        elif name == "websocket_client":
            from slack_bolt.adapter.socket_mode.websocket_client import (
                SocketModeHandler as WebSocketClientHandler,
            )

            self.handler = WebSocketClientHandler(app, APP_TOKEN)
        else:
            self.loop = asyncio.new_event_loop()
            self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
            self.thread.start()
            self.handler = self._in_loop(self._async_handler, name, app, fake)

    @staticmethod
    def _async_handler(name: str, app: App, fake: FakeSlack) -> Any:
        from slack_sdk.web.async_client import AsyncWebClient

        web = AsyncWebClient(token=BOT_TOKEN, base_url=fake.base_url)
        if name == "aiohttp":
            from slack_bolt.adapter.socket_mode.aiohttp import SocketModeHandler as AioHandler

            return AioHandler(app, APP_TOKEN, web_client=web)
        from slack_bolt.adapter.socket_mode.websockets import SocketModeHandler as WsHandler

        return WsHandler(app, APP_TOKEN, web_client=web)

    def _in_loop(self, function: Callable[..., Any], *args: Any) -> Any:
        assert self.loop is not None

        async def call() -> Any:
            result = function(*args)
            return await result if asyncio.iscoroutine(result) else result

        return asyncio.run_coroutine_threadsafe(call(), self.loop).result(timeout=10)

    def connect(self) -> None:
        if self.loop is None:
            self.handler.connect()
        else:
            self._in_loop(self.handler.connect_async)

    def close(self, server: FakeSocketModeServer) -> None:
        try:
            if self.name.startswith("builtin"):
                server.close_client(self.handler.client)
            elif self.loop is None:
                self.handler.close()
            else:
                self._in_loop(self.handler.close_async)
        except Exception as error:  # a client that cannot close is a finding, not a crash
            print(f"  ({self.name}: close failed: {type(error).__name__}: {error})")
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self.loop.stop)
            assert self.thread is not None
            self.thread.join(timeout=5)


@dataclass
class Outcome:
    """What one client did in one case."""

    ok: bool = False
    seconds: float = 0.0
    connections: int = 0
    errors: list[str] = field(default_factory=list)
    note: str = ""


def _ping(server: FakeSocketModeServer, timeout: float) -> float:
    """Send a slash command; seconds until its ack (raises AssertionError when none came)."""
    started = time.monotonic()
    envelope = server.send_slash_command(**payloads.slash_command(command="/ping"))
    ack = server.wait_for_ack(envelope, timeout=timeout)
    assert ack.get("payload") == {"text": "pong"}, ack
    return time.monotonic() - started


def _after_reconnect(server: FakeSocketModeServer, before: int) -> float:
    """Seconds until a new connection is up and an envelope sent on it is acked."""
    started = time.monotonic()
    server.wait_connected(timeout=CASE_SECONDS, total=before + 1)
    _ping(server, CASE_SECONDS)
    return time.monotonic() - started


def run_case(name: str, case: str) -> Outcome:
    """Run one case for one client on a fresh fake Slack and Socket Mode server."""
    records = _ErrorRecords()
    logging.getLogger().addHandler(records)
    outcome = Outcome()
    with FakeSlack() as fake, FakeSocketModeServer(segment_bytes=SEGMENT_BYTES) as server:
        fake.attach_socket_mode(server)
        runner = Runner(name, _bolt_app(fake), fake)
        try:
            runner.connect()
            server.wait_connected(timeout=10)
            if case == "small":
                outcome.seconds = _ping(server, CASE_SECONDS)
            elif case in LARGE_BYTES:
                started = time.monotonic()
                big = server.send_interactive(
                    payloads.large_select_in_modal("groot", LARGE_BYTES[case])
                )
                try:
                    server.wait_for_ack(big, timeout=CASE_SECONDS)
                except AssertionError:
                    outcome.note = "large envelope not acked"
                    raise
                try:
                    _ping(server, CASE_SECONDS)
                except AssertionError:
                    outcome.note = "next envelope not acked"
                    raise
                outcome.seconds = time.monotonic() - started
            elif case in ("close", "cut"):
                _ping(server, CASE_SECONDS)
                before = server.connection_count
                server.disconnect_all() if case == "close" else server.drop_all()
                outcome.seconds = _after_reconnect(server, before)
            elif case == "refresh":
                _ping(server, CASE_SECONDS)
                before = server.connection_count
                server.request_reconnect(reason="refresh_requested")
                outcome.seconds = _after_reconnect(server, before)
                time.sleep(1.0)  # let a doubled reconnect show itself
                if server.active_connections != 1:
                    outcome.note = f"{server.active_connections} connections open afterwards"
            elif case == "burst":
                started = time.monotonic()
                sent = [
                    server.send_slash_command(**payloads.slash_command(command="/traag"))
                    for _ in range(BURST)
                ]
                for envelope in sent:
                    server.wait_for_ack(envelope, timeout=CASE_SECONDS)
                outcome.seconds = time.monotonic() - started
                if outcome.seconds > BURST_SECONDS:
                    outcome.note = f"all acked only after {outcome.seconds:.1f} s"
            outcome.ok = not outcome.note
        except AssertionError as error:
            outcome.note = outcome.note or str(error).split(";")[0][:60]
        except Exception as error:
            outcome.note = f"{type(error).__name__}: {str(error)[:50]}"
        finally:
            outcome.connections = server.connection_count
            runner.close(server)
    logging.getLogger().removeHandler(records)
    outcome.errors = records.errors
    return outcome


def main(argv: list[str] | None = None) -> int:
    """Print a client x case table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only",
        default="builtin,builtin_64k,websocket_client,aiohttp,websockets,reflectiebot",
        help="comma-separated clients",
    )
    parser.add_argument("--cases", default=",".join(CASES))
    args = parser.parse_args(argv)
    logging.getLogger().addHandler(logging.NullHandler())  # quiet; records are counted
    logging.getLogger().setLevel(logging.INFO)
    for logger in ("urllib3", "asyncio", "websockets"):
        logging.getLogger(logger).setLevel(logging.WARNING)
    print(f"{'client':18} {'case':8} {'result':6} {'seconds':>7} {'conns':>5} {'errors':>6}  note")
    for name in args.only.split(","):
        for case in args.cases.split(","):
            outcome = run_case(name, case)
            print(
                f"{name:18} {case:8} {'ok' if outcome.ok else 'FAIL':6} {outcome.seconds:7.2f} "
                f"{outcome.connections:5d} {len(outcome.errors):6d}  {outcome.note}",
                flush=True,
            )
            for error in outcome.errors[:2]:
                print(f"{'':35}{error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
