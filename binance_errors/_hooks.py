"""Retry hooks: when and how long to wait, for tenacity, stamina, or a plain loop.

Rules these helpers keep:

1. Never "retry" a request that may have executed (``unknown_execution``, ``partial``) or that
   needs a fix first (``after_fix``: resync the clock, reconnect): only ``now`` and
   ``after_delay`` advice, and only when execution is ``no``.
2. The response's own timing wins (``retry_after_ms``, else ``retry_at_ms`` against ``now_ms``
   or, when the caller gives none, the clock read here at the edge: ``classify`` reads none); a
   jittered exponential backoff is used only where the response gave no timing.
3. Never resend into a ban: a ``banned`` answer is waited out to its end, and one with no known
   end (a 403 WAF page, a 418 with no time) is given up on.
4. A wait longer than ``max_delay_ms`` (an IP ban of hours) is not a retry: give up and let the
   caller decide.
5. The product is read off the request URL of what was raised or returned (as the adapters do)
   unless ``product`` is given; a bare frame with no URL is read as spot.

No library is imported here: the tenacity and stamina hooks are plain callables that follow
their protocols. Keep in sync with docs/adapters.md "Retry hooks".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._adapters import classify_exception, classify_response
from ._classify import classify
from ._decide import may_resend, needs_clock, response_delay_ms
from ._model import Verdict

if TYPE_CHECKING:
    import random

Clock = Callable[[], int]  # epoch ms

__all__ = [
    "StaminaOn",
    "TenacityRetry",
    "TenacityWait",
    "backoff_ms",
    "clock_ms",
    "next_delay_ms",
    "should_retry",
    "stamina_on",
    "tenacity_retry",
    "tenacity_wait",
    "verdict_of",
]

BASE_MS = 200  # first backoff step
CAP_MS = 30_000  # longest backoff step
MAX_ATTEMPTS = 5
MAX_DELAY_MS = 60_000


def clock_ms() -> int:
    """The local clock in epoch ms (the hooks' default clock)."""
    return time.time_ns() // 1_000_000


def _wait_ms(verdict: Verdict, now_ms: int | None, clock: Clock) -> int | None:
    """The response's own wait; an absolute time alone is measured against ``now_ms``, else the clock."""
    if now_ms is None and needs_clock(verdict):
        now_ms = clock()
    return response_delay_ms(verdict, now_ms)


def backoff_ms(attempt: int, base_ms: int = BASE_MS, cap_ms: int = CAP_MS, rng: random.Random | None = None) -> int:
    """Full-jitter exponential backoff: uniform in [0, min(cap, base * 2**(attempt-1))] ms."""
    ceiling = min(cap_ms, base_ms * 2 ** min(max(attempt, 1) - 1, 62))
    if rng is None:
        import random  # on first use: `import binance_errors` stays cheap

        return int(random.uniform(0, ceiling))
    return int(rng.uniform(0, ceiling))


def next_delay_ms(
    verdict: Verdict,
    attempt: int,
    *,
    now_ms: int | None = None,
    base_ms: int = BASE_MS,
    cap_ms: int = CAP_MS,
    rng: random.Random | None = None,
) -> int | None:
    """How long to wait before resending after ``attempt`` attempts (1 = the first), or None: never resend.

    The response's timing when it gave one (``retry_after_ms``; else ``retry_at_ms`` minus
    ``now_ms``, or minus the local clock when ``now_ms`` is not given), else a jittered exponential
    backoff. A time already past is 0. None for a ban with no known end.
    """
    if not may_resend(verdict):
        return None
    delay = _wait_ms(verdict, now_ms, clock_ms)
    return delay if delay is not None else backoff_ms(attempt, base_ms, cap_ms, rng)


def should_retry(
    verdict: Verdict,
    attempt: int,
    *,
    max_attempts: int | None = MAX_ATTEMPTS,
    max_delay_ms: int | None = MAX_DELAY_MS,
    now_ms: int | None = None,
) -> bool:
    """True when resending is safe and worth it after ``attempt`` attempts (1 = the first).

    False for anything that may have executed, anything that needs a fix first, a ban with no
    known end, after ``max_attempts`` attempts, and when the response asks for a longer wait than
    ``max_delay_ms`` (an absolute time is measured against ``now_ms``, else the local clock).
    """
    if not may_resend(verdict):
        return False
    if max_attempts is not None and attempt >= max_attempts:
        return False
    delay = _wait_ms(verdict, now_ms, clock_ms)
    return not (max_delay_ms is not None and delay is not None and delay > max_delay_ms)


def verdict_of(outcome: Any, product: str | None = None) -> Verdict | None:
    """The verdict of what a call raised or returned: an exception, a response object, a frame.

    Without ``product``, the product of the request URL the exception or response carries (spot
    when it has none, and for a bare frame). None for a plain value that is no Binance answer at
    all (neither a dict, text nor a response).
    """
    if isinstance(outcome, Verdict):
        return outcome
    if isinstance(outcome, BaseException):
        return classify_exception(outcome, product)
    if isinstance(outcome, dict | str | bytes | bytearray):
        return classify(outcome, product=product or "spot")
    if hasattr(outcome, "headers") and (hasattr(outcome, "status_code") or hasattr(outcome, "status")):
        return classify_response(outcome, product)
    return None


def _outcome_verdict(retry_state: Any, product: str | None) -> Verdict | None:
    outcome = retry_state.outcome
    if outcome is None:
        return None
    return verdict_of(outcome.exception() if outcome.failed else outcome.result(), product)


class TenacityRetry:
    """A tenacity ``retry=`` predicate: retry what ``should_retry`` allows (see ``tenacity_retry``)."""

    __slots__ = ("clock", "max_attempts", "max_delay_ms", "product")
    product: str | None
    max_attempts: int | None
    max_delay_ms: int | None
    clock: Clock

    def __init__(self, product: str | None, max_attempts: int | None, max_delay_ms: int | None, clock: Clock) -> None:
        self.product, self.max_attempts, self.max_delay_ms, self.clock = product, max_attempts, max_delay_ms, clock

    def __call__(self, retry_state: Any) -> bool:
        verdict = _outcome_verdict(retry_state, self.product)
        now = self.clock() if verdict is not None and needs_clock(verdict) else None
        return verdict is not None and should_retry(
            verdict,
            retry_state.attempt_number,
            max_attempts=self.max_attempts,
            max_delay_ms=self.max_delay_ms,
            now_ms=now,
        )


class TenacityWait:
    """A tenacity ``wait=`` strategy in seconds: the response's timing, else jittered backoff."""

    __slots__ = ("base_ms", "cap_ms", "clock", "product", "rng")
    product: str | None
    base_ms: int
    cap_ms: int
    rng: random.Random | None
    clock: Clock

    def __init__(self, product: str | None, base_ms: int, cap_ms: int, rng: random.Random | None, clock: Clock) -> None:
        self.product, self.base_ms, self.cap_ms, self.rng, self.clock = product, base_ms, cap_ms, rng, clock

    def __call__(self, retry_state: Any) -> float:
        attempt = retry_state.attempt_number
        verdict = _outcome_verdict(retry_state, self.product)
        delay = None
        if verdict is not None:
            now = self.clock() if needs_clock(verdict) else None
            delay = next_delay_ms(verdict, attempt, now_ms=now, base_ms=self.base_ms, cap_ms=self.cap_ms, rng=self.rng)
        if delay is None:  # another predicate chose to retry something we would not time
            delay = backoff_ms(attempt, self.base_ms, self.cap_ms, self.rng)
        return delay / 1000


class StaminaOn:
    """A stamina ``on=`` hook: False, True (stamina's own backoff) or the response's wait in seconds."""

    __slots__ = ("clock", "max_delay_ms", "product")
    product: str | None
    max_delay_ms: int | None
    clock: Clock

    def __init__(self, product: str | None, max_delay_ms: int | None, clock: Clock) -> None:
        self.product, self.max_delay_ms, self.clock = product, max_delay_ms, clock

    def __call__(self, exc: Exception) -> bool | float:
        verdict = classify_exception(exc, self.product)
        now = self.clock() if needs_clock(verdict) else None
        if not should_retry(verdict, 1, max_attempts=None, max_delay_ms=self.max_delay_ms, now_ms=now):
            return False
        delay = response_delay_ms(verdict, now)
        return True if delay is None else delay / 1000


def tenacity_retry(
    product: str | None = None,
    *,
    max_attempts: int | None = None,
    max_delay_ms: int | None = MAX_DELAY_MS,
    clock: Clock = clock_ms,
) -> TenacityRetry:
    """``tenacity.retry(retry=be.tenacity_retry(), wait=be.tenacity_wait(), stop=...)``.

    Classifies the raised exception (or the returned response/frame) and retries only what
    ``should_retry`` allows; leave the attempt limit to tenacity's ``stop=`` or set ``max_attempts``.
    ``product``: read off the request URL when not given. ``clock``: epoch ms, for a ban's end time.
    """
    return TenacityRetry(product, max_attempts, max_delay_ms, clock)


def tenacity_wait(
    product: str | None = None,
    *,
    base_ms: int = BASE_MS,
    cap_ms: int = CAP_MS,
    rng: random.Random | None = None,
    clock: Clock = clock_ms,
) -> TenacityWait:
    """A tenacity ``wait=`` honouring the response's timing (a ban's end too), else jittered exponential backoff."""
    return TenacityWait(product, base_ms, cap_ms, rng, clock)


def stamina_on(
    product: str | None = None, *, max_delay_ms: int | None = MAX_DELAY_MS, clock: Clock = clock_ms
) -> StaminaOn:
    """``stamina.retry(on=be.stamina_on(), attempts=...)``: retry only what is safe, wait as the response says."""
    return StaminaOn(product, max_delay_ms, clock)
