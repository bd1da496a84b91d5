"""Reading JSON-lines logs of responses, for ``binance-errors --file`` and ``binance-errors triage``.

Rules this module keeps:

1. One reader of a line (``read_line``) for both commands, so they give the same answer for the
   same line: a frame or REST body, an envelope ``{body, http_status|status_code|status, headers}``,
   a JSON list (a batch answer), or a JSON object inside other text (a log prefix).
2. Streamed: one line in memory at a time (at most ``LINE_LIMIT`` bytes; the rest of a longer
   line is skipped and the line counts as unreadable), decoded as UTF-8 with replacement, so no
   line stops the run.
3. A progress bar goes to stderr only when stderr is a terminal and the input is long
   (``LONG_BYTES`` of file, or ``LONG_LINES`` lines of a pipe); ``every=N`` asks for plain
   progress lines every N lines instead, terminal or not.

"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, TextIO

import ujson

__all__ = ["LINE_LIMIT", "TOO_LONG", "CommandError", "Progress", "add_progress_argument", "open_lines", "read_line"]

LINE_LIMIT = 64 << 20  # bytes (characters from a text stream) of one line read
TOO_LONG = "<line longer than LINE_LIMIT, skipped>"  # stands for such a line: unreadable by both commands
LONG_BYTES = 16 << 20  # a file this long gets a progress bar (on a terminal)
LONG_LINES = 100_000  # a pipe gets one after this many lines (on a terminal)
ENVELOPE_STATUS = ("http_status", "status_code", "status")
_BAR = 30  # characters of the bar
_REFRESH_S = 0.2  # seconds between redraws


class CommandError(Exception):
    """A reason a command cannot run (a file it cannot read, an argument it cannot use): the
    command line prints it as one line on stderr and exits 2, without a traceback."""


def _envelope(parsed: dict[str, Any]) -> tuple[Any, Any, Any] | None:
    if "body" not in parsed or not ("headers" in parsed or any(k in parsed for k in ENVELOPE_STATUS)):
        return None
    status = next((parsed[k] for k in ENVELOPE_STATUS if parsed.get(k) is not None), None)
    return parsed["body"], status, parsed.get("headers")


def read_line(line: str) -> tuple[Any, Any, Any] | None:
    """``(frame, http_status, headers)`` of one log line, or None when it holds no JSON object or list."""
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
    if isinstance(parsed, list):  # a batch answer (futures batchOrders)
        return parsed, None, None
    if not isinstance(parsed, dict):
        return None
    return _envelope(parsed) or (parsed, None, None)


def _lines(handle: IO[Any]) -> Iterator[str]:
    """The lines of a binary or text stream, without their line ends, a too long one as ``TOO_LONG``."""
    while True:
        raw = handle.readline(LINE_LIMIT)
        if not raw:
            return
        if len(raw) >= LINE_LIMIT and raw[-1:] not in (b"\n", "\n"):
            while True:  # skip the rest of the line
                rest = handle.readline(LINE_LIMIT)
                if not rest or rest[-1:] in (b"\n", "\n"):
                    break
            yield TOO_LONG
            continue
        text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
        yield text.rstrip("\r\n")


@contextmanager
def open_lines(name: str) -> Iterator[tuple[Iterator[str], IO[Any], int | None]]:
    """``(lines, stream, size in bytes or None)`` of a file, or of stdin for ``-`` (bytes when it has them)."""
    if name == "-":
        stream: IO[Any] = getattr(sys.stdin, "buffer", sys.stdin)
        yield _lines(stream), stream, None
        return
    try:
        opened = open(name, "rb")  # noqa: SIM115 (closed below; only the open's failure is the user's mistake)
    except OSError as error:
        raise CommandError(f"cannot read {name}: {error.strerror or error}") from None
    with opened as handle:
        try:
            size: int | None = os.fstat(handle.fileno()).st_size
        except OSError:
            size = None
        yield _lines(handle), handle, size


def add_progress_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--progress N`` option shared by ``--file`` and ``triage``."""
    parser.add_argument(
        "--progress",
        type=int,
        default=None,
        metavar="N",
        help="a progress line on stderr every N lines (0: none; default: a bar for long input on a terminal)",
    )


class Progress:
    """Progress on ``err``: a bar on a terminal for long input, or a line every ``every`` lines."""

    def __init__(
        self, err: TextIO | None, label: str, every: int | None = None, stream: Any = None, size: int | None = None
    ) -> None:
        self.err, self.label, self.every, self.stream, self.size = err, label, every, stream, size
        self.started = self.drawn_at = time.perf_counter()
        self.shown = False
        try:
            tty = err is not None and err.isatty()
        except Exception:  # a closed or odd stream
            tty = False
        self.bar = every is None and tty and (size is None or size >= LONG_BYTES)

    def tick(self, number: int) -> None:
        """After line ``number``."""
        if self.err is None:
            return
        if self.every:
            if number % self.every == 0:
                self.err.write(f"{self.label}: {number} lines read, {time.perf_counter() - self.started:.1f} s\n")
                self.err.flush()
            return
        if not self.bar or number & 1023 or (self.size is None and number < LONG_LINES):
            return
        now = time.perf_counter()
        if now - self.drawn_at >= _REFRESH_S or not self.shown:
            self.drawn_at, self.shown = now, True
            self.err.write("\r" + self._bar(number, now))
            self.err.flush()

    def _bar(self, number: int, now: float) -> str:
        elapsed = f"{number:,} lines, {now - self.started:.1f} s"
        try:
            done = self.stream.tell() / self.size if self.size else None
        except Exception:  # a stream that cannot tell
            done = None
        if done is None:
            return f"{self.label}: {elapsed}"
        filled = int(_BAR * min(done, 1.0))
        return f"{self.label}: [{'#' * filled}{'.' * (_BAR - filled)}] {100 * min(done, 1.0):3.0f}%  {elapsed}"

    def done(self, number: int) -> None:
        """At the end of the input."""
        if self.err is None:
            return
        if self.every and number >= self.every:
            self.err.write(f"{self.label}: done, {number} lines in {time.perf_counter() - self.started:.1f} s\n")
        elif self.shown:
            self.err.write("\r" + self._bar(number, time.perf_counter()) + "\n")
        self.err.flush()
