"""``be.resolve``: reading the query's answer. The answers are the endpoints' documented responses
(the pages named in tests/plan_cases.py: SPOT_REST, OPTIONS, ...), as Binance sends them."""

from __future__ import annotations

from typing import Any

import binance_errors as be
from tests.plan_cases import TS, fix, rest, ws

UNKNOWN = be.classify(None, http_status=503)
CUTOFF = TS + 5000 + 2000  # timestamp + default recvWindow + the default margin
PLACE = rest(
    "POST",
    "/api/v3/order",
    symbol="LTCBTC",
    side="BUY",
    type="LIMIT",
    quantity="1.0",
    price="0.1",
    timeInForce="GTC",
    newClientOrderId="myOrder1",
)
# rest-api.md "Query order (USER_DATA)", response example (SPOT_REST#query-order-user_data)
QUERIED = {
    "symbol": "LTCBTC",
    "orderId": 1,
    "orderListId": -1,
    "clientOrderId": "myOrder1",
    "price": "0.1",
    "origQty": "1.0",
    "executedQty": "0.0",
    "cummulativeQuoteQty": "0.0",
    "status": "NEW",
    "timeInForce": "GTC",
    "type": "LIMIT",
    "side": "BUY",
    "stopPrice": "0.0",
    "icebergQty": "0.0",
    "time": 1499827319559,
    "updateTime": 1499827319559,
    "isWorking": True,
    "workingTime": 1499827319559,
    "origQuoteOrderQty": "0.000000",
    "selfTradePreventionMode": "NONE",
}
WEIGHT = {
    "code": -1003,
    "msg": "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. "
    "Please use WebSocket Streams for live updates to avoid polling the API.",
}
NOT_FOUND = {"code": -2013, "msg": "Order does not exist."}  # errors.md -2013 NO_SUCH_ORDER
UNKNOWN_ORDER = {"code": -2011, "msg": "Unknown order sent."}  # errors.md: the order could not be found


def _plan(request: Any, verdict: be.Verdict = UNKNOWN) -> be.Plan:
    plan = be.plan(verdict, request)
    assert be.PlanAction.QUERY is plan.action, plan.reason
    return plan


def test_found_order_executed() -> None:
    """The documented query answer: executed, with its status, executed quantity and ids."""
    r = be.resolve(_plan(PLACE), QUERIED, http_status=200, now_ms=TS + 800)
    assert (be.Execution.YES, "NEW", "0.0", 1, "myOrder1") == (
        r.execution,
        r.status,
        r.executed_qty,
        r.order_id,
        r.client_order_id,
    )
    assert (None, False) == (r.next, r.safe_to_resend)


def test_not_found_before_cutoff_is_unknown() -> None:
    """ "Order does not exist." one second after the request: still unknown, query again at the cutoff."""
    r = be.resolve(_plan(PLACE), NOT_FOUND, http_status=400, now_ms=TS + 1000)
    assert (be.Execution.UNKNOWN, False) == (r.execution, r.safe_to_resend)
    assert (be.PlanAction.WAIT, CUTOFF) == (r.next.action, r.next.at_ms)
    assert "may still reach the matching engine" in r.reason


def test_not_found_after_cutoff_is_not_executed() -> None:
    """Past timestamp + recvWindow + margin, "Order does not exist." is conclusive: safe to resend."""
    for answer in (NOT_FOUND, UNKNOWN_ORDER):
        r = be.resolve(_plan(PLACE), answer, http_status=400, now_ms=CUTOFF)
        assert (be.Execution.NO, True, None) == (r.execution, r.safe_to_resend, r.next)


def test_margin_is_kept_before_concluding() -> None:
    """Just past timestamp + recvWindow but inside the margin: still unknown."""
    r = be.resolve(_plan(PLACE), NOT_FOUND, http_status=400, now_ms=TS + 5001)
    assert be.Execution.UNKNOWN is r.execution


def test_no_clock_no_conclusion() -> None:
    """Without now_ms nothing is concluded; the next query is at the cutoff."""
    r = be.resolve(_plan(PLACE), NOT_FOUND, http_status=400)
    assert (be.Execution.UNKNOWN, CUTOFF) == (r.execution, r.next.at_ms)


def test_websocket_answer() -> None:
    """A WebSocket API order.status frame: the result is the order; the error frame is read the same way."""
    plan = _plan(
        ws(
            "order.place",
            symbol="LTCBTC",
            side="BUY",
            type="LIMIT",
            quantity="1.0",
            price="0.1",
            newClientOrderId="myOrder1",
        )
    )
    found = be.resolve(plan, {"id": "9a1", "status": 200, "result": QUERIED}, now_ms=TS)
    missing = be.resolve(plan, {"id": "9a1", "status": 400, "error": NOT_FOUND}, now_ms=CUTOFF + 1)
    assert (be.Execution.YES, be.Execution.NO) == (found.execution, missing.execution)
    assert missing.safe_to_resend


