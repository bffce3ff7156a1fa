"""A local fake of Slack's Web API: real HTTP on loopback, Slack's answers, programmable faults."""

from __future__ import annotations

import copy
import email.parser
import email.policy
import hashlib
import itertools
import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

# How long a test waits for work the app does after its ack. Generous: a wait returns as soon
# as the work shows, and a loaded CI machine can take seconds for a first request.
PATIENCE_SECONDS = 15.0

if TYPE_CHECKING:
    from tests.fakes.socket_mode import FakeSocketModeServer

JSONDict = dict[str, Any]

# Form values that are text even when they look like JSON.
_TEXT_KEYS = frozenset({"text", "query", "name", "title", "initial_comment", "alt_txt", "purpose"})

_FIRST_TS = 1_763_800_000_000_100  # microseconds: ts "1763800000.000100"
_TS_STEP = 100


@dataclass(frozen=True)
class Call:
    """One request the fake received; `fault` names the programmed fault it got, if any."""

    method: str
    args: dict[str, Any]
    token: str | None
    headers: dict[str, str]
    fault: str | None = None
    http_method: str = "POST"


@dataclass
class _Fault:
    kind: str  # error | ratelimited | server_error | delay | drop
    error: str = ""
    retry_after: int = 0
    status: int = 500
    seconds: float = 0.0


@dataclass
class _Reply:
    status: int = 200
    body: JSONDict | str = field(default_factory=lambda: {"ok": True})
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False


class _SlackError(Exception):
    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


def _truthy(value: Any) -> bool:
    return value in (True, 1, "1", "true", "True")


def _decode_json_values(args: JSONDict) -> JSONDict:
    """Form bodies carry blocks/view/metadata as JSON strings: decode them for assertions."""
    decoded: JSONDict = {}
    for key, value in args.items():
        if isinstance(value, str) and key not in _TEXT_KEYS and value[:1] in ("{", "["):
            try:
                decoded[key] = json.loads(value)
                continue
            except ValueError:
                pass
        decoded[key] = value
    return decoded


def _parse_multipart(content_type: str, body: bytes) -> JSONDict:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    args: JSONDict = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        args[name] = data if part.get_filename() else data.decode("utf-8", "replace")
    return args


