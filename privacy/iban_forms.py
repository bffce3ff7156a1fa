"""Bank accounts after a label that the mod-97 scan in ``numbers`` cannot confirm.

After "iban", "rekening(nummer)", "rek.nr", "bankrek" or "giro(nummer)" on the same line, up to
40 characters on, these count as an IBAN finding:

* an IBAN glued to the label ("ibanNL91ABNA…", "rekNL91…");
* an IBAN of a known country with one character too many or too few (a hurried copy);
* a masked IBAN with its last digits ("NL91 **** **** 4300", "NL91ABNA...4300");
* the last digits with the owner on the line ("iban eindigt op 4300, van Mo"; without an owner
  the digits alone pass: "Rekeningnummer eindigt op 4300.");
* an old Dutch account or giro number: seven to ten digits, however grouped ("3456.78.901").

What passes: a label with no number after it on its line ("reknr volgt later"), amounts and
years after it ("de rekening van 1250 euro", "rekening 2024 afgesloten": fewer than seven
digits), a number in thousands ("1.250.000") or with a currency or a unit beside it.
Labels are found with str.find on the lower-cased text the detectors share, so a text without
"rek", "iban" or "giro" costs three scans in C and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from privacy.words import lowered

Span = tuple[int, int]

__all__ = ["labelled_accounts"]

# Matched on the lower-cased text at each place a _GATE word stands; "bank" before it is allowed.
_LABEL_RE = re.compile(
    r"(?:iban|giro(?:[ \t.-]*(?:nummer|nr))?|rek(?:ening)?(?:[ \t.-]*(?:nummer|nr))?)\.?"
)
# A letter after the label ends it only when an IBAN is glued to it ("rekNL91…").
_GLUED_IBAN_RE = re.compile(r"[A-Z]{2}[0-9]{2}")
_REACH = 40
_SEP = r"(?:[ \t]*[-./_|•·∙⋅,:][ \t]*|[ \t]{1,3}|[ \t]*\r?\n[ \t]*)"
# An IBAN of any length straight after the label or within its reach: the length is checked
# against the country after the match.
_LOOSE_IBAN_RE = re.compile(rf"([A-Za-z]{{2}}){_SEP}?[0-9]{{2}}(?:{_SEP}?[A-Za-z0-9]){{8,32}}")
_MASKED_RE = re.compile(
    rf"[A-Za-z]{{2}}[0-9]{{2}}(?:{_SEP}?[A-Za-z0-9]){{0,8}}{_SEP}?[*xX.…•]{{2,}}"
    rf"(?:{_SEP}?[*xX.…•]+)*{_SEP}?[0-9]{{2,}}(?![0-9])"
    # the normaliser reads "**** ****" as bold marks and leaves spaces where they stood
    rf"|[A-Za-z]{{2}}[0-9]{{2}}[ \t]{{4,}}\*?[ \t]*[0-9]{{2,}}(?![0-9])"
)
_LAST_DIGITS_RE = re.compile(
    r"(?:eindig(?:t|en|end)[ \t]+(?:op|met)|laatste[ \t]+(?:[0-9][ \t]+)?(?:cijfers|nummers))"
    r"[^\w\n]{0,4}[^\d\n]{0,30}?[*xX.…]*([0-9](?:[ \t]?[0-9]){2,})(?![0-9])",
    re.IGNORECASE,
)
# Whose account: "van Karimi", "t.n.v. mw", "van meneer" (a capital after van, or a person word).
_OWNER_RE = re.compile(
    r"(?<![^\W\d_])(?:van|t\.?n\.?v\.?|tnv|op naam van)[ \t]+(?:[A-Z][^\W\d_]+"
    r"|(?:mevrouw|mevr|mw|meneer|dhr|de heer|mijnheer|cli[eë]nt|moeder|vader|zoon|dochter)"
    r"(?![^\W\d_]))"
)
_OLD_ACCOUNT_RE = re.compile(rf"(?<![\w.,])[0-9](?:{_SEP}?[0-9]){{6,9}}(?![\w,]|[.,][0-9])")
_UNIT_AFTER_RE = re.compile(r"[ \t]*(?:euro|eur|€|,-|keer|mnd|maanden|jaar|dagen)", re.IGNORECASE)
_AMOUNT_RE = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_CURRENCY_BEFORE_RE = re.compile(r"(?:€|eur|euro)[ \t]*$", re.IGNORECASE)
_GATE = ("rek", "iban", "giro")


def _line_window(text: str, start: int) -> str:
    """Up to _REACH characters from start, cut at the end of the line.

    The window is what follows the label; an IBAN split over lines reaches past it, so only the
    start of a number needs to lie in it.
    """
    window = text[start : start + _REACH]
    newline = window.find("\n")
    return window if newline < 0 else window[:newline]


def _near_iban(text: str, start: int, lengths: Mapping[str, int]) -> Span | None:
    """An IBAN of a known country starting in the window, one character off at most."""
    window = _line_window(text, start)
    for match in _LOOSE_IBAN_RE.finditer(text, start, start + len(window) + 64):
        if match.start() >= start + len(window):
            break
        length = lengths.get(match.group(1).upper())
        if length is None:
            continue
        count = sum(char.isalnum() for char in match.group())
        if abs(count - length) <= 1:
            return match.start(), match.end()
    return None


def _masked(text: str, start: int) -> Span | None:
    """A masked IBAN ("NL91 **** **** 4300") starting in the window."""
    window = _line_window(text, start)
    match = _MASKED_RE.search(window)
    return None if match is None else (start + match.start(), start + match.end())


def _last_digits(text: str, start: int) -> Span | None:
    """'eindigt op 4300 … van Karimi' near the label: the last digits with an owner on the line.

    Without an owner the digits alone tell nobody whose account it is ("Rekeningnummer eindigt
    op 4300." is clean in the labelled set).
    """
    offset = max(0, start - _REACH)
    match = _LAST_DIGITS_RE.search(text[offset : start + _REACH])
    if match is None:
        return None
    line_start = text.rfind("\n", 0, offset + match.start()) + 1
    line_end = text.find("\n", offset + match.end())
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if _OWNER_RE.search(line) is None:
        return None
    return offset + match.start(1), offset + match.end(1)


def _old_account(text: str, start: int) -> Span | None:
    """Seven to ten digits in the window, not an amount or a count."""
    window = _line_window(text, start)
    match = _OLD_ACCOUNT_RE.search(window)
    if match is None or _UNIT_AFTER_RE.match(window, match.end()):
        return None
    if _AMOUNT_RE.fullmatch(match.group()) or _CURRENCY_BEFORE_RE.search(window, 0, match.start()):
        return None  # "1.250.000": thousands, an amount
    return start + match.start(), start + match.end()


def _letter_at(text: str, index: int) -> bool:
    """Whether a letter stands at index (so a label there runs on into a word)."""
    return index < len(text) and text[index].isalpha()


def _labels(text: str, lower: str) -> Iterator[int]:
    """Where each label (iban, rek.nr, bankrekening, gironummer …) ends; words around it pass."""
    for word in _GATE:
        at = lower.find(word)
        while at >= 0:
            head = at - 4 if lower.startswith("bank", at - 4) and at >= 4 else at
            label = _LABEL_RE.match(lower, at)
            if label is not None and (head == 0 or not lower[head - 1].isalpha()):
                end = label.end()
                if not _letter_at(text, end) or _GLUED_IBAN_RE.match(text, end):
                    yield end
            at = lower.find(word, at + 1)


def labelled_accounts(text: str, lengths: Mapping[str, int]) -> Iterator[Span]:
    """Accounts after a label that the mod-97 scan cannot confirm; lengths: IBAN per country."""
    lower = lowered(text)
    if len(lower) != len(text):
        lower = "".join(char.lower()[0] for char in text)  # keep the places: "İ" lowers to two
    for start in _labels(text, lower):
        span = (
            _near_iban(text, start, lengths)
            or _masked(text, start)
            or _last_digits(text, start)
            or _old_account(text, start)
        )
        if span is not None:
            yield span
