"""Retry timing: every source of a retry time, and the one rule that combines them.

Rules this module keeps (docs/design.md, "Retry timing"):

1. Every source is read here and nowhere else:

   ====================  ==========================================  ==========================
   source                what it gives                               where it is read
   ====================  ==========================================  ==========================
   server_retry_after    an absolute time on the server's clock      ``error.data.retryAfter``
   retry_after_header    a delay (whole seconds) or an HTTP date     ``Retry-After``
   ban_message           an absolute time                            "IP banned until N"
   rate_limit_bucket     the end of the exhausted calendar bucket    ``rateLimits``, headers,
                                                                     the message's interval
   ====================  ==========================================  ==========================

2. The latest end wins: never resend before the latest end any source gives. The order of the
   table only breaks ties (it names the source). The bucket end is used only when no other
   source gave a time (it is an estimate; the others are the exchange's word).
3. A delay and an absolute time are placed on one clock with a reference time: the server's
   ``error.data.serverTime``, else the response's ``Date`` header, else the caller's ``now_ms``
   (this module reads no clock). With a reference, ``after_ms`` and ``at_ms`` name the same
   moment (``after_ms`` is 0 when it has passed). Without one, the latest delay and the latest
   absolute end are both kept, as two lower bounds: the resend policy waits for both
   (``_resend.wait_ms``), and a caller that passes ``now_ms`` gets them as one moment.
4. Nothing here raises on data: an unreadable value is no source.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import _verdicts
from ._model import Retry, RetryAction
from ._parse import as_int, http_date_ms, retry_headers, whole_seconds_ms
from ._ratelimits import bucket_end, parse_interval_text, rate_limits

__all__ = ["BAN_FIELD", "Timing", "bucket_retry", "retry_timing", "timing_of", "values_bucket_retry"]

BAN_FIELD = "banned_until_ms"  # the value of a message that gives a ban's end
Timing = tuple[int | None, int | None, str]  # (after_ms, at_ms, source)
# The latest plausible epoch ms (year 9999): a larger "until" is no time (an overflow, a typo).
_LATEST_MS = 253_402_300_799_999
_AFTER_DELAY = RetryAction.AFTER_DELAY


def _epoch_ms(value: Any) -> int | None:
    """An epoch-ms time read from a JSON value, None when it is none or out of range."""
    number = value if value.__class__ is int else as_int(value)
    return number if number is not None and 0 <= number <= _LATEST_MS else None


def timing_of(data: Any, headers: Any, until: Any, now_ms: Any = None) -> Timing | None:
    """``(after_ms, at_ms, source)`` of the latest end the response gives, or None when it gives none.

    ``data`` is the error's ``data`` (``serverTime``, ``retryAfter``), ``headers`` the REST headers,
    ``until`` the ban's end the message gives, ``now_ms`` the caller's clock (a reference only).
    """
    server_time = retry_after = None
    if data is not None and isinstance(data, dict):
        server_time = _epoch_ms(data.get("serverTime"))
        retry_after = _epoch_ms(data.get("retryAfter"))
    # Each source once, in the order of rule 1's table (which names the source of equal ends):
    # (end or delay, source, True for an absolute end).
    found: list[tuple[int, str, bool]] = []
    if retry_after is not None:
        found.append((retry_after, "server_retry_after", True))
    date = None
    if headers is not None:
        value, date = retry_headers(headers)
        if value is not None:
            delay = whole_seconds_ms(value)
            if delay is not None:
                found.append((delay, "retry_after_header", False))
            else:
                at = http_date_ms(value)
                if at is not None:
                    found.append((at, "retry_after_header", True))
    if until is not None:
        until = _epoch_ms(until) if until.__class__ is not bool else None
        if until is not None:
            found.append((until, "ban_message", True))
    if not found:
        return None
    reference = server_time
    if reference is None and date is not None:
        reference = http_date_ms(date)
    if reference is None:
        reference = _epoch_ms(now_ms) if now_ms.__class__ is not bool else None
    return _latest(found, reference)


def _latest(found: list[tuple[int, str, bool]], reference: int | None) -> Timing:
    """The latest end of ``found`` (rule 2), on the reference's clock when there is one (rule 3).

    The first of equal ends wins: ``found`` is in the table's order.
    """
    if reference is not None:
        end, source = _first_max([(value if absolute else reference + value, name) for value, name, absolute in found])
        return max(end - reference, 0), end, source
    ends = [(value, name) for value, name, absolute in found if absolute]
    delays = [(value, name) for value, name, absolute in found if not absolute]
    at, source = _first_max(ends) if ends else (None, "")
    after, delay_source = _first_max(delays) if delays else (None, "")
    return after, at, source or delay_source


def _first_max(entries: list[tuple[int, str]]) -> tuple[int, str]:
    """The entry with the largest number; on a tie the first."""
    best = entries[0]
    for entry in entries[1:]:
        if entry[0] > best[0]:
            best = entry
    return best


def retry_timing(data: Any, headers: Any, values: Mapping[str, Any] | None, now_ms: Any = None) -> Retry | None:
    """The response's retry time as a ``Retry`` (``timing_of``), or None when it gives none."""
    timing = timing_of(data, headers, values.get(BAN_FIELD) if values else None, now_ms)
    return None if timing is None else _verdicts.make_retry(_AFTER_DELAY, *timing)


def bucket_retry(frame: Any, headers: Any, now_ms: Any, data: Any, values: Mapping[str, Any] | None) -> Retry | None:
    """A rate-limited answer with no other retry time: the end of the exhausted bucket.

    The bucket is the full limiter in ``rateLimits``/headers, else the interval the message names
    ("current limit is 50 orders per 10 SECOND"). The time reference is ``error.data.serverTime``
    (the server's clock), else ``now_ms``; None without one.
    """
    now = _epoch_ms(data.get("serverTime")) if isinstance(data, dict) else None
    if now is None:
        now = _epoch_ms(now_ms) if now_ms.__class__ is not bool else None
    if now is None:
        return None
    exhausted = rate_limits(frame, headers, now).exhausted()
    if exhausted is not None and exhausted.resets_at_ms is not None:
        return Retry(_AFTER_DELAY, max(exhausted.resets_in_ms or 0, 0), exhausted.resets_at_ms, "rate_limit_bucket")
    return values_bucket_retry(values, now)


def values_bucket_retry(values: Mapping[str, Any] | None, now_ms: int) -> Retry | None:
    """The end of the calendar bucket the message's ``interval`` names, from ``now_ms``; None when it names none."""
    length = parse_interval_text(values.get("interval")) if values else None
    if length is None:
        return None
    end = bucket_end(now_ms, length)
    return Retry(_AFTER_DELAY, end - now_ms, end, "rate_limit_bucket")
