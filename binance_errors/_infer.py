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
from ._lookup import NORMALIZE_LIMIT, Found, find, normalize_message, published
from ._model import Execution, Verdict
from ._parse import as_int
from ._table import load_table
from ._tables import INFERRED

if TYPE_CHECKING:
    from ._lookup import Row
    from ._table import Table

__all__ = ["CAUTION", "INFERRED", "build_exact", "classify_any", "classify_code", "readings", "status_buckets"]

# INFERRED: the Binance products an answer may come from when nobody says, in order (the tables'
# ``inferred_order``; the second venue's "openapi" table is never guessed).
CAUTION = {Execution.UNKNOWN: 3, Execution.PARTLY: 2, Execution.YES: 1, Execution.NO: 0}
_STATUSES: tuple[int | None, ...] = (None, *range(100, 600))
_lock = allocate_lock()
_knowers: dict[int, tuple[Table, ...]] = {}
_message_rows: dict[tuple[str, int], frozenset[int]] = {}
_partition: list[tuple[int, ...]] = []
BUCKETS: dict[int, int] = {}  # the inferring hot path's status -> bucket index (``status_buckets``)
_readings: dict[tuple[int, Any], tuple[Table, ...] | None] = {}
_MISSING: Any = object()
_ANY: Any = object()  # readings under any status


def _knowers_of(code: int) -> tuple[Table, ...]:
    """The tables that list ``code``, in ``INFERRED`` order (built once)."""
    if not _knowers:
        with _lock:
            if not _knowers:
                found: dict[int, list[Table]] = {}
                for product in INFERRED:
                    table = load_table(product)
                    for known in table.codes_spec:
                        found.setdefault(known, []).append(table)
                _knowers.update({known: tuple(tables) for known, tables in found.items()})
    return _knowers.get(code, ())


def readings(code: Any, msg: Any, spot_found: Found | None = None, status: Any = _ANY) -> tuple[Table, ...] | None:
    """The tables whose reading of (code, msg) counts (rules 1 and 2), or None when spot's alone does.

    Kept per (code, the row spot lists the message under), or per (code, text) for a text only
    another product lists exactly: bounded by the tables, whatever the messages (a ban time makes
    every message unique). ``spot_found``: spot's ``find`` of the pair, when the caller has it;
    ``status``: the answer's status, when known (readings that agree under it collapse to spot's).
    """
    code = code if code.__class__ is int else as_int(code)
    if code is None:
        return None
    tables = _knowers_of(code)
    if not tables or (len(tables) == 1 and tables[0].product == "spot"):
        return None
    text = msg if msg.__class__ is str else None
    key: tuple[Any, ...] | None = None
    if text is not None:
        spot = tables[0] if tables[0].product == "spot" else None
        own = spot_found if spot_found is not None else find(spot, code, text) if spot is not None else None
        if spot is not None and own is not None and _lists(spot, code, own[0]):
            key = (code, id(own[0]))  # a row lives as long as its table: its id is stable
        elif any(text in t.exact[code] for t in tables):
            key = (code, text)
        elif len(text) <= NORMALIZE_LIMIT and any(normalize_message(text) in t.normalized[code] for t in tables):
            key = (code, normalize_message(text))  # a loose match of a listed text: bounded by the tables
        elif own is not None and not any(t.template_index.get(code) for t in tables[1:]):
            # No other table lists the text, nor any template of the code: each reads it with the
            # shared rules (a ban phrase, the filter rule, the code's own row), as spot's row says.
            key = (code, id(own[0]))
    statuses = _STATUSES if status is _ANY else (_bucket_status(status),)
    if key is not None:
        key = (*key, statuses[0] if len(statuses) == 1 else _ANY)
        cached = _readings.get(key, _MISSING)
        if cached is not _MISSING:
            return cached  # type: ignore[no-any-return]
    publishers = [t for t in tables if text is not None and published(t, code, text) is not None]
    chosen = tuple(publishers or tables)
    found: tuple[Table, ...] | None = chosen
    alike = len(chosen) == 1 or (key is not None and _agrees_with_spot(chosen, code, text, statuses))
    if chosen[0].product == "spot" and alike:
        found = None  # spot's reading is every reading (computed once per key)
    if key is not None:
        _readings.setdefault(key, found)
    return found


def _lists(table: Table, code: int, row: Row) -> bool:
    """True when ``row`` is one of the rows ``table`` lists for ``code``'s messages (exact or template)."""
    rows = _message_rows.get((table.product, code))
    if rows is None:
        listed = {id(r) for r in table.exact[code].values()}
        listed.update(id(template[4]) for template in table.templates.get(code, ()))
        rows = _message_rows.setdefault((table.product, code), frozenset(listed))
    return id(row) in rows


