"""Regression cases of the "one answer per question" review: each failed before the decision core was
split into one module per question. Expected values come from the documents (docs/design.md), written
here by hand."""

from __future__ import annotations

import math
from typing import Any

import pytest

import binance_errors as be

NOW = 1_760_000_000_000  # a fixed clock, epoch ms
BAN = (
    "Way too much request weight used; IP banned until {}. Please use WebSocket Streams for live updates to avoid bans."
)
TIMEOUT = {
    "code": -1007,
    "msg": "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
}
INSUFFICIENT = {"code": -2010, "msg": "Account has insufficient balance for requested action."}
CANCELED = {"symbol": "BTCUSDT", "orderId": 1, "status": "CANCELED"}


def _summary(v: be.Verdict) -> tuple[str, str]:
    return v.status_class.value, v.execution.value


# -- 1. the latest end of every retry source wins --------------------------------------------------


def test_retry_after_never_beats_a_later_ban_end() -> None:
    """A 418 whose header says 1 s while the message's ban ends 1.9 s later: wait 1.9 s, never 1 s."""
    frame = {"code": -1003, "msg": BAN.format(NOW + 1900)}
    v = be.classify(frame, 418, {"Retry-After": "1"})
    assert NOW + 1900 == v.retry_at_ms
    assert 1900 == be.next_delay_ms(v, 1, now_ms=NOW)
    timed = be.classify(frame, 418, {"Retry-After": "1"}, now_ms=NOW)
    assert (1900, NOW + 1900) == (timed.retry_after_ms, timed.retry_at_ms)  # one moment, two forms
    zero = be.classify(frame, 418, {"Retry-After": "0"})
    assert 1900 == be.next_delay_ms(zero, 1, now_ms=NOW)
    assert not be.should_retry(zero, 1, now_ms=NOW, max_delay_ms=1899)


# (data, headers, message's ban end, now_ms) -> (after_ms, at_ms, source): written from the rule
# "wait for the latest end any source gives; serverTime, else Date, else now_ms places them on one clock".
DATE = "Wed, 08 Oct 2025 12:26:40 GMT"  # = 1_759_926_400_000
DATE_MS = 1_759_926_400_000
PRECEDENCE: list[tuple[Any, Any, Any, Any, tuple[Any, Any, str]]] = [
    # server retryAfter against serverTime: a delay on the server's clock
    ({"serverTime": NOW, "retryAfter": NOW + 5000}, None, None, None, (5000, NOW + 5000, "server_retry_after")),
    # a longer Retry-After beats retryAfter - serverTime
    (
        {"serverTime": NOW, "retryAfter": NOW + 5000},
        {"Retry-After": "9"},
        None,
        None,
        (9000, NOW + 9000, "retry_after_header"),
    ),
    # a later ban end in the message beats retryAfter
    ({"serverTime": NOW, "retryAfter": NOW + 5000}, None, NOW + 7000, None, (7000, NOW + 7000, "ban_message")),
    # equal ends: the most precise source names it
    ({"serverTime": NOW, "retryAfter": NOW + 5000}, None, NOW + 5000, None, (5000, NOW + 5000, "server_retry_after")),
    # retryAfter without serverTime: the absolute time alone
    ({"retryAfter": NOW + 5000}, None, None, None, (None, NOW + 5000, "server_retry_after")),
    # ... and the caller's clock places it
    ({"retryAfter": NOW + 5000}, None, None, NOW + 1000, (4000, NOW + 5000, "server_retry_after")),
    # serverTime beats the caller's clock as the reference
    ({"serverTime": NOW, "retryAfter": NOW + 5000}, None, None, NOW + 4000, (5000, NOW + 5000, "server_retry_after")),
    # the Date header is a reference for the message's end
    (None, {"Date": DATE}, DATE_MS + 3000, None, (3000, DATE_MS + 3000, "ban_message")),
    # a header with no reference and a message end: both kept, as two lower bounds
    (None, {"Retry-After": "120"}, NOW + 1000, None, (120_000, NOW + 1000, "ban_message")),
    # an end already past: a delay of 0, never negative
    ({"serverTime": NOW, "retryAfter": NOW - 5000}, None, None, None, (0, NOW - 5000, "server_retry_after")),
    # "1e3" is no delay-seconds; the message's end is all there is
    (None, {"Retry-After": "1e3"}, NOW + 1000, None, (None, NOW + 1000, "ban_message")),
]


@pytest.mark.parametrize(("data", "headers", "until", "now_ms", "expected"), PRECEDENCE)
def test_every_timing_source_by_the_latest_end_rule(
    data: Any, headers: Any, until: Any, now_ms: Any, expected: Any
) -> None:
    """The precedence of the timing sources, as a table (docs/design.md "Retry timing")."""
    from binance_errors._timing import timing_of

    assert expected == timing_of(data, headers, until, now_ms)


