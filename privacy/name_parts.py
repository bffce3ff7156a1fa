"""Whether a word beside an honorific, a relation word or a first name is part of a name.

Case is the main evidence: a capitalised word after "mevrouw" is a name, a lower-case one only
when simplemma does not know it or the surname list has it ("mevrouw jansen", "mevrouw bakker",
but "om mevrouw heen"). Without a capital, words after a relation word or a first name count
only by list: English and jargon in Dutch texts ("cliënt ghostte", "een facebook post") would
otherwise read as unknown names.
"""

from __future__ import annotations

import re

from privacy.words import FIRST_NAMES, NOT_A_NAME, SURNAMES, is_dutch_word, is_ordinary_word

__all__ = [
    "FOREIGN_LETTER_RE",
    "PARTICLES",
    "SURNAME_HEADS",
    "SURNAME_TAILS",
    "after_honorific",
    "after_relation",
    "case_of",
    "known_first",
    "looks_like_surname",
    "not_a_name",
    "surname_after_first",
    "unknown_first",
]


def case_of(word: str) -> str:
    """'upper', 'title' or 'lower' (the first part of a hyphenated word decides title)."""
    if word.isupper() and len(word) > 1:
        return "upper"
    return "title" if word[0].isupper() else "lower"


def known_first(word: str) -> bool:
    """Whether word (or its first part, "Jan-Willem") is a listed first name."""
    return word.split("-", 1)[0].casefold() in FIRST_NAMES


# Particles that begin Arabic and Berber surnames, hyphenated ("Al-Hassan", "El-Amrani").
PARTICLES = frozenset({"al", "el", "abu", "abou", "ben", "bin", "ibn", "bou", "ait", "ould"})
# Letters of Turkish, Polish, Czech and Romanian that Dutch words never hold.
FOREIGN_LETTER_RE = re.compile(r"[şğıçćłńśźżřťďůțșŞĞİÇĆŁŃŚŹŻŘŤĎŮȚȘ]")
# Endings of Polish, Turkish, Eritrean and Surinamese surnames, found in no Dutch word; the
# Polish -ski, -ska, -cki, -cka after a consonant ("Kowalski", not "taska").
_CONSONANTS = "bcdfghjklmnpqrstvwxzł"
_SURNAME_ENDINGS = (
    "wicz", "czyk", "czak", "oğlu", "oglu", "mariam", "giorgis", "egziabher", "persad",
    "pershad", "baksh", "singh", "dikromo", "redjo", "sastro",
    # Ukrainian, Romanian, Serbian/Bosnian, Greek, Afghan and Iranian (round 3)
    "enko", "chuk", "czuk", "escu", "eanu", "ovic", "evic", "oulos", "akis", "zadeh",
    *(c + ending for c in _CONSONANTS for ending in ("ski", "ska", "cki", "cka")),
    *(c + "zai" for c in "bdfghklmnprstwy"),
    *(c + "ova" for c in "bdklmnprstvz"),
    # Georgian and Moroccan (round 4)
    "idze", "adze", "vili", "aoui", "ioui",
)  # fmt: skip
# Starts of Eritrean and Surinamese-Javanese surnames (six letters: "gebrek" is Dutch).
_SURNAME_STARTS = (
    "gebrem", "gebreh", "gebrey", "gebres", "gebreg", "gebrez", "ghebre", "habtem", "habteg",
    "tesfam", "tesfay", "tesfal", "teklem", "tekleh", "kidane", "woldem", "woldeg", "weldem",
    "weldeg", "kromod", "kromos",
)  # fmt: skip
_TAILS = frozenset(ending[-4:] for ending in _SURNAME_ENDINGS)
_HEADS = frozenset(_SURNAME_STARTS)
# Looked up cheaply before looks_like_surname: the last four and first six letters of a word, in
# the cases a word is written in.
SURNAME_TAILS = frozenset(form for tail in _TAILS for form in (tail, tail.upper()))
SURNAME_HEADS = frozenset(form for head in _HEADS for form in (head, head.title(), head.upper()))


_PART_BREAK_RE = re.compile(r"['-]")


