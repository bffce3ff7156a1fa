"""How well the knelpunt tagger agrees with a hand-labelled set, and how fast it is.

Run from the repository root::

    .venv/bin/python -m bench.knelpunt_quality [--data PATH] [--taxonomy PATH] [--errors]

The data file has one ``text<TAB>ids`` line per example (ids comma-separated, empty for none).

Read the numbers with care: the signals in ``prompts/knelpunten.toml`` were tuned on this very
file, so they overstate how well the tagger does on new text. The file was written in five
rounds; each later round was first scored blind, before any signal was changed for it:
lines 1-186 (development), 187-264 (blind: micro P 0.73 / R 0.45), 265-326 (blind: P 0.61 /
R 0.35), 327-386 (blind: P 0.71 / R 0.39), 387-426 (blind against the final signals, never
tuned on: P 0.73 / R 0.29). Expect numbers like the blind ones on real texts: the tagger is
fairly precise but misses most paraphrases it has no signal for.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from prompts.tagging import Tagger
from prompts.taxonomy import Taxonomy, load_taxonomy

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "knelpunten_labelled.tsv"
TIMING_ROUNDS = 20
TIMING_TEXT_LENGTH = 1_500


@dataclass(frozen=True)
class Example:
    """One labelled text."""

    line: int
    text: str
    ids: frozenset[str]


@dataclass
class Counts:
    """True positives, false positives and false negatives of one knelpunt."""

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
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        """How many examples carry this knelpunt."""
        return self.tp + self.fn


def read_examples(path: Path, taxonomy: Taxonomy) -> list[Example]:
    """The labelled examples; ValueError names the line of a malformed row or unknown id."""
    examples: list[Example] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        text, tab, labels = raw.partition("\t")
        if not tab:
            raise ValueError(f"{path}:{number}: expected text<TAB>ids")
        ids = frozenset(label.strip() for label in labels.split(",") if label.strip())
        unknown = sorted(ids - set(taxonomy.ids))
        if unknown:
            raise ValueError(f"{path}:{number}: unknown knelpunt ids {unknown}")
        examples.append(Example(number, text, ids))
    return examples


def evaluate(
    tagger: Tagger, examples: Sequence[Example]
) -> tuple[dict[str, Counts], list[tuple[Example, frozenset[str]]]]:
    """Counts per knelpunt id, and the examples the tagger got wrong with what it said."""
    counts = {knelpunt_id: Counts() for knelpunt_id in tagger.taxonomy.ids}
    wrong: list[tuple[Example, frozenset[str]]] = []
    for example in examples:
        predicted = frozenset(tagger.tag(example.text))
        for knelpunt_id, count in counts.items():
            gold, said = knelpunt_id in example.ids, knelpunt_id in predicted
            if gold and said:
                count.tp += 1
            elif said:
                count.fp += 1
            elif gold:
                count.fn += 1
        if predicted != example.ids:
            wrong.append((example, predicted))
    return counts, wrong


def time_tagging(tagger: Tagger, examples: Sequence[Example]) -> float:
    """Average seconds per tag() call on ~1,500-character texts made of the examples."""
    texts: list[str] = []
    current = ""
    for example in list(examples) * 20:
        current = f"{current} {example.text}".strip()
        if len(current) >= TIMING_TEXT_LENGTH:
            texts.append(current[:TIMING_TEXT_LENGTH])
            current = ""
    texts = texts or ["Geen tijd voor intervisie. " * 55]
    start = time.perf_counter()
    for _ in range(TIMING_ROUNDS):
        for text in texts:
            tagger.tag(text)
    return (time.perf_counter() - start) / (TIMING_ROUNDS * len(texts))


def main(argv: Sequence[str] | None = None) -> int:
    """Print precision, recall and support per knelpunt, micro/macro averages and timing."""
    parser = argparse.ArgumentParser(prog="python -m bench.knelpunt_quality", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled TSV file")
    parser.add_argument("--taxonomy", type=Path, default=None, help="taxonomy TOML file")
    parser.add_argument("--extra", type=Path, default=None, help="a team's extra TOML file")
    parser.add_argument("--errors", action="store_true", help="list every wrongly tagged text")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    taxonomy = load_taxonomy(args.taxonomy, args.extra)
    tagger = Tagger(taxonomy)
    build_seconds = time.perf_counter() - started
    examples = read_examples(args.data, taxonomy)
    counts, wrong = evaluate(tagger, examples)

    width = max(len(knelpunt_id) for knelpunt_id in counts)
    print(f"{'knelpunt':<{width}}  precision  recall     f1  support   tp   fp   fn")
    for knelpunt_id, c in counts.items():
        print(
            f"{knelpunt_id:<{width}}  {c.precision:9.3f}  {c.recall:6.3f}  {c.f1:5.3f}"
            f"  {c.support:7d}  {c.tp:3d}  {c.fp:3d}  {c.fn:3d}"
        )
    total = Counts(
        tp=sum(c.tp for c in counts.values()),
        fp=sum(c.fp for c in counts.values()),
        fn=sum(c.fn for c in counts.values()),
    )
    macro_p = sum(c.precision for c in counts.values()) / len(counts)
    macro_r = sum(c.recall for c in counts.values()) / len(counts)
    macro_f = sum(c.f1 for c in counts.values()) / len(counts)
    print("-" * (width + 50))
    print(
        f"{'micro':<{width}}  {total.precision:9.3f}  {total.recall:6.3f}  {total.f1:5.3f}"
        f"  {total.support:7d}  {total.tp:3d}  {total.fp:3d}  {total.fn:3d}"
    )
    print(f"{'macro':<{width}}  {macro_p:9.3f}  {macro_r:6.3f}  {macro_f:5.3f}")
    exact = len(examples) - len(wrong)
    print(f"\nexamples: {len(examples)}, exactly right: {exact} ({exact / len(examples):.1%})")
    print(f"tagger build: {build_seconds * 1000:.0f} ms (incl. loading the taxonomy)")
    seconds = time_tagging(tagger, examples)
    print(f"average tag() on {TIMING_TEXT_LENGTH}-char texts: {seconds * 1000:.3f} ms")
    if args.errors:
        print("\nwrong:")
        for example, predicted in wrong:
            missed = sorted(example.ids - predicted)
            extra = sorted(predicted - example.ids)
            print(f"  line {example.line}: {example.text}")
            print(f"      missed {missed}  extra {extra}")
    command = [".venv/bin/python", "-m", "bench.knelpunt_quality", *sys.argv[1:]]
    if argv is not None:
        command = [".venv/bin/python", "-m", "bench.knelpunt_quality", *argv]
    print(f"\nreproduce: {shlex.join(command)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
