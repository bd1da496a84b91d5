"""``binance-errors plan``: the request and its answer as JSON in, the plan (and resolution) as JSON out."""

from __future__ import annotations

import io
import json
from pathlib import Path

from binance_errors._cli import main
from tests.plan_cases import TS

ORDER = json.dumps(
    {
        "method": "POST",
        "path": "/fapi/v1/order",
        "params": {
            "symbol": "BTCUSDT",
            "side": "BUY",
            "type": "MARKET",
            "quantity": "1",
            "newClientOrderId": "c1",
            "timestamp": TS,
            "signature": "s",
        },
    }
)


def _run(*argv: str) -> tuple[int, dict]:
    out = io.StringIO()
    status = main(["plan", *argv], out)
    return status, json.loads(out.getvalue()) if out.getvalue() else {}


def test_plan_from_json() -> None:
    """A lost futures answer: the /fapi/v1/order query by origClientOrderId, nothing secret."""
    status, result = _run(ORDER, "null", "--status", "503", "--product", "usdm")
    step = result["plan"]["steps"][0]
    assert (0, "query", "unknown") == (status, result["plan"]["action"], result["verdict"]["execution"])
    assert {
        "method": "GET",
        "path": "/fapi/v1/order",
        "params": {"symbol": "BTCUSDT", "origClientOrderId": "c1"},
    } == step["request"]


def test_resolution_with_answer(tmp_path: Path) -> None:
    """--answer (here from a file) resolves the plan's step: found -> executed."""
    answer = tmp_path / "answer.json"
    answer.write_text(json.dumps({"symbol": "BTCUSDT", "orderId": 7, "clientOrderId": "c1", "status": "FILLED"}))
    status, result = _run(ORDER, "null", "--status", "503", "--answer", f"@{answer}", "--answer-status", "200")
    assert (0, "yes", "FILLED") == (status, result["resolution"]["execution"], result["resolution"]["order"]["status"])


def test_fix_text_request() -> None:
    """A FIX message given as tag=value text is read as FIX: the REST query by ClOrdID."""
    status, result = _run("8=FIX.4.4|35=D|52=20231114-22:13:20.000|11=f1|55=BTCUSDT|54=1|38=1|40=1|", "null")
    assert (0, "/api/v3/order", "f1") == (
        status,
        result["plan"]["steps"][0]["request"]["path"],
        result["plan"]["steps"][0]["request"]["params"]["origClientOrderId"],
    )


def test_bad_json_exits_2() -> None:
    """An input that is not JSON: exit status 2, nothing on stdout."""
    assert (2, {}) == _run("{bad", "null")
