"""What Binance really sends (issue 10): bans in every wording, 418, unknown codes, bodies without a
code, status-only frames, odd statuses, plain text, bad UTF-8, batch answers. Each rule in REST and
WebSocket API form, for every product where it applies; every verdict is checked against the
invariants and the complete procedure (``classify_checked``)."""

from __future__ import annotations

import http
from enum import IntEnum
from typing import Any

import pytest

import binance_errors as be
from binance_errors._decide import classify_any

from .invariants import check_verdict

BINANCE = ("spot", "usdm", "coinm", "margin", "options", "portfolio_margin")
FUTURES_LIKE = ("usdm", "coinm", "portfolio_margin", "options")


def checked(body: Any, status: Any = None, product: str = "spot", headers: Any = None) -> be.Verdict:
    """Classify, check the invariants, and check the hot path against the complete procedure."""
    verdict = be.classify(body, status, headers, product=product)
    check_verdict(verdict, product)
    assert repr(classify_any(be.load_table(product), body, status, headers)) == repr(verdict)
    return verdict


def both_forms(code: Any, msg: str, status: int | None) -> list[tuple[Any, Any]]:
    """The same error as a REST body with its status and as a WebSocket API frame."""
    error = {"code": code, "msg": msg}
    ws_status = status if status is not None else 400
    return [(dict(error), status), ({"id": "x", "status": ws_status, "error": dict(error)}, None)]


def outcome(verdict: be.Verdict) -> tuple[str, str, str]:
    return verdict.status_class.value, verdict.execution.value, verdict.retry.action.value


# -- bans ---------------------------------------------------------------------------------------

BAN_WORDINGS = [
    "Way too much request weight used; IP banned until {t}. "
    "Please use WebSocket Streams for live updates to avoid bans.",
    "Way too much request weight used; IP banned until {t}. Please use the websocket for live updates to avoid bans.",
    "Way too many requests; IP banned until {t}. Please use the websocket for live updates to avoid bans.",
    "Way too many requests; IP banned until {t}.",
    "Way too many requests; IP(1.2.3.4) banned until {t}. Please use the websocket for live updates to avoid bans.",
    "Way too many requests; IP() banned until {t}. Please use the websocket for live updates to avoid bans.",
    "WAY TOO MANY REQUESTS; IP BANNED UNTIL {t}.   ",
    "way too much request weight used; ip banned until {t}",
]


@pytest.mark.parametrize("product", BINANCE)
@pytest.mark.parametrize("wording", BAN_WORDINGS)
@pytest.mark.parametrize("status", [None, 418, 429, 400])
def test_every_ban_wording_is_a_ban_with_its_time(product: str, wording: str, status: int | None) -> None:
    """Any message saying the IP is banned until a time is `banned` with that time, whatever the
    product, status or letter case (rule 3), in REST and WebSocket API form."""
    msg = wording.format(t=1659146400000)
    for body, http_status in both_forms(-1003, msg, status):
        verdict = checked(body, http_status, product)
        assert ("banned", "no", "after_delay", 1659146400000) == (*outcome(verdict), verdict.retry_at_ms)
        assert (msg, 1659146400000) == (verdict.message, verdict.values["banned_until_ms"])


@pytest.mark.parametrize("product", BINANCE)
def test_a_ban_message_under_an_unknown_code_or_without_a_code(product: str) -> None:
    """The ban rule holds whatever the code: an unknown one, or none at all (a body with only `msg`)."""
    msg = "Way too many requests; IP(10.0.0.1) banned until 1700000000000."
    unknown = checked({"code": -99999, "msg": msg}, None, product)
    assert ("banned", 1700000000000, False) == (unknown.status_class.value, unknown.retry_at_ms, unknown.known)
    codeless = checked({"msg": msg}, 200, product)
    assert ("banned", 1700000000000) == (codeless.status_class.value, codeless.retry_at_ms)


@pytest.mark.parametrize("product", BINANCE)
@pytest.mark.parametrize(
    ("code", "msg"),
    [
        (
            -1003,
            "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. "
            "Please use WebSocket Streams for live updates to avoid polling the API.",
        ),
        (-1015, "Too many new orders."),
        (-1003, "Too many requests queued."),
    ],
)
def test_418_is_a_ban_whatever_the_body(product: str, code: int, msg: str) -> None:
    """A -1003/-1015 rate-limit body under HTTP 418 is `banned`, never `rate_limited` (rule 3)."""
    for body, http_status in both_forms(code, msg, 418):
        if "error" in body:
            body["status"] = 418
        assert "banned" == checked(body, http_status, product).status_class.value


