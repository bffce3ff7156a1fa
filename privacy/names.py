"""Detector for names of people.

What counts as a name:

* any word after an honorific (mevrouw, mw., dhr., de heer, familie, mr. …), in any case and also
  after a line break or a colon, unless it is an ordinary Dutch word ("Mevrouw belde terug");
* a first name, or an unknown word, after a relation word (stiefdochter, kind, oma, haar man …),
  also after a colon or in brackets ("moeder: Fatima", "moeder (Fatima)"), and a first name with a
  relation word in brackets or after a comma ("Fatima (moeder)");
* a known first name followed by a surname, in any case ("Sanne Visser", "sanne visser", "SANNE
  VISSER"), initials before or after a surname ("J. Jansen", "Jansen, J.P."), and whatever follows
  "naam:" ("Naam moeder: Fatima");
* any first name, known or not, before a word shaped like a surname that no Dutch word resembles
  (a hyphenated particle "Al-Hassan", a letter such as ç ş ı ł, an ending such as -ski, -wicz,
  -persad, a start such as Gebre-: "Tewodros Gebremariam", "agnieszka kowalczyk").

A listed first name on its own is a name too (``lone_first_names``, round 8: names of colleagues
are never stored either). What does not: a relation word before a capitalised ordinary word
("Vader Werkt veel"); and landmarks, buildings and shops named after people ("het Anne Frank
Huis", "bij Albert Heijn").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import itemgetter

from privacy.cue_names import cue_names
from privacy.landmarks import landmark, named_after
from privacy.list_names import list_names
from privacy.lone_first_names import lone_first_names
from privacy.lone_surnames import called_names, lone_surnames, particle_names
from privacy.loose_names import loose_names
from privacy.more_names import more_names
from privacy.name_parts import (
    FOREIGN_LETTER_RE,
    PARTICLES,
    SURNAME_HEADS,
    SURNAME_TAILS,
    after_honorific,
    after_relation,
    case_of,
    known_first,
    looks_like_surname,
    not_a_name,
    surname_after_first,
    unknown_first,
)
from privacy.words import (
    FIRST_NAMES,
    RELATION_WORDS,
    SURNAMES,
    WordPlaces,
    is_dutch_word,
    is_ordinary_word,
    lowered,
    word_tag,
)

Span = tuple[int, int]

__all__ = ["find_name"]


def _split(words: str) -> list[str]:
    """The words of a list written as one string."""
    return words.split()


_TUSSENVOEGSELS = (
    r"van|de|der|den|het|'t|ter|ten|in[ \t]+'t|op[ \t]+de|op[ \t]+den|op[ \t]+ten|la|le|da|di|dos"
    r"|du|del|el|al|ben|bin|ibn|ait|abu|abou|von|zu|vd|v\.d\."
)
# Possessive: a word is taken whole or not at all (no backtracking into it: linear, and fast).
_NAME_WORD = r"[^\W\d_]++(?:['-][^\W\d_]++)*+"


_TAIL_RE = re.compile(
    r"(?P<initials>(?:[A-Z]\.[ \t]?){1,4}[ \t]*)?"  # initials: "A. Jansen", "J.P. de Vries"
    rf"(?P<tv>(?:(?:{_TUSSENVOEGSELS})[ \t]+){{0,3}})"
    rf"(?P<name>{_NAME_WORD})",
    re.IGNORECASE,
)
_MORE_RE = re.compile(
    rf"[ \t]+(?:(?:{_TUSSENVOEGSELS})[ \t]+){{0,3}}(?P<name>{_NAME_WORD})",
    re.IGNORECASE,
)
_HONORIFICS = (
    r"(?:mevr|mw|mvr|mnr|dhr|fam|mr|dr|drs|ir|prof|mej|jhr|jkvr|mrs)"
    r"(?:\.[ \t]*|[ \t]+|(?=[ \t]*\r?\n))(?:[ \t]*\r?\n){0,2}[ \t]*"
    r"|(?:hr|ms|zr|ds|ing|dhr)\.[ \t]*"  # only with a dot: "HR Advies", "MS Teams", "ING Bank"
    r"|(?:mevrouw|meneer|(?:de|geachte|beste)[ \t]+heer|familie|juffrouw|mejuffrouw|juf|meester)"
    r"(?:(?:[ \t]*\r?\n){1,2}[ \t]*|[ \t]*:[ \t]*|[ \t]+)"
)
_HONORIFIC_RE = re.compile(_HONORIFICS, re.IGNORECASE)
_HONORIFIC_WORDS = frozenset(
    _split(
        "mevr mw mvr mnr dhr fam mr dr drs ir prof mej mevrouw meneer heer familie juffrouw"
        " mejuffrouw juf meester jhr jkvr mrs hr ms zr ds ing"
    )
)
_BEFORE_HEER = frozenset({"de", "geachte", "beste"})
_RELATION_SET = frozenset(RELATION_WORDS.split("|")) | {"man", "vrouw"}
_SPOUSE_OF = frozenset({"haar", "zijn", "z'n", "d'r"})
_SEP_AFTER_RELATION_RE = re.compile(r"[ \t]*[:(,=][ \t]*|[ \t]+-[ \t]+|[ \t]+")
_NAME_BEFORE_RELATION_RE = re.compile(
    rf"(?P<name>{_NAME_WORD})(?:[ \t]*\([ \t]*|[ \t]*,[ \t]*)"
    r"(?:(?:de|haar|zijn|z'n|d'r|onze|mijn|hun)[ \t]+)?$",
    re.IGNORECASE,
)
_NAAM_RE = re.compile(
    r"(?<![^\W\d_])(?:cliënt|client|achter|voor|roep|bij|meisjes|familie|geboorte)?naam"
    r"(?:[ \t]+(?:van[ \t]+)?(?:de[ \t]+|het[ \t]+)?[^\W\d_]+)?[ \t]*:[ \t]*",
    re.IGNORECASE,
)
# A word that starts after a space or punctuation (not inside a code, a number or an address):
# a character class first, then a look back, which the regex engine scans fast.
_TOKEN_RE = re.compile(r"[^\W\d_](?<![\w@'-][^\W\d_])[^\W\d_]*+(?:['-][^\W\d_]++)*+")
_INITIALS_BEFORE_RE = re.compile(
    r"(?P<initials>[A-Z]\.(?:[ \t]?[A-Z]\.){0,3}[ \t]?)[ \t]*"
    rf"(?P<tv>(?:(?:{_TUSSENVOEGSELS})[ \t]+){{0,3}})(?P<name>[A-Z][^\W\d_]*+(?:['-][^\W\d_]++)*+)"
)
_INITIAL_RE = re.compile(r"[A-Z]\.")
# The word just before an initial, with the comma or spaces between ("Jansen, " in "Jansen, J.").
_NAME_THEN_GAP_RE = re.compile(r"[A-Z][^\W\d_]++(?:['-][^\W\d_]++)*+(?:[ \t]*,[ \t]*|[ \t]+)$")
_INITIALS_AFTER_RE = re.compile(
    r"(?P<name>[A-Z][^\W\d_]++(?:['-][^\W\d_]++)*+)(?:[ \t]*,[ \t]*|[ \t]+)"
    r"(?P<initials>[A-Z]\.(?:[ \t]?[A-Z]\.){0,3})(?![\w])"
)


def _name_end(text: str, end: int, case: str) -> int:
    """Extend a name span over further name parts ("Fatima El Amrani")."""
    for _ in range(3):
        more = _MORE_RE.match(text, end)
        if more is None:
            break
        word = more.group("name")
        if not_a_name(word) or case_of(word) != case or (case == "lower" and is_dutch_word(word)):
            break
        end = more.end()
    return end


_Word = tuple[int, int, str, str]  # start, end, the word, the word case-folded


def _cased(words: frozenset[str]) -> frozenset[str]:
    """words as written in lower case, with a capital, and in capitals."""
    return frozenset(form for word in words for form in (word, word.title(), word.upper()))


_HONORIFIC_WORDS_CASED = _cased(_HONORIFIC_WORDS)
_RELATION_CASED = _cased(_RELATION_SET)
# The words a name rule starts from; all other words are passed over without a look.
_TRIGGERS = _cased(FIRST_NAMES | SURNAMES | _RELATION_SET | _HONORIFIC_WORDS)


def _honorific_names(text: str, words: list[_Word]) -> Iterator[Span]:
    for index, (start, _, word_text, lower) in enumerate(words):
        if word_text not in _HONORIFIC_WORDS_CASED:
            continue
        if lower == "heer":  # "de heer", "Geachte heer" (a letter's salutation)
            if (
                index == 0
                or words[index - 1][3] not in _BEFORE_HEER
                or words[index - 1][1] < start - 3
            ):
                continue
            start = words[index - 1][0]
        honorific = _HONORIFIC_RE.match(text, start)
        if honorific is None:
            continue
        tail = _TAIL_RE.match(text, honorific.end())
        if tail is None:
            continue
        word = tail.group("name")
        linked = bool(tail.group("initials") or tail.group("tv"))
        if after_honorific(word, linked=linked):
            end = _name_end(text, tail.end(), case_of(word))
            if not named_after(text, start, tail.start("tv"), end):
                yield start, end
        elif tail.group("initials"):
            yield start, tail.start("tv")  # "mw. Y.": initials alone are a name too


def _relation_names(text: str, words: list[_Word]) -> Iterator[Span]:
    for index, (start, end, word_text, lower) in enumerate(words):
        if word_text not in _RELATION_CASED:
            continue
        if lower in ("man", "vrouw"):
            if index == 0 or words[index - 1][3] not in _SPOUSE_OF:
                continue  # "haar man Ahmed", not "een man Belde"
            if words[index - 1][1] < start - 3:
                continue
            start = words[index - 1][0]
        window = text[max(0, start - 16) : start]
        if "(" in window or "," in window:  # a cheap look before the search: "Fatima (moeder)"
            before = _NAME_BEFORE_RELATION_RE.search(text, max(0, start - 40), start)
            if before is not None and _beside_relation(text, before):
                yield before.span("name")
        sep = _SEP_AFTER_RELATION_RE.match(text, end)
        if sep is None:
            continue
        tail = _TAIL_RE.match(text, sep.end())
        if tail is None:
            continue
        word = tail.group("name")
        linked = bool(tail.group("initials") or tail.group("tv"))
        comma = "," in sep.group() or "-" in sep.group()
        if after_relation(word, linked=linked, comma=comma) and not landmark(
            text, tail.start(), tail.end()
        ):
            yield start, _name_end(text, tail.end(), case_of(word))


def _beside_relation(text: str, before: re.Match[str]) -> bool:
    """Whether the word before "(moeder)" or ", moeder" is a name ("Fatima (moeder)")."""
    start = before.start("name")
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'-"):
        return False  # the window began inside a word
    word = before.group("name")
    if not_a_name(word) or case_of(word) == "upper":
        return False
    return known_first(word) or (case_of(word) == "title" and not is_dutch_word(word))


def _full_names(text: str, words: list[_Word]) -> Iterator[Span]:
    for index in range(len(words) - 1):
        start, end, first, given = words[index]
        next_start, next_end, following, following_lower = words[index + 1]
        if not 0 < next_start - end <= 3 or text[end:next_start].strip(" \t"):
            continue  # names are words side by side on one line
        if "-" in given:
            given = given.split("-", 1)[0]  # "Jan-Willem", "Anne-Marie"
        if given not in FIRST_NAMES:
            if (
                following_lower in SURNAMES  # surname shapes: _shaped_names
                and unknown_first(first, following)
                and not landmark(text, start, next_end)
            ):
                yield start, next_end
            continue
        first_case = case_of(first)
        if first_case == "lower" and following_lower not in SURNAMES and is_dutch_word(first):
            continue  # "max", "mark", "roos": lower-case words, unless a surname follows
        tail = _TAIL_RE.match(text, next_start)
        if tail is None or tail.group("name") == first:
            continue
        word = tail.group("name")
        linked = bool(tail.group("tv"))
        if tail.group("initials") and first_case == "title":
            linked = True
        if not surname_after_first(word, first_case, linked=linked):
            continue
        if tail.group("tv").strip().casefold() == "al" and is_ordinary_word(word):
            continue  # "Sanne Al Gebeld": the adverb al and a verb, not "Al" of a surname
        name_end = _name_end(text, tail.end(), case_of(word))
        if not landmark(text, start, name_end):
            yield start, name_end


_LAST_FOUR = itemgetter(slice(-4, None))
_FIRST_SIX = itemgetter(slice(0, 6))


def _shaped_places(text: str, texts: list[str]) -> list[int]:
    """Where a word may be shaped like a surname: set lookups first, then a search for the few.

    Most texts hold no word with such an ending or start, and cost two set lookups per word.
    """
    pieces = SURNAME_TAILS.intersection(map(_LAST_FOUR, texts)) | SURNAME_HEADS.intersection(
        map(_FIRST_SIX, texts)
    )
    places = [place for piece in pieces for place in _occurrences(text, piece)]
    if "-" in text:  # "Al-Hassan": the word that holds the particle
        places += [
            particle.start(particle.lastindex or 0) for particle in _PARTICLE_RE.finditer(text)
        ]
    if not text.isascii():
        places += [letter.start() for letter in FOREIGN_LETTER_RE.finditer(text)]
    return places


_WORD_START_RE = re.compile(r"[^\W\d_'-]*$")
# A hyphen first (the engine scans for it fast), then a look back for a particle before it.
_PARTICLE_RE = re.compile(
    "-(?:"
    + "|".join(
        rf"(?<=(?<![^\W\d_])(?P<p{size}>(?i:{'|'.join(sorted(group))}))-)"
        for size, group in sorted(
            (size, [p for p in PARTICLES if len(p) == size]) for size in {len(p) for p in PARTICLES}
        )
    )
    + ")"
)
_FIRST_BEFORE_RE = re.compile(rf"(?<![\w'-])(?P<first>{_NAME_WORD})[ \t]{{1,3}}$")


def _shaped_names(text: str, places: list[int]) -> Iterator[Span]:
    """A first name (known or not) before a word shaped like a surname ("Tewodros Gebremariam")."""
    done = -1
    for place in places:
        if place < done:
            continue
        start = _WORD_START_RE.search(text, max(0, place - 40), place)
        word = _TAIL_RE.match(text, start.start() if start else place)
        if word is None or word.group("initials") or word.group("tv"):
            continue
        surname, done = word.group("name"), word.end()
        if not looks_like_surname(surname):
            continue
        before = _FIRST_BEFORE_RE.search(text, max(0, word.start() - 40), word.start())
        if before is None:
            continue
        first = before.group("first")
        if known_first(first):
            shaped = surname_after_first(surname, case_of(first), linked=False)
        else:
            shaped = unknown_first(first, surname)
        if shaped and not landmark(text, before.start(), word.end()):
            yield before.start(), word.end()


def _occurrences(text: str, piece: str) -> Iterator[int]:
    """Where piece occurs in text."""
    at = text.find(piece)
    while at >= 0:
        yield at
        at = text.find(piece, at + 1)


_TRIGGERS_BIT = word_tag(_TRIGGERS)


def _trigger_words(
    text: str, matches: list[re.Match[str]], texts: list[str], where: WordPlaces
) -> list[_Word]:
    """The words name rules start from, with their neighbours (a word before, a word after)."""
    hits = where.of(_TRIGGERS_BIT)
    if "-" in text:
        hits += [
            i
            for i in where.joined()
            if "-" in (word := texts[i]) and word[: word.index("-")] in _TRIGGERS
        ]
    words: list[_Word] = []
    previous = -2
    last = len(matches) - 1
    for index in sorted({near for hit in hits for near in (hit - 1, hit, hit + 1)}):
        if 0 <= index <= last:
            if index != previous + 1 and words:
                words.append((-1, -1, "", ""))  # a break: these two are not neighbours
            start, end = matches[index].span()
            words.append((start, end, texts[index], texts[index].casefold()))
            previous = index
    return words


def _glued(text: str, start: int, marks: str) -> bool:
    """Whether text[start] continues a word (or follows one of marks)."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in marks)


