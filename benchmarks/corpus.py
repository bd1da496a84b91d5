"""The benchmark corpus: realistic Binance responses, grouped by kind, with their raw bytes.

Every item is ``(frame, http_status)``: a parsed WebSocket API frame (status inside, so
``http_status`` is None) or a REST body with its HTTP status. Errors are built from the compiled
spot table itself (every documented code and exact message, in WebSocket API and REST form),
templated messages are filled with values, and the golden cases of ``tests/cases.py`` are
added as they are. Nothing here is timed; ``run.py`` asserts every item's verdict before timing.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import ujson

from binance_errors._rows import RowSpec
from binance_errors._samples import SAMPLES
from binance_errors._tables import spot

Item = tuple[Any, int | None]

RATE_LIMITS = [
    {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 6000, "count": 70},
    {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 100, "count": 3},
    {"rateLimitType": "ORDERS", "interval": "DAY", "intervalNum": 1, "limit": 200000, "count": 1047},
]


def _order(i: int) -> dict[str, Any]:
    return {
        "symbol": "BTCUSDT",
        "orderId": 28457 + i,
        "orderListId": -1,
        "clientOrderId": f"x-{i:020d}",
        "transactTime": 1_700_000_000_000 + i,
        "price": "43250.01000000",
        "origQty": "0.00150000",
        "executedQty": "0.00000000",
        "cummulativeQuoteQty": "0.00000000",
        "status": "NEW",
        "timeInForce": "GTC",
        "type": "LIMIT",
        "side": "BUY" if i % 2 else "SELL",
        "workingTime": 1_700_000_000_000 + i,
        "selfTradePreventionMode": "EXPIRE_MAKER",
    }


def ok_ws() -> list[Item]:
    """WebSocket API success frames with `rateLimits`: order placement, cancel, ping, ticker, time."""
    items: list[Item] = [(SAMPLES[0][1], None)]
    for i in range(12):
        items.append(({"id": f"req-{i}", "status": 200, "result": _order(i), "rateLimits": RATE_LIMITS}, None))
    items.append(({"id": "ping", "status": 200, "result": {}, "rateLimits": RATE_LIMITS[:1]}, None))
    items.append(({"id": "t", "status": 200, "result": {"serverTime": 1_700_000_000_000}}, None))
    ticker = {"symbol": "BNBBTC", "bidPrice": "0.01000000", "bidQty": "5.0", "askPrice": "0.01100000", "askQty": "9.0"}
    items.append(({"id": "b", "status": 200, "result": [ticker] * 3, "rateLimits": RATE_LIMITS[:1]}, None))
    return items


def ok_rest() -> list[Item]:
    """REST success bodies with HTTP 200: an order, a list of orders, an empty list, server time."""
    return [
        (_order(1), 200),
        ([_order(2), _order(3)], 200),
        ([], 200),
        ({"serverTime": 1_700_000_000_000}, 200),
        ({"symbol": "BTCUSDT", "orderId": 1, "status": "CANCELED"}, 200),
    ]


STATUS_OF_CLASS = {"unknown_execution": 503, "rate_limited": 429, "banned": 418, "partial": 409}


def _status(row_index: int) -> int:
    return STATUS_OF_CLASS.get(RowSpec._make(spot.ROWS[row_index]).status_class, 400)


def known_errors() -> list[Item]:
    """Every documented code's every exact message, as a WebSocket API frame and as a REST body."""
    items: list[Item] = []
    for code, messages in spot.EXACT.items():
        for i, (msg, row) in enumerate(messages.items()):
            status = _status(row)
            error = {"code": code, "msg": msg}
            items.append(({"id": f"e{code}-{i}", "status": status, "error": error, "rateLimits": RATE_LIMITS}, None))
            items.append((dict(error), status))
    return items


def _fill(prefix: str, middles: tuple[str, ...], suffix: str, n: int) -> str:
    values = [str(6000 + n), "MINUTE", "LOT_SIZE", "'x'"]
    parts = [prefix, values[0]]
    for k, middle in enumerate(middles, start=1):
        parts += [middle, values[k % len(values)]]
    return "".join([*parts, suffix])


def templated() -> list[Item]:
    """Every template of the table filled with values (limits, intervals, ban times)."""
    items: list[Item] = []
    for code, templates in spot.TEMPLATES.items():
        for n, (prefix, middles, suffix, _, row) in enumerate(templates):
            msg = _fill(prefix, middles, suffix, n)
            items.append(({"id": f"t{code}-{n}", "status": _status(row), "error": {"code": code, "msg": msg}}, None))
    return items


def filter_failures() -> list[Item]:
    """Listed and unlisted filter failures under -1013 and -2010."""
    names = ["LOT_SIZE", "PRICE_FILTER", "NOTIONAL", "MAX_NUM_ORDERS", "PERCENT_PRICE_BY_SIDE", "NEW_FILTER_2027"]
    return [({"code": code, "msg": f"Filter failure: {name}"}, 400) for code in (-1013, -2010) for name in names]


