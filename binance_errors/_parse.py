"""Reading values from response data: integers, headers, durations. Reading only: what the
values mean is decided in ``_decide.py``. Nothing here raises on data: unreadable is None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = [
    "FIELD_LIMIT",
    "as_int",
    "field_value",
    "header",
    "header_items",
    "http_date_ms",
    "retry_after_header",
    "retry_after_ms_or_at",
    "retry_headers",
    "seconds_ms",
    "whole_seconds_ms",
]

_MAX_DIGITS = 20
FIELD_LIMIT = 256  # characters kept of one value pulled out of a templated message
_DATE_LIMIT = 64  # characters of an HTTP date read (the longest of RFC 9110's three forms is 36)
_INF, _NEG_INF = float("inf"), float("-inf")  # _NEG_INF < x < _INF: math.isfinite(x), math not imported


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


def field_value(text: str) -> Any:
    """A value pulled out of a templated message: an int when it is one, else its text (bounded)."""
    if 0 < len(text) <= _MAX_DIGITS and text.isascii() and text.isdigit():  # as_int's common case, at once
        return int(text)
    number = as_int(text)
    return number if number is not None else text[:FIELD_LIMIT]


def header_items(headers: Any) -> Iterator[tuple[str, Any]]:
    """(lower-case name, value) of every header in any mapping or pair list; bytes read as latin-1.

    The one scan of headers: a mapping that cannot be read stops the scan, never raises.
    """
    if headers is None:
        return
    try:
        items = headers.items() if hasattr(headers, "items") else headers
        for key, value in items:
            if isinstance(key, bytes):
                key = key.decode("latin-1")
            if isinstance(key, str):
                yield key.lower(), value.decode("latin-1") if isinstance(value, bytes) else value
    except Exception:  # a mapping that cannot be read is a mapping without more headers
        return


def header(headers: Any, name: str) -> Any:
    """The value of header ``name`` (lower case) in any mapping, matched case-insensitively."""
    for key, value in header_items(headers):
        if key == name:
            return value
    return None


def seconds_ms(value: Any) -> int | None:
    """A number of seconds (int, float or decimal text) in ms, None when it is not one."""
    if isinstance(value, str):
        try:
            seconds = float(value.strip()) if len(value) <= _MAX_DIGITS else None
        except ValueError:
            return None
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    else:
        return None
    if seconds is None or not _NEG_INF < seconds < _INF:
        return None
    millis = seconds * 1000
    return int(millis) if _NEG_INF < millis < _INF else int(seconds) * 1000  # 1e308 s overflows a float


def http_date_ms(value: Any) -> int | None:
    """An HTTP date (RFC 9110: IMF-fixdate, RFC 850 or asctime form) as epoch ms, None when it is not one.

    Read by ``email.utils.parsedate_to_datetime``; a date without a zone (asctime) is UTC, as RFC 9110 says.
    """
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if not isinstance(value, str) or not 0 < len(value) <= _DATE_LIMIT:
        return None
    from datetime import UTC  # on first use: email.utils costs ~10 ms of `import binance_errors`
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(value.strip())
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return int(moment.timestamp() * 1000)
    except (TypeError, ValueError, IndexError, OverflowError, OSError):  # not a date, or out of range
        return None


def whole_seconds_ms(value: Any) -> int | None:
    """A ``Retry-After`` delay: whole seconds written as digits (RFC 9110 ``delay-seconds``), in ms.

    ``1e3``, ``0.5``, ``-1`` or ``inf`` are not delays: None (they are no RFC 9110 value, and a
    reading of them would be a guess).
    """
    if value.__class__ is int:
        return value * 1000 if value >= 0 else None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if isinstance(value, str) and len(value) <= _MAX_DIGITS:
        text = value.strip()
        if text.isascii() and text.isdigit():
            return int(text) * 1000
    return None


def retry_after_ms_or_at(value: Any, date: Any = None) -> tuple[int | None, int | None]:
    """``(after_ms, at_ms)`` of a ``Retry-After`` value; ``date`` is the response's ``Date`` header.

    Whole seconds (digits) are a delay: ``(ms, None)``. An HTTP date is an absolute time: ``at_ms`` is
    that date, and ``after_ms`` is it minus the ``Date`` header (the server's clock when it
    answered, so no local clock is read), None without a readable ``Date``. ``(None, None)``
    when the value is neither. Nothing is clamped here: a date before ``Date`` gives a negative delay.
    """
    after = whole_seconds_ms(value)
    if after is not None:
        return after, None
    at = http_date_ms(value)
    if at is None:
        return None, None
    sent = http_date_ms(date)
    return (at - sent if sent is not None else None), at


def retry_headers(headers: Any) -> tuple[Any, Any]:
    """The ``Retry-After`` and ``Date`` values of ``headers`` (any mapping, any case), in one scan."""
    value = date = None
    if headers.__class__ is dict:  # the common case, scanned in place (the same as header_items reads it)
        for key, item in headers.items():
            if key.__class__ is not str or item.__class__ is bytes:
                break  # bytes or other keys: the complete scan below
            key = key.lower()
            if key == "retry-after":
                value = item
            elif key == "date":
                date = item
        else:
            return value, date
        value = date = None
    for key, item in header_items(headers):
        if key == "retry-after":
            value = item
        elif key == "date":
            date = item
    return value, date


def retry_after_header(headers: Any) -> tuple[int | None, int | None]:
    """``retry_after_ms_or_at`` of the ``Retry-After`` and ``Date`` headers in one scan of ``headers``."""
    value, date = retry_headers(headers)
    return retry_after_ms_or_at(value, date) if value is not None else (None, None)
