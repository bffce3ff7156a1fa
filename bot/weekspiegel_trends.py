"""The weekspiegel's knelpunt lines: which knelpunten recur, fade or were raised this week.

Computed from people counted per knelpunt and week (storage.digest.knelpunt_people), within
the group floor (bot.floors): a week a knelpunt was raised by fewer people than the floor counts
as none, in its line, its sources, its sparkline and the agenda.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.floors import GroupFloor
from bot.trend import trend_word
from storage import digest as queries

RECENT_WEEKS = 4  # "raised in at least 2 of the last 4 weeks"
STREAK_WEEKS = 6  # "in how many of the last six weeks"
MIN_RECURRING_WEEKS = 2
MIN_RECURRING_PEOPLE = 3
MIN_RECURRING_CASES = 3
MAX_RECURRING = 5


@dataclass(frozen=True)
class KnelpuntTrend:
    """One knelpunt over the last weeks, weighed in distinct people (within the group floor)."""

    knelpunt_id: str
    label: str
    count: int  # people who raised it this week
    sources: tuple[str, ...]  # kinds of source this week with enough people: antwoord, casus, …
    weekly: tuple[int, ...]  # HISTORY_WEEKS people counts, oldest first; the last is this week
    weeks_in_a_row: int
    weeks_of_last_six: int
    trend: str  # the line's shape, by bot.trend: nieuw | stijgend | stabiel | dalend | wegebbend


def _streak(weekly: Sequence[int]) -> int:
    streak = 0
    for count in reversed(weekly):
        if count == 0:
            break
        streak += 1
    return streak


@dataclass(frozen=True)
class Trends:
    """This week's knelpunten: recurring (ranked), fading, and all raised (for the agenda)."""

    recurring: tuple[KnelpuntTrend, ...]
    fading: tuple[KnelpuntTrend, ...]
    raised: tuple[KnelpuntTrend, ...]


_SOURCE_ORDER = (queries.SOURCE_ANSWER, queries.SOURCE_CASE, queries.SOURCE_SIGNAL)


def trends_from_people(
    counts: Sequence[queries.PeopleCount],
    *,
    weeks: int,
    labels: Mapping[str, str],
    floor: GroupFloor,
) -> Trends:
    """`knelpunt_trends` from people already counted per knelpunt and week, and per source in
    the last week (storage.digest.knelpunt_people): the same people, weeks and floor."""
    weekly: dict[str, list[int]] = {}
    by_source: dict[str, dict[str, int]] = {}
    cases: Counter[str] = Counter()
    for source, knelpunt_id, position, people, mentioned in counts:
        if knelpunt_id not in labels:
            continue  # a knelpunt removed from the taxonomy
        if source == queries.ALL_SOURCES:
            weekly.setdefault(knelpunt_id, [0] * weeks)[position] = people
        elif position == weeks - 1:
            by_source.setdefault(knelpunt_id, {})[source] = people
            if source == queries.SOURCE_CASE:
                cases[knelpunt_id] = mentioned
    recurring, fading, raised = [], [], []
    for knelpunt_id, per_week in weekly.items():
        series = floor.series(per_week)
        sources = by_source.get(knelpunt_id, {})
        trend = KnelpuntTrend(
            knelpunt_id=knelpunt_id,
            label=labels[knelpunt_id],
            count=series[-1],
            sources=tuple(s for s in _SOURCE_ORDER if sources.get(s, 0) >= floor.size),
            weekly=series,
            weeks_in_a_row=_streak(series),
            weeks_of_last_six=sum(1 for n in series[-STREAK_WEEKS:] if n),
            trend=trend_word(series),
        )
        if series[-1] > 0:
            raised.append(trend)
            if (
                sum(1 for n in series[-RECENT_WEEKS:] if n) >= MIN_RECURRING_WEEKS
                or series[-1] >= MIN_RECURRING_PEOPLE
                or cases[knelpunt_id] >= MIN_RECURRING_CASES
            ):
                recurring.append(trend)
        elif sum(1 for n in series[-1 - RECENT_WEEKS : -1] if n) >= MIN_RECURRING_WEEKS:
            fading.append(trend)
    recurring.sort(key=lambda t: (-t.count, -t.weeks_of_last_six, -len(t.sources), t.knelpunt_id))
    raised.sort(key=lambda t: (-t.count, t.knelpunt_id))
    fading.sort(key=lambda t: (-sum(t.weekly), t.knelpunt_id))
    return Trends(tuple(recurring[:MAX_RECURRING]), tuple(fading[:2]), tuple(raised))
