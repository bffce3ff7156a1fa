"""Data rights and retention: download, erase, purge, unlink. Knows nothing of Slack's UI.

Every export, erase and purge is written to the audit log in the same transaction.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.anonymity import week_rounder
from bot.slack_ops import open_dm
from storage import audit, rights, slack_copies, teams
from storage.engine import scrub_freed_space, session_scope
from storage.models import Team

log = logging.getLogger(__name__)

ACTOR_CLI = "cli"
ACTOR_PLANNER = "planner"
EXPORT_NOTE = (
    "Dit is alles wat Reflectiebot onder jouw Slack-id bewaart: je antwoorden, casussen, "
    "knelpuntsignalen, je rollen en de weekspiegels die je kreeg. Anonieme antwoorden staan er "
    "niet in: die zijn nooit aan jou gekoppeld, ook niet in de database."
)


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{name}={count}" for name, count in counts.items())


def export_user(engine: Engine, user_id: str, *, now: datetime) -> bytes:
    """The user's own data as a JSON file, and an audit entry saying it was downloaded."""
    with session_scope(engine) as session:
        data = rights.user_data(session=session, user_id=user_id)
        audit.record(session=session, actor=user_id, action="download")
    document = {"uitleg": EXPORT_NOTE, "gemaakt_op": now.isoformat(), **data}
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class EraseResult:
    """What erasing or purging did, and what is left to do in Slack."""

    counts: dict[str, int]
    cleanups: list[int] = field(default_factory=list)  # queued edits of the bot's own messages
    leaderless: list[Team] = field(default_factory=list)  # teams whose last teamleider left


def erase_user(engine: Engine, user_id: str, timezone: ZoneInfo, *, now: datetime) -> EraseResult:
    """Forget a user: texts, id, roles, the id in the audit log, and old copies in the files.

    The bot's own Slack messages that quote the user's texts are queued for editing (see
    bot.slack_copies); teams left without a teamleider are returned to be told so.
    """
    with session_scope(engine) as session:
        erased = rights.erase_user(
            session=session, user_id=user_id, round_time=week_rounder(timezone)
        )
        cleanups = slack_copies.queue(session=session, targets=erased.copies, now=now)
        audit.forget_actor(session=session, user_id=user_id)
        audit.record(
            session=session,
            actor=audit.ERASED_ACTOR,
            action="vergeet-mij",
            detail=_summary(erased.counts),
        )
        leaderless = [
            team
            for team_id in erased.leaderless_team_ids
            if (team := teams.get_team(session=session, team_id=team_id)) is not None
        ]
    scrub_freed_space(engine)
    log.info("a user's data was erased on request")
    return EraseResult(erased.counts, cleanups, leaderless)


def purge(
    engine: Engine, *, now: datetime, retention_days: int, timezone: ZoneInfo, actor: str
) -> EraseResult:
    """Erase texts and authors older than the retention period (idempotent)."""
    cutoff = now - timedelta(days=retention_days)
    with session_scope(engine) as session:
        purged = rights.purge_before(
            session=session, cutoff=cutoff, round_time=week_rounder(timezone)
        )
        cleanups = slack_copies.queue(session=session, targets=purged.copies, now=now)
        audit.record(
            session=session,
            actor=actor,
            action="purge",
            detail=f"ouder dan {retention_days} dagen: {_summary(purged.counts)}",
        )
    scrub_freed_space(engine)
    log.info("retention purge: %s", _summary(purged.counts))
    return EraseResult(purged.counts, cleanups)


def unlink(engine: Engine, team: Team, *, keep_data: bool, actor: str, now: datetime) -> None:
    """Unlink a team, keeping or erasing its data, with an audit entry."""
    assert team.id is not None
    with session_scope(engine) as session:
        current = teams.get_team(session=session, team_id=team.id)
        if current is None:
            return
        teams.unlink_team(session=session, team=current, keep_data=keep_data, now=now)
        audit.record(
            session=session,
            actor=actor,
            action="ontkoppel",
            team_id=team.id,
            detail="gegevens bewaard" if keep_data else "gegevens gewist",
        )


def send_export_dm(client: WebClient, user_id: str, content: bytes, *, filename: str) -> None:
    """Upload the export into the user's DM with the bot (Slack's current upload flow)."""
    client.files_upload_v2(
        channel=open_dm(client, user_id),
        content=content,
        filename=filename,
        title="Mijn gegevens in Reflectiebot",
        initial_comment="Je gegevens, zoals Reflectiebot ze bewaart. Alleen jij ziet dit.",
    )
