"""Tag Dutch texts with the knelpunten they point at, by matching lemmatised signals.

How a text is matched (the rules an administrator can check with :meth:`Tagger.explain`):

- **Tokens.** Words are runs of unicode letters and digits, joined by inner apostrophes or
  hyphens ("2e-lijns", "0e-lijn", "kpi's" are one token each). Slack mrkdwn is neutralised
  first without moving any offsets: mentions and channel links (``<@U123|naam>``, ``<#C1|x>``,
  ``<!here>``) and bare links vanish, a link's label stays, entities (``&amp;``) and emoji codes
  (``:tada:``) vanish, and ``*bold*`` / ``_italic_`` / ``~strike~`` markers are not letters.
- **Comparing words.** Everything is casefolded and stripped of accents ("wél" is "wel",
  "cliënt" is "client"). A text word matches a signal word when their sets of forms share one;
  a word's forms are its own spelling and its simplemma lemma (lang "nl"), so "rende", "gerend"
  and "rent" match the signal "rennen". A hyphenated text word also offers the forms of its
  parts ("ggz-wachtlijst" matches "wachtlijst"). A signal word with ``*`` at the end or start
  matches by prefix or suffix ("wachtlijst*" finds "wachtlijstproblematiek").
- **Phrases.** A signal of several words matches the same number of consecutive text words,
  each matching in turn ("waan van de dag", "geen tijd", "wachtlijst ggz").
- **Gaps.** ``...`` inside a signal stands for up to four words of the same clause, for Dutch
  word order: "intervisie ... geschrapt" finds "intervisie is alweer geschrapt".
- **Negation.** A match does not count when one of the three text words before it, within the
  same clause, is a negator: "niet", "geen", "nooit" or "zonder". Clauses end at punctuation
  (``. , ; : ! ? ( ) [ ]``, a line break) and before "maar", "want", "omdat", "doordat",
  "terwijl", "hoewel". A negator that is part of the signal itself counts as part of it, so
  "geen tijd" and "niet aan toe gekomen" are ordinary signals. Negators *after* a signal are
  not looked at (Dutch often puts them there: "de huisarts belde niet terug"), and a positive
  counterpart such as "wél tijd gehad" never matches because plain "tijd" is not a signal.
  Knelpunten that are a choice rather than a lack set ``negatable = false`` in the TOML: for
  ``doorverwijzen-of-zelf-doen``, "we hebben níet doorverwezen" still tags the knelpunt,
  because deciding not to refer is exactly the dilemma it names.
- **Exclusions.** A knelpunt's ``exclude`` phrases are matched the same way (ignoring
  negation); a signal match that overlaps one of them does not count ("risico op
  uithuiszetting" is not the risico-regelreflex).

The Tagger is built once per Taxonomy; lemma look-ups are cached process-wide.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import simplemma

from prompts.taxonomy import Knelpunt, Taxonomy

LANGUAGE: Final = "nl"
NEGATORS: Final[frozenset[str]] = frozenset({"niet", "geen", "nooit", "zonder"})
NEGATION_WINDOW: Final = 3
CLAUSE_WORDS: Final[frozenset[str]] = frozenset(
    {"maar", "want", "omdat", "doordat", "terwijl", "hoewel"}
)

GAP_MARKS: Final[frozenset[str]] = frozenset({"...", "…"})
GAP_WORDS: Final = 4
_CANDIDATE_CACHE_SIZE: Final = 50_000
_WORD: Final = re.compile(r"[^\W_]+(?:['’‘\-‐‑][^\W_]+)*")
_CLAUSE_BREAK: Final = re.compile(r"[.,;:!?()\[\]\n]")
_SLACK_ANGLE: Final = re.compile(r"<([^<>\n]*)>")
_ENTITY: Final = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_EMOJI: Final = re.compile(r"(?<![\w:]):[a-z0-9_+\-']+:(?![\w:])")
_URL: Final = re.compile(r"https?://\S+")
_HYPHENS: Final = str.maketrans({"‐": "-", "‑": "-", "’": "'", "‘": "'"})


@dataclass(frozen=True)
class Match:
    """One counted signal: which knelpunt, which signal, and where in the text (str offsets)."""

    knelpunt_id: str
    signal: str
    start: int
    end: int


@dataclass(frozen=True)
class Token:
    """One word of a text: offsets into the original text, folded spelling, forms and clause."""

    start: int
    end: int
    folded: str
    forms: frozenset[str]
    clause: int


@dataclass(frozen=True)
class _Word:
    """One word of a signal: exact forms, or a prefix/suffix/infix pattern when it has a *."""

    forms: frozenset[str]
    core: str = ""
    gap: bool = False  # "...": up to GAP_WORDS words of the same clause
    prefix: bool = False  # "wachtlijst*": the text word starts with core
    suffix: bool = False  # "*wachtlijst": the text word ends with core

    @property
    def wildcard(self) -> bool:
        return self.prefix or self.suffix

    def matches(self, token: Token) -> bool:
        if not self.wildcard:
            return not self.forms.isdisjoint(token.forms)
        for form in token.forms:
            if self.prefix and self.suffix:
                if self.core in form:
                    return True
            elif self.prefix:
                if form.startswith(self.core):
                    return True
            elif form.endswith(self.core):
                return True
        return False


@dataclass(frozen=True)
class _Signal:
    knelpunt: int
    text: str
    words: tuple[_Word, ...]
    exclude: bool


class Tagger:
    """Finds the knelpunten a text points at; build once, then call tag() or explain()."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self._taxonomy = taxonomy
        self._knelpunten: tuple[Knelpunt, ...] = tuple(taxonomy)
        self._by_form: dict[str, list[_Signal]] = {}
        self._wildcard_first: list[_Signal] = []
        self._index = {knelpunt.id: index for index, knelpunt in enumerate(self._knelpunten)}
        # Candidate signals per set of word forms; words repeat, so this saves most work. Only
        # ever added to or cleared whole, which is safe enough across threads in CPython.
        self._candidates: dict[frozenset[str], tuple[_Signal, ...]] = {}
        for index, knelpunt in enumerate(self._knelpunten):
            for phrase in knelpunt.signals:
                self._add(_compile(index, phrase, exclude=False))
            for phrase in knelpunt.exclude:
                self._add(_compile(index, phrase, exclude=True))

    @property
    def taxonomy(self) -> Taxonomy:
        """The taxonomy this tagger was built from."""
        return self._taxonomy

    def tag(self, text: str) -> list[str]:
        """The knelpunt ids the text points at, in taxonomy order, each once."""
        found = {self._index[match.knelpunt_id] for match in self.explain(text)}
        return [self._knelpunten[index].id for index in sorted(found)]

    def explain(self, text: str, tokens: list[Token] | None = None) -> list[Match]:
        """Every counted signal in the text, by position, so a person can see why it was tagged.

        `tokens`, when given, must be tokenize(text) (callers that tokenised already).
        """
        tokens = tokenize(text) if tokens is None else tokens
        hits: list[tuple[_Signal, int, int]] = []  # signal, first token, last token + 1
        for position, token in enumerate(tokens):
            candidates = self._candidates.get(token.forms)
            if candidates is None:
                candidates = self._find_candidates(token)
            for signal in candidates:
                end = _match_rest(signal.words, 1, tokens, position + 1)
                if end is not None:
                    hits.append((signal, position, end))
        excluded: dict[int, list[tuple[int, int]]] = {}
        for signal, first, end in hits:
            if signal.exclude:
                excluded.setdefault(signal.knelpunt, []).append((first, end))
        kept: list[tuple[_Signal, int, int]] = []
        for signal, first, end in hits:
            if signal.exclude:
                continue
            if any(
                first < e_end and e_first < end
                for e_first, e_end in excluded.get(signal.knelpunt, ())
            ):
                continue
            if self._knelpunten[signal.knelpunt].negatable and _negated(tokens, first):
                continue
            kept.append((signal, first, end))
        kept = _drop_contained(kept)
        kept.sort(key=lambda hit: (hit[1], hit[0].knelpunt, -hit[2]))
        return [
            Match(
                knelpunt_id=self._knelpunten[signal.knelpunt].id,
                signal=signal.text,
                start=tokens[first].start,
                end=tokens[end - 1].end,
            )
            for signal, first, end in kept
        ]

    def _find_candidates(self, token: Token) -> tuple[_Signal, ...]:
        """The signals whose first word matches this token (cached by the token's forms)."""
        found: dict[int, _Signal] = {}
        for form in token.forms:
            for signal in self._by_form.get(form, ()):
                found[id(signal)] = signal
        for signal in self._wildcard_first:
            if signal.words[0].matches(token):
                found[id(signal)] = signal
        result = tuple(found.values())
        if len(self._candidates) >= _CANDIDATE_CACHE_SIZE:
            self._candidates.clear()
        self._candidates[token.forms] = result
        return result

    def _add(self, signal: _Signal | None) -> None:
        if signal is None:
            return
        first = signal.words[0]
        if first.wildcard:
            self._wildcard_first.append(signal)
            return
        for form in first.forms:
            self._by_form.setdefault(form, []).append(signal)


