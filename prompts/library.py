"""The reflection-prompt library: Dutch questions in TOML files, loaded and checked strictly.

Each theme has one file, ``prompts/library/<theme>.toml``, made of ``[[prompt]]`` blocks that
non-programmers edit. The rules, which :func:`load_library` enforces and reports as
``file:line: problem`` so an editor can find the spot:

- every block has ``id``, ``theme``, ``question``, ``why``, ``method``, ``seed_section`` and
  ``knelpunten``; ``follow_up`` and ``alact_phase`` are optional; nothing else is allowed;
- ``id`` is lowercase ``a-z``, ``0-9`` and ``-``, starts with the theme (``leercultuur-07``), is
  unique across all files and never changes once posted (answers refer to it);
- ``theme`` equals the file name; ``method``, ``seed_section`` and each knelpunt come from the
  lists below; ``alact_phase`` (1-5) only goes with ``method = "korthagen-alact"``;
- ``question`` ends with ``?``; texts are one line and stay within the length limits below;
- every theme has at least one prompt.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from prompts.tomllines import KEY_START as _KEY_START
from prompts.tomllines import TABLE_HEADER as _TABLE_HEADER
from prompts.tomllines import decode_error_line as _decode_error_line
from prompts.tomllines import display_path as _display
from prompts.tomllines import logical_lines as _logical_lines

THEMES: Final[tuple[str, ...]] = ("leercultuur", "casuistiek", "doorverwijzing")
THEME_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {"leercultuur": "leercultuur", "casuistiek": "casuïstiek", "doorverwijzing": "doorverwijzing"}
)
METHODS: Final[tuple[str, ...]] = (
    "korthagen-alact",
    "gibbs",
    "intervisie",
    "incidentmethode",
    "stepped-care",
    "appreciative-inquiry",
    "socratisch-gesprek",
    "leerpunten",
)
ALACT_METHOD: Final = "korthagen-alact"
ALACT_PHASES: Final[tuple[int, ...]] = (1, 2, 3, 4, 5)
SEED_SECTIONS: Final[tuple[str, ...]] = ("5.1", "5.2", "5.3", "5.4", "6", "7")
# The knelpunten taxonomy as the prompts know it; the taxonomy module is the eventual authority.
KNELPUNT_IDS: Final[frozenset[str]] = frozenset(
    {
        "tijd-voor-reflectie",
        "specialistische-expertise",
        "doorverwijzen-of-zelf-doen",
        "mandaat-en-taakafbakening",
        "preventie-en-presentie",
        "eigen-kracht-en-netwerk",
        "risico-regelreflex",
        "beroepsgeheim-en-vertrouwen",
        "samenwerking-ketenpartners",
        "registratie-en-administratie",
        "wachtlijsten-tweede-lijn",
        "zorgzwaarte-en-caseload",
        "taakverschraling-generalist",
        "burgerinitiatief-en-ervaringsdeskundigen",
        "moeilijk-bereikbare-burgers",
        "aansturing-en-coaching",
        "financiering-en-verantwoording",
        "gemeentelijke-regie",
    }
)

MAX_QUESTION_LENGTH: Final = 300
MAX_WHY_LENGTH: Final = 200
MAX_FOLLOW_UP_LENGTH: Final = 300
MIN_KNELPUNTEN: Final = 1
MAX_KNELPUNTEN: Final = 3
SLACK_SECTION_LIMIT: Final = 3000
# Question and why, escaped and rendered together, must stay well under one Slack section.
MAX_RENDERED_LENGTH: Final = SLACK_SECTION_LIMIT // 2

ID_PATTERN: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DEFAULT_DIRECTORY_NAME: Final = "library"

_REQUIRED_FIELDS: Final = (
    "id",
    "theme",
    "question",
    "why",
    "method",
    "seed_section",
    "knelpunten",
)
_OPTIONAL_FIELDS: Final = ("follow_up", "alact_phase")
_ALL_FIELDS: Final = frozenset(_REQUIRED_FIELDS + _OPTIONAL_FIELDS)
_TEXT_LIMITS: Final[Mapping[str, int]] = MappingProxyType(
    {"question": MAX_QUESTION_LENGTH, "why": MAX_WHY_LENGTH, "follow_up": MAX_FOLLOW_UP_LENGTH}
)
_TABLE_NAME: Final = "prompt"


@dataclass(frozen=True)
class Prompt:
    """One reflection question, with where it came from."""

    id: str
    theme: str
    question: str
    why: str
    follow_up: str | None
    method: str
    alact_phase: int | None
    seed_section: str
    knelpunten: tuple[str, ...]
    source: Path
    line: int

    @property
    def theme_label(self) -> str:
        """The theme as users read it (``casuïstiek``)."""
        return THEME_LABELS.get(self.theme, self.theme)


@dataclass(frozen=True)
class PromptLibrary:
    """All prompts, in file order, with look-ups by id, theme and knelpunt."""

    prompts: tuple[Prompt, ...]
    _by_id: Mapping[str, Prompt] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Prompt] = {}
        for prompt in self.prompts:
            if prompt.id in by_id:
                raise ValueError(f"duplicate prompt id {prompt.id!r}")
            by_id[prompt.id] = prompt
        object.__setattr__(self, "_by_id", MappingProxyType(by_id))

    def __iter__(self) -> Iterator[Prompt]:
        return iter(self.prompts)

    def __len__(self) -> int:
        return len(self.prompts)

    def by_id(self, prompt_id: str) -> Prompt:
        """The prompt with this id; KeyError when there is none."""
        return self._by_id[prompt_id]

    def for_theme(self, theme: str) -> tuple[Prompt, ...]:
        """The prompts of one theme, in file order (empty for an unknown theme)."""
        return tuple(prompt for prompt in self.prompts if prompt.theme == theme)

    def for_knelpunt(self, knelpunt_id: str) -> tuple[Prompt, ...]:
        """The prompts that address this knelpunt (empty when none do)."""
        return tuple(prompt for prompt in self.prompts if knelpunt_id in prompt.knelpunten)

    @property
    def themes(self) -> tuple[str, ...]:
        """The themes that have at least one prompt, in the order of THEMES."""
        present = {prompt.theme for prompt in self.prompts}
        known = tuple(theme for theme in THEMES if theme in present)
        return known + tuple(sorted(present - set(THEMES)))


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a library file, at a line an editor can jump to."""

    path: Path
    line: int | None  # None when there is no line to point at (a missing file)
    message: str

    def __str__(self) -> str:
        where = _display(self.path) if self.line is None else f"{_display(self.path)}:{self.line}"
        return f"{where}: {self.message}"


