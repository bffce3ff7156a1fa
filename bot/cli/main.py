"""The `reflectiebot` command: run, scheduler, post-prompts, check, migrate, manifest, analyse,
train."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from slack_sdk.errors import SlackApiError, SlackClientError

from bot import listeners
from bot.app import build_web_client
from bot.cli.analyse import cmd_analyse
from bot.cli.arguments import ArgumentParser, settings_file
from bot.cli.backup import cmd_backup
from bot.cli.common import EXIT_FAILED, EXIT_OK, EXIT_SETTINGS, migrated_engine
from bot.cli.health import cmd_health
from bot.cli.rapport import cmd_rapport
from bot.cli.report import first_line, report_failure, stdout_closed
from bot.cli.rights import cmd_audit, cmd_export, cmd_purge
from bot.cli.weekspiegel import cmd_demo, cmd_digest
from bot.clock import system_clock
from bot.env_file import DEFAULT_ENV_FILE, read_env_file, readable_by_others
from bot.errors import explain
from bot.lifecycle import DRAIN_SECONDS, Shutdown, StopRequested, exit_now
from bot.logs import print_error, quiet_slack_sdk
from bot.manifest import build_manifest
from bot.services import Services
from bot.settings import Settings, configure_logging, load_settings
from prompts import modelfile
from storage import teams
from storage.engine import session_scope
from storage.migrate import current_revision, head_revision, is_up_to_date

log = logging.getLogger(__name__)

# Commands that need no Slack tokens.
OFFLINE_COMMANDS = frozenset(
    {"migrate", "analyse", "export", "purge", "audit", "rapport", "health", "backup"}
)
# Commands that answer Slack's requests, so in HTTP mode need SLACK_SIGNING_SECRET.
SERVING_COMMANDS = frozenset({"run", "check"})


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = ArgumentParser(
        prog="reflectiebot",
        description="Reflectiebot: reflectie en leercultuur voor sociale wijkteams, in Slack.",
    )
    parser.add_argument(
        "--env-file",
        type=settings_file,
        default=None,
        metavar="BESTAND",
        help="instellingenbestand (standaard: .env in de werkmap, als dat er is)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="opdracht")
    run = sub.add_parser("run", help="start de bot (Socket Mode of HTTP) met de planner")
    run.add_argument(
        "--no-scheduler",
        action="store_true",
        help="alleen Slack bedienen; de planner draait elders (reflectiebot scheduler)",
    )
    sub.add_parser("scheduler", help="alleen de planner: plaatst reflectievragen op schema")
    post = sub.add_parser("post-prompts", help="plaats nu de volgende reflectievraag")
    post.add_argument("--team", metavar="KANAAL_ID", help="alleen voor het team van dit kanaal")
    sub.add_parser("check", help="controleer instellingen, database en verbinding met Slack")
    sub.add_parser(
        "health", help="vraag de draaiende bot hoe het gaat (0 = gezond, 1 = niet, 2 = geen adres)"
    )
    sub.add_parser("migrate", help="breng de database op het nieuwste schema")
    backup = sub.add_parser(
        "backup", help="maak een back-up van de SQLite-database, ook terwijl de bot draait"
    )
    backup.add_argument("file", type=Path, metavar="BESTAND", help="waar de back-up komt")
    backup.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")
    digest = sub.add_parser("digest", help="verstuur de weekspiegel nu, of druk hem af met --print")
    digest.add_argument("--team", metavar="KANAAL_ID", help="alleen dit team (kanaal-id)")
    digest.add_argument("--week", metavar="2026-W47", help="ISO-week (standaard: vorige week)")
    digest.add_argument(
        "--print", action="store_true", help="druk af in de terminal in plaats van te versturen"
    )
    sub.add_parser("demo", help="de weekspiegel van een verzonnen team, zonder Slack")
    export = sub.add_parser("export", help="antwoorden, casussen en signalen van een team")
    export.add_argument("--team", metavar="KANAAL_ID", help="alleen dit team (kanaal-id)")
    export.add_argument("--format", choices=("json", "csv"), default="json", help="standaard: json")
    export.add_argument("--since", metavar="2026-01-31", help="vanaf deze datum")
    rapport = sub.add_parser(
        "rapport", help="het signalenrapport voor de gemeente, als tekst, HTML-pagina of CSV"
    )
    rapport.add_argument("--maand", metavar="2026-11", help="standaard: vorige maand")
    rapport.add_argument("--html", type=Path, metavar="BESTAND", help="schrijf een HTML-pagina")
    rapport.add_argument("--csv", type=Path, metavar="MAP", help="schrijf de tabellen als CSV")
    sub.add_parser("purge", help="wis nu teksten ouder dan RETENTION_DAYS")
    audit_log = sub.add_parser("audit", help="toon het auditlog (wie, wat, wanneer)")
    audit_log.add_argument("--team", metavar="KANAAL_ID", help="alleen dit team (kanaal-id)")
    audit_log.add_argument("--since", metavar="2026-01-31", help="vanaf deze datum")
    analyse = sub.add_parser(
        "analyse",
        help="lees teksten (een per regel) van stdin; schrijf per regel de herkende "
        "knelpunten en persoonsgegevens als JSON",
    )
    analyse.add_argument(
        "--explain",
        action="store_true",
        help="per knelpunt de kans, de drempel en de woorden die meewogen (leesbare tekst)",
    )
    analyse.add_argument(
        "--team", metavar="KANAAL_ID", help="met het eigen model van dit team (uit de database)"
    )
    train = sub.add_parser(
        "train", help="train het knelpuntmodel uit prompts/corpus en bewaar het (build/)"
    )
    train.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="BESTAND",
        help="standaard: build/knelpuntmodel.npz",
    )
    manifest = sub.add_parser("manifest", help="druk het Slack-app-manifest af (JSON)")
    manifest.add_argument(
        "--http",
        metavar="https://host",
        help="HTTP in plaats van Socket Mode: Slack roept https://host/slack/events aan",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code.

    A reader of stdout that stops early (`reflectiebot … | head -1`) ends it quietly."""
    try:
        try:
            return run_command(argv)
        finally:
            sys.stdout.flush()  # what is still buffered: a closed pipe shows here at the latest
    except BrokenPipeError:
        return stdout_closed()


