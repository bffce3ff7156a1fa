"""Names in lists and asides, as hurried notes write them (round 5 of issue 12).

* children listed after a plural relation word, with or without ages: "kinderen sem, lotte en
  finn", "kids: jayden (8), aaliyah (5), noah (2)", "kinderen: Rayan, Imane en Yassir" (each a
  listed first name or a capitalised word that is no Dutch word; two with a listed one, or three);
* a listed first name set off by commas a few words after a relation word: "dochter van 14,
  lieke, spijbelt", "ex van mw, ricardo, heeft contactverbod";
* a surname before a comma and a first name, as a register writes it: "de Vries, Anna",
  "Yilmaz, Ayse" (a particle before the surname, or a surname that is no Dutch word);
* a listed surname that is no Dutch word before a first name, family name first as in
  Vietnamese and Chinese: "Nguyen Van Minh", "Tran Thi Lan";
* lower-case initials before a particle and a surname: "r.j. de graaf", "j.de vries";
* a word after a label that names a person: "t.n.v. Jansen", "roepnaam Mo", "bijnaam: Kiki",
  "roepnaam is Ama", "ze noemen hem Jimmy" (a capitalised word that is no Dutch word, or a
  listed name);
* two capitalised words that are names at a sentence's start before a verb ("Natasha Pietersz
  belde", "Kwabena Ofori heeft"), and a name before a comma and an age ("Chayenne, 15 jaar");
* a listed first name in lower case after heet or genaamd beside a person word: "zus heet samira";
* a listed first name after a relation word and "is", or after "naam … is": "zoontje is Jens",
  "naam van de baby is Liam"; a listed first name before "en haar/zijn" and a relation word
  ("Ayşe en haar moeder"); a name before a school class in brackets ("Jayden (groep 6)").

What still passes: "Samen Sterk heeft", "in Hilversum, 15 jaar gewoond", "kinderen gaan naar
school", "de kinderen, Sanne en ik" (one name), "met Sanne, Daan en Noor besproken" (colleagues,
no relation word), "o.a. de bakker", "i.v.m. de vries" (abbreviations, not initials), "Groen,
Sanne vindt" (a Dutch word before the comma).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.landmarks import landmark
from privacy.more_names import PLACES as _PLACES
from privacy.name_parts import not_a_name
from privacy.words import FIRST_NAMES, RELATION_WORDS, SURNAMES, WordPlaces, is_dutch_word, word_tag

Span = tuple[int, int]

__all__ = ["list_names"]


def _split(words: str) -> list[str]:
    """The words of a list written as one string."""
    return words.split()


_PLURALS = frozenset(
    _split(
        "kinderen kids kinders zonen zoons dochters kleinkinderen broers zussen broertjes zusjes"
        " pleegkinderen stiefkinderen tweeling jongens meiden meisjes ouders grootouders"
        " pleegouders"
    )
)
_PLURALS_CASED = frozenset(form for word in _PLURALS for form in (word, word.title()))
_AGE = r"(?:[ \t]*\(?[ \t]*[0-9]{1,2}[ \t]*(?:jr|jaar|j|mnd)?\.?[ \t]*\)?)?"
_WORD = r"[^\W\d_]++(?:-[^\W\d_]++)?"
_CHILD_LIST_RE = re.compile(
    rf"[ \t]*(?:[:(,][ \t]*)?(?P<list>{_WORD}{_AGE}"
    rf"(?:(?:[ \t]*[,&+/][ \t]*|[ \t]*,?[ \t]+en[ \t]+){_WORD}{_AGE}){{1,6}})"
)
_LIST_WORD_RE = re.compile(_WORD)
_RELATIONS = frozenset(RELATION_WORDS.split("|"))
_RELATIONS_CASED = frozenset(form for word in _RELATIONS for form in (word, word.title()))
# Abbreviations shaped like lower-case initials: "o.a. de bakker" is no name.
_ABBREVIATIONS = frozenset(
    _split(
        "o.a. d.w.z. i.v.m. m.b.t. t.a.v. z.s.m. m.i.v. e.d. a.s. i.p.v. n.a.v. t.z.t. m.n. b.v."
        " o.b.v. i.o.m. t.b.v. a.d.h.v. m.u.v. v.w.b. i.s.m. t.o.v. o.l.v. p.p. n.v.t."
    )
)
# From the dot (the engine scans for it fast), looking back for the initial.
_LOWER_INITIALS_RE = re.compile(
    r"\.(?<=(?<![\w.])[a-z]\.)(?:[ \t]?[a-z]\.){0,3}[ \t]*"
    r"(?P<tv>(?:(?:van|de|der|den|ter|ten|el|al)[ \t]+){1,3})"
    r"(?P<name>[a-z]{3,}+)(?![\w'-])"
)
_PARTICLE_BEFORE_RE = re.compile(r"(?<![^\W\d_])(?:de|van|der|den|ter|ten|van[ \t]+de)[ \t]+$")
_TITLE_SURNAMES = frozenset(surname.title() for surname in SURNAMES)
_ASIAN_MIDDLE = frozenset(_split("Van Thi Văn Thị"))
_GAP_RE = re.compile(r"[ 	]{1,3}")
_CALLED_RE = re.compile(r"(?:heet|heette|genaamd|genoemd)[ \t]+(?P<name>[a-z]{3,})")
_PERSON_BEFORE = _RELATIONS | frozenset(_split("kind jongen meisje hij zij ze"))


def _first(word: str) -> bool:
    """A listed first name that is no Dutch word."""
    return word.casefold() in FIRST_NAMES and not is_dutch_word(word)


def _child(word: str) -> bool:
    """A name in a list of children: a listed first name, or a capital and no Dutch word."""
    if not_a_name(word):
        return False
    if word.split("-", 1)[0].casefold() in FIRST_NAMES:
        return True
    return word[0].isupper() and word[1:].islower() and len(word) >= 3 and not is_dutch_word(word)


def _child_lists(
    text: str, matches: list[re.Match[str]], texts: list[str], cues: list[int]
) -> Iterator[Span]:
    last = len(texts) - 1
    for index in (cue for cue in cues if texts[cue] in _PLURALS_CASED):
        if index == last or not _child(texts[index + 1]):
            continue  # "kinderen gaan": a cheap look at the next word before the pattern
        found = _CHILD_LIST_RE.match(text, matches[index].end())
        if found is None:
            continue
        names: list[re.Match[str]] = []
        for word in _LIST_WORD_RE.finditer(text, found.start("list"), found.end("list")):
            if word.group() in ("en", "jr", "jaar", "j", "mnd"):
                continue
            if not _child(word.group()):
                break
            names.append(word)
        known = any(name.group().casefold() in FIRST_NAMES for name in names)
        if len(names) >= 3 or (len(names) == 2 and known):
            yield matches[index].start(), names[-1].end()


def _comma_asides(
    text: str, matches: list[re.Match[str]], texts: list[str], cues: list[int]
) -> Iterator[Span]:
    last = len(texts) - 1
    for index in (cue for cue in cues if texts[cue] in _RELATIONS_CASED):
        if "," not in text[matches[index].end() : matches[index].end() + 30]:
            continue
        for near in range(index + 1, min(index + 4, last) + 1):
            before = text[matches[near - 1].end() : matches[near].start()]
            if "." in before or "\n" in before:
                break
            if "," not in before or not _first(texts[near]):
                continue
            after = text[matches[near].end() : matches[near].end() + 2].lstrip(" \t")
            if after[:1] in (",", ")", ";", "") or matches[near].end() == len(text):
                yield matches[index].start(), matches[near].end()
            break


def _registers(
    text: str, matches: list[re.Match[str]], texts: list[str], cues: list[int]
) -> Iterator[Span]:
    """ "de Graaf, Sanne", "Yilmaz, Elif"; "Tran Thi Huong" (found from listed surnames)."""
    last = len(texts) - 1
    for index in (cue for cue in cues if texts[cue] in _TITLE_SURNAMES):
        if index == last:
            continue
        surname, gap = texts[index], text[matches[index].end() : matches[index + 1].start()]
        following = index + 1
        if gap.strip(" \t") == ",":
            if not _plain_title(texts[following]) or texts[following].casefold() not in FIRST_NAMES:
                continue
            start = matches[index].start()
            particle = _PARTICLE_BEFORE_RE.search(text, max(0, start - 8), start)
            if particle is None and is_dutch_word(surname):
                continue  # "Groen, Sanne vindt": a word and a colleague
            start = particle.start() if particle is not None else start
        elif _GAP_RE.fullmatch(gap) and surname.casefold() not in FIRST_NAMES:
            if texts[following] in _ASIAN_MIDDLE and following < last:
                following += 1  # "Tran Thi Huong", "Nguyen Van Minh"
            if not _plain_title(texts[following]) or not _first(texts[following]):
                continue
            if is_dutch_word(surname):
                continue
            start = matches[index].start()
        else:
            continue
        end = matches[following].end()
        if not landmark(text, start, end):
            yield start, end


def _lower_initials(text: str) -> Iterator[Span]:
    for match in _LOWER_INITIALS_RE.finditer(text):
        start = match.start() - 1
        initials = text[start : match.start("tv")].replace(" ", "").rstrip()
        if initials in _ABBREVIATIONS:
            continue
        name = match.group("name")
        if name in SURNAMES or (not is_dutch_word(name) and not not_a_name(name)):
            yield start, match.end()


def _called(text: str, lower: str) -> Iterator[Span]:
    for verb in ("heet", "genaamd", "genoemd"):
        at = lower.find(verb)
        while at >= 0:
            match = _CALLED_RE.match(text, at) if at == 0 or not text[at - 1].isalpha() else None
            if match is not None and _first(match.group("name")):
                words = lower[max(0, at - 30) : at].split()[-3:]
                if any(word.strip(",:;()") in _PERSON_BEFORE for word in words):
                    yield match.span("name")
            at = lower.find(verb, at + 1)


_VERBS = frozenset(
    _split(
        "is was wordt werd heeft had wil wilde kan kon moet moest gaat ging komt kwam belt belde"
        " zegt zei vindt vond weet wist woont woonde zit zat mailt mailde appt appte vertelt"
        " vertelde vraagt vroeg krijgt kreeg"
    )
)
# Before two capitalised words that open a sentence (or follow a label's colon).
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;\n][ \t\n]*|^[ \t]+)$")
_AGE_AFTER_COMMA_RE = re.compile(r",[ \t]*[0-9]{1,2}[ \t]*(?:jaar|jr|j)(?![^\W\d_])")
_NAME_BEFORE_COMMA_RE = re.compile(
    r"(?<![\w'-])(?:(?P<before>[^\W\d_]+)[ \t]+)?(?P<name>[A-Z][a-z]{2,}+)[ \t]*$"
)
_PLACE_BEFORE = frozenset(_split("in naar uit vanuit te nabij via richting op"))


def _unknown(word: str) -> bool:
    return not not_a_name(word) and not is_dutch_word(word)


def _start_pairs(
    text: str, matches: list[re.Match[str]], texts: list[str], cues: list[int]
) -> Iterator[Span]:
    """ "Natasha Pietersz belde": two capitalised names at a sentence's start, then a verb."""
    for index in (cue for cue in cues if texts[cue] in _VERBS):
        if index < 2 or not texts[index - 1][0].isupper() or not texts[index - 2][0].isupper():
            continue
        first, second = texts[index - 2], texts[index - 1]
        if not (_plain_title(first) and _plain_title(second)):
            continue
        if second.casefold() in FIRST_NAMES or not_a_name(first) or not_a_name(second):
            continue  # set lookups before the patterns and the lexicon
        if not (_side(text, matches, index - 2) and _side(text, matches, index - 1)):
            continue
        start = matches[index - 2].start()
        if _SENTENCE_START_RE.search(text, max(0, start - 3), start) is None:
            continue
        if f"{first} {second}".casefold() in _PLACES or is_dutch_word(second):
            continue
        if first.casefold() not in FIRST_NAMES and is_dutch_word(first):
            continue
        if not landmark(text, start, matches[index - 1].end()):
            yield start, matches[index - 1].end()


