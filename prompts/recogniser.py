"""Recognising knelpunten: the lexicon and a learned model together, each with a probability.

A text is analysed once (prompts/features.py); a linear model per knelpunt turns the features
into a score, calibrated to a probability on held-out corpus sentences, and one more model
answers "does this text name a knelpunt at all?" (the *gate*: neutral sentences full of domain
words are what it learns to let pass). A knelpunt counts (*confident*) when its probability
and the gate's reach their thresholds; from POSSIBLE_RATIO of both it is *mogelijk*: shown to
the author to confirm, never counted in a weekspiegel. A team's confirmed examples add a small
correction on top (:meth:`Recogniser.adapted`); a knelpunt the corpus does not know (one of a
team's own file) is recognised by its signals alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np

from prompts.features import LEXICON, Analysis, FeatureSettings, FeatureSpace, analyse
from prompts.linear import Array, LinearModel, fit_logistic, sigmoid
from prompts.tagging import Tagger
from prompts.taxonomy import Taxonomy

if TYPE_CHECKING:  # scipy is needed to train, never to recognise: not imported at start-up
    from scipy import sparse

POSSIBLE_RATIO: Final = 0.6
EXPLAIN_FLOOR: Final = 0.05
TEAM_L2: Final = 0.1  # chosen on bench/knelpunt_team.py, checked on the old labelled set
PUSHES_SHOWN: Final = 5


@dataclass(frozen=True)
class Finding:
    """A knelpunt a text points at; probability None when only the lexicon knows it."""

    knelpunt_id: str
    probability: float | None
    confident: bool


@dataclass(frozen=True)
class Push:
    """A word and how much it moved a knelpunt's log-odds (negative: held it back)."""

    word: str
    weight: float


@dataclass(frozen=True)
class Explanation:
    """Why a knelpunt was (or was nearly) recognised in a text."""

    knelpunt_id: str
    probability: float | None
    threshold: float | None
    confident: bool
    pushed: tuple[Push, ...]
    held_back: tuple[Push, ...]
    signals: tuple[str, ...]
    signal_weight: float = 0.0  # what the lexicon's signals added to the log-odds
    gate: float | None = None  # probability that the text names any knelpunt at all
    gate_threshold: float | None = None
    team_adapted: bool = False


@dataclass(frozen=True)
class ModelArtefact:
    """What training produces from the corpus: features, weights, calibration, thresholds.

    Columns are the knelpunten of `ids` and, last, the gate (any knelpunt at all).
    """

    settings: FeatureSettings
    space: FeatureSpace
    model: LinearModel
    ids: tuple[str, ...]
    scale: Array  # calibration: probability = sigmoid(scale * score + shift)
    shift: Array
    thresholds: Array
    fingerprint: str = ""

    @property
    def gate_threshold(self) -> float:
        """How sure the gate must be that the text names a knelpunt at all."""
        return float(self.thresholds[-1])


@dataclass(frozen=True)
class TeamDelta:
    """A team's correction: weights over the features of its own examples, added to the logit."""

    space: FeatureSpace
    model: LinearModel
    examples: int


@dataclass
class _Scored:
    analysis: Analysis
    logits: Array


