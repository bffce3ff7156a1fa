"""Each team's own knelpunt model: the corpus model, corrected by the team's confirmed examples.

A team's examples (storage/learning.py) shape that team's model and no other: there is one
model per team, built in this process from the team's rows only. A team gets its own model
once it has MIN_TEAM_EXAMPLES examples; until then, and for every other team, the corpus model
is used. :meth:`TeamModels.refresh` rebuilds the models whose examples changed (new, corrected
or erased ones); `reflectiebot run` does that at start and every night (REFRESH_HOUR), in
every process, so all processes serving one database agree by the next morning. Erasing a
person's data drops the affected teams' models at once (:meth:`TeamModels.forget`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot.clock import Clock
from prompts.recogniser import Finding, Recogniser
from storage import learning
from storage.engine import read_scope

log = logging.getLogger(__name__)

MIN_TEAM_EXAMPLES: Final = 10
REFRESH_HOUR: Final = 4  # local time: after the retention purge (03:17), so purged texts leave

Fingerprint = tuple[int, int, str]


class TeamModels:
    """The corpus recogniser and, per team with enough confirmed examples, its own one."""

    def __init__(self, base: Recogniser) -> None:
        self.base = base
        self._teams: dict[int, tuple[Fingerprint, Recogniser]] = {}
        self._lock = threading.Lock()
        self._refreshing = threading.Lock()

    def for_team(self, team_id: int | None) -> Recogniser:
        """The recogniser of a team (the corpus one when it has no model of its own)."""
        if team_id is None:
            return self.base
        entry = self._teams.get(team_id)
        return entry[1] if entry is not None else self.base

    def recognise(self, text: str, team_id: int | None) -> list[Finding]:
        """The knelpunten of a text as the team's model sees them."""
        return self.for_team(team_id).recognise(text)

    def adapted_teams(self) -> list[int]:
        """Teams that have a model of their own (for status and tests)."""
        return sorted(self._teams)

    def forget(self, team_ids: set[int] | None = None) -> None:
        """Drop these teams' models (all: None) until the next refresh rebuilds them."""
        with self._lock:
            for team_id in list(self._teams) if team_ids is None else team_ids:
                self._teams.pop(team_id, None)

    def refresh(self, engine: Engine) -> list[int]:
        """Rebuild the models of teams whose examples changed; the ids of teams rebuilt."""
        with self._refreshing:  # one refresh at a time; readers keep the models they have
            with read_scope(engine) as session:
                current = learning.example_fingerprints(session=session)
            rebuilt: list[int] = []
            for team_id in set(self._teams) - {
                t for t, (count, _s, _l) in current.items() if count >= MIN_TEAM_EXAMPLES
            }:
                self.forget({team_id})
            for team_id, print_ in sorted(current.items()):
                if print_[0] < MIN_TEAM_EXAMPLES:
                    continue
                entry = self._teams.get(team_id)
                if entry is not None and entry[0] == print_:
                    continue
                with read_scope(engine) as session:
                    examples = learning.team_examples(session=session, team_id=team_id)
                if len(examples) < MIN_TEAM_EXAMPLES:
                    continue
                model = self.base.adapted([(e.text, e.knelpunten) for e in examples])
                with self._lock:
                    self._teams[team_id] = (print_, model)
                rebuilt.append(team_id)
            if rebuilt:
                log.info("knelpunt models rebuilt for %d team(s)", len(rebuilt))
            return rebuilt


def next_refresh(now: datetime, timezone: ZoneInfo) -> datetime:
    """The next REFRESH_HOUR:00 local time after `now`."""
    local = now.astimezone(timezone)
    moment = local.replace(hour=REFRESH_HOUR, minute=0, second=0, microsecond=0)
    if moment <= local:
        moment = (local + timedelta(days=1)).replace(
            hour=REFRESH_HOUR, minute=0, second=0, microsecond=0
        )
    return moment


class NightlyRefresh:
    """A daemon thread: refresh at start, then every night; stop() ends it at once."""

    def __init__(
        self,
        models: TeamModels,
        engine: Engine,
        *,
        clock: Clock,
        timezone: ZoneInfo,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self.models = models
        self.engine = engine
        self.clock = clock
        self.timezone = timezone
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="knelpunt-models", daemon=True)
        self._on_error = on_error

    def start(self) -> None:
        """Begin: the first refresh runs right away, in the background."""
        self._thread.start()

    def stop(self) -> None:
        """Stop waiting for the next night (a refresh in progress finishes by itself)."""
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.models.refresh(self.engine)
            except Exception as error:  # a database hiccup must not end the nightly refresh
                log.warning("refreshing the knelpunt models failed: %s", type(error).__name__)
                if self._on_error is not None:
                    self._on_error(error)
            now = self.clock()
            wait = (next_refresh(now, self.timezone) - now).total_seconds()
            self._stop.wait(max(60.0, wait))