def run_command(argv: Sequence[str] | None) -> int:
    """Parse the arguments and run the command; a known failure is its one line and code."""
    args = build_parser().parse_args(argv)
    # First of all, so that a stop during the slow start-up is a clean stop too.
    shutdown = Shutdown().install() if args.command in ("run", "scheduler") else Shutdown()
    settings: Settings | None = None
    try:
        if args.env_file is not None and args.command in ("manifest", "train", "demo"):
            read_env_file(args.env_file, required=True)  # unused here, but a wrong path shows
        if args.command == "manifest":
            return cmd_manifest(args.http)
        if args.command == "train":
            return cmd_train(args.output)
        if args.command == "demo":
            return cmd_demo()
        offline = args.command in OFFLINE_COMMANDS or (args.command == "digest" and args.print)
        env_file = args.env_file or DEFAULT_ENV_FILE
        settings = load_settings(
            env_file=env_file,
            env_file_required=args.env_file is not None,
            require_slack=not offline,
            serves_requests=args.command in SERVING_COMMANDS,
        )
        configure_logging(settings)
        if args.command in ("run", "scheduler"):
            _warn_if_readable(env_file)
        if args.command == "backup":
            return cmd_backup(settings, args.file, force=args.force)
        if args.command == "analyse":
            return cmd_analyse(
                settings,
                sys.stdin,
                sys.stdout,
                explain=args.explain,
                channel_id=args.team,
                errors=sys.stderr,
            )
        if args.command == "digest":
            return cmd_digest(
                settings, channel_id=args.team, week_text=args.week, print_only=args.print
            )
        if args.command == "export":
            return cmd_export(
                settings, channel_id=args.team, fmt=args.format, since_text=args.since
            )
        if args.command == "rapport":
            return cmd_rapport(
                settings, month_text=args.maand, html_file=args.html, csv_dir=args.csv
            )
        if args.command == "purge":
            return cmd_purge(settings)
        if args.command == "audit":
            return cmd_audit(settings, channel_id=args.team, since_text=args.since)
        if args.command == "migrate":
            return cmd_migrate(settings)
        if args.command == "health":
            return cmd_health(settings)
        if args.command == "check":
            return cmd_check(settings, env_file)
        if args.command == "post-prompts":
            return cmd_post_prompts(settings, args.team)
        if args.command == "scheduler":
            return cmd_scheduler(settings, shutdown)
        return cmd_run(settings, shutdown, with_scheduler=not args.no_scheduler)
    except (StopRequested, Exception) as error:
        if isinstance(error, BrokenPipeError):
            raise  # stdout is closed (see main), not a failure to report
        code = report_failure(error, settings)
        if code is None:
            raise  # a bug: the traceback is what a developer needs
        return code


