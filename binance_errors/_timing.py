"""Retry timing for rate-limited and banned answers (DESIGN.md section 4).

Sources, most precise first:

1. ``error.data.retryAfter - error.data.serverTime`` (WebSocket API): a delay on the server's
   clock, immune to local clock skew; ``retryAfter`` is also the absolute time.
2. The ``Retry-After`` header (REST 418/429), a number of seconds.
3. The ban-until time in a ``-1003`` message ("IP banned until <epoch ms>").

Nothing is clamped: a delay that comes out negative is reported as the source said it.
Only called off the hot path, when the class is ``rate_limited`` or ``banned``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ._model import Retry, RetryAction
from ._verdicts import fast_init, lazily

__all__ = ["as_int", "header", "retry_timing"]

_MAX_DIGITS = 20
# Retry(action, after_ms, at_ms, source) without attrs' __init__ cost (built on first use)
_retry = lazily(globals(), "_retry", lambda: fast_init(Retry))
AFTER_DELAY = RetryAction.AFTER_DELAY


def as_int(value: Any) -> int | None:
    """An integer read from a JSON value (int, integral float, decimal string), else None."""
    kind = value.__class__
    if kind is int:
        return value  # type: ignore[no-any-return]
    if kind is float:
        return int(value) if value.is_integer() else None
    if kind is str and 0 < len(value) <= _MAX_DIGITS:
        text = value.strip()
        body = text[1:] if text[:1] in "+-" else text
        if body.isdigit() and body.isascii():
            return int(text)
    return None


def header(headers: Any, name: str) -> Any:
    """The value of header ``name`` (lower case) in any mapping, matched case-insensitively."""
    if headers is None:
        return None
    try:
        items = headers.items() if headers.__class__ is dict or hasattr(headers, "items") else headers
        for key, value in items:
            if key.__class__ is str:  # the usual case first
                if key.lower() == name:
                    return value.decode("latin-1") if isinstance(value, bytes) else value
                continue
            if isinstance(key, bytes):
                key = key.decode("latin-1")
            if isinstance(key, str) and key.lower() == name:
                return value.decode("latin-1") if isinstance(value, bytes) else value
    except Exception:  # a mapping that cannot be read is a mapping without that header
        return None
    return None


def _seconds_ms(value: Any) -> int | None:
    if value.__class__ is str and 0 < len(value) <= 12 and value.isdigit() and value.isascii():
        return int(value) * 1000  # whole seconds, as sent: exactly what the float route gives
    if isinstance(value, str):
        try:
            seconds = float(value.strip()) if len(value) <= _MAX_DIGITS else None
        except ValueError:
            return None
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    else:
        return None
    if seconds is None or not math.isfinite(seconds):
        return None
    millis = seconds * 1000
    return int(millis) if math.isfinite(millis) else int(seconds) * 1000  # 1e308 s overflows a float


def retry_timing(data: Any, headers: Any, values: Mapping[str, Any]) -> Retry | None:
    """The most precise retry time the response carries, or None when it carries none."""
    server_time = retry_after = None
    if isinstance(data, dict):
        server_time = data.get("serverTime")  # an int as sent, else as_int reads it
        if server_time.__class__ is not int:
            server_time = as_int(server_time)
        retry_after = data.get("retryAfter")
        if retry_after.__class__ is not int:
            retry_after = as_int(retry_after)
    if retry_after is not None:
        after = retry_after - server_time if server_time is not None else None
        return _retry(AFTER_DELAY, after, retry_after, "server_retry_after")
    until = values.get("banned_until_ms")
    if not isinstance(until, int):
        until = None
    after_ms = _seconds_ms(header(headers, "retry-after")) if headers is not None else None
    if after_ms is not None:
        return _retry(AFTER_DELAY, after_ms, until, "retry_after_header")
    if until is not None:
        after = until - server_time if server_time is not None else None
        return _retry(AFTER_DELAY, after, until, "ban_message")
    return None