def tokenize(text: str) -> list[Token]:
    """The words of a text with their offsets, forms and clause numbers (mrkdwn neutralised)."""
    clean = _neutralise_mrkdwn(text)
    tokens: list[Token] = []
    clause = 0
    previous_end = 0
    for found in _WORD.finditer(clean):
        word = found.group()
        folded = fold(word)
        if tokens and (
            _CLAUSE_BREAK.search(clean, previous_end, found.start()) or folded in CLAUSE_WORDS
        ):
            clause += 1
        tokens.append(Token(found.start(), found.end(), folded, _token_forms(word), clause))
        previous_end = found.end()
    return tokens


def fold(word: str) -> str:
    """Casefolded, without accents, with typographic apostrophes and hyphens made plain."""
    return _fold(word)


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_HYPHENS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def lemma(word: str) -> str:
    """The simplemma lemma of a (casefolded) Dutch word; cached process-wide."""
    return _lemma(word)


@lru_cache(maxsize=200_000)
def _lemma(word: str) -> str:
    return str(simplemma.lemmatize(word, lang=LANGUAGE))


@lru_cache(maxsize=200_000)
def _word_forms(word: str) -> frozenset[str]:
    """A word's spelling and its lemma, folded (from both the accented and plain spelling)."""
    lowered = word.casefold().translate(_HYPHENS)
    folded = _fold(word)
    # simplemma writes some separable verbs with an underscore ("over_dragen").
    lemmas = {_fold(_lemma(lowered)), _fold(_lemma(folded))}
    return frozenset({folded} | lemmas | {lemma.replace("_", "") for lemma in lemmas})


