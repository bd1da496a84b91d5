"""Product tables: USD-M and COIN-M futures, margin (sapi), options (eapi), portfolio margin (papi), the
second venue; complete against their sources, selectable with ``product=``, each code read the way its own
product means it, and the codes a page does not list read from the product's fallback table."""

from __future__ import annotations

import copy
import importlib
import io
import json
import re
from typing import Any

import pytest

import binance_errors as be
from binance_errors._cli import main
from tools.docparse import parse_page

from .reference import DATA, messages_of, product, rules
from .test_generator import _generator

UPSTREAM = DATA / "upstream"
FUTURES_PAGES = {
    "usdm": UPSTREAM / "usdm_futures_errors.md",
    "coinm": UPSTREAM / "coinm_futures_errors.md",
}
# the products whose page has an English and a Chinese half, and their fallback products
PAGES = {
    "margin": UPSTREAM / "margin_errors.md",
    "options": UPSTREAM / "options_errors.md",
    "portfolio_margin": UPSTREAM / "portfolio_margin_errors.md",
}
FALLBACKS = {"margin": "spot", "options": None, "portfolio_margin": "usdm"}
VENUE_SEED = UPSTREAM / "openapi_response_format.txt"
# the tables of a transport rather than a product: FIX (spot's codes and FIX's own), WebSocket Streams
TRANSPORTS = ("fix", "streams")
PRODUCTS = ("spot", "usdm", "coinm", "openapi", *PAGES, *TRANSPORTS)
TABLE_PRODUCTS = ["usdm", "coinm", "openapi", *PAGES]  # the agreement properties run over these
PLACEHOLDER = re.compile(r"%[sdb]")
THROTTLED = (
    "Request throttled by system-level protection. Reduce-only/close-position orders are exempt. Please try again."
)
BUSY = "Server is currently overloaded with other requests. Please try again in a few minutes."
INTERNAL = "Internal error; unable to process your request. Please try again."


def _classify(name: str, body: Any, status: Any = None, headers: Any = None) -> be.Verdict:
    return be.classify(body, status, headers, product=name)


def _advice(verdict: be.Verdict) -> tuple[str, str, str, str, str]:
    return (
        verdict.status_class.value,
        verdict.execution.value,
        verdict.retry.action.value,
        verdict.reconcile.value,
        verdict.reason,
    )


# -- registry -------------------------------------------------------------------------------


def test_products_are_registered_and_spot_is_the_default() -> None:
    """PRODUCTS lists the nine tables; classify() without product= uses spot."""
    assert set(PRODUCTS) == set(be.PRODUCTS)
    assert "spot" == be.classify({"code": -1121, "msg": "Invalid symbol."}).product
    for name in PRODUCTS:
        assert name == _classify(name, {"code": -1121, "msg": "Invalid symbol."}).product
        assert name == be.load_table(name).product


def test_unknown_product_raises_with_the_accepted_names() -> None:
    """An unknown product name raises UnknownProductError listing every accepted name."""
    expected = "expected one of: coinm, fix, margin, openapi, options, portfolio_margin, spot, streams, usdm"
    with pytest.raises(be.UnknownProductError, match=expected):
        be.classify({"code": -1121}, product="futures")


def test_counts_per_product() -> None:
    """Codes and messages per table: spot 107/439 (with -2008, seen in the wild), USD-M 201/245, COIN-M 155/190,
    venue 28 codes; margin 306/596 (243/343 its own, the rest spot's), options 122/138, portfolio margin 204/246
    (166/201 its own); FIX 121/439 (spot's, and the 14 SessionRejectReason values of the FIX page), streams 4/8
    (the page's nine error rows, one of them listed twice)."""
    counts = {}
    for name in PRODUCTS:
        table = be.load_table(name)
        documented = [info for info in table.codes.values() if info.section != "success"]
        counts[name] = (len(documented), sum(len(info.messages) for info in documented))
    assert {
        "spot": (107, 439),
        "usdm": (201, 245),
        "coinm": (155, 190),
        "openapi": (28, 0),
        "margin": (306, 596),
        "options": (122, 138),
        "portfolio_margin": (204, 246),
        "fix": (121, 439),
        "streams": (4, 8),
    } == counts


