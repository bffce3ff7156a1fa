"""The signalenrapport: what the gemeente learns from its teams, chosen by the teams.

Pure functions over query results, like the weekspiegel; Block Kit, HTML and CSV are renderings
of the `Rapport` built here. Two things reach the gemeente, and nothing else:

- signals a teamleider chose to send (a knelpunt, the team's floored figures and a note);
- the monthly aggregate figures of teams whose teamleider switched sharing on.

Never a quote, never a person. The floors live in `Floors`, the one place that decides what may
be shown: a team's figures only from `min_group_size` cases, a figure across teams only from
`min_teams` teams (and `min_group_size` cases or mentions).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.cases import split_ids
from bot.schedule import is_working_day
from bot.trend import trend_word
from bot.views.wijkteam import DUTCH_MONTHS
from prompts.casus_form import DECISION_CONSULT, DECISION_REFERRED, DECISION_SELF, CaseForm
from prompts.lijnen import Lines
from storage.rapport import ChoiceRow, SignalRow, TeamMention

MIN_TEAMS = 3
TREND_MONTHS = 6
MIN_RECURRING_WEEKS = 2  # a knelpunt recurs in a team in a month: raised in 2 different weeks
MAX_CROSS_KNELPUNTEN = 8
HANDLING = ("zelf", "samen", "verwezen", "open")
HANDLING_LABELS = {
    "zelf": "zelf opgepakt",
    "samen": "samen met een partner",
    "verwezen": "doorverwezen",
    "open": "nog open",
}
INTAKE_GROUPS = ("proactief", "hulpvraag", "melding", "anders")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, as in "2026-11"."""

    year: int
    month: int

    @classmethod
    def of(cls, day: date) -> Month:
        """The month a date falls in."""
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """'2026-11' → Month; ValueError with a Dutch hint otherwise."""
        found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
        if not found or not 1 <= int(found.group(2)) <= 12:
            raise ValueError(f"geen maand: {text!r} (verwacht bijvoorbeeld 2026-11)")
        return cls(int(found.group(1)), int(found.group(2)))

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    def shifted(self, months: int) -> Month:
        """The month `months` later (negative: earlier)."""
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def first_day(self) -> date:
        """The first day of the month."""
        return date(self.year, self.month, 1)

    def bounds(self, timezone: ZoneInfo) -> tuple[datetime, datetime]:
        """[start, end) of the month in local time."""
        start = datetime.combine(self.first_day(), time(0), tzinfo=timezone)
        end = datetime.combine(self.shifted(1).first_day(), time(0), tzinfo=timezone)
        return start, end

    def label(self) -> str:
        """'november 2026'."""
        return f"{DUTCH_MONTHS[self.month - 1]} {self.year}"

    def short(self) -> str:
        """'nov 2026'."""
        return f"{DUTCH_MONTHS[self.month - 1][:3]} {self.year}"


def first_working_day(month: Month) -> date:
    """The first Monday-to-Friday of the month that is no Dutch public holiday."""
    day = month.first_day()
    while not is_working_day(day):
        day = day.fromordinal(day.toordinal() + 1)
    return day


@dataclass(frozen=True)
class Floors:
    """What may reach the gemeente: the rapport's floors, applied here and nowhere else."""

    min_group_size: int
    min_teams: int = MIN_TEAMS

    def team(self, cases: int) -> bool:
        """A team's own figures: only from min_group_size cases."""
        return cases >= self.min_group_size

    def count(self, n: int | None) -> int | None:
        """A team's count shown as it is (mentions, people, cases), or None below the floor."""
        return n if n is not None and n >= self.min_group_size else None

    def cross_team(self, teams: int, total: int) -> bool:
        """A figure across teams: only from min_teams teams and min_group_size cases."""
        return teams >= self.min_teams and total >= self.min_group_size

    def rule(self) -> str:
        """The floors in Dutch, for the rapport's footer."""
        return (
            f"Cijfers van één team staan er pas vanaf {self.min_group_size} casussen; cijfers "
            f"over teams heen pas als ze uit minstens {self.min_teams} teams komen (en uit "
            f"minstens {self.min_group_size} casussen). Wat daaronder blijft, staat er als –. "
            "Nooit een citaat, nooit een naam van een collega of cliënt."
        )


