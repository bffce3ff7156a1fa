"""What the knelpunt model sees of a text: lemmas, word pairs, letter groups and lexicon hits.

A text becomes a bag of named features, each remembering the words it came from (so
`reflectiebot analyse --explain` can say which words pushed a knelpunt):

- ``w:<lemma>``: every word as its simplemma lemma, folded ("gerend" -> ``w:rennen``);
- ``b:<lemma> <lemma>``: two neighbouring words of the same clause;
- ``n:<lemma>``: a word within three words after "niet", "geen", "nooit" or "zonder" in its
  clause, so "geen wachtlijst" and "een wachtlijst" differ;
- ``c:<letters>``: groups of 3 to 5 letters of each word with its edges (" wac", "lijst "),
  which carry compounds, typos and abbreviations ("wachtlijstje", "wachtlst");
- ``k:<knelpunt id>``: the lexicon (prompts/knelpunten.toml, prompts/tagging.py) matched a
  signal of that knelpunt, after its negation and exclusion rules.

Everything is one pass over the words (linear in the text), on the tokens of the lexicon
tagger, so Slack markup is neutralised the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from math import log
from typing import Final

import numpy as np
from numpy.typing import NDArray

from prompts.tagging import NEGATION_WINDOW, NEGATORS, Match, Tagger, Token, fold, lemma, tokenize

WORD: Final = "w"
PAIR: Final = "b"
NEGATED: Final = "n"
LETTERS: Final = "c"
LEXICON: Final = "k"
GROUPS: Final[tuple[str, ...]] = (WORD, PAIR, NEGATED, LETTERS, LEXICON)
LETTER_SIZES: Final[tuple[int, ...]] = (3, 4, 5)


@dataclass(frozen=True)
class FeatureSettings:
    """Which feature groups count, and how much (a group with weight 0 is left out)."""

    word: float = 1.0
    pair: float = 0.5
    negated: float = 0.5
    letters: float = 1.0
    lexicon: float = 1.0
    min_count: int = 2  # a feature seen in fewer training texts is left out

    def weight(self, group: str) -> float:
        """The weight of one group."""
        return {
            WORD: self.word,
            PAIR: self.pair,
            NEGATED: self.negated,
            LETTERS: self.letters,
            LEXICON: self.lexicon,
        }[group]


@dataclass
class Analysis:
    """The features of one text with how often each occurs (and, to explain, where from)."""

    tokens: list[Token]
    counts: Mapping[str, int]
    matches: list[Match] = field(default_factory=list)
    lexicon_ids: frozenset[str] = frozenset()
    sources: dict[str, list[int]] = field(default_factory=dict)  # feature -> token positions


def analyse(
    text: str, tagger: Tagger, settings: FeatureSettings, *, keep_sources: bool = False
) -> Analysis:
    """Every feature of the text: one pass over its words, plus the lexicon's own pass."""
    tokens = tokenize(text)
    lemmas = [folded_lemma(token.folded) for token in tokens]
    features: list[tuple[int, str]] = []
    add = features.append
    clause, negated_until = -1, -1
    for position, token in enumerate(tokens):
        word = lemmas[position]
        if token.clause != clause:
            clause, negated_until = token.clause, -1
        if settings.word:
            add((position, f"{WORD}:{word}"))
        if settings.pair and position and tokens[position - 1].clause == clause:
            add((position, f"{PAIR}:{lemmas[position - 1]} {word}"))
        if settings.negated and position <= negated_until:
            add((position, f"{NEGATED}:{word}"))
        if token.folded in NEGATORS:
            negated_until = position + NEGATION_WINDOW
    counts = Counter(feature for _position, feature in features)
    if settings.letters:
        # Counted per word in C (Counter over a chain), the slow part of a long text.
        counts.update(chain.from_iterable(letter_groups(token.folded) for token in tokens))
    matches: list[Match] = []
    lexicon_ids: frozenset[str] = frozenset()
    if settings.lexicon:
        matches = tagger.explain(text, tokens)
        lexicon_ids = frozenset(match.knelpunt_id for match in matches)
        for knelpunt_id in sorted(lexicon_ids):  # set order varies with PYTHONHASHSEED
            counts[f"{LEXICON}:{knelpunt_id}"] = 1
    result = Analysis(tokens, counts, matches, lexicon_ids)
    if keep_sources:
        result.sources = _sources(features, tokens, matches, settings)
    return result