# -- completeness against the sources -------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FUTURES_PAGES))
def test_every_futures_code_name_and_message_is_in_the_table(name: str) -> None:
    """Every `### -NNNN NAME` of the futures reference is in the table, with its NAME and messages."""
    english, chinese = parse_page(FUTURES_PAGES[name].read_text(encoding="utf-8"))
    table = be.load_table(name)
    assert chinese is None
    assert {"usdm": 201, "coinm": 155}[name] == len(english.codes)
    assert set(english.codes) == {code for code, info in table.codes.items() if info.section != "success"}
    for code, doc in english.codes.items():
        info = table.codes[code]
        assert (code, doc.title) == (code, info.name)
        assert set(doc.bullets) <= {text for text, _, _ in info.messages}, code
        assert info.en and info.zh is None


def test_futures_names_kept_as_published() -> None:
    """Typos and non-UPPER_SNAKE names stay as the page has them."""
    usdm = be.load_table("usdm")
    assert "Request Throttled" == usdm.codes[-1008].name
    assert "MARGIN_NOT_SUFFICIEN" == usdm.codes[-2019].name
    assert "Existing_Pending_Modification" == usdm.codes[-5043].name
    assert usdm.codes[-4183].name == usdm.codes[-4167].name  # the page reuses this NAME
    assert "An unknown error occured while processing the request." == usdm.codes[-1000].messages[0][0]
    assert "PStop price is lower than price multiplier floor." == be.load_table("coinm").codes[-4155].messages[0][0]


def _seed_codes() -> dict[int, str]:
    """Every `<code><Description>` row of the venue's seed tables."""
    codes: dict[int, str] = {}
    for line in VENUE_SEED.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"(\d+)([A-Z].*)", line.strip())
        if match:
            codes.setdefault(int(match.group(1)), match.group(2))
    return codes


def test_every_venue_seed_code_is_in_the_table() -> None:
    """Every code of the venue page is in the openapi table (0 as its success code), with advice."""
    seed = _seed_codes()
    table = be.load_table("openapi")
    assert 29 == len(seed)
    assert set(seed) == set(table.codes)
    assert "success" == table.codes[0].section
    for code in seed:
        verdict = table.codes[code].verdict
        assert isinstance(verdict.retry.action, be.RetryAction) and isinstance(verdict.reconcile, be.Reconcile)
        assert (code, None) == (code, table.codes[code].name)


def _fallback(name: str) -> dict[int, str]:
    """Code -> the product its row was merged from (the generated module's FALLBACK)."""
    return dict(getattr(importlib.import_module(f"binance_errors._tables.{name}"), "FALLBACK", {}))


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_code_name_and_message_is_in_the_table(name: str) -> None:
    """Every `### <code> <NAME>` of the page is one of the product's own rows, with its NAME (the page's
    heading where it has no NAME), every message, and the Chinese text where the Chinese half has the code."""
    english, chinese = parse_page(PAGES[name].read_text(encoding="utf-8"))
    table, yaml_table = be.load_table(name), product(name)
    assert chinese is not None
    assert {"margin": 240, "options": 122, "portfolio_margin": 165}[name] == len(english.codes)
    own = {code for code, info in table.codes.items() if info.section != "success" and code not in _fallback(name)}
    # rows from later copies of the shared list or seen in the wild (`added_by_hand`) are on no page of this copy
    hand = {code for code, entry in yaml_table["codes"].items() if entry.get("added_by_hand")}
    assert {"margin": {-4106, -21015, 100001003}, "options": set(), "portfolio_margin": {-4408}}[name] == hand
    assert set(english.codes) == own - hand == set(yaml_table["codes"]) - hand
    for code, doc in english.codes.items():
        info, entry = table.codes[code], yaml_table["codes"][code]
        assert (code, doc.title) == (code, entry.get("doc_title", info.name) or "")
        assert set(doc.bullets) <= {text for text, _, _ in info.messages}, code
        assert info.en
        if code in chinese.codes:
            assert info.zh, code
        else:
            assert info.zh is None and entry["zh_absent"], code


def _page_messages() -> list[tuple[str, int, str]]:
    out = []
    for name, path in sorted(PAGES.items()):
        english, _ = parse_page(path.read_text(encoding="utf-8"))
        out.extend((name, code, text) for code, doc in english.codes.items() for text in dict.fromkeys(doc.bullets))
    return out


