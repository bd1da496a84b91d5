"""Properties, each stated once for every product: never raises; the fast path, the complete
procedure and the YAML reference agree; static outcomes are shared objects."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

import binance_errors as be
from binance_errors._decide import classify_any

from .cases import CASES
from .invariants import check_verdict
from .reference import messages_of, observed, owner, product, reference
from .strategies import frames, json_values, statuses

TABLE = be.load_table("spot")
PRODUCTS = sorted(be.PRODUCTS)
STATUSES = st.one_of(st.none(), st.integers(100, 599), st.sampled_from([200, 400, 403, 404, 408, 409, 418, 429, 503]))


@given(st.sampled_from(PRODUCTS), json_values, statuses)
def test_never_raises_on_json_values(name: str, value: Any, status: Any) -> None:
    """Any JSON-like value, with any status, gives a consistent verdict in every product."""
    check_verdict(be.classify(value, status, product=name), name)


@given(st.binary(max_size=300), statuses)
@example(b"\xff\xfe{", 200)
@example(b"[" * 5000, None)
def test_never_raises_on_bytes(raw: bytes, status: Any) -> None:
    """Arbitrary bytes (bad UTF-8, truncated JSON) give a consistent verdict."""
    check_verdict(be.classify(raw, status))
    check_verdict(be.classify(bytearray(raw), status))
    check_verdict(be.classify(memoryview(raw), status))


@given(
    st.sampled_from(PRODUCTS),
    frames(),
    statuses,
    st.one_of(st.none(), st.dictionaries(st.text(max_size=20), st.text(max_size=20))),
    st.one_of(st.none(), st.integers(0, 2**45)),
)
@example("spot", {"status": 200, "result": 1, "code": -2010, "msg": "Unknown order sent."}, None, None, None)  # was ok
def test_fast_path_equals_slow_path(name: str, frame: Any, status: Any, headers: Any, now_ms: int | None) -> None:
    """Each product's hot path returns exactly what its complete procedure returns."""
    # repr, not ==: a NaN in the raw data is never equal to itself (found by the long profile)
    expected = classify_any(be.load_table(name), frame, status, headers, now_ms)
    assert repr(expected) == repr(be.classify(frame, status, headers, product=name, now_ms=now_ms))


def _codes(name: str) -> list[int]:
    """Every code a product knows: its own, then its fallback products' (data/README.md "Fallback")."""
    found: dict[int, None] = {}
    table: dict[str, Any] | None = product(name)
    while table is not None:
        found.update(dict.fromkeys(table["codes"]))
        table = product(table["fallback"]) if table.get("fallback") else None
    return sorted(found)


def _messages(name: str) -> list[tuple[int, str]]:
    """Every (code, text) a product knows: messages, templates as written, variants."""
    return [
        (code, text)
        for code in _codes(name)
        for row in messages_of(owner(name, code), code)
        for text in (row.get("match", row["text"]), *row.get("variants", []))
    ]


CODES = {name: _codes(name) for name in PRODUCTS}
MESSAGES = {name: _messages(name) for name in PRODUCTS}


@st.composite
def product_code_msg(draw: st.DrawFn) -> tuple[str, int, str | None]:
    """A product and a body's (code, msg): documented, templated, unlisted filter, or anything."""
    name = draw(st.sampled_from(PRODUCTS))
    codes = CODES[name]
    messages = MESSAGES[name]
    choice = draw(st.integers(0 if messages else 1, 3))
    if choice == 0:
        code, text = draw(st.sampled_from(messages))
        filler = draw(st.one_of(st.integers(-(10**15), 10**15).map(str), st.text(max_size=12)))
        return name, code, re.sub(r"%[sdb]", lambda _: filler, text)
    if choice == 1:
        return name, draw(st.sampled_from(codes)), draw(st.one_of(st.none(), st.text(max_size=30)))
    if choice == 2:
        filter_name = draw(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ_", min_size=1, max_size=20))
        return name, draw(st.sampled_from([*codes, -4999, 7])), f"Filter failure: {filter_name}"
    return name, draw(st.integers(-10_000, 10_000)), draw(st.one_of(st.none(), st.text(max_size=30)))


@given(product_code_msg(), STATUSES)
@example(("openapi", 0, "Filter failure: "), None)  # regression: a success code took the filter rule
@example(("spot", 0, "Filter failure: LOT_SIZE"), 200)
def test_compiled_tables_agree_with_yaml_reference(case: tuple[str, int, str | None], status: int | None) -> None:
    """classify(product=...) agrees with the slow reference that reads that product's YAML directly."""
    name, code, msg = case
    body: dict[str, Any] = {"code": code}
    if msg is not None:
        body["msg"] = msg
    if code in (-2021, -2022):
        body["data"] = None  # no cancel/replace legs: the row alone decides
    verdict = be.classify(body, status, product=name)
    assert reference(code, msg, status, name=name) == observed(verdict)
    assert (code, msg) == (verdict.code, verdict.message)


def test_static_outcomes_are_shared_objects() -> None:
    """A static outcome is the identical prebuilt object on every call."""
    checked = 0
    for _, frame, status, headers, _ in CASES:
        error = frame.get("error", frame) if isinstance(frame, dict) else None
        if not isinstance(error, dict) or "data" in error or headers is not None:
            continue
        code, msg = error.get("code"), error.get("msg")
        if isinstance(code, int) and isinstance(msg, str) and msg in TABLE.exact.get(code, {}) and status != "400":
            first = be.classify(frame, status, headers)
            if not first.values and first.status_class not in (be.StatusClass.BANNED, be.StatusClass.RATE_LIMITED):
                assert first is be.classify(frame, status, headers)
                checked += 1
    assert checked >= 15
    ok = {"status": 200, "result": {}}
    assert be.classify(ok) is be.classify(dict(ok))


def test_no_result_allocated_for_static_frames() -> None:
    """Classifying 10,000 static frames allocates no result objects."""
    import tracemalloc

    frames_ = [case[1:4] for case in CASES if isinstance(case[1], dict)]
    static = [f for f in frames_ if be.classify(*f) is be.classify(*f)]
    assert len(static) >= 20
    for frame in static:
        be.classify(*frame)
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for _ in range(10_000 // len(static) + 1):
        for frame in static:
            be.classify(*frame)
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    package = str(Path(be.__file__).parent) + os.sep  # its files only (an unpacked sdist's tests too are under
    # a directory named binance_errors-<version>)
    grown = [
        s
        for s in after.compare_to(before, "filename")
        if s.traceback[0].filename.startswith(package) and s.size_diff > 0
    ]
    assert [] == grown
