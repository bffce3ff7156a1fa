"""The knelpunten taxonomy: a sound shipped file, team extras, and errors at their line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from prompts.library import KNELPUNT_IDS
from prompts.taxonomy import (
    MAX_DESCRIPTION_LENGTH,
    REQUIRED_IDS,
    SEED_SECTIONS,
    Knelpunt,
    Taxonomy,
    TaxonomyError,
    default_path,
    load_taxonomy,
)

SHIPPED_LABEL_LENGTH = 40

ONE = """\
[[knelpunt]]
id = "eerste"
label = "Eerste knelpunt"
description = "Een knelpunt om mee te testen."
seed_section = "5.1"
signals = ["geen tijd", "rennen"]
"""

TWO = (
    ONE
    + """
[[knelpunt]]
id = "tweede"
label = "Tweede knelpunt"
description = "Nog een knelpunt om mee te testen."
seed_section = "6"
signals = ["teamleider"]
exclude = ["fijne teamleider"]
"""
)


def write(tmp_path: Path, text: str, name: str = "knelpunten.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problem_lines(error: pytest.ExceptionInfo[TaxonomyError]) -> list[tuple[int, str]]:
    """(line, message) of every reported problem."""
    found = []
    for problem in error.value.problems:
        match = re.match(r"^.+?:(\d+): (.*)$", problem)
        assert match, problem
        found.append((int(match.group(1)), match.group(2)))
    return found


@pytest.fixture(scope="module")
def shipped() -> Taxonomy:
    return load_taxonomy()


def test_shipped_file_has_every_required_id(shipped: Taxonomy) -> None:
    assert set(REQUIRED_IDS) <= set(shipped.ids)
    assert len(REQUIRED_IDS) == 18
    assert shipped.ids[: len(REQUIRED_IDS)] == REQUIRED_IDS


def test_shipped_ids_agree_with_the_prompt_library(shipped: Taxonomy) -> None:
    assert set(shipped.ids) == set(KNELPUNT_IDS)


def test_shipped_fields_are_sound(shipped: Taxonomy) -> None:
    for knelpunt in shipped:
        assert len(knelpunt.label) <= SHIPPED_LABEL_LENGTH, knelpunt.id
        assert len(knelpunt.description) <= MAX_DESCRIPTION_LENGTH, knelpunt.id
        assert knelpunt.seed_section in SEED_SECTIONS
        assert len(knelpunt.signals) >= 10, knelpunt.id
        assert len(set(knelpunt.signals)) == len(knelpunt.signals)
        # "tijd" alone would fire on "we hadden wél tijd"; only negative phrasings are signals.
        assert "tijd" not in knelpunt.signals


def test_taxonomy_lookups(shipped: Taxonomy) -> None:
    assert shipped.label("wachtlijsten-tweede-lijn") == "Wachtlijsten in de tweede lijn"
    assert isinstance(shipped.by_id["gemeentelijke-regie"], Knelpunt)
    assert [knelpunt.id for knelpunt in shipped] == list(shipped.ids)
    assert "tijd-voor-reflectie" in shipped
    assert len(shipped) == len(shipped.ids)
    with pytest.raises(KeyError):
        shipped.label("bestaat-niet")


def test_default_path_is_next_to_the_module() -> None:
    assert default_path().name == "knelpunten.toml"
    assert default_path().is_file()


def test_small_file_loads(tmp_path: Path) -> None:
    taxonomy = load_taxonomy(write(tmp_path, TWO))
    assert taxonomy.ids == ("eerste", "tweede")
    tweede = taxonomy.by_id["tweede"]
    assert tweede.exclude == ("fijne teamleider",)
    assert tweede.negatable is True
    assert taxonomy.by_id["eerste"].signals == ("geen tijd", "rennen")


def test_missing_field_is_reported_at_the_block(tmp_path: Path) -> None:
    path = write(tmp_path, TWO.replace('seed_section = "6"\n', ""))
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    assert problem_lines(error) == [(8, "knelpunt 'tweede': mist het veld 'seed_section'")]
    assert str(error.value).startswith(f"{path}:8: ") or ":8: " in str(error.value)


def test_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, TWO.replace('id = "tweede"', 'id = "eerste"'))
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    [(line, message)] = problem_lines(error)
    assert line == 8
    assert "'eerste' bestaat al" in message and ":1)" in message


def test_bad_seed_section_is_reported_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, TWO.replace('seed_section = "6"', 'seed_section = "8"'))
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    [(line, message)] = problem_lines(error)
    assert line == 12
    assert "onbekende paragraaf '8'" in message


def test_unknown_key_is_reported_at_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, ONE.replace('seed_section = "5.1"\n', 'seed_section = "5.1"\nkleur = 1\n')
    )
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    assert problem_lines(error)[0][0] == 6
    assert "onbekend veld 'kleur'" in problem_lines(error)[0][1]


def test_unknown_top_level_key_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "versie = 2\n\n" + ONE)
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    assert problem_lines(error) == [(1, "onbekende sleutel 'versie' buiten een [[knelpunt]]-blok")]


def test_syntax_error_keeps_tomllibs_line(tmp_path: Path) -> None:
    path = write(tmp_path, ONE.replace('label = "Eerste knelpunt"', "label = Eerste knelpunt"))
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    [(line, message)] = problem_lines(error)
    assert line == 3
    assert message.startswith("TOML-fout: ")
    assert "line 3" in message


def test_syntax_error_at_end_of_document_points_at_the_last_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, ONE.replace('signals = ["geen tijd", "rennen"]', 'signals = ["geen tijd"')
    )
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    assert problem_lines(error)[0][0] == 6


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        ('id = "eerste"', 'id = "Eerste_1"', 2, "mag alleen a-z"),
        ('id = "eerste"', 'id = "eerste--twee"', 2, "mag alleen a-z"),
        ('label = "Eerste knelpunt"', f'label = "{"x" * 76}"', 3, "maximaal 75"),
        (
            'description = "Een knelpunt om mee te testen."',
            f'description = "{"x" * 201}"',
            4,
            "200",
        ),
        ('label = "Eerste knelpunt"', 'label = "  "', 3, "'label' is leeg"),
        ('label = "Eerste knelpunt"', "label = 3", 3, "moet tekst zijn"),
        (
            'description = "Een knelpunt om mee te testen."',
            'description = """a\nb"""',
            4,
            "één regel",
        ),
        ('signals = ["geen tijd", "rennen"]', "signals = []", 6, "minstens één signaal"),
        ('signals = ["geen tijd", "rennen"]', 'signals = "geen tijd"', 6, "lijst met teksten"),
        ('signals = ["geen tijd", "rennen"]', 'signals = ["geen tijd", " "]', 6, "leeg signaal"),
        ('signals = ["geen tijd", "rennen"]', 'signals = ["a"]\nexclude = [1]', 7, "'exclude'"),
        ('signals = ["geen tijd", "rennen"]', 'signals = ["a"]\nnegatable = "nee"', 7, "true of"),
    ],
)
def test_each_field_is_checked(
    tmp_path: Path, old: str, new: str, line: int, fragment: str
) -> None:
    assert old in ONE
    path = write(tmp_path, ONE.replace(old, new))
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    [(found_line, message)] = problem_lines(error)
    assert (found_line, fragment in message) == (line, True), message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = TWO.replace('seed_section = "5.1"', 'seed_section = "9"').replace(
        'label = "Tweede knelpunt"\n', ""
    )
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(write(tmp_path, text))
    assert [line for line, _ in problem_lines(error)] == [5, 8]


def test_shipped_file_must_have_the_required_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, ONE)
    monkeypatch.setattr("prompts.taxonomy.default_path", lambda: path)
    with pytest.raises(TaxonomyError, match="verplichte knelpunten ontbreken"):
        load_taxonomy()


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="kan het bestand niet lezen"):
        load_taxonomy(tmp_path / "weg.toml")


EXTRA = """\
# Eigen knelpunten van team Noord.
[[knelpunt]]
id = "parkeren-bij-huisbezoek"
label = "Parkeren bij huisbezoeken"
description = "Geen parkeerplek in de binnenstad kost elke dag tijd."
seed_section = "7"
signals = ["parkeerplek", "parkeervergunning"]

