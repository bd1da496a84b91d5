"""Benchmarks for the performance contract (docs/design.md section 7); exits 1 when a target is missed.

    python benchmarks/run.py            # every figure (about a minute)
    python benchmarks/run.py --quick    # fewer rounds, scale up to 100k frames

Every figure is a ratio against a baseline timed in the same run, in interleaved rounds
(median of the per-round ratios), with the garbage collector frozen and disabled while timing.
Every corpus item's verdict is checked before anything is timed. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]  # this checkout's package, tests and benchmarks

import ujson  # noqa: E402

import binance_errors as be  # noqa: E402
from benchmarks import corpus, reconcile  # noqa: E402
from binance_errors._infer import classify_any  # noqa: E402  (be.classify's complete procedure)
from binance_errors._tables import spot  # noqa: E402
from tests.cases import attribute  # noqa: E402

Item = corpus.Item
perf = time.perf_counter_ns


# -- baselines: the minimal hand-written code each figure is compared with --------------------

KNOWN = {(code, msg): row for code, messages in spot.EXACT.items() for msg, row in messages.items()}


def status_check(d: Any) -> bool:
    """Baseline for OK frames: the least a client can do."""
    return d.get("status") == 200  # type: ignore[no-any-return]


def code_msg_lookup(frame: Any, status: Any, known: dict[tuple[int, str], int] = KNOWN) -> Any:
    """Baseline for known errors: one (code, msg) dict lookup."""
    error = frame.get("error", frame)
    return known.get((error["code"], error["msg"]))


# -- timing loops (same shape for baseline and subject) ---------------------------------------


def loop1(fn: Callable[[Any], Any], frames: list[Any]) -> int:
    start = perf()
    for frame in frames:
        fn(frame)
    return perf() - start


def loop2(fn: Callable[[Any, Any], Any], items: list[Item]) -> int:
    start = perf()
    for frame, status in items:
        fn(frame, status)
    return perf() - start


def loads_loop(items: list[Item]) -> int:
    loads = ujson.loads
    start = perf()
    for raw, _ in items:
        loads(raw)
    return perf() - start


def compare(rounds: int, calls: int, base: Callable[[], int], ours: Callable[[], int]) -> tuple[float, float, float]:
    """Median ns per call of base and ours, and the median of the per-round ratios ours/base."""
    base_ns, ours_ns, ratios = [], [], []
    for i in range(rounds):
        if i % 2:
            o, b = ours(), base()
        else:
            b, o = base(), ours()
        base_ns.append(b / calls)
        ours_ns.append(o / calls)
        ratios.append(o / b)
    return statistics.median(base_ns), statistics.median(ours_ns), statistics.median(ratios)


def repeat(items: list[Any], at_least: int) -> list[Any]:
    return items * max(1, -(-at_least // len(items)))


# -- correctness, before any timing -----------------------------------------------------------


def check(groups: dict[str, list[Item]]) -> int:
    """Assert every corpus item's verdict; return how many were checked."""
    table = be.load_table("spot")
    checked = 0
    for name, frame, status, headers, expected in corpus.golden():
        verdict = be.classify(frame, status, headers, product="spot")  # the spot documents' cases
        assert expected == {k: attribute(verdict, k) for k in expected}, name
        checked += 1
    for name, items in groups.items():
        for frame, status in items + corpus.raw(items):
            verdict = be.classify(frame, status)
            assert verdict == classify_any(table, frame, status, None), (name, frame)
            checked += 1
    for frame, status in groups["ok_ws"] + groups["ok_rest"]:
        assert be.classify(frame, status) is table.no_error[200], frame
    for frame, status in groups["known_errors"]:
        verdict = be.classify(frame, status)
        error = frame.get("error", frame)
        assert (error["code"], error["msg"], True) == (verdict.code, verdict.message, verdict.known), frame
        assert verdict is be.classify(frame, status), frame  # prebuilt and shared
    for frame, status in groups["templated"]:
        assert be.classify(frame, status).values, frame
    for frame, status in groups["filter_failures"]:
        assert "FILTER_FAILURE" == be.classify(frame, status).reason or be.classify(frame, status).filter, frame
    for frame, status in groups["unknown_codes"]:
        assert not be.classify(frame, status).known, frame
    for name, dynamic in corpus.dynamic().items():
        for frame, status, headers in dynamic + [corpus.as_rest(item) for item in dynamic]:
            verdict = be.classify(frame, status, headers)
            raw = ujson.dumps(frame).encode()
            assert verdict == classify_any(table, frame, status, headers) == be.classify(raw, status, headers), frame
            assert verdict is not be.classify(frame, status, headers), frame  # a per-response verdict
            timed = verdict.retry.at_ms is not None or verdict.retry.after_ms is not None
            expected = {
                "bans": (verdict.status_class is be.StatusClass.BANNED and timed),
                "rate_limits": (verdict.status_class is be.StatusClass.RATE_LIMITED and timed),
                "templated": bool(verdict.values),
                "unlisted_filters": verdict.filter is not None,
                "legs": verdict.legs is not None,
            }[name]
            assert expected, (name, frame, verdict)
            checked += 2
    return checked