def _bucket_status(status: Any) -> int | None:
    """The representative status of ``status``'s bucket in ``status_buckets`` (None: no decisive status)."""
    if status.__class__ is not int or not 100 <= status <= 599:
        return None
    index, representatives = status_buckets()
    return representatives[index[status]]


def _most_cautious(verdicts: list[Verdict]) -> Verdict:
    found = verdicts[0]
    for verdict in verdicts[1:]:
        if CAUTION[verdict.execution] > CAUTION[found.execution]:
            found = verdict
    return found


def _peek(frame: Any, http_status: Any) -> tuple[Any, Any, Any] | None:
    """The (code, message, status) an answer carries, read without deciding anything; None when it has none."""
    if isinstance(frame, str | bytes | bytearray | memoryview):
        frame = _decide.parse_text(frame)
    if not isinstance(frame, dict):
        return None
    error = frame.get("error") if "error" in frame else frame
    if not isinstance(error, dict) or error.get("code") is None:
        return None
    msg = error.get("msg")
    status = http_status if http_status is not None or error is frame else frame.get("status")
    return error.get("code"), msg if msg is not None else error.get("message"), _decide.read_status(status)


def classify_any(table: Table, frame: Any, http_status: Any, headers: Any, now_ms: Any = None) -> Verdict:
    """``_decide.classify_any`` for an answer of no named product: the most cautious reading."""
    try:
        status_buckets()
        pair = _peek(frame, http_status)
        tables = readings(pair[0], pair[1], None, pair[2]) if pair is not None else None
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
    found = find(table, code, msg)
    tables = readings(code, msg, found, status)
    if tables is None:
        return _decide.classify_code(table, code, msg, status, data, headers, source, now_ms, False, found)
    return _most_cautious([_decide.classify_code(t, code, msg, status, data, headers, source, now_ms) for t in tables])


def _agrees_with_spot(tables: tuple[Table, ...], code: int, msg: str | None, statuses: tuple[Any, ...]) -> bool:
    """True when every table's reading of (code, msg) gives spot's (``tables[0]``) class and
    execution under each of ``statuses``."""
    spot = tables[0]
    row = find(spot, code, msg)[0]
    for other in tables[1:]:
        theirs = find(other, code, msg)[0]
        for status in statuses:
            mine, their = row[spot.bucket_of(status)], theirs[other.bucket_of(status)]
            if mine.status_class is not their.status_class or mine.execution is not their.execution:
                return False
    return True


def status_buckets() -> tuple[dict[int, int], tuple[int, ...]]:
    """The inferring hot path's status buckets: the statuses every inferred table buckets alike share
    one (status -> index, filled into ``BUCKETS`` in place), with a representative status per index.

    Built on the first answer that leaves the hot path (it loads every inferred table: import time is
    a benchmark); until then the hot path's ``BUCKETS`` lookup misses and the complete procedure runs.
    """
    if not _partition:
        with _lock:
            if not _partition:
                tables = [load_table(product) for product in INFERRED]
                index: dict[tuple[int, ...], int] = {}
                found: dict[int, int] = {}
                for status in range(100, 600):
                    key = tuple(table.bucket_of(status) for table in tables)
                    found[status] = index.setdefault(key, len(index))
                representatives = {bucket: status for status, bucket in sorted(found.items(), reverse=True)}
                _partition.append(tuple(representatives[i] for i in range(len(index))))
                BUCKETS.update(found)  # last: a reader that finds a status finds its row's index
    return BUCKETS, _partition[0]


def build_exact(exact: dict[int, dict[str, Row]], spot: Table, code: Any) -> None:
    """Fill the inferring hot path's exact messages of ``code`` (rule 3), each a row over
    ``status_buckets``: spot's verdicts where spot's is every reading, else the most cautious reading
    under each bucket (as ``classify_code`` decides it). ``exact`` stays a plain dict."""
    if code.__class__ is not int or code in exact:
        return
    messages = spot.exact.get(code)
    if messages is None:
        return
    _, representatives = status_buckets()
    kept: dict[str, Row] = {}
    for msg, row in messages.items():
        tables = readings(code, msg)
        if tables is None:
            kept[msg] = tuple(row[spot.bucket_of(status)] for status in representatives)
        else:
            rows = [(table, find(table, code, msg)[0]) for table in tables]
            kept[msg] = tuple(
                _most_cautious([their[table.bucket_of(status)] for table, their in rows]) for status in representatives
            )
    exact.setdefault(code, kept)
