"""SBE figures (docs/design.md section 7): SBE answers against their parsed-JSON twins, ratios in one run.

    python benchmarks/sbe.py            # about half a minute
    python benchmarks/sbe.py --quick

Figures, each the median of per-round ratios (interleaved rounds, garbage collector frozen and
disabled, as ``run.py`` times):

- an SBE error (REST ``ErrorResponse`` bytes, ``Content-Type: application/sbe``) against the same
  error as a parsed dict (target <= 1.5x);
- an SBE success WebSocket frame (``WebSocketResponse`` with ``rateLimits`` wrapping an order)
  against the parsed OK-frame floor ``d.get("status") == 200`` (target <= 2x);
- details: the same SBE error as a WebSocket frame; the JSON bytes of the same answers through
  ``classify`` (what the SBE path replaces); a hand-written least SBE read (header, status) as a
  floor of what any Python SBE reader pays.

Every verdict is checked against its JSON twin before anything is timed. Exits 1 when a target is
missed.
"""

from __future__ import annotations

import argparse
import gc
import struct
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

import ujson  # noqa: E402

import binance_errors as be  # noqa: E402
from benchmarks.run import compare, loop1, repeat, status_check  # noqa: E402
from binance_errors._samples import SAMPLES  # noqa: E402
from tests import sbe_frames as F  # noqa: E402

HEADERS = F.SBE_HEADERS
_HEADER = struct.Struct("<HHHH").unpack_from
_STATUS = struct.Struct("<H").unpack_from


def corpus() -> dict[str, list[tuple[Any, Any, Any]]]:
    """(frame, http_status, headers) per figure, SBE and JSON twins built from the docs' examples."""
    documented = [
        (-2010, "Account has insufficient balance for requested action."),
        (-1013, "Filter failure: LOT_SIZE"),
        (-2011, "Unknown order sent."),
        (-1121, "Invalid symbol."),
        (-2010, "Duplicate order sent."),
    ]
    json_errors = [({"code": code, "msg": msg}, 400, HEADERS) for code, msg in documented]
    sbe_errors = [(F.error_response(code, msg), 400, HEADERS) for code, msg in documented]
    ws_json = [({"id": "1", "status": 400, "error": {"code": c, "msg": m}}, None, None) for c, m in documented]
    ws_sbe = [
        (F.websocket_response(400, F.error_response(c, m), SAMPLES[0][1]["rateLimits"]), None, None)
        for c, m in documented
    ]
    ack = F.new_order_ack("BTCUSDT", 12510053279, "a097fe6304b20a7e4fc436", 1655716096505_000)
    ok_sbe = [
        (F.websocket_response(200, ack, SAMPLES[0][1]["rateLimits"], request_id=f"r{i}"), None, None) for i in range(5)
    ]
    ok_json = [(SAMPLES[0][1], None, None)] * 5
    return {
        "json_errors": json_errors,
        "sbe_errors": sbe_errors,
        "ws_json": ws_json,
        "ws_sbe": ws_sbe,
        "ok_json": ok_json,
        "ok_sbe": ok_sbe,
    }


def check(groups: dict[str, list[tuple[Any, Any, Any]]]) -> int:
    keys = ("status_class", "code", "reason", "execution", "retry", "reconcile")
    checked = 0
    for json_name, sbe_name in (("json_errors", "sbe_errors"), ("ws_json", "ws_sbe"), ("ok_json", "ok_sbe")):
        for (jf, js, jh), (sf, ss, sh) in zip(groups[json_name], groups[sbe_name], strict=True):
            expected, actual = be.classify(jf, js, jh), be.classify(sf, ss, sh)
            assert [getattr(expected, k) for k in keys] == [getattr(actual, k) for k in keys], (jf, sf)
            checked += 1
    return checked


def loop3(items: list[tuple[Any, Any, Any]]) -> int:
    from time import perf_counter_ns

    classify = be.classify
    start = perf_counter_ns()
    for frame, status, headers in items:
        classify(frame, status, headers)
    return perf_counter_ns() - start


def least_sbe(frame: bytes) -> Any:
    """A hand-written floor: the header and the WebSocket status, nothing checked, nothing built."""
    _, template, schema, _ = _HEADER(frame, 0)
    return schema == 3 and template == 50 and _STATUS(frame, 9)[0] == 200


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    args = parser.parse_args(argv)
    rounds = 5 if args.quick else 11
    groups = corpus()
    print(f"binance-errors {be.__version__}: {check(groups)} SBE verdicts checked against their JSON twins")
    rows: list[tuple[str, float, float, float, str, bool | None]] = []
    gc.collect()
    gc.freeze()
    gc.disable()
    try:

        def pair(label: str, base: list[Any], ours: list[Any], target: float | None) -> None:
            b_items, o_items = repeat(base, 20_000), repeat(ours, 20_000)
            b, o, ratio = compare(rounds, len(o_items), lambda: loop3(b_items), lambda: loop3(o_items))
            shown = "(detail)" if target is None else f"<= {target:.1f}x"
            rows.append((label, o, b, ratio, shown, None if target is None else ratio <= target))

        pair("SBE REST error vs the same error as a parsed dict", groups["json_errors"], groups["sbe_errors"], 1.5)
        pair("  SBE WebSocket error frame vs its parsed dict", groups["ws_json"], groups["ws_sbe"], None)
        raw_errors = [(ujson.dumps(f).encode(), s, h) for f, s, h in groups["json_errors"]]
        pair("  SBE REST error vs the JSON bytes of it", raw_errors, groups["sbe_errors"], None)

        ok = repeat([frame for frame, _, _ in groups["ok_json"]], 20_000)
        ok_sbe = repeat(groups["ok_sbe"], 20_000)
        b, o, ratio = compare(rounds, len(ok), lambda: loop1(status_check, ok), lambda: loop3(ok_sbe))
        rows.append(("SBE success WS frame vs d.get('status') == 200", o, b, ratio, "<= 2.0x", ratio <= 2.0))
        frames = [frame for frame, _, _ in ok_sbe]
        b, o, ratio = compare(rounds, len(ok), lambda: loop1(status_check, ok), lambda: loop1(least_sbe, frames))
        rows.append(("  floor: least SBE read (header, status) vs the same", o, b, ratio, "(detail)", None))
        raw_ok = [(ujson.dumps(f).encode(), s, h) for f, s, h in groups["ok_json"]]
        pair("  SBE success WS frame vs the JSON bytes of it", raw_ok, groups["ok_sbe"], None)
    finally:
        gc.enable()
        gc.unfreeze()
    print(f"{'figure':<58} {'ours':>10} {'baseline':>10} {'ratio':>8}  {'target':<10} result")
    for label, ours, base, ratio, target, ok_ in rows:
        verdict = "" if ok_ is None else ("ok" if ok_ else "MISSED")
        print(f"{label:<58} {ours:>8.1f}ns {base:>8.1f}ns {ratio:>7.2f}x  {target:<10} {verdict}")
    missed = [label for label, *_, ok_ in rows if ok_ is False]
    print("all targets met" if not missed else f"MISSED: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
