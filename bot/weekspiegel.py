"""The weekspiegel: what kept coming back in a team's week. Knows nothing of Slack.

It is a mirror of the team, never a ranking of people: no user ids leave this module, and no
number below the group floor (bot.floors) appears in it: a knelpunt weighs as the number of
distinct people who raised it, and counts only from MIN_GROUP_SIZE people or cases.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.floors import GroupFloor
from bot.schedule import local_moment
from bot.weekspiegel_cases import MIN_CHANGE_CASES, CaseSummary, case_summary
from bot.weekspiegel_trends import MAX_RECURRING as MAX_RECURRING
from bot.weekspiegel_trends import MIN_RECURRING_CASES as MIN_RECURRING_CASES
from bot.weekspiegel_trends import MIN_RECURRING_PEOPLE as MIN_RECURRING_PEOPLE
from bot.weekspiegel_trends import MIN_RECURRING_WEEKS as MIN_RECURRING_WEEKS
from bot.weekspiegel_trends import RECENT_WEEKS as RECENT_WEEKS
from bot.weekspiegel_trends import STREAK_WEEKS as STREAK_WEEKS
from bot.weekspiegel_trends import KnelpuntTrend as KnelpuntTrend
from bot.weekspiegel_trends import Trends as Trends
from bot.weekspiegel_trends import trends_from_people as trends_from_people
from privacy.guard import detected_kinds
from prompts.casus_form import CaseForm
from prompts.library import PromptLibrary
from storage import digest as queries
from storage import prompts as prompt_queries
from storage.models import Team

HISTORY_WEEKS = 8  # the sparkline
MAX_QUOTES = 3
QUOTE_LENGTH = 200

FADING_RULE = (
    f"kwam in minstens {MIN_RECURRING_WEEKS} van de {RECENT_WEEKS} weken ervoor terug, "
    "deze week niet"
)
CHANGE_RULE = (
    f"Een verandering in procentpunten staat er pas bij als beide periodes minstens "
    f"{MIN_CHANGE_CASES} casussen hebben: bij minder verschuift één casus het aandeel al met "
    "meer dan 10 procentpunt."
)
RECURRENCE_RULE = (
    f"Terugkerend = deze week genoemd én in minstens {MIN_RECURRING_WEEKS} van de laatste "
    f"{RECENT_WEEKS} weken, of door minstens {MIN_RECURRING_PEOPLE} verschillende mensen in één "
    f"week, of in minstens {MIN_RECURRING_CASES} casussen."
)
_SLACK_REFERENCE = re.compile(r"<[@#!][^>]*>")


@dataclass(frozen=True, order=True)
class IsoWeek:
    """An ISO week, as in "2026-W47"."""

    year: int
    week: int

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        """The ISO week a date falls in."""
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """'2026-W47' (or '2026W47', '2026-47') → IsoWeek; ValueError otherwise."""
        found = re.fullmatch(r"\s*(\d{4})-?[Ww]?(\d{1,2})\s*", text)
        if not found:
            raise ValueError(f"geen ISO-week: {text!r} (verwacht bijvoorbeeld 2026-W47)")
        week = cls(int(found.group(1)), int(found.group(2)))
        week.monday()  # raises ValueError for week 0 or 54 in a 52-week year
        return week

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    def monday(self) -> date:
        """The Monday that starts the week."""
        return date.fromisocalendar(self.year, self.week, 1)

    def shifted(self, weeks: int) -> IsoWeek:
        """The week `weeks` later (negative: earlier)."""
        return IsoWeek.of(self.monday() + timedelta(weeks=weeks))

    def bounds(self, timezone: ZoneInfo) -> tuple[datetime, datetime]:
        """[start, end) of the week in local time (Monday 00:00 to Monday 00:00)."""
        start = datetime.combine(self.monday(), time(0), tzinfo=timezone)
        end = datetime.combine(self.monday() + timedelta(weeks=1), time(0), tzinfo=timezone)
        return start, end


def digest_moment(team: Team, week: IsoWeek, timezone: ZoneInfo) -> datetime:
    """When the weekspiegel of `week` goes out: the team's digest day and time the week after."""
    day = week.shifted(1).monday() + timedelta(days=team.digest_weekday)
    return local_moment(day, team.digest_minute, timezone)