def test_418_keeps_the_retry_after_header() -> None:
    """A 418 with a rate-limit body takes its timing from Retry-After like any ban."""
    verdict = checked({"code": -1003, "msg": "Too many requests queued."}, 418, headers={"Retry-After": "120"})
    assert ("banned", 120_000) == (verdict.status_class.value, verdict.retry_after_ms)


def test_418_does_not_hide_rules_1_and_2() -> None:
    """An execution-unknown code stays unknown under 418 (rule 1 comes first)."""
    msg = "Timeout waiting for response from backend server. Send status unknown; execution status unknown."
    assert "unknown_execution" == checked({"code": -1007, "msg": msg}, 418).status_class.value


# -- unknown codes ------------------------------------------------------------------------------


@pytest.mark.parametrize("product", BINANCE)
@pytest.mark.parametrize("code", [-12345, -99999, 100001003, 200003903, -32603, "-1099", "-3999"])
def test_an_unknown_code_without_a_status_is_a_rejection(product: str, code: Any) -> None:
    """A numeric code no table knows, with no HTTP status, is `client_error`, execution `no`,
    `known=False` (rule 6): 5-digit margin codes, positive 9-digit codes, codes sent as strings with
    `message` instead of `msg`."""
    for body in ({"code": code, "msg": "Something went wrong."}, {"code": code, "message": "Something went wrong."}):
        verdict = checked(body, None, product)
        if verdict.known:
            continue  # this product's page lists it
        assert ("client_error", "no", "no") == outcome(verdict)
        assert int(code) == verdict.code


@pytest.mark.parametrize("product", BINANCE)
@pytest.mark.parametrize(
    ("msg", "expected", "ws_status"),
    [
        ("Internal timeout. Execution status unknown.", "unknown_execution", 400),
        ("Too many requests; please slow down.", "rate_limited", 429),
        ("Way too many requests; IP banned until 1700000000000.", "banned", 400),
    ],
)
def test_an_unknown_code_takes_the_class_its_message_says(
    product: str, msg: str, expected: str, ws_status: int
) -> None:
    """Unless its message says execution status is unknown, a ban, or too many requests (a WebSocket
    API frame carries its status: execution unknown and a ban hold under any, a rate limit under 429)."""
    rest = checked({"code": -98765, "msg": msg}, None, product)
    ws = checked({"id": 1, "status": ws_status, "error": {"code": -98765, "msg": msg}}, None, product)
    assert (expected, expected, False) == (rest.status_class.value, ws.status_class.value, rest.known)


def test_an_unknown_code_under_a_5xx_is_still_unknown_execution() -> None:
    """A status decides over the number block (rule 4): a 5xx leaves execution unknown."""
    assert "unknown_execution" == checked({"code": -12345, "msg": "x"}, 503).status_class.value


# -- bodies without a code ----------------------------------------------------------------------


@pytest.mark.parametrize("status", [None, 200])
def test_a_body_that_is_only_a_known_message_takes_its_row(status: int | None) -> None:
    """`{"msg": "You are not authorized to execute this request."}` is -1002's row, without a code."""
    verdict = checked({"msg": "You are not authorized to execute this request."}, status)
    assert ("client_error", "UNAUTHORIZED", "check_credentials", None) == (
        verdict.status_class.value,
        verdict.reason,
        verdict.reconcile.value,
        verdict.code,
    )
    ws = checked({"id": 1, "status": 401, "error": {"msg": "You are not authorized to execute this request."}})
    assert ("client_error", "UNAUTHORIZED") == (ws.status_class.value, ws.reason)


def test_too_many_requests_without_a_code() -> None:
    """`{"msg": "Too many requests. Please try again later.", "success": false}` is rate limited."""
    verdict = checked({"msg": "Too many requests. Please try again later.", "success": False}, 200)
    assert ("rate_limited", "no", "after_delay") == outcome(verdict)


@pytest.mark.parametrize("product", BINANCE)
@pytest.mark.parametrize("status", [None, 200])
@pytest.mark.parametrize("body", [{"msg": "done"}, {"message": "Something happened"}, {"msg": "x", "success": False}])
def test_a_body_that_is_only_a_message_is_never_ok(product: str, status: int | None, body: dict[str, Any]) -> None:
    """A body with a message and nothing else is no success, whatever the message (rule 6)."""
    verdict = checked(body, status, product)
    assert be.StatusClass.OK is not verdict.status_class
    assert body.get("msg", body.get("message")) == verdict.message


