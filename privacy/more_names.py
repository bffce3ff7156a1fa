"""Names with few cues, as hurried notes write them (round 4 of issue 12).

Each rule needs a cue beside the name, so that a colleague's first name alone still passes:

* a possessive before a relation word: "Jansens dochter", "Fatima's zoon",
  "Anouk d'r moeder", "Sem z'n vader"; and a family in the plural, "de Kruijt's";
* a closed list of three or more listed first names ("Sem, Daan en Noor"), not after met,
  collega's or namens (colleagues: "met Sanne, Daan en Noor besproken");
* two capitalised words side by side in mid-sentence that no Dutch word resembles ("met
  Priscilla Doelwijt", "belde Lucia Rosario"), not after a word for a place ("naar Sri Lanka")
  and not a known place of several words (``plaatsnamen.txt``);
* a full name in lower case: a listed first name before a word that is no Dutch word and is
  spelled like a Dutch surname ("marjan kuijt": ij, uy, -sen, -stra …);
* a name before "thuis" after "bij" ("bij Rutger thuis");
* a name after dossier, zaak or casus ("Zaak Koç", "Dossier Van den Berg-Oosterhuis");
* a capitalised name with an age in brackets ("Roos van Dam (17)");
* a particle and a capitalised word that is no Dutch word ("met el Khatib", "El Idrissi"), and
  an initial with a particle in lower case ("r. el hadioui"); a surname with "van der", "van
  den" or "van de" written with a capital ("Van der Meulen bedoel ik").

What still passes: "Met Sanne besproken", "Sanne Al Gebeld" (al and a verb), "Vaders dag",
"naar Sri Lanka", "Dossier Wmo", "Van de week".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

from privacy.landmarks import landmark
from privacy.name_parts import case_of, looks_like_surname, not_a_name
from privacy.words import FIRST_NAMES, NOT_A_NAME, RELATION_WORDS, SURNAMES, is_dutch_word

Span = tuple[int, int]

__all__ = ["more_names"]


def _load(name: str) -> frozenset[str]:
    """A shipped list, one entry a line, lower-cased; lines starting with # are comments."""
    lines = Path(__file__).with_name(name).read_text(encoding="utf-8").splitlines()
    return frozenset(
        " ".join(line.split()).casefold() for line in lines if line.strip() and line[0] != "#"
    )


_PLACES = _load("plaatsnamen.txt")
_RELATIONS = frozenset(RELATION_WORDS.split("|")) | {"man", "vrouw"}
_RELATIONS_CASED = frozenset(form for word in _RELATIONS for form in (word, word.title()))
_COLLOQUIAL_OF = frozenset({"d'r", "z'n", "zijn", "haar", "der"})
_GAP_RE = re.compile(r"[ \t]{1,3}")
# Words before a place, not a person: "naar Sri Lanka", "uit Costa Rica".
_PLACE_BEFORE = frozenset({"naar", "uit", "in", "vanuit", "richting", "via", "te", "nabij", "op"})
# Letter groups that Dutch surnames hold and English words never do.
_DUTCH_SURNAME_RE = re.compile(
    r"ij|uy|ae(?!l)|(?:sen|ssen|sma|stra|inga|ema|enga|ink|huis|hof|veld|berg|kamp|dijk|mans"
    r"|beek|broek|hout|horst|tje|kes|ius|ier)$"
)
_LABEL_RE = re.compile(
    r"(?<![^\W\d_])(?:dossier|zaak|casus|cliëntdossier|clientdossier)[ \t]*:?[ \t]+"
    r"(?P<tv>(?:(?:van|de|der|den|ter|ten|el|al)[ \t]+){0,3})"
    r"(?P<name>[A-Z][^\W\d_]++(?:-[^\W\d_]++)*+)",
    re.IGNORECASE,
)
_AGED_RE = re.compile(
    r"(?<![\w'-])(?P<name>[A-Z][^\W\d_]++(?:[ \t]+(?:(?:van|de|der|den|ter|ten|el|al)[ \t]+){0,3}"
    r"[A-Z][^\W\d_]++){0,2})[ \t]*\([ \t]*(?P<age>[0-9]{1,2})[ \t]*(?:jr|jaar|j)?\.?[ \t]*\)"
)
_THUIS_RE = re.compile(
    r"(?<![^\W\d_])bij[ \t]+(?P<name>[A-Z][^\W\d_]++(?:[ \t]+[A-Z][^\W\d_]++)?)[ \t]+thuis\b",
    re.IGNORECASE,
)
_PARTICLE_RE = re.compile(
    r"(?<![^\W\d_])(?P<p>el|al|ibn|abu|abou|ait|ould|bou)[ \t]+(?P<name>[A-Z][^\W\d_]{3,})",
    re.IGNORECASE,
)
_LOWER_INITIAL_RE = re.compile(
    r"(?<![\w.])[a-z]\.[ \t]*(?:(?:el|al|van|de|der|den|ben|bin)[ \t]+){1,3}(?P<name>[a-z]{3,})"
)
_VAN_RE = re.compile(r"(?<![^\W\d_])Van[ \t]+(?:der|den|de|het|'t)[ \t]+(?P<name>[A-Z][^\W\d_]++)")