class FakeSlack:
    """Slack's Web API on 127.0.0.1: records every call and answers as Slack does."""

    def __init__(self) -> None:
        # auth.test identity; change before the app starts if a test needs another
        self.url = "https://wijkteam-test.slack.com/"
        self.team = "Gemeente Testdorp"
        self.team_id = "T0TEST"
        self.enterprise_id: str | None = None  # set for an Enterprise Grid workspace
        self.bot_user = "reflectiebot"
        self.bot_user_id = "UBOT"
        self.bot_id = "BBOT"
        self.app_id = "A0TEST"
        # when non-empty, a Bearer token outside this set gets invalid_auth
        self.valid_tokens: set[str] = set()
        # channel registry for conversations.info / members: id → channel fields
        self.channels: dict[str, JSONDict] = {}
        # user registry for users.info: id → user fields (unknown users get a default)
        self.users: dict[str, JSONDict] = {}
        # with strict_channels, chat.postMessage checks the registry as Slack would
        self.strict_channels = False

        self._lock = threading.Condition()
        self._calls: list[Call] = []
        self._faults: dict[str, deque[_Fault]] = {}
        self._messages: dict[str, list[JSONDict]] = {}
        self._reactions: set[tuple[str, str, str]] = set()
        self.views: dict[str, JSONDict] = {}
        self.uploads: dict[str, bytes] = {}
        self._upload_names: dict[str, str] = {}
        self._upload_alt: dict[str, str] = {}
        self._ts = itertools.count(_FIRST_TS, _TS_STEP)
        self._ids = itertools.count(1)
        self._response_urls = itertools.count(1)
        self._socket_mode: FakeSocketModeServer | None = None
        self._stopping = threading.Event()
        # the workspace-wide limit of chat.postMessage (limit_posts); refused calls counted here
        self._post_limit: tuple[float, float] | None = None  # (per second, burst)
        self._post_tokens = 0.0
        self._post_refilled = 0.0
        self.posts_refused = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._handlers: dict[str, Callable[[JSONDict, str | None], JSONDict]] = {
            "api.test": self._api_test,
            "auth.test": self._auth_test,
            "apps.connections.open": self._apps_connections_open,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "chat.getPermalink": self._chat_get_permalink,
            "reactions.add": self._reactions_add,
            "reactions.remove": self._reactions_remove,
            "conversations.open": self._conversations_open,
            "conversations.info": self._conversations_info,
            "conversations.members": self._conversations_members,
            "conversations.history": self._conversations_history,
            "conversations.replies": self._conversations_replies,
            "users.conversations": self._users_conversations,
            "users.info": self._users_info,
            "views.open": self._views_open,
            "views.push": self._views_open,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
        }

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        """Listen on a free loopback port and serve in a daemon thread."""
        if self._server is not None:
            return self
        fake = self

        class Handler(_Handler):
            pass

        Handler.fake = fake
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        self._stopping.clear()
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.name = f"FakeSlack:{self.port}"
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (programmed delays are cut short)."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The TCP port the fake listens on."""
        if self._server is None:
            raise RuntimeError("FakeSlack is not started")
        return int(self._server.server_address[1])

    @property
    def origin(self) -> str:
        """`http://127.0.0.1:PORT`, without a trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The WebClient base_url for this fake; ends with `/`."""
        return f"{self.origin}/api/"

    # --- configuration ---------------------------------------------------------------------

    def add_channel(
        self,
        channel_id: str,
        name: str = "wijkteam-noord",
        is_member: bool = True,
        is_private: bool = False,
        **extra: Any,
    ) -> JSONDict:
        """Register (or replace) a channel for conversations.info and friends."""
        channel: JSONDict = {
            "id": channel_id,
            "name": name,
            "is_channel": not is_private,
            "is_group": is_private,
            "is_im": False,
            "is_private": is_private,
            "is_archived": False,
            "is_member": is_member,
            "is_general": False,
            "created": 1700000000,
            "creator": "U0ADMIN",
            "name_normalized": name,
            "members": [],
            **extra,
        }
        with self._lock:
            self.channels[channel_id] = channel
        return channel

    def add_user(
        self,
        user_id: str,
        name: str | None = None,
        is_bot: bool = False,
        tz: str = "Europe/Amsterdam",
        **extra: Any,
    ) -> JSONDict:
        """Register a user for users.info."""
        user = self._default_user(user_id) | {"is_bot": is_bot, "tz": tz, **extra}
        if name is not None:
            user["name"] = name
            user["real_name"] = name
            user["profile"] = {**user["profile"], "real_name": name, "display_name": name}
        with self._lock:
            self.users[user_id] = user
        return user

    def attach_socket_mode(self, server: FakeSocketModeServer | None) -> None:
        """Let apps.connections.open hand out this Socket Mode server's URL."""
        self._socket_mode = server

    def response_url(self, name: str = "cmd") -> str:
        """A fresh response_url on this fake; what is posted there is recorded as `response_url`."""
        return f"{self.origin}/response/{name}-{next(self._response_urls)}"

    # --- faults ----------------------------------------------------------------------------

    def _program(self, method: str, fault: _Fault, times: int) -> None:
        with self._lock:
            queue = self._faults.setdefault(method, deque())
            queue.extend(copy.copy(fault) for _ in range(times))

    def fail(self, method: str, error: str = "channel_not_found", times: int = 1) -> None:
        """The next `times` calls of `method` answer HTTP 200 `{"ok": false, "error": error}`."""
        self._program(method, _Fault("error", error=error), times)

    def rate_limit(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        """The next `times` calls of `method` answer HTTP 429 with `Retry-After`."""
        self._program(method, _Fault("ratelimited", retry_after=retry_after), times)

    def server_error(self, method: str, status: int = 500, times: int = 1) -> None:
        """The next `times` calls of `method` answer with an HTTP 5xx."""
        self._program(method, _Fault("server_error", status=status), times)

    def delay(self, method: str, seconds: float, times: int = 1) -> None:
        """The next `times` calls of `method` are answered (normally) only after `seconds`."""
        self._program(method, _Fault("delay", seconds=seconds), times)

    def drop_answer(self, method: str, times: int = 1) -> None:
        """The next `times` calls take effect, but the connection closes without an answer."""
        self._program(method, _Fault("drop"), times)

    def limit_posts(self, per_second: float, burst: int) -> None:
        """Limit top-level chat.postMessage workspace-wide as Slack does: a token bucket of
        `burst` posts refilled at `per_second`; over it, HTTP 429 with Retry-After (whole seconds
        until the next token) and nothing posted. Refused calls are recorded with fault
        "ratelimited" and counted in `posts_refused`."""
        with self._lock:
            self._post_limit = (per_second, float(burst))
            self._post_tokens = float(burst)
            self._post_refilled = time.monotonic()

    def _post_refused(self, method: str, args: JSONDict) -> int | None:
        """Retry-After seconds when the workspace limit refuses this call now; else None."""
        if method != "chat.postMessage" or args.get("thread_ts") or self._post_limit is None:
            return None
        with self._lock:
            per_second, burst = self._post_limit
            now = time.monotonic()
            self._post_tokens = min(
                burst, self._post_tokens + (now - self._post_refilled) * per_second
            )
            self._post_refilled = now
            if self._post_tokens >= 1.0:
                self._post_tokens -= 1.0
                return None
            self.posts_refused += 1
            return max(1, math.ceil((1.0 - self._post_tokens) / per_second))

    def clear_faults(self) -> None:
        """Forget faults that have not fired yet."""
        with self._lock:
            self._faults.clear()

    # --- inspection ------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """The calls received so far (of one method, or all), oldest first."""
        with self._lock:
            return [c for c in self._calls if method is None or c.method == method]

    def wait_for(
        self, method: str, count: int = 1, timeout: float = PATIENCE_SECONDS
    ) -> list[Call]:
        """Block until at least `count` calls of `method` arrived; return them all."""
        with self._lock:
            if not self._lock.wait_for(
                lambda: sum(c.method == method for c in self._calls) >= count, timeout
            ):
                seen = [c.method for c in self._calls]
                got = seen.count(method)
                raise AssertionError(
                    f"expected {count} call(s) of {method} within {timeout}s, got {got}; "
                    f"recorded: {seen}"
                )
            return [c for c in self._calls if c.method == method]

    def messages(self, channel: str) -> list[JSONDict]:
        """Messages posted (and not deleted) in a channel, thread replies included, oldest first."""
        with self._lock:
            return copy.deepcopy(self._messages.get(channel, []))

    def reset(self) -> None:
        """Forget calls, faults, messages, reactions, views and uploads (keeps registries)."""
        with self._lock:
            self._calls.clear()
            self._faults.clear()
            self._messages.clear()
            self._reactions.clear()
            self.views.clear()
            self.uploads.clear()
            self._upload_names.clear()
            self._upload_alt.clear()

    def next_ts(self) -> str:
        """A fresh message ts, increasing: "1763800000.000100", "1763800000.000200", …"""
        value = next(self._ts)
        return f"{value // 1_000_000}.{value % 1_000_000:06d}"

    # --- request handling (called from server threads) -------------------------------------

    def _record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)
            self._lock.notify_all()

    def _take_fault(self, method: str) -> _Fault | None:
        with self._lock:
            queue = self._faults.get(method)
            return queue.popleft() if queue else None

    def _handle(
        self,
        method: str,
        args: JSONDict,
        token: str | None,
        headers: dict[str, str],
        http_method: str,
    ) -> _Reply:
        fault = self._take_fault(method)
        if fault is None:
            retry_after = self._post_refused(method, args)
            if retry_after is not None:
                fault = _Fault("ratelimited", retry_after=retry_after)
        call = Call(method, args, token, headers, fault.kind if fault else None, http_method)
        if fault is not None and fault.kind == "delay":
            self._stopping.wait(fault.seconds)
        if fault is not None and fault.kind in ("error", "ratelimited", "server_error"):
            self._record(call)
            if fault.kind == "error":
                return _Reply(body={"ok": False, "error": fault.error})
            if fault.kind == "ratelimited":
                return _Reply(
                    status=429,
                    body={"ok": False, "error": "ratelimited"},
                    headers={"Retry-After": str(fault.retry_after)},
                )
            return _Reply(status=fault.status, body={"ok": False, "error": "fatal_error"})
        body = self._answer(method, args, token)
        self._record(call)
        return _Reply(body=body, drop=fault is not None and fault.kind == "drop")

    def _answer(self, method: str, args: JSONDict, token: str | None) -> JSONDict:
        if self.valid_tokens:
            if not token:
                return {"ok": False, "error": "not_authed"}
            if token not in self.valid_tokens:
                return {"ok": False, "error": "invalid_auth"}
        handler = self._handlers.get(method)
        if handler is None:
            return {"ok": True}
        try:
            with self._lock:
                return handler(args, token)
        except _SlackError as error:
            return {"ok": False, "error": error.error}

    def _handle_response_url(self, path: str, body: JSONDict, headers: dict[str, str]) -> _Reply:
        fault = self._take_fault("response_url")
        call = Call(
            "response_url", {**body, "path": path}, None, headers, fault.kind if fault else None
        )
        if fault is not None and fault.kind == "delay":
            self._stopping.wait(fault.seconds)
        self._record(call)
        if fault is not None and fault.kind == "server_error":
            return _Reply(status=fault.status, body="internal_error")
        if fault is not None and fault.kind == "ratelimited":
            return _Reply(
                status=429, body="rate_limited", headers={"Retry-After": str(fault.retry_after)}
            )
        if fault is not None and fault.kind == "error":
            return _Reply(status=404, body=fault.error)
        return _Reply(body="ok", drop=fault is not None and fault.kind == "drop")

    def _handle_upload(self, file_id: str, data: bytes) -> _Reply:
        with self._lock:
            if file_id not in self._upload_names:
                return _Reply(status=404, body="file_not_found")
            self.uploads[file_id] = data
        self._record(Call("upload", {"file_id": file_id, "size": len(data)}, None, {}))
        return _Reply(body=f"OK - {len(data)}")

    # --- Web API methods (called with self._lock held) -------------------------------------

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):09d}"

    @staticmethod
    def _require(args: JSONDict, name: str, error: str | None = None) -> str:
        value = args.get(name)
        if value in (None, ""):
            raise _SlackError(error or "invalid_arguments")
        return str(value)

    def _api_test(self, args: JSONDict, token: str | None) -> JSONDict:
        return {"ok": True, "args": args}

    def _auth_test(self, args: JSONDict, token: str | None) -> JSONDict:
        return {
            "ok": True,
            "url": self.url,
            "team": self.team,
            "user": self.bot_user,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
            **({"enterprise_id": self.enterprise_id} if self.enterprise_id else {}),
        }

    def _apps_connections_open(self, args: JSONDict, token: str | None) -> JSONDict:
        if self._socket_mode is None:
            raise _SlackError("invalid_auth")
        return {"ok": True, "url": self._socket_mode.issue_url()}

    def _bot_message(self, args: JSONDict, ts: str) -> JSONDict:
        message: JSONDict = {
            "user": self.bot_user_id,
            "type": "message",
            "ts": ts,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "text": args.get("text", ""),
            "team": self.team_id,
            "bot_profile": {
                "id": self.bot_id,
                "app_id": self.app_id,
                "name": self.bot_user,
                "deleted": False,
                "team_id": self.team_id,
            },
        }
        for key in ("blocks", "attachments", "metadata"):
            if args.get(key):
                message[key] = copy.deepcopy(args[key])
        if args.get("thread_ts"):
            message["thread_ts"] = str(args["thread_ts"])
            message["parent_user_id"] = self.bot_user_id
        return message

    def _find_message(self, channel: str, ts: str) -> JSONDict | None:
        for message in self._messages.get(channel, []):
            if message["ts"] == ts:
                return message
        return None

    def _chat_post_message(self, args: JSONDict, token: str | None) -> JSONDict:
        channel = self._require(args, "channel", "channel_not_found")
        if not any(args.get(key) for key in ("text", "blocks", "attachments")):
            raise _SlackError("no_text")
        if self.strict_channels and channel[:1] in ("C", "G"):
            known = self.channels.get(channel)
            if known is None:
                raise _SlackError("channel_not_found")
            if known.get("is_archived"):
                raise _SlackError("is_archived")
            if not known.get("is_member", True):
                raise _SlackError("not_in_channel")
        ts = self.next_ts()
        message = self._bot_message(args, ts)
        self._messages.setdefault(channel, []).append(message)
        thread_ts = message.get("thread_ts")
        if thread_ts:
            parent = self._find_message(channel, thread_ts)
            if parent is not None:
                parent["thread_ts"] = thread_ts
                parent["reply_count"] = int(parent.get("reply_count", 0)) + 1
                parent["latest_reply"] = ts
        return {"ok": True, "channel": channel, "ts": ts, "message": copy.deepcopy(message)}

    def _chat_post_ephemeral(self, args: JSONDict, token: str | None) -> JSONDict:
        self._require(args, "channel", "channel_not_found")
        self._require(args, "user", "user_not_in_channel")
        return {"ok": True, "message_ts": self.next_ts()}

    def _chat_update(self, args: JSONDict, token: str | None) -> JSONDict:
        channel = self._require(args, "channel", "channel_not_found")
        ts = self._require(args, "ts", "message_not_found")
        message = self._find_message(channel, ts)
        if message is not None:
            for key in ("text", "blocks", "attachments", "metadata"):
                if key in args:
                    message[key] = copy.deepcopy(args[key])
            message["edited"] = {"user": self.bot_user_id, "ts": self.next_ts()}
        answer: JSONDict = {"ok": True, "channel": channel, "ts": ts, "text": args.get("text", "")}
        if message is not None:
            answer["message"] = copy.deepcopy(message)
        return answer

    def _chat_delete(self, args: JSONDict, token: str | None) -> JSONDict:
        channel = self._require(args, "channel", "channel_not_found")
        ts = self._require(args, "ts", "message_not_found")
        messages = self._messages.get(channel, [])
        self._messages[channel] = [m for m in messages if m["ts"] != ts]
        return {"ok": True, "channel": channel, "ts": ts}

    def _chat_get_permalink(self, args: JSONDict, token: str | None) -> JSONDict:
        channel = self._require(args, "channel", "channel_not_found")
        ts = self._require(args, "message_ts", "message_not_found")
        return {
            "ok": True,
            "channel": channel,
            "permalink": f"{self.url}archives/{channel}/p{ts.replace('.', '')}",
        }

    def _reaction_key(self, args: JSONDict) -> tuple[str, str, str]:
        channel = self._require(args, "channel", "channel_not_found")
        ts = self._require(args, "timestamp", "no_item_specified")
        name = self._require(args, "name", "invalid_name")
        return channel, ts, name

    def _reactions_add(self, args: JSONDict, token: str | None) -> JSONDict:
        key = self._reaction_key(args)
        if key in self._reactions:
            raise _SlackError("already_reacted")
        self._reactions.add(key)
        return {"ok": True}

    def _reactions_remove(self, args: JSONDict, token: str | None) -> JSONDict:
        key = self._reaction_key(args)
        if key not in self._reactions:
            raise _SlackError("no_reaction")
        self._reactions.discard(key)
        return {"ok": True}

    def _conversations_open(self, args: JSONDict, token: str | None) -> JSONDict:
        if args.get("channel"):
            return {"ok": True, "channel": {"id": str(args["channel"])}}
        users = args.get("users")
        if isinstance(users, list):
            users = ",".join(str(u) for u in users)
        if not users:
            raise _SlackError("users_list_not_supplied")
        members = sorted(u.strip() for u in str(users).split(",") if u.strip())
        suffix = hashlib.sha1(",".join(members).encode()).hexdigest()[:8].upper()
        channel_id = ("D" if len(members) == 1 else "G") + suffix
        if channel_id not in self.channels:
            self.channels[channel_id] = {
                "id": channel_id,
                "is_im": len(members) == 1,
                "is_mpim": len(members) > 1,
                "is_channel": False,
                "is_private": True,
                "is_archived": False,
                "is_member": True,
                "user": members[0],
                "members": [*members, self.bot_user_id],
            }
        return {"ok": True, "channel": {"id": channel_id}}

    def _channel(self, args: JSONDict) -> JSONDict:
        channel_id = self._require(args, "channel", "channel_not_found")
        channel = self.channels.get(channel_id)
        if channel is None:
            raise _SlackError("channel_not_found")
        return channel

    def _conversations_info(self, args: JSONDict, token: str | None) -> JSONDict:
        channel = {k: v for k, v in self._channel(args).items() if k != "members"}
        return {"ok": True, "channel": copy.deepcopy(channel)}

    def _users_conversations(self, args: JSONDict, token: str | None) -> JSONDict:
        user = self._require(args, "user", "user_not_found")
        channels = [
            {key: value for key, value in channel.items() if key != "members"}
            for channel in self.channels.values()
            if user in channel.get("members", []) and not channel.get("is_archived")
        ]
        return {"ok": True, "channels": channels, "response_metadata": {"next_cursor": ""}}

    def _conversations_members(self, args: JSONDict, token: str | None) -> JSONDict:
        members = list(self._channel(args).get("members", []))
        return {"ok": True, "members": members, "response_metadata": {"next_cursor": ""}}

    def _visible(self, message: JSONDict, args: JSONDict) -> JSONDict:
        shown = copy.deepcopy(message)
        if not _truthy(args.get("include_all_metadata")):
            shown.pop("metadata", None)
        return shown

    @staticmethod
    def _in_range(ts: str, args: JSONDict) -> bool:
        inclusive = _truthy(args.get("inclusive"))
        value = float(ts)
        if args.get("oldest") not in (None, ""):
            oldest = float(args["oldest"])
            if value < oldest or (value == oldest and not inclusive):
                return False
        if args.get("latest") not in (None, ""):
            latest = float(args["latest"])
            if value > latest or (value == latest and not inclusive):
                return False
        return True

    def _conversations_history(self, args: JSONDict, token: str | None) -> JSONDict:
        channel_id = self._require(args, "channel", "channel_not_found")
        if channel_id not in self._messages and channel_id not in self.channels:
            raise _SlackError("channel_not_found")
        limit = int(args.get("limit") or 100)
        top_level = [
            m
            for m in self._messages.get(channel_id, [])
            if m.get("thread_ts") in (None, m["ts"]) and self._in_range(m["ts"], args)
        ]
        newest_first = sorted(top_level, key=lambda m: float(m["ts"]), reverse=True)
        page = newest_first[:limit]
        return {
            "ok": True,
            "messages": [self._visible(m, args) for m in page],
            "has_more": len(newest_first) > limit,
            "pin_count": 0,
            "channel_actions_ts": None,
            "channel_actions_count": 0,
            "response_metadata": {"next_cursor": ""},
        }

    def _conversations_replies(self, args: JSONDict, token: str | None) -> JSONDict:
        channel_id = self._require(args, "channel", "channel_not_found")
        ts = self._require(args, "ts", "thread_not_found")
        thread = [
            m
            for m in self._messages.get(channel_id, [])
            if m["ts"] == ts or m.get("thread_ts") == ts
        ]
        if not thread:
            raise _SlackError("thread_not_found")
        # Slack returns the parent first, then the replies oldest first.
        thread.sort(key=lambda m: (m["ts"] != ts, float(m["ts"])))
        limit = int(args.get("limit") or 1000)
        chosen = [m for m in thread if m["ts"] == ts or self._in_range(m["ts"], args)][:limit]
        return {
            "ok": True,
            "messages": [self._visible(m, args) for m in chosen],
            "has_more": False,
            "response_metadata": {"next_cursor": ""},
        }

    def _default_user(self, user_id: str) -> JSONDict:
        is_bot = user_id == self.bot_user_id
        name = self.bot_user if is_bot else user_id.lower()
        return {
            "id": user_id,
            "team_id": self.team_id,
            "name": name,
            "real_name": name,
            "deleted": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "is_admin": False,
            "is_restricted": False,
            "tz": "Europe/Amsterdam",
            "tz_label": "Central European Time",
            "tz_offset": 3600,
            "locale": "nl-NL",
            "profile": {"real_name": name, "display_name": name, "team": self.team_id},
        }

    def _users_info(self, args: JSONDict, token: str | None) -> JSONDict:
        user_id = self._require(args, "user", "user_not_found")
        user = self.users.get(user_id) or self._default_user(user_id)
        return {"ok": True, "user": copy.deepcopy(user)}

    def _view(self, view: Any, view_id: str) -> JSONDict:
        if not isinstance(view, dict):
            raise _SlackError("invalid_arguments")
        stored: JSONDict = {
            "id": view_id,
            "team_id": self.team_id,
            "state": {"values": {}},
            "hash": f"{self.next_ts()}.{hashlib.sha1(view_id.encode()).hexdigest()[:8]}",
            "private_metadata": "",
            "callback_id": "",
            "root_view_id": view_id,
            "app_id": self.app_id,
            "external_id": "",
            "bot_id": self.bot_id,
            **copy.deepcopy(view),
        }
        stored["id"] = view_id
        self.views[view_id] = stored
        return {"ok": True, "view": copy.deepcopy(stored)}

    def _views_open(self, args: JSONDict, token: str | None) -> JSONDict:
        self._require(args, "trigger_id", "invalid_trigger_id")
        return self._view(args.get("view"), self._new_id("V"))

    def _views_update(self, args: JSONDict, token: str | None) -> JSONDict:
        view_id = str(args.get("view_id") or "")
        if not view_id and args.get("external_id"):
            for known in self.views.values():
                if known.get("external_id") == args["external_id"]:
                    view_id = str(known["id"])
        if not view_id:
            raise _SlackError("not_found")
        return self._view(args.get("view"), view_id)

    def _views_publish(self, args: JSONDict, token: str | None) -> JSONDict:
        user_id = self._require(args, "user_id", "invalid_arguments")
        return self._view(args.get("view"), f"VHOME{user_id}")

    def _files_get_upload_url(self, args: JSONDict, token: str | None) -> JSONDict:
        filename = self._require(args, "filename", "invalid_arguments")
        self._require(args, "length", "invalid_arguments")
        file_id = self._new_id("F")
        self._upload_names[file_id] = filename
        if args.get("alt_txt"):
            self._upload_alt[file_id] = str(args["alt_txt"])
        return {"ok": True, "upload_url": f"{self.origin}/upload/{file_id}", "file_id": file_id}

    def _files_complete_upload(self, args: JSONDict, token: str | None) -> JSONDict:
        files = args.get("files")
        if not isinstance(files, list) or not files:
            raise _SlackError("invalid_arguments")
        done: list[JSONDict] = []
        for item in files:
            file_id = str(item.get("id", ""))
            if file_id not in self.uploads:
                raise _SlackError("file_not_found")
            name = self._upload_names[file_id]
            done.append(
                {
                    "id": file_id,
                    "name": name,
                    "title": item.get("title") or name,
                    "size": len(self.uploads[file_id]),
                    "user": self.bot_user_id,
                    "alt_txt": self._upload_alt.get(file_id, ""),
                }
            )
        channel = args.get("channel_id")
        if channel:  # shared into a conversation: Slack posts a message carrying the files
            message = self._bot_message({"text": args.get("initial_comment", "")}, self.next_ts())
            message["files"] = copy.deepcopy(done)
            self._messages.setdefault(str(channel), []).append(message)
        return {"ok": True, "files": done}


