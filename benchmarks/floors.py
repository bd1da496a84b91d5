"""Floors: what the least conceivable Python code reaches on the targets ``run.py`` can miss.

    python benchmarks/floors.py            # about half a minute

Each floor is hand-written code that does only part of what ``classify`` must do, specialized
to the benchmark's corpus (no type checks, no product switch, no loose matching, no message
rules, no status buckets, a tuple instead of a verdict). It is not a classifier: it answers
wrongly on anything outside the corpus. It shows how close to a target any pure-Python
classifier can come on this interpreter and machine: a target its floor misses cannot be met
by correct code. Timed as ``run.py`` times (interleaved rounds, median of the per-round ratios,
garbage collector frozen and disabled), against the same baselines, in the same run.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from time import perf_counter_ns as time_ns
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]  # this checkout's package and benchmarks

import ujson  # noqa: E402

import binance_errors as be  # noqa: E402
from benchmarks import corpus  # noqa: E402
from benchmarks.run import compare, loads_loop, loop1, loop2, repeat, status_check  # noqa: E402
from binance_errors._tables import spot  # noqa: E402

FILTER = "Filter failure: "


def _tables() -> tuple[dict[int, dict[str, int]], dict[int, tuple[tuple[str, str, int], ...]]]:
    """(code -> message -> row index) and (code -> (prefix, suffix, row index)) of the spot table."""
    templates = {
        code: tuple((prefix, suffix, row) for prefix, _, suffix, _, row in entries)
        for code, entries in spot.TEMPLATES.items()
    }
    return {code: dict(messages) for code, messages in spot.EXACT.items()}, templates


EXACT, TEMPLATES = _tables()
BUCKET = {status: 1 for status in range(100, 600)}
OWN, OK = "spot", object()


def least_ok(frame: Any, http_status: Any = None, headers: Any = None, product: str = OWN, now_ms: Any = None) -> Any:
    """The four probes a WebSocket API success needs (error, result, code, status), nothing else."""
    if "error" not in frame and "result" in frame and "code" not in frame and frame["status"] == 200:
        return OK
    return None


def least_raw(raw: Any, http_status: Any = None, headers: Any = None, product: str = OWN, now_ms: Any = None) -> Any:
    """Parse, then one lookup by code and message: no check of any value."""
    frame = ujson.loads(raw)
    if "error" in frame:
        error = frame["error"]
        return EXACT[error["code"]][error["msg"]], BUCKET[frame["status"]]
    return EXACT[frame["code"]][frame["msg"]], BUCKET[http_status]


def _leg(response: Any) -> Any:
    if response is not None and "code" in response:
        return EXACT[response["code"]].get(response["msg"])
    return response


def least_dynamic(body: Any, status: Any, headers: Any = None) -> Any:
    """A dynamic answer's least work: the exact lookup, one template or the filter prefix, the
    retry time from data, a header or the ban time, the two legs; a tuple for the answer."""
    code = body["code"]
    msg = body["msg"]
    row = EXACT[code].get(msg)
    value = None
    if row is None:
        for prefix, suffix, index in TEMPLATES.get(code, ()):
            if msg.startswith(prefix) and msg.endswith(suffix):
                row, value = index, msg[len(prefix) : len(msg) - len(suffix)]
                break
        else:
            if msg.startswith(FILTER):
                value = msg[len(FILTER) :]
    data = body.get("data")
    retry = legs = None
    if status == 418 or status == 429:
        if data is not None:
            retry = data["retryAfter"] - data["serverTime"]
        elif headers is not None:
            retry = int(headers["Retry-After"]) * 1000
        elif value is not None:
            retry = int(value[:13])
    elif data is not None:
        legs = (
            data["cancelResult"],
            data["newOrderResult"],
            _leg(data["cancelResponse"]),
            _leg(data["newOrderResponse"]),
        )
    return row, msg, value, retry, legs


def main() -> int:
    try:
        import ccxt
    except ImportError:
        ccxt = None
    groups = corpus.groups()
    rounds = 11
    rows: list[tuple[str, float, float, float, str]] = []
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        ok = repeat([frame for frame, _ in groups["ok_ws"]], 40_000)
        for name, fn in (("floor", least_ok), ("classify", be.classify)):
            base, ours, ratio = compare(rounds, len(ok), lambda: loop1(status_check, ok), lambda fn=fn: loop1(fn, ok))
            rows.append((f"parsed OK frame vs d.get('status') == 200: {name}", ours, base, ratio, "<= 2.0x"))
        raw = repeat(corpus.raw(groups["known_errors"]), 20_000)
        for name, fn in (("floor", least_raw), ("classify", be.classify)):
            base, ours, ratio = compare(rounds, len(raw), lambda: loads_loop(raw), lambda fn=fn: loop2(fn, raw))
            rows.append((f"raw documented error vs ujson.loads: {name}", ours, base, ratio, "<= 1.25x"))
        if ccxt is not None:
            rows += _peer_floors(ccxt, rounds)
    finally:
        gc.enable()
        gc.unfreeze()
    print(f"{'figure':<66} {'subject':>10} {'baseline':>10} {'ratio':>8}  target")
    for label, ours, base, ratio, target in rows:
        shown = f"{1 / ratio:.1f}x" if "faster" in target else f"{ratio:.2f}x"
        print(f"{label:<66} {ours:>8.1f}ns {base:>8.1f}ns {shown:>8}  {target}")
    return 0


def _peer_floors(ccxt: Any, rounds: int) -> list[tuple[str, float, float, float, str]]:
    exchange = ccxt.binance()
    url = "https://api.binance.com/api/v3/order"
    dynamic = [corpus.as_rest(item) for items in corpus.dynamic().values() for item in items]
    for body, status, headers in dynamic:  # the floor reads every dynamic item as classify does
        assert least_dynamic(body, status, headers)[0] is not None or body["msg"].startswith(FILTER), body

    def ccxt_loop(items: list[Any]) -> int:
        handle = exchange.handle_errors
        start = time_ns()
        for frame, status, headers, body in items:
            try:  # noqa: SIM105
                handle(status, "Bad Request", url, "POST", headers or {}, body, frame, None, None)
            except Exception:
                pass
        return time_ns() - start

    def subject_loop(fn: Any, items: list[Any]) -> int:
        start = time_ns()
        for frame, status, headers, _ in items:
            fn(frame, status, headers)
        return time_ns() - start

    rows = []
    for label, subset, target in (
        ("dynamic frames vs ccxt handle_errors", dynamic, ">= 5x faster"),
        ("realistic error mix vs ccxt", corpus.error_mix(), ">= 10x faster"),
    ):
        items = repeat([(f, s, h, ujson.dumps(f)) for f, s, h in subset], 20_000)
        for name, fn in (("floor", least_dynamic), ("classify", be.classify)):
            base, ours, ratio = compare(
                rounds,
                len(items),
                lambda items=items: ccxt_loop(items),
                lambda fn=fn, items=items: subject_loop(fn, items),
            )
            rows.append((f"{label}: {name}", ours, base, ratio, target))
    return rows


if __name__ == "__main__":
    sys.exit(main())