class LibraryError(ValueError):
    """The prompt library cannot be loaded; the message lists each problem as file:line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def default_directory() -> Path:
    """Where the shipped library lives: ``prompts/library/`` next to this module."""
    return Path(__file__).parent / DEFAULT_DIRECTORY_NAME


def load_library(directory: Path | None = None) -> PromptLibrary:
    """Read and check every ``*.toml`` in the directory; LibraryError lists what is wrong."""
    directory = default_directory() if directory is None else directory
    paths = sorted(directory.glob("*.toml"))
    if not paths:
        raise LibraryError([Problem(directory, None, "geen *.toml-bestanden met prompts gevonden")])
    problems: list[Problem] = []
    prompts: list[Prompt] = []
    seen: dict[str, Prompt] = {}
    for path in paths:
        for prompt, block in _load_file(path, problems):
            first = seen.get(prompt.id)
            if first is not None:
                problems.append(
                    Problem(
                        path,
                        block.key_line("id"),
                        f"id '{prompt.id}' bestaat al ({_display(first.source)}:{first.line})",
                    )
                )
                continue
            seen[prompt.id] = prompt
            prompts.append(prompt)
    stems = {path.stem for path in paths}
    troubled = {problem.path for problem in problems}
    for theme in THEMES:
        where = directory / f"{theme}.toml"
        # A file whose prompts were all refused has said why already.
        if where not in troubled and not any(prompt.theme == theme for prompt in prompts):
            detail = "bevat geen geldige prompts" if theme in stems else "ontbreekt"
            problems.append(
                Problem(where, 1 if theme in stems else None, f"thema '{theme}' {detail}")
            )
    if problems:
        raise LibraryError(problems)
    return PromptLibrary(tuple(prompts))


def rendered_length(question: str, why: str) -> int:
    """How long question and why are once escaped and rendered as in the posted message."""
    return len(f"*{_escape(question)}*\nWaarom deze vraag: {_escape(why)}")


# --- one file -----------------------------------------------------------------------------


def _load_file(path: Path, problems: list[Problem]) -> list[tuple[Prompt, _Block]]:
    """The valid prompts of one file, each with its block; problems are appended."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(Problem(path, line, "bestand is geen geldige UTF-8-tekst"))
        return []
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.append(Problem(path, _decode_error_line(error, text), f"TOML-fout: {error}"))
        return []

    layout = _Layout.scan(text)
    theme = path.stem
    if theme not in THEMES:
        problems.append(
            Problem(
                path,
                1,
                f"bestandsnaam '{path.name}' is geen thema; gebruik een van "
                + ", ".join(f"{name}.toml" for name in THEMES),
            )
        )
        return []
    for key in data:
        if key != _TABLE_NAME:
            problems.append(
                Problem(
                    path,
                    layout.top_level_line(key),
                    f"onbekende sleutel '{key}' buiten een [[prompt]]-blok",
                )
            )
    tables = data.get(_TABLE_NAME, [])
    if not isinstance(tables, list) or not all(isinstance(table, dict) for table in tables):
        problems.append(
            Problem(path, layout.top_level_line(_TABLE_NAME), "schrijf elke prompt als [[prompt]]")
        )
        return []
    if len(tables) != len(layout.blocks):
        problems.append(
            Problem(
                path,
                layout.top_level_line(_TABLE_NAME),
                "schrijf elke prompt als een eigen [[prompt]]-blok (geen inline tabellen)",
            )
        )
        return []
    prompts: list[tuple[Prompt, _Block]] = []
    for index, (table, block) in enumerate(zip(tables, layout.blocks, strict=True)):
        prompt = _check_prompt(path, theme, table, block, index, problems)
        if prompt is not None:
            prompts.append((prompt, block))
    return prompts


