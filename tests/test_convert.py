"""Structured output: stable keys, round-trips through dicts and JSON, the one-line summary."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import binance_errors as be

from .cases import BAN_MSG, CASES
from .strategies import frames, statuses

ROOT = Path(__file__).resolve().parent.parent
KEYS = [
    "status_class",
    "execution",
    "retry",
    "reconcile",
    "reason",
    "code",
    "name",
    "message",
    "known",
    "product",
    "values",
    "data",
    "raw_code",
    "raw_message",
    "raw_text",
    "legs",
    "items",
]


def _verdicts() -> list[be.Verdict]:
    return [be.classify(frame, status, headers) for _, frame, status, headers, _ in CASES]


def test_keys_are_stable() -> None:
    """to_dict has exactly the documented keys, in order, with retry as a nested object."""
    data = be.classify({"code": -1015, "msg": "Too many new orders."}, 429, {"Retry-After": "2"}).to_dict()
    assert KEYS == list(data)
    assert {"action": "after_delay", "after_ms": 2000, "at_ms": None, "source": "retry_after_header"} == data["retry"]


def test_readme_lists_the_keys() -> None:
    """docs/usage.md "Structured output" names every key."""
    readme = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    section = readme.split("## Structured output", 1)[1].split("\n## ", 1)[0]
    assert [] == [key for key in KEYS if f"`{key}`" not in section]


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c[0] for c in CASES])
def test_golden_cases_round_trip(index: int) -> None:
    """Every golden verdict comes back equal from to_dict and from to_json, legs included."""
    verdict = _verdicts()[index]
    assert verdict == be.from_dict(verdict.to_dict())
    assert verdict == be.from_json(verdict.to_json())


def test_round_trip_keeps_values_read_only() -> None:
    """values come back as a read-only mapping, as the classifier builds them."""
    verdict = be.from_json(be.classify({"code": -1013, "msg": "Filter failure: LOT_SIZE"}, 400).to_json())
    assert "LOT_SIZE" == verdict.filter
    with pytest.raises(TypeError):
        verdict.values["filter"] = "PRICE_FILTER"  # type: ignore[index]


def test_a_success_leg_order_round_trips_as_received() -> None:
    """A SUCCESS leg's order ({} or not) comes back as the plain object received (was a mappingproxy)."""
    for order in ({}, {"orderId": 3, "status": "CANCELED"}):
        data = {
            "cancelResult": "SUCCESS",
            "newOrderResult": "FAILURE",
            "cancelResponse": order,
            "newOrderResponse": {"code": -2010, "msg": "Order would immediately match and take."},
        }
        verdict = be.classify({"code": -2021, "msg": "Order cancel-replace partially failed.", "data": data}, 409)
        assert repr(verdict) == repr(be.from_dict(verdict.to_dict())) == repr(be.from_json(verdict.to_json()))


def _json_safe(value: Any) -> bool:
    """Within ujson's limits: no non-finite floats, no integers beyond 64 bits."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return -(2**63) <= value < 2**64
    if isinstance(value, list):
        return all(_json_safe(v) for v in value)
    if isinstance(value, dict):
        return all(_json_safe(v) for v in value.values())
    return True


@given(frames(), statuses)
def test_any_verdict_round_trips(frame: Any, status: Any) -> None:
    """Any verdict survives to_dict/from_dict; through JSON too when its data is within ujson's limits."""
    verdict = be.classify(frame, status)
    # repr, not ==: a NaN in the raw data is never equal to itself, but must survive unchanged
    assert repr(verdict) == repr(be.from_dict(verdict.to_dict()))
    if _json_safe(verdict.to_dict()):
        assert repr(verdict) == repr(be.from_json(verdict.to_json()))


def test_to_json_is_one_line_of_standard_json() -> None:
    """to_json is one line that the standard library parses into to_dict."""
    verdict = be.classify({"id": 1, "status": 418, "error": {"code": -1003, "msg": BAN_MSG}})
    text = verdict.to_json()
    assert ("\n" not in text, verdict.to_dict()) == (True, json.loads(text))


@pytest.mark.parametrize("bad", [{}, {"status_class": "nope"}, [], "x"])
def test_from_dict_rejects_non_verdicts(bad: Any) -> None:
    """Data that is not a serialized verdict raises ConversionError (a ValueError)."""
    with pytest.raises(be.ConversionError):
        be.from_dict(bad)