# -- 2. a 429 with no timing waits for the bucket its message names --------------------------------


def test_a_429_without_headers_waits_for_the_named_bucket() -> None:
    """ccxt.async_support drops the headers: the message still names "per 1 MINUTE"; wait for its end."""
    msg = (
        "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. "
        "Please use WebSocket Streams for live updates to avoid polling the API."
    )
    v = be.classify({"code": -1003, "msg": msg}, 429)
    minute = 1_759_999_980_000  # a whole UTC minute (29_333_333 minutes after the epoch)
    now = minute + 15_000  # 45 s remain of this minute's bucket
    assert 45_000 == be.next_delay_ms(v, 1, now_ms=now)
    timed = be.classify({"code": -1003, "msg": msg}, 429, now_ms=now)
    assert (45_000, minute + 60_000, "rate_limit_bucket") == (
        timed.retry_after_ms,
        timed.retry_at_ms,
        timed.retry.source,
    )


def test_the_hooks_pass_their_clock() -> None:
    """tenacity's wait, given a clock, waits for the bucket end (not a sub-second backoff)."""
    import ccxt

    msg = "Too many new orders; current limit is 50 orders per 10 SECOND."
    error = ccxt.DDoSProtection('binance {"code":-1015,"msg":"' + msg + '"}')
    wait = be.tenacity_wait(clock=lambda: NOW + 4000)

    class State:
        attempt_number = 1

        class outcome:  # tenacity's attribute name
            failed = True

            @staticmethod
            def exception() -> BaseException:
                return error

    assert 6.0 == wait(State())


# -- 3. no product named: the product of the (code, message) --------------------------------------


def test_a_futures_only_message_takes_the_futures_row() -> None:
    """USD-M's -2021 "Order would immediately trigger." is a rejection, never a spot cancel/replace partial."""
    v = be.classify({"code": -2021, "msg": "Order would immediately trigger."}, 400)
    assert ("client_error", "no", "usdm") == (*_summary(v), v.product)
    import ccxt

    for exchange, product in (("binance", "usdm"), ("binanceusdm", "usdm"), ("binancecoinm", "coinm")):
        error = ccxt.ExchangeError(exchange + ' {"code":-2021,"msg":"Order would immediately trigger."}')
        found = be.classify_exception(error)
        assert ("client_error", "no", product) == (*_summary(found), found.product)


def test_meanings_that_differ_take_the_most_cautious_execution() -> None:
    """-1008 is spot's "server busy" (execution unknown) and futures' throttle: never "not executed"."""
    v = be.classify({"code": -1008, "msg": "Server is currently overloaded with other requests."}, 400)
    assert "unknown" == v.execution.value


def test_a_pair_every_product_reads_alike_stays_spot() -> None:
    """-1021 (timestamp outside recvWindow) means the same everywhere: spot's row, and the hot path's object."""
    frame = {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}
    v = be.classify(frame, 400)
    assert ("client_error", "no", "spot") == (*_summary(v), v.product)
    assert v is be.classify(frame, 400)


# -- 4. a dropped body never reads as "not executed" ---------------------------------------------


def test_a_dropped_4xx_body_is_execution_unknown() -> None:
    """aiohttp's ClientResponseError throws the body away: a 408 may carry -1007; query first."""
    from aiohttp import ClientResponseError, RequestInfo
    from multidict import CIMultiDict, CIMultiDictProxy
    from yarl import URL

    info = RequestInfo(URL("https://api.binance.com/api/v3/order"), "POST", CIMultiDictProxy(CIMultiDict()))
    unknown = ("unknown_execution", "unknown")
    expectations = (
        (408, unknown),
        (400, unknown),
        (429, ("rate_limited", "no")),
        (418, ("banned", "no")),
        (403, ("banned", "no")),
    )
    for status, expected in expectations:
        v = be.classify_exception(ClientResponseError(info, (), status=status, headers=CIMultiDict()))
        assert expected == _summary(v), status


# -- 5, 6. the legs decide, wherever they appear ---------------------------------------------------


def test_a_leg_with_unknown_execution_makes_the_outcome_unclear() -> None:
    """A -1007 new-order leg: the new order may exist; query both orders."""
    one = {
        "cancelResult": "SUCCESS",
        "newOrderResult": "FAILURE",
        "cancelResponse": CANCELED,
        "newOrderResponse": TIMEOUT,
    }
    both = {
        "cancelResult": "FAILURE",
        "newOrderResult": "FAILURE",
        "cancelResponse": INSUFFICIENT,
        "newOrderResponse": TIMEOUT,
    }
    for code, data, status in ((-2021, one, 409), (-2022, both, 400)):
        v = be.classify({"code": code, "msg": "Order cancel-replace partially failed.", "data": data}, status)
        assert v.legs is not None
        assert (be.LegsOutcome.UNCLEAR, "unknown") == (v.legs.outcome, v.execution.value)


