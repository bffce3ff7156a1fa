"""`reflectiebot analyse`: texts in, one JSON line out per text, with the team's own knelpunten."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.cli import run_cli

TEXTS = [
    "We hebben geen tijd voor intervisie, het is alleen maar rennen.",
    "Mevrouw Jansen belde vanaf 06-12345678 over haar BSN 111222333.",
    "",
    "Om 14:30 het MDO in week 47 met de huisarts.",
    "De speeltuin is al maanden kapot.",
]
TEAM_FILE = """
[[knelpunt]]
id = "openbare-ruimte"
label = "Openbare ruimte in de wijk"
description = "Speelplekken, groen en straten die de leefbaarheid raken."
seed_section = "5.2"
signals = ["speeltuin", "kapotte stoep"]
"""


def analyse(tmp_path: Path, lines: list[str], env: dict[str, str] | None = None) -> list[dict]:
    result = run_cli("analyse", cwd=tmp_path, env=env or {}, stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_json_object_per_line_with_knelpunten_and_privacy_kinds(tmp_path: Path) -> None:
    rows = analyse(tmp_path, TEXTS)
    assert len(rows) == len(TEXTS)  # empty lines too, so output lines up with input
    assert rows[0] == {"knelpunten": ["tijd-voor-reflectie"], "privacy": []}
    assert set(rows[1]["privacy"]) == {"naam", "telefoon", "bsn"}
    assert rows[2] == {"knelpunten": [], "privacy": []}
    assert rows[3]["privacy"] == []  # times, weeks and roles are not personal data
    assert rows[4]["knelpunten"] == []


def test_the_teams_own_knelpunten_file_is_used(tmp_path: Path) -> None:
    (tmp_path / "eigen.toml").write_text(TEAM_FILE, encoding="utf-8")
    rows = analyse(tmp_path, TEXTS[4:], env={"KNELPUNTEN_FILE": str(tmp_path / "eigen.toml")})
    assert rows == [{"knelpunten": ["openbare-ruimte"], "privacy": []}]


def test_a_broken_team_file_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "eigen.toml").write_text('[[knelpunt]]\nid = "Hoofdletters"\n', encoding="utf-8")
    result = run_cli("analyse", cwd=tmp_path, env={"KNELPUNTEN_FILE": "eigen.toml"}, stdin="x\n")
    assert result.returncode == 2
    assert "eigen.toml:" in result.stderr


def test_explain_shows_each_knelpunts_probability_and_the_words_that_pushed_it(
    tmp_path: Path,
) -> None:
    lines = [
        "Weer geen tijd voor intervisie, het is alleen maar rennen.",
        "We hebben de registratie netjes op orde.",
    ]
    result = run_cli("analyse", "--explain", cwd=tmp_path, env={}, stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.split("\n\n")[:2]
    assert first.startswith("Tekst 1: 'Weer geen tijd")
    assert "Te weinig tijd voor reflectie en leren (tijd-voor-reflectie): kans " in first
    assert "— telt" in first
    assert "woorden die ervoor pleitten: " in first and "intervisie +" in first
    assert "signaalwoorden uit knelpunten.toml: 'geen tijd" in first
    # A domain word is not a knelpunt: the lexicon's signal is there, but it does not count.
    assert "Registratie en administratie (registratie-en-administratie): kans 0." in second
    assert "— telt niet" in second
    assert "— telt\n" not in second + "\n"


def test_explain_with_a_teams_model_needs_a_known_team(tmp_path: Path) -> None:
    result = run_cli(
        "analyse", "--explain", "--team", "C0NERGENS", cwd=tmp_path, env={}, stdin="x\n"
    )
    assert result.returncode == 1
    assert "geen team gekoppeld aan kanaal C0NERGENS" in result.stderr


def test_the_learned_recogniser_answers_not_the_word_list(tmp_path: Path) -> None:
    """Where the old signal-word tagger was wrong both ways: a domain word that is no knelpunt,
    and a knelpunt said without any of its signal words."""
    rows = analyse(
        tmp_path,
        [
            "We hebben de registratie netjes op orde.",  # the word list: registratie-en-…
            "Niemand van de corporatie kwam opdagen bij het overleg.",  # the word list: nothing
        ],
    )
    assert rows[0] == {"knelpunten": [], "privacy": []}
    assert "samenwerking-ketenpartners" in rows[1]["knelpunten"]