# -- figures ----------------------------------------------------------------------------------

Row = tuple[str, float, float, float, str, bool | None]


def hot_path_figures(groups: dict[str, list[Item]], rounds: int) -> list[Row]:
    classify = be.classify
    rows: list[Row] = []

    ok = repeat([frame for frame, _ in groups["ok_ws"]], 40_000)
    base, ours, ratio = compare(rounds, len(ok), lambda: loop1(status_check, ok), lambda: loop1(classify, ok))
    rows.append(("parsed OK frame vs d.get('status') == 200", ours, base, ratio, "<= 2.0x", ratio <= 2.0))

    known = repeat(groups["known_errors"], 40_000)
    base, ours, ratio = compare(
        rounds, len(known), lambda: loop2(code_msg_lookup, known), lambda: loop2(classify, known)
    )
    rows.append(("parsed known error vs (code, msg) lookup", ours, base, ratio, "<= 3.0x", ratio <= 3.0))

    for label, name, target in (("raw OK WS frame", "ok_ws", 1.10), ("raw documented error", "known_errors", 1.25)):
        items = repeat(corpus.raw(groups[name]), 20_000)
        base, ours, ratio = compare(
            rounds, len(items), lambda items=items: loads_loop(items), lambda items=items: loop2(classify, items)
        )
        rows.append((f"{label} vs ujson.loads", ours, base, ratio, f"<= {target:.2f}x", ratio <= target))
    mixed = corpus.raw([item for item in corpus.mix(1000) if isinstance(item[0], dict | list)])
    raw_mix = repeat(mixed, 20_000)
    base, ours, ratio = compare(rounds, len(raw_mix), lambda: loads_loop(raw_mix), lambda: loop2(classify, raw_mix))
    rows.append(("  raw bytes (realistic mix) vs ujson.loads", ours, base, ratio, "(detail)", None))
    return rows


def ccxt_figures(groups: dict[str, list[Item]], rounds: int) -> list[Row] | str:
    try:
        import ccxt
    except ImportError:
        return "ccxt not installed: peer benchmark skipped (pip install '.[bench]' to run it)"
    exchange = ccxt.binance()
    url = "https://api.binance.com/api/v3/order"
    Peer = tuple[Any, int, Any, str]  # body, status, headers (None for ours, {} for ccxt), body text

    def peer(items: list[corpus.DynamicItem]) -> list[Peer]:
        return [(frame, status, headers, ujson.dumps(frame)) for frame, status, headers in items]

    def ccxt_loop(items: list[Peer]) -> int:
        handle = exchange.handle_errors
        start = perf()
        for frame, status, headers, body in items:
            try:  # noqa: SIM105 (contextlib.suppress would add its own cost to ccxt's side)
                handle(status, "Bad Request", url, "POST", headers or {}, body, frame, None, None)
            except Exception:  # ccxt reports an error by raising
                pass
        return perf() - start

    def ours_loop(items: list[Peer]) -> int:
        classify = be.classify
        start = perf()
        for frame, status, headers, _ in items:
            classify(frame, status, headers)
        return perf() - start

    documented = [(frame, status, None) for frame, status in groups["known_errors"] if status is not None]
    corpus_errors = documented + [(frame, status, None) for frame, status in groups["filter_failures"]]
    corpus_errors += [(frame["error"], 400, None) for frame, _ in groups["templated"]]
    dynamic = {name: [corpus.as_rest(item) for item in items] for name, items in corpus.dynamic().items()}
    every = [item for items in dynamic.values() for item in items]
    raised = 0
    for frame, status, headers, body in peer(corpus_errors + every + corpus.error_mix()):
        try:
            exchange.handle_errors(status, "Bad Request", url, "POST", headers or {}, body, frame, None, None)
        except Exception:
            raised += 1
    total = len(corpus_errors) + len(every) + len(corpus.error_mix())
    assert raised == total, f"ccxt raised on {raised} of {total} error bodies"
    version = ccxt.__version__
    subsets: list[tuple[str, list[corpus.DynamicItem], float | None]] = [
        (f"dynamic frames vs ccxt {version} handle_errors", every, 5.0),
        *((f"  {name.replace('_', ' ')} vs ccxt", items, None) for name, items in dynamic.items()),
        (f"realistic error mix vs ccxt {version}", corpus.error_mix(), 10.0),
        ("  documented exact messages vs ccxt", documented, None),
        ("  corpus errors (documented, filters, templated) vs ccxt", corpus_errors, None),
    ]
    rows: list[Row] = []
    for label, subset, target in subsets:
        items = repeat(peer(subset), 20_000)
        base, ours, ratio = compare(
            rounds, len(items), lambda items=items: ccxt_loop(items), lambda items=items: ours_loop(items)
        )
        speedup = 1 / ratio
        shown = "(detail)" if target is None else f">= {target:.0f}x faster"
        rows.append((label, ours, base, speedup, shown, None if target is None else speedup >= target))
    return rows


