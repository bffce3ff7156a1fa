"""What listeners need besides Slack: the settings and the database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from bot.settings import Settings


@dataclass(frozen=True)
class Services:
    """Shared, thread-safe dependencies handed to every listener at registration."""

    settings: Settings
    engine: Engine
