"""How the payload corpus in this directory was made (run once; the JSON files are the copies).

    python -m tests.payloads.make_corpus BOLT_GIT SDK_GIT NODE_GIT

Each argument is a git directory of slackapi/bolt-python, slackapi/python-slack-sdk and
slackapi/node-slack-sdk; the files are read at their HEAD with `git show`. Every shape is
adapted to this bot's test workspace (see README.md) and gets an `expect` the replay checks.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
TEAM, APP, BOT_USER = "T0TEST", "A0TEST", "UBOT"
RESPONSE_URL = "{{RESPONSE_URL}}"
INTERACTIVE_EXPECT = {
    "block_actions": "polite",
    "interactive_message": "polite",
    "dialog_submission": "polite",
    "dialog_cancellation": "polite",
    "workflow_step_edit": "polite",
    "shortcut": "polite",
    "message_action": "polite",
    "view_submission": "old_modal",
    "view_closed": "ignored",
    "block_suggestion": "options",
    "dialog_suggestion": "options",
}


def git_show(repo: str, path: str) -> str:
    """A file at HEAD of a git directory."""
    return subprocess.run(
        ["git", "--git-dir", repo, "show", f"HEAD:{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def git_files(repo: str, under: str) -> list[str]:
    """The files under a folder at HEAD."""
    listing = subprocess.run(
        ["git", "--git-dir", repo, "ls-tree", "-r", "--name-only", "HEAD", under],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return listing.split()


def adapt(value: Any, key: str = "") -> Any:
    """Slack's test ids → this bot's test workspace; no enterprise grid; our response_url."""
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for k, v in value.items():
            if k in ("enterprise_id", "enterprise"):
                result[k] = None
            elif k == "is_enterprise_install":
                result[k] = False
            elif k == "enterprise_name":
                continue
            else:
                result[k] = adapt(v, k)
        return result
    if isinstance(value, list):
        return [adapt(v, key) for v in value]
    if isinstance(value, str):
        if key in ("team_id", "team", "user_team", "source_team", "app_installed_team_id"):
            return TEAM if value else value
        if key == "api_app_id":
            return APP
        if key == "response_url":
            return RESPONSE_URL
    return value


def adapt_body(body: dict[str, Any]) -> dict[str, Any]:
    """`adapt`, plus the ids nested as {"team": {"id": …}}."""
    adapted: dict[str, Any] = adapt(body)
    for holder in (adapted, adapted.get("user"), adapted.get("view")):
        if isinstance(holder, dict) and isinstance(holder.get("team"), dict):
            holder["team"]["id"] = TEAM
        if isinstance(holder, dict) and isinstance(holder.get("team_id"), str):
            holder["team_id"] = TEAM
    return adapted


def form_fields(fields: dict[str, Any]) -> dict[str, str]:
    """A slash command's fields as the form carries them (no nulls; booleans as Slack writes)."""
    return {
        key: str(value).lower() if isinstance(value, bool) else str(value)
        for key, value in fields.items()
        if value is not None
    }


def expect_for(kind: str, body: dict[str, Any]) -> str:
    """What the replay must see for a shape nobody adapted to the bot's own ids."""
    if kind == "interactive":
        return INTERACTIVE_EXPECT[str(body.get("type"))]
    if kind == "command":
        return "unknown_command"
    if body.get("type") == "url_verification":
        return "challenge"
    if body.get("type") == "app_rate_limited":
        return "backoff"
    event = body.get("event") or {}
    if event.get("type") == "app_home_opened" and event.get("tab", "home") == "home":
        return "home"
    return "ignored"


def kind_of(body: dict[str, Any]) -> str:
    """events | interactive, from the body's type."""
    return "interactive" if body.get("type") in INTERACTIVE_EXPECT else "event"