def unknown_codes() -> list[Item]:
    """Codes the table lacks, in each number block, with and without a status."""
    return [
        ({"id": "u1", "status": 503, "error": {"code": -1098, "msg": "Something new."}}, None),
        ({"code": -1150, "msg": "New request problem."}, 400),
        ({"code": -2999, "msg": "?"}, 400),
        ({"code": 12345}, None),
        ({"code": -4999, "msg": "A -4xxx code no table lists."}, 400),
    ]


def unreadable() -> list[Item]:
    """HTML pages, empty and truncated bodies, wrong shapes."""
    html = b"<html><head><title>502 Bad Gateway</title></head><body><center>502 Bad Gateway</center></body></html>"
    return [
        (html, 502),
        (b"<html><body>403 Forbidden</body></html>", 403),
        (b"", 403),
        (b"", 200),
        (None, 409),
        (b'{"code": -1013, "msg": "Filter fail', 400),
        (b"[[[", 200),
        (b"42", 200),
        ({"status": 400, "error": "boom"}, None),
        ({"code": "-2010", "msg": "Account has insufficient balance for requested action."}, 400),
    ]


# -- dynamic answers: everything whose verdict carries per-response detail ----------------------
# Items are (frame, http_status, headers): the same frame, status and headers go to ccxt.

NOW = 1_700_000_000_000
BAN = (
    "Way too much request weight used; IP banned until {}. Please use WebSocket Streams for live updates to avoid bans."
)
BAN_OLD = (
    "Way too much request weight used; IP banned until {}. Please use the websocket for live updates to avoid bans."
)
WEIGHT = (
    "Too much request weight used; current limit is {} request weight per 1 MINUTE. "
    "Please use WebSocket Streams for live updates to avoid polling the API."
)
CANCELED = {"symbol": "BTCUSDT", "origClientOrderId": "x-old", "orderId": 3, "status": "CANCELED"}
PLACED = {"symbol": "BTCUSDT", "orderId": 4, "clientOrderId": "x-new", "status": "NEW"}
TAKE = {"code": -2010, "msg": "Order would immediately match and take."}
UNKNOWN_ORDER = {"code": -2011, "msg": "Unknown order sent."}
TOO_MANY = {"code": -1015, "msg": "Too many new orders; current limit is 1 orders per 10 SECOND."}

DynamicItem = tuple[Any, int | None, dict[str, str] | None]


def _ws(status: int, error: dict[str, Any], limits: bool = True) -> dict[str, Any]:
    frame = {"id": "d", "status": status, "error": error}
    if limits:
        frame["rateLimits"] = RATE_LIMITS
    return frame


def _legs(cancel: str, new: str, cancel_response: Any, new_response: Any) -> dict[str, Any]:
    return {
        "cancelResult": cancel,
        "newOrderResult": new,
        "cancelResponse": cancel_response,
        "newOrderResponse": new_response,
    }


def dynamic() -> dict[str, list[DynamicItem]]:
    """The answers that arrive in bursts when things go wrong, by kind: none is a prebuilt verdict."""
    server = {"serverTime": NOW, "retryAfter": NOW + 60_000}
    bans: list[DynamicItem] = []
    for i in range(4):
        until = NOW + 120_000 + i
        bans += [
            (_ws(418, {"code": -1003, "msg": BAN.format(until), "data": server}), None, None),
            (_ws(418, {"code": -1003, "msg": BAN_OLD.format(until)}, limits=False), None, None),
            ({"code": -1003, "msg": BAN.format(until)}, 418, {"Retry-After": "120"}),
            ({"code": -1003, "msg": BAN_OLD.format(until)}, 418, None),
        ]
    rate: list[DynamicItem] = []
    for i in range(4):
        retry = {"serverTime": NOW + i, "retryAfter": NOW + 1_000 + i}
        rate += [
            (_ws(429, {"code": -1003, "msg": WEIGHT.format(6000), "data": retry}), None, None),
            (_ws(429, {"code": -1015, "msg": "Too many new orders.", "data": retry}), None, None),
            ({"code": -1003, "msg": WEIGHT.format(1200)}, 429, {"Retry-After": str(30 + i)}),
            (
                {"code": -1015, "msg": "Too many new orders; current limit is 100 orders per 10 SECOND."},
                429,
                {"Retry-After": "1"},
            ),
        ]
    templated = []
    for i in range(4):
        templated += [
            (
                {"code": -1021, "msg": f"Timestamp for this request was {1500 + i}ms ahead of the server's time."},
                400,
                None,
            ),
            (
                {
                    "code": -1100,
                    "msg": f"Illegal characters found in parameter 'symbol{i}'; legal range is '^[A-Z0-9_]{{1,20}}$'.",
                },
                400,
                None,
            ),
            (
                {
                    "code": -1104,
                    "msg": f"Not all sent parameters were read; read '{8 + i}' parameter(s) but was sent '{9 + i}'.",
                },
                400,
                None,
            ),
            (
                {
                    "code": -1102,
                    "msg": f"Mandatory parameter 'quantity{i}' was not sent, was empty/null, or malformed.",
                },
                400,
                None,
            ),
        ]
    filters = [
        ({"code": code, "msg": f"Filter failure: {name}"}, 400, None)
        for code in (-1013, -2010)
        for name in ("NEW_FILTER_2027", "EXCHANGE_MAX_NUM_ICEBERG_2", "TRAILING_DELTA_V2", "MAX_POSITION_2")
    ]
    partial, failed = "Order cancel-replace partially failed.", "Order cancel-replace failed."
    legs = [
        ({"code": -2021, "msg": partial, "data": _legs("SUCCESS", "FAILURE", CANCELED, TAKE)}, 409, None),
        ({"code": -2021, "msg": partial, "data": _legs("FAILURE", "SUCCESS", UNKNOWN_ORDER, PLACED)}, 409, None),
        ({"code": -2022, "msg": failed, "data": _legs("FAILURE", "NOT_ATTEMPTED", UNKNOWN_ORDER, None)}, 400, None),
        ({"code": -2022, "msg": failed, "data": _legs("FAILURE", "FAILURE", UNKNOWN_ORDER, TOO_MANY)}, 400, None),
    ]
    return {"bans": bans, "rate_limits": rate, "templated": templated, "unlisted_filters": filters, "legs": legs}


