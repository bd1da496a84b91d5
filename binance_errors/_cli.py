"""The command line: ``binance-errors`` / ``python -m binance_errors``.

    binance-errors                          # classify the bundled sample responses
    binance-errors '{"code":-1021,"msg":"..."}' --status 400
    binance-errors --file responses.jsonl   # one frame, or {http_status, headers, body}, per line
    binance-errors -                        # the same, from stdin
    binance-errors explain -2010 --lang zh  # what a code means and what to do about it
    binance-errors triage app.log --json    # counts, top messages, bans, rate-limit peaks of a log
    binance-errors drift PAGE.md --product spot   # maintainers: upstream page against data/*.yaml

Keep in sync with docs/cli.md.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

import ujson

from ._classify import classify
from ._decide import lookup
from ._explain import LANGUAGES, explain
from ._model import Verdict
from ._samples import SAMPLES
from ._table import PRODUCTS, load_table

__all__ = ["main"]

Item = tuple[str, Any, Any, Any]  # (label, frame, http_status, headers)
COLUMNS = ("input", "class", "execution", "retry", "reconcile", "code", "name", "reason")
ENVELOPE_KEYS = ("http_status", "headers", "body")


def _from_line(label: str, line: str) -> Item:
    """A JSON line: a frame, or an object with ``http_status``, ``headers`` and ``body``."""
    try:
        parsed = ujson.loads(line)
    except ValueError:
        return label, line, None, None  # classified as unreadable text, never dropped
    if isinstance(parsed, dict) and "body" in parsed and any(k in parsed for k in ENVELOPE_KEYS[:2]):
        return label, parsed.get("body"), parsed.get("http_status"), parsed.get("headers")
    return label, parsed, None, None


def _from_lines(name: str, lines: Iterable[str]) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _from_line(f"{name}:{number}", line.rstrip("\r\n"))


def _retry_text(verdict: Verdict) -> str:
    text = verdict.retry.action.value
    if verdict.retry.after_ms is not None:
        text += f" {verdict.retry.after_ms}ms"
    return text


def _row(label: str, verdict: Verdict) -> tuple[str, ...]:
    return (
        label,
        verdict.status_class.value,
        verdict.execution.value,
        _retry_text(verdict),
        verdict.reconcile.value,
        "" if verdict.code is None else str(verdict.code),
        verdict.name or "",
        verdict.reason + ("" if verdict.filter is None else f" ({verdict.filter})"),
    )


def _print_table(rows: list[tuple[str, ...]], out: TextIO) -> None:
    widths = [max(len(row[i]) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    for row in [COLUMNS, *rows]:
        out.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n")


def _classify_command(args: argparse.Namespace, out: TextIO) -> int:
    items: Iterable[Item]
    if args.file:
        if args.file == "-":
            items = _from_lines("stdin", sys.stdin)
        else:
            with open(args.file, encoding="utf-8", errors="replace") as handle:
                items = list(_from_lines(args.file, handle))
    elif args.frames == ["-"]:
        items = _from_lines("stdin", sys.stdin)
    elif args.frames:
        items = [(f"arg{n}", *_from_line(f"arg{n}", frame)[1:]) for n, frame in enumerate(args.frames, 1)]
    else:
        items = SAMPLES
    rows = []
    for label, frame, status, headers in items:
        verdict = classify(frame, status if args.status is None else args.status, headers, product=args.product)
        if args.json:
            out.write(ujson.dumps({"input": label, **verdict.to_dict()}, ensure_ascii=False) + "\n")
        else:
            rows.append(_row(label, verdict))
    if rows:
        _print_table(rows, out)
    return 0


def _advice_text(verdict: Verdict) -> str:
    return (
        f"class: {verdict.status_class.value}  execution: {verdict.execution.value}  "
        f"retry: {verdict.retry.action.value}  reconcile: {verdict.reconcile.value}  reason: {verdict.reason}"
    )


def _explain_command(args: argparse.Namespace, out: TextIO) -> int:
    table = load_table(args.product)
    out.write(explain(args.code, lang=args.lang, product=args.product) + "\n")
    info = table.codes.get(args.code)
    if info is None:
        return 1
    advice = _advice_text(info.verdict)
    out.write(advice + "\n")
    if info.since or info.removed:
        out.write(f"since: {info.since or '-'}  removed: {info.removed or '-'}\n")
    for text, en, zh in info.messages:
        description = zh if args.lang == "zh" else en
        out.write(f"  - {text}" + (f"  ({description})" if description else "") + "\n")
        own = _advice_text(lookup(table, args.code, text)[0][0])  # the message's own row, no status deciding
        if own != advice:
            out.write(f"      {own}\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="binance-errors",
        description="Classify Binance API responses (class, execution, retry, reconcile advice). "
        "With no input, classifies the bundled sample responses.",
    )
    parser.add_argument("frames", nargs="*", help="JSON frames to classify, or - to read JSON lines from stdin")
    parser.add_argument("--file", help="a file of JSON lines (frames, or {http_status, headers, body}); - for stdin")
    parser.add_argument("--status", type=int, help="HTTP status for every input (REST bodies)")
    parser.add_argument("--product", default="spot", choices=sorted(PRODUCTS), help="product table (default spot)")
    parser.add_argument("--json", action="store_true", help="one JSON object per input instead of a table")
    return parser


def _explain_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="binance-errors explain", description="Describe a Binance error code.")
    parser.add_argument("code", type=int, help="the code, e.g. -2010")
    parser.add_argument("--lang", default="en", choices=LANGUAGES)
    parser.add_argument("--product", default="spot", choices=sorted(PRODUCTS))
    return parser


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (a closed pipe, as in `| head`, ends it quietly)."""
    try:
        return _main(argv, out)
    except BrokenPipeError:
        sys.stderr.close()  # nothing more can be written; do not print a traceback about it
        return 0


def _main(argv: list[str] | None, out: TextIO | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = out or sys.stdout
    if argv[:1] == ["explain"]:
        return _explain_command(_explain_parser().parse_args(argv[1:]), out)
    if argv[:1] == ["triage"]:
        from ._triage import main as triage_main

        return triage_main(argv[1:], out)
    if argv[:1] == ["drift"]:  # a maintainer command; reads the YAML, so imported only here
        from ._drift import main as drift_main

        return drift_main(argv[1:], out, PRODUCTS)
    if argv[:1] == ["classify"]:
        argv = argv[1:]
    return _classify_command(_parser().parse_args(argv), out)
