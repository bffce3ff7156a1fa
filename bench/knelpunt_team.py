"""A simulated team whose words the corpus never uses, to show what its corrections teach.

Wijkteam Oost has its own jargon: the monthly table with the partners is "de Zeskamp", the
files waiting for the second line sit in "de rode map", the weekly reflection is "het KOT"
(koffie op tijd) and the caseload is "de teller". Its members write lines with these words;
some are confirmed examples (they corrected the knelpunten), the others are new lines the
team writes later. The bench compares the corpus model with the team's own model on the new
lines, and checks that the team's model is no worse on the old labelled set.

Sentences are made from templates with a fixed seed: the same every run.
"""

from __future__ import annotations

import random
from typing import Final

from prompts.corpus import Example

SEED: Final = 2026

_JARGON: Final[dict[str, tuple[list[str], list[str]]]] = {
    "samenwerking-ketenpartners": (
        [
            "De Zeskamp ging weer niet door: {who} zegde op het laatste moment af.",
            "Bij de Zeskamp zat alleen ons team aan tafel, {who} liet niks horen.",
            "Zeskamp van vandaag: {who} wist niet eens welke gezinnen we samen hebben.",
            "Sinds {who} niet meer naar de Zeskamp komt, loopt alles langs elkaar heen.",
            "Op de Zeskamp beloofde {who} terug te bellen; niks gehoord.",
        ],
        ["de corporatie", "de wijkagent", "de huisarts", "school", "de jeugdhulp", "het UWV"],
    ),
    "wachtlijsten-tweede-lijn": (
        [
            "Weer {what} in de rode map erbij, ze kunnen nergens terecht.",
            "De rode map puilt uit: {what} wacht nu al maanden.",
            "Ik heb {what} in de rode map gestopt, dat wordt weer wachten.",
            "Zolang {what} in de rode map ligt, houden wij het gezin maar overeind.",
        ],
        [
            "een jongere met angstklachten",
            "het gezin van dinsdag",
            "een moeder met trauma",
            "een vader met een verslaving",
            "een tiener die niet meer eet",
        ],
    ),
    "tijd-voor-reflectie": (
        [
            "Het KOT is {when} weer geschrapt, we gaan maar door.",
            "{when} geen KOT gehad, niemand kwam eraan toe.",
            "Het KOT schiet er {when} bij in, terwijl we het zo nodig hebben.",
            "Sinds het KOT {when} verviel, weet ik niet meer wat collega's doen.",
        ],
        ["deze week", "al drie weken", "vandaag", "maandag", "alweer"],
    ),
    "zorgzwaarte-en-caseload": (
        [
            "Mijn teller staat op {number}, dat is niet meer te doen.",
            "De teller van het team is {number} gezinnen per persoon.",
            "Met een teller van {number} kan ik niemand goed helpen.",
            "Er komt weer een bij op de teller, nu {number}.",
        ],
        ["41", "38", "45", "52", "36"],
    ),
}
_NEUTRAL: Final[list[str]] = [
    "De Zeskamp was goed voorbereid en iedereen was er, fijn.",
    "Vandaag het KOT gehad, we hebben gelachen en van elkaar geleerd.",
    "De rode map is leeg: alle gezinnen zijn geholpen.",
    "Mijn teller is deze maand gezakt naar een normaal aantal.",
    "Mooie Zeskamp: de corporatie komt met een aanbod voor de buurt.",
    "Het KOT ging over de nieuwe collega, een warm welkom.",
    "Koffie met de buurvrouw van het gezin, alles gaat weer goed.",
    "Het teamuitje naar het bos was gezellig.",
    "Bij het KOT vertelde iemand over een mooi gesprek met een vader.",
    "De teller doet er deze week niet toe: vakantie.",
]


def team_sets() -> tuple[list[Example], list[Example]]:
    """(confirmed examples the team gave, new lines to judge), disjoint, the same every run."""
    rng = random.Random(SEED)
    lines: list[Example] = []
    for knelpunt, (templates, fillers) in _JARGON.items():
        for number, template in enumerate(templates):
            for filler in rng.sample(fillers, 3):
                text = template.format(who=filler, what=filler, when=filler, number=filler)
                text = text[0].upper() + text[1:]
                lines.append(Example("team-oost", number, text, frozenset({knelpunt})))
    neutral = [Example("team-oost", 0, text, frozenset()) for text in _NEUTRAL]
    rng.shuffle(lines)
    half = len(lines) // 2
    return lines[:half] + neutral[:5], lines[half:] + neutral[5:]
