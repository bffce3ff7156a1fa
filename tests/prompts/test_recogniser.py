"""The knelpunt recogniser as a user meets it: quiet on neutral text, right on paraphrases."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import numpy as np
import pytest

from prompts import features, linear, recogniser, tagging
from prompts.modelfile import load, save, shipped_recogniser
from prompts.recogniser import Recogniser
from prompts.taxonomy import load_taxonomy
from tests.helpers.work import lines_executed

T = "tijd-voor-reflectie"
SK = "samenwerking-ketenpartners"
WL = "wachtlijsten-tweede-lijn"
RA = "registratie-en-administratie"


@pytest.fixture(scope="module")
def model() -> Recogniser:
    return shipped_recogniser(load_taxonomy())


@pytest.mark.parametrize(
    "text",
    [
        "We hebben de registratie netjes op orde.",  # a domain word, not a knelpunt
        "Vanmiddag koffie gedronken met de buurvrouw van nummer twaalf, gezellig.",
        "Het teamuitje naar de Biesbosch is verschoven naar september.",
        "Onze casusbespreking was vandaag echt leerzaam, iedereen deed mee.",
        "Mooi om te zien hoe die jongen weer naar school gaat.",
    ],
)
def test_a_neutral_sentence_gets_no_knelpunt(model: Recogniser, text: str) -> None:
    assert model.tag(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # None of these has a signal of knelpunten.toml for its knelpunt.
        (
            "Door alle spoedklussen komt gezamenlijk terugkijken op ons werk er nooit meer van.",
            T,
        ),
        (
            "Ouders vragen of wat ze mij vertellen bij de gemeente terechtkomt; dan zeggen ze "
            "liever niks.",
            "beroepsgeheim-en-vertrouwen",
        ),
        (
            "Ik besteed meer tijd aan formulieren invullen in het systeem dan aan de gezinnen.",
            RA,
        ),
    ],
)
def test_a_paraphrase_gets_its_knelpunt(model: Recogniser, text: str, expected: str) -> None:
    assert expected in model.tag(text)


def test_every_finding_has_a_probability_and_confident_ones_reach_their_threshold(
    model: Recogniser,
) -> None:
    text = "De jongere kan pas over vier maanden terecht bij de jeugd-ggz; wij vangen hem op."
    findings = model.recognise(text)
    assert WL in [f.knelpunt_id for f in findings if f.confident]
    for finding in findings:
        assert finding.probability is not None and 0.0 < finding.probability < 1.0
        column = model.artefact.ids.index(finding.knelpunt_id)
        reaches = finding.probability >= model.artefact.thresholds[column]
        assert reaches or not finding.confident


def test_explain_names_the_words_that_pushed_and_the_matched_signals(model: Recogniser) -> None:
    text = "Weer geen tijd voor intervisie, het is alleen maar rennen."
    [first, *_] = model.explain(text)
    assert first.knelpunt_id == T and first.confident
    assert first.probability is not None and first.threshold is not None
    assert first.probability >= first.threshold
    words = [push.word for push in first.pushed]
    assert "intervisie" in words
    assert all(push.weight > 0 for push in first.pushed)
    assert any(s.startswith("geen tijd") for s in first.signals) and first.signal_weight > 0


def test_a_teams_examples_teach_its_model_words_the_corpus_never_used(model: Recogniser) -> None:
    """A team that calls its monthly meeting with partners 'de Zeskamp'."""
    sentence = "De Zeskamp ging weer niet door: niemand van de corporatie kwam opdagen."
    assert SK not in model.tag(sentence)
    examples = [
        (f"Zeskamp {day}: {what}", {SK})
        for day, what in [
            ("maandag", "weer afgezegd door de partners"),
            ("dinsdag", "alleen wij zaten aan tafel"),
            ("woensdag", "de corporatie liet het afweten"),
            ("donderdag", "afspraken van vorige keer niet nagekomen"),
            ("vrijdag", "niemand wist wie wat zou doen"),
            ("vandaag", "zonder de wijkagent en de school"),
        ]
    ] + [
        ("Lekker weer vandaag, fietsend naar de huisbezoeken.", set()),
        ("De nieuwe koffiemachine op kantoor is een verbetering.", set()),
    ]
    team = model.adapted(examples)
    assert SK in team.tag(sentence)
    assert SK not in model.tag(sentence)  # the corpus model is untouched
    assert team.tag("We hebben de registratie netjes op orde.") == []


def test_work_grows_linearly_with_the_text(model: Recogniser) -> None:
    """Ten times the text is about ten times the work (no step compares pairs of anything)."""
    files = [Path(module.__file__ or "") for module in (features, recogniser, tagging)]
    base = "Weer geen tijd voor intervisie, de wachtlijst bij de ggz groeit en ik zit op 38. "
    short, long = base * (4_000 // len(base)), base * (40_000 // len(base))
    model.recognise(long)  # warm the word caches, so both counts measure recognising itself
    small = lines_executed(partial(model.recognise, short), files)
    large = lines_executed(partial(model.recognise, long), files)
    assert large <= 12 * small, (small, large)


def test_the_saved_model_reads_back_exactly(model: Recogniser, tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    save(model.artefact, path)
    again = Recogniser(load(path), model.tagger)
    text = "Geen tijd voor intervisie en de wachtlijst bij de ggz is lang."
    assert again.recognise(text) == model.recognise(text)
    assert again.artefact.fingerprint == model.artefact.fingerprint


def test_logistic_regression_reaches_the_optimum() -> None:
    """Two separable-ish clusters: the fitted weights make the gradient vanish."""
    from scipy import sparse

    rng = np.random.default_rng(1)
    dense = rng.normal(size=(200, 5))
    labels = dense[:, :1] + 0.5 * dense[:, 1:2] + rng.normal(scale=0.5, size=(200, 1)) > 0
    rows = sparse.csr_matrix(dense)
    fitted = linear.fit_logistic(rows, labels.astype(float), l2=0.1)
    residual = linear.sigmoid(fitted.scores(rows)) - labels
    gradient = rows.T @ residual + 0.1 * fitted.weights
    assert np.abs(gradient).max() < 1e-3
    assert fitted.weights[0, 0] > fitted.weights[1, 0] > 0


def test_a_changed_corpus_or_design_never_meets_a_stale_model(tmp_path: Path) -> None:
    from prompts.modelfile import fingerprint
    from prompts.training import TrainingSettings

    corpus = tmp_path / "corpus_1.tsv"
    corpus.write_text("Geen tijd voor intervisie.\ttijd-voor-reflectie\n", encoding="utf-8")
    first = fingerprint(TrainingSettings(), [corpus])
    assert fingerprint(TrainingSettings(), [corpus]) == first
    corpus.write_text("Geen tijd voor intervisie.\t\n", encoding="utf-8")
    assert fingerprint(TrainingSettings(), [corpus]) != first
    assert fingerprint(TrainingSettings(beta=0.7), [corpus]) != fingerprint(
        TrainingSettings(), [corpus]
    )