def _check_prompt(
    path: Path,
    file_theme: str,
    table: dict[str, Any],
    block: _Block,
    index: int,
    problems: list[Problem],
) -> Prompt | None:
    name = f"prompt '{table['id']}'" if isinstance(table.get("id"), str) else f"prompt {index + 1}"
    before = len(problems)

    def problem(key: str | None, message: str) -> None:
        line = block.header if key is None else block.key_line(key)
        problems.append(Problem(path, line, f"{name}: {message}"))

    for key in table:
        if key not in _ALL_FIELDS:
            problem(key, f"onbekend veld '{key}' (toegestaan: {', '.join(sorted(_ALL_FIELDS))})")
    for key in _REQUIRED_FIELDS:
        if key not in table:
            problem(None, f"mist het veld '{key}'")

    texts: dict[str, str] = {}
    for key in ("id", "theme", "question", "why", "follow_up", "method", "seed_section"):
        if key not in table:
            continue
        value = table[key]
        if not isinstance(value, str):
            problem(key, f"'{key}' moet tekst zijn, tussen aanhalingstekens")
            continue
        value = value.strip()
        if not value:
            problem(key, f"'{key}' is leeg")
        elif "\n" in value or "\r" in value:
            problem(key, f"'{key}' moet op één regel passen")
        elif key in _TEXT_LIMITS and len(value) > _TEXT_LIMITS[key]:
            problem(key, f"'{key}' is {len(value)} tekens, maximaal {_TEXT_LIMITS[key]}")
        else:
            texts[key] = value

    theme = texts.get("theme")
    if theme is not None:
        if theme not in THEMES:
            problem("theme", f"onbekend thema '{theme}' (kies uit: {', '.join(THEMES)})")
        elif theme != file_theme:
            problem("theme", f"thema '{theme}' hoort niet in {path.name} (verwacht '{file_theme}')")

    prompt_id = texts.get("id")
    if prompt_id is not None:
        if not ID_PATTERN.fullmatch(prompt_id):
            problem("id", f"id '{prompt_id}' mag alleen a-z, 0-9 en '-' bevatten")
        elif not prompt_id.startswith(f"{file_theme}-"):
            problem("id", f"id '{prompt_id}' moet beginnen met '{file_theme}-'")

    question = texts.get("question")
    if question is not None and not question.endswith("?"):
        problem("question", "de vraag moet eindigen op '?'")
    why = texts.get("why")
    if question is not None and why is not None:
        length = rendered_length(question, why)
        if length > MAX_RENDERED_LENGTH:
            problem(
                "question", f"vraag en waarom samen {length} tekens, maximaal {MAX_RENDERED_LENGTH}"
            )

    method = texts.get("method")
    if method is not None and method not in METHODS:
        problem("method", f"onbekende methode '{method}' (kies uit: {', '.join(METHODS)})")
    section = texts.get("seed_section")
    if section is not None and section not in SEED_SECTIONS:
        problem(
            "seed_section",
            f"onbekende paragraaf '{section}' (kies uit: {', '.join(SEED_SECTIONS)})",
        )

    alact_phase = table.get("alact_phase")
    if alact_phase is not None:
        if not isinstance(alact_phase, int) or isinstance(alact_phase, bool):
            problem("alact_phase", "'alact_phase' moet een getal zijn, zonder aanhalingstekens")
        elif alact_phase not in ALACT_PHASES:
            problem("alact_phase", f"'alact_phase' moet 1 t/m 5 zijn, niet {alact_phase}")
        elif method is not None and method != ALACT_METHOD:
            problem("alact_phase", f"'alact_phase' hoort alleen bij method = '{ALACT_METHOD}'")

    knelpunten = table.get("knelpunten")
    if knelpunten is not None:
        if not isinstance(knelpunten, list) or not all(isinstance(k, str) for k in knelpunten):
            problem("knelpunten", "'knelpunten' moet een lijst met teksten zijn, zoals [\"…\"]")
        elif not MIN_KNELPUNTEN <= len(knelpunten) <= MAX_KNELPUNTEN:
            problem("knelpunten", f"noem {MIN_KNELPUNTEN} tot {MAX_KNELPUNTEN} knelpunten")
        elif len(set(knelpunten)) != len(knelpunten):
            problem("knelpunten", "een knelpunt staat er dubbel in")
        else:
            for knelpunt in knelpunten:
                if knelpunt not in KNELPUNT_IDS:
                    problem("knelpunten", f"onbekend knelpunt '{knelpunt}'")

    if len(problems) > before:
        return None
    assert prompt_id is not None and theme is not None and question is not None
    assert why is not None and method is not None and section is not None
    assert isinstance(knelpunten, list)
    return Prompt(
        id=prompt_id,
        theme=theme,
        question=question,
        why=why,
        follow_up=texts.get("follow_up"),
        method=method,
        alact_phase=alact_phase,
        seed_section=section,
        knelpunten=tuple(knelpunten),
        source=path,
        line=block.header,
    )


