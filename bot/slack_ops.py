"""Small Slack Web API operations shared by listeners and jobs."""

from __future__ import annotations

import hashlib
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web import SlackResponse

from bot.pacing import Pacer, Pacers, PaceTimeoutError
from storage.prompts import CLAIM_LEASE

# How long one Web API call may take before the client gives up.
WEB_API_TIMEOUT_SECONDS = 10

# Anything a Web API call can raise: Slack said no, the client gave up, or the network failed.
SLACK_ERRORS = (SlackApiError, SlackClientError, OSError)

# Errors meaning "the bot cannot see or use this channel", not "Slack is down".
CHANNEL_GONE_ERRORS = frozenset({"channel_not_found", "not_in_channel", "is_archived"})


def bot_is_in_channel(client: WebClient, channel_id: str) -> bool:
    """Whether the bot is a member of the channel (private channels are invisible until it is)."""
    try:
        response = client.conversations_info(channel=channel_id)
    except SlackApiError as error:
        if error.response.get("error") in CHANNEL_GONE_ERRORS:
            return False
        raise
    channel = response.get("channel") or {}
    return bool(channel.get("is_member")) and not channel.get("is_archived", False)


# Methods whose calls go through the workspace's shared pacer (bot/pacing.py).
PACED_METHODS = frozenset({"chat.postMessage"})
# Tries of one paced post before it is left to the slot recovery (each after Retry-After).
PACED_ATTEMPTS = 6
# A paced post starts no attempt later than this after it began: a prompt slot stays claimed
# meanwhile, and a claim older than CLAIM_LEASE is taken over by the recovery (which would post
# it a second time if this one still went out). Half the lease leaves room for the answer.
PACED_BUDGET_SECONDS = CLAIM_LEASE.total_seconds() / 2

# One pacer per workspace (bot token and API address) in this process.
PACERS = Pacers()


def pacer_for(client: WebClient) -> Pacer:
    """The shared pacer of the workspace `client` posts to."""
    key = hashlib.sha256(f"{client.base_url}\n{client.token}".encode()).hexdigest()
    return PACERS.get(key)


def retry_after_of(error: Exception) -> float | None:
    """Slack's Retry-After (seconds) when `error` is a 429 refusal, else None."""
    if not isinstance(error, SlackApiError) or error.response.status_code != 429:
        return None
    headers = error.response.headers or {}
    value = headers.get("Retry-After", headers.get("retry-after", "1"))
    if isinstance(value, list):
        value = value[0] if value else "1"
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return 1.0


class _UnpacedRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Retries 429s of the methods the pacer does not handle (files, uploads)."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if any(request.url.rstrip("/").endswith(f"/{method}") for method in PACED_METHODS):
            return False
        return super()._can_retry(state=state, request=request, response=response, error=error)


def _channel_of(kwargs: dict[str, Any]) -> str | None:
    """The channel a Web API call's arguments name (WebClient sends them as json or params)."""
    for part in ("json", "params", "data"):
        args = kwargs.get(part)
        if isinstance(args, dict) and args.get("channel"):
            return str(args["channel"])
    return None


class PacedWebClient(WebClient):
    """A WebClient whose chat.postMessage waits for and reports to the workspace's pacer."""

    def __init__(self, *, pacer: Pacer, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pacer = pacer

    def api_call(self, api_method: str, **kwargs: Any) -> SlackResponse:
        """As WebClient.api_call; paced methods are sent at the pacer's pace, 429s retried."""
        if api_method not in PACED_METHODS:
            return super().api_call(api_method, **kwargs)
        try:
            return self.pacer.call(
                lambda: super(PacedWebClient, self).api_call(api_method, **kwargs),
                refusal=retry_after_of,
                attempts=PACED_ATTEMPTS,
                budget=PACED_BUDGET_SECONDS,
                channel=_channel_of(kwargs),
            )
        except PaceTimeoutError as error:
            # Nothing was sent: to the caller this is Slack's rate limit (retried later).
            response = SlackResponse(
                client=self,
                http_verb="POST",
                api_url=f"{self.base_url}{api_method}",
                req_args={},
                data={"ok": False, "error": "ratelimited"},
                headers={},
                status_code=429,
            )
            raise SlackApiError(  # type: ignore[no-untyped-call]
                f"{api_method} not sent: {error}", response
            ) from error


def posting_client(client: WebClient) -> WebClient:
    """A copy of `client` for posts that must not be doubled: it retries only on 429.

    A lost connection or a 5xx may come after Slack already posted the message; retrying
    blindly would post it twice. Those cases are left to the slot recovery instead.
    chat.postMessage goes through the workspace's shared pacer (bot/pacing.py): it waits out
    Slack's Retry-After together with every other poster of the workspace, is spaced so that
    threads do not burst into refusals, and retries a refused post itself (PACED_ATTEMPTS).
    """
    return PacedWebClient(
        pacer=pacer_for(client),
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        retry_handlers=[_UnpacedRateLimitRetryHandler(max_retry_count=3)],
    )


ACK_PATH_TIMEOUT_SECONDS = 2  # a call made before an ack must leave time to answer Slack


def quick_client(client: WebClient) -> WebClient:
    """A copy of `client` for a call before an ack: no retries (they sleep), a short timeout."""
    return WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=ACK_PATH_TIMEOUT_SECONDS,
        retry_handlers=[],
    )


def open_dm(client: WebClient, user_id: str) -> str:
    """The channel id of the bot's direct message with a user (needs im:write)."""
    return str(client.conversations_open(users=user_id)["channel"]["id"])