def covered_week(team: Team, now: datetime, timezone: ZoneInfo) -> IsoWeek:
    """The latest week whose weekspiegel moment has passed at `now`."""
    week = IsoWeek.of(now.astimezone(timezone).date()).shifted(-1)
    return week if digest_moment(team, week, timezone) <= now else week.shifted(-1)


@dataclass(frozen=True)
class Participation:
    """What the team put in this week; None where the count is below the group floor."""

    prompts_posted: int
    answers: int | None
    cases: int | None
    signals: int | None
    people: int | None


@dataclass(frozen=True)
class AgendaItem:
    """The top knelpunt with a prompt to discuss it in the team meeting."""

    knelpunt_id: str
    label: str
    prompt_id: str
    question: str


@dataclass(frozen=True)
class Weekspiegel:
    """Everything the weekspiegel shows for one team and one week."""

    team_id: int
    team_name: str
    week: IsoWeek
    min_group_size: int
    participation: Participation
    recurring: tuple[KnelpuntTrend, ...] = ()
    fading: tuple[KnelpuntTrend, ...] = ()
    cases: CaseSummary = field(default_factory=lambda: CaseSummary(cases=0))
    quotes: tuple[str, ...] = ()
    agenda: AgendaItem | None = None
    partial_until: datetime | None = None  # set for a preview of a week not over yet
    quote_ids: tuple[int, ...] = ()  # the answers quoted (never shown; to find them again)
    quiet: bool = False  # nothing came in this week


def sparkline(counts: Sequence[int]) -> str:
    """Unicode block bars, so the trend reads in any Slack client."""
    bars = "▁▂▃▄▅▆▇█"
    top = max(counts, default=0)
    if top == 0:
        return bars[0] * len(counts)
    return "".join(bars[0] if n == 0 else bars[max(1, round(n / top * 7))] for n in counts)


def clean_quote(text: str) -> str | None:
    """A short, safe quote: no mentions or links, no client data, at most QUOTE_LENGTH."""
    text = " ".join(_SLACK_REFERENCE.sub("", text).split())
    if not text or detected_kinds(text):
        return None
    if len(text) > QUOTE_LENGTH:
        cut = text[:QUOTE_LENGTH].rsplit(" ", 1)[0]
        text = cut.rstrip(",;:") + " …"
    return text


def pick_quotes(
    candidates: Sequence[tuple[int, str]], knelpunten: Mapping[int, set[str]], focus: set[str]
) -> list[tuple[int, str]]:
    """(answer id, quote) of up to MAX_QUOTES quotable answers, recurring knelpunten first."""
    ranked = sorted(candidates, key=lambda item: (not (knelpunten.get(item[0], set()) & focus),))
    quotes: list[tuple[int, str]] = []
    for answer_id, text in ranked:
        quote = clean_quote(text)
        if quote and quote not in [shown for _, shown in quotes]:
            quotes.append((answer_id, quote))
        if len(quotes) == MAX_QUOTES:
            break
    return quotes


def pick_agenda(
    trends: Sequence[KnelpuntTrend],
    *,
    library: PromptLibrary,
    recent_prompts: Sequence[str],
    week: IsoWeek,
) -> AgendaItem | None:
    """The top knelpunt and a library prompt about it the team did not get lately."""
    for trend in trends:
        candidates = list(library.for_knelpunt(trend.knelpunt_id))
        if not candidates:
            continue
        fresh = [prompt for prompt in candidates if prompt.id not in recent_prompts] or candidates
        prompt = fresh[(week.year * 53 + week.week) % len(fresh)]
        return AgendaItem(trend.knelpunt_id, trend.label, prompt.id, prompt.question)
    return None


