"""The knelpunten taxonomy: bottlenecks of social neighbourhood teams, loaded from TOML.

The shipped list lives in ``prompts/knelpunten.toml`` as ``[[knelpunt]]`` blocks that
non-programmers edit; a team may add its own file (``extra``) with new ``[[knelpunt]]`` blocks
and ``[[extra_signals]]`` blocks that add signals to existing ids. :func:`load_taxonomy` checks
both strictly and raises :class:`TaxonomyError` with ``file:line: message`` lines:

- every knelpunt has ``id``, ``label``, ``description``, ``seed_section`` and ``signals``;
  ``exclude`` and ``negatable`` are optional; nothing else is allowed;
- ``id`` matches ``^[a-z0-9]+(-[a-z0-9]+)*$`` and is unique over both files (an extra file may
  not redefine a shipped id; it adds signals with ``[[extra_signals]]`` instead);
- ``label`` is at most 75 characters (a Slack select option), ``description`` at most 200,
  both on one line; ``seed_section`` is one of :data:`SEED_SECTIONS`;
- ``signals`` is a non-empty list of non-empty texts; ``exclude`` a list of texts;
- the shipped file (the default path) contains every id of :data:`REQUIRED_IDS`.

tomllib reports no line numbers for values, so lines are found by scanning the raw text for the
n-th ``[[knelpunt]]`` header and the keys below it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from prompts.tomllines import KEY_START as _KEY_START
from prompts.tomllines import TABLE_HEADER as _TABLE_HEADER
from prompts.tomllines import decode_error_line as _decode_error_line
from prompts.tomllines import display_path as _display
from prompts.tomllines import logical_lines as _logical_lines

REQUIRED_IDS: Final[tuple[str, ...]] = (
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
)
SEED_SECTIONS: Final[tuple[str, ...]] = ("5.1", "5.2", "5.3", "5.4", "6", "7")
MAX_LABEL_LENGTH: Final = 75
MAX_DESCRIPTION_LENGTH: Final = 200
ID_PATTERN: Final = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DEFAULT_FILE_NAME: Final = "knelpunten.toml"

_KNELPUNT: Final = "knelpunt"
_EXTRA_SIGNALS: Final = "extra_signals"
_REQUIRED_FIELDS: Final = ("id", "label", "description", "seed_section", "signals")
_OPTIONAL_FIELDS: Final = ("exclude", "negatable")
_ALL_FIELDS: Final = frozenset(_REQUIRED_FIELDS + _OPTIONAL_FIELDS)
_EXTRA_FIELDS: Final = frozenset({"id", "signals"})
_TEXT_LIMITS: Final[Mapping[str, int]] = MappingProxyType(
    {"label": MAX_LABEL_LENGTH, "description": MAX_DESCRIPTION_LENGTH}
)


class TaxonomyError(ValueError):
    """The taxonomy cannot be loaded; the message has one ``file:line: problem`` per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Knelpunt:
    """One bottleneck: what teamleiders read, and the signals the tagger looks for."""

    id: str
    label: str
    description: str
    seed_section: str
    signals: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    negatable: bool = True


