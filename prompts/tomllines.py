"""Reading TOML for people who edit it by hand: which line a table or key is on.

tomllib gives no line numbers for values, so the loaders of prompts and knelpunten scan the raw
text themselves to point an editor at `file:line`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

TABLE_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]*?)\s*\]\]?\s*(?:#.*)?$")
KEY_START = re.compile(r"""\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[.=]""")


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for each line that does not start inside a multi-line string."""
    inside: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        starts_inside = inside is not None
        position = 0
        while position < len(line):
            if inside is not None:
                end = line.find(inside, position)
                if end < 0:
                    break
                inside, position = None, end + 3
                continue
            char = line[position]
            if char == "#":
                break
            if line.startswith('"""', position) or line.startswith("'''", position):
                inside, position = line[position : position + 3], position + 3
                continue
            if char in "\"'":
                position = _skip_string(line, position)
                continue
            position += 1
        if not starts_inside:
            yield number, line


def _skip_string(line: str, start: int) -> int:
    """The position after the one-line string that starts at `start`."""
    quote = line[start]
    position = start + 1
    while position < len(line):
        if quote == '"' and line[position] == "\\":
            position += 2
            continue
        if line[position] == quote:
            return position + 1
        position += 1
    return position


def decode_error_line(error: tomllib.TOMLDecodeError, text: str) -> int:
    """The line tomllib names in its message; the last line for 'at end of document'."""
    found = re.search(r"at line (\d+)", str(error))
    if found:
        return int(found.group(1))
    return max(1, len(text.splitlines()))


def display_path(path: Path) -> str:
    """The path relative to the working directory when possible, as editors show it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
