"""`reflectiebot digest` and `reflectiebot demo`: the weekspiegel from the terminal."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from slack_sdk import WebClient

from bot.app import build_web_client
from bot.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_SETTINGS,
    find_teams,
    has_teams,
    migrated_engine,
)
from bot.clock import system_clock
from bot.demo.gemeente import build_demo_gemeente
from bot.demo.history import build_demo_history
from bot.digest import WeekspiegelSender
from bot.rapport_sender import last_complete_month
from bot.services import Services
from bot.settings import Settings, load_settings
from bot.views.rapport import render_rapport_text
from bot.views.weekspiegel import build_weekspiegel, render_text
from bot.weekspiegel import IsoWeek, Weekspiegel
from storage.models import Team

NO_TEAMS_YET = (
    "Nog geen teams: er is geen weekspiegel te versturen. Koppel eerst een teamkanaal met "
    "/wijkteam koppel <naam>."
)
# The demo never talks to Slack; its sender gets a client that points nowhere.
_NOWHERE = "http://127.0.0.1:9/api/"


def cmd_digest(
    settings: Settings,
    *,
    channel_id: str | None,
    week_text: str | None,
    print_only: bool,
    out: TextIO = sys.stdout,
) -> int:
    """Send (or print) the weekspiegel of a week for one team or all teams."""
    try:
        week = IsoWeek.parse(week_text) if week_text else None
    except ValueError as error:
        print(f"reflectiebot: --week: {error}", file=sys.stderr)
        return EXIT_SETTINGS
    engine = migrated_engine(settings)
    services = Services.for_settings(settings, engine)
    if channel_id is None and not has_teams(engine):
        out.write(NO_TEAMS_YET + "\n")  # a fresh install: nothing to do, so no failed cron job
        return EXIT_OK
    chosen = find_teams(engine, channel_id)
    if not chosen:
        return EXIT_FAILED
    now = system_clock()
    week = week or IsoWeek.of(now.astimezone(settings.timezone).date()).shifted(-1)
    client = WebClient(base_url=_NOWHERE) if print_only else build_web_client(settings)
    sender = services.weekspiegel_sender(client)
    failed = 0
    for team in chosen:
        if print_only:
            out.write(render_text(sender.compute(team, week, now)) + "\n")
            continue
        results = sender.send(team, week, added_before=now, now=now)
        sent = sum(1 for r in results if r.outcome == "sent")
        failed += sum(1 for r in results if r.outcome in ("failed", "unknown"))
        out.write(
            f"{team.name} ({team.channel_id}), week {week}: verstuurd aan {sent} "
            f"teamleider(s); {len(results) - sent} niet"
            + (" (had hem al of Slack weigerde)" if len(results) > sent else "")
            + (" — alle teamleiders hadden hem al" if not results else "")
            + "\n"
        )
    return EXIT_FAILED if failed else EXIT_OK


def cmd_demo(out: TextIO = sys.stdout, directory: Path | None = None) -> int:
    """Eight weeks of a fictional team in a throw-away database, and its weekspiegel."""
    settings = load_settings(environ={}, env_file=None, require_slack=False)
    folder = directory or Path(tempfile.mkdtemp(prefix="reflectiebot-demo-"))
    settings = Settings(**{**settings.__dict__, "database_url": f"sqlite:///{folder / 'demo.db'}"})
    engine = migrated_engine(settings)
    services = Services.for_settings(settings, engine)
    now = system_clock()
    week = IsoWeek.of(now.astimezone(settings.timezone).date()).shifted(-1)
    history = build_demo_history(
        engine,
        last_week=week,
        library=services.library,
        form=services.case_form,
        tagger=services.models.base,
        timezone=settings.timezone,
    )
    sender: WeekspiegelSender = services.weekspiegel_sender(WebClient(base_url=_NOWHERE))
    weekspiegel = sender.compute(history.team, week, now)
    _, blocks = build_weekspiegel(weekspiegel)
    block_kit = folder / "weekspiegel.json"
    block_kit.write_text(
        json.dumps({"blocks": blocks}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    rapport_text, written = _demo_rapport(services, history.team, folder, weekspiegel)
    engine.dispose()
    out.write(
        f"Demo: {history.team.name}, twaalf professionals, acht weken tot en met week {week}: "
        f"{history.answers} antwoorden, {history.cases} casussen, {history.signals} signalen.\n"
        "Zo leest de teamleider de weekspiegel:\n\n"
    )
    out.write("─" * 72 + "\n" + render_text(weekspiegel) + "─" * 72 + "\n\n")
    out.write(
        "En zo leest de beleidsadviseur van de gemeente het signalenrapport (met vier andere,\n"
        "verzonnen teams; vier van de vijf delen hun maandcijfers):\n\n"
    )
    out.write("═" * 72 + "\n" + rapport_text + "═" * 72 + "\n\n")
    out.write(
        f"Block Kit (plak in https://app.slack.com/block-kit-builder): {block_kit}\n"
        + "".join(f"{label}: {path}\n" for label, path in written)
        + f"Database van de demo (weggooibaar): {folder / 'demo.db'}\n"
    )
    return EXIT_OK


def _demo_rapport(
    services: Services, noord: Team, folder: Path, weekspiegel: Weekspiegel
) -> tuple[str, list[tuple[str, Path]]]:
    """The other teams, last month's signalenrapport as text and HTML, and two chart PNGs."""
    from bot.charts import rapport_charts, weekspiegel_chart
    from bot.rapport_html import render_html, write_csv

    now = system_clock()
    month = last_complete_month(now, services.settings.timezone)
    build_demo_gemeente(
        services.engine,
        month=month,
        noord=noord,
        form=services.case_form,
        labels=dict(services.knelpunt_options()),
        timezone=services.settings.timezone,
        floors=services.floors(),
    )
    rapport = services.rapport_sender(WebClient(base_url=_NOWHERE)).compute(month, now)
    charts = rapport_charts(rapport)
    html = folder / f"signalenrapport-{month}.html"
    html.write_text(render_html(rapport, charts), encoding="utf-8")
    write_csv(rapport, folder / "csv")
    written = [("Signalenrapport als HTML-pagina (open in een browser)", html),
               ("De tabellen van het rapport als CSV", folder / "csv")]  # fmt: skip
    for chart in [weekspiegel_chart(weekspiegel), *charts[:1]]:
        if chart is not None:
            path = folder / chart.filename
            path.write_bytes(chart.png)
            written.append((f"Grafiek (PNG): {chart.title}", path))
    return render_rapport_text(rapport), written
