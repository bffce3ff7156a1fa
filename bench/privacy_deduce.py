"""The deduce library beside the privacy guard: recall, precision, speed, start-up and memory.

Run from the repository root (deduce is not a dependency; install it into the venv first)::

    .venv/bin/pip install deduce
    .venv/bin/python -m bench.privacy_deduce [--per-category N]

deduce (Dutch clinical de-identification, with first-name, surname, street and place lists)
tags spans as persoon, locatie, datum, telefoonnummer, emailadres, bsn, id, url …; here they are
mapped onto the guard's kinds (locatie counts for both adres and postcode, any datum for
geboortedatum, id for iban, since deduce has neither a postcode, a birth-date nor an IBAN tag).
Printed: per kind on the labelled set and on the generated variants, the ordinary sentences
refused, ms per text, import and start-up seconds, resident memory, and what deduce's names
would add to the guard's (the combination the issue asks about).
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import time
from collections.abc import Callable, Sequence

from bench.privacy_ordinary import ordinary_sentences
from bench.privacy_quality import DEFAULT_DATA, PINNED_TODAY, read_examples
from bench.privacy_redteam import generated
from bench.privacy_variants import Variant
from privacy.guard import PrivacyKind, detected_kinds

Detect = Callable[[str], set[str]]
_TAGS: dict[str, set[str]] = {
    "persoon": {"naam"},
    "patient": {"naam"},
    "locatie": {"adres", "postcode"},
    "datum": {"geboortedatum"},
    "telefoonnummer": {"telefoon"},
    "emailadres": {"email"},
    "bsn": {"bsn"},
    "id": {"iban"},
}
KINDS = [kind.value for kind in PrivacyKind]


def rss_mb() -> float:
    """The process's peak resident memory in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_deduce() -> tuple[Detect, float, float, float] | None:
    """deduce as a detector; its import seconds, start-up seconds and memory added (MB)."""
    if importlib.util.find_spec("deduce") is None:
        return None
    before = rss_mb()
    start = time.perf_counter()
    from deduce import Deduce  # type: ignore[import-not-found,import-untyped,unused-ignore]

    imported = time.perf_counter()
    engine = Deduce()
    ready = time.perf_counter()

    def detect(text: str) -> set[str]:
        kinds: set[str] = set()
        for annotation in engine.deidentify(text).annotations:
            kinds |= _TAGS.get(annotation.tag.split("+")[0], set())
        return kinds

    return detect, imported - start, ready - imported, rss_mb() - before


def guard(text: str) -> set[str]:
    """The guard, today pinned."""
    return {kind.value for kind in detected_kinds(text, today=PINNED_TODAY)}


def per_kind(examples: Sequence[Variant], detect: Detect) -> dict[str, tuple[int, int, int]]:
    """tp, fp, fn per kind over the examples."""
    counts = {kind: [0, 0, 0] for kind in KINDS}
    for example in examples:
        said = detect(example.text)
        for kind in KINDS:
            gold, found = kind in example.kinds, kind in said
            if gold and found:
                counts[kind][0] += 1
            elif found:
                counts[kind][1] += 1
            elif gold:
                counts[kind][2] += 1
    return {kind: (c[0], c[1], c[2]) for kind, c in counts.items()}


def show(title: str, examples: Sequence[Variant], detectors: dict[str, Detect]) -> None:
    """Precision and recall per kind for each detector, side by side."""
    print(f"\n== {title} ({len(examples)} texts)")
    names = list(detectors)
    print(f"{'kind':<14}" + "".join(f"{name + ' P':>12}{name + ' R':>10}" for name in names))
    results = {name: per_kind(examples, detect) for name, detect in detectors.items()}
    for kind in KINDS:
        row = f"{kind:<14}"
        for name in names:
            tp, fp, fn = results[name][kind]
            precision = tp / (tp + fp) if tp + fp else 1.0
            recall = tp / (tp + fn) if tp + fn else 1.0
            row += f"{precision:12.3f}{recall:10.3f}" if tp + fp + fn else f"{'-':>12}{'-':>10}"
        print(row)
    for name, detect in detectors.items():
        refused = sum(1 for e in examples if e.kinds and detect(e.text))
        clean = [e for e in examples if not e.kinds]
        wrong = sum(1 for e in clean if detect(e.text))
        print(
            f"{name}: client data refused {refused} of {sum(1 for e in examples if e.kinds)}, "
            f"clean refused {wrong} of {len(clean)}"
        )


def ms_per_text(detect: Detect, texts: Sequence[str]) -> float:
    """CPU milliseconds per text, best of three passes."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for text in texts:
            detect(text)
        best = min(best, (time.process_time() - start) / len(texts))
    return best * 1000


def main(argv: Sequence[str] | None = None) -> int:
    """Print the comparison."""
    parser = argparse.ArgumentParser(prog="python -m bench.privacy_deduce", description=__doc__)
    parser.add_argument("--per-category", type=int, default=40)
    args = parser.parse_args(argv)
    loaded = load_deduce()
    if loaded is None:
        print("deduce is not installed here: .venv/bin/pip install deduce")
        return 0
    deduce, import_s, startup_s, memory_mb = loaded
    print(f"deduce: import {import_s:.2f} s, start-up {startup_s:.1f} s, +{memory_mb:.0f} MB")

    def combined(text: str) -> set[str]:
        return guard(text) | ({"naam"} & deduce(text))

    detectors = {"guard": guard, "deduce": deduce, "g+dnames": combined}
    labelled = [
        Variant(e.text, tuple(sorted(k.value for k in e.kinds)), "labelled")
        for e in read_examples(DEFAULT_DATA)
    ]
    show("labelled set", labelled, detectors)
    variants = generated(args.per_category)
    show("generated variants", variants, detectors)
    show("ordinary sentences", ordinary_sentences(), detectors)
    names = [v for v in variants + labelled if "naam" in v.kinds]
    added = [v.text for v in names if "naam" not in guard(v.text) and "naam" in deduce(v.text)]
    print(f"\nnames the guard misses and deduce finds: {len(added)}")
    for text in added:
        print(f"  {text!r}")
    texts = [e.text for e in labelled]
    print(
        f"\nms per text (labelled set, CPU): guard {ms_per_text(guard, texts):.3f}, "
        f"deduce {ms_per_text(deduce, texts):.3f}"
    )
    print(f"peak memory of this process: {rss_mb():.0f} MB")
    shown = sys.argv[1:] if argv is None else list(argv)
    print(f"\nreproduce: .venv/bin/python -m bench.privacy_deduce {' '.join(shown)}".rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
