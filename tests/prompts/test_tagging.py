"""The knelpunt tagger: lemmas, phrases, negation, Slack markup, explanations and speed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prompts.tagging import Match, Tagger, tokenize
from prompts.taxonomy import Taxonomy, load_taxonomy

T = "tijd-voor-reflectie"
DV = "doorverwijzen-of-zelf-doen"
WL = "wachtlijsten-tweede-lijn"
RR = "risico-regelreflex"
SK = "samenwerking-ketenpartners"


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="module")
def tagger(taxonomy: Taxonomy) -> Tagger:
    return Tagger(taxonomy)


@pytest.mark.parametrize(
    "text",
    [
        "Ik rende de hele dag van hot naar her.",
        "We hebben weer gerend vandaag.",
        "Iedereen rent maar door.",
        "Het is rennen, elke dag.",
        "Wij renden van huisbezoek naar huisbezoek.",
    ],
)
def test_verb_forms_match_through_the_lemma(tagger: Tagger, text: str) -> None:
    assert tagger.tag(text) == [T]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De waan van de dag bepaalt alles.", T),
        ("Weer geen tijd voor intervisie.", T),
        ("Er is te weinig tijd om stil te staan bij casussen.", T),
        ("Zij staat op de wachtlijst bij de ggz.", WL),
        ("De WACHTLIJSTEN zijn lang.", WL),
        ("Wachtlijstproblematiek bij de jeugdhulp.", WL),
        ("De ggz-wachtlijst is een half jaar.", WL),
        ("Geen plek bij beschermd wonen.", WL),
    ],
)
def test_phrases_and_word_forms(tagger: Tagger, text: str, expected: str) -> None:
    assert expected in tagger.tag(text)


def test_a_phrase_needs_its_words_in_order(tagger: Tagger) -> None:
    assert T not in tagger.tag("De dag van de waan.")


def test_positive_counterpart_does_not_tag(tagger: Tagger) -> None:
    assert tagger.tag("We hebben wél tijd gehad om te reflecteren.") == []
    assert tagger.tag("We hebben wel tijd gehad om te reflecteren.") == []
    assert tagger.tag("Er was genoeg tijd vandaag.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Geen wachtlijst, de hulp start morgen.",
        "Het gezin staat niet op een wachtlijst.",
        "Zonder wachtlijst konden we starten.",
        "Er is nooit een wachtlijst geweest.",
        "We hebben vandaag niet gerend.",
    ],
)
def test_a_negator_within_three_words_cancels_the_signal(tagger: Tagger, text: str) -> None:
    assert tagger.tag(text) == []


def test_a_negator_further_away_or_in_another_clause_does_not_cancel(tagger: Tagger) -> None:
    assert WL in tagger.tag("Niet dat ik klaag over deze lange wachtlijst.")
    assert WL in tagger.tag("Niet leuk, wachtlijst van een half jaar.")
    assert WL in tagger.tag("Ik klaag niet, maar de wachtlijst is absurd.")


def test_a_negator_inside_the_signal_is_part_of_it(tagger: Tagger) -> None:
    assert tagger.tag("Geen tijd gehad voor intervisie.") == [T]
    assert tagger.tag("We zijn er niet aan toegekomen.") == [T]
    assert tagger.tag("We komen er niet aan toe.") == [T]
    # ...but a negator before the whole signal still cancels it.
    assert tagger.tag("We hadden niet echt geen tijd.") == []


def test_not_referring_is_still_the_referral_dilemma(tagger: Tagger) -> None:
    """doorverwijzen-of-zelf-doen has negatable = false: not referring is also a choice."""
    assert tagger.tag("We hebben haar niet doorverwezen.") == [DV]
    assert tagger.tag("Ik heb hem doorverwezen naar de specialist.") == [DV]
    assert tagger.taxonomy.by_id[DV].negatable is False


def test_exclude_phrases_cancel_overlapping_signals(tagger: Tagger) -> None:
    assert RR not in tagger.tag("Er is een groot risico op uithuiszetting.")
    assert RR in tagger.tag("Niemand durft nog een risico te nemen.")


def test_tags_come_in_taxonomy_order_without_duplicates(tagger: Tagger, taxonomy: Taxonomy) -> None:
    text = "Wachtlijst hier, wachtlijst daar, en geen tijd. Geen tijd! Wachtlijsten."
    tags = tagger.tag(text)
    assert tags == [T, WL]
    order = list(taxonomy.ids)
    assert tags == sorted(tags, key=order.index)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<@U123ABC|wachtlijst> bedankt voor je hulp", []),
        ("<@U123ABC> *geen tijd* voor intervisie &amp; overleg", [T]),
        ("_rennen_ ~en~ `hollen` :tada:", [T]),
        ("Zie <https://example.org/wachtlijst|dit overzicht> van vandaag", []),
        ("Zie <https://example.org/x|de wachtlijst> van vandaag", [WL]),
        ("<#C0123|wachtlijst-overleg> <!here> fijne dag", []),
        ("zorg&amp;welzijn &lt;geen&gt; &amp;amp; ok", []),
    ],
)
def test_slack_markup_neither_breaks_nor_triggers(
    tagger: Tagger, text: str, expected: list[str]
) -> None:
    assert tagger.tag(text) == expected


def test_explain_points_at_the_words(tagger: Tagger) -> None:
    text = "<@U1|Anna> Ik rende weer, de *waan van de dag*; wachtlijst bij de ggz."
    matches = tagger.explain(text)
    assert all(isinstance(match, Match) for match in matches)
    spans = [(match.knelpunt_id, match.signal, text[match.start : match.end]) for match in matches]
    assert (T, "rennen", "rende") in spans
    assert (T, "waan van de dag", "waan van de dag") in spans
    assert any(knelpunt == WL and found == "wachtlijst" for knelpunt, _, found in spans)
    assert [match.start for match in matches] == sorted(match.start for match in matches)


def test_explain_drops_a_signal_inside_a_longer_one(tagger: Tagger) -> None:
    matches = tagger.explain("Geen tijd meer.")
    assert [(match.signal, match.start, match.end) for match in matches] == [
        ("geen tijd meer", 0, 14)
    ]


def test_tokens_keep_hyphens_apostrophes_and_offsets() -> None:
    text = 'De 2e-lijns hulp, 0e-lijn en kpi’s; cliënt’s "wél".'
    words = [(token.folded, text[token.start : token.end]) for token in tokenize(text)]
    assert ("2e-lijns", "2e-lijns") in words
    assert ("0e-lijn", "0e-lijn") in words
    assert ("kpi's", "kpi’s") in words
    assert ("wel", "wél") in words
    assert ("client's", "cliënt’s") in words


def test_tokens_count_clauses() -> None:
    clauses = [token.clause for token in tokenize("geen tijd, maar rust want ja. klaar")]
    assert clauses == [0, 0, 1, 1, 2, 2, 3]


def test_accents_and_case_do_not_matter(tagger: Tagger) -> None:
    assert WL in tagger.tag("WACHTLÍJST bij de GGZ")
    assert "preventie-en-presentie" in tagger.tag("Het was al geescaleerd.")
    assert "preventie-en-presentie" in tagger.tag("Het was al geëscaleerd.")


def test_extra_signals_reach_the_tagger(tmp_path: Path) -> None:
    extra = tmp_path / "team.toml"
    extra.write_text(
        '[[knelpunt]]\nid = "parkeren"\nlabel = "Parkeren"\n'
        'description = "Geen parkeerplek bij huisbezoeken."\nseed_section = "7"\n'
        'signals = ["parkeerplek"]\n\n'
        '[[extra_signals]]\nid = "tijd-voor-reflectie"\nsignals = ["als een kip zonder kop"]\n',
        encoding="utf-8",
    )
    tagger = Tagger(load_taxonomy(extra=extra))
    assert tagger.tag("Weer geen parkeerplekken gevonden") == []  # "geen" cancels it
    assert tagger.tag("Een parkeerplek zoeken kost me een half uur") == ["parkeren"]
    assert tagger.tag("Ik liep als een kip zonder kop rond") == [T]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_any_text_gives_known_ids(tagger: Tagger, text: str) -> None:
    tags = tagger.tag(text)
    assert set(tags) <= set(tagger.taxonomy.ids)
    assert len(tags) == len(set(tags))
    for match in tagger.explain(text):
        assert 0 <= match.start < match.end <= len(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "geen",
                "tijd",
                "niet",
                "wachtlijst",
                "<@U1|x>",
                "&amp;",
                "*",
                "rende",
                ",",
                "ggz",
                "waan",
                "van",
                "de",
                "dag",
                "maar",
                "wél",
                "2e-lijns",
                "\n",
                "'s",
                "-",
            ]
        ),
        max_size=60,
    )
)
def test_word_soup_gives_known_ids(tagger: Tagger, words: list[str]) -> None:
    text = " ".join(words)
    assert set(tagger.tag(text)) <= set(tagger.taxonomy.ids)


def test_tagging_work_grows_linearly_with_the_text(tagger: Tagger) -> None:
    """Ten times the text is about ten times the work, never a hundred (no pairwise step)."""
    from functools import partial

    import prompts.tagging as module
    from tests.helpers.work import lines_executed

    files = [Path(module.__file__)]
    for word in ("rennen ", "intervisie geschrapt, geen tijd en wachtlijst ggz. "):
        short, long = (word * (4_000 // len(word)), word * (40_000 // len(word)))
        tagger.tag(long)  # warm the caches, so both counts measure tagging itself
        small = lines_executed(partial(tagger.tag, short), files)
        large = lines_executed(partial(tagger.tag, long), files)
        assert large <= 12 * small, (word, small, large)
