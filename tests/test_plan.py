"""``be.plan``: golden plans per product and transport (tests/plan_cases.py), and bad input."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import binance_errors as be
from tests.plan_cases import CASES, TS, Case, fix, rest

UNKNOWN = be.classify(None, http_status=503)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_golden_plan(case: Case) -> None:
    """The plan's action and step requests are the ones the endpoint docs give (case.docs)."""
    frame, status, product = case.answer
    verdict = be.classify(frame, status, product=product)
    plan = be.plan(verdict, case.request)
    assert (case.action, case.steps) == (plan.action.value, [step.request for step in plan.steps]), plan.reason


def test_spot_cutoff_is_timestamp_plus_recv_window_plus_margin() -> None:
    """A spot step carries its cutoff: timestamp + recvWindow (rounded up) + the margin."""
    request = rest(
        "POST", "/api/v3/order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="1", newClientOrderId="a"
    )
    request["params"]["recvWindow"] = "6000.346"
    step = be.plan(UNKNOWN, request).steps[0]
    assert ("recv_window", TS + 6001 + 2000) == (step.rule, step.cutoff_ms)
    assert TS + 6001 + 500 == be.plan(UNKNOWN, request, margin_ms=500).steps[0].cutoff_ms


def test_default_recv_window_is_5000() -> None:
    """Without recvWindow the spot default, 5000 ms, applies."""
    request = {
        "method": "POST",
        "path": "/api/v3/order",
        "params": {"symbol": "X", "newClientOrderId": "a", "timestamp": TS},
    }
    assert TS + 5000 + 2000 == be.plan(UNKNOWN, request).steps[0].cutoff_ms


def test_microsecond_timestamp() -> None:
    """A timestamp in microseconds (spot accepts both) is read as ms."""
    request = {
        "method": "POST",
        "path": "/api/v3/order",
        "params": {"symbol": "X", "newClientOrderId": "a", "timestamp": TS * 1000 + 999},
    }
    assert TS == be.plan(UNKNOWN, request).steps[0].sent_ms


def test_futures_and_margin_have_no_cutoff() -> None:
    """USD-M, COIN-M, options, portfolio margin and margin document no pre-matching-engine check."""
    for path, product in (
        ("/fapi/v1/order", "usdm"),
        ("/dapi/v1/order", "coinm"),
        ("/eapi/v1/order", "options"),
        ("/papi/v1/um/order", "portfolio_margin"),
        ("/sapi/v1/margin/order", "margin"),
    ):
        params = {"symbol": "X", "newClientOrderId": "a", "clientOrderId": "a", "timestamp": TS}
        step = be.plan(
            be.classify(None, 503, product=product), {"method": "POST", "path": path, "params": params}
        ).steps[0]
        assert ("none", None) == (step.rule, step.cutoff_ms), path


def test_fix_cutoff_from_sending_time_and_recv_window() -> None:
    """FIX: SendingTime(52) + RecvWindow(25000); without RecvWindow no check runs (fix-api.md)."""
    step = be.plan(UNKNOWN, fix("35=D", "11=a", "55=BTCUSDT", "54=1", "38=1", "40=1")).steps[0]
    assert (TS, "recv_window", TS + 5000 + 2000) == (step.sent_ms, step.rule, step.cutoff_ms)
    bare = "8=FIX.4.4|35=D|52=20231114-22:13:20.000|11=a|55=BTCUSDT|54=1|38=1|40=1|10=000|"
    step = be.plan(UNKNOWN, bare).steps[0]
    assert ("no_recv_window", None) == (step.rule, step.cutoff_ms)


def test_fix_via_websocket_api() -> None:
    """``fix_via="ws_api"`` gives the FIX order's WebSocket API query instead of REST."""
    plan = be.plan(UNKNOWN, fix("35=D", "11=fx", "55=BTCUSDT", "54=1", "38=1", "40=1"), fix_via="ws_api")
    assert [{"method": "order.status", "params": {"symbol": "BTCUSDT", "origClientOrderId": "fx"}}] == [
        step.request for step in plan.steps
    ]


