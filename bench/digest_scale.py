"""How fast the weekspiegel (weekly digest) is at municipal scale, against a plain COUNT(*).

Run from the repository root::

    .venv/bin/python -m bench.digest_scale [--answers N] [--cases N] [--signals N] [--teams N]
                                           [--db PATH] [--db-url URL] [--keep]
                                           [--backends sqlite,postgresql]
                                           [--sample N] [--repeat N] [--check FILE]

Per backend (``--backends``, in that order, in one run; side by side at the end) it builds a
SQLite file or a PostgreSQL database of its own (bench/digest_backend.py), by default with
1,000,000 answers, 200,000 cases and 100,000 knelpunt signals of 300 teams over 52 weeks, each
with 0–3 knelpunten (bench/digest_data.py), and measures, for the newest week:

(a) one team's digest: ``build_weekspiegel_data`` (median over --sample random teams, each the
    median of --repeat runs), and the Block Kit rendering ``build_weekspiegel`` separately;
(b) all teams' digests for that week, one after the other, as the scheduler would;
(c) the floor: ``storage.digest.count_floor`` (a COUNT(*) of the week's answers, cases and
    signals) per team and for all teams; digest/floor says how much work the digest adds.

Each digest runs in its own read-only ``read_scope``, as ``bot.digest.WeekspiegelSender`` does. The
database has just been written (or read), so it sits in the OS page cache: these are warm
numbers. Generation takes most of a default run; ``--db PATH`` keeps the SQLite file and
``--keep`` the PostgreSQL database (``--db-url``), and later runs reuse them. It also prints the
query plans of one digest (PostgreSQL: ``EXPLAIN (ANALYZE, BUFFERS)`` and the server's total),
the CPU of (b) in this process and in the PostgreSQL backends, and the bytes per item with
indexes, per team per year. The aims: one team under 50 ms, all under 10 s. ``--check FILE``
then renders every team's weekspiegel again (sent and as a preview) and fails unless each is
byte-identical to what another code wrote there (bench/digest_check.py, e.g. main's).
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from sqlalchemy import Engine

from bench.digest_backend import (
    BACKENDS,
    DEFAULT_POSTGRES_URL,
    Database,
    database_bytes,
    drop,
    postgres_database,
    query_plans,
    server_cpu_seconds,
    sqlite_database,
    table_bytes,
)
from bench.digest_check import compare
from bench.digest_data import TIMEZONE, Volume, check_time_format, generate
from bench.digest_steps import (
    Context,
    Result,
    breakdown,
    capture_statements,
    digest,
    floor,
    mb,
    ms,
    print_side_by_side,
    quantile,
    timed,
    verdict,
)
from bot.views.weekspiegel import build_weekspiegel
from bot.weekspiegel import (
    HISTORY_WEEKS,
    IsoWeek,
    Weekspiegel,
)
from prompts.casus_form import CaseForm, load_case_form
from prompts.library import PromptLibrary, load_library
from prompts.taxonomy import load_taxonomy
from storage.engine import create_db_engine, session_scope
from storage.migrate import current_revision, head_revision
from storage.teams import list_teams

AIM_ONE_TEAM = 0.050
AIM_ALL_TEAMS = 10.0
# Tables whose size grows with each kind of item (with their indexes).
ANSWER_TABLES = ("answer", "answer_knelpunt")
CASE_TABLES = ("casus", "casus_knelpunt")
SIGNAL_TABLES = ("knelpunt_signal", "signal_knelpunt")
SLOT_TABLES = ("prompt_slot",)


def main(argv: Sequence[str] | None = None) -> int:
    """Per backend: generate (or reuse) the database, time digests against the floor, print."""
    parser = argparse.ArgumentParser(prog="python -m bench.digest_scale", description=__doc__)
    parser.add_argument("--answers", type=int, default=1_000_000, help="answers to generate")
    parser.add_argument("--cases", type=int, default=200_000, help="cases to generate")
    parser.add_argument("--signals", type=int, default=100_000, help="signals to generate")
    parser.add_argument("--teams", type=int, default=300, help="teams to generate")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    parser.add_argument(
        "--db", type=Path, default=None, help="SQLite: reuse this file; else generate it there"
    )
    parser.add_argument(
        "--db-url",
        default=None,
        help=f"PostgreSQL: the bench's own database (default {DEFAULT_POSTGRES_URL}); "
        "created and generated when missing, dropped at the end unless --keep",
    )
    parser.add_argument(
        "--backends",
        type=lambda value: [part.strip() for part in value.split(",") if part.strip()],
        default=None,
        help="comma-separated, measured in this order in one run: sqlite,postgresql "
        "(default: postgresql with --db-url alone, else sqlite)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated databases")
    parser.add_argument("--sample", type=int, default=20, help="random teams timed for (a)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per sampled team for (a)")
    parser.add_argument("--week", type=IsoWeek.parse, default=None, help="default: the newest")
    parser.add_argument(
        "--check",
        type=Path,
        default=None,
        help="renderings of every team written by another code (bench.digest_check --write): "
        "render them all again and fail on any difference",
    )
    args = parser.parse_args(argv)
    raw_args = list(sys.argv[1:] if argv is None else argv)
    backends = args.backends or (
        ["postgresql"] if args.db_url is not None and args.db is None else ["sqlite"]
    )
    unknown = [backend for backend in backends if backend not in BACKENDS]
    if unknown:
        choices = ", ".join(BACKENDS)
        parser.error(f"--backends: unknown {', '.join(unknown)} (choose from {choices})")

    taxonomy = load_taxonomy()
    labels = {knelpunt.id: knelpunt.label for knelpunt in taxonomy}
    library = load_library()
    form = load_case_form()

    scratch = Path(tempfile.mkdtemp(prefix="digest_scale-"))
    results: list[tuple[str, Result]] = []
    try:
        for backend in backends:
            if backend == "sqlite":
                path = args.db if args.db is not None else scratch / "digest_scale.sqlite"
                database = sqlite_database(path)
            else:
                database = postgres_database(args.db_url or DEFAULT_POSTGRES_URL)
            print(f"\n=== {backend} ===")
            try:
                if database.exists:
                    print(f"database: {database.label} (reused; --answers/... ignored)")
                else:
                    if backend == "sqlite":
                        check_time_format(scratch / "format_check.sqlite")
                    volume = Volume(
                        args.teams, args.answers, args.cases, args.signals, seed=args.seed
                    )
                    print(f"generating {database.label} ...", flush=True)
                    made = generate(
                        database.url, volume, knelpunt_ids=taxonomy.ids, library=library, form=form
                    )
                    print(f"database: {database.label} (generated in {made.seconds:.1f} s)")
                results.append((backend, run(database, args, labels, library, form)))
            finally:
                if database.created and not args.keep:
                    drop(database)
                    print(f"dropped: {database.label}")
                elif backend == "postgresql" or args.keep or args.db is not None:
                    print(f"kept: {database.label}")
    finally:
        if not (args.keep and "sqlite" in backends and args.db is None):
            shutil.rmtree(scratch, ignore_errors=True)
    if len(results) > 1:
        print_side_by_side(results)
    command = [".venv/bin/python", "-m", "bench.digest_scale", *raw_args]
    print(f"\nreproduce: {shlex.join(command)}")
    if "sqlite" in backends and args.db is None and not args.keep:
        again = [*command, "--db", "/tmp/digest_scale.sqlite"]
        print(f"faster re-runs (write once, then reuse): {shlex.join(again)}")
    return 0


def run(
    database: Database,
    args: argparse.Namespace,
    labels: dict[str, str],
    library: PromptLibrary,
    form: CaseForm,
) -> Result:
    """Measure and print; the database holds generated data."""
    engine = create_db_engine(database.url)
    try:
        revision = current_revision(engine)
        if revision != head_revision():
            # Not upgraded in place: batch migrations that recreate a table cascade-delete its
            # knelpunt links on SQLite (foreign_keys=ON), which would skew every number.
            raise SystemExit(
                f"{database.label} is at schema revision {revision}, the code at "
                f"{head_revision()}: delete it (or pass another --db) so it is generated afresh"
            )
        return _run(engine, database, args, labels, library, form)
    finally:
        engine.dispose()


def _stamp(value: datetime | str) -> datetime:
    """MIN/MAX(created_at) as read raw: text on SQLite, a naive datetime on PostgreSQL."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC)


