"""Fault stories start and stop the app's HTTP server often: let it stop at once."""

from __future__ import annotations

from typing import Any

import pytest

import tests.conftest
from bot.server import create_http_server

QUICK_LOOP_TIMEOUT = 0.05  # seconds; waitress's default poll timeout of 1 s delays every stop


@pytest.fixture(autouse=True)
def quick_server_shutdown(monkeypatch: pytest.MonkeyPatch) -> None:
    """The production server as built by bot.server, with a short poll timeout."""

    def create(*args: Any, **kwargs: Any) -> Any:
        server = create_http_server(*args, **kwargs)
        server.adj.asyncore_loop_timeout = QUICK_LOOP_TIMEOUT  # type: ignore[assignment]
        return server

    monkeypatch.setattr(tests.conftest, "create_http_server", create)
