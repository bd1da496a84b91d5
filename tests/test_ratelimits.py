"""Rate-limit usage and headroom from `rateLimits` and X-MBX headers (issue 3, part 2)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import binance_errors as be
from binance_errors._ratelimits import bucket_end
from binance_errors._samples import SAMPLES

from .strategies import json_values

OK_FRAME = SAMPLES[0][1]  # upstream WS page: ORDERS 12/50 per 10 s, ORDERS 4043/160000 per day, WEIGHT 321/6000 per min
NOW = 1655716096505  # the frame's transactTime
EXCHANGE_INFO_LIMITS = [
    {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 6000},
    {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 100},
    {"rateLimitType": "ORDERS", "interval": "DAY", "intervalNum": 1, "limit": 200000},
]


def test_documented_frame_limiters() -> None:
    """The documented success frame yields its three limiters with used fractions and resets."""
    usage = be.rate_limits(OK_FRAME, now_ms=NOW)
    rows = [(lim.kind, lim.interval_num, lim.interval, lim.count, lim.limit) for lim in usage.limiters]
    assert [
        ("ORDERS", 10, "SECOND", 12, 50),
        ("ORDERS", 1, "DAY", 4043, 160000),
        ("REQUEST_WEIGHT", 1, "MINUTE", 321, 6000),
    ] == rows
    seconds, day, minute = usage.limiters
    assert (1655716100000, 3495) == (seconds.resets_at_ms, seconds.resets_in_ms)  # next :00/:10 boundary
    assert 1655769600000 == day.resets_at_ms  # 2022-06-21 00:00 UTC
    assert 1655716140000 == minute.resets_at_ms
    assert 12 / 50 == seconds.used
    assert seconds is usage.closest()


def test_no_time_reference_means_no_reset_time() -> None:
    """Without serverTime or now_ms, limiters have no reset time and headroom cannot say how long."""
    usage = be.rate_limits(OK_FRAME)
    assert [None, None, None] == [lim.resets_at_ms for lim in usage.limiters]
    assert 0 == usage.headroom(0.9).pause_ms  # nothing is near its limit: no pause needed
    assert None is usage.headroom(0.2).pause_ms  # over 20 %, but when the bucket resets is unknown


def test_headroom_pauses_until_the_fullest_bucket_resets() -> None:
    """Past the threshold, the advice is to pause until the over-threshold bucket resets."""
    frame = {
        "status": 200,
        "result": {},
        "rateLimits": [
            {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 6000, "count": 5500},
            {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 50, "count": 10},
        ],
    }
    headroom = be.rate_limits(frame, now_ms=60_000 * 10 + 15_000).headroom(0.9)
    assert headroom.limiter is not None and "REQUEST_WEIGHT" == headroom.limiter.kind
    assert (45_000, 660_000) == (headroom.pause_ms, headroom.resume_at_ms)
    assert 0 == be.rate_limits(frame, now_ms=0).headroom(0.95).pause_ms


def test_absent_empty_and_malformed_rate_limits() -> None:
    """Absent or empty `rateLimits` give no limiters; malformed entries are kept, not dropped."""
    assert () == be.rate_limits({"status": 200, "result": {}}).limiters
    assert () == be.rate_limits({"status": 200, "result": {}, "rateLimits": []}).limiters
    frame = {
        "rateLimits": [
            "junk",
            {"interval": "MINUTE"},
            {"rateLimitType": "ORDERS", "interval": "FORTNIGHT", "intervalNum": 1, "limit": 5, "count": 5},
            {
                "rateLimitType": "RAW_REQUESTS",
                "interval": "MINUTE",
                "intervalNum": "5",
                "limit": "61000",
                "count": True,
            },
        ]
    }
    usage = be.rate_limits(frame, now_ms=NOW)
    assert ("junk", {"interval": "MINUTE"}) == usage.unreadable
    fortnight, raw = usage.limiters
    assert ("FORTNIGHT", None, None, 1.0) == (
        fortnight.interval,
        fortnight.interval_ms,
        fortnight.resets_at_ms,
        fortnight.used,
    )
    assert (300_000, 61000, None, None) == (raw.interval_ms, raw.limit, raw.count, raw.used)
    assert ("not a list",) == be.rate_limits({"rateLimits": "not a list"}).unreadable


def test_rest_headers_any_case_with_known_limits() -> None:
    """X-MBX-USED-WEIGHT-<n><unit> and X-MBX-ORDER-COUNT-<n><unit> in any case, plus the legacy header."""
    headers = {
        "X-MBX-USED-WEIGHT-1M": "5400",
        "x-mbx-order-count-10s": "3",
        "X-Mbx-Order-Count-1D": b"120",
        "x-mbx-used-weight": "5400",
        "Content-Type": "application/json",
    }
    usage = be.rate_limits(headers=headers, now_ms=NOW, limits=EXCHANGE_INFO_LIMITS)
    rows = [(lim.kind, lim.interval_num, lim.interval, lim.count, lim.limit, lim.source) for lim in usage.limiters]
    assert [
        ("REQUEST_WEIGHT", 1, "MINUTE", 5400, 6000, "header"),
        ("ORDERS", 10, "SECOND", 3, 100, "header"),
        ("ORDERS", 1, "DAY", 120, 200000, "header"),
        ("REQUEST_WEIGHT", 1, "MINUTE", 5400, 6000, "legacy_header"),
    ] == rows
    assert 0.9 == usage.closest().used  # type: ignore[union-attr]
    without_limits = be.rate_limits(headers=[("x-mbx-used-weight-1m", "10")])
    assert (10, None, None) == (
        without_limits.limiters[0].count,
        without_limits.limiters[0].limit,
        without_limits.limiters[0].used,
    )


def test_server_time_is_the_time_reference() -> None:
    """error.data.serverTime wins over the caller's clock."""
    frame = {
        "status": 429,
        "error": {"code": -1015, "msg": "Too many new orders.", "data": {"serverTime": 5_000}},
        "rateLimits": [{"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 50, "count": 50}],
    }
    usage = be.rate_limits(frame, now_ms=999_999)
    assert (5_000, 10_000) == (usage.now_ms, usage.limiters[0].resets_at_ms)


def test_429_without_hint_retries_at_the_exhausted_bucket_end() -> None:
    """A 429/-1015 with no retry hint takes its retry time from the full limiter's bucket end."""
    frame = {
        "status": 429,
        "error": {"code": -1015, "msg": "Too many new orders."},
        "rateLimits": [
            {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 50, "count": 50},
            {"rateLimitType": "ORDERS", "interval": "DAY", "intervalNum": 1, "limit": 160000, "count": 4044},
        ],
    }
    verdict = be.classify(frame, now_ms=NOW)
    assert (3495, 1655716100000, "rate_limit_bucket") == (
        verdict.retry_after_ms,
        verdict.retry_at_ms,
        verdict.retry.source,
    )
    assert None is be.classify(frame).retry_after_ms  # no clock, no guess
    with_data = {**frame, "error": {**frame["error"], "data": {"serverTime": NOW}}}
    assert 3495 == be.classify(with_data).retry_after_ms


def test_rest_limit_message_interval_gives_the_bucket() -> None:
    """With only the message ("per 10 SECOND") and the caller's clock, the bucket end is the retry time."""
    body = {"code": -1015, "msg": "Too many new orders; current limit is 50 orders per 10 SECOND."}
    verdict = be.classify(body, 429, {"X-MBX-ORDER-COUNT-10S": "51"}, now_ms=12_345)
    assert (7_655, 20_000) == (verdict.retry_after_ms, verdict.retry_at_ms)
    header_wins = be.classify(body, 429, {"Retry-After": "2"}, now_ms=12_345)
    assert (2_000, "retry_after_header") == (header_wins.retry_after_ms, header_wins.retry.source)


@given(json_values, st.one_of(st.none(), json_values), st.one_of(st.none(), st.integers(), st.text(max_size=5)))
def test_rate_limits_never_raise(frame: Any, headers: Any, now_ms: Any) -> None:
    """rate_limits() reads any value without raising."""
    usage = be.rate_limits(frame, headers if isinstance(headers, dict) else None, now_ms)
    usage.headroom(0.9)
    usage.closest()


@given(st.integers(0, 2**45), st.sampled_from(["SECOND", "MINUTE", "HOUR", "DAY"]), st.integers(1, 100))
def test_reset_is_in_the_future_and_within_one_interval(now: int, interval: str, number: int) -> None:
    """A bucket always resets after `now` and at most one interval later."""
    frame = {
        "rateLimits": [{"rateLimitType": "ORDERS", "interval": interval, "intervalNum": number, "limit": 1, "count": 1}]
    }
    limiter = be.rate_limits(frame, now_ms=now).limiters[0]
    assert limiter.resets_at_ms is not None and limiter.interval_ms is not None
    assert now < limiter.resets_at_ms <= now + limiter.interval_ms
    assert limiter.resets_at_ms == bucket_end(now, limiter.interval_ms)