def test_leg_results_in_a_success_answer_decide() -> None:
    """A 200 body or a WebSocket API result holding a FAILURE leg is not ok."""
    legs = {
        "cancelResult": "SUCCESS",
        "newOrderResult": "FAILURE",
        "cancelResponse": CANCELED,
        "newOrderResponse": INSUFFICIENT,
    }
    for v in (be.classify(legs, 200), be.classify({"id": 1, "status": 200, "result": legs})):
        assert ("partial", "partly") == _summary(v)
        assert v.legs is not None and be.LegsOutcome.CANCELED_NOT_REPLACED is v.legs.outcome
    replaced = {**legs, "newOrderResult": "SUCCESS", "newOrderResponse": {"orderId": 2, "status": "NEW"}}
    assert ("ok", "yes") == _summary(be.classify({"id": 1, "status": 200, "result": replaced}))


# -- 7. batch items ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([None], ("unknown_execution", "unknown")),
        (["garbage"], ("unknown_execution", "unknown")),
        ([{"msg": "Margin is insufficient."}], ("client_error", "no")),
        ([None, {"orderId": 1}], ("partial", "partly")),
        ([{"orderId": 1}, {"orderId": 2}], ("ok", "yes")),
        ([TIMEOUT, {"code": -1003, "msg": BAN.format(NOW)}], ("unknown_execution", "unknown")),
        ([{"code": -1015, "msg": "Too many new orders."}, {"code": -1003, "msg": BAN.format(NOW)}], ("banned", "no")),
        ([[1, "2"], [3, "4"]], ("ok", "yes")),  # a market-data list of rows
    ],
)
def test_batch_items_are_read_like_any_body(items: list[Any], expected: tuple[str, str]) -> None:
    """An item that is not a success object is read like a body; severity: unknown > banned > rate limit."""
    assert expected == _summary(be.classify(items, 200, product="usdm"))


def test_a_ban_time_inside_a_batch_item_is_kept() -> None:
    """The ban end in an item's message reaches the batch verdict."""
    v = be.classify([{"code": -1003, "msg": BAN.format(NOW + 60_000)}], 200, product="usdm")
    assert ("banned", NOW + 60_000) == (v.status_class.value, v.retry_at_ms)


# -- 8, 9 ------------------------------------------------------------------------------------------


def test_a_byte_order_mark_is_stripped() -> None:
    """A BOM-prefixed -2022 whose new order was placed: partial, with its legs."""
    body = (
        b'\xef\xbb\xbf{"code":-2022,"msg":"Order cancel-replace failed.","data":{"cancelResult":"FAILURE",'
        b'"newOrderResult":"SUCCESS","cancelResponse":{"code":-2011,"msg":"Unknown order sent."},'
        b'"newOrderResponse":{"orderId":2,"status":"NEW"}}}'
    )
    for raw in (body, body.decode("utf-8")):
        v = be.classify(raw, 400, product="spot")
        assert ("partial", "partly") == _summary(v) and v.legs is not None


@pytest.mark.parametrize(
    ("product", "code"),
    [("spot", -1000), ("spot", -1001), ("spot", -1008), ("margin", -3000), ("margin", -4027), ("options", -6007)],
)
@pytest.mark.parametrize("status", [400, 404, 408, 422])
def test_server_failure_rows_stay_unknown_under_a_4xx(product: str, code: int, status: int) -> None:
    """Rows that say the server failed while processing keep execution unknown under a plain 4xx."""
    v = be.classify({"code": code, "msg": None}, status, product=product)
    assert "unknown" == v.execution.value


# -- 10, 11 ---------------------------------------------------------------------------------------


class _Raising(dict):  # type: ignore[type-arg]
    def get(self, *args: Any) -> Any:
        raise RuntimeError("get")

    def __contains__(self, key: object) -> bool:
        raise RuntimeError("contains")


class _BadText(str):
    def strip(self, *args: Any) -> str:
        raise RuntimeError("strip")


class _BadStatus(int):
    def __int__(self) -> int:
        raise RuntimeError("int")