def test_a_success_message_alone_is_not_ok_either() -> None:
    """Even a success code's message, sent without its code, is not taken for a success."""
    verdict = checked({"msg": "The operation of cancel all open order is done."}, 200, "coinm")
    assert be.StatusClass.OK is not verdict.status_class


@pytest.mark.parametrize(("status", "expected"), [(503, "unknown_execution"), (429, "rate_limited"), (200, "ok")])
def test_a_websocket_frame_with_only_a_status(status: int, expected: str) -> None:
    """A WebSocket API frame with a status and neither `result` nor `error` is classified by its status."""
    assert expected == checked({"id": 1, "status": status}).status_class.value


def test_an_order_object_with_a_text_status_is_still_a_success_body() -> None:
    """An order's own `status` ("FILLED") is no HTTP status: the body is a success."""
    assert "ok" == checked({"orderId": 1, "status": "FILLED"}, 200).status_class.value


class Status(IntEnum):
    TOO_MANY = 429


@pytest.mark.parametrize("status", [http.HTTPStatus.TOO_MANY_REQUESTS, Status.TOO_MANY])
def test_int_subclasses_are_statuses(status: int) -> None:
    """`http.HTTPStatus` and other int subclasses are statuses, as HTTP and WebSocket API statuses."""
    rest = checked({"code": -1121, "msg": "Invalid symbol."}, status)
    ws = checked({"id": 1, "status": status, "error": {"code": -1121, "msg": "Invalid symbol."}})
    assert ("rate_limited", "rate_limited") == (rest.status_class.value, ws.status_class.value)


# -- text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [None, 429, 200])
def test_plain_text_too_many_requests(status: int | None) -> None:
    """A plain-text "Too many requests" body is rate limited, its text kept."""
    for raw in (b"Too many requests", "Too many requests\n"):
        verdict = checked(raw, status)
        assert ("rate_limited", "no") == outcome(verdict)[:2]
        assert verdict.raw_text == (raw.decode() if isinstance(raw, bytes) else raw)


@pytest.mark.parametrize("status", [None, 200, 410])
def test_plain_text_deprecation_notice(status: int | None) -> None:
    """A plain-text notice that the endpoint is deprecated is a rejection (`client_error`)."""
    verdict = checked(b"This endpoint has been deprecated. Please use /api/v3/ instead.", status)
    assert ("client_error", "ENDPOINT_DEPRECATED") == (verdict.status_class.value, verdict.reason)


def test_plain_text_ban() -> None:
    """A plain-text ban notice is a ban with its time."""
    verdict = checked(b"Way too many requests; IP banned until 1700000000000.", None)
    assert ("banned", 1700000000000) == (verdict.status_class.value, verdict.retry_at_ms)


def test_one_invalid_utf8_byte_does_not_make_a_body_unreadable() -> None:
    """Bytes that are JSON but for one invalid byte are decoded with replacement and classified."""
    raw = b'{"code":-2010,"msg":"Account has insufficient balance for requested action.\xff"}'
    verdict = checked(raw, 400)
    assert (-2010, "client_error") == (verdict.code, verdict.status_class.value)
    assert "\ufffd" in (verdict.message or "")
    ws = checked(b'{"id":1,"status":400,"error":{"code":-1121,"msg":"Invalid \xfesymbol."}}')
    assert (-1121, "BAD_SYMBOL") == (ws.code, ws.name)


def test_a_verdict_message_is_always_the_text_received() -> None:
    """Two texts of one row (USD-M -4401 with and without the page's stray " .") each come back as sent."""
    first = "Futures Trading Risk Control Rules of large position holding violated, only reduceOnly order is allowed, "
    for msg in (first + "please reduce the position. .", first + "please reduce the position."):
        verdict = checked({"code": -4401, "msg": msg}, 400, "usdm")
        assert (msg, "LARGE_POSITION_SYM_RULE") == (verdict.message, verdict.reason)
        assert verdict is be.classify({"code": -4401, "msg": msg}, 400, product="usdm")  # still prebuilt


# -- batch answers ------------------------------------------------------------------------------

