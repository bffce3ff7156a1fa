"""The text as the detectors see it, with each character's source span in the original.

What is seen through, and why:

* Slack mrkdwn: ``<mailto:…>`` and ``<tel:…>`` targets are scanned; user and channel mentions
  (``<@U123|naam>``) are blanked (a colleague, not a client); ``&amp;``-style entities are decoded;
  the markers ``*``, ``_``, ``~`` and backticks are blanked, except an asterisk straight (or one
  space) before a number that no asterisk closes: in genealogy and CRM notation ``*02-09-1976``
  and ``vader * 02-09-1976`` mean "geboren" (at a line's start it may be a bullet: the date
  detector judges).
* Links: the scheme and host are blanked, the path, query string and fragment are decoded
  (``+`` and ``%xx``) and scanned, with ``/ ? & = # ; _ -`` read as spaces, so a ``wa.me/316…``
  link, a maps link with an address or ``?bsn=…`` is found like the same text typed out.
  ``tel:``, ``sms:`` and ``mailto:`` targets, also typed without Slack's brackets, are decoded
  (``%2B31``, ``%40``) but keep their ``+`` and ``.``; a ``%xx`` run glued to a word elsewhere
  ("fatma.kaya%40live.nl") is decoded too.
* Unicode: every format character (category Cf: zero-width spaces, soft hyphens, left-to-right
  and right-to-left marks and embeddings) and variation selector is dropped (a space takes its
  place only between a small letter and a capital, "mevrouw\u200eJansen"); digits of every
  script become ASCII digits; a letter with combining marks (NFD, as macOS and some phones
  write "Ayşe Öztürk") is composed first; other characters are NFKC-folded (fullwidth forms,
  non-breaking spaces), dashes and quotes unified, Arabic separators read as their Latin twins.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

__all__ = ["Normalised", "normalise"]


class Normalised:
    """The normalised text, and a map from its positions back to spans of the original.

    The map is kept as segments (where each piece of normalised text came from), so building it
    costs per piece, not per character; positions are looked up only for findings.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self._length = 0
        self._at: list[int] = []  # where each segment starts in the normalised text
        self._source: list[int] = []  # where it starts in the original
        self._source_end: list[int] = []  # -1: copied one for one; else the replaced span's end

    def _segment(self, value: str, start: int, source_end: int) -> None:
        self.parts.append(value)
        self._at.append(self._length)
        self._source.append(start)
        self._source_end.append(source_end)
        self._length += len(value)

    def keep(self, source: str, start: int, end: int) -> None:
        """Copy source[start:end] unchanged."""
        if start < end:
            self._segment(source[start:end], start, -1)

    def blank(self, start: int, end: int) -> None:
        """Replace source[start:end] with spaces, one for one."""
        if start < end:
            self._segment(" " * (end - start), start, -1)

    def take_back_letter(self) -> int | None:
        """Remove the last ASCII letter copied unchanged, and say where it was in the original."""
        if not self.parts or self._source_end[-1] >= 0 or not self.parts[-1][-1:].isalpha():
            return None
        if not self.parts[-1][-1].isascii():
            return None
        last = self.parts[-1]
        source = self._source[-1] + len(last) - 1
        self._length -= 1
        if len(last) == 1:
            self.parts.pop()
            self._at.pop()
            self._source.pop()
            self._source_end.pop()
        else:
            self.parts[-1] = last[:-1]
        return source

    def replace(self, value: str, start: int, end: int) -> None:
        """Put value in place of source[start:end]; each new character maps to that whole span."""
        if value:
            self._segment(value, start, end)

    @property
    def text(self) -> str:
        """The normalised text."""
        return "".join(self.parts)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that normalised text[start:end] came from."""
        return self._source_start(start), self._source_stop(end - 1)

    def _find(self, position: int) -> int:
        return bisect_right(self._at, position) - 1

    def _source_start(self, position: int) -> int:
        index = self._find(position)
        if self._source_end[index] < 0:
            return self._source[index] + position - self._at[index]
        return self._source[index]

    def _source_stop(self, position: int) -> int:
        index = self._find(position)
        if self._source_end[index] < 0:
            return self._source[index] + position - self._at[index] + 1
        return self._source_end[index]


_SLACK_ENTITY_RE = re.compile(
    r"<(?P<body>(?:[@#!]|[A-Za-z][A-Za-z0-9+.-]{0,20}:)[^<>\n]{0,2000})>",
)
_HTML_ENTITIES: dict[str, str] = {
    "amp": "&",
    "lt": "<",
    "gt": ">",
    "quot": '"',
    "apos": "'",
    "nbsp": " ",
}
# One character of interest first, then what follows it: a character class at the start lets the
# regex engine skip ordinary text fast (the look-behinds pick the branch).
_SPECIAL_RE = re.compile(
    r"[&hw*~`_:%\x80-\U0010ffff](?:"
    r"(?<=&)(?P<html>amp|lt|gt|quot|apos|nbsp|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});"
    r"|(?<=[hw])(?P<url>ttps?://|ww\.)[^\s<>|]{1,2000}"
    r"|(?<=\*)(?P<birth>)(?=[ \t]?[0-9][0-9./-]{1,11}(?![0-9./-]|\*))"
    r"|(?<=[*~`_])(?P<fmt>)"
    r"|(?:(?<=tel:)|(?<=sms:)|(?<=mailto:)|(?<=callto:))(?P<target>[^\s<>|]{1,500})"
    r"|(?<=%)(?P<pct>[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})*)"
    r"|(?<=[^\x00-\x7f])(?P<uni>[^\x00-\x7f]*)"
    r")"
)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_TRANSLATION: dict[int, str] = {ord(dash): "-" for dash in _DASHES}
_TRANSLATION.update({ord(q): "'" for q in "\u2018\u2019\u201a\u201b\u02bc\u2032"})
_TRANSLATION.update({ord(c): "\n" for c in "\u2028\u2029\u0085"})
_TRANSLATION[0x2800] = " "  # the braille blank, a space to the eye
# Arabic separators and slashes that stand where a Latin text has . , ; /
_TRANSLATION.update(
    {0x066B: ".", 0x066C: ",", 0x060C: ",", 0x061B: ";", 0x060D: "/", 0x06D4: ".", 0x2044: "/"}
)
_TRANSLATION[0x2215] = "/"
# Invisible characters outside category Cf: variation selectors, the combining grapheme joiner,
# Mongolian free variation selectors, Hangul fillers.
_INVISIBLE = frozenset(
    [chr(c) for c in range(0xFE00, 0xFE10)]
    + [chr(c) for c in range(0xE0100, 0xE01F0)]
    + ["\u034f", "\u180b", "\u180c", "\u180d", "\u180f", "\u115f", "\u1160", "\u3164", "\uffa0"]
)


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """How the detectors see one non-ASCII character ('' when it is invisible)."""
    if char in _INVISIBLE:
        return ""
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    if category == "Nd":
        return str(unicodedata.decimal(char))
    folded = unicodedata.normalize("NFKC", char).translate(_TRANSLATION)
    if folded != char and any(not c.isascii() for c in folded):
        folded = "".join(fold_char(c) if not c.isascii() else c for c in folded)
    return folded


def _fold_run(text: str, start: int, end: int, out: Normalised) -> None:
    """Fold the non-ASCII characters text[start:end]."""
    run = text[start:end]
    if not unicodedata.is_normalized("NFC", run) or unicodedata.combining(run[0]):
        _compose_run(text, start, end, out)
    else:
        _fold_chars(text, start, end, out)


def _fold_chars(text: str, start: int, end: int, out: Normalised) -> None:
    """Fold text[start:end] character by character."""
    run = text[start:end]
    folded = [fold_char(char) for char in run]
    if folded == list(run):
        out.keep(text, start, end)
        return
    for offset, (char, value) in enumerate(zip(run, folded, strict=True)):
        at = start + offset
        if value == char:
            out.keep(text, at, at + 1)
        elif value:
            out.replace(value, at, at + 1)
        elif _joins_words(text, at):
            out.replace(" ", at, at + 1)


def _compose_run(text: str, start: int, end: int, out: Normalised) -> None:
    """Fold text[start:end] cluster by cluster: a letter and its combining marks composed (NFC).

    A run that starts with a combining mark takes back the ASCII letter before it ("s" + U+0327).
    """
    at = start
    if unicodedata.combining(text[start]):
        base = out.take_back_letter()
        if base is not None:
            at = base
    position = at
    while position < end:
        cluster_end = position + 1
        while cluster_end < end and unicodedata.combining(text[cluster_end]):
            cluster_end += 1
        cluster = text[position:cluster_end]
        if cluster_end - position == 1 and position >= start:
            _fold_chars(text, position, cluster_end, out)
        else:
            composed = unicodedata.normalize("NFC", cluster)
            value = "".join(fold_char_or_self(char) for char in composed)
            out.replace(value, position, cluster_end)
        position = cluster_end


def _joins_words(text: str, at: int) -> bool:
    """Whether a dropped character at `at` stands between a small letter and a capital."""
    before = at - 1
    while before >= 0 and fold_char_or_self(text[before]) == "":
        before -= 1
    after = at + 1
    while after < len(text) and fold_char_or_self(text[after]) == "":
        after += 1
    if before < 0 or after >= len(text) or after != at + 1:
        return False
    return text[before].islower() and text[after].isupper()


def fold_char_or_self(char: str) -> str:
    """fold_char for non-ASCII characters, the character itself for ASCII."""
    return char if char.isascii() else fold_char(char)


def _normalise_plain(text: str, start: int, end: int, out: Normalised) -> None:
    """Decode HTML entities, decode web addresses, blank mrkdwn markers, fold unicode."""
    position = start
    for match in _SPECIAL_RE.finditer(text, start, end):
        at = match.start()
        before = text[at - 1] if at > 0 else " "
        if match.group("html") is not None:
            out.keep(text, position, at)
            out.replace(_entity(match.group("html")), at, match.end())
        elif match.group("url") is not None:
            if before.isalnum() or before in "_@.":
                continue  # not the start of a link ("jan@www.x.nl"): read it as text
            out.keep(text, position, at)
            normalise_url(text, at, match.end(), out)
        elif match.group("birth") is not None:
            if not before.isalnum():
                continue  # "*02-09-1976", "* 02-09-1976": kept, the date detector judges it
            out.keep(text, position, at)
            out.blank(at, match.end())  # "3*4": a marker, not a birth mark
        elif match.group("target") is not None:
            out.keep(text, position, match.start("target"))
            normalise_target(text, match.start("target"), match.end(), out)
        elif match.group("pct") is not None:
            if not before.strip():
                continue  # "25 %2B": only a run glued to what it encodes is an escape
            out.keep(text, position, at)
            _decode_percent(text, at, match.end(), out)
        elif match.group("fmt") is not None:
            after = text[at + 1] if at + 1 < len(text) else " "
            if text[at] == "_" and before.isalnum() and after.isalnum():
                continue  # "jan_jansen": part of a word, not a mrkdwn marker
            out.keep(text, position, at)
            out.blank(at, match.end())
        else:
            out.keep(text, position, at)
            _fold_run(text, at, match.end(), out)
        position = match.end()
    out.keep(text, position, end)


def _entity(name: str) -> str:
    """The character an HTML entity stands for."""
    if name.startswith(("#x", "#X")):
        return _safe_chr(int(name[2:], 16))
    if name.startswith("#"):
        return _safe_chr(int(name[1:]))
    return _HTML_ENTITIES[name]


def _safe_chr(code: int) -> str:
    """The character for a numeric HTML entity, or a space when the number is not one."""
    if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
        return fold_char_or_self(chr(code)) or " "
    return " "


def _decode_percent(text: str, start: int, end: int, out: Normalised) -> None:
    """A run of %xx escapes text[start:end], decoded as UTF-8 and folded."""
    raw = bytes.fromhex(text[start:end].replace("%", ""))
    decoded = raw.decode("utf-8", errors="replace").replace("\ufffd", " ")
    value = "".join(fold_char_or_self(char) for char in decoded)
    out.replace(value or " ", start, end)


_TARGET_PART_RE = re.compile(r"(?P<pct>(?:%[0-9A-Fa-f]{2})+)|(?P<sep>[?&=])|(?P<uni>[^\x00-\x7f]+)")


def normalise_target(text: str, start: int, end: int, out: Normalised) -> None:
    """A tel:, sms: or mailto: target: %xx decoded, + and . kept, the query's marks as spaces."""
    _decode_parts(_TARGET_PART_RE, text, start, end, out)


