"""The prompt library: sound shipped questions, and broken files reported at their line."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from prompts.library import (
    KNELPUNT_IDS,
    MAX_QUESTION_LENGTH,
    THEME_LABELS,
    THEMES,
    LibraryError,
    Prompt,
    PromptLibrary,
    default_directory,
    load_library,
)

MIN_PROMPTS_PER_THEME = 22
MIN_PROMPTS_PER_KNELPUNT = 2
# A doorverwijzing prompt makes you weigh: zelf oppakken, samen met een specialist, doorverwijzen.
REFERRAL_WORDS = re.compile(r"zelf|samen|specialist|doorverwijz|lijn", re.IGNORECASE)
# Words that would ask for data that makes a client recognisable.
IDENTIFYING_WORDS = re.compile(
    r"\b(naam|namen|voornaam|achternaam|adres|adressen|woonadres|postcode|huisnummer|straat"
    r"|bsn|burgerservicenummer|geboortedatum|leeftijd|telefoonnummer|e-?mailadres|initialen)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def library() -> PromptLibrary:
    """The library as shipped in prompts/library/."""
    return load_library()


def texts_of(prompt: Prompt) -> list[str]:
    """Everything of a prompt a Slack user reads."""
    return [prompt.question, prompt.why, *([prompt.follow_up] if prompt.follow_up else [])]


# --- the shipped library -------------------------------------------------------------------


def test_the_shipped_library_loads_with_enough_prompts_for_every_theme(
    library: PromptLibrary,
) -> None:
    assert library.themes == THEMES
    for theme in THEMES:
        assert len(library.for_theme(theme)) >= MIN_PROMPTS_PER_THEME, theme
    assert len(library) == sum(len(library.for_theme(theme)) for theme in THEMES)


def test_it_loads_the_same_from_any_working_directory(
    library: PromptLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert [prompt.id for prompt in load_library()] == [prompt.id for prompt in library]


def test_every_id_is_unique_and_can_be_looked_up(library: PromptLibrary) -> None:
    ids = [prompt.id for prompt in library]
    assert [id_ for id_, count in Counter(ids).items() if count > 1] == []
    for prompt in library:
        assert library.by_id(prompt.id) is prompt
        assert prompt.id.startswith(f"{prompt.theme}-")
    with pytest.raises(KeyError):
        library.by_id("leercultuur-999")


def test_no_question_is_asked_twice(library: PromptLibrary) -> None:
    questions = Counter(prompt.question.casefold() for prompt in library)
    assert [question for question, count in questions.items() if count > 1] == []


def test_every_knelpunt_has_prompts_the_digest_can_pick(library: PromptLibrary) -> None:
    thin = {
        knelpunt: len(library.for_knelpunt(knelpunt))
        for knelpunt in sorted(KNELPUNT_IDS)
        if len(library.for_knelpunt(knelpunt)) < MIN_PROMPTS_PER_KNELPUNT
    }
    assert thin == {}
    assert library.for_knelpunt("bestaat-niet") == ()


def test_every_doorverwijzing_prompt_weighs_zelf_samen_or_doorverwijzen(
    library: PromptLibrary,
) -> None:
    vague = [
        prompt.id
        for prompt in library.for_theme("doorverwijzing")
        if not REFERRAL_WORDS.search(prompt.question)
    ]
    assert vague == []


def test_no_prompt_asks_for_anything_that_identifies_a_client(library: PromptLibrary) -> None:
    asking = {
        prompt.id: match.group(0)
        for prompt in library
        for text in texts_of(prompt)
        if (match := IDENTIFYING_WORDS.search(text))
    }
    assert asking == {}


def test_questions_are_phone_sized_and_addressed_to_you(library: PromptLibrary) -> None:
    for prompt in library:
        assert prompt.question.endswith("?"), prompt.id
        assert len(prompt.question) <= MAX_QUESTION_LENGTH, prompt.id
        assert "\n" not in prompt.why, prompt.id
        # Plain je-vorm: the formal "u" would sound like the counter, not like a colleague.
        assert not re.search(r"\b(u|uw)\b", prompt.question), prompt.id


def test_each_prompt_knows_where_it_lives(library: PromptLibrary) -> None:
    for prompt in library:
        assert prompt.source.parent == default_directory()
        assert prompt.source.stem == prompt.theme
        lines = prompt.source.read_text(encoding="utf-8").splitlines()
        assert lines[prompt.line - 1].strip() == "[[prompt]]", prompt.id
        assert lines[prompt.line] == f'id = "{prompt.id}"', prompt.id


def test_every_theme_has_a_label_for_slack() -> None:
    assert set(THEME_LABELS) == set(THEMES)
    assert THEME_LABELS["casuistiek"] == "casuïstiek"


def test_alact_phases_only_go_with_the_korthagen_method(library: PromptLibrary) -> None:
    for prompt in library:
        if prompt.alact_phase is not None:
            assert prompt.method == "korthagen-alact", prompt.id
            assert 1 <= prompt.alact_phase <= 5, prompt.id


# --- a library an editor broke -------------------------------------------------------------

VALID = {
    "question": "Wat leerde je deze week van een collega?",
    "why": "Het onderzoek ziet te weinig tijd voor reflectie.",
    "method": "leerpunten",
    "seed_section": "5.1",
    "knelpunten": ["tijd-voor-reflectie"],
}


def block(theme: str, number: int, **fields: object) -> str:
    """One [[prompt]] block; a field set to None is left out, extra fields are added."""
    values: dict[str, object] = {"id": f"{theme}-{number:02d}", "theme": theme, **VALID}
    values.update(fields)
    lines = ["[[prompt]]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in values.items() if value is not None]
    return "\n".join(lines) + "\n"


def write_library(directory: Path, **files: str) -> Path:
    """A library with one valid prompt per theme, unless a theme's file text is given."""
    for theme in THEMES:
        text = files.get(theme, block(theme, 1))
        (directory / f"{theme}.toml").write_text(f"# {theme}\n\n{text}", encoding="utf-8")
    return directory