def _sources(
    features: list[tuple[int, str]],
    tokens: list[Token],
    matches: list[Match],
    settings: FeatureSettings,
) -> dict[str, list[int]]:
    """For each feature the positions of the tokens it came from (for explanations)."""
    sources: dict[str, list[int]] = {}
    for position, feature in features:
        sources.setdefault(feature, []).append(position)
    if settings.letters:
        for position, token in enumerate(tokens):
            for feature in letter_groups(token.folded):
                sources.setdefault(feature, []).append(position)
    starts = {token.start: position for position, token in enumerate(tokens)}
    for match in matches:
        position = starts.get(match.start, 0)
        sources.setdefault(f"{LEXICON}:{match.knelpunt_id}", []).append(position)
    return sources


@lru_cache(maxsize=200_000)
def folded_lemma(folded: str) -> str:
    """The lemma of a folded word, folded again (simplemma may add accents back)."""
    return fold(lemma(folded))


@lru_cache(maxsize=100_000)
def letter_groups(folded: str) -> tuple[str, ...]:
    """The ``c:`` features of one word: its 3- to 5-letter groups, edges included."""
    padded = f" {folded} "
    return tuple(
        f"{LETTERS}:{padded[start : start + size]}"
        for size in LETTER_SIZES
        for start in range(len(padded) - size + 1)
    )


Vector = tuple[NDArray[np.int64], NDArray[np.float64]]


class FeatureSpace:
    """Named features as columns, with idf weights; turns an Analysis into a sparse row.

    Values: (1 + log count) * idf, normalised to length 1 within each group, times the
    group's weight; a lexicon hit is simply its weight. Group = the name's first letter.
    """

    def __init__(
        self, names: Sequence[str], idf: Sequence[float], settings: FeatureSettings
    ) -> None:
        self.names: tuple[str, ...] = tuple(names)
        self.index: dict[str, int] = {name: column for column, name in enumerate(self.names)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.settings = settings
        self._group = np.asarray([GROUPS.index(name[0]) for name in self.names], dtype=np.int64)
        self._weights = np.asarray([settings.weight(group) for group in GROUPS])
        self._lexicon_group = GROUPS.index(LEXICON)

    @classmethod
    def fit(
        cls,
        analyses: Iterable[Analysis],
        settings: FeatureSettings,
        *,
        min_count: int | None = None,
        known: FeatureSpace | None = None,
    ) -> FeatureSpace:
        """The features seen in at least min_count texts; idf from these texts or from `known`."""
        documents: dict[str, int] = {}
        total = 0
        for analysis in analyses:
            total += 1
            for feature in analysis.counts:
                documents[feature] = documents.get(feature, 0) + 1
        threshold = settings.min_count if min_count is None else min_count
        names = sorted(
            name
            for name, count in documents.items()
            if count >= threshold or name.startswith(f"{LEXICON}:")
        )
        if known is not None:
            fallback = float(known.idf.max()) if len(known.idf) else 1.0
            idf = [
                float(known.idf[known.index[name]]) if name in known.index else fallback
                for name in names
            ]
        else:
            idf = [log((1 + total) / (1 + documents[name])) + 1.0 for name in names]
        return cls(names, idf, settings)

    def __len__(self) -> int:
        return len(self.names)

    def vector(self, analysis: Analysis) -> Vector:
        """The row of one text: column indices and values."""
        index = self.index
        columns: list[int] = []
        counts: list[int] = []
        for feature, count in analysis.counts.items():
            column = index.get(feature)
            if column is not None:
                columns.append(column)
                counts.append(count)
        at = np.asarray(columns, dtype=np.int64)
        values = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * self.idf[at]
        groups = self._group[at]
        lexicon = groups == self._lexicon_group
        values[lexicon] = 1.0
        norms = np.sqrt(np.bincount(groups, weights=values * values, minlength=len(GROUPS)))
        norms[self._lexicon_group] = 1.0
        norms[norms == 0] = 1.0
        values = values / norms[groups] * self._weights[groups]
        return at, values

    def to_arrays(self) -> Mapping[str, NDArray[np.generic]]:
        """The space as plain arrays (names joined by newlines), for saving without pickle."""
        return {
            "names": np.asarray("\n".join(self.names)),
            "idf": self.idf,
        }

    @classmethod
    def from_arrays(
        cls, arrays: Mapping[str, NDArray[np.generic]], settings: FeatureSettings
    ) -> FeatureSpace:
        """The space saved by to_arrays."""
        joined = str(arrays["names"])
        names = joined.split("\n") if joined else []
        return cls(names, np.asarray(arrays["idf"], dtype=np.float64).tolist(), settings)