def _agenda_of(fixed: str, library: PromptLibrary, labels: Mapping[str, str]) -> AgendaItem | None:
    """The agenda item stored as 'knelpunt_id|prompt_id' when the weekspiegel was sent."""
    knelpunt_id, _, prompt_id = fixed.partition("|")
    try:
        prompt = library.by_id(prompt_id)
    except KeyError:
        return None
    return AgendaItem(knelpunt_id, labels.get(knelpunt_id, knelpunt_id), prompt.id, prompt.question)


def build_weekspiegel_data(
    *,
    session: Session,
    team: Team,
    week: IsoWeek,
    labels: Mapping[str, str],
    library: PromptLibrary,
    form: CaseForm,
    timezone: ZoneInfo,
    min_group_size: int,
    now: datetime,
    quote_ids: Sequence[int] | None = None,
    agenda: str | None = None,
) -> Weekspiegel:
    """Read the team's last weeks and compute its weekspiegel as it may be shown at `now`.

    A week that is not over at `now` is a preview: it counts up to `now`, but anonymous
    answers of that week are held back until the week is closed, so no preview tells when an
    anonymous answer came in or what it was about. `quote_ids` and `agenda` rebuild a
    weekspiegel that was sent (the same quotes, minus any gone since, and the same agenda).
    """
    assert team.id is not None
    floor = GroupFloor(min_group_size)
    weeks = [week.shifted(n - HISTORY_WEEKS + 1) for n in range(HISTORY_WEEKS)]
    start, end = week.bounds(timezone)
    partial = now < end
    held_back = start if partial else None  # anonymous answers from here on wait
    end = min(end, now)
    counts = queries.knelpunt_people(
        session=session,
        team_id=team.id,
        week_starts=[w.bounds(timezone)[0].astimezone(UTC) for w in weeks],
        end=end,
        anonymous_before=held_back,
    )
    trends = trends_from_people(counts, weeks=len(weeks), labels=labels, floor=floor)
    before_start = week.shifted(-RECENT_WEEKS).bounds(timezone)[0]
    cases = case_summary(
        queries.case_rows(session=session, team_id=team.id, start=start, end=end),
        queries.case_rows(session=session, team_id=team.id, start=before_start, end=start),
        form=form,
        floor=floor,
    )
    activity = queries.activity(
        session=session, team_id=team.id, start=start, end=end, anonymous_before=held_back
    )
    participation = Participation(
        prompts_posted=activity.prompts_posted,
        answers=floor.count(activity.answers),
        cases=floor.count(activity.cases),
        signals=floor.count(activity.signals),
        people=activity.people if activity.people >= min_group_size else None,
    )
    if quote_ids is None:
        candidates = queries.quotable_answers(
            session=session, team_id=team.id, start=start, end=end
        )
        quote_knelpunten = queries.answer_knelpunt_ids(
            session=session, answer_ids=[answer_id for answer_id, _ in candidates]
        )
        focus = {t.knelpunt_id for t in trends.recurring}
        quoted = pick_quotes(candidates, quote_knelpunten, focus)
    else:
        quoted = [
            (answer_id, quote)
            for answer_id, text in queries.quotes_by_id(session=session, answer_ids=quote_ids)
            if (quote := clean_quote(text))
        ]
    if agenda is not None:
        agenda_item = _agenda_of(agenda, library, labels)
    else:
        recent_prompts = [
            prompt_id
            for prompt_id, _ in prompt_queries.prompt_history(session=session, team_id=team.id)[
                -12:
            ]
        ]
        agenda_item = pick_agenda(
            trends.recurring or trends.raised,
            library=library,
            recent_prompts=recent_prompts,
            week=week,
        )
    return Weekspiegel(
        team_id=team.id,
        team_name=team.name,
        week=week,
        min_group_size=min_group_size,
        participation=participation,
        recurring=trends.recurring,
        fading=trends.fading,
        cases=cases,
        quotes=tuple(quote for _, quote in quoted),
        agenda=agenda_item,
        partial_until=now if partial else None,
        quote_ids=tuple(answer_id for answer_id, _ in quoted),
        quiet=activity.answers + activity.cases + activity.signals == 0,
    )
