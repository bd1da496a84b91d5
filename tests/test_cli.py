"""The command line: samples, arguments, stdin, JSON output, explain."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

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


# -- streaming, bad lines, the same answer as triage ----------------------------------------

ROWS = [
    '{"status_code": 429, "headers": {"Retry-After": "3"}, "body": {"code": -1015, "msg": "Too many new orders."}}',
    '{"status": 418, "body": null}',
    '{"http_status": 400, "body": {"code": -2010, "msg": "Account has insufficient balance for requested action."}}',
    'WARN 2026-12-03 {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."} (resync)',
    '{"id": 1, "status": 200, "result": {}}',
    "[" * 5000 + "]" * 5000,
    "no json here",
]


def test_cli_and_triage_give_the_same_answer_per_line(tmp_path: Path) -> None:
    """Each line alone: the CLI's class is triage's class (status_code/status envelopes, JSON in text)."""
    from binance_errors._triage import triage

    log = tmp_path / "log.jsonl"
    log.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    _, text = _run(["--file", str(log), "--json"])
    cli = [json.loads(line)["status_class"] for line in text.splitlines()]
    by_triage = []
    for row in ROWS:
        summary = triage([row])
        by_triage.append(next(iter(summary.by_class)) if summary.responses else "unreadable")
    assert ["rate_limited", "banned", "client_error", "client_error", "ok"] == cli[:5]
    assert cli[:5] == by_triage[:5]
    assert ["unreadable", "unreadable"] == by_triage[5:] and ["unknown_execution"] * 2 == cli[5:]
    assert 3000 == json.loads(text.splitlines()[0])["retry"]["after_ms"]


def test_no_line_stops_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Invalid UTF-8, a lone surrogate, data nested 2000 deep, an over-long line: every line gets its answer."""
    from binance_errors import _jsonl

    monkeypatch.setattr(_jsonl, "LINE_LIMIT", 64)
    deep = '{"code": -2010, "msg": "x", "data": ' + "[" * 2000 + "]" * 2000 + "}"
    lines = [
        b'{"code": -2010, "msg": "bad \xff byte"}',
        b'{"code": -2010, "msg": "lone \\ud800 surrogate"}',
        deep.encode(),
        b'{"code": -2010, "msg": "' + b"x" * 200 + b'"}',
        b'{"id": 1, "status": 200, "result": {}}',
    ]
    log = tmp_path / "bad.jsonl"
    log.write_bytes(b"\n".join(lines) + b"\n")
    status, text = _run(["--file", str(log), "--json"])
    records = [json.loads(line) for line in text.splitlines()]
    assert (0, 5) == (status, len(records))
    assert "bad \ufffd byte" == records[0]["message"]
    assert [f"{log}:{n}" for n in range(1, 6)] == [r["input"] for r in records]
    assert _jsonl.TOO_LONG == records[3]["raw_text"] and "ok" == records[4]["status_class"]
    status, table = _run(["--file", str(log)])
    assert (0, 6) == (status, len(table.splitlines()))


class _Failing(io.BytesIO):
    """A stdin whose read fails after its first lines: what was printed before shows streaming."""

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        if not line:
            raise OSError("the pipe broke")
        return line


def test_file_input_is_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each verdict is written as its line is read: nothing waits for the end of the input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(_Failing(b'{"code": -1015}\n' * 3)))
    out = io.StringIO()
    with pytest.raises(OSError):
        main(["--file", "-", "--json"], out)
    assert 3 == len(out.getvalue().splitlines())


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("tty", [True, False])
def test_progress_bar_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tty: bool) -> None:
    """A long file gets a progress bar on stderr when stderr is a terminal, and nothing otherwise."""
    from binance_errors import _jsonl

    monkeypatch.setattr(_jsonl, "LONG_BYTES", 1000)
    err = _Terminal() if tty else io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    log = tmp_path / "long.jsonl"
    log.write_text('{"id": 1, "status": 200, "result": {}}\n' * 3000, encoding="utf-8")
    for argv in (["--file", str(log), "--json"], ["triage", str(log), "--json"]):
        assert 0 == _run(argv)[0]
    shown = err.getvalue()
    if tty:
        assert "\r" in shown and "100%" in shown and "3,000 lines" in shown
    else:
        assert "" == shown
