"""Every team's weekspiegel of the bench database, rendered, to compare one code with another.

A rewrite for speed must not change what a teamleider reads. Render every team's Block Kit
weekspiegel (sent after the week, and as a preview on its Thursday, when that week's anonymous
answers are held back) with one code and store it; ``bench.digest_scale --check FILE`` renders
them again with the code under test and fails on the first difference. Run from the repository
root whose code should write the file (e.g. an export of main)::

    .venv/bin/python -m bench.digest_check --write /tmp/digests_main.json \\
        [--db /tmp/digest_scale.sqlite] [--db-url postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Engine

from bench.digest_data import TIMEZONE
from bench.digest_steps import MIN_GROUP_SIZE, Context
from bot.views.weekspiegel import build_weekspiegel
from bot.weekspiegel import IsoWeek, build_weekspiegel_data
from prompts.casus_form import load_case_form
from prompts.library import load_library
from prompts.taxonomy import load_taxonomy
from storage.engine import create_db_engine, read_scope
from storage.teams import list_teams


def moments(week: IsoWeek) -> dict[str, datetime]:
    """When each rendering is asked for: after the week, and on its Thursday afternoon."""
    return {
        "sent": week.shifted(1).bounds(TIMEZONE)[1],
        "preview": datetime.combine(week.monday() + timedelta(days=3), time(15), tzinfo=TIMEZONE),
    }


def render_all(ctx: Context) -> dict[str, str]:
    """'team id/moment' → the rendered weekspiegel (text and blocks) as JSON, every team."""
    with read_scope(ctx.engine) as session:
        teams = list_teams(session=session)
    found: dict[str, str] = {}
    for team in teams:
        for name, now in moments(ctx.week).items():
            with read_scope(ctx.engine) as session:
                ws = build_weekspiegel_data(
                    session=session, team=team, week=ctx.week, labels=ctx.labels,
                    library=ctx.library, form=ctx.form, timezone=ctx.timezone,
                    min_group_size=MIN_GROUP_SIZE, now=now,
                )  # fmt: skip
            found[f"{team.id}/{name}"] = json.dumps(
                [build_weekspiegel(ws), ws.quote_ids], ensure_ascii=False, sort_keys=True
            )
    return found


def compare(ctx: Context, stored: dict[str, str]) -> tuple[int, list[str]]:
    """(renderings compared, keys that differ or are missing) against `stored`."""
    found = render_all(ctx)
    differ = [key for key in sorted(set(stored) | set(found)) if stored.get(key) != found.get(key)]
    return len(found), differ


def _context(engine: Engine, week: IsoWeek) -> Context:
    labels = {knelpunt.id: knelpunt.label for knelpunt in load_taxonomy()}
    return Context(engine, week, labels, load_library(), load_case_form(), TIMEZONE)


def main(argv: Sequence[str] | None = None) -> int:
    """Write every team's rendered weekspiegel of each given database to a JSON file."""
    parser = argparse.ArgumentParser(prog="python -m bench.digest_check", description=__doc__)
    parser.add_argument("--write", type=Path, required=True, help="JSON file to write")
    parser.add_argument("--db", type=Path, default=None, help="the bench's SQLite file")
    parser.add_argument("--db-url", default=None, help="the bench's PostgreSQL database")
    parser.add_argument("--week", type=IsoWeek.parse, default=IsoWeek(2026, 47))
    args = parser.parse_args(argv)
    urls = {}
    if args.db is not None:
        urls["sqlite"] = f"sqlite:///{args.db}"
    if args.db_url is not None:
        urls["postgresql"] = args.db_url
    if not urls:
        parser.error("give --db, --db-url or both")
    out: dict[str, dict[str, str]] = {}
    for backend, url in urls.items():
        engine = create_db_engine(url)
        try:
            out[backend] = render_all(_context(engine, args.week))
        finally:
            engine.dispose()
        print(f"{backend}: {len(out[backend])} renderings", file=sys.stderr)
    args.write.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
