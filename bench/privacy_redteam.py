"""How the privacy guard holds against client data written the way people really type it.

Run from the repository root::

    .venv/bin/python -m bench.privacy_redteam [--per-category N] [--blind PATH] [--baseline REV]...
                                              [--errors] [--deduce] [--no-timing]

Three sets, each reported on its own:

* generated variants: bench/privacy_variants.py draws base values of each kind and writes them
  the ways issue 12 lists (format characters, links, separators, written-out e-mail, loose
  addresses, birth dates and names), bench/privacy_variants_more.py the ways round 2 found
  (postcodes over a dot or line break, birth years and marks, dates in words, short streets and
  additions, encoded tel:/mailto: links, names of many languages); drawn deterministically, so
  two runs see the same texts;
* ordinary sentences that look like client data (policy dates, organisation numbers, landmarks
  named after people, relation words before a capitalised ordinary word), which must pass;
* a blind set, JSON Lines of ``{"text", "kinds": [...], "category"}`` written by someone who has
  not seen the guard (default tests/data/blind/privacy_redteam.jsonl; skipped with a note when
  absent). Texts with no kinds count as ordinary sentences.

A variant counts as refused when the guard finds any kind in it (a refusal is what keeps it out
of the database); per kind, the table also says how often that very kind was named.

Timing: CPU time of scan() on 4,000- and 40,000-character texts, beside the guard of each
``--baseline`` (a git revision whose privacy package is unpacked with ``git archive``; by
default round 1 of issue 12 and the guard before it) in the same run, so the ratio is fair
on a shared machine: "typical" is team talk (the labelled set and the ordinary sentences, most
of it without client data), "dense" the generated variants of round 1's categories between
ordinary sentences, "dense2" those of all categories.
``--deduce`` also runs the deduce library (when it is installed) on the same sets.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import io
import json
import shlex
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from itertools import zip_longest
from pathlib import Path
from types import ModuleType

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bench.privacy_ordinary import ordinary_sentences
from bench.privacy_quality import DEFAULT_DATA, read_examples
from bench.privacy_variants import CATEGORIES, Variant
from bench.privacy_variants_more import MORE_CATEGORIES
from privacy.guard import detected_kinds

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BLIND = ROOT / "tests" / "data" / "blind" / "privacy_redteam.jsonl"
# The guards timed beside this one: round 1 of issue 12 (merged), and the guard before issue 12.
DEFAULT_BASELINES = ("c59fd4c", "b9401a5")
# Today for birth-date plausibility, pinned so a run in any year judges the same texts the same.
PINNED_TODAY = date(2026, 12, 1)
TIMING_LENGTHS = (4_000, 40_000)
TIMING_ROUNDS = {4_000: 100, 40_000: 10}

Detect = Callable[[str], set[str]]


def draw(strategy: st.SearchStrategy[Variant], count: int) -> list[Variant]:
    """count distinct variants from strategy, the same ones on every run."""
    found: dict[str, Variant] = {}

    @settings(
        max_examples=count * 3,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(variant: Variant) -> None:
        if len(found) < count:
            found.setdefault(variant.text, variant)

    collect()
    return list(found.values())


def generated(per_category: int) -> list[Variant]:
    """The generated client-data variants, per_category of each category."""
    strategies = [*CATEGORIES.values(), *MORE_CATEGORIES.values()]
    return [v for strategy in strategies for v in draw(strategy, per_category)]


def read_blind(path: Path) -> list[Variant]:
    """The blind set; ValueError names a malformed line."""
    variants: list[Variant] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            kinds = tuple(str(kind) for kind in row.get("kinds") or ())
            variants.append(Variant(str(row["text"]), kinds, str(row.get("category") or "")))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"{path}:{number}: {error}") from error
    return variants


def guard_detector(today: date) -> Detect:
    """The guard of this checkout, with today pinned."""
    return lambda text: {kind.value for kind in detected_kinds(text, today=today)}


def report(title: str, variants: Sequence[Variant], detect: Detect, *, errors: bool) -> None:
    """Refused/total per kind and per category; false positives on ordinary sentences."""
    data = [v for v in variants if v.kinds]
    ordinary = [v for v in variants if not v.kinds]
    said = {id(v): detect(v.text) for v in variants}
    print(f"\n== {title}")
    if data:
        print(f"{'kind':<14} refused  named  total")
        kinds = sorted({kind for v in data for kind in v.kinds})
        for kind in kinds:
            with_kind = [v for v in data if kind in v.kinds]
            refused = sum(1 for v in with_kind if said[id(v)])
            named = sum(1 for v in with_kind if kind in said[id(v)])
            print(f"{kind:<14} {refused:7d}  {named:5d}  {len(with_kind):5d}")
        by_category: Counter[str] = Counter(v.category for v in data)
        through = Counter(v.category for v in data if not said[id(v)])
        print(f"{'category':<14} through  total")
        for category, total in sorted(by_category.items()):
            print(f"{category:<14} {through[category]:7d}  {total:5d}")
        refused_all = sum(1 for v in data if said[id(v)])
        print(
            f"client data refused: {refused_all} of {len(data)} ({len(data) - refused_all} through)"
        )
    if ordinary:
        wrong = [v for v in ordinary if said[id(v)]]
        by_category = Counter(v.category for v in ordinary)
        refused_by = Counter(v.category for v in wrong)
        print(f"{'ordinary':<14} refused  total")
        for category, total in sorted(by_category.items()):
            print(f"{category:<14} {refused_by[category]:7d}  {total:5d}")
        print(f"ordinary sentences refused: {len(wrong)} of {len(ordinary)}")
    if errors:
        for v in data:
            if not said[id(v)]:
                print(f"  through [{v.category}] {v.text!r}  want {list(v.kinds)}")
        for v in ordinary:
            if said[id(v)]:
                print(f"  refused [{v.category}] {v.text!r}  said {sorted(said[id(v)])}")


def load_baseline(revision: str) -> ModuleType | None:
    """The guard module as it was at revision, or None when unavailable.

    The whole privacy package of that revision is unpacked with git archive and imported under
    its own name; this checkout's privacy modules are set aside meanwhile and put back after, so
    the two guards never share a module.
    """
    folder = Path(tempfile.mkdtemp(prefix="guard-baseline-"))
    try:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", revision, "privacy"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    ours = {name: module for name, module in sys.modules.items() if _in_privacy(name)}
    for name in ours:
        del sys.modules[name]
    sys.path.insert(0, str(folder))
    try:
        module = importlib.import_module("privacy.guard")
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if _in_privacy(name)]:
            del sys.modules[name]
        sys.modules.update(ours)
    return module


def _in_privacy(name: str) -> bool:
    return name == "privacy" or name.startswith("privacy.")


def timing_text(variants: Iterable[Variant], length: int) -> str:
    """A text of exactly length characters: the variants, categories taken in turn."""
    by_category: dict[str, list[str]] = {}
    for variant in variants:
        by_category.setdefault(variant.category, []).append(variant.text)
    mixed = [text for group in zip_longest(*by_category.values()) for text in group if text]
    unit = " ".join(mixed) + " "
    return (unit * (length // len(unit) + 1))[:length]


def time_calls(scans: Sequence[Callable[[str], object]], text: str, rounds: int) -> list[float]:
    """Best-of-five average CPU seconds per call of each scan, taken in turn.

    The scans alternate within each of the five tries, so a busy moment on a shared machine
    falls on all of them alike.
    """
    best = [float("inf")] * len(scans)
    for _ in range(5):
        for index, scan in enumerate(scans):
            start = time.process_time()
            for _ in range(rounds):
                scan(text)
            best[index] = min(best[index], (time.process_time() - start) / rounds)
    return best


def report_timing(
    texts: Mapping[str, Sequence[Variant]], baselines: Mapping[str, ModuleType | None]
) -> None:
    """CPU ms per scan at 4k and 40k characters, now and at each baseline, side by side."""
    from privacy.guard import scan

    loaded = {revision: module for revision, module in baselines.items() if module is not None}
    print("\n== timing (CPU ms per scan, best of 5 taken in turn; ratio = now / baseline)")
    header = f"{'text':<10} {'chars':>7}  {'now':>7}"
    for revision in loaded:
        header += f"  {revision:>9}  ratio"
    print(header)
    for name, variants in texts.items():
        for length in TIMING_LENGTHS:
            text = timing_text(variants, length)
            scans: list[Callable[[str], object]] = [lambda t: scan(t, today=PINNED_TODAY)]
            scans += [_baseline_scan(module) for module in loaded.values()]
            now, *befores = time_calls(scans, text, TIMING_ROUNDS[length])
            row = f"{name:<10} {length:7d}  {now * 1000:7.2f}"
            for before in befores:
                row += f"  {before * 1000:9.2f}  {now / before:5.2f}"
            print(row)
    for revision, module in baselines.items():
        if module is None:
            print(f"(baseline {revision} not available: no git history here)")


def _baseline_scan(module: ModuleType) -> Callable[[str], object]:
    """The baseline's scan, with today pinned where it takes one."""
    try:
        module.scan("", today=PINNED_TODAY)
    except TypeError:
        return module.scan  # type: ignore[no-any-return]
    return lambda text: module.scan(text, today=PINNED_TODAY)


