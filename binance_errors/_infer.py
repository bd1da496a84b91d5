"""The product of an answer nobody named (no ``product=``, no URL): the readings of its (code, message).

Rules this module keeps (docs/design.md, "Product not known"):

1. A (code, message) pair that only one product publishes takes that product's row; the verdict's
   ``product`` says which product was inferred.
2. Where products publish the pair (or, when none publishes the message, know the code) with
   meanings that differ, each reading is made and the one with the most cautious execution wins
   (``unknown`` over ``partly`` over ``yes`` over ``no``): never ``no`` when any reading says
   ``unknown``. On a tie the first product in ``INFERRED`` order (spot first) wins.
3. The hot path keeps its speed: a spot pair whose every reading agrees with spot's at every
   status stays in the inferring classifier's exact dict (built per code on first lookup); any
   other pair goes through ``classify_any``/``classify_code`` here.
"""

from __future__ import annotations

from _thread import allocate_lock
from typing import TYPE_CHECKING, Any

from . import _decide
from ._lookup import find
from ._model import Execution, Verdict
from ._parse import as_int
from ._table import load_table
from ._tables import INFERRED

if TYPE_CHECKING:
    from ._lookup import Row
    from ._table import Table

__all__ = ["CAUTION", "INFERRED", "build_exact", "classify_any", "classify_code", "readings"]

# INFERRED: the Binance products an answer may come from when nobody says, in order (the tables'
# ``inferred_order``; the second venue's "openapi" table is never guessed).
CAUTION = {Execution.UNKNOWN: 3, Execution.PARTLY: 2, Execution.YES: 1, Execution.NO: 0}
_STATUSES: tuple[int | None, ...] = (None, *range(100, 600))
_lock = allocate_lock()
_knowers: dict[int, tuple[str, ...]] = {}


def _knowers_of(code: int) -> tuple[str, ...]:
    """The products whose table lists ``code``, in ``INFERRED`` order (built once)."""
    if not _knowers:
        with _lock:
            if not _knowers:
                found: dict[int, list[str]] = {}
                for product in INFERRED:
                    for known in load_table(product).codes_spec:
                        found.setdefault(known, []).append(product)
                _knowers.update({known: tuple(names) for known, names in found.items()})
    return _knowers.get(code, ())


def _publishes(table: Table, code: int, msg: str | None) -> bool:
    """True when ``table`` lists ``msg`` under ``code`` (exactly, loosely or as a template)."""
    if msg is None:
        return False
    row = find(table, code, msg)[0]
    return row is not table.defaults[code] and row[0].message is not None


def readings(code: Any, msg: Any) -> tuple[Table, ...] | None:
    """The tables whose reading of (code, msg) counts (rules 1 and 2), or None when spot's alone does."""
    code = code if code.__class__ is int else as_int(code)
    if code is None:
        return None
    knowers = _knowers_of(code)
    if not knowers or knowers == ("spot",):
        return None
    text = msg if msg.__class__ is str else None
    tables = [load_table(p) for p in knowers]
    publishers = [t for t in tables if _publishes(t, code, text)]
    chosen = publishers or tables
    return None if len(chosen) == 1 and chosen[0].product == "spot" else tuple(chosen)


def _most_cautious(verdicts: list[Verdict]) -> Verdict:
    found = verdicts[0]
    for verdict in verdicts[1:]:
        if CAUTION[verdict.execution] > CAUTION[found.execution]:
            found = verdict
    return found


def _peek(frame: Any) -> tuple[Any, Any] | None:
    """The (code, message) an answer carries, read without deciding anything; None when it has none."""
    if isinstance(frame, str | bytes | bytearray | memoryview):
        frame = _decide.parse_text(frame)
    if not isinstance(frame, dict):
        return None
    error = frame.get("error") if "error" in frame else frame
    if not isinstance(error, dict) or error.get("code") is None:
        return None
    msg = error.get("msg")
    return error.get("code"), msg if msg is not None else error.get("message")


def classify_any(table: Table, frame: Any, http_status: Any, headers: Any, now_ms: Any = None) -> Verdict:
    """``_decide.classify_any`` for an answer of no named product: the most cautious reading."""
    try:
        pair = _peek(frame)
        tables = readings(*pair) if pair is not None else None
        if pair is not None:
            build_exact(table.inferring_exact, table, pair[0])
    except Exception:  # a hostile input: the complete procedure reads it and keeps it
        tables = None
    if tables is None:
        return _decide.classify_any(table, frame, http_status, headers, now_ms)
    return _most_cautious([_decide.classify_any(t, frame, http_status, headers, now_ms) for t in tables])


def classify_code(
    table: Table,
    code: int,
    msg: str | None,
    status: int | None,
    data: Any,
    headers: Any,
    source: Any,
    now_ms: Any = None,
) -> Verdict:
    """``_decide.classify_code`` for an answer of no named product (the hot path's dynamic branch)."""
    tables = readings(code, msg)
    if tables is None:
        return _decide.classify_code(table, code, msg, status, data, headers, source, now_ms)
    return _most_cautious([_decide.classify_code(t, code, msg, status, data, headers, source, now_ms) for t in tables])


def _agrees(spot: Table, row: Row, tables: tuple[Table, ...], code: int, msg: str) -> bool:
    """True when every reading of (code, msg) gives spot's class and execution under every status."""
    for other in tables:
        if other is spot:
            continue
        theirs = find(other, code, msg)[0]
        for status in _STATUSES:
            mine, their = row[spot.bucket_of(status)], theirs[other.bucket_of(status)]
            if mine.status_class is not their.status_class or mine.execution is not their.execution:
                return False
    return True


def build_exact(exact: dict[int, dict[str, Row]], spot: Table, code: Any) -> None:
    """Fill the inferring hot path's exact messages of ``code`` (rule 3): spot's, minus the pairs
    another product reads otherwise. ``exact`` stays a plain dict (the hot path's subscript)."""
    if code.__class__ is not int or code in exact:
        return
    messages = spot.exact.get(code)
    if messages is None:
        return
    kept = {}
    for msg, row in messages.items():
        tables = readings(code, msg)
        if tables is None or _agrees(spot, row, tables, code, msg):
            kept[msg] = row
    exact.setdefault(code, kept)
