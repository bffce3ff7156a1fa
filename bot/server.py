"""Serving the app: Socket Mode, or HTTP behind waitress (a production WSGI server)."""

from __future__ import annotations

import gc
import io
import logging
import os
import socket
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

from bot.envelope import MAX_BODY_BYTES, envelope_problem
from bot.health import HEALTH_PATH, Health, health_response
from bot.manifest import EVENTS_PATH
from bot.socket_mode import SocketModeHandler

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

HTTP_THREADS = 8
# waitress refuses a larger body itself (413) before the app reads a byte of it; its default
# is 1 GiB. The app's own envelope check (MAX_BODY_BYTES) stays below this.
MAX_REQUEST_BYTES = 1024 * 1024

# Which process answered (WEB_PROCESSES > 1 spreads requests over several): its pid.
WORKER_HEADER = "X-Reflectiebot-Process"

WSGIApp = Callable[["WSGIEnvironment", "StartResponse"], Iterable[bytes]]


def settle_memory() -> None:
    """Once the app is built: move everything loaded so far out of the garbage collector's way.

    The tagger's dictionary and the libraries are hundreds of thousands of long-lived objects;
    without this, each full collection walks them all and stalls every request in flight for
    ~100-250 ms (measured with bench/ack_latency). With it, pauses stay under ~10 ms.
    """
    gc.collect()
    gc.freeze()


def _bad_request(start_response: StartResponse, why: str) -> Iterable[bytes]:
    log.info("refused a request that is not shaped like Slack's (%s)", why)
    start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
    return [b"bad request\n"]


def build_wsgi_app(app: App, health: Health | None = None) -> WSGIApp:
    """Bolt at /slack/events plus GET /healthz for load balancers and monitoring (the health
    report when given, else a plain "ok")."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)
    worker = (WORKER_HEADER, str(os.getpid()))

    def wsgi(environ: WSGIEnvironment, outer: StartResponse) -> Iterable[bytes]:
        def start_response(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            return outer(status, [*headers, worker], *rest)

        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") == "GET":
            if health is not None:
                return health_response(health, start_response)
            start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"ok\n"]
        if environ.get("REQUEST_METHOD") == "POST":
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = -1
            if not 0 <= length <= MAX_BODY_BYTES:
                return _bad_request(start_response, "length")
            body = environ["wsgi.input"].read(length)
            environ["wsgi.input"] = io.BytesIO(body)
            problem = envelope_problem(body, str(environ.get("CONTENT_TYPE") or ""))
            if problem:
                return _bad_request(start_response, problem)
        try:
            return slack(environ, start_response)
        except Exception as error:  # a request Bolt could not parse: never a 500 for that
            log.warning("request refused, Bolt could not handle it: %s", type(error).__name__)
            return _bad_request(start_response, "unparseable")

    return wsgi


def create_http_server(
    app: App | WSGIApp,
    *,
    host: str = "127.0.0.1",
    port: int = 3000,
    health: Health | None = None,
    threads: int = HTTP_THREADS,
    sock: socket.socket | None = None,
) -> BaseWSGIServer | MultiSocketServer:
    """A threaded waitress server for the app (or a plain WSGI app); `port=0` picks a free
    port (tests). Binds at once: a port in use raises OSError here. With `sock` it serves on
    that listening socket instead (a worker process on its parent's socket, bot/workers.py)."""
    wsgi = build_wsgi_app(app, health) if isinstance(app, App) else app
    where: dict[str, Any] = (
        {"sockets": [sock]} if sock is not None else {"host": host, "port": port}
    )
    return create_server(
        wsgi,
        **where,
        threads=threads,
        ident="reflectiebot",
        clear_untrusted_proxy_headers=True,
        max_request_body_size=MAX_REQUEST_BYTES,
    )


def create_socket_mode_handler(app: App, app_token: str, **kwargs: Any) -> SocketModeHandler:
    """A Socket Mode connection that reaches Slack through the app's own WebClient."""
    return SocketModeHandler(app, app_token, **kwargs)
