"""Properties: never raises; the fast path, the slow path and the YAML reference agree;
static outcomes are shared objects."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

import binance_errors as be
from binance_errors._slow import classify_any

from .cases import CASES
from .reference import messages_of, observed, product, reference
from .strategies import frames, json_values, statuses

TABLE = be.load_table("spot")


def _check(verdict: be.Verdict) -> None:
    assert isinstance(verdict, be.Verdict)
    assert isinstance(verdict.status_class, be.StatusClass)
    if verdict.execution in (be.Execution.UNKNOWN, be.Execution.PARTLY):
        assert verdict.retry.action is be.RetryAction.AFTER_RECONCILE


@given(json_values, statuses)
def test_never_raises_on_json_values(value: Any, status: Any) -> None:
    """Any JSON-like value, with any status, gives a consistent verdict."""
    _check(be.classify(value, status))


@given(st.binary(max_size=300), statuses)
@example(b"\xff\xfe{", 200)
@example(b"[" * 5000, None)
def test_never_raises_on_bytes(raw: bytes, status: Any) -> None:
    """Arbitrary bytes (bad UTF-8, truncated JSON) give a consistent verdict."""
    _check(be.classify(raw, status))
    _check(be.classify(bytearray(raw), status))
    _check(be.classify(memoryview(raw), status))


@given(
    frames(),
    statuses,
    st.one_of(st.none(), st.dictionaries(st.text(max_size=20), st.text(max_size=20))),
    st.one_of(st.none(), st.integers(0, 2**45)),
)
def test_fast_path_equals_slow_path(frame: Any, status: Any, headers: Any, now_ms: int | None) -> None:
    """The hot path returns exactly what the complete procedure returns."""
    # repr, not ==: a NaN in the raw data is never equal to itself (found by the long profile)
    expected = classify_any(TABLE, frame, status, headers, now_ms)
    assert repr(expected) == repr(be.classify(frame, status, headers, now_ms=now_ms))


def _messages() -> list[tuple[int, str]]:
    table = product("spot")
    out = []
    for code in table["codes"]:
        for row in messages_of(table, code):
            for text in (row.get("match", row["text"]), *row.get("variants", [])):
                out.append((code, text))
    return out


MESSAGES = _messages()
CODES = sorted({code for code, _ in MESSAGES} | set(product("spot")["codes"]))


@st.composite
def code_msg(draw: st.DrawFn) -> tuple[int, str | None]:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        code, text = draw(st.sampled_from(MESSAGES))
        filler = draw(st.one_of(st.integers(-(10**15), 10**15).map(str), st.text(max_size=12)))
        return code, re.sub(r"%[sd]", lambda _: filler, text)
    if choice == 1:
        return draw(st.sampled_from(CODES)), draw(st.one_of(st.none(), st.text(max_size=30)))
    if choice == 2:
        name = draw(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ_", min_size=1, max_size=20))
        return draw(st.sampled_from([*CODES, -4999, 7])), f"Filter failure: {name}"
    return draw(st.integers(-10_000, 10_000)), draw(st.one_of(st.none(), st.text(max_size=30)))


@given(code_msg(), st.one_of(st.none(), st.integers(100, 599), st.sampled_from([200, 400, 403, 409, 418, 429, 503])))
def test_compiled_table_agrees_with_yaml_reference(pair: tuple[int, str | None], status: int | None) -> None:
    """classify() agrees with the slow reference that reads the YAML directly."""
    code, msg = pair
    body: dict[str, Any] = {"code": code}
    if msg is not None:
        body["msg"] = msg
    if code in (-2021, -2022):
        body["data"] = None
    verdict = be.classify(body, status)
    expected = reference(code, msg, status)
    actual = observed(verdict)
    assert expected == actual
    assert code == verdict.code
    assert msg == verdict.message


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
    grown = [
        s for s in after.compare_to(before, "filename") if "binance_errors" in str(s.traceback) and s.size_diff > 0
    ]
    assert [] == grown