def test_raw_bytes_answer() -> None:
    """Raw bytes are parsed the way classify parses them."""
    r = be.resolve(_plan(PLACE), b'{"code":-2013,"msg":"Order does not exist."}', http_status=400, now_ms=CUTOFF)
    assert be.Execution.NO is r.execution


def test_other_order_is_not_taken() -> None:
    """An order with another client id is not the one asked for: unknown, the raw answer kept."""
    other = {**QUERIED, "clientOrderId": "someone-else"}
    r = be.resolve(_plan(PLACE), other, http_status=200, now_ms=TS)
    assert (be.Execution.UNKNOWN, other) == (r.execution, r.raw)


def test_failed_query_is_asked_again() -> None:
    """The query itself rate limited: nothing learned, ask again after its retry time."""
    r = be.resolve(_plan(PLACE), WEIGHT, http_status=429, headers={"Retry-After": "7"}, now_ms=TS + 1000)
    assert (be.Execution.UNKNOWN, be.PlanAction.WAIT, TS + 1000 + 7000) == (r.execution, r.next.action, r.next.at_ms)


def test_unreadable_answer_keeps_raw() -> None:
    """An answer that cannot be read: unknown, the raw answer kept, the query to run again."""
    r = be.resolve(_plan(PLACE), b"<html>502 Bad Gateway</html>", http_status=502, now_ms=CUTOFF)
    assert (be.Execution.UNKNOWN, b"<html>502 Bad Gateway</html>") == (r.execution, r.raw)
    assert r.next is not None and r.next.steps


def test_futures_schedule_then_user_data_stream() -> None:
    """USD-M documents no cutoff: bounded re-queries after timestamp + recvWindow, then the stream/history."""
    plan = _plan(
        rest(
            "POST",
            "/fapi/v1/order",
            symbol="BTCUSDT",
            side="BUY",
            type="LIMIT",
            quantity="1",
            price="1",
            newClientOrderId="f",
        ),
        be.classify(None, 503, product="usdm"),
    )
    anchor = TS + 5000
    times = [
        be.resolve(plan, NOT_FOUND, http_status=400, now_ms=now).next.at_ms
        for now in (TS, anchor + 1000, anchor + 30000)
    ]
    assert [anchor + 1000, anchor + 3000, anchor + 60000] == times
    last = be.resolve(plan, NOT_FOUND, http_status=400, now_ms=anchor + 60000)
    assert (be.Execution.UNKNOWN, be.PlanAction.MANUAL, False) == (
        last.execution,
        last.next.action,
        last.safe_to_resend,
    )
    assert "user data stream" in last.reason and "docs give no rule" in last.reason
    assert [
        {"method": "GET", "path": "/fapi/v1/allOrders", "params": {"symbol": "BTCUSDT", "startTime": TS - 1000}}
    ] == [step.request for step in last.next.steps]


def test_options_not_found_without_period() -> None:
    """Options answers "Order does not exist" (no period, OPTIONS page): still not found, no cutoff rule."""
    plan = _plan(
        rest(
            "POST",
            "/eapi/v1/order",
            symbol="BTC-200730-9000-C",
            side="BUY",
            type="LIMIT",
            quantity="1",
            price="100",
            clientOrderId="o",
        ),
        be.classify(None, 503, product="options"),
    )
    r = be.resolve(plan, {"code": -2013, "msg": "Order does not exist"}, http_status=400, now_ms=TS + 2000)
    assert be.Execution.UNKNOWN is r.execution and be.PlanAction.WAIT is r.next.action


def test_options_found_order() -> None:
    """The options query's documented answer (status ACCEPTED, clientOrderId): executed."""
    plan = _plan(
        rest(
            "POST",
            "/eapi/v1/order",
            symbol="BTC-200730-9000-C",
            side="BUY",
            type="LIMIT",
            quantity="1",
            price="100",
            clientOrderId="o",
        ),
        be.classify(None, 503, product="options"),
    )
    answer = {
        "orderId": 4611875134427365377,
        "symbol": "BTC-200730-9000-C",
        "price": "100",
        "quantity": "1",
        "executedQty": "0",
        "status": "ACCEPTED",
        "clientOrderId": "o",
    }
    assert be.Execution.YES is be.resolve(plan, answer, http_status=200, now_ms=TS).execution


