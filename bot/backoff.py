"""A pause for the planner's posts, after Slack said it limits this app (app_rate_limited).

Small on purpose: one moment per process until which posting waits. Slack sends
app_rate_limited when a workspace makes the app more than its hourly share of events; our own
posts (and the replies under them) make events too, so the planner holds its posts for a while.
Nothing is dropped: due prompts, retries and reminders are picked up by the next housekeeping
round after the pause.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

# How long the planner waits after a notice: the limited minute and the one after it.
PAUSE = timedelta(minutes=2)


class PostingBackoff:
    """Until when the planner holds its posts; shared by the listeners and the planner."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until: datetime | None = None
        self._notices: set[object] = set()

    def hold_until(self, moment: datetime, notice: object = None) -> bool:
        """Hold posts until `moment`; True when that is news: a notice not seen before that
        pauses longer than before (Slack may deliver one notice twice)."""
        with self._lock:
            if notice is not None:
                if notice in self._notices:
                    return False
                self._notices.add(notice)
            if self._until is not None and moment <= self._until:
                return False
            self._until = moment
            return True

    def holding(self, now: datetime) -> bool:
        """Whether posts wait at `now`."""
        with self._lock:
            return self._until is not None and now < self._until

    @property
    def until(self) -> datetime | None:
        """The end of the current or last pause."""
        with self._lock:
            return self._until