@dataclass(frozen=True)
class SignalItem:
    """One signal of one team: its figures (floored) and the teamleider's note."""

    team_name: str
    day: date
    note: str
    weeks_raised: int
    mentions: int | None
    people: int | None
    cases: int | None


@dataclass(frozen=True)
class SignalGroup:
    """The signals about one knelpunt, by team."""

    knelpunt_id: str
    label: str
    teams: int
    items: tuple[SignalItem, ...]


@dataclass(frozen=True)
class CrossKnelpunt:
    """A knelpunt recurring in several opted-in teams: how many, month by month."""

    knelpunt_id: str
    label: str
    teams: tuple[int | None, ...]  # per month of Rapport.months; None below the floor
    mentions: int  # in the rapport's month, all these teams together
    trend: str


@dataclass(frozen=True)
class Split:
    """How cases were handled: by the team itself, together with a partner, referred, open."""

    zelf: int = 0
    samen: int = 0
    verwezen: int = 0
    open: int = 0

    @property
    def cases(self) -> int:
        """All cases counted."""
        return self.zelf + self.samen + self.verwezen + self.open

    def counts(self) -> tuple[int, int, int, int]:
        """(zelf, samen, verwezen, open)."""
        return self.zelf, self.samen, self.verwezen, self.open

    def percents(self) -> tuple[int, int, int, int]:
        """The counts as whole percentages of the cases."""
        total = self.cases or 1
        return tuple(round(100 * n / total) for n in self.counts())  # type: ignore[return-value]

    def plus(self, bucket: str) -> Split:
        """This split with one more case in `bucket`."""
        values = dict(zip(HANDLING, self.counts(), strict=True))
        values[bucket] += 1
        return Split(**values)


@dataclass(frozen=True)
class DomainRow:
    """One ZRM leefgebied across the opted-in teams: the "kwestie van kiezen"."""

    domain_id: str
    label: str
    split: Split
    lines: tuple[int, ...]  # referrals per line, in the order of Lines.labels
    top_reason: str | None


@dataclass(frozen=True)
class Choice:
    """A destination, line or reason with its count across teams."""

    label: str
    count: int


@dataclass(frozen=True)
class IntakeMonth:
    """How the cases of the opted-in teams came in during one month; None below the floor."""

    month: Month
    cases: int | None  # None below the floor, like the counts
    counts: tuple[int, int, int, int] | None  # proactief, hulpvraag, melding, anders

    def percents(self) -> tuple[int, int, int, int] | None:
        """The counts as whole percentages."""
        if self.counts is None:
            return None
        total = sum(self.counts) or 1
        return tuple(round(100 * n / total) for n in self.counts)  # type: ignore[return-value]


@dataclass(frozen=True)
class TeamRow:
    """One opted-in team in the rapport's month; figures only from the team floor."""

    name: str
    cases: int | None  # None: fewer than the team floor, and then no figure at all
    proactive_percent: int | None
    split: Split | None


@dataclass(frozen=True)
class TeamMonth:
    """What one team adds to the rapport in one month: the numbers behind its figures."""

    team_id: int
    name: str
    split: Split = field(default_factory=Split)
    intake: Counter[str] = field(default_factory=Counter)
    domains: Mapping[str, Split] = field(default_factory=dict)
    domain_lines: Mapping[str, Counter[str]] = field(default_factory=dict)
    domain_reasons: Mapping[str, Counter[str]] = field(default_factory=dict)
    destinations: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    recurring: Counter[str] = field(default_factory=Counter)  # knelpunt → mentions this month

    @property
    def cases(self) -> int:
        """The team's cases this month."""
        return self.split.cases


