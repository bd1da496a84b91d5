"""What a request did, read from the request alone: its venue, its intent and the orders it touched.

``operation(sent, product)`` turns a :class:`~._requests.Sent` into an :class:`Operation`: the venue
(``_venues.VENUES``), the intent (``place``, ``cancel``, ``amend``, ``modify``, ``cancel_replace``,
``cancel_all``, ``place_list``, ``cancel_list``, ``batch_*`` or ``read``), the time it was signed
and its ``recvWindow``, and one :class:`Target` per order it touched (a batch: one per item, in
order; a cancel/replace: the cancel, then the new order). A request it cannot read gives a reason.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

import ujson

from ._requests import SECRETS, Sent, venue_of
from ._venues import (
    FIX_FIELDS,
    FIX_INTENTS,
    FIX_READ_ONLY,
    FIX_SIDES,
    READ_ONLY_POSTS,
    READ_ONLY_WS,
    REST_INTENTS,
    VENUES,
    WS_INTENTS,
    WS_VENUES,
    Venue,
)

__all__ = ["DEFAULT_RECV_WINDOW_MS", "Operation", "Target", "operation"]

DEFAULT_RECV_WINDOW_MS = 5000.0  # spot rest-api.md "Timing security": the default when none is sent
MAX_BATCH = 100  # batch items read from one request
EMPTY: Mapping[str, Any] = MappingProxyType({})
Pairs = tuple[tuple[str, Any], ...]


class Target(NamedTuple):
    """One order (or order list, or a symbol's open orders) a request touched.

    ``ids`` are the query parameters naming it (one id; empty when the request named none);
    ``expect`` the values the order shows once the request took effect (an amended quantity);
    ``match`` the fields a search compares when there is no id.
    """

    name: str  # "order", "cancel", "new_order", "item 0", "list", "open_orders"
    kind: str  # "order", "order_list", "open_orders"
    intent: str  # "place", "cancel", "amend", "modify", "cancel_all", "place_list", "cancel_list"
    ids: Pairs
    expect: Pairs = ()
    match: Pairs = ()
    symbol: str | None = None  # a batch item's own symbol (else the request's)


class Operation(NamedTuple):
    """A request as the plan reads it."""

    venue: Venue | None  # None for a read-only request on a path no venue lists
    transport: str  # "rest", "ws_api", "fix"
    intent: str
    symbol: str | None
    keep: Pairs  # parameters copied into every step (margin's isIsolated)
    sent_ms: int | None  # the request's timestamp (FIX SendingTime), in ms
    recv_window_ms: float | None  # None: no recvWindow check applies (FIX without RecvWindow)
    targets: tuple[Target, ...]
    public: Mapping[str, Any]  # a read-only request's parameters without secrets (for a resend)


def operation(sent: Sent, product: str) -> Operation | str:
    """The operation ``sent`` performs, or the reason it cannot be told."""
    if sent.transport == "fix":
        return _fix_operation(sent)
    if sent.transport == "ws_api":
        venue_name = WS_VENUES.get(product)
        if venue_name is None:
            return f"the {product} product has no WebSocket API methods in this library's tables"
        if sent.verb in READ_ONLY_WS[venue_name]:
            return _read_only(sent, VENUES[venue_name])
        intent = WS_INTENTS[venue_name].get(sent.verb)
        if intent is None:
            return f"unrecognised WebSocket API method {sent.verb[:80]!r} for {product}"
        return _build(VENUES[venue_name], sent, intent, sent.params)
    known = _REST.get((sent.verb, sent.path))
    if known is not None:
        return _build(known[0], sent, known[1], sent.params)
    if sent.verb == "GET" or (sent.verb == "POST" and sent.path in READ_ONLY_POSTS):
        venue_name = venue_of(sent.path)
        return _read_only(sent, VENUES[venue_name] if venue_name else None)
    return f"unrecognised state-changing request {sent.verb} {sent.path[:120]!r}: no documented query for it"


# (HTTP method, path) -> (venue, intent) for every state-changing REST endpoint (from _venues.REST_INTENTS).
_REST = {key: (VENUES[venue], intent) for key, intent in REST_INTENTS.items() if (venue := venue_of(key[1]))}


def _read_only(sent: Sent, venue: Venue | None) -> Operation:
    public = {key: value for key, value in sent.params.items() if key not in SECRETS}
    return Operation(venue, sent.transport, "read", None, (), None, None, (), public)


def _fix_operation(sent: Sent) -> Operation | str:
    if sent.verb in FIX_READ_ONLY:
        return Operation(VENUES["spot"], "fix", "read", None, (), None, None, (), dict(sent.params))
    intent = FIX_INTENTS.get(sent.verb)
    if intent is None:
        return f"unrecognised FIX message type {sent.verb[:20]!r}: no order it could have changed"
    fields = FIX_FIELDS[sent.verb]
    params: dict[str, Any] = {name: sent.params[tag] for tag, name in fields.items() if tag in sent.params}
    if "side" in params:
        params["side"] = FIX_SIDES.get(params["side"], params["side"])
    if intent == "cancel" and ("orderListId" in params or "listClientOrderId" in params):
        intent = "cancel_list"
    params["timestamp"] = _fix_time(sent.params.get("52"))
    params["recvWindow"] = sent.params.get("25000")  # absent: FIX runs no recvWindow check (fix-api.md)
    return _build(VENUES["spot"], sent, intent, params)


def _build(venue: Venue, sent: Sent, intent: str, params: Mapping[str, Any]) -> Operation | str:
    symbol = params.get("symbol")
    if symbol.__class__ is not str or not 0 < len(symbol) <= 64:
        symbol = None
    fix = sent.transport == "fix"  # a FIX SendingTime is already ms (never µs)
    sent_ms = params.get("timestamp") if fix else _timestamp_ms(params.get("timestamp"))
    recv = params.get("recvWindow")
    if sent.transport == "fix":
        recv_window = _number(recv) if recv is not None else None
    else:
        recv_window = DEFAULT_RECV_WINDOW_MS if recv is None else _number(recv)
    if recv is not None and recv_window is None:
        return "the request's recvWindow is not a number"
    targets = _targets(venue, intent, params)
    if isinstance(targets, str):
        return targets
    needs_symbol = not (intent == "cancel_list" and not venue.list_needs_symbol)
    if symbol is None and needs_symbol and not all(target.symbol for target in targets):
        return "the request names no symbol: no order query can be built"
    keep = tuple((key, params[key]) for key in venue.keep if _plain(params.get(key))) if venue.keep else ()
    return Operation(venue, sent.transport, intent, symbol, keep, sent_ms, recv_window, targets, EMPTY)


def _targets(venue: Venue, intent: str, params: Mapping[str, Any]) -> tuple[Target, ...] | str:
    if intent == "place":
        return (_new_order("order", venue, params),)
    if intent in ("cancel", "amend", "modify"):
        found = _existing(venue, params, "orderId", venue.query_key, by_order_id=intent == "amend")
        if found is None:
            return f"the {intent} request names no order (orderId or {venue.query_key})"
        expect = _expect(intent, params)
        return (Target("order", "order", intent, found, expect),)
    if intent == "cancel_replace":
        cancel = _existing(venue, params, "cancelOrderId", "cancelOrigClientOrderId")
        if cancel is None:
            return "the cancel/replace names no order to cancel (cancelOrderId or cancelOrigClientOrderId)"
        ids = (("orderId" if cancel[0][0] == "cancelOrderId" else venue.query_key, cancel[0][1]),)
        return Target("cancel", "order", "cancel", ids), _new_order("new_order", venue, params)
    if intent == "cancel_all":
        return (Target("open_orders", "open_orders", "cancel_all", ()),)
    if intent == "place_list":
        list_id = params.get("listClientOrderId")
        if _plain_id(list_id):
            return (Target("list", "order_list", "place_list", (("origClientOrderId", list_id),)),)
        return (Target("list", "order", "place_list", (), match=_match(params)),)
    if intent == "cancel_list":
        found = _existing(venue, params, "orderListId", "listClientOrderId")
        if found is None:
            return "the order list cancel names no list (orderListId or listClientOrderId)"
        key = "orderListId" if found[0][0] == "orderListId" else "origClientOrderId"
        return (Target("list", "order_list", "cancel_list", ((key, found[0][1]),)),)
    return _batch(venue, intent, params)


def _new_order(name: str, venue: Venue, params: Mapping[str, Any]) -> Target:
    client_id = params.get(venue.client_key)
    if _plain_id(client_id):
        return Target(name, "order", "place", ((venue.query_key, client_id),))
    return Target(name, "order", "place", (), match=_match(params))


def _existing(
    venue: Venue, params: Mapping[str, Any], id_key: str, client_key: str, *, by_order_id: bool = False
) -> Pairs | None:
    """The id naming an existing order: the client's id first, else the exchange's (``by_order_id``:
    the exchange's first, for an amendment, which gives the order a new client id)."""
    if by_order_id and _plain_id(params.get(id_key)):
        return ((id_key, params[id_key]),)
    if _plain_id(params.get(client_key)):
        return ((client_key, params[client_key]),)
    if _plain_id(params.get(id_key)):
        return ((id_key, params[id_key]),)
    return None


def _expect(intent: str, params: Mapping[str, Any]) -> Pairs:
    if intent == "amend":
        return (("origQty", params["newQty"]),) if _plain(params.get("newQty")) else ()
    if intent == "modify":
        return tuple((field, params[key]) for key, field in (("quantity", "origQty"), ("price", "price"))
                     if _plain(params.get(key)))  # fmt: skip
    return ()


def _match(params: Mapping[str, Any]) -> Pairs:
    fields = (("side", "side"), ("type", "type"), ("quantity", "origQty"), ("price", "price"))
    return tuple((field, params[key]) for key, field in fields if _plain(params.get(key)))


def _batch(venue: Venue, intent: str, params: Mapping[str, Any]) -> tuple[Target, ...] | str:
    """One target per item of a futures or options batch, in the request's order."""
    if intent == "batch_cancel":
        for id_key, list_key in (
            ("orderId", "orderIdList"), ("orderId", "orderIds"), (venue.query_key, "origClientOrderIdList"),
            (venue.query_key, "clientOrderIds"),
        ):  # fmt: skip
            ids = _json_list(params.get(list_key))
            if ids:
                if not all(_plain_id(one) for one in ids):
                    return f"the batch's {list_key} holds a value that is not an id"
                return tuple(Target(f"item {n}", "order", "cancel", ((id_key, one),)) for n, one in enumerate(ids))
        return "the batch cancel names no orders (orderIdList or origClientOrderIdList)"
    items = _json_list(params.get("batchOrders", params.get("orders")))
    if not items or not all(isinstance(item, Mapping) for item in items):
        return "the batch request's batchOrders (orders) is not a list of orders"
    targets = []
    for n, item in enumerate(items):
        symbol = item.get("symbol", params.get("symbol"))
        if not _symbol(symbol):
            return f"batch item {n} names no symbol"
        if intent == "batch_place":
            targets.append(_new_order(f"item {n}", venue, item)._replace(symbol=symbol))
            continue
        found = _existing(venue, item, "orderId", venue.query_key)
        if found is None:
            return f"batch item {n} names no order (orderId or {venue.query_key})"
        targets.append(Target(f"item {n}", "order", "modify", found, _expect("modify", item), symbol=symbol))
    return tuple(targets)


def _json_list(value: Any) -> list[Any] | None:
    if isinstance(value, str):
        try:
            value = ujson.loads(value)
        except (ValueError, OverflowError):
            return None
    if isinstance(value, list | tuple) and 0 < len(value) <= MAX_BATCH:
        return list(value)
    return None


def _symbol(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 64


def _plain(value: Any) -> bool:
    """A short string or an int: a value a step may carry (ids, isIsolated, quantities)."""
    if value.__class__ is str:
        return len(value) <= 64
    if value.__class__ is int:
        return -(10**63) < value < 10**64
    return isinstance(value, str | int) and not isinstance(value, bool) and len(str(value)) <= 64


def _plain_id(value: Any) -> bool:
    return value != "" and _plain(value)


def _number(value: Any) -> float | None:
    if value.__class__ is int:
        return float(value) if 0 <= value < 2**63 else None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _timestamp_ms(value: Any) -> int | None:
    """The request's timestamp in ms: spot accepts ms or µs (rest-api.md "Timing security")."""
    if value.__class__ is int and 0 <= value < 10**14:
        return value
    number = _number(value)
    if number is None or number > 1e17:
        return None
    return int(number // 1000) if number >= 1e14 else int(number)


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _fix_time(value: Any) -> int | None:
    """``SendingTime(52)``, ``YYYYMMDD-HH:MM:SS[.fff...]`` UTC, as epoch ms (integer calendar arithmetic)."""
    if not isinstance(value, str) or not 17 <= len(value) <= 40 or value[8] != "-" or not value.isascii():
        return None
    digits = value[:8] + value[9:11] + value[12:14] + value[15:17]
    fraction = value[18:] if len(value) > 18 and value[17] == "." else "0"
    if (
        not (digits + fraction).isdigit()
        or value[11] != ":"
        or value[14] != ":"
        or len(value) not in (17, 18 + len(fraction))
    ):
        return None
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    hour, minute, second = int(digits[8:10]), int(digits[10:12]), int(digits[12:14])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if not (1 <= month <= 12 and 1 <= day <= _MONTH_DAYS[month - 1] - (month == 2 and not leap)):
        return None
    if hour > 23 or minute > 59 or second > 60:
        return None
    y = year - (month <= 2)  # days from 1970-01-01 (H. Hinnant's days_from_civil)
    era, yoe = divmod(y, 400)
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    days = era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
    return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + int((fraction + "00")[:3])
