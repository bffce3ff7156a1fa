"""Labelled example sentences: the training corpus in prompts/corpus/ and other labelled sets.

One ``text<TAB>ids`` line per example (ids comma-separated, empty for a sentence that names
no knelpunt). The corpus was written blind: its writers saw only each knelpunt's label and
description (prompts/corpus/README.md).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

CORPUS_DIR: Final = Path(__file__).resolve().parent / "corpus"


@dataclass(frozen=True)
class Example:
    """One labelled text: where it comes from, the text, the knelpunt ids it carries."""

    source: str
    line: int
    text: str
    ids: frozenset[str]


def read_examples(path: Path, known: Collection[str] | None = None) -> list[Example]:
    """The examples of one file; ValueError names the line of a malformed row or unknown id."""
    examples: list[Example] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        text, tab, labels = raw.partition("\t")
        if not tab:
            raise ValueError(f"{path}:{number}: expected text<TAB>ids")
        ids = frozenset(label.strip() for label in labels.split(",") if label.strip())
        unknown = sorted(ids - set(known)) if known is not None else []
        if unknown:
            raise ValueError(f"{path}:{number}: unknown knelpunt ids {unknown}")
        examples.append(Example(path.name, number, text.strip(), ids))
    return examples


def corpus_files(directory: Path = CORPUS_DIR) -> list[Path]:
    """The corpus files, in name order (the order the model is trained in)."""
    return sorted(directory.glob("*.tsv"))


def read_corpus(
    known: Collection[str] | None = None, files: Iterable[Path] | None = None
) -> list[Example]:
    """Every example of the corpus files."""
    examples: list[Example] = []
    for path in corpus_files() if files is None else files:
        examples += read_examples(path, known)
    return examples


def label_matrix(examples: Sequence[Example], ids: Sequence[str]) -> list[list[float]]:
    """1.0 where an example carries a knelpunt, row by row, in the order of `ids`."""
    return [[1.0 if knelpunt in example.ids else 0.0 for knelpunt in ids] for example in examples]
