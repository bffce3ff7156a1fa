"""Word lists the detectors share, and whether a word is an ordinary Dutch word.

:func:`is_ordinary_word` asks simplemma's Dutch lexicon: a word it knows in an inflected form
("belde", "woont", "kinderen") or a function word is ordinary; a word it does not know ("jansen",
"yilmaz") may be a name. Looked up only for the few words after an honorific or a relation word.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import compress, repeat
from operator import methodcaller
from pathlib import Path

import simplemma

__all__ = [
    "FIRST_NAMES",
    "FUNCTION_WORDS",
    "NOT_A_NAME",
    "PERSON_WORDS",
    "RELATION_WORDS",
    "SURNAMES",
    "WordPlaces",
    "is_dutch_word",
    "is_ordinary_word",
    "lowered",
    "matches_at",
    "occurrences",
    "seen_lowered",
    "trie_pattern",
    "word_tag",
]

# Family and social roles that are followed by a first name ("stiefdochter Lotte").
RELATION_WORDS = (
    "moeder|vader|oma|opa|zoon|zoontje|dochter|dochtertje|broer|broertje|zus|zusje|zuster"
    "|buurvrouw|buurman|buurjongen|buurmeisje|tante|oom|neef|nicht|neefje|nichtje"
    "|stiefvader|stiefmoeder|stiefzoon|stiefdochter|stiefbroer|stiefzus|halfbroer|halfzus"
    "|pleegmoeder|pleegvader|pleegzoon|pleegdochter|pleegkind|kleinzoon|kleindochter|kleinkind"
    "|schoonmoeder|schoonvader|schoonzoon|schoondochter|schoonzus|zwager|grootmoeder|grootvader"
    "|partner|ex-partner|ex|exman|ex-man|exvrouw|ex-vrouw|echtgenoot|echtgenote|vriend|vriendin"
    "|verloofde|kind|baby|peuter|kleuter|tweelingbroer|tweelingzus|mantelzorger|huisgenoot"
    "|cliënt|client|cliënte|mama|papa|mam|pap|gezin|stiefkind|pleegouder|pleegzus|pleegbroer"
    "|voogd|tweeling|jongste|oudste|vriendje|vriendinnetje|ex-vriend|ex-vriendin|stiefopa|stiefoma"
    "|overgrootmoeder|overgrootvader|achterkleinkind|kleinzoontje|kleindochtertje|halfzusje"
    "|halfbroertje|stiefzusje|stiefbroertje|huisgenote|schoonbroer|oudoom|oudtante|peetoom"
    "|peettante|tweelingzusje|tweelingbroertje|pleegzoontje|pleegdochtertje"
    # round 5: the person a wijkteam writes about, by role ("bewoner Pinas", "leerling Sem")
    "|bewoner|bewoonster|leerling|jeugdige|patiënt|patient"
)
# Words for a person a date may be said of (relation words, clients, honorifics).
PERSON_WORDS = (
    RELATION_WORDS
    + "|mevrouw|meneer|mw|mevr|dhr|heer|jongere|jeugdige|jongen|meisje|man|vrouw|aanvrager"
    "|bewoner|huurder|deelnemer|patiënt|patient|klant|hij|zij|leeftijd|lft"
)

_FUNCTION_WORDS_TEXT = """
    de het een die dat deze dit zij hij ze wij we jij je u ik haar zijn hun mijn ons onze jullie
    zich zelf elkaar iemand niemand iets niets alles alle allen elk elke ieder iedere men
    en maar of want dus omdat als toen ook nog wel niet geen er hier daar wat wie waar hoe waarom
    is was wordt werd heeft had hebben wil wilde kan kon moet moest gaat ging komt kwam belt belde
    zegt zei vindt vond weet wist blijft bleef woont woonde lijkt leek staat stond zit zat mag
    zal zou zouden kunnen willen moeten gaan komen doen doet deed ziet zag krijgt kreeg
    in op met bij van voor naar over om uit aan tot sinds na door tijdens zonder tegen via per
    onder boven achter naast tussen rond langs binnen buiten
    vandaag gisteren morgen vanochtend vanmiddag vanavond straks later eerst daarna nu toen
    altijd nooit vaak soms weer graag erg heel zeer echt best gewoon alleen samen thuis verder
    ook al pas net toch even zo zoals steeds meestal meteen direct opnieuw nogmaals inmiddels
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    januari februari maart april mei juni juli augustus september oktober november december
    een twee drie vier vijf zes zeven acht negen tien elf twaalf eerste tweede derde vierde
    ja nee oké ok sorry dank top prima goed hoi hallo