def deduce_detector() -> tuple[Detect, float] | None:
    """deduce mapped onto the guard's kinds, and its start-up seconds; None when not installed."""
    if importlib.util.find_spec("deduce") is None:
        return None
    start = time.process_time()
    from deduce import Deduce  # type: ignore[import-not-found,import-untyped,unused-ignore]

    engine = Deduce()
    startup = time.process_time() - start
    tags = {
        "persoon": "naam",
        "patient": "naam",
        "locatie": "adres",
        "straat": "adres",
        "datum": "geboortedatum",
        "telefoonnummer": "telefoon",
        "emailadres": "email",
        "bsn": "bsn",
        "url": "url",
        "id": "id",
    }

    def detect(text: str) -> set[str]:
        return {
            tags.get(annotation.tag.split("+")[0], annotation.tag)
            for annotation in engine.deidentify(text).annotations
        }

    return detect, startup


def main(argv: Sequence[str] | None = None) -> int:
    """Print refused/total per kind on each set, false positives, and timing."""
    parser = argparse.ArgumentParser(prog="python -m bench.privacy_redteam", description=__doc__)
    parser.add_argument("--per-category", type=int, default=40, help="generated per category")
    parser.add_argument("--blind", type=Path, default=DEFAULT_BLIND, help="blind JSON Lines set")
    parser.add_argument(
        "--baseline",
        action="append",
        help="git revision to time against (repeatable; default: both of DEFAULT_BASELINES)",
    )
    parser.add_argument("--errors", action="store_true", help="list every text judged wrongly")
    parser.add_argument("--deduce", action="store_true", help="also run deduce on the same sets")
    parser.add_argument("--no-timing", action="store_true", help="skip the timing")
    args = parser.parse_args(argv)

    variants = generated(args.per_category)
    ordinary = ordinary_sentences()
    detect = guard_detector(PINNED_TODAY)
    report("generated variants (guard)", variants, detect, errors=args.errors)
    report("ordinary sentences (guard)", ordinary, detect, errors=args.errors)
    blind: list[Variant] = []
    if args.blind.exists():
        blind = read_blind(args.blind)
        report(f"blind set {args.blind.name} (guard)", blind, detect, errors=args.errors)
    else:
        print(f"\n== blind set: {args.blind} not found, skipped")
    if args.deduce:
        loaded = deduce_detector()
        if loaded is None:
            print("\n== deduce: not installed, skipped")
        else:
            deduce, startup = loaded
            print(f"\n(deduce start-up: {startup:.1f} s)")
            report("generated variants (deduce)", variants, deduce, errors=False)
            report("ordinary sentences (deduce)", ordinary, deduce, errors=False)
            if blind:
                report("blind set (deduce)", blind, deduce, errors=False)
    labelled = [
        Variant(e.text, (), f"labelled{i % 8}") for i, e in enumerate(read_examples(DEFAULT_DATA))
    ]
    if not args.no_timing:
        # "dense" keeps round 1's mix (its categories only), comparable across rounds; "dense2"
        # adds round 2's, which the older guards mostly miss (so they do less work on it).
        first_round = [v for v in variants if v.category in CATEGORIES]
        timing = {
            "typical": labelled + ordinary,
            "dense": first_round + ordinary,
            "dense2": variants + ordinary,
        }
        revisions = args.baseline or list(DEFAULT_BASELINES)
        report_timing(timing, {revision: load_baseline(revision) for revision in revisions})
    shown = sys.argv[1:] if argv is None else list(argv)
    print(f"\nreproduce: {shlex.join(['.venv/bin/python', '-m', 'bench.privacy_redteam', *shown])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
