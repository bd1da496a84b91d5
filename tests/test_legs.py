"""Cancel/replace answers: every documented combination of the two legs (issue 3, part 1)."""

from __future__ import annotations

from typing import Any

import pytest

import binance_errors as be

PARTIAL = "Order cancel-replace partially failed."
FAILED = "Order cancel-replace failed."
CANCELED = {"symbol": "BTCUSDT", "origClientOrderId": "86M8erehfExV8z2RC8Zo8k", "orderId": 3, "status": "CANCELED"}
PLACED = {"symbol": "BTCUSDT", "orderId": 4, "clientOrderId": "new1", "status": "NEW"}
TAKE = {"code": -2010, "msg": "Order would immediately match and take."}
UNKNOWN = {"code": -2011, "msg": "Unknown order sent."}
TOO_MANY = {"code": -1015, "msg": "Too many new orders; current limit is 1 orders per 10 SECOND."}


def legs_data(cancel: str, new: str, cancel_response: Any, new_response: Any) -> dict[str, Any]:
    return {
        "cancelResult": cancel,
        "newOrderResult": new,
        "cancelResponse": cancel_response,
        "newOrderResponse": new_response,
    }


def rest(code: int, msg: str, data: Any) -> dict[str, Any]:
    return {"code": code, "msg": msg, "data": data}


def ws(status: int, code: int, msg: str, data: Any) -> dict[str, Any]:
    return {"id": "x", "status": status, "error": {"code": code, "msg": msg, "data": data}}


# (id, code, msg, status, data, class, execution, outcome, reconcile)
COMBINATIONS = [
    (
        "409-canceled-new-failed",
        -2021,
        PARTIAL,
        409,
        legs_data("SUCCESS", "FAILURE", CANCELED, TAKE),
        "partial",
        "partly",
        "canceled_not_replaced",
        "inspect_legs",
    ),
    (
        "409-cancel-failed-new-placed",
        -2021,
        PARTIAL,
        409,
        legs_data("FAILURE", "SUCCESS", UNKNOWN, PLACED),
        "partial",
        "partly",
        "placed_not_canceled",
        "inspect_legs",
    ),
    (
        "400-2022-new-not-attempted-null",
        -2022,
        FAILED,
        400,
        legs_data("FAILURE", "NOT_ATTEMPTED", UNKNOWN, None),
        "client_error",
        "no",
        "nothing_changed",
        "query_order",
    ),
    (
        "400-2022-both-failed",
        -2022,
        FAILED,
        400,
        legs_data("FAILURE", "FAILURE", UNKNOWN, TAKE),
        "client_error",
        "no",
        "nothing_changed",
        "query_order",
    ),
    (
        "429-cancel-only-new-leg-1015",
        -2021,
        PARTIAL,
        429,
        legs_data("SUCCESS", "FAILURE", CANCELED, TOO_MANY),
        "partial",
        "partly",
        "canceled_not_replaced",
        "inspect_legs",
    ),
    (
        "429-cancel-only-both-failed-1015",
        -2022,
        FAILED,
        429,
        legs_data("FAILURE", "FAILURE", UNKNOWN, TOO_MANY),
        "rate_limited",
        "no",
        "nothing_changed",
        "reduce_rate",
    ),
    (
        "429-2022-status-decides-severity",
        -2022,
        FAILED,
        429,
        legs_data("FAILURE", "NOT_ATTEMPTED", UNKNOWN, None),
        "rate_limited",
        "no",
        "nothing_changed",
        "reduce_rate",
    ),
    (
        "unreadable-leg-result",
        -2021,
        PARTIAL,
        409,
        legs_data("FAILURE", 7, UNKNOWN, None),
        "unknown_execution",
        "unknown",
        "unclear",
        "inspect_legs",
    ),
]
IDS = [c[0] for c in COMBINATIONS]


@pytest.mark.parametrize(
    ("code", "msg", "status", "data", "cls", "execution", "outcome", "reconcile"),
    [c[1:] for c in COMBINATIONS],
    ids=IDS,
)
def test_rest_combination(
    code: int, msg: str, status: int, data: Any, cls: str, execution: str, outcome: str, reconcile: str
) -> None:
    """A REST cancel/replace error classifies by its legs, not its status alone."""
    verdict = be.classify(rest(code, msg, data), status)
    assert verdict.legs is not None
    assert (cls, execution, outcome, reconcile) == (
        verdict.status_class.value,
        verdict.execution.value,
        verdict.legs.outcome.value,
        verdict.reconcile.value,
    )
    assert verdict.data is data  # nothing lost
    if execution in ("unknown", "partly"):
        assert be.RetryAction.AFTER_RECONCILE is verdict.retry.action


@pytest.mark.parametrize(("code", "msg", "status", "data"), [c[1:5] for c in COMBINATIONS], ids=IDS)
def test_ws_combination_matches_rest(code: int, msg: str, status: int, data: Any) -> None:
    """The WebSocket API form (legs in `error.data`) classifies exactly like the REST form."""
    from_ws = be.classify(ws(status, code, msg, data))
    from_rest = be.classify(rest(code, msg, data), status)
    assert from_rest == from_ws


