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
