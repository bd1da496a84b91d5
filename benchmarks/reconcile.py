"""Timings of ``plan`` and ``resolve`` (issue 20: under 10 us per call each); exits 1 when missed.

    python benchmarks/reconcile.py          # also run by benchmarks/run.py

Every plan of the golden corpus (tests/plan_cases.py) is checked against its expected steps, and
every resolve answer against its expected execution, before anything is timed. Each figure is the
median ns per call over interleaved rounds with the garbage collector frozen and disabled, next to a
hand-written floor timed in the same rounds: the least code that builds the same step from the same
request (no validation, one shape) or reads the same answer (one dict lookup), to show what the
machine gives at the time of the run.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]  # this checkout's package and tests

import binance_errors as be  # noqa: E402
from tests.plan_cases import CASES, TS  # noqa: E402

TARGET_NS = 10_000
Row = tuple[str, float, float, float, str, bool | None]
perf = time.perf_counter_ns
ORDER_PATHS = {"/api/v3/order": "/api/v3/order", "/fapi/v1/order": "/fapi/v1/order"}


def floor_plan(request: Any) -> dict[str, Any]:
    """Floor for ``plan``: the step of a REST order with a client id, nothing checked."""
    params = request["params"]
    return {
        "method": "GET",
        "path": ORDER_PATHS[request["path"]],
        "params": {"symbol": params["symbol"], "origClientOrderId": params["newClientOrderId"]},
    }


def floor_resolve(answer: Any) -> bool:
    """Floor for ``resolve``: is it an order or the not-found code."""
    return "status" in answer or answer.get("code") == -2013


def _case(name: str) -> Any:
    return next(case for case in CASES if case.name == name)


def corpus() -> tuple[dict[str, list[tuple[be.Verdict, Any]]], dict[str, list[tuple[be.Plan, Any, int, int]]]]:
    """Plan inputs per transport and resolve inputs per answer kind, each checked first."""
    for case in CASES:
        frame, status, product = case.answer
        made = be.plan(be.classify(frame, status, product=product), case.request)
        assert (case.action, case.steps) == (made.action.value, [s.request for s in made.steps]), case.name
    picks = {
        "REST order": "spot new order",
        "WebSocket API order": "spot WebSocket API order.place",
        "FIX NewOrderSingle": "FIX NewOrderSingle",
    }
    plans = {}
    for label, name in picks.items():
        case = _case(name)
        frame, status, product = case.answer
        plans[label] = [(be.classify(frame, status, product=product), case.request)]
    plans[f"golden corpus ({len(CASES)} requests)"] = [
        (be.classify(c.answer[0], c.answer[1], product=c.answer[2]), c.request) for c in CASES
    ]
    plan = be.plan(*plans["REST order"][0])
    client_id = plan.steps[0].request["params"]["origClientOrderId"]
    order = {"symbol": "BTCUSDT", "orderId": 28, "clientOrderId": client_id, "status": "FILLED", "executedQty": "0.01"}
    missing = {"code": -2013, "msg": "Order does not exist."}
    cutoff = plan.steps[0].cutoff_ms
    answers = {
        "found order": [(plan, order, 200, TS + 300)],
        "not found, recvWindow open": [(plan, missing, 400, TS + 300)],
        "not found, past the cutoff": [(plan, missing, 400, cutoff)],
    }
    expected = {"found order": "yes", "not found, recvWindow open": "unknown", "not found, past the cutoff": "no"}
    for label, items in answers.items():
        for made, answer, status, now in items:
            assert expected[label] == be.resolve(made, answer, http_status=status, now_ms=now).execution.value, label
    return plans, answers


def _rounds(rounds: int, base: Callable[[], int], ours: Callable[[], int], calls: int) -> tuple[float, float, float]:
    base_ns, ours_ns, ratios = [], [], []
    for i in range(rounds):
        b, o = (base(), ours()) if i % 2 == 0 else (ours(), base())[::-1]
        base_ns.append(b / calls)
        ours_ns.append(o / calls)
        ratios.append(o / b)
    return statistics.median(base_ns), statistics.median(ours_ns), statistics.median(ratios)


def figures(rounds: int = 15, calls: int = 4000) -> list[Row]:
    """One row per figure: (label, ours ns, floor ns, ratio, target, met)."""
    plans, answers = corpus()
    rest_request = plans["REST order"][0][1]
    rows: list[Row] = []
    for label, items in plans.items():
        batch = (items * (calls // len(items) + 1))[:calls]

        def ours(batch: list[tuple[be.Verdict, Any]] = batch) -> int:
            plan = be.plan
            start = perf()
            for verdict, request in batch:
                plan(verdict, request)
            return perf() - start

        def base() -> int:
            start = perf()
            for _ in range(calls):
                floor_plan(rest_request)
            return perf() - start

        b, o, ratio = _rounds(rounds, base, ours, calls)
        rows.append((f"plan: {label}", o, b, ratio, "<= 10 us", o <= TARGET_NS))
    for label, resolve_items in answers.items():
        made, answer, status, now = resolve_items[0]

        def ours_r(made: be.Plan = made, answer: Any = answer, status: int = status, now: int = now) -> int:
            resolve = be.resolve
            start = perf()
            for _ in range(calls):
                resolve(made, answer, http_status=status, now_ms=now)
            return perf() - start

        def base_r(answer: Any = answer) -> int:
            start = perf()
            for _ in range(calls):
                floor_resolve(answer)
            return perf() - start

        b, o, ratio = _rounds(rounds, base_r, ours_r, calls)
        rows.append((f"resolve: {label}", o, b, ratio, "<= 10 us", o <= TARGET_NS))
    return rows


def status_check_ns(calls: int = 200_000) -> float:
    """The machine at the time of the run: benchmarks/run.py's OK-frame baseline, best of 7 passes."""
    frame = {"id": 1, "status": 200, "result": {}}

    def check(d: Any) -> bool:
        return d.get("status") == 200  # type: ignore[no-any-return]

    best = float("inf")
    for _ in range(7):
        start = perf()
        for _ in range(calls):
            check(frame)
        best = min(best, (perf() - start) / calls)
    return best