@pytest.mark.parametrize(("name", "code", "text"), _page_messages(), ids=lambda x: str(x)[:40])
def test_every_page_message_classifies_to_its_own_row(name: str, code: int, text: str) -> None:
    """Each message of each new page (placeholders filled), with no status, gives its own known row: the
    code, the NAME, and the reason and class the YAML gives that message."""
    filled = PLACEHOLDER.sub("7", text)
    row = next(r for r in messages_of(product(name), code) if r["text"] == text)
    verdict = _classify(name, {"code": code, "msg": filled})
    assert (code, product(name)["codes"][code]["name"], row["reason"], row["class"], True) == (
        verdict.code,
        verdict.name,
        verdict.reason,
        verdict.status_class.value,
        verdict.known,
    )


def test_fallback_rows_come_from_the_fallback_product() -> None:
    """Margin reads the spot codes its page does not list (-1013 filter failures, -1010, -2026) as spot does, and
    its own rows where both have the code; portfolio margin reads USD-M's; options has no fallback."""
    assert {"margin": "spot", "portfolio_margin": "usdm"} == {
        name: next(iter(set(_fallback(name).values()))) for name in PAGES if _fallback(name)
    }
    assert FALLBACKS == {name: product(name).get("fallback") for name in PAGES}
    for code, msg in [(-1013, "Filter failure: LOT_SIZE"), (-1010, "Market is closed."), (-2026, "x")]:
        assert "spot" == _fallback("margin")[code]
        spot, margin = (
            _classify("spot", {"code": code, "msg": msg}, 400),
            _classify("margin", {"code": code, "msg": msg}, 400),
        )
        assert (_advice(spot), spot.name, spot.filter, True) == (
            _advice(margin),
            margin.name,
            margin.filter,
            margin.known,
        )
    assert "OTO_PENDING_SIDE_ERROR" == _classify("margin", {"code": -2018, "msg": "x"}).name  # its own row
    assert -2018 not in be.load_table("spot").codes
    usdm = _classify("usdm", {"code": -5043, "msg": "x"}, 400)
    pm = _classify("portfolio_margin", {"code": -5043, "msg": "x"}, 400)
    assert "usdm" == _fallback("portfolio_margin")[-5043]
    assert (_advice(usdm), usdm.name) == (_advice(pm), pm.name)
    assert not _fallback("options") and not _classify("options", {"code": -1013, "msg": "x"}).known


@pytest.mark.parametrize(
    ("name", "code", "msg", "expected"),
    [
        ("margin", -3006, "Your borrow amount has exceed maximum borrow amount.",
         ("client_error", "no", "no", "check_balance", "EXCEED_MAX_BORROWABLE")),
        ("margin", -3044, "System busy.", ("client_error", "no", "after_delay", "none", "SYSTEM_BUSY")),
        ("margin", -3007, "You have pending transaction, please try again later.",
         ("client_error", "no", "after_delay", "none", "HAS_PENDING_TRANSACTION")),
        ("margin", -3000, "Internal server error.",
         ("unknown_execution", "unknown", "after_reconcile", "query_order", "INNER_FAILURE")),
        ("margin", -3022, "You account's trading is banned.",
         ("client_error", "no", "no", "contact_support", "ACCOUNT_BAN_TRADE")),
        ("margin", -4005, "Too many new requests.",
         ("rate_limited", "no", "after_delay", "reduce_rate", "TOO_MANY_REQUESTS")),
        ("margin", -5012, "future account or sub relation not exists.",
         ("client_error", "no", "no", "check_credentials", "FUTURE_ACCT_OR_SUBRELATION_NOT_EXIST")),
        ("margin", -20132, "The client algo id is duplicated.",
         ("client_error", "no", "no", "query_order", "DUPLICATE_CLIENT_ALGO_ID")),
        ("margin", -15000, "new", ("client_error", "no", "no", "fix_request", "UNKNOWN_SAPI_CODE")),
        ("options", -2027, "Option margin is insufficient.",
         ("client_error", "no", "no", "check_balance", "OPTION_MARGIN_NOT_SUFFICIENT")),
        ("options", -6044, "clientOrderId is duplicated",
         ("client_error", "no", "no", "query_order", "CLI_ORD_ID_ERROR")),
        ("options", -6058, "MMP triggered. Please reset MMP config",
         ("client_error", "no", "after_fix", "fix_request", "MMP_TRIGGERED")),
        ("portfolio_margin", -51007, "You have pending borrow or repayment, please try again later",
         ("client_error", "no", "after_delay", "none", "HAS_PENDING_TRANSACTION")),
        ("portfolio_margin", -2019, "Margin is insufficient.",
         ("client_error", "no", "no", "check_balance", "MARGIN_INSUFFICIENT")),
    ],
)  # fmt: skip
def test_new_products_playbook(name: str, code: int, msg: str, expected: tuple[str, ...]) -> None:
    """Key margin, options and portfolio margin codes get the advice a trading client needs (the table's own,
    with no status to override it)."""
    assert expected == _advice(_classify(name, {"code": code, "msg": msg}))


