"""How well knelpunten are recognised on text the recogniser never saw, and how fast.

Run from the repository root::

    .venv/bin/python -m bench.knelpunt_quality [--blind PATH] [--folds 5] [--skip-cv]

Side by side, per knelpunt: the old lexicon tagger (prompts/tagging.py) and the new
recogniser (prompts/recogniser.py), on

- the corpus (prompts/corpus/, written blind from labels and descriptions): the old tagger on
  all of it, the new one cross-validated (each fold judged by a model trained, calibrated and
  thresholded without it);
- the old labelled set (tests/data/knelpunten_labelled.tsv, never trained on; the old
  tagger's signals were tuned on it, so its figures there flatter the lexicon);
- the blind set (default tests/data/blind/knelpunten_blind.tsv, added by the integrator and
  never used to choose anything); "blind set absent" when it is not there.

Then: how many neutral sentences get a knelpunt, a simulated team with its own jargon
(bench/knelpunt_team.py) before and after learning from its corrections, and timings of one
text of 4,000 and 40,000 characters. Targets: micro P >= 0.85, R >= 0.75, <= 10 % of neutral
sentences tagged.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from bench import knelpunt_team
from prompts.corpus import Example, read_corpus, read_examples
from prompts.modelfile import shipped_recogniser
from prompts.recogniser import Recogniser
from prompts.tagging import Tagger
from prompts.taxonomy import Taxonomy, load_taxonomy
from prompts.training import TrainingSettings, cross_validate

REPOSITORY = Path(__file__).resolve().parent.parent
LABELLED = REPOSITORY / "tests" / "data" / "knelpunten_labelled.tsv"
BLIND = REPOSITORY / "tests" / "data" / "blind" / "knelpunten_blind.tsv"
TIMING_LENGTHS = (4_000, 40_000)

Tag = Callable[[str], Sequence[str]]


@dataclass
class Score:
    """Counts of one recogniser on one set: per knelpunt tp/fp/fn, and neutral sentences."""

    tp: dict[str, int] = field(default_factory=dict)
    fp: dict[str, int] = field(default_factory=dict)
    fn: dict[str, int] = field(default_factory=dict)
    neutral: int = 0
    neutral_tagged: int = 0

    def add(self, gold: frozenset[str], said: frozenset[str]) -> None:
        """Count one example."""
        for knelpunt in gold | said:
            table = self.tp if knelpunt in gold and knelpunt in said else None
            table = table if table is not None else (self.fn if knelpunt in gold else self.fp)
            table[knelpunt] = table.get(knelpunt, 0) + 1
        if not gold:
            self.neutral += 1
            self.neutral_tagged += bool(said)

    def pr(self, knelpunt: str | None = None) -> tuple[float, float]:
        """Precision and recall of one knelpunt, or micro over all (None)."""
        pick = (lambda d: d.get(knelpunt, 0)) if knelpunt else (lambda d: sum(d.values()))
        tp, fp, fn = pick(self.tp), pick(self.fp), pick(self.fn)
        return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def score(examples: Sequence[Example], said: Sequence[frozenset[str]]) -> Score:
    """The counts of predictions `said` against the examples."""
    result = Score()
    for example, predicted in zip(examples, said, strict=True):
        result.add(example.ids, predicted)
    return result


def judged_by(tag: Tag, examples: Sequence[Example]) -> list[frozenset[str]]:
    """What `tag` says about every example."""
    return [frozenset(tag(example.text)) for example in examples]


def _cell(value: Score | None, knelpunt: str | None) -> str:
    if value is None:
        return f"{'-':>11}"
    p, r = value.pr(knelpunt)
    return f"{p:5.2f} {r:5.2f}"


def print_table(
    taxonomy: Taxonomy, columns: list[tuple[str, Score | None]], support: dict[str, int]
) -> None:
    """Per knelpunt P and R in every column, then micro and the neutral sentences tagged."""
    width = max(len(k) for k in taxonomy.ids)
    print(f"{'':<{width}}      " + " ".join(f"{name:>11}" for name, _ in columns))
    print(f"{'knelpunt':<{width}}    n " + " ".join(f"{'P     R':>11}" for _ in columns))
    for knelpunt in taxonomy.ids:
        cells = " ".join(_cell(value, knelpunt) for _, value in columns)
        print(f"{knelpunt:<{width}} {support.get(knelpunt, 0):4d} {cells}")
    print("-" * (width + 6 + 12 * len(columns)))
    total = sum(support.values())
    print(f"{'micro':<{width}} {total:4d} " + " ".join(_cell(v, None) for _, v in columns))
    neutral = " ".join(
        f"{v.neutral_tagged:>4}/{v.neutral:<4} " if v else f"{'-':>11}" for _, v in columns
    )
    print(f"{'neutral sentences tagged':<{width}}      {neutral}")
    shares = " ".join(
        f"{v.neutral_tagged / v.neutral:10.1%} " if v and v.neutral else f"{'-':>11}"
        for _, v in columns
    )
    print(f"{'  share':<{width}}      {shares}")


def time_per_call(call: Callable[[str], object], text: str, rounds: int = 5) -> float:
    """Best-of-rounds seconds for one call (the machine is shared: the best is the cost)."""
    call(text)
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        call(text)
        best = min(best, time.perf_counter() - started)
    return best


def startup_in_fresh_process() -> dict[str, float]:
    """Seconds and resident MiB to import and load the recogniser, in a new interpreter."""
    code = (
        "import json, re, time\n"
        "def rss():\n"
        "    status = open('/proc/self/status').read()\n"
        "    return int(re.search(r'VmRSS:\\s+(\\d+)', status).group(1)) / 1024\n"
        "t, before = time.perf_counter(), rss()\n"
        "from prompts.modelfile import shipped_recogniser\n"
        "from prompts.taxonomy import load_taxonomy\n"
        "r = shipped_recogniser(load_taxonomy()); r.recognise('geen tijd')\n"
        "print(json.dumps({'seconds': time.perf_counter() - t, 'mib': rss() - before}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPOSITORY, capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def team_effect(recogniser: Recogniser, labelled: Sequence[Example]) -> None:
    """The simulated team: the corpus model vs the team's own model, on the team's new lines."""
    confirmed, new = knelpunt_team.team_sets()
    started = time.perf_counter()
    team = recogniser.adapted([(e.text, e.ids) for e in confirmed])
    seconds = time.perf_counter() - started
    before, after = score(new, judged_by(recogniser.tag, new)), score(new, judged_by(team.tag, new))
    print(
        f"\nSimulated team with its own words ({len(confirmed)} confirmed examples, "
        f"{len(new)} new lines; adapting took {seconds * 1000:.0f} ms):"
    )
    for name, value in (("corpus model", before), ("team's own model", after)):
        p, r = value.pr()
        print(
            f"  {name:<18} P {p:.2f}  R {r:.2f}  neutral tagged "
            f"{value.neutral_tagged}/{value.neutral}"
        )
    old = score(labelled, judged_by(team.tag, labelled)).pr()
    print(f"  team's own model on the old labelled set: P {old[0]:.2f}  R {old[1]:.2f}")


def design(overrides: dict[str, object] | None) -> TrainingSettings:
    """The shipped TrainingSettings with some fields replaced (to compare designs by CV)."""
    base = TrainingSettings()
    if not overrides:
        return base
    changes = dict(overrides)
    features = changes.pop("features", None)
    if isinstance(features, dict):
        changes["features"] = replace(base.features, **features)
    return replace(base, **changes)  # type: ignore[arg-type]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the side-by-side quality table, the simulated team and the timings."""
    parser = argparse.ArgumentParser(prog="python -m bench.knelpunt_quality", description=__doc__)
    parser.add_argument("--blind", type=Path, default=BLIND, help="the frozen blind set (TSV)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds")
    parser.add_argument("--skip-cv", action="store_true", help="leave out the (slow) CV column")
    parser.add_argument(
        "--settings",
        type=json.loads,
        default=None,
        help="cross-validate another design, e.g. '{\"beta\": 0.7}' or "
        '\'{"features": {"letters": 0}}\' (prompts/training.py TrainingSettings)',
    )
    args = parser.parse_args(argv)

    taxonomy = load_taxonomy()
    tagger = Tagger(taxonomy)
    recogniser = shipped_recogniser(taxonomy, tagger)
    corpus = read_corpus(taxonomy.ids)
    labelled = read_examples(LABELLED, taxonomy.ids)
    blind = read_examples(args.blind, taxonomy.ids) if args.blind.exists() else None

    support: dict[str, int] = {}
    for example in corpus:
        for knelpunt in example.ids:
            support[knelpunt] = support.get(knelpunt, 0) + 1
    cv: Score | None = None
    if not args.skip_cv:
        started = time.perf_counter()
        held_out = cross_validate(corpus, tagger, design(args.settings), parts=args.folds)
        cv = score([h.example for h in held_out], [h.confident for h in held_out])
        cv_seconds = time.perf_counter() - started
    columns: list[tuple[str, Score | None]] = [
        ("corpus old", score(corpus, judged_by(tagger.tag, corpus))),
        ("corpus CV", cv),
        ("labelled old", score(labelled, judged_by(tagger.tag, labelled))),
        ("labelled new", score(labelled, judged_by(recogniser.tag, labelled))),
    ]
    if blind is not None:
        columns += [
            ("blind old", score(blind, judged_by(tagger.tag, blind))),
            ("blind new", score(blind, judged_by(recogniser.tag, blind))),
        ]
    print(
        f"corpus: {len(corpus)} sentences (prompts/corpus), labelled: {len(labelled)} "
        f"({LABELLED.relative_to(REPOSITORY)}), blind: "
        + (f"{len(blind)} ({args.blind})" if blind is not None else "blind set absent")
    )
    print("old = lexicon tagger; new = recogniser; corpus CV = new, cross-validated")
    if args.settings:
        print(f"corpus CV with the design {design(args.settings)}")
    print()
    print_table(taxonomy, columns, support)
    if cv is not None:
        print(f"\n(cross-validation: {args.folds} folds, {cv_seconds:.0f} s)")
    if blind is None:
        print("blind set absent: no blind column")

    team_effect(recogniser, labelled)

    text = " ".join(example.text for example in corpus)
    repeated = "geen tijd voor intervisie " * 2_000
    print("\nTiming (best of 5, one text):")
    for length in TIMING_LENGTHS:
        for name, sample in (
            ("corpus text", text[:length]),
            ("repeated signal", repeated[:length]),
        ):
            old = time_per_call(tagger.tag, sample)
            new = time_per_call(recogniser.recognise, sample)
            print(
                f"  {length:>6} chars, {name:<15}  old tagger {old * 1000:7.1f} ms   "
                f"recogniser {new * 1000:7.1f} ms"
            )
    startup = startup_in_fresh_process()
    print(
        f"\nStart-up of the recogniser in a fresh interpreter (imports, model file, first "
        f"text): {startup['seconds']:.2f} s, +{startup['mib']:.0f} MiB resident"
    )
    command = [".venv/bin/python", "-m", "bench.knelpunt_quality", *(argv or sys.argv[1:])]
    print(f"\nreproduce: {shlex.join(command)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
