"""How anonymous and erased contributions keep their week but lose their moment.

An anonymous answer, and anything erased or past its retention period, is kept with the middle
of its ISO week (Wednesday 12:00, local time) instead of its real time: the weekspiegel's counts
and trend lines stay right, and no time of day or weekday is left to recognise anyone by.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

RoundTime = Callable[[datetime], datetime]


def week_middle(moment: datetime, timezone: ZoneInfo) -> datetime:
    """Wednesday 12:00 (local) of the ISO week `moment` falls in."""
    local = moment.astimezone(timezone)
    wednesday = local.date() - timedelta(days=local.weekday()) + timedelta(days=2)
    return datetime.combine(wednesday, time(12), tzinfo=timezone)


def week_rounder(timezone: ZoneInfo) -> RoundTime:
    """`week_middle` in `timezone`, as a function of the moment alone."""

    def round_time(moment: datetime) -> datetime:
        return week_middle(moment, timezone)

    return round_time
