"""One-vs-rest logistic regression over sparse rows, fitted with a small L-BFGS.

Every knelpunt is its own yes/no question; their losses add up, so one optimiser fits all of
them at once (one weight column per knelpunt). An optional *offset* is added to each score
before the sigmoid: a team's adaptation is fitted on top of the corpus model's scores, and
its L2 penalty keeps it close to that model ("the corpus is the prior, the team corrects it").

Hand-written rather than scikit-learn's LogisticRegression because that cannot take an offset,
and because scipy's L-BFGS-B spends ~150 ms of bookkeeping per step at 10^6 weights (measured,
docs/benchmarks.md) where this loop spends ~2 ms. The optimiser is the textbook two-loop
L-BFGS (Nocedal & Wright, algorithm 7.4) with a backtracking Armijo line search; the loss is
convex, so it converges to the one optimum, and a fixed iteration budget makes it reproducible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:  # scipy is needed to train, never to recognise: not imported at start-up
    from scipy import sparse

Array = NDArray[np.float64]

HISTORY: Final = 10
MAX_ITERATIONS: Final = 300
GRADIENT_TOLERANCE: Final = 1e-5


@dataclass(frozen=True)
class LinearModel:
    """Weights (features x labels) and one bias per label: score = x @ weights + bias."""

    weights: Array
    bias: Array

    def scores(self, rows: sparse.csr_matrix) -> Array:
        """The raw scores (log-odds) of every row for every label."""
        return np.asarray(rows @ self.weights) + self.bias


def sigmoid(scores: Array) -> Array:
    """1 / (1 + e^-s), without overflow warnings for large |s|."""
    result: Array = np.exp(-np.logaddexp(0.0, -scores))
    return result


def fit_logistic(
    rows: sparse.csr_matrix,
    labels: Array,
    *,
    l2: float,
    offset: Array | None = None,
    sample_weight: Array | None = None,
    bias_l2: float = 0.0,
    fit_bias: bool = True,
    max_iterations: int = MAX_ITERATIONS,
) -> LinearModel:
    """Minimise the weighted log-loss of every label plus l2/2 * |weights|^2 (bias: bias_l2).

    fit_bias=False keeps every bias at 0 (a correction that only moves word weights).
    """
    count, features = rows.shape
    width = labels.shape[1]
    base = np.zeros((count, width)) if offset is None else offset
    weight = np.ones(count) if sample_weight is None else sample_weight
    weight_column = weight[:, None]
    transposed = rows.T.tocsr()
    size = features * width

    def loss_and_gradient(theta: Array) -> tuple[float, Array]:
        weights = theta[:size].reshape(features, width)
        bias = theta[size:]
        scores = np.asarray(rows @ weights) + bias + base
        loss = float((weight_column * (np.logaddexp(0.0, scores) - labels * scores)).sum())
        loss += 0.5 * l2 * float((weights * weights).sum()) + 0.5 * bias_l2 * float(bias @ bias)
        residual = weight_column * (sigmoid(scores) - labels)
        gradient_w = np.asarray(transposed @ residual) + l2 * weights
        gradient_b = residual.sum(axis=0) + bias_l2 * bias if fit_bias else np.zeros(width)
        return loss, np.concatenate([gradient_w.ravel(), gradient_b])

    theta = minimise(loss_and_gradient, np.zeros(size + width), max_iterations=max_iterations)
    return LinearModel(theta[:size].reshape(features, width).copy(), theta[size:].copy())


def minimise(
    function: Callable[[Array], tuple[float, Array]],
    start: Array,
    *,
    max_iterations: int = MAX_ITERATIONS,
    tolerance: float = GRADIENT_TOLERANCE,
) -> Array:
    """The minimum of a smooth convex function (value and gradient) by L-BFGS from `start`."""
    x = start.copy()
    value, gradient = function(x)
    steps: list[Array] = []
    changes: list[Array] = []
    scale = max(1.0, float(np.abs(gradient).max()))
    for _ in range(max_iterations):
        if float(np.abs(gradient).max()) <= tolerance * scale:
            break
        direction = _direction(gradient, steps, changes)
        slope = float(gradient @ direction)
        if slope >= 0:  # not a descent direction (curvature pairs went stale): start over
            steps.clear()
            changes.clear()
            direction, slope = -gradient, -float(gradient @ gradient)
        step = 1.0 if steps else min(1.0, 1.0 / max(float(np.abs(gradient).sum()), 1e-12))
        for _attempt in range(40):
            candidate = x + step * direction
            new_value, new_gradient = function(candidate)
            if new_value <= value + 1e-4 * step * slope:
                break
            step *= 0.5
        else:
            break  # no decrease possible: at the optimum within floating-point precision
        s, y = candidate - x, new_gradient - gradient
        if float(s @ y) > 1e-12:
            steps.append(s)
            changes.append(y)
            if len(steps) > HISTORY:
                steps.pop(0)
                changes.pop(0)
        x, value, gradient = candidate, new_value, new_gradient
    return x


def _direction(gradient: Array, steps: list[Array], changes: list[Array]) -> Array:
    """-H·g with the L-BFGS two-loop recursion over the stored curvature pairs."""
    q = gradient.copy()
    alphas: list[float] = []
    rhos = [1.0 / float(s @ y) for s, y in zip(steps, changes, strict=True)]
    for s, y, rho in zip(reversed(steps), reversed(changes), reversed(rhos), strict=True):
        alpha = rho * float(s @ q)
        alphas.append(alpha)
        q -= alpha * y
    if steps:
        q *= float(steps[-1] @ changes[-1]) / float(changes[-1] @ changes[-1])
    for index, alpha in enumerate(reversed(alphas)):
        beta = rhos[index] * float(changes[index] @ q)
        q += (alpha - beta) * steps[index]
    result: Array = -q
    return result