@pytest.mark.parametrize("name", ["options", "portfolio_margin"])
@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        ({"msg": "Unknown error, please check your request or try again later."}, 503, "EXECUTION_UNKNOWN_TIMEOUT"),
        ({"msg": "Service Unavailable."}, 503, "SERVICE_UNAVAILABLE_FAILED_PER_DOCS"),
        ({"code": -1001, "msg": INTERNAL}, 503, "DISCONNECTED_FAILED_PER_DOCS"),
        ({"id": 3, "status": 503, "error": {"msg": "Service Unavailable."}}, None,
         "SERVICE_UNAVAILABLE_FAILED_PER_DOCS"),
    ],
)  # fmt: skip
def test_options_and_portfolio_margin_503_rules(
    name: str, body: dict[str, Any], status: int | None, reason: str
) -> None:
    """The 503 messages of the options and portfolio margin "HTTP Return Codes" sections: unknown execution, with
    the reason saying whether the docs call it a failure."""
    verdict = _classify(name, body, status)
    assert ("unknown_execution", "unknown", "after_reconcile", "query_order", reason, True) == (
        *_advice(verdict),
        verdict.known,
    )
    assert "REQUEST_UNKNOWN_ERROR" == _classify("portfolio_margin", {"msg": "Request occur unknown error."}, 500).reason


def test_options_ban_message_under_1008() -> None:
    """Options sends its rate limits and bans as -1008: the ban time is read from the message."""
    ban = (
        "Way too much request weight used; IP banned until 1700000000000. "
        "Please use the websocket for live updates to avoid bans."
    )
    verdict = _classify("options", {"code": -1008, "msg": ban}, 418)
    assert ("banned", "IP_BANNED_UNTIL", 1700000000000) == (
        verdict.status_class.value,
        verdict.reason,
        verdict.retry.at_ms,
    )
    assert "SERVER_BUSY" == _classify("spot", {"code": -1008, "msg": ban}).name


def _yaml_messages() -> list[tuple[str, int, dict[str, Any]]]:
    out = []
    for name in sorted(be.PRODUCTS):
        table = product(name)
        out.extend((name, code, row) for code in table["codes"] for row in messages_of(table, code))
    return out


@pytest.mark.parametrize(("name", "code", "row"), _yaml_messages(), ids=lambda x: str(x)[:50])
def test_every_message_classifies_back_to_its_row(name: str, code: int, row: dict[str, Any]) -> None:
    """Every message of every product's YAML (placeholders filled), with no status, gives its own row."""
    for text in (row.get("match", row["text"]), *row.get("variants", [])):
        filled = PLACEHOLDER.sub("7", text)
        verdict = _classify(name, {"code": code, "msg": filled})
        assert (code, row["reason"], row["class"], row["reconcile"], filled, True) == (
            verdict.code,
            verdict.reason,
            verdict.status_class.value,
            verdict.reconcile.value,
            verdict.message,
            verdict.known,
        )


@pytest.mark.parametrize("code", sorted(product("openapi")["codes"]))
def test_every_venue_code_classifies_to_its_row(code: int) -> None:
    """Each venue code, under HTTP 200 (business errors) and with `message` instead of `msg`, gives its row."""
    entry = product("openapi")["codes"][code]
    for body in ({"code": code, "msg": "x", "data": None}, {"code": code, "message": "x"}):
        cls, _, retry, reconcile, reason = _advice(_classify("openapi", body, 200))
        assert (entry["class"], entry["retry"], entry["reconcile"], entry["reason"]) == (cls, retry, reconcile, reason)


