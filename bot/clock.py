"""Where "now" comes from: one injectable clock, so tests can pin any date and hour.

Only the outermost layer (a listener, a job, the CLI) calls a clock; everything below takes
`now` as an argument.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from storage.models import utcnow

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real time, in UTC."""
    return utcnow()