def test_no_client_id_warns() -> None:
    """An order sent without a client id: a search step, the warning that it cannot prove absence."""
    plan = be.plan(UNKNOWN, rest("POST", "/api/v3/order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="1"))
    assert "search" == plan.steps[0].kind
    assert any("cannot prove" in warning and "newClientOrderId" in warning for warning in plan.warnings)


def test_ws_step_to_rest_warns() -> None:
    """A query the product's WebSocket API lacks goes to REST, and the plan says so."""
    request = {
        "id": 1,
        "method": "order.place",
        "params": {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1"},
    }
    plan = be.plan(be.classify(None, 503, product="usdm"), request)
    assert "rest" == plan.steps[0].transport
    assert any("WebSocket API has no history query" in warning for warning in plan.warnings)


def test_settled_verdicts_need_nothing() -> None:
    """Executed or rejected: nothing to settle, whatever the request."""
    request = rest(
        "POST", "/api/v3/order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="1", newClientOrderId="a"
    )
    rejected = {"code": -2010, "msg": "Account has insufficient balance for requested action."}
    for frame, status in (({"orderId": 1, "status": "FILLED"}, 200), (rejected, 400)):
        assert be.PlanAction.NONE is be.plan(be.classify(frame, status), request).action


def test_duplicate_order_sent_queries() -> None:
    """ "Duplicate order sent." (execution no, reconcile query_order): query the existing order."""
    verdict = be.classify({"code": -2010, "msg": "Duplicate order sent."}, 400)
    request = rest(
        "POST", "/api/v3/order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="1", newClientOrderId="d"
    )
    assert verdict.reconcile is be.Reconcile.QUERY_ORDER
    assert be.PlanAction.QUERY is be.plan(verdict, request).action


def test_openapi_is_manual() -> None:
    """The second venue's docs name no order query: manual, with the reason."""
    verdict = be.classify({"code": 1001, "msg": "System error"}, 200, product="openapi")
    plan = be.plan(verdict, rest("POST", "/api/v3/order", symbol="X", newClientOrderId="a"))
    assert be.PlanAction.MANUAL is plan.action and "names no order query" in plan.reason


def test_product_mismatch_warns() -> None:
    """A verdict read with another product's table than the request's path: a warning, the path's query."""
    plan = be.plan(
        be.classify(None, 503, product="coinm"), rest("POST", "/fapi/v1/order", symbol="X", newClientOrderId="a")
    )
    assert "/fapi/v1/order" == plan.steps[0].request["path"] and plan.warnings


class Hostile(Mapping[str, Any]):
    """A mapping that raises on every read."""

    def __getitem__(self, key: str) -> Any:
        raise RuntimeError("no")

    def __iter__(self) -> Iterator[str]:
        raise RuntimeError("no")

    def __len__(self) -> int:
        return 1


BAD = [
    ("a list", [1, 2]),
    ("None", None),
    ("an int", 7),
    ("no method", {"path": "/api/v3/order"}),
    ("unknown path", {"method": "POST", "path": "/api/v9/nothing", "params": {"symbol": "X"}}),
    ("unrecognised sapi", {"method": "POST", "path": "/sapi/v1/asset/transfer", "params": {}}),
    ("missing symbol", {"method": "POST", "path": "/api/v3/order", "params": {"newClientOrderId": "a"}}),
    ("symbol not a string", {"method": "POST", "path": "/api/v3/order", "params": {"symbol": ["X"]}}),
    ("params a list", {"method": "POST", "path": "/api/v3/order", "params": [1]}),
    ("cancel naming no order", {"method": "DELETE", "path": "/api/v3/order", "params": {"symbol": "X"}}),
    ("bad recvWindow", {"method": "POST", "path": "/api/v3/order", "params": {"symbol": "X", "recvWindow": "soon"}}),
    ("batch not JSON", {"method": "POST", "path": "/fapi/v1/batchOrders", "params": {"batchOrders": "[{"}}),
    ("unknown WS method", {"id": 1, "method": "order.teleport", "params": {}}),
    ("WS params a string", {"id": 1, "method": "order.place", "params": "symbol=X"}),
    ("text that is not FIX", "hello"),
    ("FIX without MsgType", "8=FIX.4.4|11=a|"),
    ("unknown FIX MsgType", "8=FIX.4.4|35=ZZ|11=a|55=X|"),
    ("a hostile mapping", Hostile()),
    ("a hostile params", {"method": "POST", "path": "/api/v3/order", "params": Hostile()}),
]


@pytest.mark.parametrize(("what", "request_"), BAD, ids=[what for what, _ in BAD])
def test_bad_request_is_manual(what: str, request_: Any) -> None:
    """A request the library cannot read: manual with a reason, no steps, no exception."""
    plan = be.plan(UNKNOWN, request_)
    assert (be.PlanAction.MANUAL, ()) == (plan.action, plan.steps)
    assert plan.reason


def test_batch_item_count_mismatch_is_manual() -> None:
    """An answer with more items than the request sent cannot be matched item by item."""
    verdict = be.classify(
        [{"code": -1001, "msg": "Internal error; unable to process your request. Please try again."}] * 4,
        200,
        product="usdm",
    )
    request = rest("POST", "/fapi/v1/batchOrders", batchOrders='[{"symbol":"X","newClientOrderId":"a"}]')
    assert be.PlanAction.MANUAL is be.plan(verdict, request).action


def test_not_a_verdict_is_manual() -> None:
    """plan() given something other than a Verdict answers manual."""
    assert be.PlanAction.MANUAL is be.plan({"code": -1007}, {"method": "GET", "path": "/api/v3/time"}).action  # type: ignore[arg-type]


def test_plan_to_dict() -> None:
    """A plan converts to plain JSON-ready data."""
    plan = be.plan(UNKNOWN, rest("POST", "/api/v3/order", symbol="BTCUSDT", newClientOrderId="a"))
    data = plan.to_dict()
    assert ("query", "/api/v3/order", TS + 7000) == (
        data["action"],
        data["steps"][0]["request"]["path"],
        data["steps"][0]["cutoff_ms"],
    )


@given(st.integers(min_value=0, max_value=253_402_300_799_999))
def test_fix_sending_time_matches_datetime(ms: int) -> None:
    """SendingTime(52) is read as the epoch ms datetime gives for the same UTC time."""
    moment = datetime.fromtimestamp(ms // 1000, UTC)
    text = moment.strftime("%Y%m%d-%H:%M:%S") + f".{ms % 1000:03d}"
    step = be.plan(UNKNOWN, f"8=FIX.4.4|35=D|52={text}|11=a|55=BTCUSDT|54=1|38=1|40=1|10=000|").steps[0]
    assert ms == step.sent_ms


def test_fix_sending_time_rejects_impossible_dates() -> None:
    """No 29 February in 2023, no hour 24: the time is unknown, not wrong."""
    for text in ("20230229-00:00:00", "20231114-24:00:00", "20231114-22:13", "2023-11-14T22:13:20"):
        step = be.plan(UNKNOWN, f"8=FIX.4.4|35=D|52={text}|25000=5000|11=a|55=X|54=1|38=1|40=1|").steps[0]
        assert (None, None) == (step.sent_ms, step.cutoff_ms), text


def test_params_as_query_string_and_body() -> None:
    """Parameters as a query string, in the path's query or as a form body, are read like a mapping."""
    expected = [{"method": "GET", "path": "/api/v3/order", "params": {"symbol": "BTCUSDT", "origClientOrderId": "q-1"}}]
    shapes = (
        {
            "method": "POST",
            "path": "/api/v3/order",
            "params": "symbol=BTCUSDT&newClientOrderId=q-1&timestamp=1&signature=x",
        },
        {
            "method": "post",
            "path": "/api/v3/order?symbol=BTCUSDT&signature=x",
            "body": b"newClientOrderId=q-1&timestamp=1",
        },
        {
            "method": "POST",
            "url": "https://api.binance.com/api/v3/order/",
            "data": {"symbol": "BTCUSDT", "newClientOrderId": "q-1"},
        },
    )
    for request in shapes:
        assert expected == [step.request for step in be.plan(UNKNOWN, request).steps], request