def test_each_leg_has_its_own_verdict_and_order() -> None:
    """The canceled leg carries its order; the failed leg its own classification."""
    verdict = be.classify(rest(-2021, PARTIAL, legs_data("SUCCESS", "FAILURE", CANCELED, TAKE)), 409)
    assert verdict.legs is not None
    cancel, new = verdict.legs.cancel, verdict.legs.new_order
    assert (be.LegResult.SUCCESS, None, CANCELED) == (cancel.result, cancel.verdict, cancel.order)
    assert new.verdict is not None and new.order is None
    assert ("client_error", "WOULD_MATCH_AND_TAKE") == (new.verdict.status_class.value, new.verdict.reason)
    assert verdict.legs.summary.startswith("The old order was canceled; no replacement exists")


def test_nested_rate_limit_leg_is_rate_limited() -> None:
    """A nested -1015 in the new-order leg is rate limiting, with its limit pulled out."""
    verdict = be.classify(rest(-2021, PARTIAL, legs_data("SUCCESS", "FAILURE", CANCELED, TOO_MANY)), 429)
    assert verdict.legs is not None and verdict.legs.new_order.verdict is not None
    leg = verdict.legs.new_order.verdict
    assert ("rate_limited", {"limit": 1, "interval": "10 SECOND"}) == (leg.status_class.value, dict(leg.values))


def test_placed_not_canceled_summary_warns_both_live() -> None:
    """When the cancel failed but the new order was placed, the summary says both may be live."""
    verdict = be.classify(rest(-2021, PARTIAL, legs_data("FAILURE", "SUCCESS", UNKNOWN, PLACED)), 409)
    assert verdict.legs is not None
    assert "both may be live" in verdict.legs.summary
    assert PLACED == verdict.legs.new_order.order
    assert verdict.legs.cancel.verdict is not None and "UNKNOWN_ORDER" == verdict.legs.cancel.verdict.reason


def test_429_1015_without_data_is_plain_rate_limiting() -> None:
    """The 429 -1015 variant (no data, no legs) is rate limited and has no legs."""
    verdict = be.classify({"code": -1015, "msg": "Too many new orders; current limit is 1 orders per 10 SECOND."}, 429)
    assert ("rate_limited", None) == (verdict.status_class.value, verdict.legs)


def test_2021_without_data_keeps_the_code_meaning() -> None:
    """-2021 with no readable legs is still partial (the code says one leg failed, one did not)."""
    assert "partial" == be.classify({"code": -2021, "msg": PARTIAL}, 409).status_class.value
    assert "partial" == be.classify({"code": -2021, "msg": PARTIAL, "data": "oops"}, 400).status_class.value


def test_success_body_legs_on_request() -> None:
    """A successful cancel/replace classifies as ok; cancel_replace_legs reads its legs in any shape."""
    body = legs_data("SUCCESS", "SUCCESS", CANCELED, PLACED)
    assert "ok" == be.classify(body, 200).status_class.value
    for shape in (body, {"id": 1, "status": 200, "result": body}, rest(-2021, PARTIAL, body)):
        legs = be.cancel_replace_legs(shape)
        assert legs is not None and be.LegsOutcome.REPLACED is legs.outcome
    raw = be.cancel_replace_legs(
        b'{"code":-2022,"msg":"x","data":{"cancelResult":"FAILURE",'
        b'"newOrderResult":"NOT_ATTEMPTED","cancelResponse":{"code":-2011,'
        b'"msg":"Unknown order sent."},"newOrderResponse":null}}'
    )
    assert raw is not None and be.LegsOutcome.NOTHING_CHANGED is raw.outcome
    assert be.cancel_replace_legs({"status": 200, "result": {}}) is None
    assert be.cancel_replace_legs(b"not json") is None


def test_nested_legs_do_not_recurse() -> None:
    """A leg whose error is itself a -2021 with legs is classified without reading further legs."""
    inner = rest(-2021, PARTIAL, legs_data("SUCCESS", "FAILURE", CANCELED, TAKE))
    verdict = be.classify(rest(-2022, FAILED, legs_data("FAILURE", "FAILURE", inner, inner)), 400)
    assert verdict.legs is not None and verdict.legs.cancel.verdict is not None
    assert verdict.legs.cancel.verdict.legs is None


def test_legs_read_one_way_for_a_nested_cancel_replace_leg() -> None:
    """classify and cancel_replace_legs read a leg that is itself a -2021 the same way (they disagreed)."""
    nested = {"code": -2021, "msg": PARTIAL, "data": legs_data("SUCCESS", "FAILURE", CANCELED, TAKE)}
    body = rest(-2022, FAILED, legs_data("FAILURE", "NOT_ATTEMPTED", nested, None))
    by_classify = be.classify(body, 400).legs
    by_request = be.cancel_replace_legs(body)
    assert by_classify is not None and by_request is not None
    assert by_classify == by_request
    assert by_request.cancel.verdict is not None and by_request.cancel.verdict.legs is None


def test_a_documented_leg_reads_as_the_complete_procedure_reads_it() -> None:
    """classify_item's shortcut for a documented {code, msg} gives what classify_code gives for it."""
    from binance_errors._decide import _read_coded, classify_item

    checked = 0
    for product in sorted(be.PRODUCTS):
        table = be.load_table(product)
        table.materialize()
        for code, messages in list(table.built_exact.items()):
            for msg in messages:
                leg = {"code": code, "msg": msg}
                assert _read_coded(table, leg, None, None, leg, None, True) is classify_item(table, leg), (code, msg)
                checked += 1
    assert checked > 1500