def line_of(path: Path, fragment: str, occurrence: int = 1) -> int:
    """The 1-based number of the line where `fragment` occurs for the n-th time."""
    hits = [n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if fragment in line]
    return hits[occurrence - 1]


def load_error(directory: Path) -> LibraryError:
    """The LibraryError that loading this directory raises."""
    with pytest.raises(LibraryError) as caught:
        load_library(directory)
    return caught.value


def assert_reported(error: LibraryError, path: Path, line: int, *fragments: str) -> None:
    """The first problem names the file and line, as `file:line: …`, and says what is wrong."""
    message = str(error)
    assert message.startswith(f"{path}:{line}: "), message
    assert (error.problems[0].path, error.problems[0].line) == (path, line)
    for fragment in fragments:
        assert fragment in message.splitlines()[0], message


def test_a_valid_small_library_loads(tmp_path: Path) -> None:
    library = load_library(write_library(tmp_path))
    assert [prompt.id for prompt in library] == [
        "casuistiek-01",
        "doorverwijzing-01",
        "leercultuur-01",
    ]
    assert library.by_id("leercultuur-01").line == 3
    assert library.by_id("leercultuur-01").follow_up is None
    assert isinstance(load_error(tmp_path / "leeg"), ValueError)


def test_a_missing_field_is_reported_at_the_start_of_its_prompt(tmp_path: Path) -> None:
    write_library(
        tmp_path,
        leercultuur=block("leercultuur", 1) + "\n" + block("leercultuur", 2, why=None),
    )
    path = tmp_path / "leercultuur.toml"
    error = load_error(tmp_path)
    assert_reported(error, path, line_of(path, "[[prompt]]", 2), "leercultuur-02", "'why'")


def test_a_duplicate_id_points_at_the_second_one(tmp_path: Path) -> None:
    write_library(
        tmp_path,
        casuistiek=block("casuistiek", 7) + "\n" + block("casuistiek", 7, question="Wat nog?"),
    )
    path = tmp_path / "casuistiek.toml"
    error = load_error(tmp_path)
    first, second = line_of(path, 'id = "casuistiek-07"'), line_of(path, 'id = "casuistiek-07"', 2)
    assert_reported(error, path, second, "casuistiek-07", f"{path}:{first - 1}")


def test_an_over_long_question_is_reported_at_the_question(tmp_path: Path) -> None:
    long_question = "Wat " + "heel " * 60 + "lang?"
    write_library(tmp_path, doorverwijzing=block("doorverwijzing", 1, question=long_question))
    path = tmp_path / "doorverwijzing.toml"
    assert len(long_question) > MAX_QUESTION_LENGTH
    assert_reported(load_error(tmp_path), path, line_of(path, "question ="), "300")


def test_an_unknown_method_is_reported_at_the_method(tmp_path: Path) -> None:
    write_library(tmp_path, leercultuur=block("leercultuur", 1, method="brainstorm"))
    path = tmp_path / "leercultuur.toml"
    assert_reported(load_error(tmp_path), path, line_of(path, "method ="), "'brainstorm'")


