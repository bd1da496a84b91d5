"""Golden cases from the upstream documents and docs/design.md, shared by tests and benchmarks.

Each case: (id, frame, http_status, headers, expected) where `expected` lists the attributes
that must hold (enum values as strings).
"""

from __future__ import annotations

from typing import Any

from binance_errors._samples import SAMPLES

BAN_MSG = (
    "Way too much request weight used; IP banned until 1659146400000. "
    "Please use WebSocket Streams for live updates to avoid bans."
)
WEIGHT_MSG = (
    "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. "
    "Please use WebSocket Streams for live updates to avoid polling the API."
)

Case = tuple[str, Any, Any, Any, dict[str, Any]]


def attribute(verdict: Any, key: str) -> Any:
    """A verdict attribute as the cases write it: enums by value, `retry` by its action, `values` as a dict."""
    value = getattr(verdict, key)
    if key == "retry":
        return value.action.value
    if key == "values":
        return dict(value)
    return value.value if hasattr(value, "value") and not isinstance(value, int | str) else value


def ws(status: Any, code: Any = None, msg: Any = None, data: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "msg": msg}
    if data is not None:
        error["data"] = data
    return {"id": "1", "status": status, "error": error}


CASES: list[Case] = [
    # data/upstream/spot_ws_api_response_format*.txt: the documented WebSocket API frames
    ("ws-success", SAMPLES[0][1], None, None, {"status_class": "ok", "execution": "yes", "retry": "no"}),
    (
        "ws-2010-balance",
        SAMPLES[1][1],
        None,
        None,
        {
            "status_class": "client_error",
            "execution": "no",
            "code": -2010,
            "name": "NEW_ORDER_REJECTED",
            "reason": "INSUFFICIENT_BALANCE",
            "reconcile": "check_balance",
            "retry": "no",
        },
    ),
    # rule 1: -1006/-1007 unknown at any status
    (
        "1006-400",
        ws(400, -1006, "An unexpected response was received from the message bus. Execution status unknown."),
        None,
        None,
        {
            "status_class": "unknown_execution",
            "execution": "unknown",
            "retry": "after_reconcile",
            "reconcile": "query_order",
        },
    ),
    (
        "1007-200",
        {
            "code": -1007,
            "msg": "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
        },
        200,
        None,
        {"status_class": "unknown_execution", "reason": "TIMEOUT"},
    ),
    (
        "1007-429",
        ws(429, -1007, "Timeout waiting for response from backend server."),
        None,
        None,
        {"status_class": "unknown_execution"},
    ),
    # rule 3: -1003 ban / rate limits
    (
        "ws-418-ban",
        SAMPLES[2][1],
        None,
        None,
        {
            "status_class": "banned",
            "execution": "no",
            "reason": "IP_BANNED_UNTIL",
            "retry": "after_delay",
            "retry_after_ms": 1659146400000 - 1659142907531,
            "retry_at_ms": 1659146400000,
            "values": {"banned_until_ms": 1659146400000},
        },
    ),
    (
        "rest-418-ban-no-data",
        {"code": -1003, "msg": BAN_MSG},
        418,
        None,
        {"status_class": "banned", "retry_at_ms": 1659146400000, "retry_after_ms": None},
    ),
    ("ban-message-under-400", {"code": -1003, "msg": BAN_MSG}, 400, None, {"status_class": "banned"}),
    (
        "rest-429-weight",
        SAMPLES[3][1],
        429,
        SAMPLES[3][3],
        {"status_class": "rate_limited", "retry_after_ms": 27000, "values": {"limit": 6000, "interval": "1 MINUTE"}},
    ),
    (
        "1003-queued-no-status",
        {"code": -1003, "msg": "Too many requests queued."},
        None,
        None,
        {"status_class": "rate_limited", "reason": "REQUESTS_QUEUED"},
    ),
    (
        "1003-older-wording",
        {
            "code": -1003,
            "msg": "Way too much request weight used; IP banned until 1700000000000. "
            "Please use the websocket for live updates to avoid bans.",
        },
        418,
        None,
        {"status_class": "banned", "retry_at_ms": 1700000000000},
    ),
    (
        "ws-429-1015-no-data",
        ws(429, -1015, "Too many new orders; current limit is 50 orders per 10 SECOND."),
        None,
        None,
        {"status_class": "rate_limited", "retry_after_ms": None, "values": {"limit": 50, "interval": "10 SECOND"}},
    ),
    (
        "ws-429-1015-data",
        ws(429, -1015, "Too many new orders.", {"serverTime": 1000, "retryAfter": 3500}),
        None,
        None,
        {"status_class": "rate_limited", "retry_after_ms": 2500, "retry_at_ms": 3500},
    ),
    (
        "1034-400",
        {"code": -1034, "msg": "Too many concurrent connections; current limit is '300'."},
        400,
        None,
        {"status_class": "rate_limited", "values": {"limit": 300}},
    ),
    (
        "1181-no-status",
        {"code": -1181, "msg": "Too many messages; current limit is '10000' messages per '10s'."},
        None,
        None,
        {"status_class": "rate_limited", "values": {"limit": 10000, "interval": "10s"}},
    ),
    # rule 4: statuses
    (
        "403-waf-html",
        SAMPLES[7][1],
        403,
        None,
        {"status_class": "banned", "reason": "WAF", "retry": "after_delay", "retry_after_ms": None},
    ),
    ("403-waf-empty", b"", 403, None, {"status_class": "banned", "reason": "WAF"}),
    # regression: Retry-After was ignored when a 418/429 body was empty or unreadable
    ("429-empty-retry-after", b"", 429, {"Retry-After": "3"}, {"status_class": "rate_limited", "retry_after_ms": 3000}),
    (
        "418-html-retry-after",
        b"<html>",
        418,
        {"retry-after": "120"},
        {"status_class": "banned", "retry_after_ms": 120_000},
    ),
    (
        "429-no-code-retry-after",
        {},
        429,
        {"Retry-After": "1"},
        {"status_class": "rate_limited", "retry_after_ms": 1000},
    ),
    (
        "5xx-1001",
        SAMPLES[5][1],
        None,
        None,
        {"status_class": "unknown_execution", "code": -1001, "reconcile": "query_order"},
    ),
    (
        "5xx-1008",
        {
            "code": -1008,
            "msg": "Server is currently overloaded with other requests. Please try again in a few minutes.",
        },
        503,
        None,
        {"status_class": "unknown_execution", "execution": "unknown"},
    ),
    (
        "5xx-2010",
        {"code": -2010, "msg": "Account has insufficient balance for requested action."},
        500,
        None,
        {"status_class": "unknown_execution", "retry": "after_reconcile", "reason": "INSUFFICIENT_BALANCE"},
    ),
    (
        "502-html",
        b"<html>502 Bad Gateway</html>",
        502,
        None,
        {"status_class": "unknown_execution", "reason": "SERVER_ERROR"},
    ),
    (
        "409-partial",
        SAMPLES[4][1],
        409,
        None,
        {"status_class": "partial", "execution": "partly", "reconcile": "inspect_legs", "retry": "after_reconcile"},
    ),
    ("409-no-body", None, 409, None, {"status_class": "partial", "reason": "PARTIAL_SUCCESS"}),
    (
        "400-unknown-msg",
        {"code": -1102, "msg": "Something new."},
        400,
        None,
        {"status_class": "client_error", "reason": "MANDATORY_PARAM_EMPTY_OR_MALFORMED", "message": "Something new."},
    ),
    (
        "401-2015",
        {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."},
        401,
        None,
        {"status_class": "client_error", "reconcile": "check_credentials", "retry": "no"},
    ),
    ("200-ok-rest", {"symbol": "BTCUSDT", "orderId": 1, "status": "FILLED"}, 200, None, {"status_class": "ok"}),
    ("200-ok-list", [], 200, None, {"status_class": "ok"}),
    (
        "code-200-success",
        {"code": 200, "msg": "The operation of cancel all open order is done."},
        200,
        None,
        {"status_class": "ok", "execution": "yes"},
    ),
    (
        "code-000000-success",
        {"code": "000000", "message": "success", "data": {"x": 1}},
        200,
        None,
        {"status_class": "ok", "code": 0, "raw_code": "000000"},
    ),
    # rule 6: unknown codes
    (
        "unknown-10xx",
        {"code": -1099, "msg": "?"},
        None,
        None,
        {"status_class": "client_error", "execution": "no", "known": False, "code": -1099},
    ),
    ("unknown-20xx", {"code": -2999, "msg": "?"}, 400, None, {"status_class": "client_error", "known": False}),
    ("unknown-positive", {"code": 12345}, None, None, {"status_class": "client_error", "known": False}),
    # rule 7: unreadable
    (
        "bad-json-200",
        b'{"code": -20',
        200,
        None,
        {"status_class": "unknown_execution", "reason": "MALFORMED", "raw_text": '{"code": -20'},
    ),
    ("bad-json-400", "<html>", 400, None, {"status_class": "client_error", "raw_text": "<html>"}),
    ("empty-200", b"", 200, None, {"status_class": "unknown_execution", "reason": "EMPTY_RESPONSE"}),
    ("none-no-status", None, None, None, {"status_class": "unknown_execution", "reason": "EMPTY_RESPONSE"}),
    ("json-number", b"42", 200, None, {"status_class": "unknown_execution", "reason": "MALFORMED"}),
    ("ws-error-string", {"status": 400, "error": "boom"}, None, None, {"status_class": "client_error"}),
    (
        "ws-error-list-200",
        {"status": 200, "error": [1]},
        None,
        None,
        {"status_class": "unknown_execution", "reason": "MALFORMED"},
    ),
    # coerced inputs keep the raw value
    (
        "code-as-string",
        {"code": "-2010", "msg": "Duplicate order sent."},
        "400",
        None,
        {"status_class": "client_error", "reason": "DUPLICATE_ORDER", "code": -2010, "raw_code": "-2010"},
    ),
    ("message-key", {"code": -1121, "message": "Invalid symbol."}, 400, None, {"reason": "BAD_SYMBOL"}),
    ("msg-not-string", {"code": -1121, "msg": ["x"]}, 400, None, {"reason": "BAD_SYMBOL", "raw_message": ["x"]}),
    (
        "code-bool",
        {"code": True, "msg": "x"},
        200,
        None,
        {"status_class": "unknown_execution", "reason": "MALFORMED", "raw_code": True},
    ),
    # messages: filter failures, engine messages, loose matching
    (
        "filter-known",
        SAMPLES[6][1],
        400,
        None,
        {"reason": "FILTER_FAILURE", "filter": "LOT_SIZE", "reconcile": "refresh_exchange_info"},
    ),
    (
        "filter-unknown",
        {"code": -1013, "msg": "Filter failure: SHINY_NEW_FILTER"},
        400,
        None,
        {"reason": "FILTER_FAILURE", "filter": "SHINY_NEW_FILTER", "known": True},
    ),
    (
        "filter-max-orders",
        {"code": -2010, "msg": "Filter failure: MAX_NUM_ORDERS"},
        400,
        None,
        {"reconcile": "check_open_orders"},
    ),
    (
        "2011-unknown-order",
        {"code": -2011, "msg": "Unknown order sent."},
        400,
        None,
        {"reason": "UNKNOWN_ORDER", "reconcile": "query_order"},
    ),
    (
        "2011-cancel-restricted",
        {"code": -2011, "msg": "Order was not canceled due to cancel restrictions."},
        400,
        None,
        {"reason": "CANCEL_RESTRICTED", "reconcile": "none"},
    ),
    (
        "2010-duplicate",
        {"code": -2010, "msg": "Duplicate order sent."},
        400,
        None,
        {"reason": "DUPLICATE_ORDER", "reconcile": "query_order"},
    ),
    (
        "2038-engine",
        {"code": -2038, "msg": "Order amend (quantity increase) is not supported."},
        400,
        None,
        {"reason": "AMEND_QTY_INCREASE_NOT_SUPPORTED"},
    ),
    (
        "1010-engine",
        {"code": -1010, "msg": "Market is closed."},
        400,
        None,
        {"reason": "MARKET_CLOSED", "reconcile": "refresh_exchange_info"},
    ),
    ("no-final-period", {"code": -2010, "msg": "Market is closed"}, 400, None, {"reason": "MARKET_CLOSED"}),
    ("case-and-space", {"code": -2010, "msg": "  market IS closed. "}, 400, None, {"reason": "MARKET_CLOSED"}),
    (
        "1021-resync",
        {"code": -1021, "msg": "Timestamp for this request was 1000ms ahead of the server's time."},
        400,
        None,
        {"reconcile": "resync_clock", "retry": "after_fix"},
    ),
    (
        "1021-template",
        {"code": -1021, "msg": "Timestamp for this request was 2500ms ahead of the server's time."},
        400,
        None,
        {"reason": "AHEAD_OF_SERVER_TIME", "values": {"ahead_ms": 2500}},
    ),
    (
        "2043-new-code",
        {"code": -2043, "msg": "This symbol doesn't have a reference price."},
        400,
        None,
        {"name": "NO_REFERENCE_PRICE", "known": True},
    ),
    (
        "1016-reconnect",
        {"code": -1016, "msg": "This service is no longer available."},
        400,
        None,
        {"reconcile": "reconnect", "retry": "after_fix"},
    ),
]