@dataclass(frozen=True)
class Rapport:
    """Everything one month's signalenrapport shows."""

    month: Month
    months: tuple[Month, ...]  # the trend window, oldest first; the last is `month`
    floors: Floors
    sharing_teams: int
    signals: tuple[SignalGroup, ...] = ()
    recurring: tuple[CrossKnelpunt, ...] = ()
    domains: tuple[DomainRow, ...] = ()
    hidden_domains: int = 0  # leefgebieden with cases but below the cross-team floor
    line_labels: tuple[str, ...] = ()
    lines: tuple[Choice | None, ...] = ()  # per line; None below the floor
    destinations: tuple[Choice, ...] = ()
    reasons: tuple[Choice, ...] = ()
    intake: tuple[IntakeMonth, ...] = ()
    teams: tuple[TeamRow, ...] = ()
    partial_until: datetime | None = None  # set for the current month so far

    @property
    def cross_team(self) -> bool:
        """Whether enough teams share for any figure across teams."""
        return self.sharing_teams >= self.floors.min_teams

    @property
    def empty(self) -> bool:
        """No signal and no team sharing: nothing reached the gemeente this month."""
        return not self.signals and self.sharing_teams == 0


def handling_bucket(decision: str) -> str:
    """zelf | samen | verwezen | open for a case's decision."""
    return {DECISION_SELF: "zelf", DECISION_CONSULT: "samen", DECISION_REFERRED: "verwezen"}.get(
        decision, "open"
    )


def _intake_group(intake: str) -> str:
    return intake if intake in INTAKE_GROUPS else "anders"


def recurring_in_month(
    mentions: Iterable[tuple[str, datetime]], month: Month, timezone: ZoneInfo
) -> Counter[str]:
    """Knelpunt → mentions, for knelpunten raised in MIN_RECURRING_WEEKS weeks of the month."""
    weeks: dict[str, set[tuple[int, int]]] = {}
    counts: Counter[str] = Counter()
    for knelpunt_id, moment in mentions:
        local = moment.astimezone(timezone).date()
        if Month.of(local) != month:
            continue
        weeks.setdefault(knelpunt_id, set()).add(local.isocalendar()[:2])
        counts[knelpunt_id] += 1
    return Counter({k: n for k, n in counts.items() if len(weeks[k]) >= MIN_RECURRING_WEEKS})


def team_month(
    team_id: int,
    name: str,
    cases: Iterable[ChoiceRow],
    mentions: Iterable[tuple[str, datetime]],
    *,
    month: Month,
    lines: Lines,
    timezone: ZoneInfo,
) -> TeamMonth:
    """One team's numbers for one month (its cases there, its mentions of the month)."""
    split = Split()
    intake: Counter[str] = Counter()
    domains: dict[str, Split] = {}
    domain_lines: dict[str, Counter[str]] = {}
    domain_reasons: dict[str, Counter[str]] = {}
    destinations: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for row in cases:
        bucket = handling_bucket(row.decision)
        split = split.plus(bucket)
        intake[_intake_group(row.intake)] += 1
        row_lines = {lines.of_destination.get(d, "buiten") for d in split_ids(row.destinations)}
        destinations.update(split_ids(row.destinations))
        reasons.update(split_ids(row.reasons))
        for domain in split_ids(row.domains):
            domains[domain] = domains.get(domain, Split()).plus(bucket)
            domain_lines.setdefault(domain, Counter()).update(row_lines)
            domain_reasons.setdefault(domain, Counter()).update(split_ids(row.reasons))
    return TeamMonth(
        team_id=team_id,
        name=name,
        split=split,
        intake=intake,
        domains=domains,
        domain_lines=domain_lines,
        domain_reasons=domain_reasons,
        destinations=destinations,
        reasons=reasons,
        recurring=recurring_in_month(mentions, month, timezone),
    )


