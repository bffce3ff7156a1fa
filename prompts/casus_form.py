"""The choices of the case form (/casus), read from `casus.toml` and checked at start-up."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from prompts.tomllines import decode_error_line, display_path

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LABEL_LENGTH = 75  # Slack's limit for an option's text
_SECTIONS = ("leefgebieden", "binnenkomst", "besluit", "doorverwezen_naar", "reden")

VEILIG_THUIS = "veilig-thuis"
REASON_SAFETY = "veiligheid"
DECISION_REFERRED = "doorverwezen"
DECISION_CONSULT = "consult"
DECISION_SELF = "zelf"
INTAKE_PROACTIVE = "proactief"


def default_path() -> Path:
    """The shipped case form."""
    return Path(__file__).with_name("casus.toml")


class CaseFormError(ValueError):
    """The case form cannot be loaded; the message names the file and what is wrong."""


Choices = MappingProxyType[str, str]


@dataclass(frozen=True)
class CaseForm:
    """Every choice list of the case form, as id → label in form order."""

    domains: Choices
    intakes: Choices
    decisions: Choices
    destinations: Choices
    reasons: Choices
    reason_knelpunten: Choices

    def knelpunten_for_reasons(self, reasons: Iterable[str]) -> list[str]:
        """The knelpunten the chosen reasons point at (e.g. no expertise → specialism)."""
        found = (self.reason_knelpunten.get(reason) for reason in reasons)
        return list(dict.fromkeys(knelpunt for knelpunt in found if knelpunt))

    def check_knelpunten(self, known: Collection[str]) -> None:
        """Raise CaseFormError when [reden_knelpunt] names a knelpunt the taxonomy lacks."""
        unknown = sorted(set(self.reason_knelpunten.values()) - set(known))
        if unknown:
            raise CaseFormError(
                f"casus.toml: [reden_knelpunt] noemt onbekende knelpunten: {unknown}"
            )


def load_case_form(path: Path | None = None) -> CaseForm:
    """Read and check the case form; CaseFormError lists what is wrong."""
    path = default_path() if path is None else path
    name = display_path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CaseFormError(f"{name}:{decode_error_line(error, text)}: {error}") from error
    problems: list[str] = []
    sections: dict[str, dict[str, str]] = {}
    for section in (*_SECTIONS, "reden_knelpunt"):
        table = data.get(section)
        if not isinstance(table, dict) or (section in _SECTIONS and not table):
            problems.append(f"{name}: [{section}] ontbreekt of is leeg")
            continue
        for key, value in table.items():
            if not _ID.match(key):
                problems.append(f"{name}: [{section}] id '{key}': alleen a-z, 0-9 en streepjes")
            if not isinstance(value, str) or not value.strip() or len(value) > _LABEL_LENGTH:
                problems.append(f"{name}: [{section}] {key}: label van 1 tot 75 tekens nodig")
        sections[section] = {str(k): str(v) for k, v in table.items()}
    for reason in sections.get("reden_knelpunt", {}):
        if reason not in sections.get("reden", {}):
            problems.append(f"{name}: [reden_knelpunt] {reason}: die reden staat niet in [reden]")
    for section, required in (
        ("besluit", (DECISION_SELF, DECISION_CONSULT, DECISION_REFERRED)),
        ("binnenkomst", (INTAKE_PROACTIVE,)),
        ("doorverwezen_naar", (VEILIG_THUIS,)),
        ("reden", (REASON_SAFETY,)),
    ):
        for key in required:
            if section in sections and key not in sections[section]:
                problems.append(f"{name}: [{section}] mist '{key}'; de bot rekent erop")
    if problems:
        raise CaseFormError("\n".join(problems))
    return CaseForm(
        domains=MappingProxyType(sections["leefgebieden"]),
        intakes=MappingProxyType(sections["binnenkomst"]),
        decisions=MappingProxyType(sections["besluit"]),
        destinations=MappingProxyType(sections["doorverwezen_naar"]),
        reasons=MappingProxyType(sections["reden"]),
        reason_knelpunten=MappingProxyType(sections["reden_knelpunt"]),
    )