def _initial_names(text: str) -> Iterator[Span]:
    """Initials before a surname ("J. Jansen") or after it ("Jansen, J.P."), found from initials.

    The text is scanned once for a capital and a dot; each pattern is tried only there (before)
    or at the word just before (after), as ``finditer`` would find them.
    """
    initials = [initial.start() for initial in _INITIAL_RE.finditer(text)]
    done = 0
    for at in initials:
        if at < done:
            continue
        match = _INITIALS_BEFORE_RE.match(text, at)
        if match is None:
            continue
        done = match.end()
        word = match.group("name")
        if _glued(text, match.start(), "._") or not_a_name(word):
            continue
        several = match.group("initials").count(".") >= 2 or bool(match.group("tv"))
        listed = word.casefold() in SURNAMES
        if (several or listed or not is_dutch_word(word)) and not landmark(
            text, match.start(), match.end()
        ):
            yield match.span()
    done = 0
    for at in initials:
        if at < done:
            continue
        before = _NAME_THEN_GAP_RE.search(text, max(done, at - 48), at)
        match = _INITIALS_AFTER_RE.match(text, before.start()) if before is not None else None
        if match is None:
            continue
        done = match.end()
        word = match.group("name")
        if _glued(text, match.start(), "'-_") or not_a_name(word):
            continue
        several = match.group("initials").count(".") >= 2
        if several or word.casefold() in SURNAMES or not is_dutch_word(word):
            yield match.span()