def _top(counter: Counter[str], labels: Mapping[str, str]) -> str | None:
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return labels.get(ranked[0][0]) if ranked else None


def _signal_groups(
    signals: Sequence[SignalRow], labels: Mapping[str, str], floors: Floors, timezone: ZoneInfo
) -> tuple[SignalGroup, ...]:
    by_knelpunt: dict[str, list[SignalRow]] = {}
    for row in signals:
        by_knelpunt.setdefault(row.knelpunt_id, []).append(row)
    groups = [
        SignalGroup(
            knelpunt_id=knelpunt_id,
            label=labels.get(knelpunt_id, knelpunt_id),
            teams=len({row.team_id for row in rows}),
            items=tuple(
                SignalItem(
                    team_name=row.team_name,
                    day=row.created_at.astimezone(timezone).date(),
                    note=row.note,
                    weeks_raised=row.weeks_raised,
                    mentions=floors.count(row.mentions),
                    people=floors.count(row.people),
                    cases=floors.count(row.cases),
                )
                for row in sorted(rows, key=lambda r: (r.team_name, r.created_at))
            ),
        )
        for knelpunt_id, rows in by_knelpunt.items()
    ]
    return tuple(sorted(groups, key=lambda g: (-g.teams, -len(g.items), g.label)))


def _cross_knelpunten(
    per_month: Sequence[Sequence[TeamMonth]], labels: Mapping[str, str], floors: Floors
) -> tuple[CrossKnelpunt, ...]:
    now = per_month[-1]
    candidates: set[str] = set()
    for team in now:
        candidates.update(team.recurring)
    found: list[CrossKnelpunt] = []
    for knelpunt_id in candidates:
        if knelpunt_id not in labels:
            continue
        raw = [sum(1 for team in teams if knelpunt_id in team.recurring) for teams in per_month]
        mentions = sum(team.recurring[knelpunt_id] for team in now)
        if not floors.cross_team(raw[-1], mentions):
            continue
        shown = tuple(
            n if floors.cross_team(n, sum(t.recurring[knelpunt_id] for t in teams)) else None
            for n, teams in zip(raw, per_month, strict=True)
        )
        # The trend word reads the line as shown: a month below the floor counts as 0.
        trend = trend_word([n or 0 for n in shown])
        found.append(CrossKnelpunt(knelpunt_id, labels[knelpunt_id], shown, mentions, trend))
    found.sort(key=lambda k: (-(k.teams[-1] or 0), -k.mentions, k.label))
    return tuple(found[:MAX_CROSS_KNELPUNTEN])


def _tally(
    teams: Sequence[TeamMonth], pick: str, labels: Mapping[str, str], floors: Floors
) -> tuple[Choice, ...]:
    """Destinations or reasons across teams, each shown only above the cross-team floor."""
    shown = []
    for key, label in labels.items():
        counts = [getattr(team, pick)[key] for team in teams]
        total = sum(counts)
        if floors.cross_team(sum(1 for n in counts if n), total):
            shown.append(Choice(label, total))
    return tuple(sorted(shown, key=lambda c: -c.count))


def _domains(
    teams: Sequence[TeamMonth], form: CaseForm, lines: Lines, floors: Floors
) -> tuple[tuple[DomainRow, ...], int]:
    rows, hidden = [], 0
    for domain_id, label in form.domains.items():
        present = [team for team in teams if domain_id in team.domains]
        if not present:
            continue
        split = Split(*(sum(n) for n in zip(*(t.domains[domain_id].counts() for t in present),
                                            strict=True)))  # fmt: skip
        if not floors.cross_team(len(present), split.cases):
            hidden += 1
            continue
        line_counts: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        for team in present:
            line_counts.update(team.domain_lines.get(domain_id, Counter()))
            reasons.update(team.domain_reasons.get(domain_id, Counter()))
        rows.append(
            DomainRow(
                domain_id=domain_id,
                label=label,
                split=split,
                lines=tuple(line_counts[line] for line in lines.labels),
                top_reason=_top(reasons, form.reasons),
            )
        )
    rows.sort(key=lambda row: -row.split.cases)
    return tuple(rows), hidden


