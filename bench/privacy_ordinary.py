"""Ordinary sentences that look like client data and must pass the privacy guard (issue 12).

Policy and event dates without a birth word, organisation numbers (085, 088, 0800, 0900),
landmarks and buildings named after people, relation words before a capitalised ordinary word
(a verb at the start of a sentence), plain team talk, and the look-alikes of what round 2
of issue 12 made the guard refuse (a group born in a year, markup asterisks, "in de Top 10",
percentages, "MS Teams", a moskee named Al-Fath, a sentence ending in a number).
"""

from __future__ import annotations

from bench.privacy_variants import Variant

__all__ = ["ordinary_sentences"]

# --------------------------------------------------------------------------------------------
# Ordinary sentences: no client data, though they look like it
# --------------------------------------------------------------------------------------------

_POLICY_EVENTS = [
    "De decentralisaties van {} veranderden ons werk.", "Het convenant is op {} getekend.",
    "Sinds {} hoort de jeugdzorg bij de gemeente.", "De Wmo 2015 ging in op {}.",
    "Ons laatste MDO was op {} en dat liep goed.", "Op {} hadden we de teamdag in Zwolle.",
    "Tweede Kerstdag, {}, was het kantoor dicht.", "De evaluatie van {} staat nog op de agenda.",
    "Koningsdag {} viel op een zaterdag.", "Het beleidsplan van {} is nog steeds leidend.",
]  # fmt: skip
_ORG_NUMBERS = [
    "Het algemene nummer van de woningcorporatie is {}.", "Bel de helpdesk via {}.",
    "De Geldlijn {} helpt bij schulden.", "Het wijkteam is bereikbaar op {}.",
    "Bij vragen over de Wmo: {} (gratis).", "De klantenservice van het UWV: {}",
]  # fmt: skip
_LANDMARKS = [
    "We hadden de teamdag in het Anne Frank Huis.", "Ze ligt in het Jeroen Bosch Ziekenhuis.",
    "De training is in de Johan Cruijff ArenA.", "Het kind zit op de Maria Montessorischool.",
    "Doorverwezen naar het Willem Arntsz Huis.", "Het Prinses Máxima Centrum belde terug.",
    "Boodschappen doen bij de Albert Heijn lukt niet meer.", "Afspraak in het Erasmus MC.",
    "Verwezen naar het Antoni van Leeuwenhoek.",
    "Het Sophia Kinderziekenhuis heeft een wachtlijst.",
    "Hij traint in het Abe Lenstra Stadion.", "Voorlichting in de Vincent van Goghzaal.",
    "De Ronald McDonald Huiskamer is open.", "Vrijwilligers van de Hans Anders winkel hielpen.",
]  # fmt: skip
_RELATION_VERBS = [
    "Met moeder besproken.\nGaat het beter nu?", "Vader Werkt nu in ploegendiensten.",
    "Oma Zorgt vaak voor de kinderen.", "Dochter Heeft een diagnose gekregen.",
    "De zoon Spijbelt weer.", "Moeder: Wil geen hulp van de GGZ.", "Buurvrouw Belde de politie.",
    "Stiefvader Blijft op afstand.", "Partner Weet nog van niets.", "Kind Gaat naar de opvang.",
    "Broer (Ouder) helpt mee.", "Opa Vindt het lastig.",
]  # fmt: skip
_PLAIN = [
    "Wachtlijst schuldhulp weer 12 weken.", "Twee casussen besproken in het MDO van dinsdag.",
    "Meneer wil eerst zelf de post openen.", "Mevrouw belde terug over de beschikking.",
    "Versie 3.2 van het protocol is rondgestuurd.", "In 2024 hadden we 312 aanmeldingen.",
    "Om 14.30 uur overleg met de huisarts.", "We zien 1 op de 5 gezinnen met schulden.",
    "De heer is niet thuis.", "Het gezin heeft 3 kinderen en een hond.",
    "Ze wacht al 18 maanden op een woning in de wijk.", "Zie het stappenplan op intranet.",
    "Mail het team via het teampostvak.", "Dossiernummer 2025-0412 is afgesloten.",
]  # fmt: skip
_ORG_NUMBER_VALUES = [
    "085-1234567", "088 123 45 67", "0800-2000", "0900-1234567", "088-7654321", "0800 8115",
    "085 760 41 20", "0900 8844",
]  # fmt: skip
_EVENT_DATES = [
    "1 januari 2015", "12 maart 2019", "01-09-2024", "26 december 2023", "27 april 2024",
    "14-11-2022", "3 oktober 2021", "1-1-2015",
]  # fmt: skip


# Round 2: look-alikes of the causes found then (birth years, birth marks, short streets, house
# number additions, percent signs, honorific-like abbreviations, hyphenated particles).
_ROUND2 = [
    ("birth_group", "Kinderen geboren in 2020 krijgen een brief van de GGD."),
    ("birth_group", "Voor iedereen geboren in 2015 of later geldt de nieuwe regeling."),
    ("birth_group", "De geboortecijfers van 2023 zijn bekend."),
    ("birth_group", "De verjaardag van het wijkteam vieren we op 12 maart."),
    ("markup", "*12-03-2024* is de teamdag, zet het in je agenda."),
    ("markup", "Reken maar uit: 3*4 = 12 gesprekken per week."),
    ("article_number", "In de Top 10 van knelpunten staat wonen bovenaan."),
    ("article_number", "Stap 3: zet het in de Bijlage 2 van het plan."),
    ("article_number", "Ze zit in de Groep 7 van de basisschool."),
    ("article_number", "Op de Agenda 3 punten over de wachtlijst."),
    ("percent", "25% korting op de eigen bijdrage, 50%-regeling voor minima."),
    ("abbreviation", "Het MS Teams overleg is verzet."),
    ("abbreviation", "ING Bank belde over de betalingsregeling."),
    ("abbreviation", "HR Advies belde terug over de vacature."),
    ("abbreviation", "Het gezin Heeft een schuldhulptraject."),
    ("particle", "De moskee Al-Fath organiseert een inloop."),
    ("sentence_end", "In 2023.\nDe aanmeldingen stegen daarna."),
    ("sentence_end", "Er waren er 1234.\nOK, dat is veel."),
]


def ordinary_sentences() -> list[Variant]:
    """Sentences without client data in the categories issue 12 names, plus plain team talk."""
    sentences: list[Variant] = []
    for template, value in zip(_POLICY_EVENTS, _EVENT_DATES * 2, strict=False):
        sentences.append(Variant(template.format(value), (), "policy_date"))
    for template, value in zip(_ORG_NUMBERS, _ORG_NUMBER_VALUES, strict=False):
        sentences.append(Variant(template.format(value), (), "org_number"))
    sentences += [Variant(text, (), "landmark") for text in _LANDMARKS]
    sentences += [Variant(text, (), "relation_verb") for text in _RELATION_VERBS]
    sentences += [Variant(text, (), "plain") for text in _PLAIN]
    sentences += [Variant(text, (), category) for category, text in _ROUND2]
    return sentences
