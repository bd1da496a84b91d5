"""The command line: ``binance-errors`` / ``python -m binance_errors``.

    binance-errors                          # classify the bundled sample responses
    binance-errors '{"code":-1021,"msg":"..."}' --status 400
    binance-errors --file responses.jsonl   # one frame, or {http_status, headers, body}, per line (streamed)
    binance-errors -                        # the same, from stdin
    binance-errors explain -2010 --lang zh  # what a code means and what to do about it
    binance-errors triage app.log --json    # counts, top messages, bans, rate-limit peaks of a log
    binance-errors drift PAGE.md --product spot   # maintainers: upstream page against data/*.yaml

Lines are read as ``triage`` reads them (``_jsonl.read_line``): the same line, the same answer.
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
from ._jsonl import Progress, add_progress_argument, open_lines, read_line
from ._model import Verdict
from ._samples import SAMPLES
from ._table import PRODUCTS, load_table

__all__ = ["main"]

Item = tuple[str, Any, Any, Any]  # (label, frame, http_status, headers)
COLUMNS = ("input", "class", "execution", "retry", "reconcile", "code", "name", "reason")
BLOCK = 1000  # table rows buffered before printing (column widths only ever grow)


def _from_line(label: str, line: str) -> Item:
    """A line as ``triage`` reads it (``read_line``); a line with no JSON is classified as unreadable text."""
    read = read_line(line)
    if read is None:
        return label, line, None, None  # classified as unreadable text, never dropped
    return (label, *read)


def _from_lines(name: str, lines: Iterable[str], meter: Progress | None = None) -> Iterator[Item]:
    number = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _from_line(f"{name}:{number}", line.rstrip("\r\n"))
        if meter is not None:
            meter.tick(number)
    if meter is not None:
        meter.done(number)


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


def _print_table(rows: list[tuple[str, ...]], widths: list[int], out: TextIO) -> None:
    """``rows`` aligned to ``widths``, which grow to fit them (a streamed table keeps its columns);
    the header above the first block."""
    if widths[0] == 0:
        rows = [COLUMNS, *rows]
    for i in range(len(COLUMNS)):
        widths[i] = max(widths[i], *(len(row[i]) for row in rows))
    for row in rows:
        out.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n")


def _json_line(label: str, verdict: Verdict) -> str:
    """``{"input": label, ...verdict}`` as ``to_json`` writes it (never raises)."""
    return '{"input":' + ujson.dumps(label, escape_forward_slashes=False) + "," + verdict.to_json()[1:] + "\n"


def _classify_command(args: argparse.Namespace, out: TextIO) -> int:
    name = args.file or ("-" if args.frames == ["-"] else None)
    if name is not None:  # streamed: one line in memory at a time
        with open_lines(name) as (lines, stream, size):
            meter = Progress(sys.stderr if args.progress != 0 else None, "binance-errors", args.progress, stream, size)
            return _emit(_from_lines("stdin" if name == "-" else name, lines, meter), args, out)
    items: Iterable[Item] = SAMPLES
    if args.frames:
        items = [_from_line(f"arg{n}", frame) for n, frame in enumerate(args.frames, 1)]
    return _emit(items, args, out)


def _emit(items: Iterable[Item], args: argparse.Namespace, out: TextIO) -> int:
    rows: list[tuple[str, ...]] = []
    widths = [0] * len(COLUMNS)
    for label, frame, status, headers in items:
        verdict = classify(frame, status if args.status is None else args.status, headers, product=args.product)
        if args.json:
            out.write(_json_line(label, verdict))
            continue
        rows.append(_row(label, verdict))
        if len(rows) >= BLOCK:
            _print_table(rows, widths, out)
            rows = []
    if rows:
        _print_table(rows, widths, out)
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
    add_progress_argument(parser)
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
    if argv[:1] == ["plan"]:  # reconciliation: _cli_plan.py
        from ._cli_plan import main as plan_main

        return plan_main(argv[1:], out)
    if argv[:1] == ["drift"]:  # a maintainer command; reads the YAML, so imported only here
        from ._drift import main as drift_main

        return drift_main(argv[1:], out, PRODUCTS)
    if argv[:1] == ["classify"]:
        argv = argv[1:]
    return _classify_command(_parser().parse_args(argv), out)