# A person described in brackets after a name: a nationality ("Agnieszka (poolse, …)").
_NATIONALITIES = (
    "pools", "marokkaans", "turks", "surinaams", "antilliaans", "syrisch", "eritrees", "eritrese",
    "somalisch", "afghaans", "oekraïens", "oekraiens", "duits", "iraans", "iraaks", "ghanees",
    "ghanese", "bulgaars", "roemeens", "hongaars", "chinees", "chinese", "koerdisch", "russisch",
    "kaapverdiaans", "litouws", "lets", "portugees", "portugese", "spaans", "italiaans",
)  # fmt: skip
_DESCRIBED_RE = re.compile(
    r"(?<![\w'-])(?P<name>[A-Z][^\W\d_]++)[ \t]*\([ \t]*"
    rf"(?:{'|'.join(_NATIONALITIES)})e?(?![^\W\d_])",
    re.IGNORECASE,
)
_STAFF = ("collega", "stagiair", "medewerker", "tolk", "vrijwilliger", "coördinator")
# "vriendje van haar (Romano)": a relation word, whose, then the name in brackets.
_OF_WHOM_RE = re.compile(
    r"(?<![^\W\d_])(?P<rel>[^\W\d_]+)[ \t]+van[ \t]+(?:haar|hem|hen|mij|de[ \t]+cliënt)"
    r"[ \t]*\([ \t]*(?P<name>[A-Z][^\W\d_]++)[ \t]*\)"
)


def _plain_title(word: str) -> bool:
    """A capitalised word in lower case after its first letter ("Rosario", not "GGD" or "iPad")."""
    return len(word) >= 3 and word[0].isupper() and word[1:].replace("-", "").islower()


def _unknown(word: str) -> bool:
    """A word that is no Dutch word and on no list of words that are never a name."""
    return not not_a_name(word) and not is_dutch_word(word)


def _namelike(word: str) -> bool:
    lower = word.casefold()
    if lower in NOT_A_NAME:
        return False
    return lower in FIRST_NAMES or lower in SURNAMES or looks_like_surname(word) or _unknown(word)


def _stem(word: str) -> str:
    """The name in a possessive: "Fatima's" → Fatima, "Kees'" → Kees, "Jansens" → Jansen."""
    if word.endswith("'s"):
        return word[:-2]
    if word.endswith("'"):
        return word[:-1]
    return word[:-1] if word.endswith("s") else ""


