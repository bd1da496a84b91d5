"""Hostile input, fuzzed: whatever arrives, classify returns a consistent verdict and loses nothing.

Profiles (tests/conftest.py): `ci` by default, `long` with HYPOTHESIS_PROFILE=long. The
coverage-guided counterpart is tests/fuzz/atheris_classify.py; its corpus is replayed here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import ujson
from hypothesis import example, given, settings
from hypothesis import strategies as st

import binance_errors as be
from binance_errors._decide import RAW_TEXT_LIMIT

from .invariants import check_kept, classify_checked, fuzz_one
from .strategies import hostile_frames, hostile_headers, hostile_statuses, hostile_texts, nest, odd_scalars

FUZZ_DIR = Path(__file__).resolve().parent / "fuzz"
CORPUS = sorted(p for d in ("corpus", "crashes") if (FUZZ_DIR / d).is_dir() for p in (FUZZ_DIR / d).iterdir())
now_values = st.one_of(st.none(), odd_scalars)
# More examples than the other property tests in CI (about 15 s each), the profile's in `long`.
fuzz = settings(max_examples=max(2_000, settings.default.max_examples))


@pytest.mark.slow
@fuzz
@given(hostile_frames(), hostile_statuses, hostile_headers, now_values)
@example({"status": 429, "error": {"code": -1015, "msg": "x"}}, None, {"Retry-After": "1e308"}, None)
@example({"status": 200, "result": 1, "code": -2010, "msg": "Unknown order sent."}, 400, None, None)
@example({"code": 200, "msg": "success", "data": {"orderId": 1}}, 200, None, None)
@example({"msg": "done", "data": [1, 2]}, 200, None, None)
def test_hostile_frames(frame: Any, status: Any, headers: Any, now_ms: Any) -> None:
    """A parsed frame or body with any field mutated gives a consistent verdict that keeps code, msg, data."""
    verdict = classify_checked(frame, status, headers, now_ms)
    check_kept(frame, verdict)


def _expected_raw_text(raw: Any) -> str:
    if isinstance(raw, str):
        return raw[:RAW_TEXT_LIMIT]
    return bytes(raw[: RAW_TEXT_LIMIT * 4]).decode("utf-8", "replace")[:RAW_TEXT_LIMIT]


@pytest.mark.slow
@fuzz
@given(hostile_texts(), hostile_statuses, hostile_headers)
@example(b'"just a string"', 200, None)
@example(b"NaN", None, None)
@example(b"<html><body>502 Bad Gateway</body></html>", 502, None)
def test_hostile_texts(raw: Any, status: Any, headers: Any) -> None:
    """Raw text (truncated, corrupted, NaN/Infinity) gives a consistent verdict; unreadable text is kept.

    Bytes that are JSON but for invalid UTF-8 are read with the bad bytes replaced (issue 10)."""
    verdict = classify_checked(raw, status, headers)
    text = bytes(raw) if isinstance(raw, memoryview | bytearray) else raw
    text = (
        text.removeprefix("\ufeff") if isinstance(text, str) else text.removeprefix(b"\xef\xbb\xbf")
    )  # a BOM is stripped
    try:
        try:
            parsed = ujson.loads(text)
        except ValueError:
            if isinstance(text, str):
                raise
            parsed = ujson.loads(bytes(text).decode("utf-8", "replace"))  # invalid UTF-8 is read with U+FFFD
    except Exception:
        parsed = None
        readable = False
    else:
        readable = isinstance(parsed, dict | list)
    if readable:
        check_kept(parsed, verdict, parsed_twice=True)
    elif (bytes(raw) if isinstance(raw, memoryview) else raw).strip():
        assert _expected_raw_text(raw) == verdict.raw_text
        assert verdict.status_class is not be.StatusClass.OK


@fuzz
@given(st.binary(max_size=400))
@example(b"\x0b\x01" + b'{"code": -1003, "msg": "Way too much request weight used; IP banned until 1e400."}')
def test_fuzz_one_on_random_bytes(data: bytes) -> None:
    """The atheris target's checks hold on random bytes (so the target itself is tested in CI)."""
    fuzz_one(data)


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_replay(path: Path) -> None:
    """Every input the coverage-guided fuzzer kept (tests/fuzz/corpus, crashes) still passes its checks."""
    fuzz_one(path.read_bytes())


def test_corpus_is_present() -> None:
    """The fuzz corpus is checked in, so the replay above is not vacuous."""
    assert len(CORPUS) >= 50


@pytest.mark.parametrize(
    "make",
    [
        lambda d: nest(d),
        lambda d: {"status": 400, "error": nest(d, kind=1)},
        lambda d: {"status": 400, "error": {"code": -2010, "msg": nest(d), "data": nest(d, kind=2)}},
        lambda d: {"code": nest(d, -2010), "msg": "x"},
        lambda d: {"code": -2021, "msg": "x", "data": {"cancelResult": "SUCCESS", "cancelResponse": nest(d, kind=1)}},
        lambda d: "[" * d,
        lambda d: b'{"error":' * d,
        lambda d: ("[" * d + "]" * d).encode(),
    ],
)
def test_deep_nesting(make: Any) -> None:
    """Values nested 100,000 levels deep (parsed or as text) give a consistent verdict."""
    frame = make(100_000)
    verdict = classify_checked(frame, 400)
    check_kept(frame, verdict)