# -- one code, one meaning per product ------------------------------------------------------

CANCEL_REPLACE_DATA = {
    "cancelResult": "SUCCESS",
    "newOrderResult": "FAILURE",
    "cancelResponse": {"orderId": 1, "status": "CANCELED"},
    "newOrderResponse": {"code": -2010, "msg": "Account has insufficient balance for requested action."},
}


def test_2021_cancel_replace_on_spot_trigger_on_futures() -> None:
    """-2021 is a partial cancel/replace on spot, "Order would immediately trigger." (no legs) on futures."""
    spot = _classify(
        "spot", {"code": -2021, "msg": "Order cancel-replace partially failed.", "data": CANCEL_REPLACE_DATA}, 409
    )
    assert ("partial", "partly") == _advice(spot)[:2] and spot.legs is not None
    for name in ("usdm", "coinm"):
        body = {"code": -2021, "msg": "Order would immediately trigger.", "data": CANCEL_REPLACE_DATA}
        verdict = _classify(name, body, 400)
        assert ("client_error", "no", "no", "fix_request", "ORDER_WOULD_IMMEDIATELY_TRIGGER") == _advice(verdict)
        assert (None, "ORDER_WOULD_IMMEDIATELY_TRIGGER") == (verdict.legs, verdict.name)


def test_2022_cancel_replace_on_spot_reduce_only_on_futures() -> None:
    """-2022 is a failed cancel/replace on spot, a rejected reduce-only order on futures."""
    assert (
        "CANCEL_REPLACE_FAILED" == _classify("spot", {"code": -2022, "msg": "Order cancel-replace failed."}, 400).name
    )
    for name in ("usdm", "coinm"):
        verdict = _classify(name, {"code": -2022, "msg": "ReduceOnly Order is rejected."}, 400)
        assert ("client_error", "no", "no", "check_open_orders", "REDUCE_ONLY_REJECT") == _advice(verdict)
        assert "REDUCE_ONLY_REJECT" == verdict.name


@pytest.mark.parametrize(
    ("code", "spot_name", "futures_name"),
    [
        (-1008, "SERVER_BUSY", "Request Throttled"),
        (-1108, "PARAM_OVERFLOW", "BAD_ASSET"),
        (-2026, "ORDER_ARCHIVED", "REDUCE_ONLY_ORDER_TYPE_NOT_SUPPORTED"),
    ],
)
def test_codes_that_differ_between_spot_and_futures(code: int, spot_name: str, futures_name: str) -> None:
    """A code with another meaning on futures decodes to that product's NAME under each product."""
    assert spot_name == _classify("spot", {"code": code, "msg": "x"}, 400).name
    assert futures_name == _classify("usdm", {"code": code, "msg": "x"}, 400).name
    assert futures_name == _classify("coinm", {"code": code, "msg": "x"}, 400).name


@pytest.mark.parametrize(
    ("code", "usdm_name", "coinm_name"),
    [
        (-4087, "REDUCE_ONLY_ORDER_PERMISSION", "INVALID_PAIR"),
        (-4088, "NO_PLACE_ORDER_PERMISSION", "INVALID_TIME_INTERVAL"),
    ],
)
def test_codes_that_differ_between_usdm_and_coinm(code: int, usdm_name: str, coinm_name: str) -> None:
    """USD-M and COIN-M number some codes differently; each product reads its own."""
    assert (usdm_name, coinm_name) == (
        _classify("usdm", {"code": code, "msg": "x"}).name,
        _classify("coinm", {"code": code, "msg": "x"}).name,
    )