def _plain_title(word: str) -> bool:
    """A capital, then lower case, three letters or more: "Rosario", "Mensah-Boateng", not "GGD"."""
    if len(word) < 3 or not word[0].isupper():
        return False
    if word[1:].replace("-", "").islower():
        return True
    return all(part[:1].isupper() and part[1:].islower() for part in word.split("-"))


def _side(text: str, matches: list[re.Match[str]], left: int) -> bool:
    """Whether word left and the word after it stand side by side (one to three spaces)."""
    return _GAP_RE.fullmatch(text, matches[left].end(), matches[left + 1].start()) is not None


def _aged_after_comma(text: str) -> Iterator[Span]:
    for match in _AGE_AFTER_COMMA_RE.finditer(text):
        named = _NAME_BEFORE_COMMA_RE.search(text, max(0, match.start() - 40), match.start())
        if named is None or (named.group("before") or "").casefold() in _PLACE_BEFORE:
            continue
        name = named.group("name")
        if name.casefold() in FIRST_NAMES or name.casefold() in SURNAMES or _unknown(name):
            yield named.span("name")


# Every word a rule here starts from, looked up in one pass.
_FIRST_TITLED = frozenset(name.title() for name in FIRST_NAMES)
_CUES = _PLURALS_CASED | _RELATIONS_CASED | _TITLE_SURNAMES | _VERBS | _FIRST_TITLED