_URL_HEAD_RE = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]{0,20}://)?[^/?#\s]*")
_URL_PART_RE = re.compile(
    r"(?P<pct>(?:%[0-9A-Fa-f]{2})+)|(?P<sep>&amp;|[+/?&=#;_-])|(?P<uni>[^\x00-\x7f]+)"
)


def normalise_url(text: str, start: int, end: int, out: Normalised) -> None:
    """A web address: scheme and host blanked, the rest decoded so its data can be seen."""
    head = _URL_HEAD_RE.match(text, start, end)
    position = head.end() if head is not None else start
    out.blank(start, position)
    _decode_parts(_URL_PART_RE, text, position, end, out)


def _decode_parts(parts: re.Pattern[str], text: str, start: int, end: int, out: Normalised) -> None:
    """Between start and end: %xx runs decoded, separators as spaces, other scripts folded."""
    position = start
    for match in parts.finditer(text, start, end):
        out.keep(text, position, match.start())
        position = match.end()
        if match.group("pct") is not None:
            _decode_percent(text, match.start(), match.end(), out)
        elif match.group("sep") is not None:
            out.replace(" ", match.start(), match.end())
        else:
            _fold_run(text, match.start(), match.end(), out)
    out.keep(text, position, end)


def normalise(text: str) -> Normalised:
    """The detectors' view of text: Slack entities unwrapped, escapes decoded, unicode folded."""
    out = Normalised()
    position = 0
    for match in _SLACK_ENTITY_RE.finditer(text):
        _normalise_plain(text, position, match.start(), out)
        position = match.end()
        body_start, body_end = match.start("body"), match.end("body")
        out.blank(match.start(), body_start)  # the "<"
        if text[body_start] in "@#!":
            out.blank(body_start, match.end())  # mentions, channels, @here: not client data
            continue
        bar = text.find("|", body_start, body_end)
        target_end = bar if bar >= 0 else body_end
        colon = text.index(":", body_start, target_end)
        scheme = text[body_start:colon].lower()
        if scheme in ("http", "https", "ftp"):
            normalise_url(text, body_start, target_end, out)
        elif scheme == "slack":
            out.blank(body_start, target_end)
        else:
            out.blank(body_start, colon + 1)  # "mailto:", "tel:"
            normalise_target(text, colon + 1, target_end, out)
        if bar >= 0:
            out.blank(bar, bar + 1)
            _normalise_plain(text, bar + 1, body_end, out)
        out.blank(body_end, match.end())  # the ">"
    _normalise_plain(text, position, len(text), out)
    return out
