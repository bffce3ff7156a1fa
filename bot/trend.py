"""The trend word of a line (weeks in the weekspiegel, months in the signalenrapport).

One stated rule, so the word always follows the line a reader sees: the line is cut in an
earlier and a later half, and the word compares the two halves.
"""

from __future__ import annotations

from collections.abc import Sequence

NEW = "nieuw"
RISING = "stijgend"
STEADY = "stabiel"
FALLING = "dalend"
FADING = "wegebbend"
TREND_WORDS = (NEW, RISING, STEADY, FALLING, FADING)

RATIO = 1.5  # the later half at least 1.5 times the earlier (rising), or at most 1/1.5 (falling)
MIN_STEP = 2  # and the halves differ by at least this much, so 1 → 2 is no trend


def trend_rule(period: str = "week", periods: str = "weken") -> str:
    """The rule in Dutch, for the footer of a weekspiegel or a rapport."""
    ratio = f"{RATIO:g}".replace(".", ",")
    return (
        f"Trendwoord: de lijn wordt in twee helften geknipt (eerdere en latere {periods}). "
        f"*Wegebbend*: in de laatste {period} niet meer genoemd. *Nieuw*: in de eerdere "
        f"helft niet genoemd. *Stijgend*: de latere helft samen minstens {ratio} keer de eerdere "
        f"en minstens {MIN_STEP} meer. *Dalend*: de eerdere helft minstens {ratio} keer de "
        f"latere en minstens {MIN_STEP} meer. Anders *stabiel*."
    )


def trend_word(line: Sequence[int]) -> str:
    """nieuw | wegebbend | stijgend | dalend | stabiel, by comparing the line's two halves."""
    half = len(line) // 2
    earlier, later = sum(line[: len(line) - half]), sum(line[len(line) - half :])
    if line[-1] == 0:
        return FADING
    if earlier == 0:
        return NEW
    if later >= earlier * RATIO and later - earlier >= MIN_STEP:
        return RISING
    if earlier >= later * RATIO and earlier - later >= MIN_STEP:
        return FALLING
    return STEADY
