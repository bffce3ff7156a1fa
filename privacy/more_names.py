"""Names with few cues, as hurried notes write them (round 4 of issue 12).

Each rule needs a cue beside the name (written when a colleague's first name alone still
passed; since round 8 a listed first name alone is ``lone_first_names``'s):

* a possessive before a relation word: "Jansens dochter", "Fatima's zoon",
  "Anouk d'r moeder", "Sem z'n vader"; and a family in the plural, "de Kruijt's";
* a closed list of three or more listed first names ("Sem, Daan en Noor"), not after met,
  collega's or namens (colleagues: "met Sanne, Daan en Noor besproken");
* two capitalised words side by side in mid-sentence that no Dutch word resembles ("met
  Priscilla Doelwijt", "belde Lucia Rosario"), not after a word for a place ("naar Sri Lanka")
  and not a known place of several words (``plaatsnamen.txt``);
* a full name in lower case: a listed first name before a word that is no Dutch word and is
  spelled like a Dutch surname ("marjan kuijt": ij, uy, -sen, -stra …);
* a name before "thuis" after "bij" ("bij Rutger thuis", "bij Ricardo en Shanice thuis");
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
from pathlib import Path

from privacy.landmarks import landmark
from privacy.name_parts import case_of, looks_like_surname, not_a_name
from privacy.words import (
    FIRST_NAMES,
    NOT_A_NAME,
    RELATION_WORDS,
    SURNAMES,
    WordPlaces,
    is_dutch_word,
    lowered,
    word_tag,
)

Span = tuple[int, int]

__all__ = ["PLACES", "more_names"]


def _load(name: str) -> frozenset[str]:
    """A shipped list, one entry a line, lower-cased; lines starting with # are comments."""
    lines = Path(__file__).with_name(name).read_text(encoding="utf-8").splitlines()
    return frozenset(
        " ".join(line.split()).casefold() for line in lines if line.strip() and line[0] != "#"
    )


PLACES = _load("plaatsnamen.txt")
_PLACES = PLACES
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
    r"(?:dossier|zaak|casus)(?![^\W\d_])[ \t]*:?[ \t]+"
    r"(?P<tv>(?:(?:van|de|der|den|ter|ten|el|al)[ \t]+){0,3})"
    r"(?P<name>[A-Z][^\W\d_]++(?:-[^\W\d_]++)*+)",
    re.IGNORECASE,
)
# Found from the bracket: an age in it, then the name before it ("Roos van Dam (17)").
_AGE_RE = re.compile(r"\([ \t]*[0-9]{1,2}[ \t]*(?:jr|jaar|j)?\.?[ \t]*\)")
_AGED_NAME_RE = re.compile(
    r"(?<![\w'-])(?P<name>[A-Z][^\W\d_]*+(?:[ \t]+(?:(?:van|de|der|den|ter|ten|el|al)[ \t]+){0,3}"
    r"[A-Z][^\W\d_]*+){0,2})[ \t]*$"
)
# Found from "thuis", looking back: "bij Rutger thuis".
_THUIS_RE = re.compile(
    r"(?<![^\W\d_])(?i:bij)[ \t]+(?P<name>[A-Z][^\W\d_]*+(?:[ \t]+[A-Z][^\W\d_]*+)?"
    r"(?:[ \t]+en[ \t]+[A-Z][^\W\d_]*+)?)[ \t]+$"
)
_PARTICLES_CASED = frozenset(
    form
    for word in ("el", "al", "ibn", "abu", "abou", "ait", "ould", "bou")
    for form in (word, word.title(), word.upper())
)
_LOWER_LINKS = frozenset({"el", "al", "van", "de", "der", "den", "ben", "bin"})
_INITIAL_BEFORE_RE = re.compile(r"(?<![\w.])[a-z]\.[ \t]*$")
_VAN_RE = re.compile(r"(?<![^\W\d_])Van[ \t]+(?:der|den|de|het|'t)[ \t]+(?P<name>[A-Z][^\W\d_]++)")


