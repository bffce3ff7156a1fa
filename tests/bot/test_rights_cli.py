"""Retention, export and the audit log, as the municipality's administrator runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, text

from bot.rights import purge
from bot.weekspiegel import IsoWeek
from storage import teams
from storage.engine import create_db_engine, session_scope
from storage.migrate import upgrade_to_head
from tests.bot.weekspiegel_data import AMS, add_answer, add_case, add_signal, at, sent_slot
from tests.conftest import make_team
from tests.helpers.cli import process_env, run_cli

NOW = datetime(2026, 11, 23, 3, 17, tzinfo=UTC)
OLD = date(2025, 10, 1)  # more than 365 days before NOW
RECENT = date(2026, 11, 17)


def filled(url: str, old: date = OLD, recent: date = RECENT) -> Engine:
    engine = create_db_engine(url)
    upgrade_to_head(engine)
    team = make_team(engine, channel_id="C0NOORD")
    for day, label in ((old, "oud"), (recent, "recent")):
        slot = sent_slot(engine, team, day)
        add_answer(engine, slot, at(day), f"Antwoord {label}", user="U0LID",
                   knelpunten=["wachtlijsten-tweede-lijn"])  # fmt: skip
        add_answer(engine, slot, at(day), f"Anoniem {label}", user=None)
        add_case(engine, team, at(day), user="U0LID", knelpunten=["zorgzwaarte-en-caseload"])
        add_signal(engine, team, at(day), user="U0LID", knelpunten=["gemeentelijke-regie"])
    return engine


def texts(engine: Engine) -> list[str]:
    """Answer texts in the order they were written (ids are random)."""
    query = text("SELECT text FROM answer ORDER BY created_at, anonymous")
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(query)]


def test_purge_erases_old_texts_keeps_the_counts_and_is_idempotent(tmp_path: Path) -> None:
    engine = filled(f"sqlite:///{tmp_path / 'r.db'}")
    with session_scope(engine) as session:
        [team] = teams.list_teams(session=session)
    from storage.digest import activity

    def old_week_counts() -> tuple[int, int, int]:
        """The raw counts behind that week's weekspiegel (below the floor it shows none)."""
        assert team.id is not None
        start, end = IsoWeek.of(OLD).bounds(AMS)
        with session_scope(engine) as session:
            counts = activity(session=session, team_id=team.id, start=start, end=end)
        return counts.answers, counts.cases, counts.signals

    before = old_week_counts()
    first = purge(engine, now=NOW, retention_days=365, timezone=AMS, actor="planner")
    assert first.counts == {"antwoorden": 2, "casussen": 1, "knelpuntsignalen": 1,
                            "weekspiegel-bezorgingen": 0, "signalen-aan-gemeente": 0,
                            "rapport-bezorgingen": 0}  # fmt: skip
    assert texts(engine) == ["", "", "Antwoord recent", "Anoniem recent"]
    assert old_week_counts() == before == (2, 1, 1)  # a year-old trend line still draws
    with engine.connect() as connection:
        old_times = (
            connection.execute(text("SELECT created_at FROM answer WHERE text = ''"))
            .scalars()
            .all()
        )
        authors = connection.execute(text("SELECT user_id FROM casus ORDER BY id")).scalars().all()
    assert {str(t)[:10] for t in old_times} == {"2025-10-01"}  # Wednesday of that week, 12:00
    assert authors == [None, "U0LID"]
    again = purge(engine, now=NOW + timedelta(days=1), retention_days=365, timezone=AMS,
                  actor="planner")  # fmt: skip
    assert set(again.counts.values()) == {0}
    engine.dispose()


def test_cli_purge_export_and_audit(tmp_path: Path) -> None:
    # The commands read the real clock, so the history is dated relative to today.
    today = datetime.now(AMS).date()
    recent = today - timedelta(days=6)
    url = f"sqlite:///{tmp_path / 'r.db'}"
    filled(url, old=today - timedelta(days=420), recent=recent).dispose()
    env = {"DATABASE_URL": url, "RETENTION_DAYS": "365"}

    since = (recent - timedelta(days=16)).isoformat()
    exported = run_cli("export", "--team", "C0NOORD", "--since", since, cwd=tmp_path, env=env)
    assert exported.returncode == 0, exported.stderr
    [team] = json.loads(exported.stdout)
    authors = {a["tekst"]: a["auteur"] for a in team["antwoorden"]}
    assert authors == {"Antwoord recent": "U0LID", "Anoniem recent": None}  # anonymous: no author
    assert team["casussen"][0]["knelpunten"] == ["zorgzwaarte-en-caseload"]

    as_csv = run_cli("export", "--format", "csv", cwd=tmp_path, env=env)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 8 and {r["soort"] for r in rows} == {"antwoord", "casus", "knelpuntsignaal"}

    purged = run_cli("purge", cwd=tmp_path, env=env)
    assert purged.returncode == 0 and "2 antwoorden" in purged.stdout

    log = run_cli("audit", cwd=tmp_path, env=env)
    assert log.returncode == 0, log.stderr
    lines = log.stdout.splitlines()
    assert [line.split()[3] for line in lines] == ["export", "export", "purge"]
    assert "Antwoord" not in log.stdout  # never the content

    bad = run_cli("export", "--since", "gisteren", cwd=tmp_path, env=env)
    assert bad.returncode == 2 and "2026-01-31" in bad.stderr


def test_csv_export_neutralises_formula_cells_and_json_stays_exact(tmp_path: Path) -> None:
    """Finding 9: members' text and team names must not run as spreadsheet formulas."""
    from storage import casus

    url = f"sqlite:///{tmp_path / 'r.db'}"
    engine = create_db_engine(url)
    upgrade_to_head(engine)
    team = make_team(engine, channel_id="C0NOORD", name="=Wijkteam Noord")
    risky = [
        '=HYPERLINK("https://evil.example";"klik")', "+31 uur overwerk", "-weer wachten",
        "@iedereen let op", "\tingesprongen", "\rterug", "Gewone tekst - met streepje",
    ]  # fmt: skip
    assert team.id is not None
    with session_scope(engine) as session:
        for line in risky:
            casus.record_signal(session=session, team_id=team.id, user_id="U0LID", text=line,
                                knelpunten=[], created_at=at(RECENT))  # fmt: skip
    engine.dispose()
    env = {"DATABASE_URL": url}

    as_csv = subprocess.run(  # bytes: text mode would turn the \r into a newline
        [sys.executable, "-m", "bot", "export", "--format", "csv"],
        cwd=tmp_path, env=process_env(env), capture_output=True, timeout=60, check=True,
    )  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout.decode("utf-8"), newline="")))
    assert {row["team"] for row in rows} == {"'=Wijkteam Noord"}
    assert sorted(row["tekst"] for row in rows) == sorted(
        ("'" + line if line[0] in "=+-@\t\r" else line) for line in risky
    )
    as_json = run_cli("export", cwd=tmp_path, env=env)
    [exported] = json.loads(as_json.stdout)
    assert exported["team"] == "=Wijkteam Noord"
    assert sorted(s["tekst"] for s in exported["knelpuntsignalen"]) == sorted(risky)