def _labelled_names(text: str) -> Iterator[Span]:
    if "naam" not in lowered(text):
        return
    for match in _NAAM_RE.finditer(text):
        tail = _TAIL_RE.match(text, match.end())
        if tail is None:
            continue
        word = tail.group("name")
        if not_a_name(word):
            continue
        if case_of(word) != "lower" or word.casefold() in SURNAMES or not is_dutch_word(word):
            yield match.start(), _name_end(text, tail.end(), case_of(word))


def find_name(text: str) -> Iterator[Span]:
    """Every name found by the rules in the module docstring."""
    matches = list(_TOKEN_RE.finditer(text))
    texts = [match[0] for match in matches]
    where = WordPlaces(text, matches, texts)
    words = _trigger_words(text, matches, texts, where)
    found: list[Span] = []
    found += _honorific_names(text, words)
    found += _relation_names(text, words)
    found += _full_names(text, words)
    places = sorted(_shaped_places(text, texts))
    found += _shaped_names(text, places)
    found += _initial_names(text)
    found += _labelled_names(text)
    found += lone_surnames(text, matches, texts, where, places)
    found += particle_names(text, matches, texts, where)
    found += loose_names(text, matches, texts, where)
    lower = lowered(text)
    found += called_names(text, lower)
    found += more_names(text, matches, texts, where)
    found += list_names(text, lower, matches, texts, where)
    found += cue_names(text, matches, texts, where)
    yield from found
    yield from lone_first_names(text, matches, texts, where, found)
