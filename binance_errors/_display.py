"""Text for people, shared by the commands: delays, epoch-ms times, lines cut to the page width."""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["CUT", "CUT_NOTE", "WIDTH", "cut", "human_ms", "iso_ms"]

WIDTH = 100  # columns of every line the commands print for people (--json is not cut)
CUT = "…"  # ends (or starts) a text cut to fit
CUT_NOTE = f"({CUT} marks text cut to fit {WIDTH} columns; --json does not cut to fit)"


def human_ms(ms: int) -> str:
    """A delay for people: ``850ms``, ``2.5s``, ``27s``, ``58m 12s``, ``3h 5m``, ``2d 23h`` (whole
    units cut down; negative: a time already past)."""
    if ms < 0:
        return "-" + human_ms(-ms)
    if ms < 1000:
        return f"{ms}ms"
    if ms < 10_000 and ms % 1000:
        return f"{ms // 100 / 10:g}s"
    seconds = ms // 1000
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    if minutes:
        return f"{minutes}m {seconds}s"
    return f"{seconds}s"


def iso_ms(epoch_ms: int) -> str:
    """An epoch-ms time as ISO 8601 UTC to the second (``2022-07-30T02:00:00Z``); ``?`` when out of range."""
    try:
        return datetime.fromtimestamp(epoch_ms / 1000, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    except (OverflowError, OSError, ValueError):
        return "?"


def cut(text: str, width: int, keep_end: bool = False) -> str:
    """``text`` in at most ``width`` characters: cut at the end (or at the start, ``keep_end``)
    with ``CUT`` where it was cut."""
    if len(text) <= width:
        return text
    if width <= 1:
        return CUT[:width]
    return CUT + text[len(text) - width + 1 :] if keep_end else text[: width - 1] + CUT
