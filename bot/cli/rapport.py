"""`reflectiebot rapport --maand 2026-11 [--html FILE] [--csv DIR]`: the rapport for the council.

The same rapport as the beleidsadviseur's DM, from the same pure function: printed as text,
written as one self-contained HTML page, and its tables as CSV files. No Slack needed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from slack_sdk import WebClient

from bot.cli.common import EXIT_FAILED, EXIT_OK, EXIT_SETTINGS, migrated_engine
from bot.clock import Clock, system_clock
from bot.rapport import Month
from bot.rights import ACTOR_CLI
from bot.services import Services
from bot.settings import Settings
from bot.views.rapport import render_rapport_text
from storage import audit
from storage.engine import session_scope

_NOWHERE = "http://127.0.0.1:9/api/"  # the CLI never talks to Slack


def cmd_rapport(
    settings: Settings,
    *,
    month_text: str | None,
    html_file: Path | None,
    csv_dir: Path | None,
    out: TextIO = sys.stdout,
    clock: Clock = system_clock,
) -> int:
    """Print the rapport of a month, or write it as HTML and CSV; audited as an export."""
    now = clock()
    current = Month.of(now.astimezone(settings.timezone).date())
    try:
        month = Month.parse(month_text) if month_text else current.shifted(-1)
    except ValueError as error:
        print(f"reflectiebot: --maand: {error}", file=sys.stderr)
        return EXIT_SETTINGS
    if month > current:
        print(f"reflectiebot: --maand: {month} ligt nog in de toekomst.", file=sys.stderr)
        return EXIT_SETTINGS
    engine = migrated_engine(settings)
    services = Services.for_settings(settings, engine)
    rapport = services.rapport_sender(WebClient(base_url=_NOWHERE)).compute(month, now)
    written: list[Path] = []
    try:
        if html_file is not None:
            from bot.charts import rapport_charts
            from bot.rapport_html import render_html

            html_file.write_text(render_html(rapport, rapport_charts(rapport)), encoding="utf-8")
            written.append(html_file)
        if csv_dir is not None:
            from bot.rapport_html import write_csv

            written += write_csv(rapport, csv_dir)
    except OSError as error:
        print(f"reflectiebot: kan niet schrijven: {error}", file=sys.stderr)
        return EXIT_FAILED
    formats = ",".join(name for name, on in (("html", html_file), ("csv", csv_dir)) if on)
    with session_scope(engine) as session:
        audit.record(session=session, actor=ACTOR_CLI, action="rapport-export",
                     detail=f"{month} {formats or 'tekst'}")  # fmt: skip
    engine.dispose()
    if not written:
        out.write(render_rapport_text(rapport))
    for path in written:
        out.write(f"Geschreven: {path}\n")
    return EXIT_OK
