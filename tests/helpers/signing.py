"""Signed requests to the app, over real HTTP, the way Slack sends them."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def sign(body: bytes | str, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """Slack's signature headers for a request body."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    if signature is None:  # only when the secret is empty
        raise ValueError("cannot sign without a signing secret")
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


def post_signed(
    url: str,
    body: bytes | str,
    secret: str,
    content_type: str,
    *,
    timestamp: int | None = None,
    extra_headers: dict[str, str] | None = None,
    signed: bool = True,
    timeout: float = 10.0,
) -> tuple[int, dict[str, str], str]:
    """POST a (signed) body; return status, lower-cased headers and body text, even for 4xx/5xx."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    headers = {
        "Content-Type": content_type,
        "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    }
    if signed:
        headers.update(sign(data, secret, timestamp))
    headers.update(extra_headers or {})
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read().decode("utf-8", "replace"),
            )
    except urllib.error.HTTPError as error:
        text = error.read().decode("utf-8", "replace")
        return error.code, {k.lower(): v for k, v in error.headers.items()}, text


def post_command(url: str, secret: str, **fields: str) -> tuple[int, dict[str, str], str]:
    """A slash command (form fields, e.g. from payloads.slash_command())."""
    return post_signed(url, urlencode(fields), secret, FORM)


def post_interaction(
    url: str, secret: str, payload: dict[str, Any]
) -> tuple[int, dict[str, str], str]:
    """An interaction (block_actions, view_submission, …) as the form field `payload`."""
    return post_signed(url, urlencode({"payload": json.dumps(payload)}), secret, FORM)


def post_event(
    url: str,
    secret: str,
    body: dict[str, Any],
    retry_num: int | None = None,
    retry_reason: str | None = None,
) -> tuple[int, dict[str, str], str]:
    """An Events API request; with retry_num it is Slack's n-th retry of it."""
    extra: dict[str, str] = {}
    if retry_num is not None:
        extra["X-Slack-Retry-Num"] = str(retry_num)
    if retry_reason is not None:
        extra["X-Slack-Retry-Reason"] = retry_reason
    return post_signed(url, json.dumps(body), secret, JSON, extra_headers=extra)
