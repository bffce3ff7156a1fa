"""A listed first name on its own (round 8 of issue 12).

The guide's standard is "never store names of clients or colleagues", so a first name needs no
cue beside it: "ik heb Youssef gisteren gesproken", "Hanna wordt uit huis geplaatst", "Hoi
Latoya,", "Mo en Samira hebben ruzie", "met Sanne besproken" are all refused, and the refusal
says it saw a name so the professional can write "de cliënt" or "mijn collega".

A word counts when it is on the first-name list (``voornamen.txt``) and written as a name:

* with a capital, anywhere in a sentence ("Anouk neemt het over", "met Anouk");
* in capitals, four letters or more ("DAAN BELT"; "EVA", "KIM", "ALI" may be abbreviations);
* in lower case when no Dutch word and no English word looks like it ("ik heb youssef gebeld";
  the knelpunt corpus of 5,456 team-talk sentences holds no lower-case listed name that is not
  a word: only elke, lieve, koos, ernst and max, all on ``_WORD_NAMES``);
* a possessive with an apostrophe ("Emma's voorstel").

What does not count:

* a first name that is also an ordinary word (``_WORD_NAMES``: Elke, Lieve, Roos, Merel, Iris,
  Mark, Max, Frank …) at a sentence's start or in lower case ("Elke week", "Mark je …"); with a
  capital in mid-sentence it is a name ("met Merel besproken");
* a landmark, organisation, street or work (``landmarks``: "het Anne Frank Huis", "Stichting
  Anton Constandse", "de Roos van Jericho"), a place of several words ("Sint Maarten"), a
  monarch, a saint or a storm ("Koning Willem-Alexander", "Sint Nicolaas"), a pet or a thing
  after its kind ("onze hond Max", "het project Iris"), a figure of speech ("Jan Modaal",
  "Zwarte Piet", "Klaas Vaak", "Tom & Jerry", "Adam en Eva"), a city after "naar" or "uit"
  ("naar Sofia"), a word in a link or an e-mail address ("www.sanne.nl").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from privacy.landmarks import landmark
from privacy.more_names import PLACES
from privacy.words import FIRST_NAMES, NOT_A_NAME, WordPlaces, is_dutch_word, word_tag

Span = tuple[int, int]

__all__ = ["lone_first_names"]


def _split(words: str) -> list[str]:
    """The words of a list written as one string."""
    return words.split()


# Listed first names that are also Dutch or English words (flowers, birds, verbs, adjectives).
_WORD_NAMES = frozenset(
    _split(
        """
    amber arend aster bas benjamin berk bob dries eden elke ellen els emir frank helen iris
    jaap jasmijn jet joke koos lieve madelief margriet marina mark maya mees merel noor peter
    piet riet rob roos tuba ernst max can said dean tiny ivy lily precious floor rosa nick mike
    adam noah levi otis fleur sterre mason leo hugo louis deniz saar
    """
    )
)
# Words before a name that make it a monarch, saint, storm, pet or thing named so.
_ROLE_BEFORE = frozenset(
    _split(
        """
    koning koningin prins prinses sint st keizer keizerin paus heilige profeet kardinaal graaf
    gravin hertog hertogin tsaar sultan storm orkaan hond hondje kat poes konijn paard cavia
    hamster project programma methode app cursus training module zaal ruimte kamer lokaal
    locatie camping café restaurant hotel zwarte hollandse
    """
    )
)
# Figures of speech: a first name before these is nobody ("Jan Modaal", "Klaas Vaak").
_FIGURES = frozenset(
    {("jan", "modaal"), ("jan", "publiek"), ("jan", "klaassen"), ("klaas", "vaak")}
)
# Pairs of characters in stories and cartoons: "Tom & Jerry", "Adam en Eva", "Hans en Grietje".
_PAIRS = frozenset(
    {("tom", "jerry"), ("adam", "eva"), ("hans", "grietje"), ("bert", "ernie"), ("jip", "janneke")}
)
_PAIR_WORDS = frozenset(word for pair in _PAIRS for word in pair)
_PAIR_AFTER_RE = re.compile(r"[ \t]*(?:&|en|and)[ \t]*(?P<word>[^\W\d_]+)", re.IGNORECASE)
_PAIR_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?P<word>[^\W\d_]+)[ \t]*(?:&|en|and)[ \t]*$", re.IGNORECASE
)
# Listed first names that are also cities, and the words before a place ("naar Sofia").
_PLACE_NAMES = frozenset({"sofia", "milan"})
_PLACE_BEFORE = frozenset({"naar", "uit", "in", "vanuit", "te", "via", "richting"})
_CASED = frozenset(
    form for name in FIRST_NAMES for form in (name, name.title(), name.upper()) if "-" not in name
)
_LINK_MARKS = "./\\@_#"
_INITIAL_MARKS = ".!?:;\n\r\"'(“‘«•*->[…"
_GAP_RE = re.compile(r"[ \t]{1,3}")
# A possessive ("Emma's") or a capital after a hyphen ("Nour-Eddine"): the rare texts where a
# name may be written inside a longer word.
_JOINED_RE = re.compile(r"[^\W\d_]'s(?![^\W\d_])|-[A-Z]")


def _base(word: str) -> str | None:
    """The listed first name a token is written as, or None.

    "Sanne", "SANNE", "sanne"; "Emma's"; a double first name with capitals ("Nour-Eddine",
    "Jan-Willem"); not "Sanne-achtig".
    """
    if word in _CASED:
        return word
    if word.endswith("'s") and word[:-2] in _CASED:
        return word[:-2]
    head, dash, rest = word.partition("-")
    if dash and head in _CASED and rest[:1].isupper() and head[:1].isupper():
        return head
    return None


def _case(word: str) -> str:
    if len(word) > 1 and word.isupper():
        return "upper"
    if word[0].isupper() and word[1:].islower():
        return "title"
    return "lower" if word.islower() else "mixed"


def _at_sentence_start(text: str, start: int) -> bool:
    """Whether start opens the text, a line, a sentence, a bracket, a quote or a bullet."""
    before = text[max(0, start - 8) : start].rstrip(" \t")
    return not before or before[-1] in _INITIAL_MARKS


def _neighbour(text: str, matches: list[re.Match[str]], left: int) -> bool:
    """Whether word left and the word after it stand side by side (one to three spaces)."""
    return _GAP_RE.fullmatch(text, matches[left].end(), matches[left + 1].start()) is not None


def _paired(text: str, start: int, end: int, lower: str) -> bool:
    """Whether the name is one of a pair of story characters ("Tom & Jerry", "Adam en Eva")."""
    after = _PAIR_AFTER_RE.match(text, end)
    if after is not None and (lower, after.group("word").casefold()) in _PAIRS:
        return True
    before = _PAIR_BEFORE_RE.search(text, max(0, start - 24), start)
    return before is not None and (before.group("word").casefold(), lower) in _PAIRS


def _counts(
    text: str, matches: list[re.Match[str]], texts: list[str], index: int, base: str
) -> bool:
    """Whether the listed first name that word index is written as names a person."""
    lower = base.casefold()
    if lower in NOT_A_NAME:
        return False
    start = matches[index].start()
    end = start + len(base)
    glued_before = start > 0 and text[start - 1] in _LINK_MARKS
    glued_after = text[end : end + 1] in ("@", "/", "_") or (
        text[end : end + 1] == "." and text[end + 1 : end + 2].isalnum()
    )
    if glued_before or glued_after:
        return False  # a link or an e-mail address: "www.sanne.nl", "sanne@…"
    case = _case(base)
    word_like = lower in _WORD_NAMES
    if case == "mixed":
        return False
    if case == "upper" and (len(base) < 4 or word_like):
        return False  # "EVA", "KIM": abbreviations; "ELKE WEEK"
    if case == "lower" and (word_like or len(base) < 3 or is_dutch_word(base)):
        return False
    if case == "title" and word_like and _at_sentence_start(text, start):
        return False  # "Elke week", "Mark je …", "Lieve collega's"
    previous = texts[index - 1].casefold() if index and _neighbour(text, matches, index - 1) else ""
    if lower in _PLACE_NAMES and previous in _PLACE_BEFORE:
        return False  # "naar Sofia"
    if previous in _ROLE_BEFORE or previous == "een":
        return False  # "Koning Willem", "onze hond Max", "een Noor"
    last = len(texts) - 1
    following = (
        texts[index + 1].casefold() if index < last and _neighbour(text, matches, index) else ""
    )
    if (lower, following) in _FIGURES:
        return False
    if lower in _PAIR_WORDS and _paired(text, start, end, lower):
        return False
    if f"{previous} {lower}" in PLACES or f"{lower} {following}" in PLACES:
        return False  # "Sint Maarten", "Santa Maria"
    return not landmark(text, start, end)


_CASED_BIT = word_tag(_CASED)


def lone_first_names(
    text: str,
    matches: list[re.Match[str]],
    texts: list[str],
    where: WordPlaces,
    found: list[Span],
) -> Iterator[Span]:
    """Every listed first name that names a person (matches: the text's words).

    found: the names other rules found; a word inside one is not looked at again.
    """
    hits = where.of(_CASED_BIT)
    if ("'" in text or "-" in text) and _JOINED_RE.search(text) is not None:
        hits += [
            index
            for index in where.joined()
            if (word := texts[index]) not in _CASED and _base(word) is not None
        ]
    if not hits:
        return
    covered = sorted(found)
    starts = [span[0] for span in covered]
    for index in hits:
        base = _base(texts[index])
        if base is None:
            continue
        start, end = matches[index].span()
        inside = bisect_right(starts, start) - 1
        if inside >= 0 and covered[inside][1] >= end:
            continue
        if _counts(text, matches, texts, index, base):
            yield start, end