def _possessives(
    text: str, matches: list[re.Match[str]], texts: list[str], side: list[bool]
) -> Iterator[Span]:
    for index, word in enumerate(texts):
        if index == 0 or word not in _RELATIONS_CASED or not side[index - 1]:
            continue
        before = texts[index - 1]
        if before.casefold() in _COLLOQUIAL_OF:  # "Anouk d'r moeder", "Sem z'n vader"
            if index >= 2 and side[index - 2]:
                name = texts[index - 2]
                if name.casefold() in FIRST_NAMES or (
                    _plain_title(name) and name.casefold() in SURNAMES
                ):
                    yield matches[index - 2].start(), matches[index].end()
            continue
        stem = _stem(before)
        if len(stem) < 3 or not_a_name(stem):
            continue
        apostrophe = "'" in before
        if not apostrophe and is_dutch_word(before):
            continue  # "Vaders dag", "Gods zoon", "Nederlands kind"
        lower = stem.casefold()
        if lower in FIRST_NAMES or lower in SURNAMES:
            if case_of(stem) == "title" or apostrophe:
                yield matches[index - 1].start(), matches[index].end()
        elif _plain_title(stem) and _unknown(stem):
            yield matches[index - 1].start(), matches[index].end()


_FAMILY_RE = re.compile(r"(?<![^\W\d_])de[ \t]+(?P<name>[A-Z][a-zà-ÿ]{2,}(?:'s|s))(?![\w'])")


def _families(text: str) -> Iterator[Span]:
    """ "de Kruijt's", "de Jansens": a family named in the plural."""
    for match in _FAMILY_RE.finditer(text):
        word = match.group("name")
        stem = _stem(word)
        lower = stem.casefold()
        if lower in NOT_A_NAME or lower in FIRST_NAMES:
            continue
        if is_dutch_word(word) and "'" not in word:
            continue  # "van de Maas", "de Wmo's" (a word's plural with an apostrophe is lower)
        if lower in SURNAMES or looks_like_surname(stem) or ("'" in word and _unknown(stem)):
            yield match.start("name"), match.end()


def _lists(
    text: str, matches: list[re.Match[str]], texts: list[str], gaps: list[str]
) -> Iterator[Span]:
    """Three or more listed first names in a closed list: "Sem, Daan en Noor" (not "… en ik")."""
    index, last = 0, len(texts) - 1
    while index <= last:
        names = [index]
        closed = False
        while _first(texts[names[-1]]) and not closed:
            at = names[-1]
            if at < last and "," in gaps[at] and _COMMA_RE.fullmatch(gaps[at]):
                names.append(at + 1)
            elif at + 1 < last and texts[at + 1] == "en" and gaps[at].isspace():
                names.append(at + 2)
                closed = True
            else:
                break
        if not _first(texts[names[-1]]):
            names.pop()
            closed = False
        colleagues = names and names[0] > 0 and texts[names[0] - 1].casefold() in _COLLEAGUES
        if len(names) >= 3 and closed and not colleagues:
            yield matches[names[0]].start(), matches[names[-1]].end()
        index = names[-1] + 1 if names else index + 1


# Before a list of colleagues, not children: "met Sanne, Daan en Noor besproken".
_COLLEAGUES = frozenset({"met", "collega's", "collegas", "collega", "namens", "door", "team"})
_COMMA_RE = re.compile(r"[ \t]*,[ \t]*")


def _first(word: str) -> bool:
    return _plain_title(word) and word.casefold() in FIRST_NAMES


def _pairs(
    text: str, matches: list[re.Match[str]], texts: list[str], side: list[bool]
) -> Iterator[Span]:
    """Two capitalised unknown words side by side in mid-sentence: "met Priscilla Doelwijt"."""
    for index in range(1, len(texts) - 1):
        first, second = texts[index], texts[index + 1]
        if not (_plain_title(first) and _plain_title(second) and side[index]):
            continue
        before = texts[index - 1]
        gap = text[matches[index - 1].end() : matches[index].start()]
        if not before.islower() or before in _PLACE_BEFORE or gap.strip(" \t,") or "\n" in gap:
            continue  # at a sentence's start, after a line break, or a place ("naar Sri Lanka")
        if index + 2 < len(texts) and side[index + 1] and _plain_title(texts[index + 2]):
            continue  # a longer capitalised phrase: an organisation or a title
        if f"{first} {second}".casefold() in _PLACES:
            continue
        if not (_unknown(first) or first.casefold() in FIRST_NAMES) or not _unknown(second):
            continue
        if first.casefold() in FIRST_NAMES and second.casefold() in FIRST_NAMES:
            continue  # two colleagues' first names
        start, end = matches[index].start(), matches[index + 1].end()
        if not landmark(text, start, end):
            yield start, end