def test_from_json_rejects_bad_json() -> None:
    """Text that is not JSON raises ConversionError."""
    with pytest.raises(ValueError):
        be.from_json("{not json")


def test_str_is_one_readable_line() -> None:
    """str(v) is one line with class, execution, code, name, reason, retry timing, reconcile, message."""
    verdict = be.classify({"code": -1015, "msg": "Too many new orders."}, 429, {"Retry-After": "2"})
    assert (
        "rate_limited execution=no code=-1015 TOO_MANY_ORDERS reason=ORDER_RATE_LIMIT retry=after_delay(2000ms) "
        "reconcile=reduce_rate 'Too many new orders.'"
    ) == str(verdict)


def test_str_of_unreadable_and_ok() -> None:
    """str(v) without a code or message leaves them out; a long message is cut to 120 characters."""
    assert "ok execution=yes reason=OK retry=no reconcile=none" == str(be.classify({"status": 200, "result": {}}))
    long = str(be.classify({"code": -2010, "msg": "x" * 500}, 400))
    assert ("\n" not in long, long.endswith("'" + "x" * 120 + "'")) == (True, True)


def test_cattrs_is_loaded_only_on_use() -> None:
    """import binance_errors loads no cattrs; the first to_dict does."""
    code = (
        "import sys, binance_errors as be; v = be.classify({'code': -1121}); a = 'cattrs' in sys.modules; "
        "v.to_dict(); print(a, 'cattrs' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "False True" == result.stdout.strip()


def _nested(levels: int) -> Any:
    """Data nested ``levels`` containers deep, alternating lists and objects (built without recursion)."""
    value: Any = 1
    for level in range(levels):
        value = {"a": value} if level % 2 else [value]
    return value


def _depth(value: Any) -> int:
    """How many containers deep ``value`` goes (counted without recursion)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
        deepest = max(deepest, depth)
    return deepest


@pytest.mark.parametrize("levels", [331, 1000, 1022])
def test_deep_data_round_trips_within_ujson_limits(levels: int) -> None:
    """Data nested as deep as ujson reads (the verdict adds one level) round-trips through dicts and JSON."""
    verdict = be.classify({"code": -2010, "msg": "x", "data": _nested(levels)}, 400)
    assert levels == _depth(verdict.to_dict()["data"])
    text = verdict.to_json()
    assert (text, text) == (be.from_dict(verdict.to_dict()).to_json(), be.from_json(text).to_json())
    if levels < 500:  # == on deeper data recurses in CPython's own comparison
        assert (verdict, verdict) == (be.from_dict(verdict.to_dict()), be.from_json(text))


@pytest.mark.parametrize("levels", [1100, 100_000])
def test_deeper_data_never_raises(levels: int) -> None:
    """Deeper than ujson writes: to_dict keeps it all, to_json cuts it at JSON_DEPTH with a note saying so."""
    import ujson

    from binance_errors._convert import JSON_DEPTH

    verdict = be.classify({"id": 1, "status": 400, "error": {"code": -2010, "msg": "x", "data": _nested(levels)}})
    assert levels == _depth(verdict.to_dict()["data"])
    text = verdict.to_json()
    assert JSON_DEPTH - 1 == _depth(ujson.loads(text)["data"])
    assert f"nested deeper than {JSON_DEPTH} levels" in text


def test_values_json_cannot_hold_never_raise() -> None:
    """A lone surrogate, an integer of 4,299 digits, a set, an object, a cycle: to_json still writes JSON."""
    import ujson

    cycle: dict[str, Any] = {}
    cycle["self"] = cycle
    data = {"cycle": cycle, "big": int("9" * 4299), "set": {1}, "object": object(), (1, 2): 3}
    verdict = be.classify({"code": -2010, "msg": "bad \ud800 text", "data": data}, 400)
    copied = verdict.to_dict()["data"]["cycle"]
    assert copied is copied["self"] and copied is not cycle
    parsed = ujson.loads(verdict.to_json())
    assert ("bad \ud800 text", [1], "3") == (parsed["message"], parsed["data"]["set"], str(parsed["data"]["(1, 2)"]))
    assert "<dict repeated>" == parsed["data"]["cycle"]["self"]
