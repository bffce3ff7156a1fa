"""Health: is the database reachable, is Slack connected, who plans? As JSON, without secrets.

Served at GET /healthz: in HTTP mode beside /slack/events, in Socket Mode on HOST:HEALTH_PORT.
`reflectiebot health` asks the running process (for a container or systemd watchdog).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, text

from bot.planner import Planner
from storage.engine import read_scope

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"

SlackCheck = Callable[[], dict[str, Any]]


class Health:
    """What /healthz reports for one running process."""

    def __init__(self, engine: Engine, planner: Planner, slack: SlackCheck) -> None:
        self.engine = engine
        self.planner = planner
        self.slack = slack

    def report(self) -> dict[str, Any]:
        """{"status": "ok"|"unhealthy", "database": …, "slack": …, "planner": …, "process": pid}."""
        database = self._database()
        slack = self.slack()
        planner = self._planner()
        healthy = database["ok"] and slack["ok"] and planner["ok"]
        return {
            "status": "ok" if healthy else "unhealthy",
            "database": database,
            "slack": slack,
            "planner": planner,
            "process": os.getpid(),  # which worker answered (WEB_PROCESSES, bot/workers.py)
        }

    def _database(self) -> dict[str, Any]:
        try:
            with read_scope(self.engine) as session:
                session.execute(text("SELECT 1"))
        except Exception as error:  # any failure means: not reachable, and which kind
            return {"ok": False, "error": type(error).__name__}
        return {"ok": True}

    def _planner(self) -> dict[str, Any]:
        try:
            status = self.planner.status()
        except Exception as error:  # the database check says why
            return {"ok": False, "state": "unknown", "error": type(error).__name__}
        answer: dict[str, Any] = {"ok": status.healthy, "state": status.state}
        if status.holder is not None:
            answer["holder"] = status.holder
        if status.unplanned_seconds is not None:
            answer["unplanned_seconds"] = round(status.unplanned_seconds)
        return answer


def health_response(health: Health, start_response: StartResponse) -> Iterable[bytes]:
    """The report as a WSGI response: 200 when healthy, 503 when not."""
    report = health.report()
    status = "200 OK" if report["status"] == "ok" else "503 Service Unavailable"
    body = (json.dumps(report, sort_keys=True) + "\n").encode()
    start_response(status, [("Content-Type", "application/json"), ("Cache-Control", "no-store")])
    return [body]


def build_health_app(health: Health) -> Callable[..., Iterable[bytes]]:
    """A WSGI app with only GET /healthz (the Socket Mode health listener)."""

    def wsgi(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") == "GET":
            return health_response(health, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"not found\n"]

    return wsgi