def import_figure(runs: int) -> Row:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def one(statement: str) -> float:
        code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        return float(out.stdout) * 1000

    where = subprocess.run(
        [sys.executable, "-c", "import binance_errors; print(binance_errors.__file__)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(ROOT), where  # timing this checkout, with its bytecode cached
    base, ours = [], []
    for _ in range(runs):
        base.append(one("import attrs, ujson"))
        ours.append(one("import binance_errors"))
    b, o = statistics.median(base), statistics.median(ours)
    delta = o - b
    return ("import binance_errors vs import attrs, ujson (ms)", o, b, delta, "<= +10 ms", delta <= 10.0)


def scale_figures(max_frames: int) -> tuple[list[str], bool]:
    """Time and memory per frame of the realistic mix from 1k frames up to ``max_frames``."""
    items = corpus.mix(1000)
    classify = be.classify
    lines, per_frame = [], {}
    sizes = [n for n in (1_000, 10_000, 100_000, 1_000_000) if n <= max_frames]
    retained = {}
    for n in sizes:
        stream = list(corpus.cycle(items, n))
        ns = min(loop2(classify, stream) for _ in range(3)) / n
        gc.enable()
        tracemalloc.start()
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        for frame, status in stream:
            classify(frame, status)
        after, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        gc.disable()
        del stream
        per_frame[n] = ns
        retained[n] = after - before
        lines.append(
            f"  {n:>9,} frames: {ns:7.0f} ns/frame, {1e9 / ns:>10,.0f} frames/s per core, "
            f"peak +{peak - before:,} B, retained {after - before:+,} B"
        )
    steady = [per_frame[n] for n in sizes if n >= 10_000] or list(per_frame.values())
    flat_time = max(steady) / min(steady) <= 1.5
    flat_memory = max(retained.values()) - min(retained.values()) < 64 * 1024
    lines.append(
        f"  time per frame max/min over >= 10k frames: {max(steady) / min(steady):.2f} (target <= 1.5); "
        f"retained memory spread {max(retained.values()) - min(retained.values()):,} B (target < 65,536)"
    )
    return lines, flat_time and flat_memory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, scale up to 100k frames")
    parser.add_argument("--rounds", type=int, default=None, help="timing rounds per figure (default 15, quick 5)")
    parser.add_argument("--import-runs", type=int, default=None, help="fresh interpreters per side (default 41)")
    args = parser.parse_args(argv)
    rounds = args.rounds or (5 if args.quick else 15)
    import_runs = args.import_runs or (11 if args.quick else 41)

    groups = corpus.groups()
    checked = check(groups)
    print(f"binance-errors {be.__version__}: {checked} corpus verdicts checked before timing")
    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}), {platform.platform()}, "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, commit {_commit()}"
    )
    results: list[Row] = []
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        results += hot_path_figures(groups, rounds)
        results += fix_figures(rounds)
        results += reconcile.figures(rounds)  # plan and resolve, per call (benchmarks/reconcile.py)
        peer = ccxt_figures(groups, rounds)
        scale_lines, scale_ok = scale_figures(100_000 if args.quick else 1_000_000)
    finally:
        gc.enable()
        gc.unfreeze()
    skipped = None
    if isinstance(peer, str):
        skipped = peer
    else:
        results += peer
    results.append(import_figure(import_runs))

    print()
    print(f"{'figure':<58} {'ours':>10} {'baseline':>10} {'ratio':>8}  {'target':<14} result")
    for label, ours, base, ratio, target, ok in results:
        unit = "ms" if "(ms)" in label else "ns"
        shown = f"{ratio:+.1f}ms" if unit == "ms" else (f"{ratio:.1f}x" if "ccxt" in label else f"{ratio:.2f}x")
        verdict = "" if ok is None else ("ok" if ok else "MISSED")
        print(f"{label:<58} {ours:>8.1f}{unit} {base:>8.1f}{unit} {shown:>8}  {target:<14} {verdict}")
    if skipped:
        print(skipped)
    print()
    print("Scale (realistic mix: " + ", ".join(f"{k} {v}%" for k, v in corpus.MIX_WEIGHTS.items()) + "):")
    print("\n".join(scale_lines))
    missed = [label for label, *_, ok in results if ok is False] + ([] if scale_ok else ["scale"])
    print()
    print("all targets met" if not missed else f"MISSED: {', '.join(missed)}")
    return 1 if missed else 0


def fix_figures(rounds: int) -> list[Row]:
    """The FIX tag=value figures (``benchmarks/wire.py``, imported here: it imports this module)."""
    from benchmarks.wire import fix_figures as figures

    return figures(rounds)


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