def not_a_name(word: str) -> bool:
    """Words that are never a name part, whatever their case (GGZ-patiënt counts as ggz).

    A particle before a hyphen is part of the name ("Al-Hassan": the rest decides).
    """
    if "-" not in word and "'" not in word:  # most words: no split, no regex
        return word.casefold() in NOT_A_NAME
    parts = _PART_BREAK_RE.split(word, maxsplit=1)
    first = parts[0] or word
    if len(parts) == 2 and first.casefold() in PARTICLES and len(parts[1]) >= 2:
        return parts[1].casefold() in NOT_A_NAME
    return first.casefold() in NOT_A_NAME


def looks_like_surname(word: str) -> bool:
    """Whether a word is shaped like a surname no Dutch word resembles.

    A hyphenated particle ("Al-Hassan"), a letter Dutch never writes ("Çetinkaya", "Yıldırım"),
    or a surname ending or start ("Wiśniewski", "Kowalczyk", "Tesfamariam", "Ramcharan-Persad").
    """
    lower = word.casefold()
    if len(lower) < 4:
        return False
    if (
        lower[-4:] not in _TAILS
        and lower[:6] not in _HEADS
        and lower.isascii()
        and "-" not in lower
    ):
        return False
    parts = lower.split("-", 1)
    if len(parts) == 2 and parts[0] in PARTICLES and len(parts[1]) >= 3:
        return True
    if not lower.isascii() and FOREIGN_LETTER_RE.search(lower) is not None:
        return True
    return lower.endswith(_SURNAME_ENDINGS) or lower.startswith(_SURNAME_STARTS)


def after_honorific(word: str, *, linked: bool) -> bool:
    """Whether word, after an honorific (linked: after initials or a tussenvoegsel), is a name."""
    if not_a_name(word):
        return False
    case = case_of(word)
    if case == "title":
        return True
    listed = word.casefold() in SURNAMES or looks_like_surname(word)
    if linked:
        return listed or not is_ordinary_word(word)  # "mw. de vries": vries is also a verb form
    if len(word) < 2:
        return False
    # "mevrouw jansen", "mevrouw bakker"; but "om mevrouw heen", "mevrouw zelf"
    return listed or not is_dutch_word(word)


def after_relation(word: str, *, linked: bool, comma: bool) -> bool:
    """Whether word, after a relation word, is a name (and not "Vader Werkt").

    A capitalised word is a name unless it is a function word or an inflected Dutch word (a verb
    at the start of a sentence); when unsure ("oma Riet") the guard refuses and says it saw a
    name. After a comma ("de vader, Mehmet,") only a known first name or an unknown word counts.
    """
    if not_a_name(word):
        return False
    case = case_of(word)
    if known_first(word):
        return True
    if case == "upper":
        return False  # "vader GGZ", "moeder AOW"
    if linked and case == "title":
        return True  # "moeder van Dijk"
    if case == "title" and not comma:
        return not is_ordinary_word(word)
    if case == "lower":
        return False  # only a listed first name: "cliënt ghostte", "zoon gamet" are verbs
    return len(word) >= 3 and not is_dutch_word(word)


def surname_after_first(word: str, first_case: str, *, linked: bool) -> bool:
    """Whether word, after a known first name, is a surname."""
    if not_a_name(word):
        return False
    case = case_of(word)
    if first_case == "title" and case == "title":
        return True
    listed = word.casefold() in SURNAMES or looks_like_surname(word)
    if first_case == "title" and case == "lower":
        return listed  # "Mohamed van het jongerenwerk" is not a surname
    if first_case == "title" and case == "upper":
        return listed or (len(word) >= 3 and not is_dutch_word(word))
    if case == "title":
        return False  # "sanne Visser" is rare; "met sanne Donderdag" is not a name
    if linked:
        return listed or not is_dutch_word(word)
    if case == "upper":
        # "MOHAMED ZWIERS"; capitals hold no English verbs, but acronyms ("SANNE GGZ") are short
        return listed or (len(word) >= 4 and not is_dutch_word(word))
    # Without a capital, only a listed surname: "heb can use gemaakt" is English, not a name.
    return listed


def unknown_first(first: str, surname: str) -> bool:
    """Whether an unknown word before a listed surname is a first name ("bernadette visser")."""
    case = case_of(first)
    if case_of(surname) != case or len(first) < 3 or not_a_name(first) or not_a_name(surname):
        return False
    if case != "title" and is_dutch_word(surname) and not looks_like_surname(surname):
        return False  # "een facebook post": without capitals, a surname that is a word is a word
    return not is_dutch_word(first)
