"""The case form's choices: the shipped file, and clear errors for a file edited wrongly."""

from __future__ import annotations

from pathlib import Path

import pytest

from prompts.casus_form import CaseFormError, default_path, load_case_form
from prompts.taxonomy import load_taxonomy


def test_the_shipped_form_has_the_choices_the_issue_names() -> None:
    form = load_case_form()
    assert len(form.domains) == 13  # the Zelfredzaamheid-Matrix
    assert "Pro-actief gesignaleerd in de wijk" in form.intakes.values()
    assert list(form.decisions) == ["zelf", "consult", "doorverwezen", "open"]
    assert len(form.destinations) == 13 and form.destinations["veilig-thuis"] == "Veilig Thuis"
    assert form.reasons["veiligheid"] == "Veiligheid (meldcode)"
    form.check_knelpunten({knelpunt.id for knelpunt in load_taxonomy()})
    assert form.knelpunten_for_reasons(["wachtlijst", "wens-burger"]) == [
        "wachtlijsten-tweede-lijn"
    ]


def write(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "casus.toml"
    path.write_text(default_path().read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('financien = "Financiën"', 'Financien = "Financiën"', "alleen a-z"),
        ('ggz = "GGZ"', 'ggz = ""', "label van 1 tot 75"),
        ('veilig-thuis = "Veilig Thuis"', 'vt = "Veilig Thuis"', "mist 'veilig-thuis'"),
        ('wachtlijst = "wachtlijsten-tweede-lijn"', 'wachten = "x"', "staat niet in [reden]"),
        ("[besluit]", "[besluit", "casus.toml:"),
    ],
)
def test_a_wrongly_edited_form_names_the_problem(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(CaseFormError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_case_form(write(tmp_path, old, new))


def test_a_reason_pointing_at_an_unknown_knelpunt_is_refused() -> None:
    with pytest.raises(CaseFormError, match="specialistische-expertise"):
        load_case_form().check_knelpunten({"wachtlijsten-tweede-lijn"})
