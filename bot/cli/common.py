"""What every `reflectiebot` subcommand shares: exit codes and a migrated database."""

from __future__ import annotations

from sqlalchemy import Engine

from bot.settings import Settings
from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_SETTINGS = 2


def migrated_engine(settings: Settings) -> Engine:
    """An engine on DATABASE_URL whose schema is at the newest revision."""
    engine = create_db_engine(settings.database_url)
    upgrade_to_head(engine)
    return engine
