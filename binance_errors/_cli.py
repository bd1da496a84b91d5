"""The command line: ``binance-errors`` / ``python -m binance_errors``.

    binance-errors                          # classify the bundled sample responses
    binance-errors '{"code":-1021,"msg":"..."}' --status 400
    binance-errors --file app.log           # one frame, or {http_status, headers, body}, per line (streamed)
    binance-errors -                        # the same, from stdin
    binance-errors explain -2010 --lang zh  # what a code means and what to do about it
    binance-errors triage app.log --json    # counts, top messages, bans, rate-limit peaks of a log
    binance-errors sample-log > app.log     # the bundled sample log

A subcommand is one entry of ``COMMANDS``: a function ``main(argv, out) -> int`` (the exit
status) in a module imported only when the command runs. A reason a command cannot run
(``CommandError``: a missing file, an argument that is not JSON) is one line on stderr, exit 2.
Lines are read as ``triage`` reads them (``_jsonl.read_line``): the same line, the same answer.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from importlib import import_module
from typing import Any, TextIO

import ujson

from ._display import CUT_NOTE, WIDTH, cut, human_ms, iso_ms
from ._jsonl import CommandError, Progress, add_progress_argument, open_lines, read_line
from ._model import Verdict
from ._table import PRODUCTS

__all__ = ["COMMANDS", "CommandError", "main"]

# name -> ("module:function", summary for --help). The default command is "classify".
COMMANDS: dict[str, tuple[str, str]] = {
    "classify": ("binance_errors._cli:classify_main", "classify responses (the default command)"),
    "explain": ("binance_errors._cli:explain_main", "what a code means and what to do about it"),
    "triage": ("binance_errors._triage:main", "summarise a log of responses: classes, codes, bans, rate limits"),
    "sample-log": ("binance_errors._cli:sample_log_main", "print the bundled sample log (docs/cli.md uses it)"),
    "plan": (
        "binance_errors._cli_plan:main",
        "the follow-up request after an unknown outcome, and what its answer means",
    ),
}

Item = tuple[str, Any, Any, Any]  # (label, frame, http_status, headers)
BLOCK = 1000  # table rows buffered before printing (column widths only ever grow)
COLUMNS = ("input", "class", "execution", "retry", "reconcile")  # the first line of a row; the second: detail
TEXT_HINT = "(a body that is not JSON: give it on stdin, binance-errors -)"


def _version() -> str:
    from . import __version__

    return __version__


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


def _from_arguments(frames: list[str]) -> list[Item]:
    """Shell arguments: each must hold JSON (a frame or a body); anything else is a mistake to report."""
    items = []
    for n, frame in enumerate(frames, 1):
        read = read_line(frame)
        if read is None:
            raise CommandError(f"argument {n} is not JSON: {cut(repr(frame), 30)} {TEXT_HINT}")
        items.append((f"arg{n}", *read))
    return items


def _retry_text(verdict: Verdict) -> str:
    text = verdict.retry.action.value
    if verdict.retry.after_ms is not None:
        text += f" {human_ms(verdict.retry.after_ms)}"
    return text


def _detail(verdict: Verdict) -> str:
    """The second line of a row: code, NAME, reason (filter), the retry time."""
    parts = []
    if verdict.code is not None:
        parts.append(f"code {verdict.code}" + (f" {verdict.name}" if verdict.name else ""))
    parts.append(f"reason {verdict.reason}" + ("" if verdict.filter is None else f" ({verdict.filter})"))
    if verdict.retry.at_ms is not None:
        parts.append(f"retry at {iso_ms(verdict.retry.at_ms)}")
    return "  " + "  ".join(parts)


def _row(label: str, verdict: Verdict) -> tuple[str, ...]:
    return (
        label,
        verdict.status_class.value,
        verdict.execution.value,
        _retry_text(verdict),
        verdict.reconcile.value,
        _detail(verdict),
    )


class _Table:
    """Rows of two lines each, fit to ``WIDTH`` columns: the decision (input, class, execution,
    retry, reconcile) aligned in columns, the detail below it. Columns only grow (a streamed table
    keeps its layout); the input column takes what the others leave, and a text cut to fit says so.
    ``locations``: the inputs are "file:line" labels, cut at their start, where they tell least."""

    def __init__(self, out: TextIO, locations: bool = False) -> None:
        self.out = out
        self.locations = locations
        self.widths = [len(name) for name in COLUMNS]
        self.started = False
        self.cut = False

    def write(self, rows: list[tuple[str, ...]]) -> None:
        for i in range(1, len(COLUMNS)):
            self.widths[i] = max(self.widths[i], *(len(row[i]) for row in rows))
        room = WIDTH - sum(self.widths[1:]) - 2 * (len(COLUMNS) - 1)
        self.widths[0] = max(self.widths[0], min(max(len(row[0]) for row in rows), max(room, 8)))
        lines = [] if self.started else ["  ".join(n.ljust(w) for n, w in zip(COLUMNS, self.widths, strict=True))]
        self.started = True
        for row in rows:
            label = cut(row[0], self.widths[0], keep_end=self.locations)
            self.cut = self.cut or label != row[0]
            cells = (label, *row[1 : len(COLUMNS)])
            lines.append("  ".join(c.ljust(w) for c, w in zip(cells, self.widths, strict=True)))
            lines.append(row[len(COLUMNS)])
        for line in lines:
            line = line.rstrip()
            shown = cut(line, WIDTH)
            self.cut = self.cut or shown != line
            self.out.write(shown + "\n")

    def close(self) -> None:
        if self.cut:
            self.out.write(CUT_NOTE + "\n")


def _json_line(label: str, verdict: Verdict) -> str:
    """``{"input": label, ...verdict}`` as ``to_json`` writes it (never raises)."""
    return '{"input":' + ujson.dumps(label, escape_forward_slashes=False) + "," + verdict.to_json()[1:] + "\n"


def classify_main(argv: list[str], out: TextIO) -> int:
    """``binance-errors [classify]``: the samples, shell arguments, a file or stdin."""
    args = _parser().parse_args(argv)
    name = args.file or ("-" if args.frames == ["-"] else None)
    if name is not None:  # streamed: one line in memory at a time
        with open_lines(name) as (lines, stream, size):
            meter = Progress(sys.stderr if args.progress != 0 else None, "binance-errors", args.progress, stream, size)
            return _emit(_from_lines("stdin" if name == "-" else name, lines, meter), args, out, locations=True)
    if args.frames:
        return _emit(_from_arguments(args.frames), args, out)
    from ._samples import SAMPLES

    return _emit(SAMPLES, args, out)


def _emit(items: Iterable[Item], args: argparse.Namespace, out: TextIO, locations: bool = False) -> int:
    from ._classify import classify

    rows: list[tuple[str, ...]] = []
    table = _Table(out, locations)
    for label, frame, status, headers in items:
        verdict = classify(frame, status if args.status is None else args.status, headers, product=args.product)
        if args.json:
            out.write(_json_line(label, verdict))
            continue
        rows.append(_row(label, verdict))
        if len(rows) >= BLOCK:
            table.write(rows)
            rows = []
    if rows:
        table.write(rows)
    table.close()
    return 0


def _advice_text(verdict: Verdict) -> str:
    return (
        f"class: {verdict.status_class.value}  execution: {verdict.execution.value}  "
        f"retry: {verdict.retry.action.value}  reconcile: {verdict.reconcile.value}  reason: {verdict.reason}"
    )


def explain_main(argv: list[str], out: TextIO) -> int:
    """``binance-errors explain CODE``: the code's name, description, advice and every known message
    (one line each, not cut: a reference to search in)."""
    from ._explain import explain
    from ._lookup import lookup
    from ._table import load_table

    args = _explain_parser().parse_args(argv)
    table = load_table(args.product)
    out.write(explain(args.code, lang=args.lang, product=args.product) + "\n")
    info = table.codes.get(args.code)
    if info is None:
        if -args.code in table.codes:  # Binance codes are negative; a shell user may leave out the minus
            out.write(f"did you mean {-args.code}? (binance-errors explain {-args.code})\n")
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


def sample_log_main(argv: list[str], out: TextIO) -> int:
    """``binance-errors sample-log``: the bundled log of a bot's responses, for trying the commands."""
    argparse.ArgumentParser(
        prog="binance-errors sample-log",
        description="Print the bundled sample log (JSON lines with log prefixes, empty and unreadable lines).",
    ).parse_args(argv)
    from importlib.resources import files

    out.write(files("binance_errors").joinpath("sample.log").read_text(encoding="utf-8"))
    return 0


