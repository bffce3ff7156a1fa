"""`reflectiebot run` as a service: start, serve until SIGTERM or Ctrl-C, stop cleanly.

Start-up order: the stop signals first (bot/lifecycle.py), then the database, the knelpunt
model, the Bolt app (auth.test), the planner (held or standby, bot/planner.py), the listener
(HTTP on HOST:PORT, or Socket Mode plus a health listener on HOST:HEALTH_PORT).
A stop: take no new requests, finish the ones under way and the listeners' work after their
ack, stop the planner and give its lease back, all within lifecycle.DRAIN_SECONDS; exit 0.
Listener work still under way then may no longer write (storage.engine.refuse_writes): within
lifecycle.REFUSED_SECONDS more each listener tells its user, as for a database failure, that
nothing was stored, with their text; a WARNING names what was cut short. Work that is still
under way after that (a hung call) is named in an ERROR line, and the process exits 1.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from datetime import timedelta
from typing import Any, Protocol

from slack_bolt import App
from slack_sdk import WebClient
from sqlalchemy import Engine
from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, MultiSocketServer

from bot.app import create_app
from bot.health import Health, SlackCheck, build_health_app
from bot.learning import NightlyRefresh
from bot.lifecycle import (
    DRAIN_SECONDS,
    LISTENER_WORK,
    REFUSED_SECONDS,
    DrainingExecutor,
    Shutdown,
    exit_now,
)
from bot.logs import print_error, quiet_slack_sdk
from bot.manifest import EVENTS_PATH
from bot.planner import Planner
from bot.scheduler import PromptScheduler
from bot.server import create_http_server, create_socket_mode_handler, settle_memory
from bot.services import Services
from bot.settings import Settings
from bot.socket_mode import SocketModeHandler
from storage.engine import refuse_writes

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1


class Listener(Protocol):
    """What serves Slack: started once, stopped once."""

    def start(self) -> None: ...

    def stop(self, deadline: float) -> bool: ...


class HttpListener:
    """waitress in a thread, stopped gracefully: no new connections, requests under way
    answered and sent, then closed."""

    def __init__(self, server: BaseWSGIServer | MultiSocketServer, name: str = "http") -> None:
        if not isinstance(server, BaseWSGIServer):  # HOST is one IP address: one socket
            raise TypeError("one listening socket expected")
        self.server: Any = server  # waitress's internals (its map, trigger, dispatcher)
        self._stopping = False
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.server.effective_port)

    def start(self) -> None:
        """Serve in the background."""
        self._thread.start()

    def _serve(self) -> None:
        try:
            self.server.run()
        except (OSError, ValueError):
            if not self._stopping:  # closing the sockets ends waitress's loop this way
                raise

    def _busy(self) -> bool:
        dispatcher = self.server.task_dispatcher
        channels = [c for c in list(self.server._map.values()) if isinstance(c, HTTPChannel)]
        return bool(
            dispatcher.queue
            or dispatcher.active_count
            or any(c.requests or c.total_outbufs_len for c in channels)
        )

    def stop(self, deadline: float) -> bool:
        """Close the listening socket, let requests under way finish, then close the rest."""
        self._stopping = True
        server = self.server
        if self._thread.ident is None:  # never started (a stop during start-up)
            server.close()
            return True
        server.trigger.pull_trigger(lambda: wasyncore.dispatcher.close(server))
        while self._busy() and time.monotonic() < deadline:
            time.sleep(0.02)
        finished = not self._busy()
        server.task_dispatcher.shutdown(timeout=max(0.0, deadline - time.monotonic()))
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        self._thread.join(max(0.1, min(1.0, deadline - time.monotonic())))
        return finished


class SocketModeListener:
    """The Socket Mode connection: envelopes that arrive after the stop are left unacked (Slack
    delivers events again, to another connection), those under way get their ack."""

    def __init__(self, handler: SocketModeHandler) -> None:
        self.handler = handler
        self._started = False

    def start(self) -> None:
        """Open the connection (apps.connections.open: a refused app token raises here)."""
        self._started = True
        self.handler.connect()  # type: ignore[no-untyped-call]

    def connected(self) -> bool:
        """Whether the WebSocket to Slack is open now."""
        return bool(self.handler.client.is_connected())

    def stop(self, deadline: float) -> bool:
        """Take no more envelopes, let acks under way go out, then close."""
        self.handler.stopping = True
        finished = self.handler.in_flight.wait_idle(deadline)
        if self._started:
            self.handler.close()  # type: ignore[no-untyped-call]
        return finished


def build_planner(
    settings: Settings, engine: Engine, services: Services, client: WebClient
) -> Planner:
    """A planner whose schedulers post through `client`, with the configured lease and tick."""
    lease = timedelta(seconds=settings.planner_lease_seconds)
    tick = timedelta(seconds=settings.planner_tick_seconds)

    def make() -> PromptScheduler:
        return PromptScheduler(
            engine,
            services.poster(client),
            services.weekspiegel_sender(client),
            retention_days=settings.retention_days,
            rapport=services.rapport_sender(client),
            clock=services.clock,
            lease_ttl=lease,
            renew_seconds=tick.total_seconds(),
        )

    return Planner(make, engine=engine, clock=services.clock, tick=tick, lease_ttl=lease)


def run_service(
    settings: Settings,
    engine: Engine,
    shutdown: Shutdown,
    *,
    with_scheduler: bool = True,
    listen_socket: socket.socket | None = None,
) -> int:
    """Serve Slack (and plan, or stand by to) until a stop signal; then stop cleanly.

    HTTP mode serves on `listen_socket` when given (a worker of bot/workers.py), else binds
    HOST:PORT itself."""
    services = Services.for_settings(settings, engine)
    with quiet_slack_sdk():  # a failed auth.test ends as one line (bot/errors.py)
        app = create_app(settings, engine=engine, services=services)
    refresh = NightlyRefresh(
        services.models, engine, clock=services.clock, timezone=settings.timezone
    )
    planner = build_planner(settings, engine, services, app.client)
    planner.passive = not with_scheduler  # then it only watches the lease, for health
    services.on_team_changed = planner.sync_team_jobs
    listeners: list[Listener] = []
    try:
        if settings.app_token:
            socket_mode = SocketModeListener(create_socket_mode_handler(app, settings.app_token))
            listeners.append(socket_mode)
            slack: SlackCheck = lambda: {"ok": socket_mode.connected(), "mode": "socket"}  # noqa: E731
            health = Health(engine, planner, slack)
            if settings.health_port is not None:
                server = create_http_server(
                    build_health_app(health), host=settings.host, port=settings.health_port,
                    threads=2,
                )  # fmt: skip
                listeners.append(HttpListener(server, name="health"))
        else:
            # The bot token was verified (auth.test) when the app was built.
            health = Health(engine, planner, lambda: {"ok": True, "mode": "http"})
            server = create_http_server(
                app, host=settings.host, port=settings.port, health=health, sock=listen_socket
            )
            listeners.append(HttpListener(server))
        with quiet_slack_sdk():
            for listener in listeners:
                listener.start()  # a refused app token fails here, before any planning
        refresh.start()  # the teams' own knelpunt models: now in the background, then nightly
        if not planner.passive:
            planner.start()
        settle_memory()
        shutdown.serving()
        _log_serving(settings)
        shutdown.wait()
    finally:
        clean, listeners_done = _stop(listeners, app, engine, refresh, planner)
    if not listeners_done:  # a hung call: its user may not have heard
        left, seconds = LISTENER_WORK.describe() or "listener work", DRAIN_SECONDS + REFUSED_SECONDS
        print_error(
            f"gestopt terwijl {left} na {seconds:.0f} s nog bezig was; "
            "die gebruiker kreeg misschien geen antwoord",
            settings.log_format,
        )
        exit_now(EXIT_FAILED, left, seconds)
    if not clean:
        exit_now(EXIT_OK, "a request or the planner")
    log.info("stopped")
    return EXIT_OK


def _stop(
    listeners: list[Listener], app: App, engine: Engine, refresh: NightlyRefresh, planner: Planner
) -> tuple[bool, bool]:
    """Whether everything stopped in time, and whether the listeners' work ended at all."""
    deadline = time.monotonic() + DRAIN_SECONDS
    clean = True
    for listener in listeners:
        clean = listener.stop(deadline) and clean
    executor: Any = app.listener_runner.listener_executor
    drained = not isinstance(executor, DrainingExecutor) or executor.drain(deadline)
    refresh.stop()
    clean = planner.stop(deadline) and clean  # it gives its lease back: a write
    if drained:
        return clean, True
    late = LISTENER_WORK.describe()
    until = time.monotonic() + REFUSED_SECONDS
    refuse_writes(engine, until)
    done = executor.in_flight.wait_idle(until)
    if done:
        log.warning(
            "%s still under way after %.0f s: writes refused from then on; each answered its user",
            late or "listener work", DRAIN_SECONDS,
        )  # fmt: skip
    return clean, done


def _log_serving(settings: Settings) -> None:
    if settings.app_token:
        port = settings.health_port
        health = f", health on {settings.host}:{port}" if port else ""
        log.info("Reflectiebot is connected over Socket Mode%s", health)
    else:
        log.info(
            "Reflectiebot listens over HTTP on %s:%s, path %s",
            settings.host, settings.port, EVENTS_PATH,
        )  # fmt: skip