@pytest.mark.parametrize(
    ("frame", "status", "headers", "now_ms"),
    [
        (_Raising(code=1), 200, None, None),
        ({"status": 200, "error": _Raising(code=1)}, None, None, None),
        (
            {"code": -2021, "msg": "Order cancel-replace partially failed.", "data": _Raising(cancelResult=1)},
            409,
            None,
            None,
        ),
        ([_Raising(code=1)], 200, None, None),
        ({"code": -1015, "msg": "Too many new orders.", "rateLimits": [_Raising(a=1)]}, 429, None, NOW),
        ({"code": -1015, "msg": "Too many new orders."}, 429, {"Retry-After": _BadText("1")}, None),
        ({"code": -2010, "msg": "x"}, _BadStatus(400), None, None),
    ],
)
def test_inputs_whose_methods_raise_never_make_classify_raise(
    frame: Any, status: Any, headers: Any, now_ms: Any
) -> None:
    """A verdict, never an exception; under 2xx or no status an unreadable answer is MALFORMED."""
    v = be.classify(frame, status, headers, now_ms=now_ms)
    assert isinstance(v, be.Verdict)
    if status in (200, None):
        assert "unknown" == v.execution.value


def _deep(levels: int) -> dict[str, Any]:
    top = node = {}
    for _ in range(levels):
        node["a"] = {}
        node = node["a"]
    return top


def test_verdicts_with_deep_data_print_compare_and_hash() -> None:
    """repr is bounded, == compares without recursion, every verdict hashes, to_json writes standard JSON."""
    a = be.classify({"code": -2010, "msg": "x", "data": _deep(5000)}, 400)
    b = be.classify({"code": -2010, "msg": "x", "data": _deep(5000)}, 400)
    c = be.classify({"code": -2010, "msg": "x", "data": _deep(4999)}, 400)
    assert len(repr(a)) < 10_000
    assert a == b and a != c
    assert hash(a) == hash(b)
    static = be.classify(INSUFFICIENT, 400)
    assert {static: 1}[static] == 1
    text = be.classify({"code": -2010, "msg": "x", "data": {"n": math.nan, "i": math.inf}}, 400).to_json()
    assert "NaN" not in text and "Infinity" not in text
    import json

    json.loads(text, parse_constant=lambda name: pytest.fail(f"non-standard JSON constant {name}"))


# -- 12 ----------------------------------------------------------------------------------------


def test_ban_times_and_headers_that_are_no_numbers() -> None:
    """ "until 1e400" is no 1970 time; "Retry-After: 1e3" is no 1000 s."""
    v = be.classify({"code": -1003, "msg": "Way too much request weight used; IP banned until 1e400."}, 418)
    assert (None, None) == (v.retry_after_ms, v.retry_at_ms)
    w = be.classify({"code": -1015, "msg": "Too many new orders."}, 429, {"Retry-After": "1e3"})
    assert w.retry_after_ms is None


def test_next_delay_and_should_retry_agree_on_a_long_wait() -> None:
    """Retry-After of 1e9 s: should_retry says no, and so does next_delay_ms (None), at the same limit."""
    v = be.classify({"code": -1015, "msg": "Too many new orders."}, 429, {"Retry-After": "1000000000"})
    assert (False, None) == (be.should_retry(v, 1), be.next_delay_ms(v, 1))
    edge = be.classify({"code": -1015, "msg": "Too many new orders."}, 429, {"Retry-After": "60"})
    assert (True, 60_000) == (
        be.should_retry(edge, 1, max_delay_ms=60_000),
        be.next_delay_ms(edge, 1, max_delay_ms=60_000),
    )
    assert (False, None) == (
        be.should_retry(edge, 1, max_delay_ms=59_999),
        be.next_delay_ms(edge, 1, max_delay_ms=59_999),
    )


def test_a_success_body_with_legs_keeps_what_it_carried() -> None:
    """Found by the fuzz run: legs in a body without a code kept neither its odd `msg` nor its `data`."""
    odd = {"note": [1]}
    data = {
        "cancelResult": "SUCCESS",
        "newOrderResult": "FAILURE",
        "cancelResponse": CANCELED,
        "newOrderResponse": INSUFFICIENT,
    }
    v = be.classify({"msg": odd, "data": data}, 200)
    assert (odd, data, "partial") == (v.raw_message, v.data, v.status_class.value)
    w = be.classify({"id": 1, "status": 200, "result": data})
    assert (None, "partial") == (w.data, w.status_class.value)


def test_classify_reads_client_response_objects_and_exceptions() -> None:
    """be.classify(response) and be.classify(exception) go through the adapters, never MALFORMED."""
    import httpx
    import requests

    body = b'{"code":-2010,"msg":"Account has insufficient balance for requested action."}'
    response = requests.Response()
    response.status_code, response._content = 400, body
    assert ("client_error", -2010) == (be.classify(response).status_class.value, be.classify(response).code)
    limited = httpx.Response(429, headers={"Retry-After": "3"}, content=b'{"code":-1015,"msg":"Too many new orders."}')
    assert ("rate_limited", 3000) == (be.classify(limited).status_class.value, be.classify(limited).retry_after_ms)
    timeout = be.classify(TimeoutError("read timed out"))
    assert ("unknown_execution", "EMPTY_RESPONSE") == (timeout.status_class.value, timeout.reason)
