"""Properties of ``plan`` and ``resolve``: steps are requests ``plan`` reads, carry no secret, and a
resolution never says "not executed" while the original request may still reach the matching engine."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import binance_errors as be
from tests.plan_cases import CASES, TS
from tests.strategies import any_value, hostile_frames, hostile_headers, hostile_statuses, json_values

SECRETS = {"signature", "timestamp", "apiKey", "recvWindow"}
ids = st.one_of(st.text(min_size=1, max_size=36), st.integers(min_value=1, max_value=2**63))
symbols = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", min_size=1, max_size=20)
ID_KEYS = ("newClientOrderId", "clientOrderId", "origClientOrderId", "orderId", "cancelOrigClientOrderId",
           "cancelOrderId", "listClientOrderId", "orderListId")  # fmt: skip


@st.composite
def requests(draw: st.DrawFn) -> tuple[be.Verdict, Any]:
    """A golden case's request with other ids, symbol, time and extra parameters, and an unknown verdict."""
    case = draw(st.sampled_from(CASES))
    frame, status, product = case.answer
    request = copy.deepcopy(case.request)
    if isinstance(request, dict) and isinstance(request.get("params"), dict):
        params = request["params"]
        for key in ID_KEYS:
            if key in params and draw(st.booleans()):
                params[key] = draw(ids)
        if "symbol" in params:
            params["symbol"] = draw(symbols)
        params.update(draw(st.dictionaries(st.sampled_from(sorted(SECRETS)), json_values, max_size=4)))
        params.update(draw(st.dictionaries(st.text(max_size=8), json_values, max_size=3)))
    verdict = be.classify(frame, status, product=product)
    if draw(st.booleans()):
        verdict = be.classify(None, 503, product=product)
    return verdict, request


@given(requests())
def test_every_step_is_a_request_plan_reads(drawn: tuple[be.Verdict, Any]) -> None:
    """Each step is a read-only request of the same product: ``plan`` of it with a lost answer resends it."""
    verdict, request = drawn
    plan = be.plan(verdict, request)
    lost = be.classify(None, 503, product=verdict.product)
    for step in plan.steps:
        again = be.plan(lost, step.request)
        assert be.PlanAction.RESEND is again.action, (step.request, again.reason)
        assert [step.request] == [s.request for s in again.steps]


@given(requests())
def test_no_step_copies_a_secret(drawn: tuple[be.Verdict, Any]) -> None:
    """No step carries signature, timestamp, apiKey or recvWindow; a query step holds the symbol and one id."""
    verdict, request = drawn
    for step in be.plan(verdict, request).steps:
        assert not SECRETS & set(step.request.get("params", step.request))
        if step.kind in ("order", "order_list"):
            assert 1 == len(set(step.request["params"]) & set(ID_KEYS))


not_shown = st.sampled_from(
    [
        ({"code": -2013, "msg": "Order does not exist."}, 400),
        ({"code": -2011, "msg": "Unknown order sent."}, 400),
        ({"id": 1, "status": 400, "error": {"code": -2013, "msg": "Order does not exist."}}, None),
        ({"symbol": "BTCUSDT", "orderId": 9, "clientOrderId": "c", "origQty": "1", "status": "NEW"}, 200),
        ([{"symbol": "BTCUSDT", "orderId": 9, "clientOrderId": "c", "status": "NEW"}], 200),
        ({"orderListId": 9, "listClientOrderId": "c", "listOrderStatus": "EXECUTING"}, 200),
        ([], 200),
    ]
)
spot_requests = st.sampled_from(
    [
        ("POST", "/api/v3/order", {"side": "BUY", "type": "MARKET", "quantity": "1", "newClientOrderId": "c"}),
        ("POST", "/api/v3/order", {"side": "BUY", "type": "MARKET", "quantity": "1"}),
        ("DELETE", "/api/v3/order", {"origClientOrderId": "c"}),
        ("PUT", "/api/v3/order/amend/keepPriority", {"orderId": 9, "newQty": "0.5"}),
        ("DELETE", "/api/v3/openOrders", {}),
        ("POST", "/api/v3/orderList/oco", {"listClientOrderId": "c"}),
        ("DELETE", "/api/v3/orderList", {"orderListId": 9}),
        ("POST", "/api/v3/order/cancelReplace", {"cancelOrderId": 9, "newClientOrderId": "c"}),
    ]
)


@given(
    spot_requests,
    not_shown,
    st.integers(min_value=0, max_value=60_000_000).map(lambda us: us / 1000),
    st.integers(min_value=-100_000, max_value=200_000),
)
def test_never_not_executed_while_the_window_is_open(
    sent: tuple[str, str, dict[str, Any]], answer: tuple[Any, int | None], recv_window: float, offset: int
) -> None:
    """An answer that does not show the request's effect says "not executed" only once
    now >= timestamp + recvWindow (+ margin); before that it is unknown with a next query time."""
    method, path, params = sent
    request = {"method": method, "path": path, "params": {**params, "symbol": "BTCUSDT", "timestamp": TS,
                                                           "recvWindow": recv_window}}  # fmt: skip
    now = TS + offset
    for step in be.plan(be.classify(None, 503), request).steps:
        frame, status = answer
        r = be.resolve(step, frame, http_status=status, now_ms=now)
        if now < TS + recv_window:
            assert be.Execution.NO is not r.execution, (step.request, frame, r.reason)
        if r.execution is be.Execution.NO:
            assert step.cutoff_ms is not None and now >= step.cutoff_ms
        if r.execution is be.Execution.UNKNOWN and r.next is not None and r.next.at_ms is not None:
            assert r.next.at_ms > now or r.next.action is not be.PlanAction.WAIT
        assert r.safe_to_resend <= (r.execution is be.Execution.NO)


@given(
    st.one_of(any_value, json_values, st.sampled_from([c.request for c in CASES])), st.sampled_from(sorted(be.PRODUCTS))
)
def test_plan_never_raises(request: Any, product: str) -> None:
    """Any value as the request: a plan (manual with a reason when unreadable), never an exception."""
    plan = be.plan(be.classify(None, 503, product=product), request)
    assert isinstance(plan, be.Plan)
    assert plan.action is not be.PlanAction.MANUAL or (plan.reason and not plan.steps)


@given(st.sampled_from(CASES), st.one_of(hostile_frames(), any_value), hostile_statuses, hostile_headers, any_value)
def test_resolve_never_raises(case: Any, answer: Any, status: Any, headers: Any, now: Any) -> None:
    """Any answer, status, headers and clock: a resolution, and resending is safe only when not executed."""
    product = case.answer[2]
    for step in be.plan(be.classify(None, 503, product=product), case.request).steps:
        r = be.resolve(step, answer, http_status=status, headers=headers, now_ms=now)
        assert isinstance(r, be.Resolution)
        assert r.safe_to_resend <= (r.execution is be.Execution.NO)