class _Handler(BaseHTTPRequestHandler):
    fake: FakeSlack
    server_version = "FakeSlack/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output quiet

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, http_method: str) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        if parts.path.startswith("/api/"):
            method = parts.path[len("/api/") :]
            args = self._parse_args(parts.query, raw)
            token = self._token(args)
            reply = self.fake._handle(method, args, token, headers, http_method)
        elif parts.path.startswith("/response/"):
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = {"raw": raw.decode("utf-8", "replace")}
            if not isinstance(body, dict):
                body = {"raw": body}
            reply = self.fake._handle_response_url(parts.path, body, headers)
        elif parts.path.startswith("/upload/"):
            reply = self.fake._handle_upload(parts.path[len("/upload/") :], raw)
        else:
            reply = _Reply(status=404, body="not_found")
        self._send(reply)

    def _parse_args(self, query: str, raw: bytes) -> JSONDict:
        args: JSONDict = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        content_type = self.headers.get("Content-Type", "")
        if raw:
            if content_type.startswith("multipart/form-data"):
                args.update(_parse_multipart(content_type, raw))
            elif content_type.startswith("application/json") and raw.lstrip()[:1] == b"{":
                args.update(json.loads(raw))
            else:
                form = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
                args.update({k: v[-1] for k, v in form.items()})
        return _decode_json_values(args)

    def _token(self, args: JSONDict) -> str | None:
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            return auth[len("Bearer ") :].strip()
        token = args.get("token")
        return str(token) if token else None

    def _send(self, reply: _Reply) -> None:
        if reply.drop:
            self.close_connection = True
            return  # the request took effect, the answer is lost
        if isinstance(reply.body, dict):
            data = json.dumps(reply.body).encode("utf-8")
            content_type = "application/json; charset=utf-8"
        else:
            data = reply.body.encode("utf-8")
            content_type = "text/plain; charset=utf-8"
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. after a programmed delay)
