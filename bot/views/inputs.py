"""Block Kit input blocks for modals, and reading their values back from a submission.

Every input block holds one element whose action_id is `ids.input_id(block_id)`, so a whole
submission reads back as block id → value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bot.ids import TEAM_BLOCK, input_id

OPTION_TEXT_LENGTH = 75  # Slack's limit for an option's text
MAX_OPTIONS = 100  # Slack's limit for a static select


def plain(text: str) -> dict[str, Any]:
    """A plain_text object."""
    return {"type": "plain_text", "text": text}


def options(choices: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    """Option objects for (value, label) pairs."""
    return [
        {"text": plain(label[:OPTION_TEXT_LENGTH]), "value": value}
        for value, label in list(choices)[:MAX_OPTIONS]
    ]


def _chosen(all_options: list[dict[str, Any]], values: Iterable[str]) -> list[dict[str, Any]]:
    # Slack accepts initial options only when they equal options of the element exactly.
    wanted = set(values)
    return [option for option in all_options if option["value"] in wanted]


def _input(
    block_id: str, label: str, element: dict[str, Any], *, optional: bool, hint: str | None
) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "optional": optional,
        "element": {"action_id": input_id(block_id), **element},
    }
    if hint:
        block["hint"] = plain(hint)
    return block


def text_input(
    block_id: str,
    label: str,
    *,
    max_length: int,
    initial: str = "",
    multiline: bool = True,
    optional: bool = False,
    hint: str | None = None,
    placeholder: str | None = None,
) -> dict[str, Any]:
    """A plain text input; an initial value longer than max_length is cut (Slack refuses it)."""
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "multiline": multiline,
        "max_length": max_length,
    }
    if initial:
        element["initial_value"] = initial[:max_length]
    if placeholder:
        element["placeholder"] = plain(placeholder)
    return _input(block_id, label, element, optional=optional, hint=hint)


def multi_select(
    block_id: str,
    label: str,
    choices: Iterable[tuple[str, str]],
    *,
    initial: Iterable[str] = (),
    optional: bool = False,
    hint: str | None = None,
    placeholder: str = "Kies…",
) -> dict[str, Any]:
    """A multi static select."""
    all_options = options(choices)
    element: dict[str, Any] = {
        "type": "multi_static_select",
        "placeholder": plain(placeholder),
        "options": all_options,
    }
    chosen = _chosen(all_options, initial)
    if chosen:
        element["initial_options"] = chosen
    return _input(block_id, label, element, optional=optional, hint=hint)


def single_choice(
    block_id: str,
    label: str,
    choices: Iterable[tuple[str, str]],
    *,
    initial: str | None = None,
    optional: bool = False,
    radio: bool = False,
    placeholder: str = "Kies…",
) -> dict[str, Any]:
    """Radio buttons (at most 10 options) or a static select."""
    all_options = options(choices)
    element: dict[str, Any] = {"type": "radio_buttons" if radio else "static_select"}
    element["options"] = all_options
    if not radio:
        element["placeholder"] = plain(placeholder)
    chosen = _chosen(all_options, [initial] if initial else [])
    if chosen:
        element["initial_option"] = chosen[0]
    return _input(block_id, label, element, optional=optional, hint=None)


def checkboxes(
    block_id: str,
    label: str,
    choices: Iterable[tuple[str, str]],
    *,
    initial: Iterable[str] = (),
) -> dict[str, Any]:
    """Optional checkboxes."""
    all_options = options(choices)
    element: dict[str, Any] = {"type": "checkboxes", "options": all_options}
    chosen = _chosen(all_options, initial)
    if chosen:
        element["initial_options"] = chosen
    return _input(block_id, label, element, optional=True, hint=None)


def read_values(view: Mapping[str, Any]) -> dict[str, str | list[str] | None]:
    """Block id → the submitted value: text, one chosen value, or a list of chosen values."""
    outer = view.get("state")
    state = (outer.get("values") if isinstance(outer, Mapping) else None) or {}
    values: dict[str, str | list[str] | None] = {}
    if not isinstance(state, Mapping):
        return values
    for block_id, elements in state.items():
        element = elements.get(input_id(str(block_id))) if isinstance(elements, Mapping) else None
        if not isinstance(element, Mapping):
            continue
        if "selected_options" in element:
            chosen = element.get("selected_options") or []
            values[str(block_id)] = [
                str(option.get("value"))
                for option in chosen
                if isinstance(option, Mapping) and option.get("value") is not None
            ]
        elif "selected_option" in element:
            option = element.get("selected_option")
            values[str(block_id)] = (
                str(option.get("value")) if isinstance(option, Mapping) else None
            )
        else:
            value = element.get("value")
            values[str(block_id)] = None if value is None else str(value)
    return values


def text_of(values: Mapping[str, str | list[str] | None], block_id: str) -> str:
    """A text or single choice from read_values ('' when absent)."""
    value = values.get(block_id)
    return value if isinstance(value, str) else ""


def list_of(values: Mapping[str, str | list[str] | None], block_id: str) -> list[str]:
    """A multiple choice from read_values ([] when absent)."""
    value = values.get(block_id)
    return list(value) if isinstance(value, list) else []


def action_value(body: Mapping[str, Any]) -> str:
    """The value of the clicked button in a block_actions payload ('' when there is none)."""
    actions = body.get("actions") or [{}]
    first = actions[0] if isinstance(actions, list) and isinstance(actions[0], Mapping) else {}
    return str(first.get("value") or "")


def encode_metadata(data: Mapping[str, Any]) -> str:
    """private_metadata for a modal (at most 3,000 characters)."""
    return json.dumps(dict(data), separators=(",", ":"))


def decode_metadata(raw: object) -> dict[str, Any]:
    """A modal's private_metadata as a dict; {} for anything unexpected."""
    try:
        data = json.loads(str(raw or ""))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def int_list(raw: object) -> list[int]:
    """The ints in a metadata list (anything else is dropped)."""
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        return []
    return [item for item in raw if isinstance(item, int) and not isinstance(item, bool)]


def team_select(teams: Sequence[tuple[int, str]]) -> list[dict[str, Any]]:
    """A 'which team?' select, only when there is more than one team to choose from."""
    if len(teams) <= 1:
        return []
    choices = [(str(team_id), name) for team_id, name in teams]
    return [single_choice(TEAM_BLOCK, "Voor welk team?", choices, placeholder="Kies je team")]


def chosen_team(view: Mapping[str, Any]) -> tuple[list[int], int | None]:
    """(teams the modal offered, the one chosen): the only one, or a chosen one it offered."""
    allowed = int_list(decode_metadata(view.get("private_metadata")).get("teams"))
    if len(allowed) == 1:
        return allowed, allowed[0]
    chosen = text_of(read_values(view), TEAM_BLOCK)
    return allowed, int(chosen) if chosen.isdigit() and int(chosen) in allowed else None
