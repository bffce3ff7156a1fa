"""One look at a text: its length, client data and knelpunten, before anything is stored.

The listener, the store and the reply all read the one TextCheck, which is made outside any
write transaction: the length check comes first (a text that is too long is not scanned at
all), then the privacy guard, then the recogniser (a text with client data is not tagged: it
will not be stored).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from privacy.guard import PrivacyKind, detected_kinds
from prompts.recogniser import Finding
from storage.knelpunten import KnelpuntLink

Recognise = Callable[[str], Sequence[Finding]]


@dataclass(frozen=True)
class TextCheck:
    """What one look at a text found."""

    text: str
    empty: bool = False
    too_long: bool = False
    privacy: tuple[PrivacyKind, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def storable(self) -> bool:
        """True when the text may be stored: not empty, not too long, no client data."""
        return not (self.empty or self.too_long or self.privacy)

    def confident_ids(self) -> list[str]:
        """The knelpunten that count."""
        return [f.knelpunt_id for f in self.findings if f.confident]

    def possible_ids(self) -> list[str]:
        """The knelpunten the recogniser was unsure of ("mogelijk")."""
        return [f.knelpunt_id for f in self.findings if not f.confident]

    def links(self, known: frozenset[str] | None = None) -> list[KnelpuntLink]:
        """The findings as stored links (confident and possible), known ids only."""
        return [
            KnelpuntLink(f.knelpunt_id, f.probability, f.confident)
            for f in self.findings
            if known is None or f.knelpunt_id in known
        ]


def check_text(text: str, *, limit: int, recognise: Recognise | None = None) -> TextCheck:
    """Length first, then client data, then (for a storable text) the knelpunten."""
    if not text.strip():
        return TextCheck(text, empty=True)
    if len(text) > limit:
        return TextCheck(text, too_long=True)
    kinds = tuple(detected_kinds(text))
    if kinds:
        return TextCheck(text, privacy=kinds)
    return TextCheck(text, findings=tuple(recognise(text)) if recognise is not None else ())