def _commands_help() -> str:
    width = max(map(len, COMMANDS))
    listed = "\n".join(f"  {name:<{width}}  {summary}" for name, (_, summary) in COMMANDS.items())
    return f"commands (binance-errors COMMAND --help for each):\n{listed}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="binance-errors",
        usage="binance-errors [COMMAND] ...\n       binance-errors [classify] [FRAME ...] [--file FILE] [options]",
        description="Classify Binance API responses (class, execution, retry, reconcile advice).\n"
        "With no input, classifies the bundled sample responses.",
        epilog=_commands_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("frames", nargs="*", metavar="FRAME", help="a response as JSON; - reads JSON lines from stdin")
    parser.add_argument("--file", help="a file of JSON lines (frames, or {http_status, headers, body}); - for stdin")
    parser.add_argument("--status", type=int, help="HTTP status for every input (REST bodies)")
    parser.add_argument("--product", default="spot", choices=sorted(PRODUCTS), help="product table (default spot)")
    parser.add_argument("--json", action="store_true", help="one JSON object per input instead of a table")
    parser.add_argument("--version", action="version", version=f"binance-errors {_version()}")
    add_progress_argument(parser)
    return parser


def _explain_parser() -> argparse.ArgumentParser:
    from ._explain import LANGUAGES

    parser = argparse.ArgumentParser(prog="binance-errors explain", description="Describe a Binance error code.")
    parser.add_argument("code", type=int, help="the code, e.g. -2010")
    parser.add_argument("--lang", default="en", choices=LANGUAGES)
    parser.add_argument("--product", default="spot", choices=sorted(PRODUCTS))
    return parser


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (a closed pipe, as in `| head`, ends it quietly)."""
    argv = sys.argv[1:] if argv is None else argv
    name = argv[0] if argv and argv[0] in COMMANDS else "classify"
    try:
        module, function = COMMANDS[name][0].split(":")
        status: int = getattr(import_module(module), function)(
            argv[1:] if argv[:1] == [name] else argv, out or sys.stdout
        )
        return status
    except CommandError as error:
        prog = "binance-errors" if name == "classify" else f"binance-errors {name}"
        sys.stderr.write(f"{prog}: {error}\n")
        return 2
    except BrokenPipeError:
        sys.stderr.close()  # nothing more can be written; do not print a traceback about it
        return 0