ORDER = {"orderId": 22542179, "symbol": "BTCUSDT", "status": "NEW", "clientOrderId": "a1"}
MARGIN = {"code": -2019, "msg": "Margin is insufficient."}
THROTTLED = {"code": -1015, "msg": "Too many new orders."}


@pytest.mark.parametrize("product", FUTURES_LIKE)
def test_batch_with_some_items_failed_is_partial(product: str) -> None:
    """A batchOrders answer with orders and errors is `partial` (execution `partly`), inspect the items;
    each item has its own verdict, in order; raw text gives the same."""
    body = [ORDER, MARGIN]
    verdict = checked(body, 200, product)
    assert ("partial", "partly", "after_reconcile", "inspect_items") == (*outcome(verdict), verdict.reconcile.value)
    assert verdict.items is not None and ["ok", verdict.items[1].status_class.value] == [
        verdict.items[0].status_class.value,
        "client_error",
    ]
    assert -2019 == verdict.items[1].code
    assert repr(verdict) == repr(
        checked(
            b'[{"orderId":22542179,"symbol":"BTCUSDT","status":"NEW","clientOrderId":"a1"},'
            b'{"code":-2019,"msg":"Margin is insufficient."}]',
            200,
            product,
        )
    )


@pytest.mark.parametrize("product", FUTURES_LIKE)
def test_batch_with_every_item_failed_takes_the_worst_item(product: str) -> None:
    """Every item failed: the most severe item's class and advice (a rate limit over a rejection)."""
    verdict = checked([MARGIN, THROTTLED], None, product)
    assert ("rate_limited", "no", "reduce_rate") == (*outcome(verdict)[:2], verdict.reconcile.value)
    assert verdict.items is not None and 2 == len(verdict.items)


@pytest.mark.parametrize("product", FUTURES_LIKE)
def test_batch_with_every_item_placed_is_ok(product: str) -> None:
    """All items are orders: `ok`, the shared success verdict."""
    verdict = checked([ORDER, dict(ORDER, orderId=2)], 200, product)
    assert verdict is be.classify([ORDER], 200, product=product) and verdict.is_ok


def test_batch_item_that_cannot_be_read_is_unknown() -> None:
    """An item that is no object leaves that item, and so the batch, unclear."""
    verdict = checked([MARGIN, "?"], 200, "usdm")
    assert ("unknown_execution", "unknown") == outcome(verdict)[:2]


def test_batch_round_trips() -> None:
    """A batch verdict and its items survive to_dict/from_dict."""
    verdict = checked([ORDER, MARGIN], 200, "usdm")
    assert verdict == be.from_dict(verdict.to_dict()) == be.from_json(verdict.to_json())


# -- hostile numbers ----------------------------------------------------------------------------


def test_a_rate_limit_count_of_400_digits_never_raises() -> None:
    """classify and rate_limits read a `rateLimits` count of 400 digits (was OverflowError)."""
    frame = {
        "id": 1,
        "status": 429,
        "error": {"code": -1015, "msg": "Too many new orders."},
        "rateLimits": [
            {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 50, "count": 10**400}
        ],
    }
    verdict = checked(frame, None)
    assert be.classify(frame, now_ms=1000).retry_at_ms == 10_000
    assert be.rate_limits(frame, now_ms=1000).exhausted() is not None
    assert "rate_limited" == verdict.status_class.value


@pytest.mark.parametrize("status", [429, 418])
def test_retry_after_as_an_http_date(status: int) -> None:
    """`Retry-After` as an HTTP date (RFC 9110) is honoured: its absolute time, and a delay against the
    response's `Date` header (the server's clock) when there is one; seconds keep working."""
    date = {"Retry-After": "Wed, 21 Oct 2026 07:28:30 GMT", "Date": "Wed, 21 Oct 2026 07:28:00 GMT"}
    verdict = checked({"code": -1015, "msg": "Too many new orders."}, status, headers=date)
    assert (30_000, 1_792_567_710_000, "retry_after_header") == (
        verdict.retry_after_ms,
        verdict.retry_at_ms,
        verdict.retry.source,
    )
    no_date = checked(b"", status, headers={"retry-after": "Wed, 21 Oct 2026 07:28:30 GMT"})
    assert (None, 1_792_567_710_000) == (no_date.retry_after_ms, no_date.retry_at_ms)
    assert 7000 == checked(b"", status, headers={"Retry-After": "7"}).retry_after_ms