def _intake(per_month: Sequence[Sequence[TeamMonth]], months: Sequence[Month], floors: Floors
            ) -> tuple[IntakeMonth, ...]:  # fmt: skip
    found = []
    for month, teams in zip(months, per_month, strict=True):
        total: Counter[str] = Counter()
        for team in teams:
            total.update(team.intake)
        cases = sum(total.values())
        with_cases = sum(1 for team in teams if team.cases)
        counts = (total["proactief"], total["hulpvraag"], total["melding"], total["anders"])
        shown = floors.cross_team(with_cases, cases)
        found.append(IntakeMonth(month, cases if shown else None, counts if shown else None))
    return tuple(found)


def _team_rows(teams: Sequence[TeamMonth], floors: Floors) -> tuple[TeamRow, ...]:
    rows = []
    for team in sorted(teams, key=lambda t: t.name):
        if floors.team(team.cases):
            proactive = round(100 * team.intake["proactief"] / team.cases)
            rows.append(TeamRow(team.name, team.cases, proactive, team.split))
        else:
            rows.append(TeamRow(team.name, None, None, None))
    return tuple(rows)


def build_rapport(
    month: Month,
    *,
    signals: Sequence[SignalRow],
    sharing: Sequence[tuple[int, str]],
    cases: Sequence[ChoiceRow],
    mentions: Sequence[TeamMention],
    labels: Mapping[str, str],
    form: CaseForm,
    lines: Lines,
    floors: Floors,
    timezone: ZoneInfo,
    partial_until: datetime | None = None,
) -> Rapport:
    """The rapport of `month` from the signals and the opted-in teams' rows of the trend window."""
    months = tuple(month.shifted(n - TREND_MONTHS + 1) for n in range(TREND_MONTHS))
    bounds = [m.bounds(timezone) for m in months]
    cases_of: dict[int, list[ChoiceRow]] = {}
    for row in cases:
        cases_of.setdefault(row.team_id, []).append(row)
    mentions_of: dict[int, list[tuple[str, datetime]]] = {}
    for mention in mentions:
        mentions_of.setdefault(mention.team_id, []).append(
            (mention.knelpunt_id, mention.created_at)
        )
    per_month = [
        [
            team_month(
                team_id,
                name,
                (r for r in cases_of.get(team_id, ()) if start <= r.created_at < end),
                mentions_of.get(team_id, ()),
                month=m,
                lines=lines,
                timezone=timezone,
            )
            for team_id, name in sharing
        ]
        for m, (start, end) in zip(months, bounds, strict=True)
    ]
    now = per_month[-1]
    domains, hidden = _domains(now, form, lines, floors)
    line_choices = []
    for line, label in lines.labels.items():
        per_team = [
            sum(n for d, n in team.destinations.items() if lines.of_destination.get(d) == line)
            for team in now
        ]
        total, teams_with = sum(per_team), sum(1 for n in per_team if n)
        line_choices.append(Choice(label, total) if floors.cross_team(teams_with, total) else None)
    return Rapport(
        month=month,
        months=months,
        floors=floors,
        sharing_teams=len(sharing),
        signals=_signal_groups(signals, labels, floors, timezone),
        recurring=_cross_knelpunten(per_month, labels, floors) if len(sharing) else (),
        domains=domains,
        hidden_domains=hidden,
        line_labels=tuple(lines.labels.values()),
        lines=tuple(line_choices),
        destinations=_tally(now, "destinations", form.destinations, floors),
        reasons=_tally(now, "reasons", form.reasons, floors),
        intake=_intake(per_month, months, floors),
        teams=_team_rows(now, floors),
        partial_until=partial_until,
    )
