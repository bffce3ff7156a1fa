"""Detector for addresses: a street with a house number, however it is written.

* ``Kerkstraat 12``, ``kerkstraat 12a``, ``Kerkstraat nummer 12``, ``Kerkstraat, nr. 12``: a word
  that ends like a Dutch street (``-straat``, ``-laan``, ``-weg``, ``-gracht``, ``-hof`` …);
* ``12 Kerkstraat``, ``nummer 12 van de Lange Voorhout``: the number first;
* ``Lange Voorhout 34``, ``Achter de Dom 14``, ``Laan van Meerdervoort 120``: street names of
  several words that end in no street word, after a word that starts street names (Lange, Oude,
  Achter, Sint …) or after a word that says an address follows (woont op, adres:, woonadres,
  verhuist naar), or after "aan de", "op het", "in de" ("aan de Spui 8");
* house number additions: ``3hs``, ``12-II``, ``17B``, ``12 bis``, ``3-boven``, ``2 hoog``;
* a street word and its number on two lines ("Marktstraat\n17"), glued ("Marktstraat17B", as a
  dropped zero-width space leaves it), or a street name with a number in it ("Plein 1944 nr 3").
Numbers followed by a unit ("Amsterdam 3 weken", "Utrecht 12 kinderen") are not house numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.words import FIRST_NAMES, FUNCTION_WORDS, NOT_A_NAME, is_dutch_word

Span = tuple[int, int]

__all__ = ["find_address", "is_street"]


def _split(words: str) -> list[str]:
    """The words of a list written as one string."""
    return words.split()


# Suffixes so telling that a lower-case compound counts too ("kerkstraat 12").
_STREET_STRONG = (
    "straat", "laan", "weg", "plein", "singel", "gracht", "kade", "dijk", "steeg", "dreef",
    "allee", "plantsoen", "boulevard", "straatweg", "dwarsstraat", "hofje", "kwartier",
    "promenade", "brug", "str",
)  # fmt: skip
# Suffixes that only count on a capitalised word ("Lindehof 3", not "kerkhof 3").
_STREET_WEAK = (
    "hof", "pad", "park", "ring", "markt", "erf", "veld", "baan", "wal", "haven", "oord",
    "zijde", "poort", "hoven", "weide", "akker", "gaarde", "kamp", "vaart", "schans", "rade",
    "hage", "burcht", "hout", "brink", "hoeve", "donk", "lei", "stede", "kreek", "wetering",
    "zang", "horst", "einde", "burg", "vest", "sloot", "diep",
)  # fmt: skip
_STRONG_SUFFIX_RE = re.compile("(?:" + "|".join(sorted(_STREET_STRONG, key=len)) + ")$")
_WEAK_SUFFIX_RE = re.compile("(?:" + "|".join(sorted(_STREET_WEAK, key=len)) + ")$")
# Capitalised words that are a street on their own.
_STREET_STANDALONE = frozenset(
    {"markt", "brink", "dam", "singel", "plein", "kade", "dreef", "neude", "vismarkt"}
)
_STREET_NOT = frozenset(
    {"onderweg", "halfweg", "wegweg", "straat", "laan", "weg", "brug", "vooraf", "zang"}
    # everyday words with a street ending, capitalised at the start of a sentence
    | set(
        _split(
            "antwoord akkoord woord wachtwoord voorwoord trefwoord werkveld speelveld"
            " aandachtsveld loopbaan arbeidsmarkt woningmarkt zomerkamp gezang samenzang"
            " scheepvaart kerkhof voorpoort"
        )
    )
)

_HOUSE_UNITS = (
    r"weken|week|wk|dagen|dag|jaar|jaren|jr|maanden|maand|mnd|uur|uren|minuten|min|keer|x"
    r"|euro|eur|kinderen|kind|gezinnen|gezin|cliënten|clienten|cliënt|client|personen|mensen"
    r"|huishoudens|procent|pct|km|m|meter|kilometer|stuks|woningen|huizen|bewoners|jongeren"
    r"|deelnemers|gesprekken|sessies|punten|pagina|paginas|regels|leden|kamers|kg|cm|ml"
    r"|januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
    r"|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|casussen|casus|vacatures"
    r"|aanmeldingen|meldingen|medewerkers|collega's|collega|teams|wijken|scholen|plekken"
)
_NUMBER_WORD = r"(?:(?:huis)?nummer|nr\.?|no\.?|n°)"
# Additions after a house number: huis, hoog, bis, a Roman floor number ("3hs", "12-II",
# "12 bis"); words that also begin a phrase only glued or with a dash ("3-boven", not "12 boven
# de bakker").
_ADDITION = (
    r"(?:[ \t]?-?[ \t]?(?:(?i:hs|hg|bg|bis|ter|zw|rd|[1-4][ \t]?(?:hoog|hg|h)|hoog)"
    r"|I{1,3}|IV|VI{0,3})|-?(?i:huis|boven|beneden|bov|ben|zwart|rood|sous|souterrain))"
)
_HOUSE_NUMBER = (
    r"(?P<number>[1-9][0-9]{0,3})"
    rf"(?P<suffix>(?:{_ADDITION}|[ \t]?-?[ \t]?[a-zA-Z](?:[0-9]{{1,2}}(?![0-9]))?)(?![^\W\d_])"
    r"|-[0-9]{1,4}(?![0-9]))?"
    r"(?![0-9]|[.,:][0-9]|[ \t]?(?:%|€|\+)|[^\W\d_])"
    rf"(?![ \t]*(?:{_HOUSE_UNITS})(?![^\W\d_]))"
)
_WORD = r"[^\W\d_]++(?:['-][^\W\d_]++)*+"
_CAP = r"[A-Z][\w'-]*+"
_LINK = r"(?:van|de|der|den|het|'t|ter|ten|op|aan|in|bij)"
_LINKS = frozenset({"van", "de", "der", "den", "het", "'t", "ter", "ten", "op", "aan", "in", "bij"})
# House numbers are the anchors: every address has one, and they are few in a text.
_NUMBER_RE = re.compile(r"[1-9][0-9]{0,3}")
_HOUSE_NUMBER_RE = re.compile(_HOUSE_NUMBER)
_NUMBER_WORD_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:(?:huis)?nummer|nr\.?|no\.?|n°)[ \t]*$", re.IGNORECASE
)
# The number first: "12 Kerkstraat", "nummer 12 van de Oude Delft".
_STREET_AFTER_RE = re.compile(
    r"[a-zA-Z]?(?![\w.,/:-])"
    r"(?:[ \t]+(?P<of>(?:van|aan|in|op)[ \t]+(?:de|het)))?"
    rf"[ \t]+(?P<street>(?:(?:{_CAP}|{_LINK})[ \t]+){{0,3}}{_WORD})",
)
# "Laan van Meerdervoort 120": a street word, a link, then capitalised words.
_LAAN_WORDS = frozenset(
    _split(
        "laan plein kade dreef singel hof weg dijk straatweg gracht park markt steeg pad plantsoen"
        " allee boulevard"
    )
)
# Words that begin multi-word street names ("Lange Voorhout", "Achter de Dom", "Sint Jansbrug").
_STREET_STARTS = frozenset(
    _split(
        """
    lange korte oude nieuwe hoge lage grote kleine achter binnen buiten boven beneden sint st.
    burgemeester burg. dokter dr. koningin koning prins prinses graaf gravin hertog pater
    pastoor generaal professor prof. jonkheer meester mr. president admiraal kardinaal bisschop
    noorder zuider ooster wester oranje kromme vrouwe heilige
    """
    )
)
# "woont op", "adres:", "verhuist naar": what follows with a number is an address.
_CONTEXT_RE = re.compile(
    r"(?:\bwoon(?:t|de|den|en|achtig)?|\bwonend|(?<!mail)(?<!ip-)(?<!web)adres"
    r"|\bverhui(?:st|sd|zen|sde|sden)"
    r"|\bhuisbezoek|\bingeschreven|\bverblijft|\blangs)\b[^\n.;!?]{0,24}$",
    re.IGNORECASE,
)
_CONTEXT_LEAD = frozenset({"op", "aan", "in", "naar", "bij", "de", "het"})
_ARTICLES = frozenset({"de", "het", "'t"})
_ADDRESS_PREPOSITIONS = frozenset({"aan", "op", "in"})
# A number that is part of a street's name, before "nr" and the house number: "Plein 1944 nr 3".
_NUMBER_IN_NAME_RE = re.compile(r"(?<![\w'])'?[0-9]{1,4}(?:[ \t]?-[ \t]?'?[0-9]{1,4})?[ \t]*$")
# Capitalised words that follow "woont in" and a number without being a street.
_NOT_PREFIX = frozenset({"de", "het", "een", "op", "aan", "in", "naar", "bij", "adres"})
_NOT_STREET_WORDS = frozenset(
    _split(
        """
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag week jaar team wijk groep fase
    casus bijlage stap punt artikel hoofdstuk versie kamer afdeling gebouw verdieping
    top lijn bus tram metro trein klas zaal ronde niveau module les sessie bijeenkomst training
    cursus maand kwartaal periode pagina blz deel paragraaf lid regel vraag optie leerjaar
    jaargang editie aflevering seizoen serie nummer tabel figuur kolom rij categorie klasse
    graad level sprint prioriteit schaal stadium trede tafel spoor perron poort lokaal ruimte
    bed bijlagen wet regeling route agenda agendapunt actiepunt
    """
    )
)


def is_street(word: str, *, weak: bool = True) -> bool:
    """Whether word looks like a Dutch street name ("Kerkstraat", "Kerkstr", "'s-Gravendijkwal").

    weak: also by the endings that only count on a capitalised word ("Lindehof", "Esdoornpark").
    """
    if word.startswith(("'s-", "s-")) and len(word) > 3:
        word = word[word.index("-") + 1 :]
    lower = word.lower()
    if lower in _STREET_NOT:
        return False
    capital = word[0].isupper()
    if capital and lower in _STREET_STANDALONE:
        return True
    strong = _STRONG_SUFFIX_RE.search(lower)
    if strong is not None and strong.start() > 1:
        return True
    if not capital or not weak:
        return False
    suffix = _WEAK_SUFFIX_RE.search(lower)
    if suffix is None or suffix.start() <= 1:
        return False
    return not (suffix.group() == "ring" and lower[-5] in "aeiou")  # vergadering, uitkering


def _area(word: str) -> bool:
    """Whether word names a neighbourhood or place rather than a street ("Bloemenbuurt")."""
    return word.lower().endswith(("buurt", "wijk", "dorp", "stad", "gemeente"))


def _words_before(text: str, position: int, count: int) -> list[tuple[int, int]]:
    """Up to count words ending before position on the same line, nearest first."""
    words: list[tuple[int, int]] = []
    index = position - 1
    while len(words) < count:
        while index >= 0 and text[index] in " \t":
            index -= 1
        end = index + 1
        while index >= 0 and (text[index].isalpha() or text[index] in "'-."):
            index -= 1
        if end == index + 1:
            break
        start = index + 1
        while start < end and text[start] in "'-.":
            start += 1  # a word starts with a letter
        if start == end:
            break
        words.append((start, end))
        if index >= 0 and text[index] not in " \t":
            break
    return words


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _year_like(number: str, suffix: str | None) -> bool:
    """ "Stationsplein 2026" is more likely a year than a house number."""
    return len(number) == 4 and number[:2] in ("19", "20") and not suffix


def _glued_street(text: str, number_start: int) -> bool:
    """Whether a street word is glued to the number at number_start ("Marktstraat17B")."""
    start = number_start
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return number_start - start >= 5 and is_street(text[start:number_start])


def _skip_back(text: str, position: int) -> int:
    """position moved back over spaces and one line break, when a street word ends that line."""
    while position > 0 and text[position - 1] in " \t":
        position -= 1
    if position > 0 and text[position - 1] == "\n":
        line_end = position - 1
        while line_end > 0 and text[line_end - 1] in " \t\r":
            line_end -= 1
        words = _words_before(text, line_end, 1)
        if words and is_street(text[words[0][0] : words[0][1]]):
            return line_end  # "Marktstraat\n17"
    return position


def _street_before(text: str, number_start: int, end: int, year: bool) -> Iterator[Span]:
    """Addresses whose street stands before the number at number_start."""
    if _glued_street(text, number_start):
        words = _words_before(text, number_start, 2)
        start = words[1][0] if len(words) > 1 and _is_cap(text[words[1][0] : words[1][1]]) else 0
        yield (start or words[0][0]), end
        return
    position = number_start
    word_before = _NUMBER_WORD_BEFORE_RE.search(text, max(0, position - 14), position)
    if word_before is not None:
        position = word_before.start()
        while position > 0 and text[position - 1] in " \t":
            position -= 1
        in_name = _NUMBER_IN_NAME_RE.search(text, max(0, position - 12), position)
        if in_name is not None:
            told = _CONTEXT_RE.search(text, max(0, in_name.start() - 60), in_name.start())
            if len(in_name.group().strip(" \t'")) == 1 and told is None:
                return  # "In de Laan 2 nr 3 van het boek": a chapter and its number
            position, year = in_name.start(), False  # "Plein 1944 nr 3"
    else:
        in_name = None
    if year:
        return  # "in 2015", "Stationsplein 2026": a year (the words before need no reading)
    position = _skip_back(text, position)
    if position > 0 and text[position - 1] == ",":
        position -= 1
    if position == number_start:
        return  # "Kerkstraat12": only a street word is glued to its number
    # The nearest word decides most numbers ("om 3 uur", "groep 8"): the words further back
    # are read only when it is a street word or capitalised.
    words = _words_before(text, position, 1)
    if not words:
        return
    nearest = text[words[0][0] : words[0][1]].rstrip(".") or text[words[0][0] : words[0][1]]
    # With "nummer" or "nr." between, a weak street ending is not enough: "Antwoord nummer 1".
    street = is_street(nearest) and (word_before is None or is_street(nearest, weak=False))
    if not (street or _is_cap(nearest)):
        return
    words = _words_before(text, position, 6)
    texts = [text[a:b].rstrip(".") or text[a:b] for a, b in words]
    if street:
        start = words[0][0]
        if len(words) > 2 and texts[1].lower() in _LINKS and _is_cap(texts[2]):
            start = words[2][0]  # "Burgemeester de Withstraat 4"
        elif len(words) > 1 and _is_cap(texts[1]) and texts[1].lower() not in _NOT_PREFIX:
            start = words[1][0]
        yield start, end
        return
    if in_name is not None and nearest.lower() in _LAAN_WORDS and in_name.group()[1:2].isdigit():
        yield words[0][0], end  # "Laan 1940-1945 nr 12": a name with a number, then "nr"
        return
    # Capitalised words and links back to a street word, a street start or an address word.
    for k in range(1, len(texts)):
        word = texts[k]
        lower = word.lower()
        if lower in _LAAN_WORDS and _is_cap(word) and texts[k - 1].lower() in _LINKS:
            yield words[k][0], end  # "Laan van Meerdervoort 120"
            return
        if lower in _STREET_STARTS and _is_cap(word):
            yield words[k][0], end  # "Lange Voorhout 34", "Achter de Dom 14"
            return
        if not (_is_cap(word) or lower in _LINKS) or k > 4:
            break
    if nearest.lower() in _NOT_STREET_WORDS:
        return
    for k in range(len(texts)):
        if texts[k].lower() in _CONTEXT_LEAD or not (_is_cap(texts[k]) or texts[k] in _LINKS):
            first = words[k][1]
            if _article_lead(texts, k):
                yield words[0][0], end  # "aan de Spui 8", "op het Plein 1944 nr 3"
                return
            break
        first = words[k][0]
    else:
        first = words[-1][0]
    if texts[-1].lower() in _NOT_STREET_WORDS:
        return
    if _CONTEXT_RE.search(text, max(0, first - 50), first) is not None:
        yield words[0][0], end  # "woont op de Korte Poten 8", "adres: Neude 11"
    elif len(texts) > 1 and texts[1] in _STREET_PREPOSITIONS and _unknown_name(nearest):
        yield words[0][0], end  # "op Amstel 112", "langs Rapenburg 70"


# Lower-case words before a lone capitalised word that is then a street ("bezoek op Amstel 112").
_STREET_PREPOSITIONS = frozenset({"op", "aan", "langs"})


def _unknown_name(word: str) -> bool:
    """A capitalised word that is no Dutch word, nor a first name or an organisation."""
    lower = word.lower()
    if len(word) < 4 or not word[1:].islower() or lower in FIRST_NAMES or lower in NOT_A_NAME:
        return False
    return not is_dutch_word(word)


def _article_lead(texts: list[str], k: int) -> bool:
    """Whether texts[k] and the word before it are "aan de", "op het", "in de" after a street name.

    texts are the words before a house number, nearest first; texts[:k] the capitalised name.
    """
    if k == 0 or k > 3 or texts[k].lower() not in _ARTICLES or k + 1 >= len(texts):
        return False
    if any(word.lower() in _NOT_STREET_WORDS or not _is_cap(word) for word in texts[:k]):
        return False
    return texts[k + 1].lower() in _ADDRESS_PREPOSITIONS


def _street_after(text: str, match: re.Match[str], number_end: int) -> Iterator[Span]:
    """Addresses written number first: "12 Kerkstraat", "nummer 12 van de Oude Delft"."""
    after = _STREET_AFTER_RE.match(text, number_end)
    if after is None:
        return
    start = match.start()
    word_before = _NUMBER_WORD_BEFORE_RE.search(text, max(0, start - 14), start)
    if word_before is not None:
        start = word_before.start()
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".,/-:"):
        return  # "om 9:30 in de Kerkstraat": a time, not a house number
    of = (after.group("of") or "").split()
    named = word_before is not None and of[:1] in (["van"], ["aan"])
    position = after.start("street")
    parts = after.group("street").split()
    for part in parts:
        position = text.index(part, position) + len(part)
        if is_street(part):
            yield start, position
            return
    first = parts[0]
    if named and first[0].isupper() and not _area(first):
        yield start, after.start("street") + len(first)


_NUMBERED_AFTER_RE = re.compile(rf"[ \t]*,?[ \t]*{_NUMBER_WORD}[ \t]*[0-9]", re.IGNORECASE)
# A sentence that begins with a single capitalised word and a number, then a comma and a
# lower-case word or the end: "Heuvel 3, naast de kerk" (no street word, but nothing else either).
_SENTENCE_START_RE = re.compile(r"(?:^|(?<=[.!?\n])[ \t]*|(?<=[.!?][ \t]))$")
_LONE_AFTER_RE = re.compile(r"[ \t]*(?:,[ \t]*[a-z]|$|[ \t]*\n)")
_NOT_LONE_STREET = frozenset(
    _split(
        """
    locatie dag nummer scenario voorbeeld variant vergadering overleg bus lijn hal ingang
    uitgang balie loket kantoor unit unitnummer pand blok toets opdracht taak week punt
    jaar groep klas stap fase
    """
    )
)


def _lone_street(text: str, start: int, end: int) -> bool:
    """ "Heuvel 3, naast de kerk": one capitalised word that opens a sentence, then the number."""
    words = _words_before(text, start, 2)
    if len(words) != 1:
        return False
    word = text[words[0][0] : words[0][1]]
    lower = word.lower()
    if (
        len(word) < 4
        or not word[0].isupper()
        or not word[1:].islower()
        or lower in _NOT_STREET_WORDS
        or lower in _NOT_LONE_STREET
        or lower in _HOUSE_UNIT_WORDS
        or lower in FUNCTION_WORDS
    ):
        return False
    if text[words[0][1] : start].strip(" \t"):
        return False  # "Bijlage: 3", "Week-3"
    opens = _SENTENCE_START_RE.search(text, max(0, words[0][0] - 3), words[0][0]) is not None
    return opens and _LONE_AFTER_RE.match(text, end) is not None


_HOUSE_UNIT_WORDS = frozenset(_HOUSE_UNITS.split("|"))


def _range(number: str, suffix: str) -> bool:
    """ "9-17" is a range of hours or weeks; "112-3" a house number and its flat."""
    other = suffix[1:]
    return suffix[:1] == "-" and other.isdigit() and int(other) > int(number)


def _abbreviated(text: str, number_start: int) -> bool:
    """Whether an abbreviated street word and its dot are glued to the number ("Kerkstr.12")."""
    if number_start < 5 or not text[number_start - 2].isalpha():
        return False
    words = _words_before(text, number_start, 1)
    word = text[words[0][0] : words[0][1]].rstrip(".") if words else ""
    return word.lower().endswith(("str", "ln", "pln")) and is_street(word, weak=False)


def find_address(text: str) -> Iterator[Span]:
    """A street name with a house number (see the module docstring)."""
    for match in _NUMBER_RE.finditer(text):
        start = match.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_"):
            if text[start - 1].isalpha() and _glued_street(text, start):
                house = _HOUSE_NUMBER_RE.match(text, start)
                if house is not None:
                    yield from _street_before(text, start, house.end(), False)
            continue
        after_end = match.end()
        if after_end < len(text) and text[after_end].isdigit():
            continue
        house = _HOUSE_NUMBER_RE.match(text, start)
        if house is not None and text[start - 1 : start] == "." and _abbreviated(text, start):
            yield _words_before(text, start, 1)[0][0], house.end()  # "Wilhelminastr.12"
            continue
        if house is not None and _NUMBERED_AFTER_RE.match(text, house.end()) is not None:
            continue  # "Plein 1 nummer 4": a number in a name, then its number (judged at 4)
        if house is not None and text[start - 1 : start] not in (".", "/", "-", "+", "€"):
            year = _year_like(house.group("number"), house.group("suffix"))
            found = False
            for span in _street_before(text, start, house.end(), year):
                found = True
                yield span
            ranged = _range(house.group("number"), house.group("suffix") or "")
            if not found and not year and not ranged and _lone_street(text, start, house.end()):
                yield _words_before(text, start, 1)[0][0], house.end()
        yield from _street_after(text, match, after_end)
