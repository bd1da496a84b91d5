"""The rate-limit result classes: :class:`Limiter`, :class:`Headroom`, :class:`Usage`.

Made on first use: ``_ratelimits.py`` (which reads the limiters) imports this module the first
time it builds a result, and ``binance_errors.Limiter`` & co. load it on first access, so that
``import binance_errors`` does not pay for three attrs classes (import time is a benchmark,
docs/design.md section 7).
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["Headroom", "Limiter", "Usage"]


@attrs.frozen(slots=True)
class Limiter:
    """One rate limiter's state: what it counts, its bucket, how full it is, when it resets.

    ``interval_ms`` is None for an interval name the docs do not list (the raw name is kept);
    ``used`` is ``count / limit`` when both are known; ``resets_at_ms``/``resets_in_ms`` need a
    time reference. ``source`` is ``rateLimits``, ``header`` or ``legacy_header`` (the unsuffixed
    ``x-mbx-used-weight``, read as the 1-minute request weight).
    """

    kind: str
    interval: str | None
    interval_num: int | None
    interval_ms: int | None
    count: int | None
    limit: int | None
    used: float | None
    resets_at_ms: int | None
    resets_in_ms: int | None
    source: str


@attrs.frozen(slots=True)
class Headroom:
    """Advice before a 429: the limiter closest to exhaustion and how long to pause.

    ``pause_ms`` is 0 when every limiter is under the threshold, the time until the fullest
    over-threshold bucket resets otherwise, and None when that time is unknown (no time
    reference, or an interval the docs do not list): then back off on your own.
    """

    threshold: float
    limiter: Limiter | None
    pause_ms: int | None
    resume_at_ms: int | None


@attrs.frozen(slots=True)
class Usage:
    """Every limiter a response reports, plus the entries that could not be read."""

    limiters: tuple[Limiter, ...]
    now_ms: int | None
    unreadable: tuple[Any, ...] = ()

    def closest(self) -> Limiter | None:
        """The limiter with the highest used fraction (None when no fraction is known)."""
        known = [limiter for limiter in self.limiters if limiter.used is not None]
        return max(known, key=lambda limiter: limiter.used or 0.0) if known else None

    def exhausted(self) -> Limiter | None:
        """The full limiter (count >= limit) that resets last, if any."""
        full = [lim for lim in self.limiters if lim.used is not None and lim.used >= 1.0]
        if not full:
            return None
        return max(full, key=lambda lim: -1 if lim.resets_at_ms is None else lim.resets_at_ms)

    def headroom(self, threshold: float = 0.9) -> Headroom:
        """How long to pause so that no limiter goes past ``threshold`` (a fraction of its limit)."""
        closest = self.closest()
        over = [lim for lim in self.limiters if lim.used is not None and lim.used >= threshold]
        if not over:
            return Headroom(threshold, closest, 0, self.now_ms)
        if any(lim.resets_in_ms is None for lim in over):
            worst = max(over, key=lambda lim: lim.used or 0.0)
            return Headroom(threshold, worst, None, None)
        worst = max(over, key=lambda lim: lim.resets_in_ms or 0)
        return Headroom(threshold, worst, worst.resets_in_ms, worst.resets_at_ms)