@lru_cache(maxsize=200_000)
def _token_forms(word: str) -> frozenset[str]:
    """The forms of a text word, plus those of its parts when it is hyphenated."""
    forms = _word_forms(word)
    folded = _fold(word)
    if "-" in folded:
        parts = [part for part in folded.split("-") if part]
        return forms.union(*(_word_forms(part) for part in parts))
    return forms


def _compile(knelpunt: int, phrase: str, *, exclude: bool) -> _Signal | None:
    words: list[_Word] = []
    for chunk in phrase.split():
        if chunk in GAP_MARKS:
            if words and not words[-1].gap:
                words.append(_Word(frozenset(), gap=True))
            continue
        prefix, suffix = chunk.endswith("*"), chunk.startswith("*")
        pieces = _WORD.findall(chunk)
        for number, piece in enumerate(pieces):
            star_end = prefix and number == len(pieces) - 1
            star_start = suffix and number == 0
            if star_end or star_start:
                words.append(_Word(frozenset(), _fold(piece), prefix=star_end, suffix=star_start))
            else:
                words.append(_Word(_word_forms(piece)))
    while words and words[-1].gap:
        words.pop()
    if not words:
        return None
    return _Signal(knelpunt, phrase, tuple(words), exclude)


def _match_rest(
    words: tuple[_Word, ...], at: int, tokens: list[Token], position: int
) -> int | None:
    """Where a signal whose words before `at` matched ends (token index), or None."""
    while at < len(words):
        word = words[at]
        if word.gap:
            clause = tokens[position - 1].clause
            for skip in range(GAP_WORDS + 1):
                start = position + skip
                if start >= len(tokens) or tokens[start].clause != clause:
                    return None
                end = _match_rest(words, at + 1, tokens, start)
                if end is not None:
                    return end
            return None
        if position >= len(tokens) or not word.matches(tokens[position]):
            return None
        at, position = at + 1, position + 1
    return position


def _negated(tokens: list[Token], first: int) -> bool:
    clause = tokens[first].clause
    for position in range(max(0, first - NEGATION_WINDOW), first):
        token = tokens[position]
        if token.clause == clause and token.folded in NEGATORS:
            return True
    return False


def _drop_contained(hits: Iterable[tuple[_Signal, int, int]]) -> list[tuple[_Signal, int, int]]:
    """Leave out a match that lies inside a longer match of the same knelpunt.

    One sort and one sweep (n log n, where comparing every pair was quadratic): sorted by
    knelpunt, start, longest first, a span lies inside a longer one exactly when an earlier
    span of its knelpunt reaches as far. Of two signals covering exactly the same words for one
    knelpunt the first is kept (the sort is stable).
    """
    items = list(hits)
    order = sorted(
        range(len(items)), key=lambda i: (items[i][0].knelpunt, items[i][1], -items[i][2])
    )
    keep: list[int] = []
    knelpunt, reach, span = -1, -1, (-1, -1)
    for index in order:
        signal, first, end = items[index]
        if signal.knelpunt != knelpunt:
            knelpunt, reach, span = signal.knelpunt, -1, (-1, -1)
        if (first, end) == span:
            continue  # the same words as the hit before it
        span = (first, end)
        if reach >= end:
            continue  # inside a longer span
        reach = end
        keep.append(index)
    return [items[index] for index in sorted(keep)]


def _neutralise_mrkdwn(text: str) -> str:
    """The text with Slack markup replaced by spaces, so every offset stays where it was."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for position in range(start, end):
            if chars[position] != "\n":
                chars[position] = " "

    for found in _SLACK_ANGLE.finditer(text):
        inner = found.group(1)
        bar = inner.find("|")
        if inner[:1] in ("@", "#", "!") or bar < 0:
            blank(found.start(), found.end())
        else:
            blank(found.start(), found.start(1) + bar + 1)
            blank(found.end() - 1, found.end())
    for pattern in (_ENTITY, _EMOJI, _URL):
        for found in pattern.finditer(text):
            blank(found.start(), found.end())
    return "".join(chars)
