"""Helpers for Slack's mrkdwn: escape user text so it can never mention or link."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_ENTITY_RE = re.compile("|".join(map(re.escape, _ENTITIES)))

SECTION_TEXT_LIMIT = 3000  # Slack's limit for a section's text, after escaping
MAX_MESSAGE_BLOCKS = 50  # Slack's limit for a message (a modal or the Home tab allow 100)


def escape(text: str) -> str:
    """Escape &, < and > so user text renders literally (defuses <!channel>, <@U…>)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo Slack's escaping of &, < and > in text it sends us."""
    return _ENTITY_RE.sub(lambda m: _ENTITIES[m.group(0)], text)


# A user mention as Slack writes it into command text (should_escape): <@U123|sanne.devries>.
_MENTION_NAME_RE = re.compile(r"<@([UW][A-Z0-9]{2,30})\|[^<>]*>")


def command_text(raw: str) -> str:
    """What a user typed after a slash command: Slack's escaping of &, < and > undone, and the
    name Slack writes into a user mention left out (<@U123|sanne> -> <@U123>): the id is
    enough to show the mention, and a name is never stored."""
    return unescape(_MENTION_NAME_RE.sub(r"<@\1>", raw))


def _cut(mrkdwn: str, limit: int) -> int:
    """Where to cut escaped text at most `limit` long without splitting an entity like &amp;."""
    cut = limit
    ampersand = mrkdwn.rfind("&", max(0, cut - 4), cut)
    if ampersand != -1 and ";" not in mrkdwn[ampersand:cut]:
        cut = ampersand
    return cut


def clip(mrkdwn: str, limit: int = SECTION_TEXT_LIMIT) -> str:
    """Escaped text cut to fit a section (with '…'), never in the middle of an entity."""
    if len(mrkdwn) <= limit:
        return mrkdwn
    return mrkdwn[: _cut(mrkdwn, limit - 1)] + "…"


def quote_sections(text: str, limit: int = SECTION_TEXT_LIMIT) -> list[str]:
    """User text escaped and quoted ('> ') in as many sections as it needs: nothing is cut."""
    sections: list[str] = []
    current = ""
    for line in text.strip().splitlines() or [""]:
        piece = "> " + escape(line)
        while len(piece) > limit:  # one very long line: split it over sections
            cut = _cut(piece, limit)
            if current:
                sections.append(current)
                current = ""
            sections.append(piece[:cut])
            piece = "> " + piece[cut:]
        joined = f"{current}\n{piece}" if current else piece
        if len(joined) > limit:
            sections.append(current)
            joined = piece
        current = joined
    if current:
        sections.append(current)
    return sections


def mention(user_id: str) -> str:
    """A user mention; Slack shows the person's current name."""
    return f"<@{user_id}>"


@dataclass(frozen=True)
class Reply:
    """A private answer to a slash command: fallback text plus optional blocks."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)


def section(text: str) -> dict[str, Any]:
    """A mrkdwn section block."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def context(text: str) -> dict[str, Any]:
    """A small grey context line."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def plural(n: int, one: str, many: str) -> str:
    """'1 casus', '2 casussen'."""
    return f"{n} {one if n == 1 else many}"
