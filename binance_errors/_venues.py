"""The documented endpoints a reconciliation plan uses, per venue and transport (data, no logic).

A *venue* is a family of endpoints with one order query: spot ``/api/v3``, margin
``/sapi/v1/margin``, USD-M ``/fapi``, COIN-M ``/dapi``, options ``/eapi`` and the three portfolio
margin families ``/papi/v1/um``, ``/papi/v1/cm``, ``/papi/v1/margin``. Each names its product table
(for reading the query's answer with ``classify``), its query endpoints and the parameter names for
a client's order id. Sources (read 2026-12-04):

- spot REST and WebSocket API: https://github.com/binance/binance-spot-api-docs (rest-api.md
  "Query order", "Query Order list", "Current open orders", "All orders"; web-socket-api.md
  ``order.status``, ``orderList.status``, ``openOrders.status``, ``allOrders``);
- margin: https://developers.binance.com/docs/margin_trading/trade/Query-Margin-Account-Order
  (``isIsolated`` selects the isolated account and is kept in every step);
- USD-M: https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Query-Order
  and its WebSocket API ``order.status``; COIN-M: the same pages under coin-margined-futures;
- options: https://developers.binance.com/docs/derivatives/option/trade/Query-Single-Order (the id
  parameter is ``clientOrderId`` on both the new order and the query; ``historyOrders`` holds only
  finished orders, so a search also reads ``openOrders``);
- portfolio margin: https://developers.binance.com/docs/derivatives/portfolio-margin/trade/Query-UM-Order,
  ``Query-CM-Order`` and ``Query-Margin-Account-Order``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

__all__ = [
    "FIX_FIELDS",
    "FIX_INTENTS",
    "FIX_READ_ONLY",
    "FIX_SIDES",
    "READ_ONLY_POSTS",
    "READ_ONLY_WS",
    "REST_INTENTS",
    "VENUES",
    "WS_INTENTS",
    "WS_QUERIES",
    "WS_VENUES",
    "Venue",
]


@attrs.frozen(slots=True)
class Venue:
    """One venue's query endpoints and parameter names."""

    name: str
    product: str  # the product table that reads this venue's answers
    order: str  # the order query path
    open_orders: str
    history: str  # all orders (finished and open, unless history_finished_only)
    order_list: str | None  # the order list query path, where order lists exist
    client_key: str = "newClientOrderId"  # the new order's client id parameter
    query_key: str = "origClientOrderId"  # the query's parameter for that id
    keep: tuple[str, ...] = ()  # parameters copied into every step besides the symbol and the id
    history_finished_only: bool = False
    list_needs_symbol: bool = False
    recv_window_rule: bool = False  # the spot rule: rejected before the matching engine once late

    @property
    def paths(self) -> Mapping[str, str | None]:
        """The REST query path of each kind (``order``, ``order_list``, ``open_orders``, ``history``)."""
        return _PATHS[self.name]


VENUES: Mapping[str, Venue] = MappingProxyType(
    {
        "spot": Venue(
            "spot", "spot", "/api/v3/order", "/api/v3/openOrders", "/api/v3/allOrders", "/api/v3/orderList",
            recv_window_rule=True,
        ),
        "margin": Venue(
            "margin", "margin", "/sapi/v1/margin/order", "/sapi/v1/margin/openOrders", "/sapi/v1/margin/allOrders",
            "/sapi/v1/margin/orderList", keep=("isIsolated",), list_needs_symbol=True,
        ),
        "usdm": Venue("usdm", "usdm", "/fapi/v1/order", "/fapi/v1/openOrders", "/fapi/v1/allOrders", None),
        "coinm": Venue("coinm", "coinm", "/dapi/v1/order", "/dapi/v1/openOrders", "/dapi/v1/allOrders", None),
        "options": Venue(
            "options", "options", "/eapi/v1/order", "/eapi/v1/openOrders", "/eapi/v1/historyOrders", None,
            client_key="clientOrderId", query_key="clientOrderId", history_finished_only=True,
        ),
        "pm_um": Venue(
            "pm_um", "portfolio_margin", "/papi/v1/um/order", "/papi/v1/um/openOrders", "/papi/v1/um/allOrders", None
        ),
        "pm_cm": Venue(
            "pm_cm", "portfolio_margin", "/papi/v1/cm/order", "/papi/v1/cm/openOrders", "/papi/v1/cm/allOrders", None
        ),
        "pm_margin": Venue(
            "pm_margin", "portfolio_margin", "/papi/v1/margin/order", "/papi/v1/margin/openOrders",
            "/papi/v1/margin/allOrders", "/papi/v1/margin/orderList", list_needs_symbol=True,
        ),
    }
)  # fmt: skip

_PATHS: Mapping[str, Mapping[str, str | None]] = MappingProxyType(
    {
        name: MappingProxyType(
            {"order": v.order, "order_list": v.order_list, "open_orders": v.open_orders, "history": v.history}
        )
        for name, v in VENUES.items()
    }
)

