"""What the `reflectiebot` subcommands share: exit codes, a migrated database, --team."""

from __future__ import annotations

import sys

from sqlalchemy import Engine

from bot.settings import Settings
from storage import teams
from storage.engine import create_db_engine, read_scope
from storage.migrate import upgrade_to_head
from storage.models import Team

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_SETTINGS = 2


def migrated_engine(settings: Settings) -> Engine:
    """An engine on DATABASE_URL whose schema is at the newest revision."""
    engine = create_db_engine(settings.database_url)
    upgrade_to_head(engine)
    return engine


def has_teams(engine: Engine) -> bool:
    """Whether any channel is linked to a team yet."""
    with read_scope(engine) as session:
        return bool(teams.list_teams(session=session))


def find_teams(engine: Engine, channel_id: str | None, *, unlinked_too: bool = False) -> list[Team]:
    """The team of --team (also one unlinked since, when asked), or every linked team.

    Says so on stderr when there is none.
    """
    with read_scope(engine) as session:
        if not channel_id:
            found = teams.list_teams(session=session)
        else:
            lookup = teams.find_team_for_export if unlinked_too else teams.get_team_by_channel
            team = lookup(session=session, channel_id=channel_id)
            found = [team] if team else []
    if not found:
        where = f" bij kanaal {channel_id}" if channel_id else ""
        print(f"reflectiebot: geen team gevonden{where}.", file=sys.stderr)
    return found
