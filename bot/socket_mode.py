"""Socket Mode: which WebSocket client, and the shape check every envelope passes before Bolt.

The client is slack-sdk's websocket-client one (Bolt's slack_bolt.adapter.socket_mode
.websocket_client), chosen by measurement against the fake Socket Mode server
(`python -m bench.socket_mode_clients`, numbers in docs/benchmarks.md): slack-sdk's builtin
client parses a frame recursively, about one call per KB, so an envelope of ~1 MB (less when it
arrives in small pieces) ends in a RecursionError and is never acknowledged; after the server
closes the connection it waits for its 10 s monitor, and after a cut connection it did not come
back within 30 s. The websocket-client one acked every size, reconnected within a second after a
close, a cut and Slack's `disconnect` messages, and opened exactly one new connection each time.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
from time import monotonic, time
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode.base_handler import BaseSocketModeHandler
from slack_bolt.adapter.socket_mode.internals import run_bolt_app, send_response
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.socket_mode.websocket_client import SocketModeClient
from websocket import WebSocketApp

from bot.envelope import socket_mode_problem
from bot.lifecycle import InFlight
from bot.logs import SOCKET_MODE_CLIENT_LOGGER

log = logging.getLogger(__name__)

PING_SECONDS = 10
# A ping unanswered this long means a dead connection (then it reconnects). A working connection
# answers in well under a second, also behind a 700 KB frame.
PONG_SECONDS = 3
# The client's own log (connects, reconnects, its errors); app.logger stays Bolt's.
CLIENT_LOGGER = SOCKET_MODE_CLIENT_LOGGER
# websocket-client reports a connection the server closed or lost, then we reconnect at once:
# that is worth a warning, not an error.
_CONNECTION_LOST = ("WebSocketConnectionClosedException", "Connection to remote host was lost")


class _ConnectionLossIsAWarning(logging.Filter):
    """Log a lost connection (which is reconnected within a second) at WARNING, not ERROR."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            message = record.getMessage()
            if any(sign in message for sign in _CONNECTION_LOST) or "Connection closed" in message:
                record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def _quiet_connection_loss() -> logging.Logger:
    """The client's logger, with the filter also on websocket-client's own logger."""
    for name in (CLIENT_LOGGER, "websocket"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _ConnectionLossIsAWarning) for f in logger.filters):
            logger.addFilter(_ConnectionLossIsAWarning())
    return logging.getLogger(CLIENT_LOGGER)


def _shut_down(session: WebSocketApp) -> None:
    """Shut a connection's socket down, which wakes the thread waiting to read from it."""
    raw = getattr(session.sock, "sock", None)
    if raw is not None:
        with contextlib.suppress(OSError):  # already closed
            raw.shutdown(socket.SHUT_RDWR)


class ShapeCheckedClient(SocketModeClient):
    """slack-sdk's websocket-client Socket Mode client; envelopes of the wrong shape are acked
    (so Slack does not send them again) and dropped before any listener sees them."""

    _connected_at = 0.0

    def connect(self) -> None:
        """Connect, and note when (see _monitor_current_session).

        slack-sdk closes the old connection here and starts the new one in the same receiving
        thread once the old one's loop has ended; that loop only notices the close when its
        wait for data times out (PONG_SECONDS). Shutting the old socket down wakes it at once.
        """
        self._connected_at = monotonic()
        old = self.current_session
        if old is not None:
            close = old.close

            def close_at_once(**kwargs: Any) -> None:
                _shut_down(old)
                close(**kwargs)

            old.close = close_at_once  # type: ignore[method-assign]
        super().connect()

    def close(self) -> None:
        """Close for good, without waiting for the receiving loop's timeout."""
        self.closed = True
        self.auto_reconnect_enabled = False
        self.current_session_runner.event.set()  # no new round of the receiving loop
        if self.current_session is not None:
            self.current_session.keep_running = False
            _shut_down(self.current_session)
        super().close()

    def _run_current_session(self) -> None:
        """slack-sdk's receive loop, with a pong deadline (PONG_SECONDS)."""
        session = self.current_session
        if session is None:
            return
        try:
            self.logger.info("Starting to receive messages from a new connection")
            session.run_forever(
                ping_interval=self.ping_interval,
                ping_timeout=PONG_SECONDS,
                http_proxy_host=self.http_proxy_host,
                http_proxy_port=self.http_proxy_port,
                http_proxy_auth=self.http_proxy_auth,
                proxy_type=self.proxy_type,
            )
            self.logger.info("Stopped receiving messages from a connection")
        except Exception as error:
            self.logger.warning("the Socket Mode connection failed: %s", type(error).__name__)
            session.close()  # the monitor sees it closed and connects anew

    def _monitor_current_session(self) -> None:
        """slack-sdk's check, but not in the first seconds of a connection.

        Its first check runs right after connect(), before the receiving thread has opened the
        socket, and took that for a lost connection: a second apps.connections.open (a Tier 1
        method) for every connect.
        """
        if monotonic() - self._connected_at >= self.ping_interval:
            super()._monitor_current_session()  # type: ignore[no-untyped-call]

    def run_message_listeners(self, message: dict[str, Any], raw_message: str) -> None:
        """Check an envelope's shape, then hand it on as slack-sdk would."""
        if "envelope_id" in message or "payload" in message:
            problem = socket_mode_problem(message)
            if problem:
                log.info("refused a Socket Mode envelope not shaped like Slack's (%s)", problem)
                envelope_id = message.get("envelope_id")
                if isinstance(envelope_id, str):
                    self.send_socket_mode_response(SocketModeResponse(envelope_id=envelope_id))
                return
        super().run_message_listeners(message, raw_message)


class SocketModeHandler(BaseSocketModeHandler):
    """Bolt's Socket Mode handler on the shape-checked websocket-client client."""

    app: App
    client: ShapeCheckedClient

    def __init__(self, app: App, app_token: str | None = None, **kwargs: Any) -> None:
        self.app = app
        self.app_token = app_token or os.environ["SLACK_APP_TOKEN"]
        kwargs.setdefault("logger", _quiet_connection_loss())
        kwargs.setdefault("ping_interval", PING_SECONDS)
        self.client = ShapeCheckedClient(app_token=self.app_token, web_client=app.client, **kwargs)
        self.client.socket_mode_request_listeners.append(self.handle)
        self.stopping = False  # set on SIGTERM: new envelopes are left for Slack to redeliver
        self.in_flight = InFlight()

    def handle(self, client: BaseSocketModeClient, req: SocketModeRequest) -> None:
        """Run the envelope through Bolt and send Bolt's answer as the ack (as Bolt does)."""
        if self.stopping:
            log.info("stopping: left a %s envelope unacknowledged for Slack to redeliver", req.type)
            return
        with self.in_flight.track():
            start = time()
            send_response(client, req, run_bolt_app(self.app, req), start)
