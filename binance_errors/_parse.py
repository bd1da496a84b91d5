"""Reading values from response data: integers, headers, durations. Reading only: what the
values mean is decided in ``_decide.py``. Nothing here raises on data: unreadable is None.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

__all__ = ["as_int", "header", "header_items", "seconds_ms"]

_MAX_DIGITS = 20


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
    if seconds is None or not math.isfinite(seconds):
        return None
    millis = seconds * 1000
    return int(millis) if math.isfinite(millis) else int(seconds) * 1000  # 1e308 s overflows a float
