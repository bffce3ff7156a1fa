"""The municipality's functioneel beheerders (FUNCTIONEEL_BEHEERDERS): who may link teams.

When the setting names anyone, only they link a channel to a team (`/wijkteam koppel`) and
appoint a team's first teamleider (also after the last one left). When it is empty, anyone in a
channel not yet linked may link it and becomes its first teamleider, as before.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Beheer:
    """Who the functioneel beheerders are (none named: no restriction)."""

    beheerders: frozenset[str] = frozenset()

    @property
    def restricted(self) -> bool:
        """Whether the municipality named its functioneel beheerders."""
        return bool(self.beheerders)

    def is_beheerder(self, user_id: str) -> bool:
        """Whether this Slack id is one of the named functioneel beheerders."""
        return user_id in self.beheerders

    def may_link(self, user_id: str) -> bool:
        """Whether this user may link a channel to a new team."""
        return not self.restricted or self.is_beheerder(user_id)

    def may_appoint_first_leader(self, user_id: str) -> bool:
        """Whether this user may make someone teamleider of a team that has none."""
        return not self.restricted or self.is_beheerder(user_id)
