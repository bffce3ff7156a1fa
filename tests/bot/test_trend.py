"""The trend word: one stated rule that follows the line's shape."""

from __future__ import annotations

import pytest

from bot.trend import trend_rule, trend_word


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ((1, 1, 1, 1, 2, 2, 3, 3), "stijgend"),  # 4 earlier, 10 later
        ((3, 3, 2, 2, 1, 1, 1, 1), "dalend"),  # 10 earlier, 4 later
        ((2, 3, 2, 3, 3, 2, 3, 2), "stabiel"),
        ((0, 0, 0, 0, 0, 1, 2, 2), "nieuw"),
        ((2, 2, 3, 2, 2, 1, 1, 0), "wegebbend"),  # not raised in the last week
        ((0, 1, 0, 0, 0, 1, 0, 1), "stabiel"),  # 1 → 2 is no trend
        ((1, 0, 1, 1, 4, 2), "stijgend"),  # six months: 2 earlier, 7 later
    ],
)
def test_the_word_compares_the_two_halves_of_the_line(line: tuple[int, ...], word: str) -> None:
    assert trend_word(line) == word


def test_the_demo_line_that_clearly_rises_is_called_rising_not_steady() -> None:
    # The line `make demo` showed as "aanhoudend" before the rule followed the line.
    assert trend_word((4, 2, 2, 1, 4, 5, 8, 5)) == "stijgend"


def test_the_rule_is_stated_in_dutch_with_every_word() -> None:
    rule = trend_rule("maand", "maanden")
    words = ("Nieuw", "Wegebbend", "Stijgend", "Dalend", "stabiel", "1,5 keer", "laatste maand")
    for word in words:
        assert word in rule