[[extra_signals]]
id = "wachtlijsten-tweede-lijn"
signals = ["jeugd-ggz vol", "wachtlijst*"]
"""


def test_extra_file_adds_a_knelpunt_and_signals(tmp_path: Path) -> None:
    extra = write(tmp_path, EXTRA, "noord.toml")
    taxonomy = load_taxonomy(extra=extra)
    assert taxonomy.ids[-1] == "parkeren-bij-huisbezoek"
    assert taxonomy.ids[: len(REQUIRED_IDS)] == REQUIRED_IDS
    signals = taxonomy.by_id["wachtlijsten-tweede-lijn"].signals
    assert signals[-1] == "jeugd-ggz vol"
    assert signals.count("wachtlijst*") == 1
    shipped = load_taxonomy()
    assert len(signals) == len(shipped.by_id["wachtlijsten-tweede-lijn"].signals) + 1


def test_extra_file_may_not_redefine_a_shipped_id(tmp_path: Path) -> None:
    text = EXTRA.replace('id = "parkeren-bij-huisbezoek"', 'id = "tijd-voor-reflectie"')
    extra = write(tmp_path, text, "noord.toml")
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(extra=extra)
    [(line, message)] = problem_lines(error)
    assert line == 2
    assert "'tijd-voor-reflectie' bestaat al" in message and "knelpunten.toml:" in message
    assert "[[extra_signals]]" in message


def test_extra_signals_for_an_unknown_id_are_refused(tmp_path: Path) -> None:
    text = EXTRA.replace('id = "wachtlijsten-tweede-lijn"', 'id = "bestaat-niet"')
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(extra=write(tmp_path, text, "noord.toml"))
    assert problem_lines(error) == [(10, "extra_signals 1: onbekend knelpunt 'bestaat-niet'")]


def test_extra_signals_refuse_unknown_fields(tmp_path: Path) -> None:
    text = EXTRA.replace('signals = ["jeugd-ggz vol", "wachtlijst*"]', 'signalen = ["x"]')
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(extra=write(tmp_path, text, "noord.toml"))
    messages = problem_lines(error)
    assert (11, "extra_signals 1: onbekend veld 'signalen' (toegestaan: id, signals)") in messages
    assert (9, "extra_signals 1: mist het veld 'signals'") in messages


def test_shipped_file_may_not_hold_extra_signals(tmp_path: Path) -> None:
    text = ONE + '\n[[extra_signals]]\nid = "eerste"\nsignals = ["x"]\n'
    with pytest.raises(TaxonomyError, match=r"onbekende sleutel 'extra_signals'"):
        load_taxonomy(write(tmp_path, text))