def test_cancel_answers() -> None:
    """A cancel: CANCELED executed; still NEW before the cutoff unknown, after it not executed; FILLED closed."""
    plan = _plan(rest("DELETE", "/api/v3/order", symbol="LTCBTC", origClientOrderId="myOrder1"))
    canceled = be.resolve(plan, {**QUERIED, "status": "CANCELED"}, http_status=200, now_ms=TS)
    early = be.resolve(plan, QUERIED, http_status=200, now_ms=TS + 100)
    late = be.resolve(plan, QUERIED, http_status=200, now_ms=CUTOFF)
    filled = be.resolve(plan, {**QUERIED, "status": "FILLED", "executedQty": "1.0"}, http_status=200, now_ms=TS)
    assert [be.Execution.YES, be.Execution.UNKNOWN, be.Execution.NO, be.Execution.NO] == [
        r.execution for r in (canceled, early, late, filled)
    ]
    assert (True, False) == (late.safe_to_resend, filled.safe_to_resend)  # nothing left to cancel once FILLED


def test_amend_compares_the_new_quantity() -> None:
    """Amend keep priority: the order shows newQty -> executed; the old quantity past the cutoff -> not."""
    plan = _plan(rest("PUT", "/api/v3/order/amend/keepPriority", symbol="LTCBTC", orderId=1, newQty="0.5"))
    assert (
        be.Execution.YES is be.resolve(plan, {**QUERIED, "origQty": "0.50000000"}, http_status=200, now_ms=TS).execution
    )
    assert be.Execution.NO is be.resolve(plan, QUERIED, http_status=200, now_ms=CUTOFF).execution


def test_cancel_all_open_orders() -> None:
    """Cancel-all: no open orders left -> executed; some left past the cutoff -> not executed."""
    plan = _plan(rest("DELETE", "/api/v3/openOrders", symbol="LTCBTC"))
    assert be.Execution.YES is be.resolve(plan, [], http_status=200, now_ms=TS).execution
    assert be.Execution.NO is be.resolve(plan, [QUERIED], http_status=200, now_ms=CUTOFF).execution
    assert be.Execution.UNKNOWN is be.resolve(plan, [QUERIED], http_status=200, now_ms=TS + 10).execution


def test_order_list_found() -> None:
    """rest-api.md "Query Order list" response: the list exists, executed."""
    plan = _plan(
        rest(
            "POST",
            "/api/v3/orderList/oco",
            symbol="LTCBTC",
            side="SELL",
            quantity="1",
            aboveType="LIMIT_MAKER",
            abovePrice="1",
            belowType="STOP_LOSS",
            belowStopPrice="0.5",
            listClientOrderId="h2USkA5YQpaXHPIrkd96xE",
        )
    )
    answer = {
        "orderListId": 27,
        "contingencyType": "OCO",
        "listStatusType": "EXEC_STARTED",
        "listOrderStatus": "EXECUTING",
        "listClientOrderId": "h2USkA5YQpaXHPIrkd96xE",
        "transactionTime": 1565245656253,
        "symbol": "LTCBTC",
        "orders": [
            {"symbol": "LTCBTC", "orderId": 4, "clientOrderId": "qD1gy3kc3Gx0rihm9Y3xwS"},
            {"symbol": "LTCBTC", "orderId": 5, "clientOrderId": "ARzZ9I00CPM8i3NhmU9Ega"},
        ],
    }
    r = be.resolve(plan, answer, http_status=200, now_ms=TS)
    assert (be.Execution.YES, "EXECUTING", 27) == (r.execution, r.status, r.order_id)


def test_search_by_fields() -> None:
    """No client id: one matching order in allOrders -> executed; none -> never "not executed", even late."""
    plan = _plan(rest("POST", "/api/v3/order", symbol="LTCBTC", side="BUY", type="LIMIT", quantity="1", price="0.1"))
    mine = {**QUERIED, "clientOrderId": "x7", "time": TS + 30}
    assert be.Execution.YES is be.resolve(plan, [mine], http_status=200, now_ms=TS).execution
    none = be.resolve(plan, [{**mine, "side": "SELL"}], http_status=200, now_ms=CUTOFF + 10**6)
    assert (be.Execution.UNKNOWN, False) == (none.execution, none.safe_to_resend)
    two = be.resolve(plan, [mine, {**mine, "orderId": 2}], http_status=200, now_ms=TS)
    assert be.Execution.UNKNOWN is two.execution