def bolt_shapes(repo: str) -> list[dict[str, Any]]:
    """Every literal request body in bolt-python's scenario tests (sync ones), deduplicated."""
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for path in git_files(repo, "tests/scenario_tests"):
        if not path.endswith(".py") or "async" in path:
            continue
        source = git_show(repo, path)
        for node in ast.walk(ast.parse(source)):
            if not (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
            ):
                continue
            name = node.targets[0].id
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                continue
            if name == "slash_command_body" and isinstance(value, str):
                fields = dict(part.split("=", 1) for part in value.split("&"))
                body: dict[str, Any] = {k: _unquote(v) for k, v in fields.items()}
                kind = "command"
            elif isinstance(value, dict) and "type" in value:
                body, kind = value, kind_of(value)
            else:
                continue
            key = json.dumps(body, sort_keys=True)
            if key in seen:
                continue
            seen.add(key)
            adapted = adapt_body(body)
            if kind == "command":  # form fields: all text, as Slack sends them
                adapted = form_fields(adapted)
            entries.append(
                {
                    "name": f"{Path(path).stem}.{name}@{node.lineno}",
                    "source": f"slackapi/bolt-python {path}:{node.lineno} ({name})",
                    "kind": kind,
                    "body": adapted,
                    "expect": expect_for(kind, adapted),
                }
            )
    return entries


def _unquote(text: str) -> str:
    from urllib.parse import unquote_plus

    return unquote_plus(text)


def sdk_shapes(repo: str) -> list[dict[str, Any]]:
    """The envelopes of python-slack-sdk's mock Socket Mode server (their payloads)."""
    path = "tests/slack_sdk/socket_mode/mock_socket_mode_server.py"
    tree = ast.parse(git_show(repo, path))
    entries = []
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == "socket_mode_envelopes"
        ):
            for n, raw in enumerate(ast.literal_eval(node.value)):
                envelope = json.loads(raw)
                kind = {"slash_commands": "command", "events_api": "event"}.get(
                    envelope["type"], "interactive"
                )
                body = adapt_body(envelope["payload"])
                if kind == "command":
                    body = form_fields(body)
                entries.append(
                    {
                        "name": f"mock_socket_mode_server.envelope{n}",
                        "source": f"slackapi/python-slack-sdk {path}:{node.lineno} "
                        f"(socket_mode_envelopes[{n}], {envelope['type']})",
                        "kind": kind,
                        "body": body,
                        "expect": expect_for(kind, body),
                    }
                )
            break
    return entries


def node_shapes(repo: str) -> list[dict[str, Any]]:
    """One minimal event per type (and message subtype) declared in node-slack-sdk's types."""
    entries = []
    folder = "packages/types/src/events"
    for path in git_files(repo, folder):
        if path.endswith("index.ts"):
            continue
        source = git_show(repo, path)
        for match in re.finditer(r"^export interface (\w+) \{(.*?)\n\}", source, re.S | re.M):
            name, fields = match.groups()
            kind_match = re.search(r"^  type: '([a-z_]+)';", fields, re.M)
            if not kind_match:
                continue
            event: dict[str, Any] = {"type": kind_match.group(1)}
            subtype = re.search(r"^  subtype: '([a-z_]+)';", fields, re.M)
            if subtype:
                event["subtype"] = subtype.group(1)
            if re.search(r"^  user\??: string;", fields, re.M):
                event["user"] = "U0LID"
            if re.search(r"^  channel\??: string;", fields, re.M):
                event["channel"] = "C0ANDER"
            if event["type"] == "message":
                event.update(channel="C0NOORD", ts="1763800000.000900", text="(een bericht)")
            if re.search(r"^  tab\?: ", fields, re.M):
                event["tab"] = "home"
            event["event_ts"] = "1763800000.000900"
            if event["type"] == "app_rate_limited":
                body: dict[str, Any] = {
                    "token": "verification-token",
                    "type": "app_rate_limited",
                    "team_id": TEAM,
                    "minute_rate_limited": 1763800020,
                    "api_app_id": APP,
                }
            else:
                body = {
                    "token": "verification-token",
                    "team_id": TEAM,
                    "api_app_id": APP,
                    "event": event,
                    "type": "event_callback",
                    "event_id": "Ev0NODE",
                    "event_time": 1763800000,
                    "authorizations": [
                        {
                            "enterprise_id": None,
                            "team_id": TEAM,
                            "user_id": BOT_USER,
                            "is_bot": True,
                            "is_enterprise_install": False,
                        }
                    ],
                }
            entries.append(
                {
                    "name": f"{Path(path).stem}.{name}",
                    "source": f"slackapi/node-slack-sdk {path} (interface {name}; the "
                    "fields every such event carries)",
                    "kind": "event",
                    "body": body,
                    "expect": expect_for("event", body),
                }
            )
    return entries


