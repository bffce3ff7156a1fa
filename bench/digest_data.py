"""Synthetic data for bench.digest_scale: teams, weekly prompts, answers, cases and signals.

The schema comes from the product (``create_db_engine`` + ``upgrade_to_head``) on SQLite or
PostgreSQL; rows are then written in bulk by a sink (bench/digest_sinks.py): raw ``executemany``
on one sqlite3 connection, or ``COPY ... FROM STDIN`` on one psycopg connection. The bench then
measures the database through the product's own engine.

Timestamps are written exactly as SQLAlchemy stores ``UTCDateTime``: naive UTC
``YYYY-MM-DD HH:MM:SS.ffffff`` (on SQLite checked against an ORM insert by
``check_time_format``; PostgreSQL parses the same text into ``timestamp without time zone``).
Everything is drawn from one seeded ``random.Random``, so a seed gives the same database.
"""

from __future__ import annotations

import random
import time
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.digest_sinks import open_sink
from bot.schedule import local_moment
from bot.weekspiegel import IsoWeek
from prompts.casus_form import CaseForm
from prompts.library import PromptLibrary
from storage.engine import create_db_engine
from storage.migrate import upgrade_to_head

TIMEZONE = ZoneInfo("Europe/Amsterdam")
LAST_WEEK = IsoWeek(2026, 47)  # the newest generated week; the bench measures this one
WEEKS = 52
PROMPT_WEEKDAY = 1  # Tuesday, the product default
PROMPT_MINUTE = 9 * 60
LINKS_PER_ITEM = (0, 1, 2, 3)
ANSWER_LINK_WEIGHTS = (0.35, 0.35, 0.20, 0.10)  # knelpunten per answer (mean 1.05)
CASE_LINK_WEIGHTS = (0.30, 0.40, 0.20, 0.10)
SIGNAL_LINK_WEIGHTS = (0.10, 0.60, 0.25, 0.05)
TEXT_POOL = 3000  # distinct texts per kind; rows pick from the pool (generation speed)

_VOCABULARY = (
    "we hebben deze week veel gesproken over de wachtlijst bij de ggz en wat dat doet met "
    "gezinnen in de wijk het team merkt dat collega's het lastig vinden om grenzen te stellen "
    "huisarts overleg casus schuldhulp woningcorporatie mantelzorger zorgen signalen netwerk "
    "vrijwilligers jeugdhulp wmo indicatie tijd druk werkdruk intervisie leren feedback "
    "samenwerking afstemming doorverwijzen consult specialist expertise mandaat escalatie "
    "budget regels formulier registratie systeem dossier bespreking wijkagent veiligheid "
    "meldcode vertrouwen ruimte eigen kracht regie cliënt bewoner buurt preventie vroeg "
    "signaleren huisbezoek telefoon mail afspraak planning rooster ziekte vervanging nieuwe "
    "collega inwerken kennis delen reflectie ervaring lastig mooi goed moeilijk zwaar "
    "opgelucht trots onzeker frustratie geduld wachten bellen terugkoppeling niemand iedereen "
    "soms vaak nooit altijd weer opnieuw eindelijk gelukt niet wel misschien volgende keer"
)
_WORDS = _VOCABULARY.split()


@dataclass(frozen=True)
class Volume:
    """What to generate."""

    teams: int
    answers: int
    cases: int
    signals: int
    weeks: int = WEEKS
    last_week: IsoWeek = LAST_WEEK
    seed: int = 1


@dataclass(frozen=True)
class Generated:
    """What was generated, and how long it took."""

    slots: int
    answer_links: int
    case_links: int
    signal_links: int
    seconds: float


