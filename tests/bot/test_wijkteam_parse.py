"""Parsing /wijkteam text as Slack sends it."""

from __future__ import annotations

import pytest

from bot.wijkteam import MENTION_RE, parse_wijkteam


@pytest.mark.parametrize(
    ("text", "action", "argument"),
    [
        ("koppel Wijkteam Noord", "koppel", "Wijkteam Noord"),
        ("  KOPPEL   Wijkteam  Noord ", "koppel", "Wijkteam  Noord"),
        ("leider <@U123ABC|fatima>", "leider", "<@U123ABC|fatima>"),
        ("status", "status", ""),
        ("help", "help", ""),
        ("hulp", "help", ""),
        ("", "help", ""),
    ],
)
def test_subcommand_and_argument(text: str, action: str, argument: str) -> None:
    request = parse_wijkteam(text)
    assert (request.action, request.argument, request.unknown) == (action, argument, None)


def test_unknown_subcommand_becomes_help_that_names_it() -> None:
    request = parse_wijkteam("verwijder alles")
    assert request.action == "help"
    assert request.unknown == "verwijder"


@pytest.mark.parametrize(
    ("text", "user_id"),
    [("<@U123ABC|fatima>", "U123ABC"), ("<@U123ABC>", "U123ABC"), ("<@W0GRID99|a.b>", "W0GRID99")],
)
def test_both_mention_forms_yield_the_user_id(text: str, user_id: str) -> None:
    match = MENTION_RE.search(text)
    assert match is not None
    assert match.group(1) == user_id


@pytest.mark.parametrize("text", ["@fatima", "<#C123|kanaal>", "<!channel>", "U123ABC"])
def test_non_mentions_are_not_taken_for_a_user(text: str) -> None:
    assert MENTION_RE.search(text) is None
