"""Slack's side of Socket Mode on loopback: hello, envelopes, and the client's acks."""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from slack_sdk.socket_mode.builtin import SocketModeClient as BuiltinSocketModeClient
from slack_sdk.socket_mode.client import BaseSocketModeClient
from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

JSONDict = dict[str, Any]

# Interactive payload types for which Slack lets the ack carry a response payload.
_RESPONSE_PAYLOAD_TYPES = frozenset({"view_submission", "block_suggestion", "dialog_suggestion"})


class _Segmented:
    """A socket whose sendall() writes in network-sized segments, as data crosses the internet.

    On loopback a large frame otherwise arrives in as few reads as the reader asks for; from
    Slack it arrives in TCP segments of about 1.4 KB, and a reader that is faster than the
    network gets them a few at a time.
    """

    def __init__(self, sock: socket.socket, segment_bytes: int) -> None:
        self._sock = sock
        self._segment = segment_bytes
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def sendall(self, data: bytes) -> None:
        view = memoryview(data)
        for start in range(0, len(view), self._segment):
            self._sock.sendall(view[start : start + self._segment])
            if len(view) > self._segment:
                time.sleep(0.001)  # let the reader see the segment on its own

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class FakeSocketModeServer:
    """A WebSocket server on 127.0.0.1 that speaks Slack's Socket Mode protocol.

    With `segment_bytes`, large messages are written in segments of that size (see _Segmented).
    """

    def __init__(self, app_id: str = "A0TEST", segment_bytes: int | None = None) -> None:
        self.app_id = app_id
        self.segment_bytes = segment_bytes
        self._cond = threading.Condition()
        self._active: list[ServerConnection] = []
        self._paths: list[str] = []
        self._acks: dict[str, JSONDict] = {}
        self._received: list[JSONDict] = []
        self._sent: list[JSONDict] = []
        self._retiring: list[ServerConnection] = []
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeSocketModeServer:
        """Listen on a free loopback port, serving in a daemon thread."""
        if self._server is not None:
            return self
        self._server = serve(
            self._handle,
            "127.0.0.1",
            0,
            compression=None,
            ping_interval=None,
            close_timeout=1,
            max_size=None,
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="FakeSocketMode", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close every connection and stop listening."""
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeSocketModeServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The TCP port of the server."""
        if self._server is None:
            raise RuntimeError("FakeSocketModeServer is not started")
        return int(self._server.socket.getsockname()[1])

    def issue_url(self) -> str:
        """A fresh connection URL, as apps.connections.open returns it."""
        return f"ws://127.0.0.1:{self.port}/link/?ticket={uuid.uuid4()}&app_id={self.app_id}"

    # --- connections -----------------------------------------------------------------------

    def _handle(self, connection: ServerConnection) -> None:
        path = connection.request.path if connection.request is not None else ""
        if self.segment_bytes:
            connection.socket = _Segmented(connection.socket, self.segment_bytes)  # type: ignore[assignment]
        hello = {
            "type": "hello",
            "num_connections": 1,
            "debug_info": {
                "host": "applink-fake",
                "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
                "build_number": 1,
                "approximate_connection_time": 18060,
            },
            "connection_info": {"app_id": self.app_id},
        }
        connection.send(json.dumps(hello))
        with self._cond:
            self._active.append(connection)
            self._paths.append(path)
            retiring, self._retiring = self._retiring, []
            self._cond.notify_all()
        for old in retiring:
            # As Slack does: once the client has reconnected, the old connection goes away.
            threading.Thread(target=self._retire, args=(old,), daemon=True).start()
        try:
            for raw in connection:
                text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                try:
                    message = json.loads(text)
                except ValueError:
                    message = {"raw": text}
                if not isinstance(message, dict):
                    message = {"raw": message}
                with self._cond:
                    self._received.append(message)
                    envelope_id = message.get("envelope_id")
                    if isinstance(envelope_id, str):
                        self._acks[envelope_id] = message
                    self._cond.notify_all()
        except ConnectionClosed:
            pass
        finally:
            with self._cond:
                if connection in self._active:
                    self._active.remove(connection)
                self._cond.notify_all()

    def _retire(self, connection: ServerConnection, timeout: float = 5.0) -> None:
        """Let the client close an old connection itself, then close what is left.

        slack-sdk's builtin client closes its old connection after connecting anew, but that
        waits for its receive loop (3 s socket timeout); pings wake the loop. A close frame
        instead would race with the client's own close (a slack-sdk TOCTOU on `sock`).
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._cond:
                if connection not in self._active:
                    return
            try:
                connection.ping()
            except ConnectionClosed:
                return
            time.sleep(0.05)
        connection.close(code=1001, reason="refresh")

    @property
    def connection_count(self) -> int:
        """How many connections were opened so far (reconnects included)."""
        with self._cond:
            return len(self._paths)

    @property
    def active_connections(self) -> int:
        """How many connections are open now."""
        with self._cond:
            return len(self._active)

    @property
    def paths(self) -> list[str]:
        """The request paths (with ticket) of every connection so far."""
        with self._cond:
            return list(self._paths)

    def wait_connected(self, timeout: float = 5.0, total: int = 1) -> None:
        """Wait until a client is connected and `total` connections were made in all."""
        with self._cond:
            if not self._cond.wait_for(
                lambda: bool(self._active) and len(self._paths) >= total, timeout
            ):
                raise AssertionError(
                    f"no Socket Mode client connected within {timeout}s "
                    f"(connections so far: {len(self._paths)}, open: {len(self._active)})"
                )

    def close_client(self, client: BaseSocketModeClient) -> None:
        """Close a slack-sdk Socket Mode client without waiting out its socket timeouts.

        The builtin client is closed from the server's side first (closing it concurrently
        with its receive loop races inside slack-sdk); the others close themselves.
        """
        if not isinstance(client, BuiltinSocketModeClient):
            client.close()
            return
        client.auto_reconnect_enabled = False
        client.closed = True
        client.message_queue.put("")  # wakes its message processor, which then sees `closed`
        self.disconnect_all()  # its receive loop wakes on the close frame and disconnects
        deadline = time.monotonic() + 5.0
        while client.is_connected() and time.monotonic() < deadline:
            time.sleep(0.01)
        client.close()

    def disconnect_all(self) -> None:
        """Close every open connection with a WebSocket close frame (1001 going away)."""
        with self._cond:
            connections = list(self._active)
        for connection in connections:
            connection.close(code=1001, reason="going away")

    def drop_all(self) -> None:
        """Cut every open connection without a close frame, as a lost network or a crash does."""
        with self._cond:
            connections = list(self._active)
        for connection in connections:
            connection.close_socket()

    def request_reconnect(self, reason: str = "refresh_requested") -> None:
        """Send Slack's `disconnect` message; old connections close once the client is back."""
        with self._cond:
            self._retiring.extend(self._active)
        # The shape of python-slack-sdk's mock_socket_mode_server.py (its disconnect message)
        self._broadcast(
            {
                "type": "disconnect",
                "reason": reason,
                "num_connections": len(self._active),
                "debug_info": {"host": "applink-fake"},
                "connection_info": {"app_id": self.app_id},
            }
        )

    # --- envelopes -------------------------------------------------------------------------

    def _broadcast(self, message: JSONDict) -> None:
        with self._cond:
            connections = list(self._active)
        for connection in connections:
            connection.send(json.dumps(message))

    def send_envelope(
        self,
        envelope_type: str,
        payload: JSONDict,
        accepts_response_payload: bool,
        timeout: float = 5.0,
        **extra: Any,
    ) -> str:
        """Send one envelope to the newest connection; return its envelope_id."""
        self.wait_connected(timeout)
        envelope_id = str(uuid.uuid4())
        envelope: JSONDict = {
            "envelope_id": envelope_id,
            "payload": payload,
            "type": envelope_type,
            "accepts_response_payload": accepts_response_payload,
            **extra,
        }
        with self._cond:
            connection = self._active[-1]
            self._sent.append(envelope)
        connection.send(json.dumps(envelope))
        return envelope_id

    def send_slash_command(self, **form_fields: str) -> str:
        """Deliver a slash command (fields as from payloads.slash_command())."""
        return self.send_envelope("slash_commands", dict(form_fields), True)

    def send_interactive(
        self, payload: JSONDict, accepts_response_payload: bool | None = None
    ) -> str:
        """Deliver an interaction payload (block_actions, view_submission, …)."""
        if accepts_response_payload is None:
            accepts_response_payload = payload.get("type") in _RESPONSE_PAYLOAD_TYPES
        return self.send_envelope("interactive", payload, accepts_response_payload)

    def send_event(
        self, event_callback_body: JSONDict, retry_attempt: int = 0, retry_reason: str = ""
    ) -> str:
        """Deliver an Events API body (from payloads.event_callback())."""
        return self.send_envelope(
            "events_api",
            event_callback_body,
            False,
            retry_attempt=retry_attempt,
            retry_reason=retry_reason,
        )

    def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> JSONDict:
        """The client's ack of an envelope: `{"envelope_id": …}` plus `payload` when it answered."""
        with self._cond:
            if not self._cond.wait_for(lambda: envelope_id in self._acks, timeout):
                raise AssertionError(
                    f"no ack for envelope {envelope_id} within {timeout}s; "
                    f"received: {self._received}"
                )
            return dict(self._acks[envelope_id])

    def acks(self) -> dict[str, JSONDict]:
        """Every ack received so far, by envelope_id."""
        with self._cond:
            return dict(self._acks)

    def received(self) -> list[JSONDict]:
        """Every message the clients sent, in order."""
        with self._cond:
            return list(self._received)