@dataclass(frozen=True)
class Taxonomy:
    """All knelpunten in file order, with look-up by id."""

    knelpunten: tuple[Knelpunt, ...]
    by_id: Mapping[str, Knelpunt] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Knelpunt] = {}
        for knelpunt in self.knelpunten:
            if knelpunt.id in by_id:
                raise ValueError(f"duplicate knelpunt id {knelpunt.id!r}")
            by_id[knelpunt.id] = knelpunt
        object.__setattr__(self, "by_id", MappingProxyType(by_id))

    def __iter__(self) -> Iterator[Knelpunt]:
        return iter(self.knelpunten)

    def __len__(self) -> int:
        return len(self.knelpunten)

    def __contains__(self, knelpunt_id: object) -> bool:
        return knelpunt_id in self.by_id

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id, in file order."""
        return tuple(knelpunt.id for knelpunt in self.knelpunten)

    def label(self, knelpunt_id: str) -> str:
        """The label of a knelpunt; KeyError for an unknown id."""
        return self.by_id[knelpunt_id].label


def default_path() -> Path:
    """Where the shipped taxonomy lives: ``prompts/knelpunten.toml`` next to this module."""
    return Path(__file__).parent / DEFAULT_FILE_NAME


def load_taxonomy(path: Path | None = None, extra: Path | None = None) -> Taxonomy:
    """Read and check the taxonomy (and a team's extra file); TaxonomyError lists what is wrong."""
    path = default_path() if path is None else path
    problems: list[str] = []
    shipped = _read(path, problems)
    knelpunten: list[Knelpunt] = []
    lines: dict[str, str] = {}
    if shipped is not None:
        data, layout = shipped
        _check_top_level(path, data, layout, {_KNELPUNT}, problems)
        for knelpunt, where in _knelpunten(path, data, layout, problems):
            if knelpunt.id in lines:
                problems.append(f"{where}: id '{knelpunt.id}' bestaat al ({lines[knelpunt.id]})")
                continue
            lines[knelpunt.id] = where
            knelpunten.append(knelpunt)
        if not problems and path.resolve() == default_path().resolve():
            missing = [knelpunt_id for knelpunt_id in REQUIRED_IDS if knelpunt_id not in lines]
            if missing:
                problems.append(f"{_display(path)}:1: verplichte knelpunten ontbreken: {missing}")
    if extra is not None:
        added = _read(extra, problems)
        if added is not None:
            data, layout = added
            _check_top_level(extra, data, layout, {_KNELPUNT, _EXTRA_SIGNALS}, problems)
            for knelpunt, where in _knelpunten(extra, data, layout, problems):
                if knelpunt.id in lines:
                    problems.append(
                        f"{where}: id '{knelpunt.id}' bestaat al ({lines[knelpunt.id]}); "
                        "voeg signalen toe met [[extra_signals]]"
                    )
                    continue
                lines[knelpunt.id] = where
                knelpunten.append(knelpunt)
            knelpunten = _add_signals(extra, data, layout, knelpunten, problems)
    if problems:
        raise TaxonomyError(problems)
    return Taxonomy(tuple(knelpunten))


# --- one file -----------------------------------------------------------------------------


def _read(path: Path, problems: list[str]) -> tuple[dict[str, Any], _Layout] | None:
    """The parsed file and its line layout, or None after appending a problem."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.append(f"{_display(path)}: kan het bestand niet lezen ({error.strerror})")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(f"{_display(path)}:{line}: bestand is geen geldige UTF-8-tekst")
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.append(f"{_display(path)}:{_decode_error_line(error, text)}: TOML-fout: {error}")
        return None
    return data, _Layout.scan(text)


def _check_top_level(
    path: Path, data: dict[str, Any], layout: _Layout, allowed: set[str], problems: list[str]
) -> None:
    for key in data:
        if key not in allowed:
            names = " of ".join(f"[[{name}]]" for name in sorted(allowed))
            problems.append(
                f"{_display(path)}:{layout.top_level_line(key)}: "
                f"onbekende sleutel '{key}' buiten een {names}-blok"
            )


def _tables(
    path: Path, data: dict[str, Any], layout: _Layout, name: str, problems: list[str]
) -> list[tuple[dict[str, Any], _Block]]:
    """The [[name]] tables of a file with their blocks; [] after a structural problem."""
    tables = data.get(name, [])
    blocks = layout.blocks.get(name, [])
    where = f"{_display(path)}:{layout.top_level_line(name)}"
    if not isinstance(tables, list) or not all(isinstance(table, dict) for table in tables):
        problems.append(f"{where}: schrijf elk blok als [[{name}]]")
        return []
    if len(tables) != len(blocks):
        problems.append(
            f"{where}: schrijf elk blok als een eigen [[{name}]] (geen inline tabellen)"
        )
        return []
    return list(zip(tables, blocks, strict=True))


def _knelpunten(
    path: Path, data: dict[str, Any], layout: _Layout, problems: list[str]
) -> list[tuple[Knelpunt, str]]:
    """The valid knelpunten of one file, each with its ``file:line``."""
    found: list[tuple[Knelpunt, str]] = []
    for index, (table, block) in enumerate(_tables(path, data, layout, _KNELPUNT, problems)):
        knelpunt = _check_knelpunt(path, table, block, index, problems)
        if knelpunt is not None:
            found.append((knelpunt, f"{_display(path)}:{block.header}"))
    return found


def _check_knelpunt(
    path: Path, table: dict[str, Any], block: _Block, index: int, problems: list[str]
) -> Knelpunt | None:
    name = (
        f"knelpunt '{table['id']}'" if isinstance(table.get("id"), str) else f"knelpunt {index + 1}"
    )
    before = len(problems)

    def problem(key: str | None, message: str) -> None:
        line = block.header if key is None else block.key_line(key)
        problems.append(f"{_display(path)}:{line}: {name}: {message}")

    for key in table:
        if key not in _ALL_FIELDS:
            problem(key, f"onbekend veld '{key}' (toegestaan: {', '.join(sorted(_ALL_FIELDS))})")
    for key in _REQUIRED_FIELDS:
        if key not in table:
            problem(None, f"mist het veld '{key}'")

    texts: dict[str, str] = {}
    for key in ("id", "label", "description", "seed_section"):
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

    knelpunt_id = texts.get("id")
    if knelpunt_id is not None and not ID_PATTERN.fullmatch(knelpunt_id):
        problem("id", f"id '{knelpunt_id}' mag alleen a-z, 0-9 en losse '-' bevatten")
    section = texts.get("seed_section")
    if section is not None and section not in SEED_SECTIONS:
        problem(
            "seed_section",
            f"onbekende paragraaf '{section}' (kies uit: {', '.join(SEED_SECTIONS)})",
        )
    signals = _phrases(table.get("signals"), "signals", problem, required="signals" in table)
    exclude = _phrases(table.get("exclude", []), "exclude", problem, required=False)
    negatable = table.get("negatable", True)
    if not isinstance(negatable, bool):
        problem("negatable", "'negatable' moet true of false zijn, zonder aanhalingstekens")

    if len(problems) > before:
        return None
    assert knelpunt_id is not None and section is not None and signals is not None
    return Knelpunt(
        id=knelpunt_id,
        label=texts["label"],
        description=texts["description"],
        seed_section=section,
        signals=signals,
        exclude=exclude or (),
        negatable=bool(negatable),
    )


def _phrases(
    value: object, key: str, problem: Callable[[str | None, str], None], *, required: bool
) -> tuple[str, ...] | None:
    """A checked list of signal phrases, or None after reporting a problem."""
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problem(key, f"'{key}' moet een lijst met teksten zijn, zoals [\"geen tijd\"]")
        return None
    phrases = tuple(" ".join(item.split()) for item in value)
    if required and not phrases:
        problem(key, f"'{key}' moet minstens één signaal bevatten")
        return None
    for phrase in phrases:
        if not phrase or not any(char.isalnum() for char in phrase):
            problem(key, f"'{key}' bevat een leeg signaal")
            return None
    return tuple(dict.fromkeys(phrases))


def _add_signals(
    path: Path,
    data: dict[str, Any],
    layout: _Layout,
    knelpunten: list[Knelpunt],
    problems: list[str],
) -> list[Knelpunt]:
    """The knelpunten with the extra file's [[extra_signals]] added."""
    position = {knelpunt.id: index for index, knelpunt in enumerate(knelpunten)}
    result = list(knelpunten)
    for index, (table, block) in enumerate(_tables(path, data, layout, _EXTRA_SIGNALS, problems)):
        name = f"extra_signals {index + 1}"
        before = len(problems)

        def problem(key: str | None, message: str, block: _Block = block, name: str = name) -> None:
            line = block.header if key is None else block.key_line(key)
            problems.append(f"{_display(path)}:{line}: {name}: {message}")

        for key in table:
            if key not in _EXTRA_FIELDS:
                problem(key, f"onbekend veld '{key}' (toegestaan: id, signals)")
        for key in sorted(_EXTRA_FIELDS):
            if key not in table:
                problem(None, f"mist het veld '{key}'")
        knelpunt_id = table.get("id")
        if "id" in table and knelpunt_id not in position:
            problem("id", f"onbekend knelpunt '{knelpunt_id}'")
        signals = _phrases(table.get("signals"), "signals", problem, required="signals" in table)
        if len(problems) > before or signals is None or not isinstance(knelpunt_id, str):
            continue
        at = position[knelpunt_id]
        current = result[at]
        merged = tuple(dict.fromkeys(current.signals + signals))
        result[at] = Knelpunt(
            id=current.id,
            label=current.label,
            description=current.description,
            seed_section=current.seed_section,
            signals=merged,
            exclude=current.exclude,
            negatable=current.negatable,
        )
    return result


# --- finding lines ------------------------------------------------------------------------


@dataclass
class _Block:
    """Where one [[...]] block starts, and the first line of each key inside it."""

    header: int
    keys: dict[str, int] = field(default_factory=dict)

    def key_line(self, key: str) -> int:
        return self.keys.get(key, self.header)


@dataclass
class _Layout:
    """Line numbers of the file's structure, found by scanning the raw text."""

    top_level: dict[str, int] = field(default_factory=dict)
    blocks: dict[str, list[_Block]] = field(default_factory=dict)

    def top_level_line(self, key: str) -> int:
        return self.top_level.get(key, 1)

    @classmethod
    def scan(cls, text: str) -> _Layout:
        layout = cls()
        current: _Block | None = None
        current_name = ""
        in_other_table = False
        for number, line in _logical_lines(text):
            header = _TABLE_HEADER.match(line)
            if header:
                parts = [part.strip().strip("\"'") for part in header.group(2).split(".")]
                if len(parts) == 1 and header.group(1) == "[[":
                    current, current_name = _Block(header=number), parts[0]
                    layout.blocks.setdefault(parts[0], []).append(current)
                    layout.top_level.setdefault(parts[0], number)
                    in_other_table = False
                elif parts[0] == current_name and current is not None and len(parts) > 1:
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
