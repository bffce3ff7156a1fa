"""`reflectiebot export`, `purge` and `audit`: the municipality's side of data rights."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime, time
from typing import TextIO

from bot import rights
from bot.cli.common import EXIT_FAILED, EXIT_OK, EXIT_SETTINGS, find_teams, migrated_engine
from bot.clock import system_clock
from bot.settings import Settings
from storage import audit, teams
from storage import rights as queries
from storage.engine import session_scope

CSV_COLUMNS = (
    "soort", "moment", "auteur", "tekst", "knelpunten", "leefgebieden", "binnenkomst", "besluit",
    "doorverwezen_naar", "waarom", "toelichting", "inbrengen",
)  # fmt: skip
_KINDS = {"antwoorden": "antwoord", "casussen": "casus", "knelpuntsignalen": "knelpuntsignaal"}
# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: a formula-like start gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _BadDateError(ValueError):
    """--since is not a date (the message is printed already)."""


def _since(text: str | None, settings: Settings) -> datetime | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError as error:
        print("reflectiebot: --since verwacht een datum als 2026-01-31.", file=sys.stderr)
        raise _BadDateError(text) from error
    return datetime.combine(day, time(0), tzinfo=settings.timezone)


def cmd_export(
    settings: Settings,
    *,
    channel_id: str | None,
    fmt: str,
    since_text: str | None,
    out: TextIO = sys.stdout,
) -> int:
    """Write the team's (or every team's) answers, cases and signals to `out`."""
    try:
        since = _since(since_text, settings)
    except _BadDateError:
        return EXIT_SETTINGS
    engine = migrated_engine(settings)
    chosen = find_teams(engine, channel_id, unlinked_too=True)
    if not chosen:
        return EXIT_FAILED
    with session_scope(engine) as session:
        exported = []
        for team in chosen:
            assert team.id is not None
            data = queries.team_export(session=session, team_id=team.id, since=since)
            exported.append((team, data))
            audit.record(
                session=session, actor=rights.ACTOR_CLI, action="export", team_id=team.id,
                detail=f"{fmt}, vanaf {since_text or 'het begin'}",
            )  # fmt: skip
    if fmt == "json":
        document = [
            {"team": team.name, "kanaal": team.former_channel_id or team.channel_id, **data}
            for team, data in exported
        ]
        json.dump(document, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    writer = csv.DictWriter(out, fieldnames=["team", *CSV_COLUMNS], extrasaction="ignore")
    writer.writeheader()
    for team, data in exported:
        for group, rows in data.items():
            for row in rows:
                flat = {
                    key: ",".join(value) if isinstance(value, list) else value
                    for key, value in row.items()
                }
                cells = {"team": team.name, "soort": _KINDS[group], **flat}
                writer.writerow({key: spreadsheet_safe(value) for key, value in cells.items()})
    return EXIT_OK


def cmd_purge(settings: Settings, out: TextIO = sys.stdout) -> int:
    """Erase texts older than RETENTION_DAYS now (the scheduler does this daily)."""
    engine = migrated_engine(settings)
    purged = rights.purge(
        engine,
        now=system_clock(),
        retention_days=settings.retention_days,
        timezone=settings.timezone,
        actor=rights.ACTOR_CLI,
    )
    summary = ", ".join(f"{count} {name}" for name, count in purged.counts.items())
    out.write(f"Ouder dan {settings.retention_days} dagen gewist: {summary}.\n")
    if purged.cleanups:
        out.write(
            f"{len(purged.cleanups)} bericht(en) van Reflectiebot in Slack citeerden die teksten; "
            "de draaiende bot past ze binnen een minuut aan.\n"
        )
    return EXIT_OK


def cmd_audit(
    settings: Settings, *, channel_id: str | None, since_text: str | None, out: TextIO = sys.stdout
) -> int:
    """Print the audit log: who, what, when (never the content)."""
    try:
        since = _since(since_text, settings)
    except _BadDateError:
        return EXIT_SETTINGS
    engine = migrated_engine(settings)
    team_id = None
    if channel_id:
        found = find_teams(engine, channel_id, unlinked_too=True)
        if not found:
            return EXIT_FAILED
        team_id = found[0].id
    with session_scope(engine) as session:
        names = {team.id: team.name for team in teams.list_teams(session=session)}
        entries = audit.list_entries(session=session, team_id=team_id, since=since)
        for entry in entries:
            when = entry.at.astimezone(settings.timezone).strftime("%Y-%m-%d %H:%M")
            team_name = names.get(entry.team_id, f"team {entry.team_id}") if entry.team_id else "-"
            out.write(
                f"{when}  {entry.actor:<12} {entry.action:<14} {team_name:<24} {entry.detail}\n"
            )
    return EXIT_OK