# --- finding lines ------------------------------------------------------------------------


@dataclass
class _Block:
    """Where one [[prompt]] block starts, and the first line of each key inside it."""

    header: int
    keys: dict[str, int] = field(default_factory=dict)

    def key_line(self, key: str) -> int:
        return self.keys.get(key, self.header)


@dataclass
class _Layout:
    """Line numbers of the file's structure, found by scanning the raw text."""

    top_level: dict[str, int] = field(default_factory=dict)
    blocks: list[_Block] = field(default_factory=list)

    def top_level_line(self, key: str) -> int:
        return self.top_level.get(key, 1)

    @classmethod
    def scan(cls, text: str) -> _Layout:
        layout = cls()
        current: _Block | None = None
        in_other_table = False
        for number, line in _logical_lines(text):
            header = _TABLE_HEADER.match(line)
            if header:
                parts = [part.strip().strip("\"'") for part in header.group(2).split(".")]
                if parts == [_TABLE_NAME] and header.group(1) == "[[":
                    current = _Block(header=number)
                    layout.blocks.append(current)
                    in_other_table = False
                elif parts[0] == _TABLE_NAME and current is not None and len(parts) > 1:
                    current.keys.setdefault(parts[1], number)
                else:
                    layout.top_level.setdefault(parts[0], number)
                    current, in_other_table = None, True
                continue
            key = _KEY_START.match(line)
            if key is None or in_other_table:
                continue
            name = next(group for group in key.groups() if group is not None)
            if current is None:
                layout.top_level.setdefault(name, number)
            else:
                current.keys.setdefault(name, number)
        return layout


def _escape(text: str) -> str:
    """Slack mrkdwn escaping, which can make a text longer."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
