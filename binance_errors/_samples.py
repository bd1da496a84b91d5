"""Sample responses from the upstream docs, shared by the CLI, the tests and the benchmarks.

Each sample is ``(label, frame, http_status, headers)``; WebSocket API frames carry their
status inside, REST bodies come with an HTTP status and headers.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SAMPLES", "Sample"]

Sample = tuple[str, Any, int | None, dict[str, str] | None]

_RATE_LIMITS = [
    {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 50, "count": 12},
    {"rateLimitType": "ORDERS", "interval": "DAY", "intervalNum": 1, "limit": 160000, "count": 4043},
    {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 6000, "count": 321},
]

SAMPLES: tuple[Sample, ...] = (
    (
        "WS API 200 order.place",
        {
            "id": "e2a85d9f-07a5-4f94-8d5f-789dc3deb097",
            "status": 200,
            "result": {
                "symbol": "BTCUSDT",
                "orderId": 12510053279,
                "orderListId": -1,
                "clientOrderId": "a097fe6304b20a7e4fc436",
                "transactTime": 1655716096505,
                "price": "0.10000000",
                "origQty": "10.00000000",
                "executedQty": "0.00000000",
                "origQuoteOrderQty": "0.000000",
                "cummulativeQuoteQty": "0.00000000",
                "status": "NEW",
                "timeInForce": "GTC",
                "type": "LIMIT",
                "side": "BUY",
                "workingTime": 1655716096505,
                "selfTradePreventionMode": "NONE",
            },
            "rateLimits": _RATE_LIMITS,
        },
        None,
        None,
    ),
    (
        "WS API 400 -2010 balance",
        {
            "id": "e2a85d9f-07a5-4f94-8d5f-789dc3deb097",
            "status": 400,
            "error": {"code": -2010, "msg": "Account has insufficient balance for requested action."},
            "rateLimits": _RATE_LIMITS,
        },
        None,
        None,
    ),
    (
        "WS API 418 IP ban",
        {
            "id": "922bcc6e-9de8-440d-9e84-7c80933a8d0d",
            "status": 418,
            "error": {
                "code": -1003,
                "msg": "Way too much request weight used; IP banned until 1659146400000. "
                "Please use WebSocket Streams for live updates to avoid bans.",
                "data": {"serverTime": 1659142907531, "retryAfter": 1659146400000},
            },
        },
        None,
        None,
    ),
    (
        "REST 429 request weight",
        {
            "code": -1003,
            "msg": "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. "
            "Please use WebSocket Streams for live updates to avoid polling the API.",
        },
        429,
        {"Retry-After": "27", "X-MBX-USED-WEIGHT-1M": "6012"},
    ),
    (
        "REST 409 cancel-replace",
        {
            "code": -2021,
            "msg": "Order cancel-replace partially failed.",
            "data": {
                "cancelResult": "SUCCESS",
                "newOrderResult": "FAILURE",
                "cancelResponse": {
                    "symbol": "BTCUSDT",
                    "origClientOrderId": "86M8erehfExV8z2RC8Zo8k",
                    "orderId": 3,
                    "orderListId": -1,
                    "clientOrderId": "G1kLo6aDv2KGNTFcjfTSFq",
                    "price": "0.006123",
                    "origQty": "10000.000000",
                    "executedQty": "0.000000",
                    "cummulativeQuoteQty": "0.000000",
                    "status": "CANCELED",
                    "timeInForce": "GTC",
                    "type": "LIMIT_MAKER",
                    "side": "SELL",
                },
                "newOrderResponse": {"code": -2010, "msg": "Order would immediately match and take."},
            },
        },
        409,
        None,
    ),
    (
        "WS API 503 internal error",
        {
            "id": "b8a1c1f2-1f0c-4c61-9a59-2f3d1c5c0a11",
            "status": 503,
            "error": {"code": -1001, "msg": "Internal error; unable to process your request. Please try again."},
        },
        None,
        None,
    ),
    (
        "REST 400 filter failure",
        b'{"code":-1013,"msg":"Filter failure: LOT_SIZE"}',
        400,
        None,
    ),
    (
        "REST 403 CDN page (WAF)",
        b"<html><head><title>403 Forbidden</title></head><body>Request blocked.</body></html>",
        403,
        None,
    ),
)