def _run(
    engine: Engine,
    database: Database,
    args: argparse.Namespace,
    labels: dict[str, str],
    library: PromptLibrary,
    form: CaseForm,
) -> Result:
    with engine.connect() as conn:
        counts = {
            table: int(conn.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one())
            for table in (
                "team",
                "prompt_slot",
                "answer",
                "answer_knelpunt",
                "casus",
                "casus_knelpunt",
                "knelpunt_signal",
                "signal_knelpunt",
            )
        }
        first, last = conn.exec_driver_sql(
            "SELECT MIN(created_at), MAX(created_at) FROM answer"
        ).one()
    newest = _stamp(last).astimezone(TIMEZONE).date()
    oldest = _stamp(first).astimezone(TIMEZONE).date()
    week: IsoWeek = args.week or IsoWeek.of(newest)
    for items, links in (("casus", "casus_knelpunt"), ("knelpunt_signal", "signal_knelpunt")):
        if counts[items] and not counts[links]:
            print(f"WARNING: {counts[items]:,} rows in {items} but none in {links}")
    weeks_of_data = max(1, round((newest - oldest).days / 7))
    ctx = Context(engine, week, labels, library, form, TIMEZONE)
    with session_scope(engine) as session:
        teams = list_teams(session=session)
    print(
        f"rows: {counts['team']:,} teams, {counts['prompt_slot']:,} prompt slots, "
        f"{counts['answer']:,} answers ({counts['answer_knelpunt']:,} knelpunt links), "
        f"{counts['casus']:,} cases ({counts['casus_knelpunt']:,}), "
        f"{counts['knelpunt_signal']:,} signals ({counts['signal_knelpunt']:,}); "
        f"{weeks_of_data} weeks, {oldest} to {newest}"
    )

    rng = random.Random(args.seed)
    sample = rng.sample(teams, min(args.sample, len(teams)))
    cold, _ = timed(lambda: digest(ctx, sample[0]))  # first call: imports, SQL compile cache

    # (a) one team: per team the median of --repeat runs, then the median over the teams.
    digest_times: list[float] = []
    floor_times: list[float] = []
    render_times: list[float] = []
    for team in sample:
        runs, floors, renders = [], [], []
        for _ in range(args.repeat):
            seconds, _ = timed(partial(floor, ctx, team))
            floors.append(seconds)
            seconds, ws = timed(partial(digest, ctx, team))
            runs.append(seconds)
            renders.append(timed(partial(build_weekspiegel, ws))[0])
        digest_times.append(statistics.median(runs))
        floor_times.append(statistics.median(floors))
        render_times.append(statistics.median(renders))
    steps = [breakdown(ctx, team) for team in sample]

    # (b) all teams, one week, one after the other; (c) the floor for all teams.
    per_team: list[float] = []
    spiegels: list[Weekspiegel] = []
    server_before = server_cpu_seconds(database, engine)
    client_before = time.process_time()
    for team in teams:
        seconds, ws = timed(partial(digest, ctx, team))
        per_team.append(seconds)
        spiegels.append(ws)
    client_cpu = time.process_time() - client_before
    server_after = server_cpu_seconds(database, engine)
    all_digest = sum(per_team)
    all_render, _ = timed(lambda: [build_weekspiegel(ws) for ws in spiegels])
    all_floor, totals = timed(lambda: [floor(ctx, team) for team in teams])

    plans = query_plans(database, engine, capture_statements(ctx, sample[0]))

    one_digest = statistics.median(digest_times)
    one_floor = statistics.median(floor_times)
    one_render = statistics.median(render_times)
    n = len(teams)
    print(
        f"week measured: {week} (history {week.shifted(1 - HISTORY_WEEKS)}..{week}); "
        f"items per team that week: median {statistics.median(totals):.0f}, "
        f"max {max(totals)}; sample: {len(sample)} teams x {args.repeat} runs"
    )
    print()
    print(f"{'measure':<34} {'digest':>10} {'floor':>10} {'ratio':>7}  {'aim':>9}  verdict")
    print("-" * 84)
    print(
        f"{'(a) one team, median':<34} {ms(one_digest):>10} {ms(one_floor):>10} "
        f"{one_digest / one_floor:>6.1f}x  {'< 50 ms':>9}  {verdict(one_digest, AIM_ONE_TEAM)}"
    )
    print(
        f"{'    one team, p90':<34} {ms(quantile(digest_times, 0.9)):>10} "
        f"{ms(quantile(floor_times, 0.9)):>10}"
    )
    print(f"{'    one team, max':<34} {ms(max(digest_times)):>10} {ms(max(floor_times)):>10}")
    print(f"{'    first call (cold caches)':<34} {ms(cold):>10}")
    print(f"{'    Block Kit render, median':<34} {ms(one_render):>10}")
    print(
        f"{f'(b)+(c) all {n} teams, sequential':<34} {all_digest:>8.2f} s {all_floor:>8.2f} s "
        f"{all_digest / all_floor:>6.1f}x  {'< 10 s':>9}  {verdict(all_digest, AIM_ALL_TEAMS)}"
    )
    print(f"{'    per team (mean)':<34} {ms(all_digest / n):>10} {ms(all_floor / n):>10}")
    slowest = max(range(n), key=per_team.__getitem__)
    print(
        f"{'    per team, p90 / max':<34} {ms(quantile(per_team, 0.9)):>10} "
        f"{ms(per_team[slowest]):>10}  (slowest: {totals[slowest]} items that week; "
        f"{sum(1 for s in per_team if s >= AIM_ONE_TEAM)} of {n} teams >= 50 ms)"
    )
    print(f"{f'    Block Kit render, all {n}':<34} {all_render:>8.2f} s")
    cpu = f"    CPU of (b): this process {client_cpu:.2f} s"
    if server_before is not None and server_after is not None:
        cpu += f", the PostgreSQL backends {server_after - server_before:.2f} s"
    print(f"{cpu}; the rest of {all_digest:.2f} s waited (other processes on the cores, I/O)")
    print()
    print("where one digest's time goes (median over the sampled teams, own session):")
    for name in steps[0]:
        if name.startswith("("):
            continue
        print(f"  {name:<32} {ms(statistics.median(s[name] for s in steps)):>10}")
    print(
        f"  {'knelpunt mentions (8 weeks)':<32} "
        f"{statistics.median(s['(mentions found)'] for s in steps):>7.0f}, counted by the "
        f"database into {statistics.median(s['(rows read)'] for s in steps):.0f} rows"
    )
    print()
    how = "EXPLAIN QUERY PLAN" if database.backend == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS)"
    print(f"query plans of one digest ({how}):")
    for summary, lines in plans:
        if len(lines) == 1:
            print(f"  {summary:<36} {lines[0]}")
            continue
        print(f"  {summary}")
        for line in lines:
            print(f"      {line}")
    server = [
        float(line.split("Execution Time:")[1].split()[0])
        for _, lines in plans
        for line in lines
        if "Execution Time:" in line
    ]
    if server:
        print(
            f"  server execution time of these {len(plans)} statements: {sum(server):.1f} ms "
            f"on the server; this team's whole digest took {ms(digest_times[0])} in (a), "
            "the rest is the client: driver, SQLAlchemy rows, Python"
        )

    print()
    sizes = table_bytes(
        database, engine, (*ANSWER_TABLES, *CASE_TABLES, *SIGNAL_TABLES, *SLOT_TABLES)
    )
    size, measured = database_bytes(database, engine)
    per_year = 52 / weeks_of_data

    def grows(tables: Sequence[str], rows: int) -> tuple[float, float]:
        total = sum(sizes.get(table, 0) for table in tables)
        return total / max(rows, 1), total * per_year

    answer_b, answer_y = grows(ANSWER_TABLES, counts["answer"])
    case_b, case_y = grows(CASE_TABLES, counts["casus"])
    signal_b, signal_y = grows(SIGNAL_TABLES, counts["knelpunt_signal"])
    slot_b, slot_y = grows(SLOT_TABLES, counts["prompt_slot"])
    print(f"database: {mb(size)} ({size:,} bytes, {measured})")
    source = "dbstat" if database.backend == "sqlite" else "pg_total_relation_size"
    print(f"bytes per item, tables + indexes + knelpunt links ({source}):")
    for name, each, rows, yearly in (
        ("answer", answer_b, counts["answer"], answer_y),
        ("case", case_b, counts["casus"], case_y),
        ("signal", signal_b, counts["knelpunt_signal"], signal_y),
        ("prompt slot", slot_b, counts["prompt_slot"], slot_y),
    ):
        print(
            f"  {name:<12} {each:>7.0f} B  x {rows * per_year:>11,.0f} /yr = {mb(yearly):>10} /yr"
        )
    total_y = answer_y + case_y + signal_y + slot_y
    print(
        f"projected growth: {mb(total_y)} per year for {n} teams, assuming this bench's volume "
        f"is one year's (~{counts['answer'] * per_year:,.0f} answers, "
        f"{counts['casus'] * per_year:,.0f} cases, "
        f"{counts['knelpunt_signal'] * per_year:,.0f} signals a year; "
        f"answer text median ~200 characters)"
    )
    print(f"per team: {mb(total_y / n)} per year")
    if args.check is not None:
        stored = json.loads(args.check.read_text(encoding="utf-8")).get(database.backend, {})
        compared, differ = compare(ctx, stored)
        print(
            f"\ncheck against {args.check}: {compared} renderings ({compared // 2} teams, sent and "
            f"preview), {len(stored)} stored, {len(differ)} differ"
            + (f": {', '.join(differ[:10])}" if differ else " (byte-identical)")
        )
        if differ or not stored:
            raise SystemExit(f"--check: {database.backend} renders differently")
    return Result(
        one_digest=one_digest,
        one_p90=quantile(digest_times, 0.9),
        one_floor=one_floor,
        all_digest=all_digest,
        all_floor=all_floor,
        teams=n,
        database_bytes=size,
        per_team_year=total_y / n,
    )


if __name__ == "__main__":
    raise SystemExit(main())
