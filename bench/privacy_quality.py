"""How well the privacy guard agrees with a hand-labelled set, and how fast it is.

Run from the repository root::

    .venv/bin/python -m bench.privacy_quality [--data PATH] [--errors]

The data file has one ``text<TAB>kinds`` line per example (kinds comma-separated, empty for
none). A kind counts as found for a text when scan() reports at least one finding of it.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from privacy.guard import PrivacyKind, detected_kinds

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "privacy_labelled.tsv"
TIMING_TEXT_LENGTH = 40_000
TIMING_ROUNDS = 5
# Birth dates are judged against "today": pinned, so the figures do not drift with the calendar.
PINNED_TODAY = date(2026, 12, 1)


@dataclass(frozen=True)
class Example:
    """One labelled text."""

    line: int
    text: str
    kinds: frozenset[PrivacyKind]


@dataclass
class Counts:
    """True positives, false positives and false negatives of one kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def support(self) -> int:
        """How many examples carry this kind."""
        return self.tp + self.fn


def read_examples(path: Path) -> list[Example]:
    """The labelled examples; ValueError names the line of a malformed row or unknown kind."""
    known = {kind.value for kind in PrivacyKind}
    examples: list[Example] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        text, tab, labels = raw.partition("\t")
        if not tab:
            raise ValueError(f"{path}:{number}: expected text<TAB>kinds")
        names = {label.strip() for label in labels.split(",") if label.strip()}
        unknown = sorted(names - known)
        if unknown:
            raise ValueError(f"{path}:{number}: unknown kinds {unknown}")
        examples.append(Example(number, text, frozenset(PrivacyKind(n) for n in names)))
    return examples


def evaluate(
    examples: Sequence[Example],
) -> tuple[dict[PrivacyKind, Counts], list[tuple[Example, frozenset[PrivacyKind]]]]:
    """Counts per kind, and the examples the guard got wrong with what it said."""
    counts = {kind: Counts() for kind in PrivacyKind}
    wrong: list[tuple[Example, frozenset[PrivacyKind]]] = []
    for example in examples:
        predicted = frozenset(detected_kinds(example.text, today=PINNED_TODAY))
        for kind, count in counts.items():
            gold, said = kind in example.kinds, kind in predicted
            if gold and said:
                count.tp += 1
            elif said:
                count.fp += 1
            elif gold:
                count.fn += 1
        if predicted != example.kinds:
            wrong.append((example, predicted))
    return counts, wrong


def time_scans(examples: Sequence[Example]) -> float:
    """Average seconds per detected_kinds() call on a 40,000-character text made of examples."""
    text = ""
    while len(text) < TIMING_TEXT_LENGTH:
        text += " ".join(example.text for example in examples) + " "
    text = text[:TIMING_TEXT_LENGTH]
    start = time.perf_counter()
    for _ in range(TIMING_ROUNDS):
        detected_kinds(text, today=PINNED_TODAY)
    return (time.perf_counter() - start) / TIMING_ROUNDS


def main(argv: Sequence[str] | None = None) -> int:
    """Print precision, recall and support per kind, the micro average and timing."""
    parser = argparse.ArgumentParser(prog="python -m bench.privacy_quality", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled TSV file")
    parser.add_argument("--errors", action="store_true", help="list every wrongly judged text")
    args = parser.parse_args(argv)

    examples = read_examples(args.data)
    counts, wrong = evaluate(examples)

    width = max(len(kind.value) for kind in PrivacyKind)
    print(f"{'kind':<{width}}  precision  recall  support   tp   fp   fn")
    for kind, c in counts.items():
        print(
            f"{kind.value:<{width}}  {c.precision:9.3f}  {c.recall:6.3f}  {c.support:7d}"
            f"  {c.tp:3d}  {c.fp:3d}  {c.fn:3d}"
        )
    total = Counts(
        tp=sum(c.tp for c in counts.values()),
        fp=sum(c.fp for c in counts.values()),
        fn=sum(c.fn for c in counts.values()),
    )
    print("-" * (width + 45))
    print(
        f"{'micro':<{width}}  {total.precision:9.3f}  {total.recall:6.3f}  {total.support:7d}"
        f"  {total.tp:3d}  {total.fp:3d}  {total.fn:3d}"
    )
    clean = sum(1 for example in examples if not example.kinds)
    flagged_clean = sum(1 for example, said in wrong if not example.kinds and said)
    exact = len(examples) - len(wrong)
    print(f"\nexamples: {len(examples)} ({clean} without personal data)")
    print(f"exactly right: {exact} ({exact / len(examples):.1%})")
    print(f"clean texts wrongly refused: {flagged_clean} of {clean}")
    seconds = time_scans(examples)
    print(f"average scan of a {TIMING_TEXT_LENGTH:,}-char text: {seconds * 1000:.1f} ms")
    if args.errors:
        print("\nwrong:")
        for example, predicted in wrong:
            missed = sorted(kind.value for kind in example.kinds - predicted)
            extra = sorted(kind.value for kind in predicted - example.kinds)
            print(f"  line {example.line}: {example.text}")
            print(f"      missed {missed}  extra {extra}")
    shown = sys.argv[1:] if argv is None else list(argv)
    command = [".venv/bin/python", "-m", "bench.privacy_quality", *shown]
    print(f"\nreproduce: {shlex.join(command)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