@pytest.mark.parametrize(
    ("code", "msg", "expected"),
    [
        (-2019, "Margin is insufficient.", ("client_error", "no", "no", "check_balance", "MARGIN_INSUFFICIENT")),
        (-5022, "Due to the order could not be executed as maker, the Post Only order will be rejected.",
         ("client_error", "no", "no", "fix_request", "POST_ONLY_REJECTED")),
        (-4116, "clientOrderId is duplicated", ("client_error", "no", "no", "query_order", "DUPLICATE_ORDER")),
        (-5028, "Timestamp for this request is outside of the ME recvWindow.",
         ("client_error", "no", "after_fix", "resync_clock", "ME_RECVWINDOW_REJECT")),
        (-1021, "Timestamp for this request was 2500ms ahead of the server's time.",
         ("client_error", "no", "after_fix", "resync_clock", "AHEAD_OF_SERVER_TIME")),
        (-2011, 'Cancel request failure as open order not found in the orderbook: "Unknown order sent".',
         ("client_error", "no", "no", "query_order", "UNKNOWN_ORDER")),
    ],
)  # fmt: skip
def test_usdm_playbook(code: int, msg: str, expected: tuple[str, ...]) -> None:
    """Key USD-M futures codes get the advice a trading client needs."""
    assert expected == _advice(_classify("usdm", {"code": code, "msg": msg}, 400))


def test_templates_with_s_d_and_b_placeholders() -> None:
    """%s, %d and %b placeholders extract values; numbers become ints."""
    min_notional = "Order's notional must be no smaller than 100 (unless you choose reduce only)"
    assert {"min_notional": 100} == dict(_classify("usdm", {"code": -4164, "msg": min_notional}, 400).values)
    strategy = "Target strategy invalid for orderType 'LIMIT',reduceOnly 'true'."
    assert {"order_type": "LIMIT", "reduce_only": "true"} == dict(
        _classify("coinm", {"code": -4020, "msg": strategy}).values
    )
    duplicate = "duplicate options id 12 for user 34"
    assert {"options_id": 12, "user_id": 34} == dict(_classify("usdm", {"code": -4079, "msg": duplicate}).values)


def test_futures_ban_and_rate_limit_messages() -> None:
    """The futures -1003 wording is matched: the ban time and the limit are read from the message."""
    ban = (
        "Way too many requests; IP banned until 1700000000000. Please use the websocket for live updates to avoid bans."
    )
    verdict = _classify("usdm", {"code": -1003, "msg": ban}, 418)
    assert ("banned", "IP_BANNED_UNTIL", 1700000000000) == (
        verdict.status_class.value,
        verdict.reason,
        verdict.retry.at_ms,
    )
    weight = (
        "Too many requests; current limit is 2400 requests per minute. "
        "Please use the websocket for live updates to avoid polling the API."
    )
    assert {"limit": 2400} == dict(_classify("coinm", {"code": -1003, "msg": weight}, 429).values)


# -- the futures HTTP return-code rules (503 variants, 408) ---------------------------------


@pytest.mark.parametrize("name", ["usdm", "coinm"])
@pytest.mark.parametrize(
    ("code", "msg", "reason_503", "reason_none"),
    [
        (-1008, THROTTLED, "REQUEST_THROTTLED_FAILED_PER_DOCS", "REQUEST_THROTTLED"),
        (-1008, BUSY, "SERVER_BUSY_FAILED_PER_DOCS", "SERVER_BUSY"),
        (-1008, "some new wording", "REQUEST_THROTTLED_FAILED_PER_DOCS", "REQUEST_THROTTLED"),
        (-1001, INTERNAL, "DISCONNECTED_FAILED_PER_DOCS", "DISCONNECTED"),
    ],
)
def test_503_failures_per_docs_stay_unknown_with_their_own_reason(
    name: str, code: int, msg: str, reason_503: str, reason_none: str
) -> None:
    """A 503 the futures docs call a failure stays unknown_execution (rule 4) with a *_FAILED_PER_DOCS reason."""
    under_503 = _classify(name, {"code": code, "msg": msg}, 503)
    assert ("unknown_execution", "unknown", "after_reconcile", "query_order", reason_503) == _advice(under_503)
    assert reason_none == _classify(name, {"code": code, "msg": msg}).reason
    ws = _classify(name, {"id": 1, "status": 503, "error": {"code": code, "msg": msg}})
    assert under_503 == ws
    if msg != "some new wording":
        assert under_503 is ws  # a prebuilt row, on the hot path too
    assert "call this 503 answer a failure" in be.explain(under_503)


def test_spot_1008_under_503_keeps_the_plain_reason() -> None:
    """Spot has no such rule: a 503 -1008 is plain SERVER_BUSY."""
    assert "SERVER_BUSY" == _classify("spot", {"code": -1008, "msg": BUSY}, 503).reason


