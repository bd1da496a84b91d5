"""Golden reconciliation plans, written by hand from the endpoint docs (each case cites its page).

Each case: a name, the docs page the expected step comes from, the answer that left the outcome
open (frame, HTTP status, product), the request as the client sent it, and the expected plan: its
action and the exact step requests. Shared by tests/test_plan.py and benchmarks/reconcile.py.
Pages read 2026-12-04.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

SPOT_REST = "https://github.com/binance/binance-spot-api-docs/blob/master/rest-api.md"
SPOT_WS = "https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md"
SPOT_FIX = "https://github.com/binance/binance-spot-api-docs/blob/master/fix-api.md"
SOR_FAQ = "https://github.com/binance/binance-spot-api-docs/blob/master/faqs/sor_faq.md"
MARGIN = "https://developers.binance.com/docs/margin_trading/trade/Query-Margin-Account-Order"
USDM = "https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Query-Order"
USDM_WS = "https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/websocket-api/Query-Order"
COINM = "https://developers.binance.com/docs/derivatives/coin-margined-futures/trade/Query-Order"
COINM_WS = "https://developers.binance.com/docs/derivatives/coin-margined-futures/trade/websocket-api/Query-Order"
OPTIONS = "https://developers.binance.com/docs/derivatives/option/trade/Query-Single-Order"
OPTIONS_HISTORY = "https://developers.binance.com/docs/derivatives/options-trading/trade/Query-Option-Order-History"
PM = "https://developers.binance.com/docs/derivatives/portfolio-margin/trade"

TS = 1_700_000_000_000  # the request's timestamp in every case
SIGNED = {
    "timestamp": TS,
    "recvWindow": 5000,
    "signature": "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71",
}
TIMEOUT = {
    "code": -1007,
    "msg": "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
}
WS_TIMEOUT = {"id": "9a1", "status": 408, "error": TIMEOUT}
OVERLOADED = {
    "code": -1008,
    "msg": "Server is currently overloaded with other requests. Please try again in a few minutes.",
}


class Case(NamedTuple):
    name: str
    docs: str
    answer: tuple[Any, int | None, str]  # frame, HTTP status, product
    request: Any
    action: str
    steps: list[dict[str, Any]]


def rest(method: str, path: str, **params: Any) -> dict[str, Any]:
    return {"method": method, "path": path, "params": {**params, **SIGNED}}


def get(path: str, **params: Any) -> dict[str, Any]:
    return {"method": "GET", "path": path, "params": params}


def ws(method: str, **params: Any) -> dict[str, Any]:
    return {
        "id": "9a1",
        "method": method,
        "params": {**params, "apiKey": "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A", **SIGNED},
    }


def query(method: str, **params: Any) -> dict[str, Any]:
    return {"method": method, "params": params}


def fix(*fields: str) -> str:
    header = ("8=FIX.4.4", "9=0", "49=EXAMPLE", "56=SPOT", "34=2", "52=20231114-22:13:20.000", "25000=5000")
    return "\x01".join((*header, *fields, "10=000")) + "\x01"


LEG_TIMEOUT = {
    "code": -2021,
    "msg": "Order cancel-replace partially failed.",
    "data": {
        "cancelResult": "SUCCESS",
        "newOrderResult": "FAILURE",
        "cancelResponse": {"symbol": "BTCUSDT", "orderId": 3, "status": "CANCELED"},
        "newOrderResponse": TIMEOUT,
    },
}
LEG_REJECTED = {
    **LEG_TIMEOUT,
    "data": {
        **LEG_TIMEOUT["data"],
        "newOrderResponse": {"code": -2010, "msg": "Order would immediately match and take."},
    },
}
BATCH = [
    {"orderId": 22542179, "symbol": "BTCUSDT", "status": "NEW", "clientOrderId": "b-0"},
    {"code": -1001, "msg": "Internal error; unable to process your request. Please try again."},
    {"code": -2019, "msg": "Margin is insufficient."},
]
BATCH_ORDERS = json.dumps(
    [
        {
            "symbol": "BTCUSDT",
            "side": "BUY",
            "type": "LIMIT",
            "quantity": quantity,
            "price": price,
            "timeInForce": "GTC",
            "newClientOrderId": f"b-{n}",
        }
        for n, (quantity, price) in enumerate((("0.01", "50000"), ("0.01", "49000"), ("9", "48000")))
    ]
)

CASES = [
    # -- spot REST (rest-api.md) ----------------------------------------------------------------
    Case(
        "spot new order",
        f"{SPOT_REST}#query-order-user_data",
        (None, 503, "spot"),
        rest(
            "POST",
            "/api/v3/order",
            symbol="BTCUSDT",
            side="BUY",
            type="LIMIT",
            timeInForce="GTC",
            quantity="0.01",
            price="50000",
            newClientOrderId="my-order-1",
        ),
        "query",
        [get("/api/v3/order", symbol="BTCUSDT", origClientOrderId="my-order-1")],
    ),
    Case(
        "spot new order, -1007 timeout",
        f"{SPOT_REST}#query-order-user_data",
        (TIMEOUT, 408, "spot"),
        {
            "method": "POST",
            "url": "https://api.binance.com/api/v3/order?symbol=ETHBTC&side=SELL&type=MARKET"
            "&quantity=1&newClientOrderId=e-5&timestamp=1700000000000&signature=ab12",
        },
        "query",
        [get("/api/v3/order", symbol="ETHBTC", origClientOrderId="e-5")],
    ),
    Case(
        "spot cancel by client id",
        f"{SPOT_REST}#query-order-user_data",
        (None, 502, "spot"),
        rest("DELETE", "/api/v3/order", symbol="BTCUSDT", origClientOrderId="my-order-1"),
        "query",
        [get("/api/v3/order", symbol="BTCUSDT", origClientOrderId="my-order-1")],
    ),
    Case(
        "spot SOR order",
        f"{SOR_FAQ}#how-do-i-query-orders-that-used-sor",
        (None, 504, "spot"),
        rest(
            "POST",
            "/api/v3/sor/order",
            symbol="BTCUSDT",
            side="BUY",
            type="LIMIT",
            quantity="0.5",
            price="31000",
            timeInForce="GTC",
            newClientOrderId="sor-1",
        ),
        "query",
        [get("/api/v3/order", symbol="BTCUSDT", origClientOrderId="sor-1")],
    ),
    Case(
        "spot amend keep priority",
        f"{SPOT_REST}#order-amend-keep-priority-trade",
        (None, 503, "spot"),
        rest("PUT", "/api/v3/order/amend/keepPriority", symbol="BTCUSDT", orderId=12569099453, newQty="0.005"),
        "query",
        [get("/api/v3/order", symbol="BTCUSDT", orderId=12569099453)],
    ),
    Case(
        "spot cancel/replace, answer lost: both orders",
        f"{SPOT_REST}#cancel-an-existing-order-and-send-a-new-order-trade",
        (None, 503, "spot"),
        rest(
            "POST",
            "/api/v3/order/cancelReplace",
            symbol="BTCUSDT",
            side="SELL",
            type="LIMIT",
            cancelReplaceMode="STOP_ON_FAILURE",
            timeInForce="GTC",
            quantity="1",
            price="35000",
            cancelOrigClientOrderId="old-1",
            newClientOrderId="new-1",
        ),
        "query",
        [
            get("/api/v3/order", symbol="BTCUSDT", origClientOrderId="old-1"),
            get("/api/v3/order", symbol="BTCUSDT", origClientOrderId="new-1"),
        ],
    ),
    Case(
        "spot cancel/replace, new order leg timed out: that leg only",
        f"{SPOT_REST}#query-order-user_data",
        (LEG_TIMEOUT, 409, "spot"),
        rest(
            "POST",
            "/api/v3/order/cancelReplace",
            symbol="BTCUSDT",
            side="SELL",
            type="LIMIT",
            cancelReplaceMode="ALLOW_FAILURE",
            timeInForce="GTC",
            quantity="1",
            price="35000",
            cancelOrderId=3,
            newClientOrderId="new-2",
        ),
        "query",
        [get("/api/v3/order", symbol="BTCUSDT", origClientOrderId="new-2")],
    ),
    Case(
        "spot cancel/replace, both legs settled: nothing to query",
        f"{SPOT_REST}#cancel-an-existing-order-and-send-a-new-order-trade",
        (LEG_REJECTED, 409, "spot"),
        rest(
            "POST",
            "/api/v3/order/cancelReplace",
            symbol="BTCUSDT",
            side="SELL",
            type="LIMIT",
            cancelReplaceMode="ALLOW_FAILURE",
            timeInForce="GTC",
            quantity="1",
            price="35000",
            cancelOrderId=3,
            newClientOrderId="new-3",
        ),
        "none",
        [],
    ),
    Case(
        "spot cancel all open orders",
        f"{SPOT_REST}#current-open-orders-user_data",
        (None, 503, "spot"),
        rest("DELETE", "/api/v3/openOrders", symbol="BTCUSDT"),
        "query",
        [get("/api/v3/openOrders", symbol="BTCUSDT")],
    ),
    Case(
        "spot OTO order list",
        f"{SPOT_REST}#query-order-list-user_data",
        (None, 503, "spot"),
        rest(
            "POST",
            "/api/v3/orderList/oto",
            symbol="BTCUSDT",
            listClientOrderId="list-1",
            workingType="LIMIT",
            workingSide="BUY",
            workingPrice="30000",
            workingQuantity="1",
            pendingType="MARKET",
            pendingSide="SELL",
            pendingQuantity="1",
        ),
        "query",
        [get("/api/v3/orderList", origClientOrderId="list-1")],
    ),
    Case(
        "spot order list cancel",
        f"{SPOT_REST}#query-order-list-user_data",
        (None, 503, "spot"),
        rest("DELETE", "/api/v3/orderList", symbol="BTCUSDT", orderListId=27),
        "query",
        [get("/api/v3/orderList", orderListId=27)],
    ),
    Case(
        "spot order without a client id: search from the timestamp",
        f"{SPOT_REST}#all-orders-user_data",
        (None, 503, "spot"),
        rest("POST", "/api/v3/order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.01"),
        "query",
        [get("/api/v3/allOrders", symbol="BTCUSDT", startTime=TS - 1000)],
    ),
    Case(
        "spot read-only request: resend",
        f"{SPOT_REST}#account-information-user_data",
        (None, 503, "spot"),
        rest("GET", "/api/v3/account", omitZeroBalances="true"),
        "resend",
        [get("/api/v3/account", omitZeroBalances="true")],
    ),
    Case(
        "spot order test endpoint: resend",
        f"{SPOT_REST}#test-new-order-trade",
        (None, 503, "spot"),
        rest("POST", "/api/v3/order/test", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="1"),
        "resend",
        [
            {
                "method": "POST",
                "path": "/api/v3/order/test",
                "params": {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1"},
            }
        ],
    ),
    Case(
        "spot new order that succeeded: nothing",
        f"{SPOT_REST}#new-order-trade",
        ({"symbol": "BTCUSDT", "orderId": 28, "clientOrderId": "ok-1", "status": "NEW"}, 200, "spot"),
        rest(
            "POST",
            "/api/v3/order",
            symbol="BTCUSDT",
            side="BUY",
            type="LIMIT",
            quantity="1",
            price="1",
            newClientOrderId="ok-1",
        ),
        "none",
        [],
    ),
    # -- margin -----------------------------------------------------------------------------------
    Case(
        "isolated margin order keeps isIsolated",
        MARGIN,
        (None, 503, "margin"),
        rest(
            "POST",
            "/sapi/v1/margin/order",
            symbol="BNBUSDT",
            isIsolated="TRUE",
            side="BUY",
            type="LIMIT",
            quantity="1",
            price="300",
            timeInForce="GTC",
            newClientOrderId="m-1",
        ),
        "query",
        [get("/sapi/v1/margin/order", symbol="BNBUSDT", origClientOrderId="m-1", isIsolated="TRUE")],
    ),
    Case(
        "margin OCO keeps isIsolated and the symbol",
        "https://developers.binance.com/docs/margin_trading/trade/Query-Margin-Account-Oco",
        (None, 503, "margin"),
        rest(
            "POST",
            "/sapi/v1/margin/order/oco",
            symbol="BNBUSDT",
            isIsolated="TRUE",
            side="SELL",
            quantity="1",
            price="400",
            stopPrice="250",
            stopLimitPrice="249",
            stopLimitTimeInForce="GTC",
            listClientOrderId="mo-1",
        ),
        "query",
        [get("/sapi/v1/margin/orderList", symbol="BNBUSDT", origClientOrderId="mo-1", isIsolated="TRUE")],
    ),
    # -- USD-M and COIN-M futures ---------------------------------------------------------------
    Case(
        "USD-M new order",
        USDM,
        (None, 503, "usdm"),
        rest(
            "POST",
            "/fapi/v1/order",
            symbol="BTCUSDT",
            side="BUY",
            type="LIMIT",
            quantity="0.002",
            price="60000",
            timeInForce="GTC",
            newClientOrderId="f-1",
        ),
        "query",
        [get("/fapi/v1/order", symbol="BTCUSDT", origClientOrderId="f-1")],
    ),
    Case(
        "USD-M batch: the one unknown item",
        USDM,
        (BATCH, 200, "usdm"),
        rest("POST", "/fapi/v1/batchOrders", batchOrders=BATCH_ORDERS),
        "query",
        [get("/fapi/v1/order", symbol="BTCUSDT", origClientOrderId="b-1")],
    ),
    Case(
        "USD-M batch, answer lost: every item",
        USDM,
        (None, 503, "usdm"),
        rest("POST", "/fapi/v1/batchOrders", batchOrders=BATCH_ORDERS),
        "query",
        [get("/fapi/v1/order", symbol="BTCUSDT", origClientOrderId=f"b-{n}") for n in range(3)],
    ),
    Case(
        "USD-M batch cancel by ids",
        USDM,
        (None, 503, "usdm"),
        rest("DELETE", "/fapi/v1/batchOrders", symbol="BTCUSDT", orderIdList="[1234567,2345678]"),
        "query",
        [
            get("/fapi/v1/order", symbol="BTCUSDT", orderId=1234567),
            get("/fapi/v1/order", symbol="BTCUSDT", orderId=2345678),
        ],
    ),
    Case(
        "USD-M cancel all",
        "https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Current-All-Open-Orders",
        (None, 503, "usdm"),
        rest("DELETE", "/fapi/v1/allOpenOrders", symbol="BTCUSDT"),
        "query",
        [get("/fapi/v1/openOrders", symbol="BTCUSDT")],
    ),
    Case(
        "COIN-M modify",
        COINM,
        (None, 503, "coinm"),
        rest("PUT", "/dapi/v1/order", symbol="BTCUSD_PERP", orderId=99, side="BUY", quantity="2", price="60000"),
        "query",
        [get("/dapi/v1/order", symbol="BTCUSD_PERP", orderId=99)],
    ),
    # -- options ----------------------------------------------------------------------------------
    Case(
        "options new order: clientOrderId on both sides",
        OPTIONS,
        (None, 503, "options"),
        rest(
            "POST",
            "/eapi/v1/order",
            symbol="BTC-200730-9000-C",
            side="BUY",
            type="LIMIT",
            quantity="1",
            price="100",
            clientOrderId="o-1",
        ),
        "query",
        [get("/eapi/v1/order", symbol="BTC-200730-9000-C", clientOrderId="o-1")],
    ),
    Case(
        "options order without client id: finished and open orders",
        OPTIONS_HISTORY,
        (None, 503, "options"),
        rest("POST", "/eapi/v1/order", symbol="BTC-200730-9000-C", side="BUY", type="LIMIT", quantity="1", price="100"),
        "query",
        [
            get("/eapi/v1/historyOrders", symbol="BTC-200730-9000-C", startTime=TS - 1000),
            get("/eapi/v1/openOrders", symbol="BTC-200730-9000-C"),
        ],
    ),
    Case(
        "options batch: one step per item, by clientOrderId",
        OPTIONS,
        (None, 503, "options"),
        rest(
            "POST",
            "/eapi/v1/batchOrders",
            orders=json.dumps(
                [
                    {
                        "symbol": "BTC-200730-9000-C",
                        "side": "BUY",
                        "type": "LIMIT",
                        "quantity": "1",
                        "price": "100",
                        "clientOrderId": f"ob-{n}",
                    }
                    for n in range(2)
                ]
            ),
        ),
        "query",
        [get("/eapi/v1/order", symbol="BTC-200730-9000-C", clientOrderId=f"ob-{n}") for n in range(2)],
    ),
    # -- portfolio margin -------------------------------------------------------------------------
    Case(
        "portfolio margin UM order",
        f"{PM}/Query-UM-Order",
        (None, 503, "portfolio_margin"),
        rest(
            "POST",
            "/papi/v1/um/order",
            symbol="BTCUSDT",
            side="SELL",
            type="MARKET",
            quantity="0.01",
            newClientOrderId="pu-1",
        ),
        "query",
        [get("/papi/v1/um/order", symbol="BTCUSDT", origClientOrderId="pu-1")],
    ),
    Case(
        "portfolio margin CM order",
        f"{PM}/Query-CM-Order",
        (None, 503, "portfolio_margin"),
        rest(
            "POST",
            "/papi/v1/cm/order",
            symbol="BTCUSD_PERP",
            side="SELL",
            type="MARKET",
            quantity="1",
            newClientOrderId="pc-1",
        ),
        "query",
        [get("/papi/v1/cm/order", symbol="BTCUSD_PERP", origClientOrderId="pc-1")],
    ),
    Case(
        "portfolio margin margin order",
        f"{PM}/Query-Margin-Account-Order",
        (None, 503, "portfolio_margin"),
        rest("DELETE", "/papi/v1/margin/order", symbol="BTCUSDT", orderId=8),
        "query",
        [get("/papi/v1/margin/order", symbol="BTCUSDT", orderId=8)],
    ),
    Case(
        "portfolio margin UM modify",
        f"{PM}/Query-UM-Order",
        (None, 503, "portfolio_margin"),
        rest(
            "PUT",
            "/papi/v1/um/order",
            symbol="BTCUSDT",
            origClientOrderId="pu-2",
            side="BUY",
            quantity="0.02",
            price="59000",
        ),
        "query",
        [get("/papi/v1/um/order", symbol="BTCUSDT", origClientOrderId="pu-2")],
    ),
    # -- WebSocket API ----------------------------------------------------------------------------
    Case(
        "spot WebSocket API order.place",
        f"{SPOT_WS}#query-order-user_data",
        (WS_TIMEOUT, None, "spot"),
        ws(
            "order.place",
            symbol="BTCUSDT",
            side="SELL",
            type="LIMIT",
            timeInForce="GTC",
            price="23416.10000000",
            quantity="0.00847000",
            newClientOrderId="ws-1",
        ),
        "query",
        [query("order.status", symbol="BTCUSDT", origClientOrderId="ws-1")],
    ),
    Case(
        "spot WebSocket API orderList.place.oco",
        f"{SPOT_WS}#query-order-list-user_data",
        (WS_TIMEOUT, None, "spot"),
        ws(
            "orderList.place.oco",
            symbol="BTCUSDT",
            side="SELL",
            quantity="1",
            aboveType="LIMIT_MAKER",
            abovePrice="30000",
            belowType="STOP_LOSS",
            belowStopPrice="20000",
            listClientOrderId="oco-1",
        ),
        "query",
        [query("orderList.status", origClientOrderId="oco-1")],
    ),
    Case(
        "spot WebSocket API openOrders.cancelAll",
        f"{SPOT_WS}#current-open-orders-user_data",
        (WS_TIMEOUT, None, "spot"),
        ws("openOrders.cancelAll", symbol="BTCUSDT"),
        "query",
        [query("openOrders.status", symbol="BTCUSDT")],
    ),
    Case(
        "spot WebSocket API order without client id: allOrders",
        f"{SPOT_WS}#account-order-history-user_data",
        (WS_TIMEOUT, None, "spot"),
        ws("order.place", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.1"),
        "query",
        [query("allOrders", symbol="BTCUSDT", startTime=TS - 1000)],
    ),
    Case(
        "spot WebSocket API read-only: resend",
        f"{SPOT_WS}#account-information-user_data",
        (WS_TIMEOUT, None, "spot"),
        ws("account.status"),
        "resend",
        [query("account.status")],
    ),
    Case(
        "USD-M WebSocket API order.place",
        USDM_WS,
        ({"id": "9a1", "status": 503, "error": OVERLOADED}, None, "usdm"),
        ws(
            "order.place",
            symbol="BTCUSDT",
            side="BUY",
            type="LIMIT",
            quantity="0.01",
            price="60000",
            timeInForce="GTC",
            newClientOrderId="wf-1",
        ),
        "query",
        [query("order.status", symbol="BTCUSDT", origClientOrderId="wf-1")],
    ),
    Case(
        "USD-M WebSocket API order without client id: REST search",
        f"{USDM.rsplit('/', 1)[0]}/All-Orders",
        (WS_TIMEOUT, None, "usdm"),
        ws("order.place", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.01"),
        "query",
        [get("/fapi/v1/allOrders", symbol="BTCUSDT", startTime=TS - 1000)],
    ),
    Case(
        "COIN-M WebSocket API order.modify",
        COINM_WS,
        (WS_TIMEOUT, None, "coinm"),
        ws("order.modify", symbol="BTCUSD_PERP", origClientOrderId="wc-1", side="BUY", quantity="1", price="59000"),
        "query",
        [query("order.status", symbol="BTCUSD_PERP", origClientOrderId="wc-1")],
    ),
    # -- FIX (fix-api.md: no order query; the REST query by ClOrdID) -------------------------------
    Case(
        "FIX NewOrderSingle",
        f"{SPOT_FIX}#newordersingle",
        (None, None, "spot"),
        fix("35=D", "11=fix-1", "38=1", "40=2", "44=30000", "54=1", "55=BTCUSDT", "59=1"),
        "query",
        [get("/api/v3/order", symbol="BTCUSDT", origClientOrderId="fix-1")],
    ),
    Case(
        "FIX OrderCancelRequest",
        f"{SPOT_FIX}#ordercancelrequest",
        (None, None, "spot"),
        fix("35=F", "11=cancel-9", "41=fix-1", "55=BTCUSDT"),
        "query",
        [get("/api/v3/order", symbol="BTCUSDT", origClientOrderId="fix-1")],
    ),
    Case(
        "FIX OrderCancelRequestAndNewOrderSingle: both orders",
        f"{SPOT_FIX}#ordercancelrequestandnewordersingle",
        (None, None, "spot"),
        fix("35=XCN", "25033=1", "41=fix-1", "11=fix-2", "38=1", "40=2", "44=31000", "54=1", "55=BTCUSDT", "59=1"),
        "query",
        [
            get("/api/v3/order", symbol="BTCUSDT", origClientOrderId="fix-1"),
            get("/api/v3/order", symbol="BTCUSDT", origClientOrderId="fix-2"),
        ],
    ),
    Case(
        "FIX OrderMassCancelRequest",
        f"{SPOT_FIX}#ordermasscancelrequest",
        (None, None, "spot"),
        fix("35=q", "11=mass-1", "55=BTCUSDT", "530=1"),
        "query",
        [get("/api/v3/openOrders", symbol="BTCUSDT")],
    ),
    Case(
        "FIX NewOrderList",
        f"{SPOT_FIX}#neworderlist",
        (None, None, "spot"),
        fix("35=E", "25014=fix-list-1", "1385=1", "55=BTCUSDT", "73=2", "11=leg-a", "11=leg-b"),
        "query",
        [get("/api/v3/orderList", origClientOrderId="fix-list-1")],
    ),
    Case(
        "FIX message as a mapping of tag numbers",
        f"{SPOT_FIX}#newordersingle",
        (None, None, "spot"),
        {35: "D", 11: "fix-3", 55: "LTCBTC", 54: "2", 38: "1", 40: "1", 52: "20231114-22:13:20.000"},
        "query",
        [get("/api/v3/order", symbol="LTCBTC", origClientOrderId="fix-3")],
    ),
]