PROMPT_TS, SLOT_ID = "{{PROMPT_TS}}", "{{SLOT_ID}}"
REPLY_TS = "1763974800.000700"


def own_shapes(bolt: list[dict[str, Any]], sdk: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Shapes of the other files, aimed at this bot's own prompt thread, buttons and modals."""
    by_name = {entry["name"]: entry for entry in bolt + sdk}

    def take(name: str, expect: str, **extra: Any) -> dict[str, Any]:
        entry: dict[str, Any] = json.loads(json.dumps(by_name[name]))
        entry.update(name=f"reflectiebot.{name.split('@')[0]}", expect=expect, **extra)
        entry["source"] += ", adapted to the bot's prompt thread, ids and users"
        return entry

    reply = take("test_message.message_body@253", "answer_stored", text="We leren van elkaar.")
    reply["body"]["event"].update(
        channel="C0NOORD", user="U0LID", ts=REPLY_TS, event_ts=REPLY_TS, thread_ts=PROMPT_TS,
        text="We leren van elkaar.",
    )  # fmt: skip
    edit = take("test_message_changed.event_payload@68", "answer_updated", text="updated message")
    edit["body"]["event"]["channel"] = "C0NOORD"
    edit["body"]["event"]["message"]["user"] = "U0LID"  # no ts, no thread_ts: as Bolt's
    edit["body"]["event"]["previous_message"].update(user="U0LID", ts=REPLY_TS, thread_ts=PROMPT_TS)
    delete = take("test_message_deleted.event_payload@68", "answer_deleted")
    delete["body"]["event"].update(channel="C0NOORD", deleted_ts=REPLY_TS)
    delete["body"]["event"]["previous_message"].update(ts=REPLY_TS, thread_ts=PROMPT_TS)
    broadcast = take(
        "test_message_thread_broadcast.event_payload@74", "answer_stored", text="Hi there!"
    )
    broadcast["body"]["event"].update(channel="C0NOORD", user="U0LID2", thread_ts=PROMPT_TS)
    broadcast["body"]["event"]["root"].update(ts=PROMPT_TS, thread_ts=PROMPT_TS)
    shared = take("test_message_file_share.event_payload@74", "answer_stored", text="Hi there!")
    shared["body"]["event"].update(
        channel="C0NOORD", user="U0LID3", thread_ts=PROMPT_TS, ts="1763974800.000900"
    )
    home = take("test_events_org_apps.event_payload@153", "home")
    home["body"]["event"].update(user="U0LID", tab="home")
    button = take("test_block_actions.body@161", "answer_modal")
    button["body"]["actions"][0].update(action_id="reflectie_prive_beantwoorden", value=SLOT_ID)
    button["body"]["container"].update(channel_id="C0NOORD", message_ts=PROMPT_TS)
    command = take("mock_socket_mode_server.envelope0", "command_reply")
    command["body"].update(command="/wijkteam", text="help", channel_id="C0NOORD")
    modal = take("test_view_submission.body@17", "modal_answer", text="Te weinig tijd om te leren.")
    modal["body"]["view"].update(
        callback_id="reflectie_antwoord",
        private_metadata=SLOT_ID,
        state={"values": {"antwoord": {"antwoord_tekst": {
            "type": "plain_text_input", "value": "Te weinig tijd om te leren."}}}},
    )  # fmt: skip
    return [reply, edit, delete, broadcast, shared, home, button, command, modal]


def write(name: str, entries: list[dict[str, Any]]) -> None:
    """One JSON file of entries, event ids made unique (Slack's are)."""
    for n, entry in enumerate(entries):
        if "event_id" in entry["body"]:
            entry["body"]["event_id"] = f"Ev0{name[:4].upper()}{n:04d}"
    text = json.dumps(entries, indent=1, ensure_ascii=False)
    (HERE / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    print(f"{name}.json: {len(entries)} shapes")


def main(argv: list[str]) -> int:
    """Write bolt_python.json, python_slack_sdk.json, node_slack_sdk.json, reflectiebot.json."""
    bolt_repo, sdk_repo, node_repo = argv
    bolt, sdk = bolt_shapes(bolt_repo), sdk_shapes(sdk_repo)
    write("bolt_python", bolt)
    write("python_slack_sdk", sdk)
    write("node_slack_sdk", node_shapes(node_repo))
    write("reflectiebot", own_shapes(bolt, sdk))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