class Recogniser:
    """Finds the knelpunten of a text with their probabilities; build once, use from any thread."""

    def __init__(
        self, artefact: ModelArtefact, tagger: Tagger, delta: TeamDelta | None = None
    ) -> None:
        self.artefact = artefact
        self.tagger = tagger
        self.delta = delta
        self._column = {knelpunt_id: index for index, knelpunt_id in enumerate(artefact.ids)}

    @property
    def taxonomy(self) -> Taxonomy:
        """The taxonomy whose signals and ids this recogniser uses."""
        return self.tagger.taxonomy

    def recognise(self, text: str) -> list[Finding]:
        """Confident and possible knelpunten, in taxonomy order."""
        scored = self._score(text, keep_sources=False)
        probabilities = sigmoid(scored.logits)
        gate = float(probabilities[-1]) / self.artefact.gate_threshold  # >= 1: passes
        found: list[Finding] = []
        for knelpunt_id in self.taxonomy.ids:
            column = self._column.get(knelpunt_id)
            if column is None:
                if knelpunt_id in scored.analysis.lexicon_ids:
                    found.append(Finding(knelpunt_id, None, True))
                continue
            probability = float(probabilities[column])
            share = min(probability / float(self.artefact.thresholds[column]), gate)
            if share >= POSSIBLE_RATIO:
                found.append(Finding(knelpunt_id, probability, share >= 1.0))
        return found

    def tag(self, text: str) -> list[str]:
        """The ids of the confident knelpunten, in taxonomy order."""
        return [finding.knelpunt_id for finding in self.recognise(text) if finding.confident]

    def explain(self, text: str) -> list[Explanation]:
        """Per knelpunt worth mentioning: probability, threshold, the words that pushed it."""
        scored = self._score(text, keep_sources=True)
        probabilities = sigmoid(scored.logits)
        gate = float(probabilities[-1])
        gate_share = gate / self.artefact.gate_threshold
        words = [text[token.start : token.end] for token in scored.analysis.tokens]
        result: list[Explanation] = []
        for knelpunt_id in self.taxonomy.ids:
            signals = tuple(
                dict.fromkeys(
                    match.signal
                    for match in scored.analysis.matches
                    if match.knelpunt_id == knelpunt_id
                )
            )
            column = self._column.get(knelpunt_id)
            if column is None:
                if signals:
                    result.append(Explanation(knelpunt_id, None, None, True, (), (), signals))
                continue
            probability = float(probabilities[column])
            if probability < EXPLAIN_FLOOR and not signals:
                continue
            threshold = float(self.artefact.thresholds[column])
            pushes, lexicon = self._pushes(scored, column, words)
            result.append(
                Explanation(
                    knelpunt_id,
                    probability,
                    threshold,
                    min(probability / threshold, gate_share) >= 1.0,
                    tuple(push for push in pushes if push.weight > 0)[:PUSHES_SHOWN],
                    tuple(push for push in reversed(pushes) if push.weight < 0)[:3],
                    signals,
                    signal_weight=lexicon,
                    gate=gate,
                    gate_threshold=self.artefact.gate_threshold,
                    team_adapted=self.delta is not None,
                )
            )
        result.sort(key=lambda item: -(item.probability if item.probability is not None else 1))
        return result

    def adapted(
        self, examples: Sequence[tuple[str, Iterable[str]]], *, l2: float = TEAM_L2
    ) -> Recogniser:
        """This recogniser corrected by a team's confirmed examples (text, knelpunt ids)."""
        settings = self.artefact.settings
        analyses = [analyse(text, self.tagger, settings) for text, _ids in examples]
        space = FeatureSpace.fit(analyses, settings, min_count=1, known=self.artefact.space)
        labels = np.asarray(
            label_rows([frozenset(ids) for _text, ids in examples], self.artefact.ids),
            dtype=np.float64,
        ).reshape(len(examples), len(self.artefact.ids) + 1)
        offset = np.vstack([self._base_logits(analysis) for analysis in analyses])
        # Word weights only, no shift of any knelpunt's base rate: a team's few examples say
        # how it writes, not how often a knelpunt comes up elsewhere.
        model = fit_logistic(matrix(space, analyses), labels, l2=l2, offset=offset, fit_bias=False)
        return Recogniser(self.artefact, self.tagger, TeamDelta(space, model, len(examples)))

    # -- scoring ---------------------------------------------------------------------------

    def _base_logits(self, analysis: Analysis) -> Array:
        columns, values = self.artefact.space.vector(analysis)
        raw = values @ self.artefact.model.weights[columns] + self.artefact.model.bias
        logits: Array = self.artefact.scale * raw + self.artefact.shift
        return logits

    def _score(self, text: str, *, keep_sources: bool) -> _Scored:
        analysis = analyse(text, self.tagger, self.artefact.settings, keep_sources=keep_sources)
        logits = self._base_logits(analysis)
        if self.delta is not None:
            columns, values = self.delta.space.vector(analysis)
            logits = logits + values @ self.delta.model.weights[columns] + self.delta.model.bias
        return _Scored(analysis, logits)

    def _pushes(self, scored: _Scored, column: int, words: list[str]) -> tuple[list[Push], float]:
        """Each word's share of the knelpunt's log-odds (largest first), and the lexicon's."""
        contributions: list[tuple[str, float]] = []
        scale = float(self.artefact.scale[column])
        parts = [(self.artefact.space, self.artefact.model.weights, scale)]
        if self.delta is not None:
            parts.append((self.delta.space, self.delta.model.weights, 1.0))
        for space, weights, factor in parts:
            columns, values = space.vector(scored.analysis)
            contributions += [
                (space.names[c], factor * v * float(weights[c, column]))
                for c, v in zip(columns.tolist(), values.tolist(), strict=True)
            ]
        per_word: dict[str, float] = {}
        lexicon = 0.0
        for name, contribution in contributions:
            if is_lexicon_feature(name):
                lexicon += contribution
                continue
            sources = scored.analysis.sources.get(name, [])
            for token in sources:
                word = words[token]
                per_word[word] = per_word.get(word, 0.0) + contribution / len(sources)
        ranked = sorted(per_word.items(), key=lambda item: -item[1])
        pushes = [Push(word, round(weight, 2)) for word, weight in ranked if abs(weight) >= 0.01]
        return pushes, round(lexicon, 2)


def label_rows(label_sets: Sequence[frozenset[str]], ids: Sequence[str]) -> list[list[float]]:
    """Targets per text: 1.0 for each knelpunt it carries, and last 1.0 when it carries any."""
    return [
        [1.0 if knelpunt in labels else 0.0 for knelpunt in ids] + [1.0 if labels else 0.0]
        for labels in label_sets
    ]


def matrix(space: FeatureSpace, analyses: Sequence[Analysis]) -> sparse.csr_matrix:
    """The rows of many texts as one sparse matrix."""
    from scipy import sparse  # only training needs it

    pointers = [0]
    columns: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for analysis in analyses:
        row_columns, row_values = space.vector(analysis)
        columns.append(row_columns)
        values.append(row_values)
        pointers.append(pointers[-1] + len(row_columns))
    data = np.concatenate(values) if values else np.zeros(0)
    indices = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
    return sparse.csr_matrix(
        (data, indices, np.asarray(pointers)), shape=(len(analyses), len(space))
    )


def is_lexicon_feature(name: str) -> bool:
    """True for the lexicon's own features (``k:<id>``)."""
    return name.startswith(f"{LEXICON}:")