def test_a_toml_syntax_error_keeps_the_line_tomllib_found(tmp_path: Path) -> None:
    broken = block("casuistiek", 1).replace('why = "Het', "why = Het")
    write_library(tmp_path, casuistiek=broken)
    path = tmp_path / "casuistiek.toml"
    assert_reported(load_error(tmp_path), path, line_of(path, "why = Het"), "TOML")


def test_an_unterminated_string_points_at_the_end_of_the_file(tmp_path: Path) -> None:
    write_library(tmp_path, casuistiek=block("casuistiek", 1) + 'follow_up = """open\n')
    path = tmp_path / "casuistiek.toml"
    last_line = len(path.read_text("utf-8").splitlines())
    assert_reported(load_error(tmp_path), path, last_line, "TOML")


def test_a_prompt_in_the_wrong_file_is_reported_at_its_theme(tmp_path: Path) -> None:
    stray = block("leercultuur", 2).replace('theme = "leercultuur"', 'theme = "casuistiek"')
    write_library(tmp_path, leercultuur=block("leercultuur", 1) + "\n" + stray)
    path = tmp_path / "leercultuur.toml"
    error = load_error(tmp_path)
    assert_reported(error, path, line_of(path, 'theme = "casuistiek"'), "casuistiek")


def test_an_unknown_key_is_refused_at_its_line(tmp_path: Path) -> None:
    write_library(tmp_path, doorverwijzing=block("doorverwijzing", 1, auteur="Mirjam"))
    path = tmp_path / "doorverwijzing.toml"
    assert_reported(load_error(tmp_path), path, line_of(path, "auteur ="), "'auteur'")


def test_an_unknown_key_outside_any_prompt_is_refused_too(tmp_path: Path) -> None:
    write_library(tmp_path, leercultuur="versie = 2\n\n" + block("leercultuur", 1))
    path = tmp_path / "leercultuur.toml"
    assert_reported(load_error(tmp_path), path, line_of(path, "versie ="), "'versie'")


def test_text_inside_a_multiline_string_does_not_shift_the_lines(tmp_path: Path) -> None:
    # A follow_up over several lines (not allowed) with what looks like a new prompt inside.
    tricky = block("leercultuur", 1) + 'follow_up = """\n[[prompt]]\nmethod = "tekst"\n"""\n'
    write_library(tmp_path, leercultuur=tricky + "\n" + block("leercultuur", 2, method="onbekend"))
    path = tmp_path / "leercultuur.toml"
    error = load_error(tmp_path)
    assert_reported(error, path, line_of(path, "follow_up ="), "leercultuur-01", "één regel")
    assert error.problems[1].line == line_of(path, 'method = "onbekend"')
    assert len(error.problems) == 2


def test_smaller_mistakes_are_each_named(tmp_path: Path) -> None:
    write_library(
        tmp_path,
        leercultuur=block("leercultuur", 1, question="Geen vraagteken."),
        casuistiek=block("casuistiek", 1, alact_phase=2),
        doorverwijzing=block("doorverwijzing", 1, knelpunten=["bestaat-niet"], seed_section="8"),
    )
    message = str(load_error(tmp_path))
    assert "'?'" in message
    assert "alact_phase" in message
    assert "'bestaat-niet'" in message
    assert "'8'" in message
    # Every problem is reported at once, so an editor can fix them in one go.
    assert len(message.splitlines()) == 4


def test_a_wrongly_typed_value_is_reported_at_its_line(tmp_path: Path) -> None:
    text = block("casuistiek", 1).replace('seed_section = "5.1"', "seed_section = 5.1")
    write_library(tmp_path, casuistiek=text)
    path = tmp_path / "casuistiek.toml"
    assert_reported(load_error(tmp_path), path, line_of(path, "seed_section ="), "tekst")


def test_a_theme_without_prompts_stops_the_library(tmp_path: Path) -> None:
    write_library(tmp_path)
    (tmp_path / "doorverwijzing.toml").unlink()
    assert "doorverwijzing" in str(load_error(tmp_path))


def test_a_file_that_is_not_a_theme_is_refused(tmp_path: Path) -> None:
    write_library(tmp_path)
    stray = tmp_path / "extra.toml"
    stray.write_text(block("leercultuur", 9), encoding="utf-8")
    assert_reported(load_error(tmp_path), stray, 1, "extra.toml")