def db_time(moment: datetime) -> str:
    """An aware datetime as SQLAlchemy stores UTCDateTime in SQLite."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def check_time_format(path: Path) -> None:
    """Insert one team through the ORM into a scratch database and compare the stored text."""
    from sqlmodel import Session

    from storage.models import Team

    moment = datetime(2026, 3, 29, 1, 30, 5, 7, tzinfo=UTC)
    engine = create_db_engine(f"sqlite:///{path}")
    try:
        upgrade_to_head(engine)
        with Session(engine) as session:
            session.add(Team(channel_id="CCHECK", name="check", created_at=moment))
            session.commit()
        with engine.connect() as connection:
            stored = connection.exec_driver_sql("SELECT created_at FROM team").scalar_one()
    finally:
        engine.dispose()
    if stored != db_time(moment):
        raise RuntimeError(f"ORM stores {stored!r}, raw insert would store {db_time(moment)!r}")


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split total over the weights in whole numbers that add up exactly (largest remainder)."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    counts = [int(x) for x in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: counts[i] - raw[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _season(week: IsoWeek) -> float:
    if week.week in (52, 53, 1):
        return 0.4  # Christmas
    if 29 <= week.week <= 33:
        return 0.6  # summer holidays
    return 1.0


def _texts(rng: random.Random, count: int, mu: float, sigma: float, limit: int) -> list[str]:
    """Plain Dutch-looking texts with log-normal lengths (no digits, names or links)."""
    texts = []
    for _ in range(count):
        target = min(limit, max(12, int(rng.lognormvariate(mu, sigma))))
        words: list[str] = []
        length = 0
        sentence = 0
        while length < target:
            word = rng.choice(_WORDS)
            if sentence == 0:
                word = word.capitalize()
            sentence += 1
            if sentence > rng.randint(6, 16):
                word += "."
                sentence = 0
            words.append(word)
            length += len(word) + 1
        texts.append(" ".join(words)[: limit - 1].rstrip(" .") + ".")  # within the column
    return texts


class _Picker:
    """Draws 0–3 distinct knelpunten with a team's own (skewed) preferences."""

    def __init__(self, rng: random.Random, ids: Sequence[str], link_weights: Sequence[float]):
        self.rng = rng
        self.ids = list(ids)
        self.link_cum = list(accumulate(link_weights))

    def team_weights(self) -> list[float]:
        """Cumulative weights: a few knelpunten dominate a team, which makes them recur."""
        weights = [self.rng.paretovariate(1.0) for _ in self.ids]
        return list(accumulate(weights))

    def pick(self, team_cum: list[float]) -> set[str]:
        """The knelpunten of one item."""
        k = bisect(self.link_cum, self.rng.random() * self.link_cum[-1])
        if k == 0:
            return set()
        return set(self.rng.choices(self.ids, cum_weights=team_cum, k=k))