def cmd_manifest(http_base_url: str | None) -> int:
    """Print the manifest for Slack's 'Create app from manifest'."""
    try:
        manifest = build_manifest(listeners.features(), http_base_url=http_base_url)
    except ValueError as error:
        print(f"reflectiebot: --http: {error}", file=sys.stderr)
        return EXIT_SETTINGS
    print(json.dumps(manifest, indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_train(output: Path | None) -> int:
    """Train the knelpunt model from the repository's corpus and save it."""
    started = time.perf_counter()
    artefact = modelfile.build()
    path = output or modelfile.DEFAULT_MODEL_FILE
    modelfile.save(artefact, path)
    print(
        f"Knelpuntmodel getraind in {time.perf_counter() - started:.1f} s "
        f"({len(artefact.space)} kenmerken, {len(artefact.ids)} knelpunten): {path}"
    )
    return EXIT_OK


def cmd_migrate(settings: Settings) -> int:
    """Apply pending migrations."""
    engine = migrated_engine(settings)
    print(f"Database is bijgewerkt tot schema {current_revision(engine)}.")
    return EXIT_OK


def _warn_if_readable(env_file: Path) -> None:
    """A WARNING in the log when the settings file with the tokens is readable by others."""
    line = readable_by_others(env_file)
    if line is not None:
        log.warning("%s", line)


def cmd_check(settings: Settings, env_file: Path = DEFAULT_ENV_FILE) -> int:
    """Check settings, database and the Slack tokens, printing one line per check."""
    print("✓ Instellingen zijn geldig.")
    readable = readable_by_others(env_file)
    if readable is not None:
        print(f"⚠ {readable}")
    engine = migrated_engine(settings)
    if not is_up_to_date(engine):  # pragma: no cover - upgrade_to_head just ran
        print(f"✗ Database staat op {current_revision(engine)}, verwacht {head_revision()}.")
        return EXIT_FAILED
    print(f"✓ Database is bereikbaar en bijgewerkt (schema {head_revision()}).")
    try:
        with quiet_slack_sdk():  # slack_sdk's own lines for each try: the ✗ line says it
            identity = build_web_client(settings).auth_test()
    except SlackApiError as error:
        print(f"✗ Slack weigert het bot-token: {error.response.get('error')}.")
        print("  Controleer SLACK_BOT_TOKEN (OAuth & Permissions → Bot User OAuth Token).")
        return EXIT_SETTINGS
    except (SlackClientError, OSError) as error:
        return _unreachable(error, settings)
    print(f"✓ Slack kent de bot als @{identity.get('user')} in werkruimte {identity.get('team')}.")
    if settings.app_token:
        try:
            with quiet_slack_sdk():
                build_web_client(settings, token=settings.app_token).apps_connections_open(
                    app_token=settings.app_token
                )
        except SlackApiError as error:
            print(f"✗ Slack weigert het app-token: {error.response.get('error')}.")
            print("  Controleer SLACK_APP_TOKEN (Basic Information → App-Level Tokens).")
            return EXIT_SETTINGS
        except (SlackClientError, OSError) as error:
            return _unreachable(error, settings)
        print("✓ Socket Mode: het app-token werkt.")
    else:
        print(f"✓ HTTP-modus: Slack moet /slack/events op poort {settings.port} kunnen bereiken.")
    return EXIT_OK


def _unreachable(error: BaseException, settings: Settings) -> int:
    """The ✗ line of a check that could not reach Slack: the cause and what to do."""
    known = explain(error, settings)
    print(f"✗ {known if known is not None else first_line(error)}")
    return EXIT_FAILED


def cmd_run(settings: Settings, shutdown: Shutdown, *, with_scheduler: bool = True) -> int:
    """Migrate, connect to Slack, plan (or stand by), serve until SIGTERM (bot/runner.py);
    with WEB_PROCESSES > 1 in worker processes on one socket (bot/workers.py)."""
    from bot.runner import run_service

    if settings.web_processes > 1:
        from bot.workers import run_workers

        return run_workers(
            settings, shutdown, with_scheduler=with_scheduler, report_failure=report_failure
        )
    return run_service(settings, migrated_engine(settings), shutdown, with_scheduler=with_scheduler)


def cmd_scheduler(settings: Settings, shutdown: Shutdown) -> int:
    """Run only the planner, until SIGTERM or Ctrl-C; refuse when another one plans."""
    from bot.runner import build_planner

    engine = migrated_engine(settings)
    services = Services.for_settings(settings, engine)
    planner = build_planner(settings, engine, services, build_web_client(settings))
    try:
        if not planner.take():
            print_error(
                "er draait al een planner op deze database; start er maar één.",
                settings.log_format,
            )
            return EXIT_FAILED
        print("Planner draait. Stop met Ctrl-C.")
        planner.start()  # the catch-up and the lease renewals, in the background
        shutdown.serving()
        shutdown.wait()
    finally:
        clean = planner.stop(time.monotonic() + DRAIN_SECONDS)
    if not clean:
        exit_now(EXIT_OK, "the planner")
    return EXIT_OK


def cmd_post_prompts(settings: Settings, channel_id: str | None) -> int:
    """Post the next prompt now for one team or all, once per team and day."""
    engine = migrated_engine(settings)
    services = Services.for_settings(settings, engine)
    poster = services.poster(build_web_client(settings))
    with session_scope(engine) as session:
        if channel_id:
            team = teams.get_team_by_channel(session=session, channel_id=channel_id)
            if team is None:
                print(
                    f"reflectiebot: geen team gekoppeld aan kanaal {channel_id}.", file=sys.stderr
                )
                return EXIT_FAILED
            chosen = [team]
        else:
            chosen = teams.list_active_teams(session=session)
    failed = 0
    for team in chosen:
        result = poster.post_extra_prompt(team, system_clock())
        print(f"{team.channel_id} {team.name}: {POST_OUTCOMES.get(result.outcome, result.outcome)}")
        failed += result.outcome not in ("posted", "recovered", "exists")
    return EXIT_FAILED if failed else EXIT_OK


POST_OUTCOMES = {
    "posted": "geplaatst",
    "recovered": "stond er al (teruggevonden)",
    "exists": "vandaag al geplaatst",
    "retry": "Slack weigerde; wordt later opnieuw geprobeerd",
    "unknown": "geen antwoord van Slack; wordt gecontroleerd en zo nodig opnieuw geprobeerd",
    "failed": "kanaal onbereikbaar; de teamleiders zijn ingelicht",
    "busy": "wordt al geplaatst door een ander proces",
}