"""
FUNCTION_WORDS: frozenset[str] = frozenset(_FUNCTION_WORDS_TEXT.split())

# Capitalised words that follow an honorific or first name without being a surname.
_NOT_A_NAME_TEXT = """
    nederlands nederlandse marokkaans marokkaanse turks turkse surinaams surinaamse antilliaans
    antilliaanse pools poolse syrisch syrische eritrees eritrese somalisch somalische afghaans
    afghaanse engels engelse arabisch arabische oekraïens oekraïense duits duitse frans franse
    koerdisch koerdische berbers iraans iraanse iraaks iraakse kaapverdiaans ghanees ghanese
    wmo jeugdwet participatiewet wlz zvw mdo ggz ggd uwv svb cjg mee avg wsnp bbz ioaw aow
    veilig thuis kredietbank humanitas schuldhulpmaatje vluchtelingenwerk leger heils sociaal
    raadslieden wijkteam buurtteam jeugdzorg jeugdteam gemeente politie huisarts school
    zorgverzekeraar woningcorporatie woonstichting bewindvoerder bewind reclassering
    schuldhulp schuldhulpverlening thuiszorg wijkverpleging dagbesteding jeugdbescherming
    stichting team afdeling zorg kantoor vereniging centrum buurthuis wijk noord oost zuid west
    curaçao curacao bonaire aruba
    amsterdam rotterdam utrecht haag eindhoven groningen tilburg almere breda nijmegen
    cliënt client cliënte kinderen kind ouders ouder gezin familie
    geb gebdat tel mob bsn iban nr adres email mail dob postcode adhd pgb
    mevrouw meneer mevr mw mvr mnr dhr heer fam juffrouw mejuffrouw juf
    microsoft teams google maps meet zoom whatsapp facebook instagram tiktok youtube linkedin
    outlook excel office apple android iphone samsung ikea lidl aldi jumbo hema kruidvat etos
    coolblue zalando ziggo kpn vodafone odido eneco vattenfall essent digid mijnoverheid
    belastingdienst toeslagen cak duo ind coa
    netflix spotify disney playstation xbox nintendo amazon vinted marktplaats bol
"""
NOT_A_NAME: frozenset[str] = (
    frozenset(_NOT_A_NAME_TEXT.split()) | FUNCTION_WORDS | frozenset(RELATION_WORDS.split("|"))
)


def _load(name: str) -> frozenset[str]:
    """A shipped word list, lower-cased; lines starting with # are comments."""
    path = Path(__file__).with_name(name)
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            words.add(word.casefold())
    return frozenset(words)


FIRST_NAMES: frozenset[str] = _load("voornamen.txt")
SURNAMES: frozenset[str] = _load("achternamen.txt")


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of words, factored by common prefixes (fast to scan).

    The longest word wins where one is a prefix of another ("september" before "sep").
    """
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return "(?:" + body + ")?"
        return body

    return build(tree)


# Not cached: a cache would keep the words people typed (names among them) in memory.
def is_ordinary_word(word: str) -> bool:
    """Whether word is a function word or a Dutch word simplemma knows in an inflected form."""
    lower = word.casefold()
    if lower in FUNCTION_WORDS or lower in NOT_A_NAME:
        return True
    if lower in FIRST_NAMES or lower in SURNAMES:
        return False
    if not simplemma.is_known(lower, lang="nl"):
        return False
    return simplemma.lemmatize(lower, lang="nl") != lower


def is_dutch_word(word: str) -> bool:
    """Whether simplemma knows word as Dutch (in any form), or it is a function word."""
    lower = word.casefold()
    return lower in FUNCTION_WORDS or lower in NOT_A_NAME or simplemma.is_known(lower, lang="nl")


def _warm_up() -> None:
    """Load simplemma's Dutch lexicon now (about half a second), not inside the first scan."""
    simplemma.is_known("huis", lang="nl")