# What a state-changing REST request does, by (HTTP method, path). Every GET is read-only, as are
# the order test endpoints (they place nothing).
_ORDER = {"POST": "place", "DELETE": "cancel"}
REST_INTENTS: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        **{(verb, path): intent for verb, intent in _ORDER.items() for path in (
            "/api/v3/order", "/sapi/v1/margin/order", "/fapi/v1/order", "/dapi/v1/order", "/eapi/v1/order",
            "/papi/v1/um/order", "/papi/v1/cm/order", "/papi/v1/margin/order",
        )},
        **{("PUT", path): "modify" for path in ("/fapi/v1/order", "/dapi/v1/order", "/papi/v1/um/order",
                                                 "/papi/v1/cm/order")},
        ("POST", "/api/v3/sor/order"): "place",
        ("POST", "/api/v3/order/cancelReplace"): "cancel_replace",
        ("PUT", "/api/v3/order/amend/keepPriority"): "amend",
        **{("DELETE", path): "cancel_all" for path in (
            "/api/v3/openOrders", "/sapi/v1/margin/openOrders", "/fapi/v1/allOpenOrders", "/dapi/v1/allOpenOrders",
            "/eapi/v1/allOpenOrders", "/papi/v1/um/allOpenOrders", "/papi/v1/cm/allOpenOrders",
            "/papi/v1/margin/allOpenOrders",
        )},
        **{("POST", path): "place_list" for path in (
            "/api/v3/order/oco", "/api/v3/orderList/oco", "/api/v3/orderList/oto", "/api/v3/orderList/otoco",
            "/api/v3/orderList/opo", "/api/v3/orderList/opoco", "/sapi/v1/margin/order/oco",
            "/sapi/v1/margin/orderList/oto", "/sapi/v1/margin/orderList/otoco", "/papi/v1/margin/order/oco",
        )},
        **{("DELETE", path): "cancel_list" for path in (
            "/api/v3/orderList", "/sapi/v1/margin/orderList", "/papi/v1/margin/orderList",
        )},
        **{(verb, path): intent for path in ("/fapi/v1/batchOrders", "/dapi/v1/batchOrders", "/eapi/v1/batchOrders")
           for verb, intent in (("POST", "batch_place"), ("PUT", "batch_modify"), ("DELETE", "batch_cancel"))},
    }
)  # fmt: skip
READ_ONLY_POSTS = frozenset({"/api/v3/order/test", "/api/v3/sor/order/test", "/fapi/v1/order/test"})

# WebSocket API: which product has which methods. Spot: web-socket-api.md; USD-M and COIN-M futures:
# their WebSocket API pages (order.place, order.modify, order.cancel, order.status, account methods).
WS_VENUES: Mapping[str, str] = MappingProxyType({"spot": "spot", "usdm": "usdm", "coinm": "coinm"})
WS_INTENTS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "spot": MappingProxyType(
            {
                "order.place": "place",
                "sor.order.place": "place",
                "order.cancel": "cancel",
                "order.cancelReplace": "cancel_replace",
                "order.amend.keepPriority": "amend",
                "openOrders.cancelAll": "cancel_all",
                "orderList.cancel": "cancel_list",
                **{f"orderList.place{kind}": "place_list" for kind in ("", ".oco", ".oto", ".otoco", ".opo", ".opoco")},
            }
        ),
        "usdm": MappingProxyType({"order.place": "place", "order.modify": "modify", "order.cancel": "cancel"}),
        "coinm": MappingProxyType({"order.place": "place", "order.modify": "modify", "order.cancel": "cancel"}),
    }
)
READ_ONLY_WS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "spot": frozenset(
            {
                "ping", "time", "exchangeInfo", "executionRules", "depth", "trades.recent", "trades.historical",
                "trades.aggregate", "blockTrades.historical", "klines", "uiKlines", "avgPrice", "ticker",
                "ticker.24hr", "ticker.tradingDay", "ticker.price", "ticker.book", "referencePrice",
                "referencePrice.calculation", "account.status", "account.commission", "account.rateLimits.orders",
                "order.status", "order.test", "sor.order.test", "order.amendments", "openOrders.status",
                "allOrders", "myTrades", "orderList.status", "openOrderLists.status", "allOrderLists",
                "myPreventedMatches", "myAllocations", "myFilters", "session.status",
            }
        ),
        **{
            product: frozenset(
                {
                    "order.status", "depth", "ticker.price", "ticker.book", "account.status", "account.balance",
                    "account.position", "v2/account.status", "v2/account.balance", "v2/account.position",
                    "session.status",
                }
            )
            for product in ("usdm", "coinm")
        },
    }
)  # fmt: skip
# The query methods of each WebSocket API (a missing one: the step goes to REST, with a warning).
WS_QUERIES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "spot": MappingProxyType(
            {"order": "order.status", "order_list": "orderList.status", "open_orders": "openOrders.status",
             "history": "allOrders"}
        ),
        "usdm": MappingProxyType({"order": "order.status"}),
        "coinm": MappingProxyType({"order": "order.status"}),
    }
)  # fmt: skip

# FIX order entry (spot only: fix-api.md): MsgType -> what it does. FIX has no order query.
FIX_INTENTS: Mapping[str, str] = MappingProxyType(
    {"D": "place", "F": "cancel", "XCN": "cancel_replace", "q": "cancel_all", "E": "place_list", "XAK": "amend"}
)
FIX_READ_ONLY = frozenset({"XLQ", "0", "1"})  # LimitQuery, Heartbeat, TestRequest
# FIX tag -> the REST parameter it carries (per message type where they differ).
FIX_FIELDS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "D": MappingProxyType(
            {"55": "symbol", "11": "newClientOrderId", "54": "side", "38": "quantity", "44": "price"}
        ),
        "F": MappingProxyType(
            {"55": "symbol", "37": "orderId", "41": "origClientOrderId", "66": "orderListId",
             "25015": "listClientOrderId"}
        ),
        "XCN": MappingProxyType(
            {"55": "symbol", "37": "cancelOrderId", "41": "cancelOrigClientOrderId", "11": "newClientOrderId"}
        ),
        "q": MappingProxyType({"55": "symbol"}),
        "E": MappingProxyType({"55": "symbol", "25014": "listClientOrderId"}),
        "XAK": MappingProxyType({"55": "symbol", "37": "orderId", "41": "origClientOrderId", "38": "newQty"}),
    }
)  # fmt: skip
FIX_SIDES: Mapping[str, str] = MappingProxyType({"1": "BUY", "2": "SELL"})
