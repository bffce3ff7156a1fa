"""Detector for e-mail addresses, also written out: "jan punt visser at gmail punt com".

The @ may be written ``at``, ``[at]``, ``(at)``, ``(a)``, ``apenstaartje`` (``apenstaart``,
``apestaartje``) or have spaces around it; a
dot may be ``punt``, ``dot``, ``[dot]``, ``(punt)`` or have spaces around it in the domain. A
written-out address only counts when its domain ends in a known top-level domain or names a
known mail provider ("jansen at gmail"), so "at home" or "een punt van aandacht" are not
addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.words import lowered, matches_at, occurrences, seen_lowered

Span = tuple[int, int]

__all__ = ["find_email"]


def _split(words: str) -> list[str]:
    """The words of a list written as one string."""
    return words.split()


_OPEN = r"[\[({<]"
_CLOSE = r"[\])}>]"
_AT = (
    rf"(?P<at>[ \t]{{0,2}}@[ \t]{{0,2}}"
    rf"|[ \t]*{_OPEN}[ \t]*(?:at|@|a|apen?staart(?:je)?)[ \t]*{_CLOSE}[ \t]*"
    r"|[ \t]+(?:at|apen?staart(?:je)?)[ \t]+|[ \t]*-at-[ \t]*)"
)
_LOCAL_DOT = (
    rf"(?:\.|[ \t]+(?:punt|dot)[ \t]+|[ \t]*{_OPEN}[ \t]*(?:punt|dot|\.)[ \t]*{_CLOSE}[ \t]*)"
)
_DOMAIN_DOT = (
    rf"(?:[ \t]{{0,2}}\.[ \t]{{0,2}}|[ \t]+(?:punt|dot)[ \t]+"
    rf"|[ \t]*{_OPEN}[ \t]*(?:punt|dot|\.)[ \t]*{_CLOSE}[ \t]*)"
)
_LOCAL_WORD = r"[\w%+'-]{1,64}+"
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_EMAIL_RE = re.compile(
    rf"(?<![\w.%+'-])(?P<local>{_LOCAL_WORD}(?:{_LOCAL_DOT}{_LOCAL_WORD}){{0,4}}){_AT}"
    rf"(?P<domain>{_LABEL}(?:{_DOMAIN_DOT}{_LABEL}){{0,4}})(?![\w-])",
    re.IGNORECASE,
)
_SPLIT_DOT_RE = re.compile(_DOMAIN_DOT, re.IGNORECASE)

_TOP_LEVEL = frozenset(
    _split(
        "nl com net org be de eu info nu biz io co uk fr es it tr ma pl me online email live"
        " frl amsterdam nl.eu mail"
    )
)
_PROVIDERS = frozenset(
    _split(
        "gmail googlemail hotmail outlook live msn ziggo kpnmail kpnplanet planet xs4all hetnet"
        " home icloud me yahoo casema chello quicknet telfort tele2 upcmail protonmail proton gmx"
        " zeelandnet online caiway solcon kpn"
    )
)


# An @, a written-out "at" or "apenstaartje", or "(a)": all from the a, so one cheap scan.
_HINT_RE = re.compile(
    r"@|[aA](?:(?<![^\W\d_][aA])(?:[tT](?![^\W\d_])|(?i:pen?staart))"
    r"|(?<=[(\[{<][aA])(?=[)\]}>]))"
)


# Every hint begins with one of these in lower case: "@", "at", "ape(n)staart", "a" before a
# closing bracket; _HINT_RE is tried only where str.find sees one.
_HINT_HEADS = ("@", "at", "ape", "a)", "a]", "a}", "a>")


def _hints(text: str) -> Iterator[re.Match[str]]:
    """_HINT_RE.finditer(text), tried only where a hint may begin."""
    if not seen_lowered(text):
        return _HINT_RE.finditer(text)
    return matches_at(_HINT_RE, text, occurrences(lowered(text), _HINT_HEADS))


def find_email(text: str) -> Iterator[Span]:
    """E-mail addresses, plain or written out."""
    for low, high in _windows(text):
        yield from _emails_in(text, low, high)


_REACH = 110  # an address reaches no further than this from its @ (or "at")


def _windows(text: str) -> Iterator[tuple[int, int]]:
    """Stretches of text around each @ or written-out "at", merged where they overlap."""
    low = high = -1
    for hint in _hints(text):
        start, end = max(0, hint.start() - _REACH), min(len(text), hint.end() + _REACH)
        if start > high:
            if high > low:
                yield low, high
            low = start
        high = end
    if high > low:
        yield low, high


def _emails_in(text: str, low: int, high: int) -> Iterator[Span]:
    """E-mail addresses in text[low:high]."""
    for match in _EMAIL_RE.finditer(text, low, high):
        local = match.group("local")
        labels = [label.lower() for label in _SPLIT_DOT_RE.split(match.group("domain"))]
        plain = match.group("at") == "@" and "." in match.group("domain")
        plain = plain and all(c not in match.group("domain") for c in " \t[](){}<>")
        if plain:
            # An ordinary address: a real top-level domain, no dot at either end of the local part.
            tld = labels[-1]
            if (
                len(labels) >= 2
                and tld.isalpha()
                and 2 <= len(tld) <= 24
                and local.strip(".") == local
                and ".." not in local
            ):
                yield match.span()
            continue
        if (labels[-1] in _TOP_LEVEL and len(labels) >= 2) or labels[0] in _PROVIDERS:
            yield match.span()
