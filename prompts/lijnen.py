"""Which care line (0e, 1e, 2e) each referral destination lies in: `lijnen.toml`, checked."""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from prompts.tomllines import decode_error_line, display_path

_LABEL_LENGTH = 75


class LinesError(ValueError):
    """The lines file cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Lines:
    """The lines (id → label, in rapport order) and each destination's line."""

    labels: MappingProxyType[str, str]
    of_destination: MappingProxyType[str, str]


def default_path() -> Path:
    """The shipped lines file."""
    return Path(__file__).with_name("lijnen.toml")


def load_lines(destinations: Collection[str], path: Path | None = None) -> Lines:
    """Read the lines file; every destination of the case form must have a line."""
    path = default_path() if path is None else path
    name = display_path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LinesError(f"{name}:{decode_error_line(error, text)}: {error}") from error
    labels, mapping = data.get("lijnen"), data.get("bestemming")
    problems: list[str] = []
    if not isinstance(labels, dict) or not labels:
        raise LinesError(f"{name}: [lijnen] ontbreekt of is leeg")
    if not isinstance(mapping, dict):
        raise LinesError(f"{name}: [bestemming] ontbreekt")
    for key, label in labels.items():
        if not isinstance(label, str) or not label.strip() or len(label) > _LABEL_LENGTH:
            problems.append(f"{name}: [lijnen] {key}: label van 1 tot 75 tekens nodig")
    for destination, line in mapping.items():
        if line not in labels:
            problems.append(f"{name}: [bestemming] {destination}: onbekende lijn {line!r}")
        if destination not in destinations:
            problems.append(f"{name}: [bestemming] {destination} staat niet in casus.toml")
    for destination in destinations:
        if destination not in mapping:
            problems.append(f"{name}: [bestemming] mist {destination!r} (uit casus.toml)")
    if problems:
        raise LinesError("\n".join(problems))
    return Lines(
        labels=MappingProxyType({str(k): str(v) for k, v in labels.items()}),
        of_destination=MappingProxyType({str(k): str(v) for k, v in mapping.items()}),
    )
