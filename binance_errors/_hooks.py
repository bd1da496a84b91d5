"""Retry hooks: thin shims over the resend policy (``_resend.py``) for tenacity, stamina, or a loop.

Every "may I resend, and when" is answered by ``_resend.resend_delay_ms``; the hooks only read
their clock (``clock=``, epoch ms; they sit at the edge, ``classify`` reads none), classify what
the call raised or returned with that clock as ``now_ms``, and hand the verdict and the clock to
the policy. The product is read off the request URL of what was raised or returned (as the
adapters do) unless ``product`` is given; a bare frame with no URL is read with the product
inferred from its code and message. No library is imported here: the tenacity and stamina hooks
are plain callables that follow their protocols.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._adapters import classify_exception, classify_response
from ._classify import classify
from ._model import Verdict
from ._resend import BASE_MS, CAP_MS, MAX_ATTEMPTS, MAX_DELAY_MS, backoff_ms, needs_clock, resend_delay_ms, wait_ms

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


def clock_ms() -> int:
    """The local clock in epoch ms (the hooks' default clock)."""
    return time.time_ns() // 1_000_000


def _now(verdict: Verdict, now_ms: int | None) -> int | None:
    """The caller's clock, else the local one when the verdict's wait needs a clock."""
    return now_ms if now_ms is not None or not needs_clock(verdict) else clock_ms()


def next_delay_ms(
    verdict: Verdict,
    attempt: int,
    *,
    now_ms: int | None = None,
    max_attempts: int | None = None,
    max_delay_ms: int | None = MAX_DELAY_MS,
    base_ms: int = BASE_MS,
    cap_ms: int = CAP_MS,
    rng: random.Random | None = None,
) -> int | None:
    """How long to wait before resending after ``attempt`` attempts (1 = the first), or None: never resend.

    The latest end the response names (``retry_after_ms``; ``retry_at_ms`` minus ``now_ms``, or
    minus the local clock when ``now_ms`` is not given; for a rate limit with no time, the end of
    the bucket its message names), else a jittered exponential backoff. A time already past is 0.
    None when ``should_retry`` with the same arguments is False.
    """
    return resend_delay_ms(
        verdict,
        attempt,
        now_ms=_now(verdict, now_ms),
        max_attempts=max_attempts,
        max_delay_ms=max_delay_ms,
        base_ms=base_ms,
        cap_ms=cap_ms,
        rng=rng,
    )


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
    now = _now(verdict, now_ms)
    found = resend_delay_ms(verdict, attempt, now_ms=now, max_attempts=max_attempts, max_delay_ms=max_delay_ms)
    return found is not None


def verdict_of(outcome: Any, product: str | None = None, now_ms: int | None = None) -> Verdict | None:
    """The verdict of what a call raised or returned: an exception, a response object, a frame.

    Without ``product``, the product of the request URL the exception or response carries (spot
    when it has none, and for a bare frame). None for a plain value that is no Binance answer at
    all (neither a dict, text nor a response).
    """
    if isinstance(outcome, Verdict):
        return outcome
    if isinstance(outcome, BaseException):
        return classify_exception(outcome, product, now_ms=now_ms)
    if isinstance(outcome, dict | str | bytes | bytearray):
        return classify(outcome, product=product, now_ms=now_ms)
    if hasattr(outcome, "headers") and (hasattr(outcome, "status_code") or hasattr(outcome, "status")):
        return classify_response(outcome, product, now_ms=now_ms)
    return None


def _outcome_verdict(retry_state: Any, product: str | None, now_ms: int) -> Verdict | None:
    outcome = retry_state.outcome
    if outcome is None:
        return None
    return verdict_of(outcome.exception() if outcome.failed else outcome.result(), product, now_ms)


class TenacityRetry:
    """A tenacity ``retry=`` predicate: retry what ``should_retry`` allows (see ``tenacity_retry``)."""

    __slots__ = ("clock", "max_attempts", "max_delay_ms", "product")

    def __init__(self, product: str | None, max_attempts: int | None, max_delay_ms: int | None, clock: Clock) -> None:
        self.product, self.max_attempts, self.max_delay_ms, self.clock = product, max_attempts, max_delay_ms, clock

    def __call__(self, retry_state: Any) -> bool:
        now = self.clock()
        verdict = _outcome_verdict(retry_state, self.product, now)
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

    def __init__(self, product: str | None, base_ms: int, cap_ms: int, rng: random.Random | None, clock: Clock) -> None:
        self.product, self.base_ms, self.cap_ms, self.rng, self.clock = product, base_ms, cap_ms, rng, clock

    def __call__(self, retry_state: Any) -> float:
        attempt = retry_state.attempt_number
        now = self.clock()
        verdict = _outcome_verdict(retry_state, self.product, now)
        delay = None
        if verdict is not None:
            delay = next_delay_ms(verdict, attempt, now_ms=now, base_ms=self.base_ms, cap_ms=self.cap_ms, rng=self.rng)
        if delay is None:  # another predicate chose to retry something we would not time
            delay = backoff_ms(attempt, self.base_ms, self.cap_ms, self.rng)
        return delay / 1000


class StaminaOn:
    """A stamina ``on=`` hook: False, True (stamina's own backoff) or the response's wait in seconds."""

    __slots__ = ("clock", "max_delay_ms", "product")

    def __init__(self, product: str | None, max_delay_ms: int | None, clock: Clock) -> None:
        self.product, self.max_delay_ms, self.clock = product, max_delay_ms, clock

    def __call__(self, exc: Exception) -> bool | float:
        now = self.clock()
        verdict = classify_exception(exc, self.product, now_ms=now)
        delay = resend_delay_ms(verdict, 1, now_ms=now, max_attempts=None, max_delay_ms=self.max_delay_ms)
        if delay is None:
            return False
        return True if wait_ms(verdict, now) is None else delay / 1000


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
