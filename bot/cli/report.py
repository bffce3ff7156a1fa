"""How a command ends when something goes wrong: one line on stderr (plain, or JSON with
LOG_FORMAT=json) and its exit code; and quietly when the reader of stdout stopped early."""

from __future__ import annotations

import logging
import os
import sys

from sqlalchemy.exc import SQLAlchemyError

from bot.cli.common import EXIT_FAILED, EXIT_OK, EXIT_SETTINGS
from bot.errors import ServiceError, explain
from bot.lifecycle import StopRequested
from bot.logs import print_error
from bot.settings import Settings, SettingsError
from prompts.casus_form import CaseFormError
from prompts.lijnen import LinesError
from prompts.taxonomy import TaxonomyError
from storage.engine import StorageError

log = logging.getLogger(__name__)

# A reader of stdout that stopped early (`| head -1`): the code of a Unix tool ended by SIGPIPE
# (128 + 13), with no message.
EXIT_STDOUT_CLOSED = 141


def report_failure(error: BaseException, settings: Settings | None) -> int | None:
    """A known failure: its one line on stderr, and the exit code; None for a bug."""
    fmt = settings.log_format if settings is not None else "text"
    if isinstance(error, StopRequested):
        return EXIT_OK
    if isinstance(error, ServiceError):
        return _report(error, error, fmt)
    if isinstance(error, SettingsError):
        print_error(str(error), error.log_format)
        return EXIT_SETTINGS
    if isinstance(error, (TaxonomyError, CaseFormError, LinesError)):
        print_error(f"de inhoudsbestanden kloppen niet:\n{error}", fmt)
        return EXIT_SETTINGS
    known = explain(error, settings)
    if known is not None:
        return _report(known, error, fmt)
    if isinstance(error, (StorageError, SQLAlchemyError)):
        print_error(f"database niet bruikbaar: {first_line(error)}", fmt)
        return EXIT_FAILED
    return None


def _report(known: ServiceError, error: BaseException, fmt: str) -> int:
    """One line on stderr; the traceback only in the log at DEBUG."""
    log.debug("what failed", exc_info=error)
    print_error(str(known), fmt)
    return known.exit_code


def stdout_closed() -> int:
    """The reader of stdout is gone (Python docs, "Note on SIGPIPE"): point stdout at
    /dev/null, so that Python's own flush at exit does not fail again, and end quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_STDOUT_CLOSED


def first_line(error: BaseException) -> str:
    """The first line of an error's message, or its kind when it has none."""
    text = str(error).strip()
    return text.splitlines()[0] if text else error.__class__.__name__
