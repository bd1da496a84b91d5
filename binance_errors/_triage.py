"""Log triage: ``binance-errors triage FILE|-`` summarises a JSON-lines log of responses.

Each line is a WebSocket API frame or REST body, an ``{http_status, headers, body}`` object, or
any text with such JSON embedded in it (a log prefix, a trailing comment). The summary: counts
by class and by code/reason, the top messages, ban windows (from ``retry_at_ms``), rate-limit
peaks (``rateLimits`` counts, ``X-MBX-USED-WEIGHT-*``/``X-MBX-ORDER-COUNT-*`` headers) and the
lines that held no readable JSON object (counted and listed, never dropped silently); every line
counts, and the empty ones are counted apart. Printed for people, it fits ``_display.WIDTH``
columns (a text cut to fit ends with ``…``, and a note says so); ``--json`` has every text whole.
Lines are read by ``_jsonl.read_line``, as ``binance-errors --file`` reads them: the same line
gets the same answer from both. Streamed, memory bounded by the summary's size: each keyed
section (codes, messages, ban end times, rate-limit names) counts at most ``KEY_LIMIT`` keys one
by one (names cut to ``KEY_WIDTH`` characters) and the rest in one "other" entry.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from typing import Any, TextIO

import attrs
import ujson

from ._classify import classify
from ._display import CUT_NOTE, WIDTH, cut, iso_ms
from ._jsonl import Progress, add_progress_argument, open_lines, read_line
from ._model import StatusClass, Verdict
from ._parse import as_int, header_items
from ._table import PRODUCTS

__all__ = ["Triage", "main", "read_line", "triage"]

KEY_LIMIT = 10_000  # distinct keys counted one by one in each section; the rest go to its "other" entry
KEY_WIDTH = 80  # characters of a rate-limit name kept
OTHER = "(other messages)"
OTHER_CODES = "(other codes)"
OTHER_BANS = "(other ban end times)"
OTHER_LIMITS = "(other rate limits)"
EXAMPLES = 10  # unreadable line numbers listed
MESSAGE_WIDTH = 160
RATE_HEADERS = ("x-mbx-used-weight", "x-mbx-order-count")


def _key(seen: Any, key: Any, other: Any) -> Any:
    """``key``, or ``other`` once ``seen`` holds ``KEY_LIMIT`` keys and not this one."""
    return key if key in seen or len(seen) < KEY_LIMIT else other


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
    lines: int = 0  # every line read, the empty ones included
    empty: int = 0
    responses: int = 0
    unreadable: int = 0
    unreadable_lines: list[int] = attrs.Factory(list)
    by_class: Counter[str] = attrs.Factory(Counter)
    by_code: Counter[tuple[int | None, str, str]] = attrs.Factory(Counter)
    messages: Counter[str] = attrs.Factory(Counter)
    bans: dict[int | str | None, BanWindow] = attrs.Factory(dict)
    peaks: dict[str, Peak] = attrs.Factory(dict)

    def add(self, number: int, line: str) -> None:
        """Count line ``number``: an empty one as empty, any other classified (or unreadable)."""
        self.lines += 1
        if not line.strip():
            self.empty += 1
            return
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
        code_key = (verdict.code, verdict.name or "", verdict.reason)
        self.by_code[_key(self.by_code, code_key, (None, "", OTHER_CODES))] += 1
        text = verdict.message if verdict.message is not None else verdict.raw_text
        if text is not None:
            self.messages[_key(self.messages, text[:MESSAGE_WIDTH], OTHER)] += 1
        if verdict.status_class is StatusClass.BANNED:
            until = _key(self.bans, verdict.retry_at_ms, OTHER_BANS)
            window = self.bans.get(until)
            if window is None:
                self.bans[until] = BanWindow(until if until != OTHER_BANS else None, 1, number, number)
            else:
                window.count += 1
                window.last_line = number

    def _usage(self, number: int, key: str, count: int | None, limit: int | None) -> None:
        if count is None:
            return
        key = _key(self.peaks, key[:KEY_WIDTH], OTHER_LIMITS)
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
            "empty": self.empty,
            "responses": self.responses,
            "unreadable": {"count": self.unreadable, "lines": self.unreadable_lines},
            "by_class": dict(self.by_class.most_common()),
            "by_code": [
                {"code": code, "name": name or None, "reason": reason, "count": count}
                for (code, name, reason), count in self.by_code.most_common()
            ],
            "top_messages": [{"message": m, "count": c} for m, c in self.messages.most_common(10)],
            "ban_windows": [
                {**attrs.asdict(w), "until": _until(key, w)}
                for key, w in sorted(self.bans.items(), key=lambda kw: (_rank(kw[0]), kw[1].until_ms or 0))
            ],
            "rate_limit_peaks": [{"limit_key": key, **attrs.asdict(p)} for key, p in sorted(self.peaks.items())],
        }

    def render(self, out: TextIO) -> None:
        """The summary for a person, in ``WIDTH`` columns."""
        data = self.to_dict()
        lines = [
            f"lines: {self.lines} ({self.empty} empty)  responses: {self.responses}  unreadable: {self.unreadable}"
        ]
        if self.unreadable_lines:
            listed = ", ".join(map(str, self.unreadable_lines))
            more = ", ..." if self.unreadable > len(self.unreadable_lines) else ""
            lines[0] += f" ({'line' if self.unreadable == 1 else 'lines'} {listed}{more})"
        lines.append("by class:")
        for name, count in data["by_class"].items():
            lines.append(f"  {name:<18} {count:>9}  {100 * count / max(self.responses, 1):5.1f}%")
        sections: list[tuple[str, list[str]]] = [
            ("by code / reason", _code_rows(data["by_code"][:20])),
            ("top messages", [f"{m['count']:>9}  {m['message']}" for m in data["top_messages"]]),
            (
                "ban windows",
                [
                    f"until {w['until'] or 'unknown (no end given, e.g. WAF)'}"
                    + (f" ({w['until_ms']})" if w["until_ms"] is not None else "")
                    + f": {_plural(w['count'], 'response')}, "
                    + (f"line {w['first_line']}" if w["count"] == 1 else f"lines {w['first_line']}..{w['last_line']}")
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
            lines.append(f"{title}:{'' if rows else ' none'}")
            lines.extend(f"  {row}" for row in rows)
        shown = [cut(line, WIDTH) for line in lines]
        if shown != lines:
            shown.append(CUT_NOTE)
        out.write("".join(line + "\n" for line in shown))


def _plural(count: int, noun: str) -> str:
    """``1 response``, ``2 responses``."""
    return f"{count} {noun if count == 1 else noun + 's'}"


def _rank(key: int | str | None) -> int:
    """Ban windows in order: known end times, then no end, then the other bucket."""
    return 0 if isinstance(key, int) else 1 if key is None else 2


def _until(key: int | str | None, window: BanWindow) -> str | None:
    if key == OTHER_BANS:
        return OTHER_BANS
    return None if window.until_ms is None else iso_ms(window.until_ms)


def _code_rows(rows: list[dict[str, Any]]) -> list[str]:
    """``code NAME reason count`` aligned, the NAME and reason columns as wide as their longest (within reason)."""
    name_width = min(max((len(row["name"] or "-") for row in rows), default=0), 32)
    reason_width = min(max((len(row["reason"]) for row in rows), default=0), 32)
    return [
        f"{'-' if row['code'] is None else row['code']:>6} {row['name'] or '-':<{name_width}} "
        f"{row['reason']:<{reason_width}} {row['count']:>9}"
        for row in rows
    ]


def triage(
    lines: Iterable[str],
    product: str = "spot",
    progress: int | None = 0,
    err: TextIO | None = None,
    *,
    stream: Any = None,
    size: int | None = None,
) -> Triage:
    """Summarise ``lines``, one at a time. Progress on ``err``: a line every ``progress`` lines;
    ``None``, a bar when ``err`` is a terminal and the input is long (``stream``/``size``: the file
    read and its size in bytes, for the bar's share done); 0, none."""
    summary = Triage(product)
    meter = Progress(err if progress != 0 else None, "triage", progress, stream, size)
    number = 0
    for number, line in enumerate(lines, start=1):
        summary.add(number, line.rstrip("\r\n"))
        meter.tick(number)
    meter.done(number)
    return summary


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="binance-errors triage", description="Summarise a JSON-lines log.")
    parser.add_argument("file", help="a file of JSON lines (frames, {http_status, headers, body}, or JSON in text); -")
    parser.add_argument("--product", default="spot", choices=sorted(PRODUCTS), help="product table (default spot)")
    parser.add_argument("--json", action="store_true", help="the summary as one JSON object")
    add_progress_argument(parser)
    return parser


def main(argv: list[str], out: TextIO) -> int:
    """``binance-errors triage``; returns the exit status."""
    args = _parser().parse_args(argv)
    with open_lines(args.file) as (lines, stream, size):
        summary = triage(lines, args.product, args.progress, sys.stderr, stream=stream, size=size)
    if args.json:
        out.write(ujson.dumps(summary.to_dict(), ensure_ascii=False, escape_forward_slashes=False) + "\n")
    else:
        summary.render(out)
    return 0
