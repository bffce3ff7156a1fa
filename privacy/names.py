"""Detector for names of people.

What counts as a name:

* any word after an honorific (mevrouw, mw., dhr., de heer, familie, mr. …), in any case and also
  after a line break or a colon, unless it is an ordinary Dutch word ("Mevrouw belde terug");
* a first name, or an unknown word, after a relation word (stiefdochter, kind, oma, haar man …),
  also after a colon or in brackets ("moeder: Fatima", "moeder (Fatima)"), and a first name with a
  relation word in brackets or after a comma ("Fatima (moeder)");
* a known first name followed by a surname, in any case ("Sanne Visser", "sanne visser", "SANNE
  VISSER"), initials before or after a surname ("J. Jansen", "Jansen, J.P."), and whatever follows
  "naam:" ("Naam moeder: Fatima").

What does not: a lone first name ("Met Sanne besproken": colleagues' names are everywhere in team
talk); a relation word before a capitalised ordinary word ("Vader Werkt veel"); and landmarks,
buildings and shops named after people ("het Anne Frank Huis", "bij Albert Heijn").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.words import (
    FIRST_NAMES,
    NOT_A_NAME,
    RELATION_WORDS,
    SURNAMES,
    is_dutch_word,
    is_ordinary_word,
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
    r"(?:mevr|mw|mvr|mnr|dhr|fam|mr|dr|drs|ir|prof|mej)(?:\.[ \t]*|[ \t]+|(?=[ \t]*\r?\n))"
    r"(?:[ \t]*\r?\n){0,2}[ \t]*"
    r"|(?:mevrouw|meneer|de[ \t]+heer|familie|juffrouw|mejuffrouw|juf|meester)"
    r"(?:(?:[ \t]*\r?\n){1,2}[ \t]*|[ \t]*:[ \t]*|[ \t]+)"
)
_HONORIFIC_RE = re.compile(_HONORIFICS, re.IGNORECASE)
_HONORIFIC_WORDS = frozenset(
    _split(
        "mevr mw mvr mnr dhr fam mr dr drs ir prof mej mevrouw meneer heer familie juffrouw"
        " mejuffrouw juf meester"
    )
)
_RELATION_SET = frozenset(RELATION_WORDS.split("|")) | {"man", "vrouw"}
_SPOUSE_OF = frozenset({"haar", "zijn", "z'n", "d'r"})
_SEP_AFTER_RELATION_RE = re.compile(r"[ \t]*[:(,][ \t]*|[ \t]+-[ \t]+|[ \t]+")
_NAME_BEFORE_RELATION_RE = re.compile(
    rf"(?P<name>{_NAME_WORD})(?:[ \t]*\([ \t]*|[ \t]*,[ \t]*)"
    r"(?:(?:de|haar|zijn|z'n|d'r|onze|mijn|hun)[ \t]+)?$",
    re.IGNORECASE,
)
_NAAM_RE = re.compile(
    r"(?<![^\W\d_])naam(?:[ \t]+(?:van[ \t]+)?(?:de[ \t]+|het[ \t]+)?[^\W\d_]+)?[ \t]*:[ \t]*",
    re.IGNORECASE,
)
# A word that starts after a space or punctuation (not inside a code, a number or an address):
# a character class first, then a look back, which the regex engine scans fast.
_TOKEN_RE = re.compile(r"[^\W\d_](?<![\w@'-][^\W\d_])[^\W\d_]*+(?:['-][^\W\d_]++)*+")
_INITIALS_BEFORE_RE = re.compile(
    r"(?P<initials>[A-Z]\.(?:[ \t]?[A-Z]\.){0,3}[ \t]?)[ \t]*"
    rf"(?P<tv>(?:(?:{_TUSSENVOEGSELS})[ \t]+){{0,3}})(?P<name>[A-Z][^\W\d_]*+(?:['-][^\W\d_]++)*+)"
)
_INITIALS_AFTER_RE = re.compile(
    r"(?P<name>[A-Z][^\W\d_]++(?:['-][^\W\d_]++)*+)(?:[ \t]*,[ \t]*|[ \t]+)"
    r"(?P<initials>[A-Z]\.(?:[ \t]?[A-Z]\.){0,3})(?![\w])"
)
_ARTICLE_BEFORE_RE = re.compile(r"(?<![^\W\d_])(?:de|het|'t)[ \t]+$", re.IGNORECASE)
# Words after a name that make it a place, building, shop or prize named after a person.
_INSTITUTION_WORDS = frozenset(
    _split(
        """
    huis ziekenhuis kinderziekenhuis gasthuis school basisschool college lyceum museum centrum
    kliniek stichting fonds park plein arena stadion academie instituut hogeschool universiteit
    mc umc zaal theater bibliotheek huiskamer prijs lezing dag foundation winkel kerk brug
    gebouw hal toren zwembad sporthal straat laan weg kade gracht singel hof plantsoen
    kindcentrum hospice instelling zorgcentrum
    """
    )
)
_INSTITUTION_SUFFIXES = (
    "school", "ziekenhuis", "gasthuis", "zaal", "museum", "centrum", "kliniek", "college",
    "lyceum", "stadion", "theater", "straat", "plein", "park", "academie", "instituut",
    "bibliotheek", "huiskamer", "laan", "weg", "singel", "gracht", "kade",
)  # fmt: skip
# People whose names are places, hospitals or shops in everyday Dutch.
_EPONYMS = (
    "albert heijn", "jan linders", "hans anders", "dirk van den broek", "anne frank",
    "jeroen bosch", "johan cruijff", "johan cruyff", "abe lenstra", "willem arntsz",
    "antoni van leeuwenhoek", "albert schweitzer", "reinier de graaf", "pieter baan",
    "maria montessori", "thomas more", "ronald mcdonald", "vincent van gogh", "nelson mandela",
    "martin luther king", "prinses maxima", "prinses máxima", "koningin maxima",
    "willem alexander", "juliana", "beatrix", "wilhelmina",
)  # fmt: skip
_INSTITUTION_SUFFIX_RE = re.compile("(?:" + "|".join(_INSTITUTION_SUFFIXES) + ")$")
_TITLES = frozenset({"mr", "dr", "drs", "ir", "prof", "meester"})
_SURNAME_LINKS = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "t", "het", "op", "in"})
_EPONYM_STARTS = frozenset(eponym.split()[0] for eponym in _EPONYMS)
_NEXT_WORD_RE = re.compile(r"[ \t-]*(?P<word>[^\W\d_]+)")


def _case(word: str) -> str:
    """'upper', 'title' or 'lower' (the first part of a hyphenated word decides title)."""
    if word.isupper() and len(word) > 1:
        return "upper"
    return "title" if word[0].isupper() else "lower"


def _known_first(word: str) -> bool:
    return word.split("-", 1)[0].casefold() in FIRST_NAMES


def _not_a_name(word: str) -> bool:
    """Words that are never a name part, whatever their case (GGZ-patiënt counts as ggz)."""
    first = re.split(r"['-]", word, maxsplit=1)[0] or word
    return first.casefold() in NOT_A_NAME


def _after_honorific(word: str, *, linked: bool) -> bool:
    """Whether word, after an honorific (linked: after initials or a tussenvoegsel), is a name."""
    if _not_a_name(word):
        return False
    case = _case(word)
    if case == "title":
        return True
    listed = word.casefold() in SURNAMES
    if linked:
        return listed or not is_ordinary_word(word)  # "mw. de vries": vries is also a verb form
    if len(word) < 2:
        return False
    # "mevrouw jansen", "mevrouw bakker"; but "om mevrouw heen", "mevrouw zelf"
    return listed or not is_dutch_word(word)


def _after_relation(word: str, *, linked: bool, comma: bool) -> bool:
    """Whether word, after a relation word, is a name (and not "Vader Werkt").

    A capitalised word is a name unless it is a function word or an inflected Dutch word (a verb
    at the start of a sentence); when unsure ("oma Riet") the guard refuses and says it saw a
    name. After a comma ("de vader, Mehmet,") only a known first name or an unknown word counts.
    """
    if _not_a_name(word):
        return False
    case = _case(word)
    if _known_first(word):
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


def _surname_after_first(word: str, first_case: str, *, linked: bool) -> bool:
    """Whether word, after a known first name, is a surname."""
    if _not_a_name(word):
        return False
    case = _case(word)
    listed = word.casefold() in SURNAMES
    if first_case == "title" and case == "title":
        return True
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


def _name_end(text: str, end: int, case: str) -> int:
    """Extend a name span over further name parts ("Fatima El Amrani")."""
    for _ in range(3):
        more = _MORE_RE.match(text, end)
        if more is None:
            break
        word = more.group("name")
        if _not_a_name(word) or _case(word) != case or (case == "lower" and is_dutch_word(word)):
            break
        end = more.end()
    return end


def _named_after(text: str, start: int, name_start: int, end: int) -> bool:
    """Whether an honorific and name are a street or building ("het Mr. Visserplein")."""
    title = text[start:name_start].split(".")[0].strip().casefold()
    if title in _TITLES and _ARTICLE_BEFORE_RE.search(text, max(0, start - 5), start) is not None:
        return True  # "het Mr. Visserplein"; but "de familie Öztürk" is a family
    return _institution(text, name_start, end, skip_first=False)


def _landmark(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is a building, place, shop or prize (or a street)."""
    if _ARTICLE_BEFORE_RE.search(text, max(0, start - 5), start) is not None:
        return True  # "in het Anne Frank Huis", "bij de Albert Heijn": no article before a person
    return _institution(text, start, end, skip_first=True)


