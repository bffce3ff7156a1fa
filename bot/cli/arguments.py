"""The command line's own mistakes (an unknown command, a missing value) as one Dutch line.

argparse says them in English over two lines (usage, then the error) and exits 2; an
administrator reading a log or a cron mail gets one line instead, like every other failure
(docs/beheer.md §11), and the usage stays one `--help` away.
"""

from __future__ import annotations

import argparse
import os
import re
from typing import NoReturn

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


class ArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one Dutch line (as JSON with LOG_FORMAT=json)."""

    def error(self, message: str) -> NoReturn:
        """Print the mistake in one line, where to read more, and exit 2 (a setting)."""
        print_error(
            f"{in_dutch(message)} (zie `{self.prog} --help`)",
            log_format_or_text(os.environ),
        )
        raise SystemExit(EXIT_SETTINGS)
