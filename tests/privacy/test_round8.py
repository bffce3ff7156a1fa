"""Round 8 of issue 12, pinned: a listed first name on its own is a name, and its look-alikes.

The guide's standard is "never store names of clients or colleagues"; a first name needs no cue
beside it any more. Hand-written (not copied from any set): names as subject, object, after a
preposition, in a greeting, in a list, in lower case and in capitals; and ordinary sentences
where a word could be mistaken for a first name.
"""

from __future__ import annotations

from datetime import date

import pytest

from privacy.guard import PrivacyKind, detected_kinds, refusal_message, scan

TODAY = date(2026, 12, 1)


def kinds(text: str) -> set[str]:
    return {kind.value for kind in detected_kinds(text, today=TODAY)}


LONE_NAMES = [
    # subject, at the start or in mid-sentence
    "Youssef spijbelt weer, de school belde",
    "Hanna wordt uit huis geplaatst",
    "Vandaag heeft Anouk haar intake gehad",
    "gisteren belde Mehmet over de huur",
    "Sinds maart woont Priscilla bij haar tante",
    "Daan is geschorst op school",
    "Bram eet slecht en slaapt weinig",
    "Jessica is zwanger van haar vierde",
    "Tyrone moet naar de reclassering",
    "daarna kwam Kevin binnen en werd boos",
    "Roos en haar broertje zijn bij de buren",
    "In het gesprek gaf Merel aan dat ze bang is",
    "toen zei Sanne dat ze niet meer wil",
    "Volgens Fatima gaat het thuis slecht",
    # object
    "ik heb Youssef gisteren gesproken",
    "we zien Mariska elke week",
    "ik heb Dewi doorverwezen naar de GGZ",
    "morgen bel ik Shirley over de schulden",
    "de leerplichtambtenaar heeft Milan opgeroepen",
    "we hebben Lotte aangemeld bij de voedselbank",
    "de wijkagent kent Ricardo al jaren",
    # after a preposition
    "afspraak bij Zehra in de keuken gehad",
    "gesprek met Aylin over haar toekomst",
    "over Bram: hij eet slecht",
    "de brief is voor Ahmed bestemd",
    "de zorgen rond Nadia nemen toe",
    "een melding over Jayden binnengekomen",
    "voor Esther een nieuwe bewindvoerder gezocht",
    "door Kofi is de situatie veranderd",
    "naast Samira zat een tolk",
    "zonder Ibrahim erbij ging het beter",
    # greetings and sign-offs
    "Hoi Latoya, je afspraak is verzet",
    "Hallo Mohamed, kun je morgen?",
    "Beste Ingrid, dank voor je bericht",
    "Dag Wendy,",
    "Groet, Marieke",
    "Thanks Youssef voor het meedenken",
    "Lieve Anouk, sterkte vandaag",
    "Fijne dag, Thijs",
    # lists and pairs
    "Mo en Samira hebben ruzie",
    "kids zijn Jayvano en Jaylinn",
    "Sem, Daan en Noor zijn bij oma",
    "Noah en Liam slapen op één kamer",
    "Ahmed, Fatima en de kinderen zijn verhuisd",
    "de tweeling Lana en Mila is ziek",
    # brackets, colons, quotes, possessives
    "(Yasmina) wil niet meer naar school",
    "casus: Jeroen, 15 jaar",
    "Wie: Hatice. Wat: schulden.",
    '"Lotte" wil niet praten',
    "Emma's fiets is gestolen",
    "Anouk's moeder is opgenomen",
    # colleagues: their names may not be stored either
    "met Sanne besproken, zij pakt het op",
    "Esther is ziek, haar casussen worden verdeeld",
    "Nieuwe collega Fatima start maandag",
    "Kees van de receptie zegt dat de lift kapot is",
    "Wie neemt de piketdienst? Ik (Jeroen) kan niet",
    "ik heb Kevin gevraagd het dossier te sluiten",
    "Jan-Willem belde over het rooster",
    "Nour-Eddine heeft werk gevonden",
    # word-names with a capital in mid-sentence
    "ik heb Merel gesproken over haar vader",
    "gisteren is Iris weer weggelopen",
    "we hebben Roos aangemeld bij het jongerenwerk",
    "de school belde over Mark",
    "morgen komt Frank langs voor zijn formulieren",
    "ik zag Fleur bij de supermarkt",
    "tijdens het gesprek huilde Amber",
    "ik ga met Max naar de huisarts",
    # lower case (hurried typing)
    "ik heb youssef gisteren gesproken",
    "gesprek met fatima over de huur",
    "anouk wil niet meer naar huis",
    "morgen bel ik mehmet terug",
    "de juf zegt dat jayden slaat",
    "priscilla heeft een nieuwe vriend",
    "samen met sanne het plan gemaakt",
    "volgens tyrone is het thuis rustig",
    # capitals
    "DAAN IS WEER WEGGELOPEN",
    "MET FATIMA GESPROKEN OVER DE HUUR",
    "gesprek gehad met SANNE",
    "URGENT: YOUSSEF NIET OP SCHOOL",
    # longer texts
    "Huisbezoek gehad. Moeder was er niet, wel Shanice en haar broertje. Het huis was rommelig.",
    "Korte update: Dirk heeft zijn baan verloren en durft het thuis niet te vertellen.",
    "Ik twijfel of ik Zeynep moet doorverwijzen, ze wil zelf geen hulp.",
    "Op het MDO is besproken dat Rutger voorlopig bij zijn oma blijft wonen.",
]