def _institution(text: str, start: int, end: int, *, skip_first: bool) -> bool:
    """Whether text[start:end] or the word after it names a building, place, shop or prize."""
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", text[start:end])]
    following = _NEXT_WORD_RE.match(text, end)
    if following is not None:
        words.append(following.group("word").casefold())
    for index in range(1 if skip_first else 0, len(words)):
        word = words[index]
        after_link = index > 0 and words[index - 1] in _SURNAME_LINKS  # "van der Laan"
        suffix = _INSTITUTION_SUFFIX_RE.search(word)
        compound = suffix is not None and suffix.start() > 0
        if (word in _INSTITUTION_WORDS and not after_link) or (compound and word not in SURNAMES):
            return True
    if not words or words[0] not in _EPONYM_STARTS:
        return False
    joined = " ".join(words)
    return any(joined.startswith(eponym) for eponym in _EPONYMS)


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
        if lower == "heer":  # "de heer"
            if index == 0 or words[index - 1][3] != "de" or words[index - 1][1] < start - 3:
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
        if _after_honorific(word, linked=linked):
            end = _name_end(text, tail.end(), _case(word))
            if not _named_after(text, start, tail.start("tv"), end):
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
        if _after_relation(word, linked=linked, comma=comma) and not _landmark(
            text, tail.start(), tail.end()
        ):
            yield start, _name_end(text, tail.end(), _case(word))