# A person described in brackets after a name: a nationality ("Agnieszka (poolse, …)").
_NATIONALITIES = (
    "pools", "marokkaans", "turks", "surinaams", "antilliaans", "syrisch", "eritrees", "eritrese",
    "somalisch", "afghaans", "oekraïens", "oekraiens", "duits", "iraans", "iraaks", "ghanees",
    "ghanese", "bulgaars", "roemeens", "hongaars", "chinees", "chinese", "koerdisch", "russisch",
    "kaapverdiaans", "litouws", "lets", "portugees", "portugese", "spaans", "italiaans",
)  # fmt: skip
_NATIONALITY_RE = re.compile(rf"\([ \t]*(?i:{'|'.join(_NATIONALITIES)})e?(?![^\W\d_])")
_NAME_BEFORE_RE = re.compile(r"(?<![\w'-])(?P<name>[A-Z][^\W\d_]*+)[ \t]*$")
_STAFF = ("collega", "stagiair", "medewerker", "tolk", "vrijwilliger", "coördinator")
# "vriendje van haar (Romano)": a relation word, whose, then the name in brackets.
_BRACKET_NAME_RE = re.compile(r"\([ \t]*(?P<name>[A-Z][^\W\d_]++)[ \t]*\)")
_OF_WHOM_RE = re.compile(
    r"(?<![^\W\d_])(?P<rel>[^\W\d_]+)[ \t]+van[ \t]+(?:haar|hem|hen|mij|de[ \t]+cliënt)[ \t]*$"
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


def side_by_side(text: str, matches: list[re.Match[str]], left: int) -> bool:
    """Whether word left and the word after it stand side by side (one to three spaces)."""
    return _GAP_RE.fullmatch(text, matches[left].end(), matches[left + 1].start()) is not None


_RELATIONS_CASED_BIT = word_tag(_RELATIONS_CASED)


def _possessives(
    text: str, matches: list[re.Match[str]], texts: list[str], where: WordPlaces
) -> Iterator[Span]:
    for index in where.of(_RELATIONS_CASED_BIT):
        if index == 0 or not side_by_side(text, matches, index - 1):
            continue
        before = texts[index - 1]
        if before.casefold() in _COLLOQUIAL_OF:  # "Anouk d'r moeder", "Sem z'n vader"
            if index >= 2 and side_by_side(text, matches, index - 2):
                name = texts[index - 2]
                if name.casefold() in FIRST_NAMES or (
                    _plain_title(name) and (name.casefold() in SURNAMES or _unknown(name))
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


# "de Kruijt's", "de Jansens": from the capital (the engine scans for it fast), looking back.
_FAMILY_RE = re.compile(r"[A-Z](?<=(?<![^\W\d_])de[ \t][A-Z])[a-zà-ÿ]{2,}(?:'s|s)(?![\w'])")


def _families(text: str) -> Iterator[Span]:
    """ "de Kruijt's", "de Jansens": a family named in the plural."""
    for match in _FAMILY_RE.finditer(text):
        word = match.group()
        stem = _stem(word)
        lower = stem.casefold()
        if lower in NOT_A_NAME or lower in FIRST_NAMES:
            continue
        if is_dutch_word(word) and "'" not in word:
            continue  # "van de Maas", "de Wmo's" (a word's plural with an apostrophe is lower)
        if lower in SURNAMES or looks_like_surname(stem) or ("'" in word and _unknown(stem)):
            yield match.span()


_FIRST_TITLED = frozenset(name.title() for name in FIRST_NAMES)


_FIRST_TITLED_BIT = word_tag(_FIRST_TITLED)


def _lists(
    text: str, matches: list[re.Match[str]], texts: list[str], where: WordPlaces
) -> Iterator[Span]:
    """Three or more listed first names in a closed list: "Sem, Daan en Noor" (not "… en ik")."""
    named = set(where.of(_FIRST_TITLED_BIT))
    if len(named) < 3:
        return
    last = len(texts) - 1
    done = -1
    for index in sorted(named):
        if index <= done:
            continue
        names = [index]
        closed = False
        while not closed:
            at = names[-1]
            gap = text[matches[at].end() : matches[at + 1].start()] if at < last else ""
            if at + 1 in named and _COMMA_RE.fullmatch(gap):
                names.append(at + 1)
            elif at + 2 in named and texts[at + 1] == "en" and gap.isspace():
                names.append(at + 2)
                closed = True
            else:
                break
        done = names[-1]
        colleagues = index > 0 and texts[index - 1].casefold() in _COLLEAGUES
        if len(names) >= 3 and closed and not colleagues:
            yield matches[names[0]].start(), matches[names[-1]].end()


# Before a list of colleagues, not children: "met Sanne, Daan en Noor besproken".
_COLLEAGUES = frozenset({"met", "collega's", "collegas", "collega", "namens", "door", "team"})
_COMMA_RE = re.compile(r"[ \t]*,[ \t]*")
# Two capitalised words side by side after a lower-case word: from the capital, looking back.
_PAIR_RE = re.compile(
    r"[A-Z](?<=[a-zà-ÿ,][ \t][A-Z])(?P<first>[a-zà-ÿ]{2,})[ \t](?P<second>[A-Z][a-zà-ÿ]{2,})"
    r"(?![\w'-])(?![ \t]+[A-Z])"
)
_WORD_BEFORE_RE = re.compile(r"(?P<w>[^\W\d_]+)[ \t]*,?[ \t]$")


def _pairs(text: str) -> Iterator[Span]:
    """Two capitalised unknown words side by side in mid-sentence: "met Priscilla Doelwijt"."""
    for match in _PAIR_RE.finditer(text):
        start = match.start()
        first = text[start : match.end("first")]
        second = match.group("second")
        before = _WORD_BEFORE_RE.search(text, max(0, start - 16), start)
        if before is None or not before.group("w").islower() or before["w"] in _PLACE_BEFORE:
            continue  # at a sentence's start, or a place ("naar Sri Lanka")
        if f"{first} {second}".casefold() in _PLACES:
            continue
        if not (_unknown(first) or first.casefold() in FIRST_NAMES) or not _unknown(second):
            continue
        if first.casefold() in FIRST_NAMES and second.casefold() in FIRST_NAMES:
            continue  # two colleagues' first names
        if not landmark(text, start, match.end()):
            yield start, match.end()


_FIRST_NAMES_BIT = word_tag(FIRST_NAMES)


def _lower_full_names(
    text: str, matches: list[re.Match[str]], texts: list[str], where: WordPlaces
) -> Iterator[Span]:
    """ "marjan kuijt": a listed first name in lower case before a Dutch-spelled unknown word."""
    last = len(texts) - 1
    for index in where.of(_FIRST_NAMES_BIT):
        if index == last:
            continue
        first, second = texts[index], texts[index + 1]
        if not second.islower() or len(second) < 4 or second in FIRST_NAMES:
            continue
        if not side_by_side(text, matches, index) or is_dutch_word(first) or not _unknown(second):
            continue
        if _DUTCH_SURNAME_RE.search(second) is not None:
            yield matches[index].start(), matches[index + 1].end()


_LOWER_LINKS_BIT = word_tag(_LOWER_LINKS)

_PARTICLES_CASED_BIT = word_tag(_PARTICLES_CASED)


def _particles(
    text: str, matches: list[re.Match[str]], texts: list[str], where: WordPlaces
) -> Iterator[Span]:
    """ "met el Khatib", "El Idrissi"; "r. el hadioui" (an initial, a particle, lower case)."""
    last = len(texts) - 1
    for index in where.of(_PARTICLES_CASED_BIT):
        if index == last or not side_by_side(text, matches, index):
            continue
        name = texts[index + 1]
        if len(name) < 4 or not _plain_title(name) or name.casefold() in FIRST_NAMES:
            continue
        if _unknown(name) and f"{texts[index]} {name}".casefold() not in _PLACES:
            start, end = matches[index].start(), matches[index + 1].end()
            if not landmark(text, start, end):
                yield start, end
    if "." not in text:
        return
    for index in where.of(_LOWER_LINKS_BIT):
        start = matches[index].start()
        if "." not in text[max(0, start - 3) : start]:
            continue
        initial = _INITIAL_BEFORE_RE.search(text, max(0, start - 4), start)
        if initial is None:
            continue
        end = index + 1
        while end <= last and texts[end] in _LOWER_LINKS and end < index + 3:
            end += 1
        word = texts[end] if end <= last else ""
        if word.islower() and len(word) >= 3 and _unknown(word):
            yield initial.start(), matches[end].end()


def _brackets(text: str) -> Iterator[Span]:
    """Names beside a bracket: an age, a nationality, or the name in it after "van haar"."""
    at = text.find("(")
    while at >= 0:
        window = max(0, at - 60)
        if _AGE_RE.match(text, at) is not None:
            named = _AGED_NAME_RE.search(text, window, at)
            if named is not None:
                yield from _aged(text, named)
        elif _NATIONALITY_RE.match(text, at) is not None:
            named = _NAME_BEFORE_RE.search(text, window, at)
            if named is not None:
                before = text[max(0, named.start() - 24) : named.start()].split()[-1:]
                colleague = bool(before) and before[0].casefold().startswith(_STAFF)
                name = named.group("name")
                if _plain_title(name) and _namelike(name) and not colleague:
                    yield named.span("name")
        else:
            inside = _BRACKET_NAME_RE.match(text, at)
            if inside is not None and _namelike(inside.group("name")):
                whose = _OF_WHOM_RE.search(text, window, at)
                if whose is not None and whose.group("rel").casefold() in _RELATIONS:
                    yield whose.start(), inside.end("name")
        at = text.find("(", at + 1)


def _aged(text: str, named: re.Match[str]) -> Iterator[Span]:
    """ "Roos van Dam (17)", "Sem (7)": capitalised words before an age in brackets."""
    words = [w for w in named.group("name").split() if w[0].isupper()]
    linked = len(named.group("name").split()) > len(words)
    if not words or any(not_a_name(word) for word in words) or len(words[0]) < 2:
        return
    known = any(
        word.casefold() in FIRST_NAMES or word.casefold() in SURNAMES or _unknown(word)
        for word in words
    )
    if ((linked and len(words) >= 2) or known) and not landmark(
        text, named.start(), named.end("name")
    ):
        yield named.span("name")


def _cued(text: str) -> Iterator[Span]:
    lower = lowered(text)
    at = lower.find("thuis")
    while at >= 0:
        match = _THUIS_RE.search(text, max(0, at - 50), at)
        if match is not None:
            words = [word for word in match.group("name").split() if word != "en"]
            if all(_plain_title(word) and _namelike(word) for word in words) and not landmark(
                text, match.start("name"), match.end("name")
            ):
                yield match.span("name")
        at = lower.find("thuis", at + 1)
    for label in ("dossier", "zaak", "casus"):
        at = lower.find(label)
        while at >= 0:
            match = _LABEL_RE.match(text, at) if not _glued_before(text, at) else None
            if match is not None:
                name = match.group("name")
                named = match.group("tv") or _namelike(name)
                if _plain_title(name.split("-")[0]) and not not_a_name(name) and named:
                    start = match.start("tv") if match.group("tv") else match.start("name")
                    yield start, match.end()
            at = lower.find(label, at + 1)
    if "(" in text:
        yield from _brackets(text)
    if "Van " in text:
        for match in _VAN_RE.finditer(text):
            name = match.group("name")
            if name.casefold() in SURNAMES or (_plain_title(name) and _unknown(name)):
                yield match.span()


def _glued_before(text: str, at: int) -> bool:
    return at > 0 and text[at - 1].isalpha()


def more_names(
    text: str, matches: list[re.Match[str]], texts: list[str], where: WordPlaces
) -> Iterator[Span]:
    """Every name found by the rules in the module docstring (matches: the text's words)."""
    yield from _possessives(text, matches, texts, where)
    yield from _families(text)
    yield from _lists(text, matches, texts, where)
    yield from _pairs(text)
    yield from _lower_full_names(text, matches, texts, where)
    yield from _particles(text, matches, texts, where)
    yield from _cued(text)
