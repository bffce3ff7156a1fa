"""Rows written straight into an older schema, for the tests that upgrade a filled database."""

from __future__ import annotations

from sqlalchemy import Connection, text


def insert_team_row(connection: Connection) -> None:
    """Team 1, 'Noord' in C0NOORD, with the columns every schema since 0004 has."""
    connection.execute(text(
        "INSERT INTO team (id, channel_id, name, created_at, prompt_weekday, prompt_minute,"
        " paused, skip_holidays, themes, reminder_enabled, digest_weekday, digest_minute)"
        " VALUES (1, 'C0NOORD', 'Noord', '2026-11-01 00:00:00', 1, 540, false, true,"
        " 'leercultuur', false, 0, 510)"
    ))  # fmt: skip
