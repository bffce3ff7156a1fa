"""A modal submitted twice within seconds with the same content is handled once.

Slack does not retry view_submission, but people double-click and networks repeat a request.
The repeat gets the first submission's answer (the same "bewaard" view), and nothing is stored
twice. Only successful stores are remembered: after a field error or a failure the user's next
try is handled anew.

The memory is this process's, for WINDOW seconds, and holds a hash of the submission only: no
text, and nothing in the database that could link an anonymous answer to the person who wrote
it. A repeat that another `reflectiebot run` process receives is not caught.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

WINDOW_SECONDS = 10.0
# How long a repeat waits for the first submission (still being stored) to finish; Slack
# gives the ack 3 s.
WAIT_SECONDS = 2.5

Response = dict[str, Any]


def submission_key(body: dict[str, Any]) -> str:
    """A hash of who submitted which modal with which content."""
    view = body.get("view") or {}
    content = {
        "user": (body.get("user") or {}).get("id"),
        "callback_id": view.get("callback_id"),
        "metadata": view.get("private_metadata"),
        "values": (view.get("state") or {}).get("values"),
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class _Submission:
    started: float
    done: threading.Event = field(default_factory=threading.Event)
    response: Response | None = None


class SubmissionGuard:
    """Runs the work of identical submissions once per WINDOW_SECONDS; thread-safe."""

    def __init__(self, timer: Callable[[], float] = time.monotonic) -> None:
        self._timer = timer
        self._lock = threading.Lock()
        self._seen: dict[str, _Submission] = {}

    def once(self, body: dict[str, Any], work: Callable[[], Response]) -> Response:
        """The ack arguments for this submission: `work()`'s, or the first identical one's."""
        key = submission_key(body)
        with self._lock:
            now = self._timer()
            for old in [k for k, s in self._seen.items() if now - s.started > WINDOW_SECONDS]:
                del self._seen[old]
            earlier = self._seen.get(key)
            if earlier is None:
                mine = self._seen[key] = _Submission(started=now)
        if earlier is not None:
            earlier.done.wait(WAIT_SECONDS)
            if earlier.response is not None:
                return earlier.response
            return work()  # the first one stored nothing: this one is handled as usual
        try:
            response = work()
        except BaseException:
            self._forget(key, mine)
            raise
        if response.get("response_action") == "update":
            mine.response = response
            mine.done.set()
        else:
            self._forget(key, mine)
        return response

    def _forget(self, key: str, submission: _Submission) -> None:
        with self._lock:
            if self._seen.get(key) is submission:
                del self._seen[key]
        submission.done.set()