_warm_up()


_last_lowered: tuple[str, str] = ("", "")


def lowered(text: str) -> str:
    """text.lower(), computed once for the text all detectors of one scan look at.

    One entry, matched by identity: the detectors of a scan share the normalised text object.
    """
    global _last_lowered
    cached_text, cached = _last_lowered
    if cached_text is text:
        return cached
    lower = text.lower()
    _last_lowered = (text, lower)
    return lower


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """What pattern.finditer(text) finds, for a pattern whose matches can only begin at starts.

    starts in order (more of them than matches is fine); one inside a match is passed over, as
    finditer would.
    """
    done = 0
    for at in starts:
        if at < done:
            continue
        match = pattern.match(text, at)
        if match is not None:
            done = match.end()
            yield match


def occurrences(text: str, pieces: Iterable[str]) -> list[int]:
    """Where any of pieces occurs in text, in order: str.find, far faster than a regex scan."""
    found: list[int] = []
    for piece in pieces:
        at = text.find(piece)
        while at >= 0:
            found.append(at)
            at = text.find(piece, at + 1)
    return sorted(found)


# Characters that a case-insensitive regex reads as an ASCII letter but that str.lower() does not
# turn into it: dotted and dotless i (Turkish names), the long s and the Kelvin sign. The dotted
# capital I also lower-cases to two characters, which would shift every position after it.
_CASE_TRAPS = ("\u0130", "\u0131", "\u017f", "\u212a")


def seen_lowered(text: str) -> bool:
    """Whether lowered(text) shows every case-insensitive match of a word, at the same place."""
    return not any(trap in text for trap in _CASE_TRAPS)


def folded(word: str) -> str:
    """A word a case-insensitive pattern matched, lower-cased with those characters read as the
    ASCII letters the pattern took them for ("aprıl", "MEİ" -> "april", "mei"): the key to look
    it up in a table of plain words."""
    lower = word.lower()
    if lower.isascii():
        return lower
    return lower.replace("i\u0307", "i").replace("\u0131", "i").replace("\u017f", "s")


# Every word set a name rule starts from, each with its bit: one lookup per word for all of them.
_TAGS: dict[str, int] = {}


def word_tag(words: frozenset[str]) -> int:
    """The bit that WordPlaces.of takes for words: registered once, when a rule's module loads."""
    bit = 1 << len(_REGISTERED)
    _REGISTERED.append(words)
    for word in words:
        _TAGS[word] = _TAGS.get(word, 0) | bit
    return bit


_REGISTERED: list[frozenset[str]] = []


class WordPlaces:
    """Where the words of a text that name rules start from stand, found in one pass for all.

    Each rule asks for its own words (a bit from :func:`word_tag`) among the few words of the
    text in any rule's set, instead of a pass over every word of the text (a dozen rules each
    took one); and for the words with a hyphen or an apostrophe, found from those characters.
    """

    __slots__ = ("_hits", "_joined", "_matches", "_tags", "_text")

    def __init__(self, text: str, matches: list[re.Match[str]], texts: list[str]) -> None:
        self._tags = tags = list(map(_TAGS.get, texts, repeat(0)))
        self._hits = list(compress(range(len(tags)), tags))
        self._text = text
        self._matches = matches
        self._joined: list[int] | None = None

    def of(self, bit: int) -> list[int]:
        """The indices of the words with that bit, ascending: a new list each call."""
        tags = self._tags
        return [index for index in self._hits if tags[index] & bit]

    def joined(self) -> list[int]:
        """The indices of the words that hold a hyphen or an apostrophe, ascending."""
        if self._joined is None:
            text, matches = self._text, self._matches
            found: set[int] = set()
            for mark in "-'":
                at = text.find(mark)
                while at >= 0:
                    index = bisect_right(matches, at, key=_START) - 1
                    if index >= 0 and matches[index].end() > at:
                        found.add(index)
                    at = text.find(mark, at + 1)
            self._joined = sorted(found)
        return self._joined


_START = methodcaller("start")
