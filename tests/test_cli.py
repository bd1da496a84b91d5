"""The command line: samples, arguments, stdin, JSON output, explain."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from binance_errors._cli import main
from binance_errors._samples import SAMPLES


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    status = main(argv, out)
    return status, out.getvalue()


def test_no_input_classifies_the_samples() -> None:
    """With no input the CLI prints one verdict per bundled sample."""
    status, text = _run([])
    lines = text.splitlines()
    assert 0 == status
    assert len(SAMPLES) + 1 == len(lines)
    assert lines[0].split()[:3] == ["input", "class", "execution"]
    assert "IP_BANNED_UNTIL" in text and "CANCEL_REPLACE_PARTIAL" in text and "WAF" in text


def test_json_output_round_trips() -> None:
    """--json prints one parseable object per input with the verdict's keys."""
    status, text = _run(["--json", '{"code": -1021, "msg": "x"}', "--status", "400"])
    record = json.loads(text)
    assert (0, "resync_clock", "arg1") == (status, record["reconcile"], record["input"])


def test_stdin_lines_and_envelopes(monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON lines from stdin: frames, {http_status, headers, body} objects, and unreadable lines (kept)."""
    lines = [
        '{"http_status": 429, "headers": {"retry-after": "3"}, "body": {"code": -1015, "msg": "Too many new orders."}}',
        "not json at all",
        '{"status": 200, "result": {}}',
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    _, text = _run(["--json", "-"])
    records = [json.loads(line) for line in text.splitlines()]
    assert ["rate_limited", "unknown_execution", "ok"] == [r["status_class"] for r in records]
    assert 3000 == records[0]["retry"]["after_ms"]
    assert "not json at all" == records[1]["raw_text"]


def test_explain_command() -> None:
    """`explain -2010 --lang zh` prints the name, description, advice and messages."""
    status, text = _run(["explain", "-2010", "--lang", "zh"])
    assert 0 == status
    assert text.startswith("-2010 NEW_ORDER_REJECTED: 新订单被拒绝")
    assert "Account has insufficient balance for requested action.  (账户金额不足。)" in text


def test_module_entry_point_runs() -> None:
    """`python -m binance_errors` runs in a fresh interpreter and exits 0."""
    result = subprocess.run([sys.executable, "-m", "binance_errors"], capture_output=True, text=True)
    assert 0 == result.returncode, result.stderr
    assert "insufficient" not in result.stderr
