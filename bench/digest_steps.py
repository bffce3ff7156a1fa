"""Pieces of bench.digest_scale: one digest, its floor, its steps and statements, formatting."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, event

from bot.floors import GroupFloor
from bot.weekspiegel import (
    HISTORY_WEEKS,
    RECENT_WEEKS,
    IsoWeek,
    Weekspiegel,
    build_weekspiegel_data,
    trends_from_people,
)
from prompts.casus_form import CaseForm
from prompts.library import PromptLibrary
from storage import digest as queries
from storage import prompts as prompt_queries
from storage.engine import read_scope
from storage.models import Team

MIN_GROUP_SIZE = 3

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """What every digest of the run shares."""

    engine: Engine
    week: IsoWeek
    labels: dict[str, str]
    library: PromptLibrary
    form: CaseForm
    timezone: ZoneInfo


def timed(call: Callable[[], T]) -> tuple[float, T]:
    """(seconds, result) of one call."""
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def digest(ctx: Context, team: Team) -> Weekspiegel:
    """One team's weekspiegel, read-only as WeekspiegelSender.compute reads it."""
    with read_scope(ctx.engine) as session:
        return build_weekspiegel_data(
            session=session,
            team=team,
            week=ctx.week,
            labels=ctx.labels,
            library=ctx.library,
            form=ctx.form,
            timezone=ctx.timezone,
            min_group_size=MIN_GROUP_SIZE,
            now=ctx.week.shifted(1).bounds(ctx.timezone)[1],  # the week is over
        )


def floor(ctx: Context, team: Team) -> int:
    """The COUNT(*) floor for the same team and week."""
    assert team.id is not None
    start, end = ctx.week.bounds(ctx.timezone)
    with read_scope(ctx.engine) as session:
        return queries.count_floor(session=session, team_id=team.id, start=start, end=end)


def breakdown(ctx: Context, team: Team) -> dict[str, float]:
    """Seconds per step of build_weekspiegel_data, called with the arguments it uses."""
    assert team.id is not None
    team_id = team.id
    weeks = [ctx.week.shifted(n - HISTORY_WEEKS + 1) for n in range(HISTORY_WEEKS)]
    start, end = ctx.week.bounds(ctx.timezone)
    before = ctx.week.shifted(-RECENT_WEEKS).bounds(ctx.timezone)[0]
    steps: dict[str, float] = {}
    with read_scope(ctx.engine) as s:
        starts = [week.bounds(ctx.timezone)[0] for week in weeks]
        steps["knelpunt_people (8 weeks, SQL)"], found = timed(
            lambda: queries.knelpunt_people(session=s, team_id=team_id, week_starts=starts, end=end)
        )
        steps["trends_from_people (Python)"], _ = timed(
            lambda: trends_from_people(
                found, weeks=len(weeks), labels=ctx.labels, floor=GroupFloor(MIN_GROUP_SIZE)
            )
        )
        steps["(mentions found)"] = float(
            sum(row.mentions for row in found if row.source == queries.ALL_SOURCES)
        )
        steps["(rows read)"] = float(len(found))
        steps["case_rows (week + 4 before)"], _ = timed(
            lambda: (
                queries.case_rows(session=s, team_id=team_id, start=start, end=end),
                queries.case_rows(session=s, team_id=team_id, start=before, end=start),
            )
        )
        steps["activity"], _ = timed(
            lambda: queries.activity(session=s, team_id=team_id, start=start, end=end)
        )
        steps["quotable_answers"], candidates = timed(
            lambda: queries.quotable_answers(session=s, team_id=team_id, start=start, end=end)
        )
        steps["answer_knelpunt_ids"], _ = timed(
            lambda: queries.answer_knelpunt_ids(
                session=s, answer_ids=[answer_id for answer_id, _ in candidates]
            )
        )
        steps["prompt_history"], _ = timed(
            lambda: prompt_queries.prompt_history(session=s, team_id=team_id)
        )
    return steps


def capture_statements(ctx: Context, team: Team) -> list[tuple[str, Any]]:
    """The SQL statements (with parameters) one digest sends."""
    statements: list[tuple[str, Any]] = []

    def listen(_conn: Any, _cursor: Any, sql: str, params: Any, _context: Any, _many: bool) -> None:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((sql, params))

    event.listen(ctx.engine, "before_cursor_execute", listen)
    try:
        digest(ctx, team)
    finally:
        event.remove(ctx.engine, "before_cursor_execute", listen)
    return statements


def quantile(values: Sequence[float], q: float) -> float:
    """The q-quantile (nearest rank) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def ms(seconds: float) -> str:
    """Seconds as milliseconds for the table."""
    return f"{seconds * 1000:.1f} ms"


def verdict(value: float, aim: float) -> str:
    """'OK' or 'MISSED' against an aim."""
    return "OK" if value < aim else "MISSED"


def mb(size: float) -> str:
    """Bytes as MB (10^6)."""
    return f"{size / 1e6:,.1f} MB"


@dataclass(frozen=True)
class Result:
    """One backend's headline figures."""

    one_digest: float
    one_p90: float
    one_floor: float
    all_digest: float
    all_floor: float
    teams: int
    database_bytes: int
    per_team_year: float  # bytes a team adds in a year at the bench's rates


def print_side_by_side(results: Sequence[tuple[str, Result]]) -> None:
    """The headline figures of every backend of this run, next to each other."""
    print("\nside by side (one run):")
    print(
        f"{'backend':<12}{'one team':>10}{'p90':>10}{'floor':>9}{'ratio':>7}"
        f"{'all teams':>11}{'floor':>9}{'ratio':>7}{'db size':>12}{'team/yr':>10}"
    )
    for backend, r in results:
        print(
            f"{backend:<12}{ms(r.one_digest):>10}{ms(r.one_p90):>10}{ms(r.one_floor):>9}"
            f"{r.one_digest / r.one_floor:>6.1f}x{r.all_digest:>9.2f} s{r.all_floor:>7.2f} s"
            f"{r.all_digest / r.all_floor:>6.1f}x{mb(r.database_bytes):>12}"
            f"{mb(r.per_team_year):>10}"
        )
    base = results[0]
    for backend, r in results[1:]:
        print(
            f"{backend} / {base[0]}: one team {r.one_digest / base[1].one_digest:.2f}x, "
            f"all teams {r.all_digest / base[1].all_digest:.2f}x"
        )
