"""Rate-limit usage and headroom: ``rateLimits`` entries and ``X-MBX-*`` headers (docs/design.md section 2).

Off the hot path: ``classify`` only reads these when an answer is rate limited and carries no
retry hint of its own (and then only with a time reference), and callers who want headroom ask
for it with :func:`rate_limits`.

Buckets are calendar-aligned on the server's clock: a ``10 SECOND`` bucket resets at :00, :10, ...;
``1 DAY`` at 00:00 UTC. Nothing here reads a clock: the time comes from ``error.data.serverTime``
or the caller's ``now_ms``; without either, reset times are ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ._parse import as_int, header_items
from ._verdicts import lazily

if TYPE_CHECKING:
    from ._usage import Headroom, Limiter, Usage

__all__ = [
    "INTERVAL_MS",
    "Headroom",
    "Limiter",
    "Usage",
    "bucket_end",
    "interval_ms",
    "parse_interval_text",
    "rate_limits",
]

INTERVAL_MS: Mapping[str, int] = {"SECOND": 1_000, "MINUTE": 60_000, "HOUR": 3_600_000, "DAY": 86_400_000}
_LETTERS = {"S": "SECOND", "M": "MINUTE", "H": "HOUR", "D": "DAY"}
_HEADER_KINDS = {"used-weight": "REQUEST_WEIGHT", "order-count": "ORDERS"}
_LEGACY_WEIGHT = "x-mbx-used-weight"
_MAX_ENTRIES = 64  # a rateLimits array longer than this is not read past this point
_TEXT_LIMIT = 64
_INF = float("inf")
_CLASSES = ("Headroom", "Limiter", "Usage")  # defined in _usage.py, loaded on first use


def _limiter_class() -> type[Limiter]:
    from ._usage import Limiter

    return Limiter


def _usage_class() -> type[Usage]:
    from ._usage import Usage

    return Usage


def _header_matcher() -> Callable[[str], re.Match[str] | None]:
    return re.compile(r"x-mbx-(used-weight|order-count)-(\d{1,6})([smhd])\Z", re.IGNORECASE).match


# Made on first use (import time is a benchmark): the first call builds the real one and puts it
# in place of the stand-in, so later calls reach the class (or the compiled pattern) directly.
_new_limiter = lazily(globals(), "_new_limiter", _limiter_class)
_new_usage = lazily(globals(), "_new_usage", _usage_class)
_match_header = lazily(globals(), "_match_header", _header_matcher)


def __getattr__(name: str) -> Any:
    """``Headroom``, ``Limiter``, ``Usage``: the result classes, loaded on first access."""
    if name in _CLASSES:
        from . import _usage

        return getattr(_usage, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def interval_ms(interval: Any, interval_num: Any) -> int | None:
    """The length of an ``intervalNum`` x ``interval`` bucket in ms (None when unknown)."""
    unit = INTERVAL_MS.get(interval) if isinstance(interval, str) else None
    number = as_int(interval_num)
    if unit is None or number is None or number <= 0:
        return None
    return unit * number


def bucket_end(now_ms: int, length_ms: int) -> int:
    """The end of the calendar-aligned bucket holding ``now_ms``: always after it, at most one length away."""
    return (now_ms // length_ms + 1) * length_ms


def _fraction(count: int, limit: int) -> float:
    """``count / limit``; a quotient too large for a float (a count of 400 digits) is infinite, not an error."""
    try:
        return count / limit
    except OverflowError:
        return _INF if (count < 0) == (limit < 0) else -_INF


def _limiter(kind: str, interval: Any, number: Any, count: Any, limit: Any, now_ms: int | None, source: str) -> Limiter:
    length = interval_ms(interval, number)
    count_int, limit_int = as_int(count), as_int(limit)
    used = _fraction(count_int, limit_int) if count_int is not None and limit_int else None
    resets_at = bucket_end(now_ms, length) if now_ms is not None and length is not None else None
    return _new_limiter(
        kind,
        interval[:_TEXT_LIMIT] if isinstance(interval, str) else None,
        as_int(number),
        length,
        count_int,
        limit_int,
        used,
        resets_at,
        None if resets_at is None or now_ms is None else resets_at - now_ms,
        source,
    )


def _known_limits(limits: Any) -> dict[tuple[str, int | None, str], int]:
    """Limits from an exchangeInfo-style ``rateLimits`` list, keyed by (type, intervalNum, interval)."""
    found: dict[tuple[str, int | None, str], int] = {}
    if not isinstance(limits, list | tuple):
        return found
    for entry in limits[:_MAX_ENTRIES]:
        if isinstance(entry, dict):
            kind, interval, limit = entry.get("rateLimitType"), entry.get("interval"), as_int(entry.get("limit"))
            if isinstance(kind, str) and isinstance(interval, str) and limit is not None:
                found[(kind, as_int(entry.get("intervalNum")), interval)] = limit
    return found


def _from_entries(entries: Any, now_ms: int | None, out: list[Limiter], bad: list[Any]) -> None:
    if entries is None:
        return
    if not isinstance(entries, list | tuple):
        bad.append(entries)
        return
    for entry in entries[:_MAX_ENTRIES]:
        kind = entry.get("rateLimitType") if isinstance(entry, dict) else None
        if not isinstance(kind, str):
            bad.append(entry)
            continue
        out.append(
            _limiter(
                kind[:_TEXT_LIMIT],
                entry.get("interval"),
                entry.get("intervalNum"),
                entry.get("count"),
                entry.get("limit"),
                now_ms,
                "rateLimits",
            )
        )


def _from_headers(headers: Any, limits: Mapping[tuple[str, int | None, str], int], now_ms: int | None) -> list[Limiter]:
    out: list[Limiter] = []
    for name, value in header_items(headers):
        if not name.startswith("x-mbx-"):
            continue
        match = _match_header(name)
        if match:
            kind = _HEADER_KINDS[match.group(1)]
            number, interval = int(match.group(2)), _LETTERS[match.group(3).upper()]
            limit = limits.get((kind, number, interval))
            out.append(_limiter(kind, interval, number, value, limit, now_ms, "header"))
        elif name == _LEGACY_WEIGHT:
            limit = limits.get(("REQUEST_WEIGHT", 1, "MINUTE"))
            out.append(_limiter("REQUEST_WEIGHT", "MINUTE", 1, value, limit, now_ms, "legacy_header"))
    return out


def _server_time(frame: Any) -> int | None:
    if isinstance(frame, dict):
        error = frame.get("error")
        data = error.get("data") if isinstance(error, dict) else frame.get("data")
        if isinstance(data, dict):
            return as_int(data.get("serverTime"))
    return None


def rate_limits(frame: Any = None, headers: Any = None, now_ms: Any = None, limits: Any = None) -> Usage:
    """Read every limiter from a frame's ``rateLimits`` and/or REST ``X-MBX-*`` headers.

    The time reference is ``error.data.serverTime`` when the frame has it, else ``now_ms`` (the
    caller's clock, epoch ms). ``limits`` (an exchangeInfo ``rateLimits`` list) supplies the limits
    that headers do not carry. Never raises on response data.
    """
    now = _server_time(frame)
    if now is None:
        now = as_int(now_ms)
    found: list[Limiter] = []
    bad: list[Any] = []
    if isinstance(frame, dict):
        _from_entries(frame.get("rateLimits"), now, found, bad)
    if headers is not None:
        found.extend(_from_headers(headers, _known_limits(limits), now))
    return _new_usage(tuple(found), now, tuple(bad))


def parse_interval_text(text: Any) -> int | None:
    """The length in ms of an interval written in a message ("1 MINUTE", "10 SECOND"), else None."""
    if not isinstance(text, str) or len(text) > _TEXT_LIMIT:
        return None
    parts = text.split()
    if len(parts) != 2:
        return None
    unit = parts[1].upper()
    if unit not in INTERVAL_MS and unit.endswith("S"):
        unit = unit[:-1]
    return interval_ms(unit, parts[0])
