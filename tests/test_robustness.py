"""Hostile input, measured: linear time, bounded memory, thread safety, nothing lost, clear misuse
errors, and one regression test per bug the fuzzers found (README "Guarantees").

Timings are ratios within one run (the machine is shared); HYPOTHESIS_PROFILE=long also runs the
1,000,000-message memory check (100,000 messages by default).
"""

from __future__ import annotations

import gc
import os
import random
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import ujson

import binance_errors as be
from binance_errors._decide import RAW_TEXT_LIMIT

from .cases import BAN_MSG, CASES
from .invariants import check_kept, classify_checked

TABLE = be.load_table("spot")
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
KB, MB = 1024, 1024 * 1024
LINEAR_MARGIN = 4  # a linear match takes at most 4 x (1 MB / 1 KB) the time of the 1 KB one


# -- Linear time ---------------------------------------------------------------------------------


def _template_messages(size: int) -> Iterator[tuple[str, int, str]]:
    """For every template of the table: messages of about ``size`` characters built to be slow."""
    for code, templates in TABLE.templates.items():
        for number, (prefix, middles, suffix, _, _) in enumerate(templates):
            tag = f"{code}#{number}"
            fill = "7" * size
            yield f"{tag} long field", code, prefix + (fill + "".join(middles)) + suffix
            if middles:
                middle = middles[0]
                reps = size // len(middle) + 1
                yield f"{tag} middle repeated, no suffix", code, prefix + middle * reps
                yield f"{tag} middle repeated, with suffix", code, prefix + middle * reps + suffix
                near = middle[:-1] or "x"
                yield f"{tag} middle almost repeated", code, prefix + near * (size // len(near) + 1) + suffix
            yield f"{tag} prefix repeated", code, prefix * (size // max(len(prefix), 1) + 1) + suffix
            yield f"{tag} suffix repeated", code, prefix + suffix * (size // max(len(suffix), 1) + 1)
    yield "filter failure", -1013, "Filter failure: " + "A" * size
    yield "unknown code", -9_000_001, "x " * (size // 2)
    yield "no template", -2010, "Account has insufficient balance" * (size // 32 + 1)


def _best_time(call: Callable[[], Any], calls: int, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def _ratios() -> list[tuple[str, float]]:
    small = list(_template_messages(KB))
    large = list(_template_messages(MB))
    out = []
    for (name, code, short), (_, _, long) in zip(small, large, strict=True):
        short_body = ujson.dumps({"code": code, "msg": short}).encode()
        long_body = ujson.dumps({"code": code, "msg": long}).encode()
        assert be.classify(long_body, 400).message == long  # nothing lost, whatever the length
        t_short = _best_time(lambda body=short_body: be.classify(body, 400), 200)
        t_long = _best_time(lambda body=long_body: be.classify(body, 400), 3)
        out.append((name, t_long / t_short / (len(long_body) / len(short_body))))
    return out


@pytest.mark.slow
def test_template_matching_is_linear() -> None:
    """A 1 MB message (long fields, repeated literals, no suffix) takes time proportional to its length."""
    ratios = _ratios()
    assert len(ratios) >= 100
    slow = [(name, round(r, 2)) for name, r in ratios if r > LINEAR_MARGIN]
    if slow:  # a shared machine may stall once: measure those again before failing
        again = dict(_ratios())
        slow = [(name, round(again[name], 2)) for name, _ in slow if again[name] > LINEAR_MARGIN]
    assert [] == slow


@pytest.mark.slow
def test_one_megabyte_of_raw_text_is_linear() -> None:
    """1 MB of raw text (JSON, HTML, nested) takes time proportional to its length."""
    bodies = {
        "json frame": lambda n: ujson.dumps({"status": 400, "error": {"code": -2010, "msg": "m" * n}}).encode(),
        "html page": lambda n: b"<html>" + b"<p>502 Bad Gateway</p>" * (n // 22) + b"</html>",
        "nested": lambda n: b"[" * (n // 2) + b"]" * (n // 2),
        "truncated": lambda n: b'{"code":-1003,"msg":"' + b"Way too much " * (n // 13),
    }
    for name, make in bodies.items():
        short, long = make(KB), make(MB)
        t_short = _best_time(lambda body=short: be.classify(body, 502), 200)
        t_long = _best_time(lambda body=long: be.classify(body, 502), 3)
        assert t_long / t_short / (len(long) / len(short)) <= LINEAR_MARGIN, name


# -- Bounded memory ------------------------------------------------------------------------------


def _distinct_frames(count: int) -> Iterator[tuple[Any, Any, Any]]:
    """``count`` frames, each with a message no other has: ban times, limits, unknown codes, filters."""
    ban = BAN_MSG.replace("1659146400000", "{}")
    for i in range(count // 5):
        until = 1_659_146_400_000 + i
        data = {"serverTime": until - 3_600_000, "retryAfter": until}
        yield {"id": i, "status": 418, "error": {"code": -1003, "msg": ban.format(until), "data": data}}, None, None
        yield (
            {"code": -1015, "msg": f"Too many new orders; current limit is {i} orders per 10 SECOND."},
            429,
            {"Retry-After": str(i)},
        )
        yield {"status": 400, "error": {"code": -5_000_000 - i, "msg": f"Something new {i}."}}, None, None
        yield {"code": -1013 - i % 2 * 100_000, "msg": f"Filter failure: NEW_FILTER_{i}"}, 400, None
        yield f'{{"code": {-1100 - i % 900}, "msg": "unreadable {i}"'.encode(), 400, None


def _traced_growth(count: int) -> tuple[int, int]:
    """Bytes still allocated after classifying ``count`` distinct frames: (after 10%, after all)."""
    checkpoints = {count // 10, count}
    sizes = []
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        for done, (frame, status, headers) in enumerate(_distinct_frames(count), start=1):
            be.classify(frame, status, headers)
            if done in checkpoints:
                gc.collect()
                sizes.append(tracemalloc.get_traced_memory()[0] - start)
    finally:
        tracemalloc.stop()
    return sizes[0], sizes[1]


@pytest.mark.slow
def test_memory_stays_flat_over_distinct_messages() -> None:
    """Classifying 100,000 distinct messages (1,000,000 in the long profile) keeps no memory per message."""
    count = 1_000_000 if LONG else 100_000
    caches = (len(TABLE.unknown_filter), len(be.load_table.__globals__["_TABLES"]))
    early, late = _traced_growth(count)
    # A cache of one small object per distinct message would grow by 100 bytes x 90,000 = 9 MB.
    assert late - early < 64 * KB, (early, late)
    assert caches == (len(TABLE.unknown_filter), len(be.load_table.__globals__["_TABLES"]))


# -- Thread safety -------------------------------------------------------------------------------


def _shared_corpus() -> list[tuple[Any, Any, Any]]:
    corpus = [(frame, status, headers) for _, frame, status, headers, _ in CASES]
    corpus += list(_distinct_frames(500))
    corpus += [(b"\xff" + bytes(range(40)), 200, None), ("[" * 3000, None, None), (None, 503, None)]
    return corpus


def test_threads_get_the_single_threaded_results() -> None:
    """Eight threads classifying a shared corpus in random orders get exactly the single-threaded verdicts."""
    corpus = _shared_corpus()
    TABLE.unknown_filter.clear()  # the only lazily filled table state: let the threads race to fill it
    expected = [repr(be.classify(*item)) for item in corpus]
    TABLE.unknown_filter.clear()
    mismatches: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def work(seed: int) -> None:
        order = list(range(len(corpus))) * 3
        random.Random(seed).shuffle(order)
        barrier.wait()
        try:
            for index in order:
                if repr(be.classify(*corpus[index])) != expected[index]:
                    mismatches.append((seed, index))
        except BaseException as error:  # reported below; a thread's exception is otherwise lost
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=work, args=(seed,)) for seed in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert ([], []) == (errors, mismatches)
    assert len(corpus) > 500


# -- Nothing lost --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "frame",
    [
        {"code": "-2010", "msg": "Account has insufficient balance for requested action."},
        {"code": -2010.0, "msg": 42},
        {"code": True, "message": ["a", "list"]},
        {"code": -1003, "msg": "Way too much request weight used; IP banned until 1e3.", "data": {"x": 1}},
        {"status": 418, "error": {"code": -9_999_999, "msg": "new", "data": [1, 2]}},
        {"status": 200, "error": {"msg": {"nested": "msg"}, "data": "text"}},
        {"code": 200, "msg": "success", "data": {"orderId": 1}},
        {"code": 0, "msg": "success", "data": {"orderId": 1}},
        {"msg": "done", "data": [1]},
        {"success": False, "msg": "nope", "data": None},
        {"code": -2021, "msg": "Order cancel-replace partially failed.", "data": {"cancelResult": "SUCCESS"}},
        {"code": -2010, "msg": "m" * MB},
    ],
)
def test_code_message_and_data_are_kept(frame: Any) -> None:
    """A code, msg or data object that came in is on the verdict unchanged (as received when odd)."""
    check_kept(frame, classify_checked(frame, 400))
    check_kept(frame, classify_checked(frame))


@pytest.mark.parametrize(
    "raw",
    [
        "x" * (RAW_TEXT_LIMIT + 100),
        "é" * (RAW_TEXT_LIMIT + 1),
        b"<html>" + b"\xe6\x97\xa5" * RAW_TEXT_LIMIT,
        bytearray(b"{" * (RAW_TEXT_LIMIT * 5)),
        memoryview(b"not json at all"),
        '"a JSON string"',
        b"NaN",
        b"12345",
    ],
)
def test_unreadable_text_is_kept_up_to_the_bound(raw: Any) -> None:
    """Unreadable text is kept as received, cut to its first RAW_TEXT_LIMIT characters."""
    text = raw if isinstance(raw, str) else bytes(raw).decode("utf-8", "replace")
    verdict = classify_checked(raw, 200)
    assert (text[:RAW_TEXT_LIMIT], "MALFORMED") == (verdict.raw_text, verdict.reason)


# -- Misuse --------------------------------------------------------------------------------------


@pytest.mark.parametrize("product", ["futures", "SPOT", "", 1, [], {}, b"spot"])
def test_unknown_product_names_the_accepted_ones(product: Any) -> None:
    """An unknown product= (any type) raises UnknownProductError listing the accepted names."""
    with pytest.raises(be.UnknownProductError) as raised:
        be.classify({"status": 200, "result": {}}, product=product)
    assert "expected one of: " + ", ".join(sorted(be.PRODUCTS)) in str(raised.value)
    assert isinstance(raised.value, be.BinanceErrorsError) and isinstance(raised.value, ValueError)


def test_wrong_keyword_names_it_and_the_accepted_ones() -> None:
    """A wrong keyword raises TypeError naming it and listing the accepted keywords (no **kwargs cost)."""
    expected = (
        "classify[accepts frame, http_status, headers, product, now_ms]() got an unexpected keyword argument 'status'"
    )
    for classify in (be.classify, be.Classifier(be.load_table("usdm")).classify):
        with pytest.raises(TypeError) as raised:
            classify({"status": 200, "result": {}}, status=200)
        assert expected == str(raised.value)


# -- Regressions: one per bug the fuzzers found -----------------------------------------------------


def test_huge_retry_after_header_gives_a_delay() -> None:
    """A Retry-After of 20 digits is read exactly (no float); "1e308" is no RFC 9110 delay: no delay."""
    verdict = be.classify({"code": -1015, "msg": "x"}, 429, {"Retry-After": "9" * 20})
    assert (be.RetryAction.AFTER_DELAY, int("9" * 20) * 1000) == (verdict.retry.action, verdict.retry_after_ms)
    assert be.classify({"code": -1015, "msg": "x"}, 429, {"Retry-After": "1e308"}).retry_after_ms is None


def test_product_none_is_the_classifier_of_no_named_product() -> None:
    """product=None is what no product= means: the product is inferred from the answer."""
    frame = {"code": -2021, "msg": "Order would immediately trigger."}
    assert be.classify(frame, 400, product=None) is be.classify(frame, 400)


def test_unhashable_product_is_a_clear_error() -> None:
    """product=[] raised a bare TypeError (unhashable); it is an UnknownProductError now."""
    with pytest.raises(be.UnknownProductError):
        be.load_table([])  # type: ignore[arg-type]


def test_json_scalar_keeps_the_text_as_received() -> None:
    """A body that is a JSON scalar kept repr() of the parsed value; it keeps the text now."""
    assert '"busy"' == be.classify(b'"busy"', 200).raw_text


def test_success_body_keeps_its_data_and_message() -> None:
    """A success body's msg and data were dropped (`{"code": 200, ..., "data": ...}`); they are kept now."""
    data = {"orderId": 1}
    verdict = be.classify({"code": 200, "msg": "success", "data": data}, 200)
    assert (be.StatusClass.OK, "success") == (verdict.status_class, verdict.message)
    assert data is verdict.data
    assert data is be.classify({"msg": "placed", "data": data}, 200).data


def test_body_code_beats_result_key() -> None:
    """A body with both `result` and a `code` was read as a success by the slow path only; the code wins."""
    frame = {"result": None, "code": -2010, "msg": "Account has insufficient balance for requested action."}
    verdict = classify_checked(frame, 400)
    assert "INSUFFICIENT_BALANCE" == verdict.reason
