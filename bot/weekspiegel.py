"""The weekspiegel: what kept coming back in a team's week. Knows nothing of Slack.

It is a mirror of the team, never a ranking of people: no user ids leave this module, counts of
people appear only from the minimum group size, and case breakdowns only from that many cases.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.cases import split_ids
from bot.schedule import local_moment
from bot.trend import trend_word
from privacy.guard import detected_kinds
from prompts.casus_form import INTAKE_PROACTIVE, CaseForm
from prompts.library import PromptLibrary
from storage import digest as queries
from storage import prompts as prompt_queries
from storage.models import Team

HISTORY_WEEKS = 8  # the sparkline
RECENT_WEEKS = 4  # "raised in at least 2 of the last 4 weeks"
STREAK_WEEKS = 6  # "in how many of the last six weeks"
MIN_RECURRING_WEEKS = 2
MIN_RECURRING_PEOPLE = 3
MIN_RECURRING_CASES = 3
MAX_RECURRING = 5
MAX_QUOTES = 3
QUOTE_LENGTH = 200
TOP_CHOICES = 3
# A change of a share ("+20 procentpunt") needs this many cases in both periods: with fewer,
# one case alone moves a share by more than 10 procentpunt.
MIN_CHANGE_CASES = 10

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
class KnelpuntTrend:
    """One knelpunt over the last weeks."""

    knelpunt_id: str
    label: str
    count: int  # mentions this week
    sources: tuple[str, ...]  # kinds of source this week: antwoord, casus, signaal
    weekly: tuple[int, ...]  # HISTORY_WEEKS counts, oldest first; the last is this week
    weeks_in_a_row: int
    weeks_of_last_six: int
    trend: str  # the line's shape, by bot.trend: nieuw | stijgend | stabiel | dalend | wegebbend


@dataclass(frozen=True)
class Share:
    """A choice with its count and share of the cases."""

    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class CaseSummary:
    """How questions came in and what the team did with them; None parts when too few cases."""

    cases: int
    proactive_percent: int | None = None
    # share over the previous RECENT_WEEKS weeks; None unless both have MIN_CHANGE_CASES
    proactive_before: int | None = None
    decisions: tuple[Share, ...] = ()
    destinations: tuple[Share, ...] = ()
    reasons: tuple[Share, ...] = ()


@dataclass(frozen=True)
class Participation:
    """What the team put in this week; people only from the minimum group size."""

    prompts_posted: int
    answers: int
    cases: int
    signals: int
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
    partial_until: datetime | None = None  # set for a preview of the week so far

    @property
    def quiet(self) -> bool:
        """Nothing came in this week."""
        p = self.participation
        return p.answers + p.cases + p.signals == 0


def sparkline(counts: Sequence[int]) -> str:
    """Unicode block bars, so the trend reads in any Slack client."""
    bars = "▁▂▃▄▅▆▇█"
    top = max(counts, default=0)
    if top == 0:
        return bars[0] * len(counts)
    return "".join(bars[0] if n == 0 else bars[max(1, round(n / top * 7))] for n in counts)


def _streak(weekly: Sequence[int]) -> int:
    streak = 0
    for count in reversed(weekly):
        if count == 0:
            break
        streak += 1
    return streak


def knelpunt_trends(
    mentions: Sequence[queries.Mention],
    *,
    weeks: Sequence[IsoWeek],
    labels: Mapping[str, str],
    timezone: ZoneInfo,
) -> tuple[list[KnelpuntTrend], list[KnelpuntTrend]]:
    """(recurring this week, ranked; fading: recurring before but not raised this week)."""
    # Each mention's week by bisecting the weeks' start moments: there are thousands of them.
    # In UTC, like the stored times: comparing across time zones costs a lookup each time.
    starts = [week.bounds(timezone)[0].astimezone(UTC) for week in weeks]
    end = weeks[-1].bounds(timezone)[1].astimezone(UTC)
    weekly: dict[str, list[int]] = {}
    people: dict[str, set[str]] = {}
    cases: Counter[str] = Counter()
    sources: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.knelpunt_id not in labels:
            continue  # a knelpunt removed from the taxonomy
        position = bisect_right(starts, mention.created_at) - 1
        if position < 0 or mention.created_at >= end:
            continue
        weekly.setdefault(mention.knelpunt_id, [0] * len(weeks))[position] += 1
        if position == len(weeks) - 1:
            sources.setdefault(mention.knelpunt_id, set()).add(mention.source)
            if mention.author:
                people.setdefault(mention.knelpunt_id, set()).add(mention.author)
            if mention.source == queries.SOURCE_CASE:
                cases[mention.knelpunt_id] += 1
    recurring, fading = [], []
    order = (queries.SOURCE_ANSWER, queries.SOURCE_CASE, queries.SOURCE_SIGNAL)
    for knelpunt_id, counts in weekly.items():
        recent = counts[-RECENT_WEEKS:]
        trend = KnelpuntTrend(
            knelpunt_id=knelpunt_id,
            label=labels[knelpunt_id],
            count=counts[-1],
            sources=tuple(s for s in order if s in sources.get(knelpunt_id, set())),
            weekly=tuple(counts),
            weeks_in_a_row=_streak(counts),
            weeks_of_last_six=sum(1 for n in counts[-STREAK_WEEKS:] if n),
            trend=trend_word(counts),
        )
        if counts[-1] > 0:
            if (
                sum(1 for n in recent if n) >= MIN_RECURRING_WEEKS
                or len(people.get(knelpunt_id, ())) >= MIN_RECURRING_PEOPLE
                or cases[knelpunt_id] >= MIN_RECURRING_CASES
            ):
                recurring.append(trend)
        elif sum(1 for n in counts[-1 - RECENT_WEEKS : -1] if n) >= MIN_RECURRING_WEEKS:
            fading.append(trend)
    recurring.sort(key=lambda t: (-t.count, -t.weeks_of_last_six, -len(t.sources), t.knelpunt_id))
    fading.sort(key=lambda t: (-sum(t.weekly), t.knelpunt_id))
    return recurring[:MAX_RECURRING], fading[:2]


def _shares(counter: Counter[str], total: int, labels: Mapping[str, str], top: int) -> list[Share]:
    ranked = sorted(counter.items(), key=lambda item: (-item[1], list(labels).index(item[0])))
    return [
        Share(labels[value], count, round(100 * count / total))
        for value, count in ranked[:top]
        if value in labels
    ]


def _proactive_percent(rows: Sequence[queries.CaseRow]) -> int:
    return round(100 * sum(1 for row in rows if row.intake == INTAKE_PROACTIVE) / len(rows))


def case_summary(
    this_week: Sequence[queries.CaseRow],
    before: Sequence[queries.CaseRow],
    *,
    form: CaseForm,
    min_group_size: int,
) -> CaseSummary:
    """Intake and decisions; shares only from min_group_size cases, so no case stands out."""
    total = len(this_week)
    if total < min_group_size:
        return CaseSummary(cases=total)
    destinations: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for row in this_week:
        destinations.update(split_ids(row.destinations))
        reasons.update(split_ids(row.reasons))
    decisions = Counter(row.decision for row in this_week)
    return CaseSummary(
        cases=total,
        proactive_percent=_proactive_percent(this_week),
        proactive_before=_proactive_percent(before)
        if min(total, len(before)) >= max(min_group_size, MIN_CHANGE_CASES)
        else None,
        decisions=tuple(_shares(decisions, total, form.decisions, len(form.decisions))),
        destinations=tuple(
            s for s in _shares(destinations, total, form.destinations, TOP_CHOICES) if s.count > 1
        ),
        reasons=tuple(s for s in _shares(reasons, total, form.reasons, TOP_CHOICES) if s.count > 1),
    )


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
) -> list[str]:
    """Up to MAX_QUOTES quotable answers, those about the recurring knelpunten first."""
    ranked = sorted(candidates, key=lambda item: (not (knelpunten.get(item[0], set()) & focus),))
    quotes: list[str] = []
    for _, text in ranked:
        quote = clean_quote(text)
        if quote and quote not in quotes:
            quotes.append(quote)
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
    until: datetime | None = None,
) -> Weekspiegel:
    """Read the team's last weeks and compute its weekspiegel (until: a preview of this week)."""
    assert team.id is not None
    weeks = [week.shifted(n - HISTORY_WEEKS + 1) for n in range(HISTORY_WEEKS)]
    start, end = week.bounds(timezone)
    if until is not None:
        end = min(end, until)
    history_start = weeks[0].bounds(timezone)[0]
    mentions = queries.mentions(session=session, team_id=team.id, start=history_start, end=end)
    recurring, fading = knelpunt_trends(mentions, weeks=weeks, labels=labels, timezone=timezone)
    before_start = week.shifted(-RECENT_WEEKS).bounds(timezone)[0]
    cases = case_summary(
        queries.case_rows(session=session, team_id=team.id, start=start, end=end),
        queries.case_rows(session=session, team_id=team.id, start=before_start, end=start),
        form=form,
        min_group_size=min_group_size,
    )
    activity = queries.activity(session=session, team_id=team.id, start=start, end=end)
    participation = Participation(
        prompts_posted=activity.prompts_posted,
        answers=activity.answers,
        cases=activity.cases,
        signals=activity.signals,
        people=activity.people if activity.people >= min_group_size else None,
    )
    candidates = queries.quotable_answers(session=session, team_id=team.id, start=start, end=end)
    quote_knelpunten = queries.answer_knelpunt_ids(
        session=session, answer_ids=[answer_id for answer_id, _ in candidates]
    )
    recent_prompts = [
        prompt_id
        for prompt_id, _ in prompt_queries.prompt_history(session=session, team_id=team.id)[-12:]
    ]
    top = recurring or _most_raised(mentions, labels, weeks, timezone)
    return Weekspiegel(
        team_id=team.id,
        team_name=team.name,
        week=week,
        min_group_size=min_group_size,
        participation=participation,
        recurring=tuple(recurring),
        fading=tuple(fading),
        cases=cases,
        quotes=tuple(pick_quotes(candidates, quote_knelpunten, {t.knelpunt_id for t in recurring})),
        agenda=pick_agenda(top, library=library, recent_prompts=recent_prompts, week=week),
        partial_until=until,
    )


def _most_raised(
    mentions: Sequence[queries.Mention],
    labels: Mapping[str, str],
    weeks: Sequence[IsoWeek],
    timezone: ZoneInfo,
) -> list[KnelpuntTrend]:
    """When nothing recurs: this week's knelpunten by count, for the agenda suggestion."""
    this_week = [
        m
        for m in mentions
        if IsoWeek.of(m.created_at.astimezone(timezone).date()) == weeks[-1]
        and m.knelpunt_id in labels
    ]
    counts = Counter(m.knelpunt_id for m in this_week)
    return [
        KnelpuntTrend(k, labels[k], n, (), (n,), 1, 1, "nieuw")
        for k, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
