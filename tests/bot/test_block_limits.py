"""Finding 11: replies built from the longest texts a user may type stay within Slack's limits.

Slack refuses a message with a section over 3,000 characters or more than 50 blocks; escaping
(& → &amp;) and quoting ('> ') make a text longer, so the limits are checked after both.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.cases import CaseEntry
from bot.views.casus import build_case_list
from bot.views.errors import with_user_text
from bot.views.mrkdwn import Reply, clip, quote_sections, section, unescape
from bot.views.prompt import build_prompt_message
from prompts.casus_form import load_case_form
from prompts.library import load_library
from storage.models import ANSWER_TEXT_LENGTH, CASE_TEXT_LENGTH

WORST = "&<>"  # each of these grows to four or five characters when escaped


def within_limits(blocks: list[dict[str, Any]]) -> None:
    assert len(blocks) <= 50
    for block in blocks:
        text = (block.get("text") or {}).get("text", "")
        assert len(text) <= 3000, (block["type"], len(text))
        for element in block.get("elements") or []:
            assert len(str(element.get("text", ""))) <= 3000


def test_a_handed_back_text_of_the_longest_answer_is_split_not_cut() -> None:
    typed = (WORST * ANSWER_TEXT_LENGTH)[:ANSWER_TEXT_LENGTH] + "\n" + "woord " * 300
    reply = with_user_text(Reply(text="Niet bewaard.", blocks=[section("Niet bewaard.")]), typed)
    within_limits(reply.blocks)
    quoted = [b["text"]["text"] for b in reply.blocks[2:]]
    joined = unescape("".join(part.replace("> ", "").replace("\n", "") for part in quoted))
    assert joined == typed.replace("\n", "").strip()


def test_quoting_never_splits_an_entity() -> None:
    for width in range(10, 40):
        for part in quote_sections("a&b" * 50, limit=width):
            assert len(part) <= width
            assert not part.rstrip("…").endswith(("&", "&a", "&am", "&amp"))
    assert clip("x" * 2998 + "&amp;", 3000) == "x" * 2998 + "…"


def test_a_casuistiek_prompt_quoting_three_of_the_longest_cases_fits() -> None:
    prompt = load_library().by_id("casuistiek-01")
    cases = [(WORST * CASE_TEXT_LENGTH)[:CASE_TEXT_LENGTH]] * 3
    within_limits(build_prompt_message(prompt, slot_id=1, cases=cases))


def test_the_case_list_with_ten_of_the_longest_cases_fits() -> None:
    entry = CaseEntry(description=(WORST * CASE_TEXT_LENGTH)[:CASE_TEXT_LENGTH],
                      decision="zelf")  # fmt: skip
    when = datetime(2026, 11, 24, tzinfo=UTC)
    reply = build_case_list([(n, when, entry) for n in range(10)], load_case_form(),
                            ZoneInfo("Europe/Amsterdam"))  # fmt: skip
    within_limits(reply.blocks)
