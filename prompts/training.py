"""Training the knelpunt model from the corpus: weights, calibration, per-knelpunt thresholds.

:func:`train` fits the model on labelled examples; calibration and thresholds come from
scores on sentences the model was *not* trained on (an inner cross-validation), so a
probability of 0.8 means roughly "eight in ten such sentences carry the knelpunt".
:func:`cross_validate` repeats all of that per fold, for honest figures on held-out text.
Everything is deterministic: the same corpus, signals and code give the same model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np

from prompts.corpus import Example
from prompts.features import Analysis, FeatureSettings, FeatureSpace, analyse
from prompts.linear import Array, LinearModel, fit_logistic, minimise, sigmoid
from prompts.recogniser import ModelArtefact, Recogniser, label_rows, matrix
from prompts.tagging import Tagger

SEED: Final = 13
THRESHOLD_GRID: Final = tuple(round(0.2 + 0.025 * step, 3) for step in range(29))  # .2-.9


@dataclass(frozen=True)
class TrainingSettings:
    """The choices a design is made of (picked by cross-validation, docs/benchmarks.md)."""

    features: FeatureSettings = field(default_factory=FeatureSettings)
    l2: float = 0.03
    calibration_folds: int = 3
    beta: float = 0.5  # thresholds maximise F-beta: below 1 weighs precision more
    threshold_prior: float = 40.0  # pseudo-sentences pulling a threshold to the shared one
    max_iterations: int = 200


def folds(count: int, parts: int, seed: int = SEED) -> list[np.ndarray]:
    """`parts` disjoint index sets covering range(count), the same for the same arguments."""
    order = np.random.default_rng(seed).permutation(count)
    return [np.sort(order[part::parts]) for part in range(parts)]


def train(
    examples: Sequence[Example],
    tagger: Tagger,
    settings: TrainingSettings | None = None,
    *,
    analyses: Sequence[Analysis] | None = None,
    fingerprint: str = "",
) -> ModelArtefact:
    """The model for every knelpunt that has examples, calibrated on held-out scores."""
    settings = settings or TrainingSettings()
    ids = tuple(k for k in tagger.taxonomy.ids if any(k in e.ids for e in examples))
    if analyses is None:
        analyses = [analyse(example.text, tagger, settings.features) for example in examples]
    labels = np.asarray(
        label_rows([example.ids for example in examples], ids), dtype=np.float64
    ).reshape(len(examples), len(ids) + 1)
    held_out = np.zeros(labels.shape)
    for test in folds(len(examples), settings.calibration_folds):
        train_rows = np.setdiff1d(np.arange(len(examples)), test)
        space, model = _fit([analyses[i] for i in train_rows], labels[train_rows], settings)
        held_out[test] = model.scores(matrix(space, [analyses[i] for i in test]))
    scale, shift = calibrate(held_out, labels)
    thresholds = choose_thresholds(
        sigmoid(scale * held_out + shift), labels, settings.beta, settings.threshold_prior
    )
    space, model = _fit(analyses, labels, settings)
    return ModelArtefact(
        settings.features, space, model, ids, scale, shift, thresholds, fingerprint
    )


def _fit(
    analyses: Sequence[Analysis], labels: Array, settings: TrainingSettings
) -> tuple[FeatureSpace, LinearModel]:
    space = FeatureSpace.fit(analyses, settings.features)
    model = fit_logistic(
        matrix(space, analyses), labels, l2=settings.l2, max_iterations=settings.max_iterations
    )
    return space, model


def calibrate(scores: Array, labels: Array) -> tuple[Array, Array]:
    """Platt scaling per knelpunt: scale and shift so sigmoid(scale*s + shift) fits the labels."""
    width = scores.shape[1]

    def loss(theta: Array) -> tuple[float, Array]:
        scale, shift = theta[:width], theta[width:]
        logits = scale * scores + shift
        # A little pull towards "no change" keeps a knelpunt with few examples sensible.
        value = float((np.logaddexp(0.0, logits) - labels * logits).sum())
        value += 0.5 * float(((scale - 1.0) ** 2).sum() + (shift**2).sum())
        residual = sigmoid(logits) - labels
        gradient = np.concatenate(
            [(residual * scores).sum(axis=0) + (scale - 1.0), residual.sum(axis=0) + shift]
        )
        return value, gradient

    theta = minimise(loss, np.concatenate([np.ones(width), np.zeros(width)]))
    return theta[:width].copy(), theta[width:].copy()


def choose_thresholds(probabilities: Array, labels: Array, beta: float, prior: float) -> Array:
    """Thresholds per knelpunt (best F-beta, pulled towards the best shared one) and the gate's.

    The last column is the gate. For each gate threshold on the grid the knelpunt thresholds
    are chosen on the texts it lets through; the pair with the best micro F-beta wins.
    """
    grid = np.asarray(THRESHOLD_GRID)
    knelpunten, gate = probabilities[:, :-1], probabilities[:, -1]
    positive = labels[:, :-1, None] > 0.5
    support = labels[:, :-1].sum(axis=0)
    b2 = beta * beta
    best: tuple[float, Array] | None = None
    for gate_threshold in (0.0, *THRESHOLD_GRID):
        passes = (gate >= gate_threshold)[:, None, None]
        predicted = passes & (knelpunten[:, :, None] >= grid[None, None, :])
        tp = (predicted & positive).sum(axis=0).astype(np.float64)
        fp = (predicted & ~positive).sum(axis=0).astype(np.float64)
        fn = (~predicted & positive).sum(axis=0).astype(np.float64)
        shared = grid[int(np.argmax(_f_beta(tp.sum(axis=0), fp.sum(axis=0), fn.sum(axis=0), b2)))]
        own = grid[np.argmax(_f_beta(tp, fp, fn, b2), axis=1)]
        chosen = (support * own + prior * shared) / (support + prior)
        # The micro F-beta these thresholds give.
        said = passes[:, :, 0] & (knelpunten >= chosen[None, :])
        truth = positive[:, :, 0]
        score = float(
            _f_beta(
                np.asarray((said & truth).sum(), dtype=np.float64),
                np.asarray((said & ~truth).sum(), dtype=np.float64),
                np.asarray((~said & truth).sum(), dtype=np.float64),
                b2,
            )
        )
        if best is None or score > best[0]:
            best = (score, np.append(chosen, max(gate_threshold, 1e-6)))
    assert best is not None
    return best[1]


def _f_beta(tp: Array, fp: Array, fn: Array, b2: float) -> Array:
    denominator = (1 + b2) * tp + b2 * fn + fp
    result: Array = np.where(denominator > 0, (1 + b2) * tp / np.maximum(denominator, 1e-12), 0)
    return result


@dataclass(frozen=True)
class HeldOut:
    """What a recogniser said about one example it was not trained on."""

    example: Example
    confident: frozenset[str]
    possible: frozenset[str]


def cross_validate(
    examples: Sequence[Example],
    tagger: Tagger,
    settings: TrainingSettings | None = None,
    *,
    parts: int = 5,
) -> list[HeldOut]:
    """Each example judged by a recogniser trained (and calibrated) without its fold."""
    settings = settings or TrainingSettings()
    analyses = [analyse(example.text, tagger, settings.features) for example in examples]
    judged: list[HeldOut | None] = [None] * len(examples)
    for test in folds(len(examples), parts, seed=SEED + 1):
        train_rows = np.setdiff1d(np.arange(len(examples)), test)
        artefact = train(
            [examples[i] for i in train_rows],
            tagger,
            settings,
            analyses=[analyses[i] for i in train_rows],
        )
        recogniser = Recogniser(artefact, tagger)
        for index in test.tolist():
            judged[index] = judge(recogniser, examples[index])
    return [item for item in judged if item is not None]


def judge(recogniser: Recogniser, example: Example) -> HeldOut:
    """The recogniser's confident and possible knelpunten for one example."""
    findings = recogniser.recognise(example.text)
    return HeldOut(
        example,
        frozenset(f.knelpunt_id for f in findings if f.confident),
        frozenset(f.knelpunt_id for f in findings if not f.confident),
    )