def _lower_full_names(
    texts: list[str], matches: list[re.Match[str]], side: list[bool]
) -> Iterator[Span]:
    """ "marjan kuijt": a listed first name in lower case before a Dutch-spelled unknown word."""
    for index in range(len(texts) - 1):
        first, second = texts[index], texts[index + 1]
        if not (first.islower() and second.islower() and side[index]):
            continue
        if first not in FIRST_NAMES or is_dutch_word(first) or len(second) < 4:
            continue
        if second in FIRST_NAMES or not _unknown(second):
            continue
        if _DUTCH_SURNAME_RE.search(second) is not None:
            yield matches[index].start(), matches[index + 1].end()


def _cued(text: str) -> Iterator[Span]:
    lower = text.casefold()
    if "thuis" in lower:
        for match in _THUIS_RE.finditer(text):
            name = match.group("name")
            words = name.split()
            if all(_namelike(word) for word in words) and not landmark(
                text, match.start("name"), match.end("name")
            ):
                yield match.span("name")
    if "dossier" in lower or "zaak" in lower or "casus" in lower:
        for match in _LABEL_RE.finditer(text):
            name = match.group("name")
            if not _plain_title(name.split("-")[0]) or not_a_name(name):
                continue
            if match.group("tv") or _namelike(name) or name.casefold() in SURNAMES:
                yield match.start("tv") if match.group("tv") else match.start("name"), match.end()
    if "(" in text:
        for match in _DESCRIBED_RE.finditer(text):
            name = match.group("name")
            before = text[max(0, match.start() - 24) : match.start()].split()[-1:]
            colleague = bool(before) and before[0].casefold().startswith(_STAFF)
            if _plain_title(name) and _namelike(name) and not colleague:
                yield match.span("name")
        for match in _OF_WHOM_RE.finditer(text):
            name = match.group("name")
            if match.group("rel").casefold() in _RELATIONS and _namelike(name):
                yield match.start(), match.end("name")
        for match in _AGED_RE.finditer(text):
            words = [w for w in match.group("name").split() if w[0].isupper()]
            linked = len(match.group("name").split()) > len(words)
            if any(not_a_name(word) for word in words):
                continue
            named = (linked and len(words) >= 2) or any(
                word.casefold() in FIRST_NAMES or word.casefold() in SURNAMES or _unknown(word)
                for word in words
            )
            if named and not landmark(text, match.start(), match.end("name")):
                yield match.span("name")
    for match in _PARTICLE_RE.finditer(text):
        name = match.group("name")
        if _plain_title(name) and _unknown(name) and name.casefold() not in FIRST_NAMES:
            phrase = f"{match.group('p')} {name}".casefold()
            if phrase not in _PLACES and not landmark(text, match.start(), match.end()):
                yield match.span()
    if "." in text:
        for match in _LOWER_INITIAL_RE.finditer(text):
            if _unknown(match.group("name")):
                yield match.span()
    if "Van " in text:
        for match in _VAN_RE.finditer(text):
            name = match.group("name")
            if name.casefold() in SURNAMES or (_plain_title(name) and _unknown(name)):
                yield match.span()


def more_names(text: str, matches: list[re.Match[str]], texts: list[str]) -> Iterator[Span]:
    """Every name found by the rules in the module docstring (matches: the text's words)."""
    gaps = [text[a.end() : b.start()] for a, b in pairwise(matches)]
    side = [_GAP_RE.fullmatch(gap) is not None for gap in gaps]
    yield from _possessives(text, matches, texts, side)
    yield from _families(text)
    yield from _lists(text, matches, texts, gaps)
    yield from _pairs(text, matches, texts, side)
    yield from _lower_full_names(texts, matches, side)
    yield from _cued(text)