def as_rest(item: DynamicItem) -> DynamicItem:
    """A WebSocket API frame as the REST body ccxt reads (its error object, the frame's status)."""
    frame, _, headers = item
    if "error" in frame:
        return frame["error"], frame["status"], headers
    return item


# A realistic mix of errors for the peer figure: mostly documented rejections, then the dynamic
# answers of a burst (bans, rate limits with timing, templated messages, unlisted filters, legs).
ERROR_MIX_WEIGHTS = {
    "documented": 60,
    "bans": 5,
    "rate_limits": 10,
    "templated": 12,
    "unlisted_filters": 8,
    "legs": 5,
}


def error_mix(size: int = 1000, seed: int = 12) -> list[DynamicItem]:
    """``size`` REST-shaped errors drawn by ERROR_MIX_WEIGHTS (deterministic)."""
    rng = random.Random(seed)
    by_name: dict[str, list[DynamicItem]] = {name: [as_rest(i) for i in items] for name, items in dynamic().items()}
    by_name["documented"] = [(frame, status, None) for frame, status in known_errors() if status is not None]
    names = list(ERROR_MIX_WEIGHTS)
    weights = [ERROR_MIX_WEIGHTS[name] for name in names]
    return [rng.choice(by_name[name]) for name in rng.choices(names, weights, k=size)]


def golden() -> list[tuple[str, Any, Any, Any, dict[str, Any]]]:
    """The golden cases (tests/cases.py) when the tests are beside this checkout, else none."""
    try:
        from tests.cases import CASES
    except ImportError:
        return []
    return list(CASES)


def raw(items: list[Item]) -> list[Item]:
    """The same items as the bytes a client receives (parsed items only)."""
    return [(ujson.dumps(frame).encode(), status) for frame, status in items if isinstance(frame, dict | list)]


# A realistic mix for the throughput figure: mostly successes, some rejections, a few of the rest.
MIX_WEIGHTS = {
    "ok_ws": 70,
    "ok_rest": 10,
    "known_errors": 12,
    "templated": 3,
    "filter_failures": 2,
    "unknown_codes": 1,
    "unreadable": 2,
}


def groups() -> dict[str, list[Item]]:
    """Every group of the corpus by name."""
    return {
        "ok_ws": ok_ws(),
        "ok_rest": ok_rest(),
        "known_errors": known_errors(),
        "templated": templated(),
        "filter_failures": filter_failures(),
        "unknown_codes": unknown_codes(),
        "unreadable": unreadable(),
    }


def mix(size: int = 1000, seed: int = 6) -> list[Item]:
    """``size`` items drawn from the groups by MIX_WEIGHTS (deterministic)."""
    rng = random.Random(seed)
    by_name = groups()
    names = list(MIX_WEIGHTS)
    weights = [MIX_WEIGHTS[name] for name in names]
    return [rng.choice(by_name[name]) for name in rng.choices(names, weights, k=size)]


def cycle(items: list[Item], count: int) -> Iterator[Item]:
    """``count`` items, going round ``items``."""
    n = len(items)
    for i in range(count):
        yield items[i % n]
