"""Helpers for Slack's mrkdwn: escape user text so it can never mention or link."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_ENTITY_RE = re.compile("|".join(map(re.escape, _ENTITIES)))


def escape(text: str) -> str:
    """Escape &, < and > so user text renders literally (defuses <!channel>, <@U…>)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo Slack's escaping of &, < and > in text it sends us."""
    return _ENTITY_RE.sub(lambda m: _ENTITIES[m.group(0)], text)


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