def _beside_relation(text: str, before: re.Match[str]) -> bool:
    """Whether the word before "(moeder)" or ", moeder" is a name ("Fatima (moeder)")."""
    start = before.start("name")
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'-"):
        return False  # the window began inside a word
    word = before.group("name")
    if _not_a_name(word) or _case(word) == "upper":
        return False
    return _known_first(word) or (_case(word) == "title" and not is_dutch_word(word))


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
                following_lower in SURNAMES
                and _unknown_first(first, following)
                and not _landmark(text, start, next_end)
            ):
                yield start, next_end
            continue
        first_case = _case(first)
        if first_case == "lower" and following_lower not in SURNAMES and is_dutch_word(first):
            continue  # "max", "mark", "roos": lower-case words, unless a surname follows
        tail = _TAIL_RE.match(text, next_start)
        if tail is None or tail.group("name") == first:
            continue
        word = tail.group("name")
        linked = bool(tail.group("tv"))
        if tail.group("initials") and first_case == "title":
            linked = True
        if not _surname_after_first(word, first_case, linked=linked):
            continue
        name_end = _name_end(text, tail.end(), _case(word))
        if not _landmark(text, start, name_end):
            yield start, name_end


def _trigger_words(text: str) -> list[_Word]:
    """The words name rules start from, with their neighbours (a word before, a word after)."""
    matches = list(_TOKEN_RE.finditer(text))
    texts = [match[0] for match in matches]
    hits = [i for i, word in enumerate(texts) if word in _TRIGGERS]
    hits += [
        i for i, word in enumerate(texts) if "-" in word and word[: word.index("-")] in _TRIGGERS
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


def _unknown_first(first: str, surname: str) -> bool:
    """Whether an unknown word before a listed surname is a first name ("bernadette visser")."""
    case = _case(first)
    if _case(surname) != case or len(first) < 3 or _not_a_name(first) or _not_a_name(surname):
        return False
    if case != "title" and is_dutch_word(surname):
        return False  # "een facebook post": without capitals, a surname that is a word is a word
    return not is_dutch_word(first)


def _glued(text: str, start: int, marks: str) -> bool:
    """Whether text[start] continues a word (or follows one of marks)."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in marks)


def _initial_names(text: str) -> Iterator[Span]:
    for match in _INITIALS_BEFORE_RE.finditer(text):
        word = match.group("name")
        if _glued(text, match.start(), "._") or _not_a_name(word):
            continue
        several = match.group("initials").count(".") >= 2 or bool(match.group("tv"))
        listed = word.casefold() in SURNAMES
        if (several or listed or not is_dutch_word(word)) and not _landmark(
            text, match.start(), match.end()
        ):
            yield match.span()
    for match in _INITIALS_AFTER_RE.finditer(text):
        word = match.group("name")
        if _glued(text, match.start(), "'-_") or _not_a_name(word):
            continue
        several = match.group("initials").count(".") >= 2
        if several or word.casefold() in SURNAMES or not is_dutch_word(word):
            yield match.span()


def _labelled_names(text: str) -> Iterator[Span]:
    if "naam" not in text.lower():
        return
    for match in _NAAM_RE.finditer(text):
        tail = _TAIL_RE.match(text, match.end())
        if tail is None:
            continue
        word = tail.group("name")
        if _not_a_name(word):
            continue
        if _case(word) != "lower" or word.casefold() in SURNAMES or not is_dutch_word(word):
            yield match.start(), _name_end(text, tail.end(), _case(word))


def find_name(text: str) -> Iterator[Span]:
    """Every name found by the rules in the module docstring."""
    words = _trigger_words(text)
    yield from _honorific_names(text, words)
    yield from _relation_names(text, words)
    yield from _full_names(text, words)
    yield from _initial_names(text)
    yield from _labelled_names(text)