@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        ({"timestamp": 1609300986882, "path": "/fapi/v1/positionRisk",
          "msg": "Unknown error, please check your request or try again later."}, 503, "EXECUTION_UNKNOWN_TIMEOUT"),
        ({"msg": "Service Unavailable."}, 503, "SERVICE_UNAVAILABLE_FAILED_PER_DOCS"),
        ({"msg": "Service Unavailable."}, None, "SERVICE_UNAVAILABLE"),
        ({"msg": "Request occur unknown error."}, 500, "REQUEST_UNKNOWN_ERROR"),
        ({"id": 3, "status": 503, "error": {"msg": "Service Unavailable."}}, None,
         "SERVICE_UNAVAILABLE_FAILED_PER_DOCS"),
    ],
)  # fmt: skip
def test_futures_503_bodies_without_a_code(body: dict[str, Any], status: int | None, reason: str) -> None:
    """The documented 503 messages that come with no code are recognised: unknown execution, their own reason."""
    verdict = _classify("usdm", body, status)
    assert ("unknown_execution", "unknown", "after_reconcile", "query_order", reason) == _advice(verdict)
    assert (None, True) == (verdict.code, verdict.known)


def test_408_is_a_backend_timeout_on_futures_only() -> None:
    """Futures HTTP 408 is a backend timeout (execution unknown); spot keeps 408 as a client error."""
    body = {"code": -1121, "msg": "Invalid symbol."}
    assert ("unknown_execution", "unknown", "after_reconcile", "query_order", "BAD_SYMBOL") == _advice(
        _classify("usdm", body, 408)
    )
    assert "BACKEND_TIMEOUT" == _classify("coinm", b"", 408).reason
    assert "client_error" == _classify("spot", body, 408).status_class.value


@pytest.mark.parametrize("name", ["spot", "usdm", "coinm"])
def test_code_200_success_body(name: str) -> None:
    """`{"code": 200, "msg": "The operation of cancel all open order is done."}` is ok."""
    verdict = _classify(name, {"code": 200, "msg": "The operation of cancel all open order is done."}, 200)
    assert ("ok", "yes", "no", "none", "OK") == _advice(verdict)


def test_futures_unknown_codes_by_block() -> None:
    """Undocumented futures -4xxx/-5xxx codes are rejections with a block-specific reason; known=False."""
    filters = _classify("usdm", {"code": -4999, "msg": "new"}, 400)
    execution = _classify("coinm", {"code": -5999, "msg": "new"}, 400)
    assert ("client_error", "UNKNOWN_FILTER_OR_ACCOUNT_CODE", False) == (
        filters.status_class.value,
        filters.reason,
        filters.known,
    )
    assert ("client_error", "UNKNOWN_ORDER_EXECUTION_CODE", "query_order") == (
        execution.status_class.value,
        execution.reason,
        execution.reconcile.value,
    )
    assert "UNKNOWN_REJECTION_CODE" == _classify("spot", {"code": -4999, "msg": "new"}, 400).reason  # fmt: skip


# -- the second venue -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status", "expected"),
    [
        ({"code": 0, "msg": "success", "data": {"orderId": "1"}}, 200, ("ok", "yes", "no", "none", "OK")),
        ({"code": 8003, "msg": "Insufficient balance to close", "data": None}, 200,
         ("client_error", "no", "no", "check_open_orders", "INSUFFICIENT_BALANCE_TO_CLOSE")),
        ({"code": 400, "message": "Error description"}, 400,
         ("client_error", "no", "no", "fix_request", "INVALID_REQUEST")),
        ({"code": 401, "message": "signature verification failed"}, 401,
         ("client_error", "no", "no", "check_credentials", "UNAUTHORIZED")),
        ({"code": 403, "msg": "IP not in whitelist"}, 403,
         ("client_error", "no", "no", "check_credentials", "FORBIDDEN")),
        (b"<html>403 Forbidden</html>", 403, ("client_error", "no", "no", "check_credentials", "FORBIDDEN")),
        ({"code": 404, "msg": "Order not found"}, 404, ("client_error", "no", "no", "query_order", "ORDER_NOT_FOUND")),
        ({"code": 429, "msg": "Rate limit exceeded"}, 429,
         ("rate_limited", "no", "after_delay", "reduce_rate", "RATE_LIMITED")),
        ({"code": 500, "msg": "Internal error"}, 500,
         ("unknown_execution", "unknown", "after_reconcile", "query_order", "INTERNAL_ERROR")),
        ({"code": 1001, "msg": "System error"}, 200,
         ("unknown_execution", "unknown", "after_reconcile", "query_order", "SYSTEM_ERROR")),
        ({"code": 3004, "msg": "Third-party service error"}, 200,
         ("client_error", "no", "after_delay", "none", "THIRD_PARTY_SERVICE_ERROR")),
        ({"code": 8999, "msg": "new"}, 200, ("client_error", "no", "no", "query_order", "UNKNOWN_TRADE_CODE")),
        ({"code": 503, "msg": "new"}, 503,
         ("unknown_execution", "unknown", "after_reconcile", "query_order", "UNKNOWN_HTTP_SERVER_CODE")),
    ],
)  # fmt: skip
def test_venue_envelope(body: Any, status: int, expected: tuple[str, ...]) -> None:
    """The venue's {code, msg|message, data} answers: success 0, business errors under 200, HTTP errors."""
    assert expected == _advice(_classify("openapi", body, status))


