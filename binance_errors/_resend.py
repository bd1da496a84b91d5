"""Resend policy: may this request be sent again, and after how long. The one home of that answer.

Rules this module keeps (docs/design.md, "Resending"):

1. Never resend what may have executed (``unknown_execution``, ``partial``) or what needs a fix
   first (``after_fix``): only ``now`` and ``after_delay`` advice, and only when execution is ``no``.
2. Never resend into a ban: a ``banned`` answer is waited out to its end; one with no known end
   (a 403 WAF page, a 418 with no time) is never resent.
3. The wait is the latest end the verdict names: ``after_ms`` from the answer and ``at_ms``
   against the caller's clock ``now_ms``; for a rate limit with no time, the end of the calendar
   bucket its message names (given ``now_ms``); else a full-jitter exponential backoff.
4. A wait the answer asks for that is longer than ``max_delay_ms`` is not a retry (an IP ban of
   hours): give up and let the caller decide. ``attempt >= max_attempts`` gives up too.
5. This module reads no clock: the hooks (``_hooks.py``) read theirs and pass it as ``now_ms``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._model import Execution, StatusClass, Verdict
from ._timing import values_bucket_retry

if TYPE_CHECKING:
    import random

__all__ = [
    "BASE_MS",
    "CAP_MS",
    "MAX_ATTEMPTS",
    "MAX_DELAY_MS",
    "backoff_ms",
    "may_resend",
    "needs_clock",
    "resend_delay_ms",
    "wait_ms",
]

BASE_MS = 200  # first backoff step
CAP_MS = 30_000  # longest backoff step
MAX_ATTEMPTS = 5
MAX_DELAY_MS = 60_000


def may_resend(verdict: Verdict) -> bool:
    """Rules 1 and 2: resending is safe (advice ``now``/``after_delay``, nothing executed, no endless ban)."""
    if not verdict.is_retryable or verdict.execution is not Execution.NO:
        return False
    retry = verdict.retry
    return verdict.status_class is not StatusClass.BANNED or retry.after_ms is not None or retry.at_ms is not None


def wait_ms(verdict: Verdict, now_ms: int | None) -> int | None:
    """Rule 3: the wait the answer itself names (never negative), None when it names none.

    ``after_ms`` and ``at_ms - now_ms`` both count (the latest wins); an ``at_ms`` alone needs
    ``now_ms`` (None without it); a rate limit with no time waits for the end of the bucket its
    message names, given ``now_ms``.
    """
    retry = verdict.retry
    waits = []
    if retry.after_ms is not None:
        waits.append(retry.after_ms)
    if retry.at_ms is not None:
        if now_ms is None:
            return None  # an absolute end needs the clock: without it, no safe wait can be named
        waits.append(retry.at_ms - now_ms)
    if not waits and now_ms is not None and verdict.status_class is StatusClass.RATE_LIMITED:
        bucket = values_bucket_retry(verdict.values, now_ms)
        if bucket is not None and bucket.after_ms is not None:
            waits.append(bucket.after_ms)
    return max(max(waits), 0) if waits else None


def needs_clock(verdict: Verdict) -> bool:
    """True when ``wait_ms`` can use the caller's clock (an absolute end, or a bucket to find)."""
    return verdict.retry.at_ms is not None or verdict.status_class is StatusClass.RATE_LIMITED


def backoff_ms(attempt: int, base_ms: int = BASE_MS, cap_ms: int = CAP_MS, rng: random.Random | None = None) -> int:
    """Full-jitter exponential backoff: uniform in [0, min(cap, base * 2**(attempt-1))] ms."""
    ceiling = min(cap_ms, base_ms * 2 ** min(max(attempt, 1) - 1, 62))
    if rng is None:
        import random  # on first use: `import binance_errors` stays cheap

        return int(random.uniform(0, ceiling))
    return int(rng.uniform(0, ceiling))


def resend_delay_ms(
    verdict: Verdict,
    attempt: int,
    *,
    now_ms: int | None,
    max_attempts: int | None,
    max_delay_ms: int | None,
    base_ms: int = BASE_MS,
    cap_ms: int = CAP_MS,
    rng: random.Random | None = None,
) -> int | None:
    """How long to wait before resending after ``attempt`` attempts (1 = the first); None: do not resend."""
    if not may_resend(verdict):
        return None
    if max_attempts is not None and attempt >= max_attempts:
        return None
    named = wait_ms(verdict, now_ms)
    if named is None:
        if verdict.status_class is StatusClass.BANNED:  # an end known only as a time, and no clock
            return None
        return backoff_ms(attempt, base_ms, cap_ms, rng)
    return None if max_delay_ms is not None and named > max_delay_ms else named
