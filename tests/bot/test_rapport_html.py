"""The rapport for the council: one self-contained HTML page holding the CSV's numbers."""

from __future__ import annotations

import base64
import csv
import io
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

from sqlalchemy import Engine

from bot.cli.rapport import cmd_rapport
from bot.gemeente_signal import send_signal
from bot.rapport import Month
from bot.rapport_sender import last_complete_month
from bot.services import Services
from bot.settings import Settings
from storage import audit
from storage import rapport as queries
from storage.engine import create_db_engine, read_scope, session_scope
from storage.migrate import upgrade_to_head
from tests.bot.test_charts import png_size
from tests.bot.weekspiegel_data import AMS, add_case, at
from tests.conftest import make_team
from tests.helpers.cli import run_cli

WAIT = "wachtlijsten-tweede-lijn"


class Page(HTMLParser):
    """What a screen reader and a checker see: headings, images, figures and tables."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.headings: list[tuple[str, str]] = []
        self.images: list[dict[str, str]] = []
        self.figures: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}
        self.external: list[str] = []
        self._heading: str | None = None
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = found.get("lang", "")
        if tag in ("h1", "h2", "h3"):
            self._heading, self._text = tag, []
        if tag == "img":
            self.images.append(found)
        if tag in ("link", "script") or (tag == "img" and not found["src"].startswith("data:")):
            self.external.append(tag)
        if tag == "figure":
            self.figures.append(found.get("aria-describedby", ""))
        if tag == "table":
            self._table = found["id"].removeprefix("t-")
            self.tables[self._table] = []
        if tag == "tr" and self._table:
            self.tables[self._table].append([])
        if tag in ("td", "th") and self._table:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self.headings.append((tag, "".join(self._text).strip()))
            self._heading = None
        if tag in ("td", "th") and self._table and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        if tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def fill_month(engine: Engine, services: Services, month: Month) -> None:
    """Three sharing teams with cases in `month`, one silent team, and one signal."""
    first = month.first_day()
    for n, (channel, name) in enumerate((("C0NOORD", "Noord"), ("C0ZUID", "Zuid"),
                                         ("C0OOST", "Oost"), ("C0STIL", "Stil"))):  # fmt: skip
        team = make_team(engine, channel_id=channel, name=name, leaders=(f"U0L{n}",),
                         since=at(first) - timedelta(days=200))  # fmt: skip
        assert team.id is not None
        if name != "Stil":
            with session_scope(engine) as session:
                queries.set_sharing(session=session, team_id=team.id, on=True, now=at(first))
        for i in range(4 + n):
            add_case(engine, team, at(first + timedelta(days=i % 3 + 7 * (i % 2))),
                     user=f"U0X{i}", intake=("proactief", "hulpvraag", "melding")[i % 3],
                     decision=("zelf", "consult", "doorverwezen")[i % 3],
                     destinations="ggz" if i % 3 else "", reasons="wachtlijst" if i % 3 else "",
                     knelpunten=[WAIT])  # fmt: skip
    with session_scope(engine) as session:
        send_signal(session=session, team_id=1, user_id="U0L0", knelpunt_id=WAIT,
                    note="Wachttijd GGZ: <vier> maanden & langer.",
                    now=at(first + timedelta(days=12)),
                    labels=dict(services.knelpunt_options()), timezone=AMS,
                    floors=services.floors())  # fmt: skip


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def test_the_html_page_holds_the_same_numbers_as_the_csv_and_embeds_every_chart(
    services: Services, settings: Settings, sqlite_engine: Engine, tmp_path: Path
) -> None:
    month = Month(2026, 11)
    fill_month(sqlite_engine, services, month)
    now = datetime(2026, 12, 7, 9, tzinfo=UTC)
    out = io.StringIO()
    code = cmd_rapport(settings, month_text="2026-11", html_file=tmp_path / "rapport.html",
                       csv_dir=tmp_path / "csv", out=out, clock=lambda: now)  # fmt: skip
    assert code == 0, out.getvalue()
    page = Page()
    html = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    page.feed(html)
    assert page.lang == "nl" and page.external == []  # self-contained
    assert [h for h in page.headings if h[0] == "h1"] == [("h1", "Signalenrapport november 2026")]
    assert [text for tag, text in page.headings if tag == "h2"][:5] == [
        "1. Signalen van teamleiders", "2. Knelpunten in meerdere teams",
        "3. Zelf, samen of doorverwijzen — per leefgebied", "4. Reactief of pro-actief",
        "5. Per team",
    ]  # fmt: skip
    assert len(page.images) == 3
    for image in page.images:
        assert len(image["alt"]) > 40
        data = base64.b64decode(image["src"].removeprefix("data:image/png;base64,"), validate=True)
        assert png_size(data)[0] == 720
    assert all(f"t-{name}" in html for name in (figure.removeprefix("t-")
                                                for figure in page.figures))  # fmt: skip
    assert all(figure.removeprefix("t-") in page.tables for figure in page.figures)

    files = sorted((tmp_path / "csv").glob("*.csv"))
    assert {f.name.split("-")[0] for f in files} == {"signalen", "knelpunten", "leefgebieden",
                                                     "lijnen", "bestemmingen", "redenen",
                                                     "binnenkomst", "teams"}  # fmt: skip
    compared = 0
    for path in files:
        name = path.name.split("-")[0]
        rows = read_csv(path)
        if len(rows) == 1:  # headers only: the page says there is nothing to show
            assert name not in page.tables
            continue
        shown = [[("" if cell == "–" else cell) for cell in row] for row in page.tables[name]]
        assert shown == rows, name
        compared += 1
    assert compared >= 6
    [signal] = read_csv(files[[f.name.split("-")[0] for f in files].index("signalen")])[1:]
    assert signal[0] == "Wachtlijsten in de tweede lijn" and signal[1] == "Noord"
    assert signal[-1] == "Wachttijd GGZ: <vier> maanden & langer."
    assert "&lt;vier&gt; maanden &amp; langer" in html  # escaped, not markup
    teams = page.tables["teams"]
    assert [row[0] for row in teams[1:]] == ["Noord", "Oost", "Zuid"]  # never the silent team
    assert "Stil" not in html
    with read_scope(sqlite_engine) as session:
        [entry] = [e for e in audit.list_entries(session=session) if e.action == "rapport-export"]
    assert (entry.actor, entry.detail) == ("cli", "2026-11 html,csv")


def test_the_cli_prints_the_rapport_and_refuses_a_month_it_cannot_read(
    settings: Settings, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = create_db_engine(url)
    upgrade_to_head(engine)
    # the command reads the real clock: a history relative to today
    month = last_complete_month(datetime.now(UTC), AMS)
    services = Services(settings=settings, engine=engine)
    fill_month(engine, services, month)
    engine.dispose()
    printed = run_cli("rapport", cwd=tmp_path, env={"DATABASE_URL": url})
    assert printed.returncode == 0, printed.stderr
    assert f"Signalenrapport {month.label()}" in printed.stdout
    assert "Toelichting van de teamleider: Wachttijd GGZ" in printed.stdout
    written = run_cli("rapport", "--maand", str(month), "--html", "r.html", cwd=tmp_path,
                      env={"DATABASE_URL": url})  # fmt: skip
    assert written.returncode == 0 and "Geschreven: r.html" in written.stdout
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    for bad, message in (("11-2026", "2026-11"), (str(month.shifted(2)), "toekomst")):
        refused = run_cli("rapport", "--maand", bad, cwd=tmp_path, env={"DATABASE_URL": url})
        assert refused.returncode == 2 and message in refused.stderr
