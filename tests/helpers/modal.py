"""Filling in a modal the app opened, as a user in Slack would, and submitting it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tests.helpers.payloads import view_submission

Answer = str | Sequence[str] | None


def _option(element: dict[str, Any], value: str) -> dict[str, Any]:
    for option in element.get("options") or []:
        if option["value"] == value:
            return dict(option)
    # A value the element does not offer: what a crafted payload would carry.
    return {"text": {"type": "plain_text", "text": value}, "value": value}


def _state(element: dict[str, Any], answer: Answer) -> dict[str, Any]:
    kind = element["type"]
    if kind == "plain_text_input":
        value = element.get("initial_value") if answer is None else answer
        return {"type": kind, "value": value}
    if kind in ("multi_static_select", "checkboxes"):
        if answer is None:
            chosen = list(element.get("initial_options") or [])
        else:
            values = [answer] if isinstance(answer, str) else list(answer)
            chosen = [_option(element, value) for value in values]
        return {"type": kind, "selected_options": chosen}
    if kind in ("static_select", "radio_buttons"):
        if answer is None:
            return {"type": kind, "selected_option": element.get("initial_option")}
        assert isinstance(answer, str)
        return {"type": kind, "selected_option": _option(element, answer)}
    raise AssertionError(f"no filler for {kind}")


def fill(view: dict[str, Any], answers: Mapping[str, Answer] | None = None) -> dict[str, Any]:
    """view.state.values after a user typed/chose `answers` (block id → value); others as shown."""
    answers = answers or {}
    unknown = set(answers) - {block.get("block_id") for block in view["blocks"]}
    assert not unknown, f"the modal has no blocks {unknown}"
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        values[block["block_id"]] = {
            element["action_id"]: _state(element, answers.get(block["block_id"]))
        }
    return values


def submission(
    view: dict[str, Any], answers: Mapping[str, Answer] | None = None, *, user_id: str
) -> dict[str, Any]:
    """The view_submission payload for the filled-in modal."""
    return view_submission(
        view["callback_id"],
        fill(view, answers),
        user_id=user_id,
        private_metadata=view.get("private_metadata", ""),
        blocks=view["blocks"],
    )


def answer_values(answer: str, *options: str, knelpunten: Sequence[str] = ()) -> dict[str, Any]:
    """view.state.values of the private-answer modal (options: anonymous, quotable)."""
    from bot import ids

    return {
        ids.ANSWER_BLOCK: {ids.ANSWER_INPUT: {"type": "plain_text_input", "value": answer}},
        ids.OPTIONS_BLOCK: {
            ids.OPTIONS_INPUT: {
                "type": "checkboxes",
                "selected_options": [{"value": option} for option in options],
            }
        },
        ids.KNELPUNTEN_BLOCK: {
            ids.KNELPUNTEN_INPUT: {
                "type": "multi_static_select",
                "selected_options": [{"value": k} for k in knelpunten],
            }
        },
    }
