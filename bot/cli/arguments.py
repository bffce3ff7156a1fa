"""The command line in Dutch: its mistakes (an unknown command, a missing value) as one line,
and `--help` without argparse's English headings.

argparse says mistakes in English over two lines (usage, then the error) and exits 2; an
administrator reading a log or a cron mail gets one line instead, like every other failure
(docs/beheer.md §11), and the usage stays one `--help` away.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from bot.cli.common import EXIT_SETTINGS
from bot.logs import print_error
from bot.settings import log_format_or_text

# argparse's messages (Python 3.11) and what they say in Dutch.
_CHOICE = r"invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.*)\)"
_DUTCH: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(rf"argument opdracht: {_CHOICE}"),
        "onbekende opdracht '{value}'; kies uit {choices}",
    ),
    (
        re.compile(rf"argument (?P<arg>\S+): {_CHOICE}"),
        "{arg}: onbekende keuze '{value}'; kies uit {choices}",
    ),
    (
        re.compile(r"argument (?P<arg>\S+): invalid (?P<type>\w+) value: '(?P<value>.*)'"),
        "{arg}: '{value}' is geen geldige waarde",
    ),
    (
        re.compile(r"argument (?P<arg>\S+): expected one argument"),
        "{arg} verwacht een waarde",
    ),
    (
        re.compile(r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)"),
        "{arg} en {other} gaan niet samen",
    ),
    (
        re.compile(r"argument (?P<arg>\S+): (?P<why>is leeg; .*)"),
        "{arg} {why}",
    ),
    (re.compile(r"unrecognized arguments: (?P<args>.*)"), "onbekende argumenten: {args}"),
    (
        re.compile(r"the following arguments are required: (?P<args>.*)"),
        "ontbreekt: {args}",
    ),
)  # fmt: skip


def in_dutch(message: str) -> str:
    """argparse's error message in Dutch, where it is one we know; else as it is."""
    for pattern, dutch in _DUTCH:
        found = pattern.fullmatch(message)
        if found:
            return dutch.format(**found.groupdict())
    return message


def settings_file(value: str) -> Path:
    """The path given with --env-file; an empty one is a mistake, not the working folder."""
    if not value.strip():
        raise argparse.ArgumentTypeError(
            "is leeg; geef het pad van het instellingenbestand, of laat --env-file weg voor "
            ".env in de werkmap"
        )
    return Path(value)


class DutchHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with a Dutch usage heading."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        """The usage line, headed 'gebruik:'."""
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class ArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser in Dutch: errors are one line (JSON with LOG_FORMAT=json), and the
    help's headings and its own -h line are Dutch too. Subcommands' parsers are of this class."""

    def __init__(self, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        """Print the mistake in one line, where to read more, and exit 2 (a setting)."""
        hint = f"zie `{self.prog} --help`"
        if message.startswith("unrecognized arguments") and "--env-file" in message:
            hint = "--env-file hoort vóór de opdracht: `reflectiebot --env-file BESTAND opdracht`"
        print_error(f"{in_dutch(message)} ({hint})", log_format_or_text(os.environ))
        raise SystemExit(EXIT_SETTINGS)
