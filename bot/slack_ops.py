"""Small Slack Web API operations shared by listeners and jobs."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

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


def posting_client(client: WebClient) -> WebClient:
    """A copy of `client` for posts that must not be doubled: it retries only on 429.

    A lost connection or a 5xx may come after Slack already posted the message; retrying
    blindly would post it twice. Those cases are left to the slot recovery instead.
    """
    return WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=3)],
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