def generate(
    url: str,
    volume: Volume,
    *,
    knelpunt_ids: Sequence[str],
    library: PromptLibrary,
    form: CaseForm,
) -> Generated:
    """Create the schema in the (new, empty) database at url and fill it."""
    started = time.perf_counter()
    engine = create_db_engine(url)
    upgrade_to_head(engine)
    engine.dispose()
    sink = open_sink(url)

    rng = random.Random(volume.seed)
    weeks = [volume.last_week.shifted(n - volume.weeks + 1) for n in range(volume.weeks)]
    first_monday = weeks[0].monday()
    team_created = db_time(local_moment(first_monday - timedelta(days=60), 8 * 60, TIMEZONE))

    # Teams: 8–30 professionals each, with their own activity level and knelpunt profile.
    team_ids = list(range(1, volume.teams + 1))
    users = {t: [f"U{t:04d}{n:06d}" for n in range(rng.randint(8, 30))] for t in team_ids}
    activity = {t: len(users[t]) * rng.uniform(0.5, 1.5) for t in team_ids}
    answer_picker = _Picker(rng, knelpunt_ids, ANSWER_LINK_WEIGHTS)
    case_picker = _Picker(rng, knelpunt_ids, CASE_LINK_WEIGHTS)
    signal_picker = _Picker(rng, knelpunt_ids, SIGNAL_LINK_WEIGHTS)
    profile = {t: answer_picker.team_weights() for t in team_ids}

    cells = [(w, t) for w in range(len(weeks)) for t in team_ids]

    def spread(total: int) -> list[int]:
        weights = [activity[t] * _season(weeks[w]) * rng.uniform(0.75, 1.25) for w, t in cells]
        return allocate(total, weights)

    answers_per_cell = spread(volume.answers)
    cases_per_cell = spread(volume.cases)
    signals_per_cell = spread(volume.signals)

    answer_texts = _texts(rng, TEXT_POOL, 5.3, 0.6, 4000)  # median ~200 characters
    case_texts = _texts(rng, TEXT_POOL, 5.5, 0.5, 1500)  # median ~245
    signal_texts = _texts(rng, TEXT_POOL, 4.4, 0.5, 1000)  # median ~80
    notes = _texts(rng, 200, 3.8, 0.4, 300)
    prompts = list(library)
    intakes = list(form.intakes)
    intake_cum = list(
        accumulate({"hulpvraag": 4, "melding": 3.5, "proactief": 1.5}.get(i, 1) for i in intakes)
    )
    decisions = list(form.decisions)
    decision_cum = list(
        accumulate({"zelf": 4.5, "consult": 2, "doorverwezen": 2.5}.get(d, 1) for d in decisions)
    )
    destinations = list(form.destinations)
    reasons = list(form.reasons)
    domains = list(form.domains)

    sink.insert(
        "team",
        "id, channel_id, name, created_at, prompt_weekday, prompt_minute, paused, "
        "skip_holidays, themes, reminder_enabled, attention_reason, attention_since, "
        "digest_weekday, digest_minute",
        (
            (t, f"C{t:010d}", f"Wijkteam {t:03d}", team_created, PROMPT_WEEKDAY, PROMPT_MINUTE,
             0, 1, "leercultuur,casuistiek,doorverwijzing", 0, None, None, 0, 510)
            for t in team_ids
        ),
    )  # fmt: skip
    sink.insert(
        "teamleider",
        "team_id, user_id, added_at",
        ((t, u, team_created) for t in team_ids for u in users[t][: 1 + t % 2]),
    )

    slot_id = answer_id = case_id = signal_id = 0
    answer_links = case_links = signal_links = 0
    for w, week in enumerate(weeks):
        start = week.bounds(TIMEZONE)[0].astimezone(UTC)
        end = week.shifted(1).bounds(TIMEZONE)[0].astimezone(UTC)
        base = start.replace(tzinfo=None)
        span = (end - start).total_seconds()
        tuesday = week.monday() + timedelta(days=PROMPT_WEEKDAY)
        sent = local_moment(tuesday, PROMPT_MINUTE, TIMEZONE)
        sent_offset = (sent - start).total_seconds()
        noon = [
            (local_moment(week.monday() + timedelta(days=d), 12 * 60, TIMEZONE) - start)
            for d in range(7)
        ]
        slots: list[tuple] = []
        answers: list[tuple] = []
        cases: list[tuple] = []
        signals: list[tuple] = []
        for t in team_ids:
            cell = w * volume.teams + t - 1
            slot_id += 1
            prompt = rng.choice(prompts)
            slots.append(
                (slot_id, t, tuesday.isoformat(), "schema", tuesday.isoformat(), prompt.id,
                 prompt.theme, f"C{t:010d}", "sent", 1, None,
                 db_time(sent - timedelta(minutes=1)), db_time(sent - timedelta(seconds=1)),
                 db_time(sent), f"{int(sent.timestamp())}.{slot_id % 1_000_000:06d}",
                 None, None)
            )  # fmt: skip
            people = users[t]
            for _ in range(answers_per_cell[cell]):
                offset = sent_offset + 60 + (span - sent_offset - 60) * rng.random() ** 2
                kind = rng.random()
                if 0.60 <= kind < 0.75:  # anonymous modal answer: local midday of its day
                    day = int(offset // 86400)
                    offset = max(noon[min(day, 6)].total_seconds(), sent_offset + 60)
                    user = None
                else:
                    user = rng.choice(people)
                created = (base + timedelta(seconds=offset)).isoformat(" ", "microseconds")
                answers.append((created, t, user, kind, offset))
            for _ in range(cases_per_cell[cell]):
                offset = rng.randrange(5) * 86400 + 7 * 3600 + rng.random() * 10 * 3600
                created = (base + timedelta(seconds=offset)).isoformat(" ", "microseconds")
                cases.append((created, t, rng.choice(people)))
            for _ in range(signals_per_cell[cell]):
                offset = rng.randrange(5) * 86400 + 7 * 3600 + rng.random() * 10 * 3600
                created = (base + timedelta(seconds=offset)).isoformat(" ", "microseconds")
                signals.append((created, t, rng.choice(people)))
        sink.insert(
            "prompt_slot",
            "id, team_id, slot_key, kind, slot_date, prompt_id, theme, channel_id, status, "
            "attempts, last_error, created_at, claimed_at, sent_at, message_ts, "
            "reminder_due_at, reminder_sent_at",
            slots,
        )
        first_slot = slot_id - volume.teams  # slot of team t this week: first_slot + t

        # Ids follow time, across teams, as they would in production.
        answers.sort()
        answer_rows: list[tuple] = []
        link_rows: list[tuple[int, str]] = []
        start_epoch = start.timestamp()
        for created, t, user, kind, offset in answers:
            answer_id += 1
            text = answer_texts[rng.randrange(TEXT_POOL)]
            if kind < 0.60:  # thread reply
                channel: str | None = f"C{t:010d}"
                ts: str | None = f"{int(start_epoch + offset)}.{answer_id % 1_000_000:06d}"
                row = (answer_id, first_slot + t, t, user, 0, 0, "thread", text, channel, ts)
            elif kind < 0.75:  # anonymous modal
                row = (answer_id, first_slot + t, t, None, 1, int(kind < 0.70), "modal", text,
                       None, None)  # fmt: skip
            else:  # named modal; 60% marked quotable
                row = (answer_id, first_slot + t, t, user, 0, int(kind >= 0.85), "modal", text,
                       None, None)  # fmt: skip
            answer_rows.append((*row, created, None))
            link_rows += [(answer_id, k) for k in answer_picker.pick(profile[t])]
        sink.insert(
            "answer",
            "id, slot_id, team_id, user_id, anonymous, quotable, source, text, channel_id, "
            "message_ts, created_at, updated_at",
            answer_rows,
        )
        sink.insert("answer_knelpunt", "answer_id, knelpunt_id", link_rows)
        answer_links += len(link_rows)

        cases.sort()
        case_rows: list[tuple] = []
        link_rows = []
        for created, t, user in cases:
            case_id += 1
            decision = decisions[bisect(decision_cum, rng.random() * decision_cum[-1])]
            referred = decision in ("doorverwezen", "consult")
            case_rows.append(
                (case_id, t, user, case_texts[rng.randrange(TEXT_POOL)],
                 ",".join(sorted(set(rng.choices(domains, k=rng.randint(1, 3))))),
                 intakes[bisect(intake_cum, rng.random() * intake_cum[-1])],
                 decision,
                 ",".join(sorted(set(rng.choices(destinations, k=rng.randint(1, 2)))))
                 if referred else "",
                 ",".join(sorted(set(rng.choices(reasons, k=rng.randint(1, 2)))))
                 if referred or rng.random() < 0.2 else "",
                 notes[rng.randrange(len(notes))] if rng.random() < 0.2 else "",
                 int(rng.random() < 0.1), None, created, None)
            )  # fmt: skip
            link_rows += [(case_id, k) for k in case_picker.pick(profile[t])]
        sink.insert(
            "casus",
            "id, team_id, user_id, description, domains, intake, decision, destinations, "
            "reasons, reason_note, bring_up, discussed_slot_id, created_at, updated_at",
            case_rows,
        )
        sink.insert("casus_knelpunt", "casus_id, knelpunt_id", link_rows)
        case_links += len(link_rows)

        signals.sort()
        signal_rows: list[tuple] = []
        link_rows = []
        for created, t, user in signals:
            signal_id += 1
            signal_rows.append(
                (signal_id, t, user, signal_texts[rng.randrange(TEXT_POOL)], created, None)
            )
            link_rows += [(signal_id, k) for k in signal_picker.pick(profile[t])]
        sink.insert(
            "knelpunt_signal",
            "id, team_id, user_id, text, created_at, updated_at",
            signal_rows,
        )
        sink.insert("signal_knelpunt", "signal_id, knelpunt_id", link_rows)
        signal_links += len(link_rows)
    sink.finish()
    return Generated(
        slots=slot_id,
        answer_links=answer_links,
        case_links=case_links,
        signal_links=signal_links,
        seconds=time.perf_counter() - started,
    )