def opcodes(call: Callable[[], Any]) -> int:
    """Bytecode instructions one call runs (``sys.settrace`` opcode events): a count no load changes."""
    count = 0

    def trace(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        frame.f_trace_opcodes = True
        count += event == "opcode"
        return trace

    sys.settrace(trace)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


def instruction_counts() -> list[tuple[str, int]]:
    """Instructions per call of plan (three requests), resolve (three answers) and, for scale, classify."""
    plans, answers = corpus()
    counts = []
    for label in ("REST order", "WebSocket API order", "FIX NewOrderSingle"):
        verdict, request = plans[label][0]
        counts.append((f"plan: {label}", opcodes(lambda v=verdict, r=request: be.plan(v, r))))
    for label, ((made, answer, status, now),) in answers.items():
        call = lambda m=made, a=answer, s=status, n=now: be.resolve(m, a, http_status=s, now_ms=n)  # noqa: E731
        counts.append((f"resolve: {label}", opcodes(call)))
    error = {"code": -2013, "msg": "Order does not exist."}
    counts.append(("classify: a documented error (for scale)", opcodes(lambda: be.classify(error, 400))))
    return counts


def main() -> int:
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        before = status_check_ns()
        rows = figures()
        after = status_check_ns()
    finally:
        gc.enable()
        gc.unfreeze()
    print(f"machine: d.get('status') == 200 takes {before:.0f} ns before and {after:.0f} ns after the figures")
    print("bytecode instructions per call: " + ", ".join(f"{label} {n}" for label, n in instruction_counts()))
    print(f"{'figure':<46} {'ours':>10} {'floor':>9} {'ratio':>8}  target      result")
    for label, ours, base, ratio, target, ok in rows:
        print(
            f"{label:<46} {ours / 1000:>8.2f}us {base:>7.0f}ns {ratio:>7.1f}x  {target:<11} {'ok' if ok else 'MISSED'}"
        )
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
