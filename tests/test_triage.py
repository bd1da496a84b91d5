"""Log triage: `binance-errors triage` on a generated 100k-line log, stdin, text output, bounds."""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from binance_errors import _triage
from binance_errors._cli import main

from .cases import BAN_MSG, WEIGHT_MSG

LINES = 100_000
BAN_ENDS = (1700000000000, 1700000600000)


def _ban(until: int) -> dict[str, Any]:
    msg = BAN_MSG.replace("1659146400000", str(until))
    data = {"serverTime": until - 60_000, "retryAfter": until}
    return {"id": 3, "status": 418, "error": {"code": -1003, "msg": msg, "data": data}}


def _line(i: int) -> str:
    """Line i+1 of the generated log: 60% ok, then -2010, 429, 418 bans, 5xx and 1% unreadable."""
    kind = i % 10
    if kind < 6:
        limits = [{"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 6000}]
        limits[0]["count"] = i // 10 % 6000
        return json.dumps({"id": i, "status": 200, "result": {"orderId": i}, "rateLimits": limits})
    if kind == 6:
        body = {"code": -2010, "msg": "Account has insufficient balance for requested action."}
        return "2026-11-21 05:00:00,123 ERROR order rejected: " + json.dumps({"http_status": 400, "body": body})
    if kind == 7:
        headers = {"x-mbx-used-weight-1m": str(6000 + i % 7), "Retry-After": "30"}
        body = {"code": -1003, "msg": WEIGHT_MSG}
        return json.dumps({"http_status": 429, "headers": headers, "body": body})
    if kind == 8:
        return json.dumps(_ban(BAN_ENDS[i >= LINES // 2]))
    if i % 100 == 99:
        return "Traceback (most recent call last): {not json"
    return json.dumps({"id": i, "status": 503, "error": {"code": -1001, "msg": "Internal error; unable to process"}})


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(argv, out), out.getvalue()


def test_triage_of_100k_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 100k-line log: exact counts by class and code, bans, peaks, unreadable lines, progress on stderr."""
    log = tmp_path / "responses.log"
    log.write_text("\n".join(_line(i) for i in range(LINES)) + "\n", encoding="utf-8")
    status, text = _run(["triage", str(log), "--json", "--progress", "25000"])
    summary = json.loads(text)
    assert (0, LINES, LINES - 1000) == (status, summary["lines"], summary["responses"])
    assert {"count": 1000, "lines": [100 * n for n in range(1, 11)]} == summary["unreadable"]
    assert {
        "ok": 60_000,
        "client_error": 10_000,
        "rate_limited": 10_000,
        "banned": 10_000,
        "unknown_execution": 9_000,
    } == summary["by_class"]
    by_code = {(r["code"], r["reason"]): r["count"] for r in summary["by_code"]}
    assert 10_000 == by_code[(-2010, "INSUFFICIENT_BALANCE")]
    assert 10_000 == by_code[(-1003, "IP_BANNED_UNTIL")]
    assert 9_000 == by_code[(-1001, "DISCONNECTED")]
    assert [
        {"until_ms": BAN_ENDS[0], "count": 5000, "first_line": 9, "last_line": 49_999, "until": "2023-11-14T22:13:20Z"},
        {
            "until_ms": BAN_ENDS[1],
            "count": 5000,
            "first_line": 50_009,
            "last_line": 99_999,
            "until": "2023-11-14T22:23:20Z",
        },
    ] == summary["ban_windows"]
    peaks = {p["limit_key"]: (p["peak"], p["limit"]) for p in summary["rate_limit_peaks"]}
    assert {"REQUEST_WEIGHT 1M": (5999, 6000), "X-MBX-USED-WEIGHT-1M": (6006, None)} == peaks
    assert 10_000 == summary["top_messages"][0]["count"]
    progress = capsys.readouterr().err.splitlines()
    assert [f"triage: {n} lines read" for n in (25_000, 50_000, 75_000, 100_000)] == [
        line.split(",")[0] for line in progress[:4]
    ]
    assert progress[-1].startswith("triage: done, 100000 lines")


def test_triage_text_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """`triage -` reads stdin and prints each section; an unreadable line is reported with its number."""
    lines = [_line(6), _line(8), "garbage", "", _line(0)]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    status, text = _run(["triage", "-"])
    assert 0 == status
    assert text.startswith("lines: 5 (1 empty)  responses: 3  unreadable: 1 (line 3)\n")
    for title in ("by class:", "by code / reason:", "top messages:", "ban windows:", "rate-limit peaks:"):
        assert title in text
    assert "until 2023-11-14T22:13:20Z (1700000000000): 1 response, line 2" in text
    assert "REQUEST_WEIGHT 1M" in text


def test_embedded_json_with_trailing_text() -> None:
    """JSON between a log prefix and a trailing comment is found; a JSON list is a (batch) answer; a line
    with no JSON object or list is unreadable (issue 10: lists were unreadable before batch answers)."""
    body = {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}
    assert (body, None, None) == _triage.read_line("WARN " + json.dumps(body) + " (will resync)")
    assert (body, 400, None) == _triage.read_line(json.dumps({"http_status": 400, "body": body}))
    assert [([1, 2], None, None), None, None] == [
        _triage.read_line("[1, 2]"),
        _triage.read_line("no json here"),
        _triage.read_line("42"),
    ]


def test_distinct_messages_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past KEY_LIMIT distinct messages, the rest are counted under one key: memory stays bounded."""
    monkeypatch.setattr(_triage, "KEY_LIMIT", 3)
    summary = _triage.triage(json.dumps({"code": -2010, "msg": f"reason {n}"}) for n in range(10))
    assert (4, 7) == (len(summary.messages), summary.messages[_triage.OTHER])


@pytest.mark.parametrize(
    ("product", "body", "row"),
    [
        ("margin", {"code": -3044, "msg": "System busy."}, "-3044 SYSTEM_BUSY"),
        ("options", {"code": -6058, "msg": "MMP triggered. Please reset MMP config"}, "-6058 MMP_TRIGGERED"),
        ("portfolio_margin", {"code": -51007, "msg": "x"}, "-51007 HAS_PENDING_TRANSACTION"),
    ],
)
def test_triage_product(monkeypatch: pytest.MonkeyPatch, product: str, body: dict[str, Any], row: str) -> None:
    """`triage --product` reads the log with that product's table (the new products included)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(body) + "\n"))
    status, text = _run(["triage", "-", "--product", product])
    assert (0, True) == (status, row in text)


def test_every_keyed_section_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Codes, ban end times and rate-limit names past KEY_LIMIT go to one "other" entry each, names cut short."""
    monkeypatch.setattr(_triage, "KEY_LIMIT", 3)
    lines = []
    for n in range(10):
        limits = [{"rateLimitType": str(n) + "X" * 1000, "interval": "MINUTE", "intervalNum": 1, "count": n}]
        lines.append(json.dumps({"code": -70000 - n, "msg": "m"}))
        lines.append(json.dumps(_ban(1700000000000 + n * 1000)))
        lines.append(json.dumps({"id": n, "status": 200, "result": {}, "rateLimits": limits}))
    summary = _triage.triage(lines)
    data = summary.to_dict()
    assert (4, 4, 4) == (len(summary.by_code), len(summary.bans), len(summary.peaks))
    rows = {row["reason"]: (row["code"], row["count"]) for row in data["by_code"]}
    assert ((None, 8), (-1003, 10)) == (rows[_triage.OTHER_CODES], rows["IP_BANNED_UNTIL"])  # 3 codes kept
    other_bans = data["ban_windows"][-1]
    assert (_triage.OTHER_BANS, None, 7, 11, 29) == (
        other_bans["until"],
        other_bans["until_ms"],
        other_bans["count"],
        other_bans["first_line"],
        other_bans["last_line"],
    )
    assert (9, 30) == (summary.peaks[_triage.OTHER_LIMITS].peak, summary.peaks[_triage.OTHER_LIMITS].line)
    assert all(len(key) <= _triage.KEY_WIDTH for key in summary.peaks)
    text = io.StringIO()
    summary.render(text)
    assert _triage.OTHER_CODES in text.getvalue() and _triage.OTHER_BANS in text.getvalue()


def test_triage_streams_a_file_with_bad_bytes(tmp_path: Path) -> None:
    """A file with an invalid UTF-8 byte and a broken line is read to its end, each line counted."""
    log = tmp_path / "bad.log"
    log.write_bytes(b'{"code": -2010, "msg": "bad \xff"}\n{not json\n' + _line(0).encode() + b"\n")
    status, text = _run(["triage", str(log), "--json"])
    summary = json.loads(text)
    assert (0, 3, 2, 1) == (status, summary["lines"], summary["responses"], summary["unreadable"]["count"])


@pytest.mark.slow
def test_triage_of_100k_lines_takes_seconds(tmp_path: Path) -> None:
    """Triage reads a 100k-line log in under 20 s (a wall-clock check: slow suite only)."""
    log = tmp_path / "responses.log"
    log.write_text("\n".join(_line(i) for i in range(LINES)) + "\n", encoding="utf-8")
    started = time.perf_counter()
    status, _ = _run(["triage", str(log), "--json"])
    elapsed = time.perf_counter() - started
    assert (0, True) == (status, elapsed < 20), elapsed