LOOK_ALIKES = [
    # word-names at a sentence's start or in lower case
    "Elke week hetzelfde gedoe met de planning",
    "elke maand komt er een nieuwe regel bij",
    "Lieve collega's, de borrel is vrijdag",
    "Mark je agenda voor de teamdag",
    "Max 500 tekens in het verslag, dat is krap",
    "de ernst van de situatie werd te laat gezien",
    "ik koos voor een andere aanpak",
    "Roos zet ik op tafel, dat staat gezellig",
    "Merel zong in de tuin, heerlijk",
    "Iris, pupil en lens: de oogarts legde het uit",
    "Amber is een mooie kleur voor de nieuwe folder",
    "Frank en vrij kon ik het zeggen",
    "Noor of Zweed, dat maakt voor de regeling niet uit",
    "een Noor in het team zou handig zijn voor de vertaling",
    "Fleur geeft de teamkamer wel wat",
    "Els of berk, welk hout is dat?",
    "Bas speelt in de band van de wijk",
    "Jet lag na de studiereis, dus ik ben moe",
    "Peter en meter zijn in België belangrijk",
    "Helen doet tijd, zegt men",
    # sentence-initial Dutch verbs and English words that are not on the list
    "Ben je morgen op kantoor?",
    "Wil je de notulen rondsturen?",
    "Hoop doet leven",
    "Storm op komst, de huisbezoeken gaan niet door",
    "Joy of work was het thema van de studiedag",
    "Hope for the best, zei de trainer",
    "Can you send me the agenda?",
    "Said and done, zegt de Engelse collega",
    # monarchs, saints, figures, stories
    "Koning Willem-Alexander opende het nieuwe buurthuis",
    "Prinses Amalia werd achttien",
    "Sint Maarten lopen de kinderen met lampionnen",
    "ze komt uit Sint Maarten",
    "Zwarte Piet is geen thema meer op school",
    "jan modaal kan de huur niet meer betalen",
    "Klaas Vaak komt bij de kleintjes langs",
    "Hans en Grietje lezen we voor in de groep",
    "Tom & Jerry kijken mag van de pleegouders",
    "Adam en Eva staan in het voorleesboek",
    "Jip en Janneke lezen we met de peuters",
    # landmarks, organisations, streets, works
    "We hadden de teamdag in het Anne Frank Huis",
    "Het Sophia Kinderziekenhuis heeft een wachtlijst",
    "bij de Albert Heijn lukt het boodschappen doen niet",
    "Stichting Anton Constandse geeft cursussen",
    "Het boek Kees de Jongen lezen we in de groep",
    "de Roos van Jericho is een plant",
    "basisschool De Merel zoekt vrijwilligers",
    "De training is in de Johan Cruijff ArenA",
    "Vrijwilligers van de Hans Anders winkel hielpen",
    "Het Wilhelmina Kinderziekenhuis belde terug",
    # pets, projects, things
    "onze hond Max is ziek",
    "het project Iris loopt tot de zomer",
    "de app Fleur helpt bij het plannen",
    "de storm Ciarán hield iedereen binnen",
    # links and addresses
    "kijk op www.sanne.nl voor de training",
    "Lieve mensen, dank voor jullie inzet",
    # abbreviations in capitals
    "KIM is de afkorting die het ministerie gebruikt",
    "het EVA-overleg is verplaatst",
    "ALI staat voor algemene levensinformatie",
    # places, days and months
    "In juni gaat het team naar Maastricht",
    "maandag overleg in Den Haag",
    "ze verhuist naar Sofia in Bulgarije",
    # Dutch words that look like names but are not listed
    "Dirkje? Nee, het was een ander dossier",
    "Mei is een drukke maand voor het team",
    "Lente in de wijk: de buurttuin gaat open",
    "Hazel ogen, zei de politie in het signalement van de fiets",
    "Bo-sessie verplaatst naar dinsdag",
]


# Pinned as passing by earlier rounds (a colleague's first name alone); refused since round 8.
ONCE_PASSED = [
    "Met Sanne besproken, zij pakt het op",
    "Heb het met Ahmed en Fatima van ons team besproken",
    "Collega Anouk neemt het over van Sanne",
    "Met Sanne, Daan en Noor besproken",
    "Daan, Sem, Noor en ik doen de training",
    "Sanne Al Gebeld over de aanvraag",
    "met Sharon en Kevin overlegd",
    "de kinderen, Sanne en ik gingen naar buiten",
    "Groen, Sanne vindt het ook",
    "sanne (a) thuis",
    "Sanne en haar team hebben het druk",
    "Sanne (groepsleiding) belt terug",
    "met sanne besproken",
]


@pytest.mark.parametrize("text", LONE_NAMES + ONCE_PASSED)
def test_a_first_name_on_its_own_is_refused(text: str) -> None:
    assert "naam" in kinds(text), f"{text!r} got through"


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_a_word_that_only_looks_like_a_first_name_passes(text: str) -> None:
    assert scan(text, today=TODAY) == [], f"{text!r} was refused"


def test_the_span_is_the_name_and_nothing_else() -> None:
    text = "ik heb Youssef gisteren gesproken"
    assert [text[f.start : f.end] for f in scan(text, today=TODAY)] == ["Youssef"]


def test_the_refusal_of_a_lone_first_name_says_what_to_write_instead() -> None:
    message = refusal_message(detected_kinds("met Sanne besproken", today=TODAY))
    assert message.startswith("Dit lijkt een naam te bevatten.")
    assert "de cliënt" in message and "mijn collega" in message
    assert "Sanne" not in message


def test_the_hint_about_names_is_left_out_when_no_name_was_seen() -> None:
    assert "mijn collega" not in refusal_message([PrivacyKind.BSN])
