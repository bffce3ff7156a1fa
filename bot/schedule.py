"""When a team's prompt is due: Dutch day names, working days and public holidays, DST-safe.

Pure functions of (schedule, now); no Slack, no database, so tests control time completely.
A team's weekly prompt has a *nominal* date (its weekday this week). When that date is a public
holiday and the team skips holidays, the prompt moves to the next working day (Mon–Fri, no
holiday). The nominal date names the slot, so a moved prompt is still one slot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_WEEKDAY_ALIASES = {name[:2]: index for index, name in enumerate(WEEKDAY_NAMES)}
_WEEKDAY_ALIASES.update({name: index for index, name in enumerate(WEEKDAY_NAMES)})
_WEEKDAY_ALIASES.update({"di.": 1, "wo.": 2, "do.": 3, "vr.": 4, "za.": 5, "zo.": 6, "ma.": 0})
# 09:00, 9:00, 9.30, 9u, 9u30, 9 uur, 14h15
_TIME_RE = re.compile(r"^(\d{1,2})(?:\s*(?:[:.]|u|h|uur)\s*(\d{2})?)?\s*(?:uur|u)?$")

DEFAULT_GRACE = timedelta(hours=6)


class ScheduleError(ValueError):
    """A schedule the user typed could not be understood; the message says how to write it."""


@dataclass(frozen=True)
class Schedule:
    """A weekly moment: weekday (maandag = 0) and minutes after midnight, local time."""

    weekday: int
    minute: int
    skip_holidays: bool = True

    def __str__(self) -> str:
        return f"{WEEKDAY_NAMES[self.weekday]} {self.minute // 60:02d}:{self.minute % 60:02d}"


@dataclass(frozen=True)
class Occurrence:
    """One concrete prompt moment: the slot it fills, the day it falls on, and when (UTC)."""

    slot_key: str
    nominal_date: date
    slot_date: date
    due_at: datetime


def parse_weekday(text: str) -> int:
    """'dinsdag', 'di' or 'di.' → 1."""
    key = text.strip().lower()
    if key not in _WEEKDAY_ALIASES:
        raise ScheduleError(
            f"Ik ken de dag '{text.strip()[:20]}' niet. Gebruik maandag, dinsdag, woensdag, "
            "donderdag, vrijdag, zaterdag of zondag."
        )
    return _WEEKDAY_ALIASES[key]


def parse_time(text: str) -> int:
    """'09:00', '9u', '9u30', '14.15' → minutes after midnight."""
    match = _TIME_RE.match(text.strip().lower())
    if match is None:
        raise ScheduleError(
            f"Ik begrijp de tijd '{text.strip()[:20]}' niet. Schrijf bijvoorbeeld 09:00 of 9u."
        )
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ScheduleError(
            f"{hour:02d}:{minute:02d} bestaat niet. Kies een tijd tussen 00:00 en 23:59."
        )
    return hour * 60 + minute


def parse_schedule(text: str, *, skip_holidays: bool = True) -> Schedule:
    """'dinsdag 09:00' or 'di 9u' → Schedule; raises ScheduleError with a Dutch hint."""
    parts = text.split(None, 1)
    if len(parts) != 2:
        raise ScheduleError("Geef een dag en een tijd, bijvoorbeeld `dinsdag 09:00` of `di 9u`.")
    return Schedule(parse_weekday(parts[0]), parse_time(parts[1]), skip_holidays)


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def is_public_holiday(day: date) -> bool:
    """Whether the day is a Dutch public holiday."""
    return day in _holidays_of(day.year)


def holiday_name(day: date) -> str | None:
    """The Dutch name of the holiday on that day, if any."""
    if not is_public_holiday(day):
        return None
    return str(holidays.country_holidays("NL", years=day.year, language="nl").get(day))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and not is_public_holiday(day)


def shifted_date(nominal: date, *, skip_holidays: bool) -> date:
    """The day the prompt really falls on: the next working day when nominal is a holiday."""
    if not skip_holidays or not is_public_holiday(nominal):
        return nominal
    day = nominal + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def local_moment(day: date, minute: int, tz: ZoneInfo) -> datetime:
    """The UTC instant of a local wall-clock time (a time skipped by DST counts once)."""
    local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=tz)
    return local.astimezone(ZoneInfo("UTC"))


def occurrence(schedule: Schedule, nominal: date, tz: ZoneInfo) -> Occurrence:
    """The occurrence whose nominal date is given."""
    day = shifted_date(nominal, skip_holidays=schedule.skip_holidays)
    return Occurrence(
        slot_key=nominal.isoformat(),
        nominal_date=nominal,
        slot_date=day,
        due_at=local_moment(day, schedule.minute, tz),
    )


def _nominal_dates_around(schedule: Schedule, today: date) -> list[date]:
    this_week = today - timedelta(days=today.weekday()) + timedelta(days=schedule.weekday)
    return [this_week - timedelta(weeks=1), this_week, this_week + timedelta(weeks=1)]


def due_occurrence(
    schedule: Schedule, now: datetime, tz: ZoneInfo, *, grace: timedelta = DEFAULT_GRACE
) -> Occurrence | None:
    """The occurrence that is due at `now` (due_at ≤ now < due_at + grace), if any."""
    today = now.astimezone(tz).date()
    for nominal in reversed(_nominal_dates_around(schedule, today)):
        candidate = occurrence(schedule, nominal, tz)
        if candidate.due_at <= now < candidate.due_at + grace:
            return candidate
    return None


def next_occurrence(schedule: Schedule, now: datetime, tz: ZoneInfo) -> Occurrence:
    """The first occurrence due after `now`."""
    today = now.astimezone(tz).date()
    for nominal in _nominal_dates_around(schedule, today):
        candidate = occurrence(schedule, nominal, tz)
        if candidate.due_at > now:
            return candidate
    raise AssertionError("unreachable: next week always lies ahead")  # pragma: no cover


def add_working_days(moment: datetime, days: int, tz: ZoneInfo) -> datetime:
    """The same local time `days` working days later (for the gentle reminder)."""
    local = moment.astimezone(tz)
    day = local.date()
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return local_moment(day, local.hour * 60 + local.minute, tz)