_IS_NAME_RE = re.compile(r"[ \t]+is[ \t]+(?P<name>[A-Z][a-z]{2,}+)(?![\w'-])")
# Matched where str.find saw "naam" (an anchored match, not a scan of the text).
_NAAM_IS_RE = re.compile(
    r"(?i:naam)(?:[ \t]+[^\W\d_]+){0,4}[ \t]+is[ \t]+(?P<name>[A-Z][a-z]{2,}+)(?![\w'-])"
)
_AND_RELATION_RE = re.compile(r"[ \t]+en[ \t]+(?:haar|zijn|z'n|d'r)[ \t]+(?P<rel>[^\W\d_]+)")
_CLASS_RE = re.compile(r"[ \t]*\([ \t]*(?i:groep|klas)[ \t]*[0-9]")


def _said_names(
    text: str, lower: str, matches: list[re.Match[str]], texts: list[str], cues: list[int]
) -> Iterator[Span]:
    """ "zoontje is Jens", "naam van de baby is Liam", "Ayşe en haar moeder", "Jayden (groep 6)"."""
    for index in (cue for cue in cues if texts[cue] in _RELATIONS_CASED):
        said = _IS_NAME_RE.match(text, matches[index].end())
        if said is not None and said.group("name").casefold() in FIRST_NAMES:
            yield matches[index].start(), said.end("name")
    at = lower.find("naam")
    while at >= 0:
        said = _NAAM_IS_RE.match(text, at) if not (at and lower[at - 1].isalpha()) else None
        if said is not None:
            name = said.group("name")
            if name.casefold() in FIRST_NAMES or _unknown(name):
                yield said.start("name"), said.end("name")
        at = lower.find("naam", at + 1)
    for index in (cue for cue in cues if texts[cue] in _FIRST_TITLED):
        end = matches[index].end()
        after = text[end : end + 2]
        if after == " e":
            told = _AND_RELATION_RE.match(text, end)
            if told is not None and told.group("rel").casefold() in _RELATIONS:
                yield matches[index].start(), end
        elif after[:1] in (" ", "(") and _CLASS_RE.match(text, end) is not None:
            yield matches[index].start(), end


