"""Where settings come from, the settings file (.env, or --env-file) and the environment, and
what a SettingsError then says to change: the file the value came from, or the environment."""

from __future__ import annotations

import pwd
import stat
from collections.abc import Mapping
from pathlib import Path

from dotenv import dotenv_values

ENVIRONMENT = "de omgeving"
EMPTY_IN_ENVIRONMENT = "leeg in de omgeving"  # set but empty there, with a value in the file
DEFAULT_ENV_FILE = Path(".env")


class SettingsError(Exception):
    """A setting is missing or malformed; the message names the variable and what to do.

    load_settings completes the advice with where the value came from (`advise`) and notes
    the LOG_FORMAT it saw, so that even this line can be JSON (bot/logs.py `print_error`).
    """

    def __init__(self, variable: str, problem: str) -> None:
        self.variable = variable
        self.problem = problem
        self.log_format = "text"
        super().__init__(self._line(advice(None, DEFAULT_ENV_FILE)))

    def _line(self, advice: str) -> str:
        return f"Instelling {self.variable}: {self.problem} {advice}"

    def advise(self, advice: str) -> None:
        """Replace the last sentence, the one that says where to change the setting."""
        self.args = (self._line(advice),)


class EnvFileError(SettingsError):
    """The settings file cannot be read: the line names the file and what to do."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        super().__init__("--env-file", problem)

    def _line(self, advice: str) -> str:
        return f"Het instellingenbestand {self.path} {self.problem}."  # says what to do itself


def advice(source: str | None, env_file: Path | None) -> str:
    """Where to change a setting: the file its value came from, the environment, or (absent)
    the settings file or the environment."""
    if source == ENVIRONMENT:
        return (
            f"Pas hem aan in {ENVIRONMENT}, waar hij nu staat (die gaat voor op een .env-bestand)."
        )
    if source == EMPTY_IN_ENVIRONMENT:
        return (
            f"Hij staat leeg in {ENVIRONMENT}, en dat gaat voor op de waarde in {env_file}: "
            "haal hem uit de omgeving (unset) of vul hem daar in."
        )
    if source is not None:
        return f"Pas hem aan in {source}."
    if env_file is None:
        return "Zet hem in de omgeving (zie .env.example)."
    return f"Vul die in in {env_file} (zie .env.example) of zet hem in de omgeving."


def source_of(
    name: str,
    environment: Mapping[str, str],
    env_file: Path | None,
    from_file: Mapping[str, str] | None,
) -> str | None:
    """Where the value of `name` came from: the environment, the file, or nowhere (None)."""
    if environment.get(name, "").strip():
        return ENVIRONMENT
    if from_file is not None and from_file.get(name, "").strip():
        # an empty variable in the environment still goes before the file's value
        return EMPTY_IN_ENVIRONMENT if name in environment else str(env_file)
    return None


def read_env_file(path: Path, required: bool) -> dict[str, str] | None:
    """The values in the settings file `path`; None when it is absent and not `required`.

    A file that is there but cannot be read (a folder, no read permission, not UTF-8) is an
    EnvFileError, as is a missing one given explicitly (--env-file)."""
    try:
        with path.open(encoding="utf-8") as stream:
            found = dotenv_values(stream=stream)
    except FileNotFoundError:
        if not required:
            return None
        raise EnvFileError(
            path, "bestaat niet; controleer het pad, of laat --env-file weg voor .env in de werkmap"
        ) from None
    except IsADirectoryError:
        raise EnvFileError(
            path, "is een map, geen bestand; geef het pad van het instellingenbestand zelf"
        ) from None
    except PermissionError:
        owner = _owner(path)
        raise EnvFileError(
            path,
            f"is niet leesbaar voor deze gebruiker; draai de opdracht als de eigenaar, {owner} "
            f"(runuser -u {owner} -- …), of geef deze gebruiker leesrecht (docs/beheer.md §3)",
        ) from None
    except UnicodeDecodeError:
        raise EnvFileError(path, "is geen UTF-8-tekst; sla het op als UTF-8") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise EnvFileError(path, f"is niet te lezen ({reason})") from None
    return {k: v for k, v in found.items() if v is not None}


def _owner(path: Path) -> str:
    """The name of the user who owns `path` (its number where the system has no name)."""
    uid = path.stat().st_uid
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def readable_by_others(path: Path) -> str | None:
    """What to do when the settings file `path` (it holds the tokens) is readable by others
    (group or world), as one Dutch line; None when it is private or not there."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
    if not mode & 0o077:
        return None
    return (
        f"{path} is leesbaar voor anderen (rechten {mode:o}) en bevat de tokens; maak het "
        f"alleen leesbaar voor de eigenaar: chmod 600 {path}"
    )