def test_venue_429_and_401_match_binance_classes() -> None:
    """429 and 401 give the same class, execution and retry as Binance's, and 429 takes Retry-After."""
    venue = _classify("openapi", {"code": 429, "msg": "x"}, 429, {"Retry-After": "2"})
    binance = _classify("spot", {"code": -1003, "msg": "Too many requests queued."}, 429, {"Retry-After": "2"})
    assert _advice(binance)[:3] == _advice(venue)[:3]
    assert 2000 == venue.retry_after_ms
    venue_auth = _classify("openapi", {"code": 401, "message": "invalid API Key"}, 401)
    binance_auth = _classify("spot", {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."}, 401)
    assert _advice(binance_auth)[:4] == _advice(venue_auth)[:4]


# -- schema rules for products --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "edit", "error"),
    [
        ("usdm", lambda t: t["codes"][-4183].pop("same_name_as"), "is also used by -4167"),
        ("usdm", lambda t: t["codes"][-1008].update(on_status={"nowhere": {"reason": "X"}}), "no such status bucket"),
        ("usdm", lambda t: t["codes"][-1008].update(on_status={"server": {"class": "ok"}}), "class ok needs|retry"),
        ("usdm", lambda t: t["codes"][-4183].update(section="50xx"), "outside its section 50xx"),
        ("spot", lambda t: t["codes"][-1121].pop("zh"), "zh is missing"),
        ("openapi", lambda t: t["codes"][8001].update(section="http"), "outside its section http"),
    ],
)
def test_generator_rules_for_products(name: str, edit: Any, error: str) -> None:
    """A repeated NAME must be declared, on_status names a real bucket with valid advice, sections hold
    their codes, and a product with Chinese descriptions needs every one."""
    table = copy.deepcopy(product(name))
    edit(table)
    gen = _generator()
    with pytest.raises(gen.TableError, match=error):
        gen.compile_product(rules(), table)


def test_venue_names_may_be_absent() -> None:
    """The venue's rows have no NAME (null), and the generator accepts that without a special case."""
    table = be.load_table("openapi")
    assert all(info.name is None for info in table.codes.values())
    assert "8001: Below minimum trade amount." == be.explain(8001, product="openapi")


def test_cli_product_choice() -> None:
    """`--product` selects the table; its choices come from PRODUCTS."""
    out = io.StringIO()
    assert 0 == main(["--json", "--product", "usdm", '{"code": -2021, "msg": "Order would immediately trigger."}'], out)
    record = json.loads(out.getvalue())
    assert ("usdm", "ORDER_WOULD_IMMEDIATELY_TRIGGER", "client_error") == (
        record["product"], record["name"], record["status_class"])  # fmt: skip
    out = io.StringIO()
    assert 0 == main(["explain", "-2019", "--product", "coinm", "--lang", "zh"], out)
    assert out.getvalue().startswith("-2019 MARGIN_NOT_SUFFICIEN: Margin is insufficient.")
    out = io.StringIO()
    assert 0 == main(["explain", "-3006", "--product", "margin", "--lang", "zh"], out)
    assert out.getvalue().startswith("-3006 EXCEED_MAX_BORROWABLE: 您的已借金额已超过最高可借金额。")
