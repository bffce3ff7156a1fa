"""`reflectiebot digest` and `reflectiebot demo`: the weekspiegel from the terminal."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from slack_sdk import WebClient

from bot.app import build_web_client
from bot.cli.common import EXIT_FAILED, EXIT_OK, EXIT_SETTINGS, find_teams, migrated_engine
from bot.clock import system_clock
from bot.demo.history import build_demo_history
from bot.digest import WeekspiegelSender
from bot.services import Services
from bot.settings import Settings, load_settings
from bot.views.weekspiegel import build_weekspiegel, render_text
from bot.weekspiegel import IsoWeek

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
            out.write(render_text(sender.compute(team, week)) + "\n")
            continue
        results = sender.send(team, week, added_before=now)
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
    week = IsoWeek.of(system_clock().astimezone(settings.timezone).date()).shifted(-1)
    history = build_demo_history(
        engine,
        last_week=week,
        library=services.library,
        form=services.case_form,
        tagger=services.models.base,
        timezone=settings.timezone,
    )
    sender: WeekspiegelSender = services.weekspiegel_sender(WebClient(base_url=_NOWHERE))
    weekspiegel = sender.compute(history.team, week)
    _, blocks = build_weekspiegel(weekspiegel)
    block_kit = folder / "weekspiegel.json"
    block_kit.write_text(
        json.dumps({"blocks": blocks}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    engine.dispose()
    out.write(
        f"Demo: {history.team.name}, twaalf professionals, acht weken tot en met week {week}: "
        f"{history.answers} antwoorden, {history.cases} casussen, {history.signals} signalen.\n"
        "Zo leest de teamleider de weekspiegel:\n\n"
    )
    out.write("─" * 72 + "\n" + render_text(weekspiegel) + "─" * 72 + "\n\n")
    out.write(
        f"Block Kit (plak in https://app.slack.com/block-kit-builder): {block_kit}\n"
        f"Database van de demo (weggooibaar): {folder / 'demo.db'}\n"
    )
    return EXIT_OK