# Labels and phrases a name follows: "t.n.v. Jansen", "roepnaam Mo", "ze noemen hem Jimmy".
_NAME_LABEL_RE = re.compile(
    r"(?:t\.n\.v\.|t\.a\.v\.|(?:roep|bij|voor|achter|meisjes)naam(?:[ \t]+is)?"
    r"|noemen[ \t]+(?:hem|haar)|noemt[ \t]+zich)"
    r"[ \t]*:?[ \t]*(?P<name>[A-Z][a-z]++(?:-[A-Z][a-z]++)?)(?![\w'-])",
    re.IGNORECASE,
)
_LABEL_HINTS = ("t.n.v", "t.a.v", "naam", "noem")


def _labelled(text: str, lower: str) -> Iterator[Span]:
    """ "t.n.v. Jansen", "roepnaam Mo", "ze noemen hem Jimmy"."""
    for hint in _LABEL_HINTS:
        at = lower.find(hint)
        while at >= 0:
            begin = at
            while hint == "naam" and begin > 0 and lower[begin - 1].isalpha():
                begin -= 1  # "roepnaam", "bijnaam": from the word's start
            match = _NAME_LABEL_RE.match(text, begin)
            if match is not None and not (begin and text[begin - 1].isalpha()):
                name = match.group("name")
                folded = name.casefold()
                if folded in FIRST_NAMES or folded in SURNAMES or _unknown(name):
                    yield match.span("name")
            at = lower.find(hint, at + 1)


_CUES_BIT = word_tag(_CUES)


def list_names(
    text: str, lower: str, matches: list[re.Match[str]], texts: list[str], where: WordPlaces
) -> Iterator[Span]:
    """Every name found by the rules in the module docstring (matches: the text's words)."""
    cues = where.of(_CUES_BIT)
    yield from _child_lists(text, matches, texts, cues)
    yield from _comma_asides(text, matches, texts, cues)
    yield from _registers(text, matches, texts, cues)
    if "." in text:
        yield from _lower_initials(text)
    yield from _called(text, lower)
    yield from _start_pairs(text, matches, texts, cues)
    yield from _said_names(text, lower, matches, texts, cues)
    yield from _labelled(text, lower)
    if "," in text:
        yield from _aged_after_comma(text)
