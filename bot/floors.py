"""The group floor: no number about fewer than MIN_GROUP_SIZE people or cases leaves the bot.

One place for the rule, so the weekspiegel, its previews and the gemeente's reports apply it the
same way. A count of 0 says nothing about anyone and may be shown; a count from 1 up to the floor
is hidden (the reader sees "minder dan N"), and a series of weekly counts shows those weeks as
empty. People are counted as distinct Slack ids; contributions without an author (anonymous or
erased) count together as at most one person, because nothing tells them apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class GroupFloor:
    """The smallest group a shown number may describe (MIN_GROUP_SIZE)."""

    size: int

    def allows(self, count: int) -> bool:
        """Whether `count` may be shown: none at all, or at least the floor."""
        return count == 0 or count >= self.size

    def count(self, count: int) -> int | None:
        """`count` when it may be shown, else None (render None with `below`)."""
        return count if self.allows(count) else None

    def series(self, counts: Sequence[int]) -> tuple[int, ...]:
        """Weekly counts with every count below the floor shown as none."""
        return tuple(count if count >= self.size else 0 for count in counts)

    def below(self) -> str:
        """How a hidden count reads: 'minder dan 3'."""
        return f"minder dan {self.size}"


def distinct_people(authors: Iterable[str | None]) -> int:
    """How many people these contributions stem from: distinct ids, all unknown ones as one."""
    seen = list(authors)
    named = {author for author in seen if author}
    return len(named) + (1 if any(not author for author in seen) else 0)
