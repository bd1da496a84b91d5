"""Log triage: ``binance-errors triage FILE|-`` summarises a JSON-lines log of responses.

Each line is a WebSocket API frame or REST body, an ``{http_status, headers, body}`` object, or
any text with such JSON embedded in it (a log prefix, a trailing comment). The summary: counts
by class and by code/reason, the top messages, ban windows (from ``retry_at_ms``), rate-limit
peaks (``rateLimits`` counts, ``X-MBX-USED-WEIGHT-*``/``X-MBX-ORDER-COUNT-*`` headers) and the
lines that held no readable JSON object (counted and listed, never dropped silently).
Memory stays bounded: at most ``KEY_LIMIT`` distinct messages are counted one by one.
Keep in sync with docs/cli.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TextIO

import attrs
import ujson

from ._classify import classify
from ._model import StatusClass, Verdict
from ._parse import as_int, header_items
from ._table import PRODUCTS

__all__ = ["Triage", "main", "read_line"]

KEY_LIMIT = 10_000  # distinct messages counted one by one; the rest go to OTHER
OTHER = "(other messages)"
EXAMPLES = 10  # unreadable line numbers listed
MESSAGE_WIDTH = 160
ENVELOPE_STATUS = ("http_status", "status_code")
RATE_HEADERS = ("x-mbx-used-weight", "x-mbx-order-count")


def _envelope(parsed: dict[str, Any]) -> tuple[Any, Any, Any] | None:
    if "body" not in parsed or not ("headers" in parsed or any(k in parsed for k in ENVELOPE_STATUS)):
        return None
    status = parsed.get("http_status", parsed.get("status_code"))
    return parsed["body"], status, parsed.get("headers")


def read_line(line: str) -> tuple[Any, Any, Any] | None:
    """``(frame, http_status, headers)`` of one log line, or None when it holds no JSON object."""
    try:
        parsed = ujson.loads(line)
    except ValueError:
        parsed = None
        start = line.find("{")
        if start >= 0:
            for end in (len(line), line.rfind("}") + 1):
                try:
                    parsed = ujson.loads(line[start:end])
                    break
                except ValueError:
                    continue
    if not isinstance(parsed, dict):
        return None
    return _envelope(parsed) or (parsed, None, None)


def _iso(epoch_ms: int) -> str:
    try:
        return datetime.fromtimestamp(epoch_ms / 1000, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    except (OverflowError, OSError, ValueError):
        return "?"


@attrs.define
class Peak:
    """The highest usage seen for one rate limit."""

    peak: int
    limit: int | None
    line: int


@attrs.define
class BanWindow:
    """Banned answers that named the same end time."""

    until_ms: int | None
    count: int
    first_line: int
    last_line: int


@attrs.define
class Triage:
    """The running summary; ``add`` one line at a time, then ``to_dict`` or ``render``."""

    product: str = "spot"
    lines: int = 0
    responses: int = 0
    unreadable: int = 0
    unreadable_lines: list[int] = attrs.Factory(list)
    by_class: Counter[str] = attrs.Factory(Counter)
    by_code: Counter[tuple[int | None, str, str]] = attrs.Factory(Counter)
    messages: Counter[str] = attrs.Factory(Counter)
    bans: dict[int | None, BanWindow] = attrs.Factory(dict)
    peaks: dict[str, Peak] = attrs.Factory(dict)

    def add(self, number: int, line: str) -> None:
        """Classify and count one non-empty line."""
        self.lines += 1
        read = read_line(line)
        if read is None:
            self.unreadable += 1
            if len(self.unreadable_lines) < EXAMPLES:
                self.unreadable_lines.append(number)
            return
        frame, status, headers = read
        verdict = classify(frame, status, headers, product=self.product)
        self.responses += 1
        self._count(number, verdict)
        if isinstance(frame, dict) and "rateLimits" in frame:
            self._rate_limits(number, frame["rateLimits"])
        if headers is not None:
            self._headers(number, headers)

    def _count(self, number: int, verdict: Verdict) -> None:
        self.by_class[verdict.status_class.value] += 1
        if verdict.status_class is StatusClass.OK:
            return
        self.by_code[(verdict.code, verdict.name or "", verdict.reason)] += 1
        text = verdict.message if verdict.message is not None else verdict.raw_text
        if text is not None:
            key = text[:MESSAGE_WIDTH]
            self.messages[key if key in self.messages or len(self.messages) < KEY_LIMIT else OTHER] += 1
        if verdict.status_class is StatusClass.BANNED:
            window = self.bans.get(verdict.retry_at_ms)
            if window is None:
                self.bans[verdict.retry_at_ms] = BanWindow(verdict.retry_at_ms, 1, number, number)
            else:
                window.count += 1
                window.last_line = number

    def _usage(self, number: int, key: str, count: int | None, limit: int | None) -> None:
        if count is None:
            return
        peak = self.peaks.get(key)
        if peak is None or count > peak.peak:
            self.peaks[key] = Peak(count, limit, number)

    def _rate_limits(self, number: int, entries: Any) -> None:
        if not isinstance(entries, list):
            return
        for entry in entries:
            if isinstance(entry, dict):
                interval = entry.get("interval")
                unit = interval[:1] if isinstance(interval, str) else "?"
                key = f"{entry.get('rateLimitType')} {entry.get('intervalNum')}{unit}"
                self._usage(number, key, as_int(entry.get("count")), as_int(entry.get("limit")))

    def _headers(self, number: int, headers: Any) -> None:
        for name, value in header_items(headers):
            if name.startswith(RATE_HEADERS):
                self._usage(number, name.upper(), as_int(value), None)

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain JSON-ready data (the ``--json`` output)."""
        return {
            "product": self.product,
            "lines": self.lines,
            "responses": self.responses,
            "unreadable": {"count": self.unreadable, "lines": self.unreadable_lines},
            "by_class": dict(self.by_class.most_common()),
            "by_code": [
                {"code": code, "name": name or None, "reason": reason, "count": count}
                for (code, name, reason), count in self.by_code.most_common()
            ],
            "top_messages": [{"message": m, "count": c} for m, c in self.messages.most_common(10)],
            "ban_windows": [
                {**attrs.asdict(w), "until": None if w.until_ms is None else _iso(w.until_ms)}
                for w in sorted(self.bans.values(), key=lambda w: (w.until_ms is None, w.until_ms or 0))
            ],
            "rate_limit_peaks": [{"limit_key": key, **attrs.asdict(p)} for key, p in sorted(self.peaks.items())],
        }

    def render(self, out: TextIO) -> None:
        """The summary for a person."""
        data = self.to_dict()
        out.write(f"lines: {self.lines}  responses: {self.responses}  unreadable: {self.unreadable}")
        listed = ", ".join(map(str, self.unreadable_lines))
        out.write(
            f" (lines {listed}{', ...' if self.unreadable > len(self.unreadable_lines) else ''})\n" if listed else "\n"
        )
        out.write("by class:\n")
        for name, count in data["by_class"].items():
            out.write(f"  {name:<18} {count:>9}  {100 * count / max(self.responses, 1):5.1f}%\n")
        sections: list[tuple[str, list[str]]] = [
            (
                "by code / reason",
                [_code_row(r) for r in data["by_code"][:20]],
            ),
            ("top messages", [f"{m['count']:>9}  {m['message']}" for m in data["top_messages"]]),
            (
                "ban windows",
                [
                    f"until {w['until'] or 'unknown (no end given, e.g. WAF)'}"
                    + (f" ({w['until_ms']})" if w["until_ms"] is not None else "")
                    + f": {w['count']} responses, lines {w['first_line']}..{w['last_line']}"
                    for w in data["ban_windows"]
                ],
            ),
            (
                "rate-limit peaks",
                [
                    f"{p['limit_key']:<28} {p['peak']:>7}"
                    + (f"/{p['limit']}" if p["limit"] is not None else "")
                    + f"  (line {p['line']})"
                    for p in data["rate_limit_peaks"]
                ],
            ),
        ]
        for title, rows in sections:
            out.write(f"{title}:{'' if rows else ' none'}\n")
            for row in rows:
                out.write(f"  {row}\n")