def test_fix_order_resolved_through_rest() -> None:
    """A FIX order queried over REST (fix-api.md: FIX has no order query), not found past SendingTime + RecvWindow."""
    plan = _plan(fix("35=D", "11=fix-1", "38=1", "40=2", "44=30000", "54=1", "55=BTCUSDT", "59=1"))
    assert be.Execution.NO is be.resolve(plan, NOT_FOUND, http_status=400, now_ms=CUTOFF).execution


def test_fix_without_recv_window_has_no_cutoff() -> None:
    """FIX without RecvWindow(25000): no check runs, so not-found stays unknown on a schedule."""
    plan = _plan("8=FIX.4.4|35=D|52=20231114-22:13:20.000|11=a|55=BTCUSDT|54=1|38=1|40=1|10=000|")
    r = be.resolve(plan, NOT_FOUND, http_status=400, now_ms=TS + 10**6)
    assert be.Execution.UNKNOWN is r.execution and "RecvWindow" in r.reason


def test_multi_step_plan_is_resolved_per_step() -> None:
    """A plan of several steps: each step gets its own answer; the plan itself asks for that."""
    plan = _plan(
        rest(
            "POST",
            "/api/v3/order/cancelReplace",
            symbol="LTCBTC",
            side="BUY",
            type="LIMIT",
            quantity="1",
            price="0.1",
            cancelReplaceMode="STOP_ON_FAILURE",
            cancelOrigClientOrderId="old",
            newClientOrderId="myOrder1",
        )
    )
    assert be.Execution.UNKNOWN is be.resolve(plan, QUERIED, http_status=200).execution
    cancel, new = plan.steps
    assert (
        be.Execution.YES
        is be.resolve(cancel, {**QUERIED, "clientOrderId": "old", "status": "CANCELED"}, http_status=200).execution
    )
    assert be.Execution.YES is be.resolve(new, QUERIED, http_status=200).execution


def test_resolution_to_dict() -> None:
    """A resolution converts to plain JSON-ready data."""
    data = be.resolve(_plan(PLACE), NOT_FOUND, http_status=400, now_ms=TS).to_dict()
    assert ("unknown", False, "wait", CUTOFF) == (
        data["execution"],
        data["safe_to_resend"],
        data["next"]["action"],
        data["next"]["at_ms"],
    )


def test_not_a_plan() -> None:
    """resolve() given something other than a Plan or a Step: unknown, the answer kept."""
    r = be.resolve("GET /api/v3/order", NOT_FOUND, now_ms=CUTOFF)  # type: ignore[arg-type]
    assert (be.Execution.UNKNOWN, NOT_FOUND) == (r.execution, r.raw)


def test_float_clock() -> None:
    """A float now_ms (time.time() * 1000) is read as ms; a string is no clock."""
    plan = _plan(PLACE)
    assert be.Execution.NO is be.resolve(plan, NOT_FOUND, http_status=400, now_ms=float(CUTOFF) + 0.5).execution
    assert be.Execution.UNKNOWN is be.resolve(plan, NOT_FOUND, http_status=400, now_ms=str(CUTOFF)).execution


def test_amend_by_client_id_never_concludes_from_not_found() -> None:
    """An amendment replaces the order's client id: "does not exist" under the old id proves nothing."""
    plan = _plan(
        rest("PUT", "/api/v3/order/amend/keepPriority", symbol="LTCBTC", origClientOrderId="myOrder1", newQty="0.5")
    )
    r = be.resolve(plan, NOT_FOUND, http_status=400, now_ms=CUTOFF + 60_000)
    assert (be.Execution.UNKNOWN, be.PlanAction.MANUAL, False) == (r.execution, r.next.action, r.safe_to_resend)
    assert "orderId" in r.reason


def test_amend_prefers_order_id() -> None:
    """With both ids, an amendment is queried by orderId (its client id may change)."""
    plan = _plan(
        rest("PUT", "/api/v3/order/amend/keepPriority", symbol="LTCBTC", orderId=1, origClientOrderId="a", newQty="0.5")
    )
    assert {"symbol": "LTCBTC", "orderId": 1} == plan.steps[0].request["params"]


def test_canceled_order_showing_the_cancel_id() -> None:
    """A canceled order is recognised by origClientOrderId too (a cancel response names the cancel's own id)."""
    plan = _plan(rest("DELETE", "/api/v3/order", symbol="LTCBTC", origClientOrderId="myOrder1"))
    answer = {**QUERIED, "status": "CANCELED", "clientOrderId": "cancelMyOrder1", "origClientOrderId": "myOrder1"}
    assert be.Execution.YES is be.resolve(plan, answer, http_status=200, now_ms=TS).execution