def _code_row(row: dict[str, Any]) -> str:
    code = "-" if row["code"] is None else str(row["code"])
    return f"{code:>6} {row['name'] or '-':<28} {row['reason']:<28} {row['count']:>9}"


def triage(lines: Iterable[str], product: str = "spot", progress: int = 0, err: TextIO | None = None) -> Triage:
    """Summarise ``lines``; every ``progress`` lines (0: never) a progress line goes to ``err``."""
    summary = Triage(product)
    started = time.perf_counter()
    number = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            summary.add(number, line.rstrip("\r\n"))
        if progress and err is not None and number % progress == 0:
            err.write(f"triage: {number} lines read, {time.perf_counter() - started:.1f} s\n")
            err.flush()
    if progress and err is not None and number >= progress:
        err.write(f"triage: done, {number} lines in {time.perf_counter() - started:.1f} s\n")
    return summary


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="binance-errors triage", description="Summarise a JSON-lines log.")
    parser.add_argument("file", help="a file of JSON lines (frames, {http_status, headers, body}, or JSON in text); -")
    parser.add_argument("--product", default="spot", choices=sorted(PRODUCTS), help="product table (default spot)")
    parser.add_argument("--json", action="store_true", help="the summary as one JSON object")
    parser.add_argument("--progress", type=int, default=100_000, metavar="N", help="progress on stderr every N lines")
    return parser


def main(argv: list[str], out: TextIO) -> int:
    """``binance-errors triage``; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.file == "-":
        summary = triage(sys.stdin, args.product, args.progress, sys.stderr)
    else:
        with open(args.file, encoding="utf-8", errors="replace") as handle:
            summary = triage(handle, args.product, args.progress, sys.stderr)
    if args.json:
        out.write(ujson.dumps(summary.to_dict(), ensure_ascii=False, escape_forward_slashes=False) + "\n")
    else:
        summary.render(out)
    return 0
