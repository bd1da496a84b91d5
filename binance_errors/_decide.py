"""The complete procedure: one shape dispatch from any input to its verdict.

Rules this module keeps (docs/design.md, "Decision order"):

1. Body first, status second: an error object is read by its code (``classify_code``: its row
   from ``_lookup``, its legs from ``_compound``, its retry time from ``_timing``); a body with no
   code by its message; a success by its status; text by ``ujson`` (a UTF-8 BOM stripped), a list
   item by item. Each of those questions has its answer in that one module; this one only asks.
2. The hot path (``_classify.py``) is the first branch of this procedure: it answers only where
   its prebuilt verdict is this procedure's answer, and otherwise calls ``classify_code`` or
   ``classify_any`` with what it has read.
3. Nothing here raises on data: ``classify_any`` turns any exception an input's own methods raise
   into a MALFORMED verdict that keeps the input's text (docs/guarantees.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import ujson

from . import _compound
from ._lookup import Found, find, known_message, message_rule
from ._model import StatusClass, Verdict
from ._parse import as_int, field_value, is_sbe_content_type
from ._timing import BAN_FIELD, bucket_retry, retry_timing, timing_of
from ._verdicts import TemplateValues, coded_verdict, replace
from ._wire import binary
from ._wire import read as read_wire

if TYPE_CHECKING:
    from ._model import Legs
    from ._table import Table

__all__ = [
    "INVALID_STATUS",
    "RAW_TEXT_LIMIT",
    "classify_any",
    "classify_code",
    "classify_error",
    "classify_item",
    "classify_mapping",
    "parse_text",
    "raw_text",
    "read_answer_legs",
    "read_status",
]

RAW_TEXT_LIMIT = 4096  # characters of unreadable input kept in `Verdict.raw_text`
INVALID_STATUS = -1  # a status that is present but not a number from 100 to 599
_TEXT_TYPES = (str, bytes, bytearray, memoryview)
RATE_LIMITED = StatusClass.RATE_LIMITED
BANNED = StatusClass.BANNED
_TIMED = (RATE_LIMITED, BANNED)
_BOM, _BOM_BYTES = "\ufeff", b"\xef\xbb\xbf"


def read_status(value: Any) -> int | None:
    """The status as an int from 100 to 599, None when absent, INVALID_STATUS otherwise.

    ``http.HTTPStatus`` and other int subclasses are statuses; a bool is not.
    """
    if value.__class__ is int and 100 <= value <= 599:
        return value
    if value is None:
        return None
    if isinstance(value, int) and value.__class__ is not bool:
        value = int(value)
    status = as_int(value) if value.__class__ is not bool else None
    return status if status is not None and 100 <= status <= 599 else INVALID_STATUS


def raw_text(value: Any) -> str:
    """The text of an input, bounded (``RAW_TEXT_LIMIT``), for ``Verdict.raw_text``; never raises."""
    try:
        if isinstance(value, str):
            text = value
        elif isinstance(value, bytes | bytearray | memoryview):
            text = bytes(value[: RAW_TEXT_LIMIT * 4]).decode("utf-8", errors="replace")
        else:
            text = repr(value)
    except Exception:  # a repr that fails is as unreadable as the value
        text = f"<unreadable {type(value).__name__}>"
    return str(text[:RAW_TEXT_LIMIT]) if isinstance(text, str) else f"<unreadable {type(value).__name__}>"


def _timed(verdict: Verdict, headers: Any, now_ms: Any) -> Verdict:
    """A rate-limit or ban verdict without a code with its timing (``Retry-After``, a ban's end)."""
    if verdict.status_class not in _TIMED:
        return verdict
    timing = retry_timing(None, headers, verdict.values, now_ms)
    return verdict if timing is None else replace(verdict, retry=timing)


def _unreadable(table: Table, status: int | None, value: Any, headers: Any = None, now_ms: Any = None) -> Verdict:
    """A body that cannot be read (rule 7), its text kept."""
    verdict = replace(table.malformed.get(status, table.malformed[None]), raw_text=raw_text(value))
    return _timed(verdict, headers, now_ms)


def _message_of(error: Mapping[str, Any]) -> tuple[Any, str | None]:
    """The message as received (``msg``, else ``message``) and as text (None when it is no str)."""
    raw_msg = error.get("msg")
    if raw_msg is None:
        raw_msg = error.get("message")
    return raw_msg, raw_msg if raw_msg.__class__ is str else None


def _codeless(table: Table, error: Mapping[str, Any], status: int | None, headers: Any, now_ms: Any) -> Verdict:
    """A WebSocket API ``error`` object without a code: its message if known, else the status."""
    raw_msg, msg = _message_of(error)
    verdict = known_message(table, msg, status)
    if verdict is None:
        verdict = table.no_error[status] if table.bucket_of(status) else _unreadable(table, status, error)
    verdict = replace(verdict, message=msg, raw_message=None if msg is not None else raw_msg, data=error.get("data"))
    return _timed(verdict, headers, now_ms)


def _body_without_code(table: Table, body: Mapping[str, Any], status: int | None, headers: Any, now_ms: Any) -> Verdict:
    """A REST body without a code: its message if known; ``success: false``; a message alone (never
    a success: rule 6); a success body, whose leg results decide when it has them."""
    raw_msg, msg = _message_of(body)
    data = body.get("data")
    success = body.get("success")
    verdict = known_message(table, msg, status)
    if verdict is None:
        if success is False:
            verdict = table.unsuccessful[table.bucket_of(status)]
        elif raw_msg is not None and data is None and success is not True:
            verdict = table.message_only[table.bucket_of(status)]
        else:  # a success body (or no code under an error status): prebuilt unless msg/data/legs to keep
            verdict = table.no_error.get(status, table.unexpected)
            legs = body if _compound.has_legs(body) else data if _compound.has_legs(data) else None
            if legs is not None:
                verdict = _legs_of(table, verdict, None, msg, verdict.values, data, status, headers, body, now_ms, legs)
                return verdict if msg is not None or raw_msg is None else replace(verdict, raw_message=raw_msg)
            if raw_msg is None and data is None:
                return _timed(verdict, headers, now_ms)
    verdict = replace(verdict, message=msg, raw_message=None if msg is not None else raw_msg, data=data)
    return _timed(verdict, headers, now_ms)


def classify_error(
    table: Table, error: Mapping[str, Any], status: int | None, headers: Any, frame: Any = None, now_ms: Any = None
) -> Verdict:
    """An error object ``{code, msg|message, data}`` (a REST body or ``error``) under ``status``.

    ``frame`` is the whole WebSocket API frame (for its ``rateLimits``).
    """
    return _read_coded(table, error, status, headers, frame if frame is not None else error, now_ms, False)


def classify_item(table: Table, item: Any) -> Verdict:
    """One cancel/replace leg's response or one batch item: an order object (``ok``), an error
    object (its row, with the retry time its own message or data gives), a message alone, or unreadable."""
    if item.__class__ is list or item.__class__ is tuple:  # a row of a market-data list answer
        return table.no_error[None]
    if not isinstance(item, dict):
        return _unreadable(table, None, item)
    if item.get("code") is None:
        return _body_without_code(table, item, None, None, None)
    code = item.get("code")
    if code.__class__ is int and item.__class__ is dict and "data" not in item:
        messages = table.built_exact.get(code)  # a documented message: its row's prebuilt verdict
        msg = item.get("msg")
        if messages is not None and msg.__class__ is str:
            row = messages.get(msg)
            if row is not None and row[0].status_class not in _TIMED:
                return row[0]
    return _read_coded(table, item, None, None, item, None, True)


def _read_coded(
    table: Table, error: Mapping[str, Any], status: int | None, headers: Any, source: Any, now_ms: Any, nested: bool
) -> Verdict:
    """An error object with a code: its code and message read as sent, then ``classify_code``."""
    raw_code = error.get("code")
    raw_msg, msg = _message_of(error)
    data = error.get("data")
    if raw_code.__class__ is int:
        verdict = classify_code(table, raw_code, msg, status, data, headers, source, now_ms, nested)
        return verdict if msg is not None or raw_msg is None else replace(verdict, raw_message=raw_msg)
    code = as_int(raw_code) if raw_code.__class__ is not bool else None
    if code is None:
        verdict = _unreadable(table, status, raw_code)
        return replace(verdict, message=msg, raw_code=raw_code, raw_message=raw_msg, data=data)
    verdict = classify_code(table, code, msg, status, data, headers, source, now_ms, nested)
    return replace(verdict, raw_code=raw_code, raw_message=raw_msg if msg is None else None)


def classify_code(
    table: Table,
    code: int,
    msg: str | None,
    status: int | None,
    data: Any,
    headers: Any,
    source: Any,
    now_ms: Any = None,
    nested: bool = False,
    found: Found | None = None,
) -> Verdict:
    """An error with an int ``code`` and its message (None when it sent none readable) under ``status``.

    Its row (``find``), the legs of a cancel/replace answer, the retry time. ``source`` holds the
    ``rateLimits`` (the WebSocket API frame, else the body); a ``nested`` error (a leg's or a batch
    item's) has no legs, and its retry time comes from its own message and data only. ``found`` is
    ``find``'s answer when the caller has it already.
    """
    row, fields, parts, values = find(table, code, msg) if found is None else found
    verdict = row[table.status_bucket.get(status, 0)]  # table.bucket_of(status), inline
    timing = retry = None
    status_class = verdict.status_class
    if not nested and code in table.legs_codes and _compound.has_legs(data):
        if fields:
            values = TemplateValues(fields, parts, field_value)
        return _legs_of(table, verdict, code, msg, values or verdict.values, data, status, headers, source, now_ms)
    if status_class is RATE_LIMITED or status_class is BANNED:
        if fields:
            until = field_value(parts[fields.index(BAN_FIELD)]) if BAN_FIELD in fields else None
        else:
            until = values.get(BAN_FIELD) if values else None
        timing = timing_of(data, None if nested else headers, until, now_ms)
        if timing is None and status_class is RATE_LIMITED and not nested:
            if fields:
                values = TemplateValues(fields, parts, field_value)
            retry = bucket_retry(source, headers, now_ms, data, values or verdict.values)
    changed = timing is not None or retry is not None or data is not None or fields is not None or values is not None
    if not changed and verdict.known and verdict.code == code and verdict.message == msg:
        return verdict  # nothing this answer says changes its row's verdict
    return coded_verdict(verdict, code, msg, data, fields, parts, values, timing, retry)


def _legs_of(
    table: Table,
    verdict: Verdict,
    code: int | None,
    msg: str | None,
    values: Any,
    data: Any,
    status: int | None,
    headers: Any,
    source: Any,
    now_ms: Any,
    holder: Any = None,
) -> Verdict:
    """``verdict`` with the legs of ``holder`` (else ``data``) deciding (``_compound.with_legs``)."""

    def timing(status_class: StatusClass) -> Any:
        found = retry_timing(None, headers, values, now_ms)
        if found is None and status_class is RATE_LIMITED:
            found = bucket_retry(source, headers, now_ms, None, values)
        return found

    def judge(item: Any) -> Verdict:
        return classify_item(table, item)

    return _compound.with_legs(table, verdict, code, msg, values, data, status, judge, timing, holder)


def read_answer_legs(table: Table, frame: Any) -> Legs | None:
    """Both legs of any cancel/replace answer, each read as ``classify`` reads it; None without legs."""
    return _compound.read_answer_legs(table, frame, lambda item: classify_item(table, item))


def classify_mapping(
    table: Table, frame: Mapping[str, Any], http_status: Any, headers: Any, now_ms: Any = None
) -> Verdict:
    """A parsed WebSocket API frame or REST body: the shape dispatch (the hot path reads it in this order)."""
    if "error" in frame:  # a WebSocket API error
        status = read_status(http_status if http_status is not None else frame.get("status"))
        error = frame.get("error")
        if error is None:
            return table.no_error.get(status, table.unexpected)
        if not isinstance(error, dict):
            return _unreadable(table, status, error, headers, now_ms)
        if error.get("code") is None:
            return _codeless(table, error, status, headers, now_ms)
        return classify_error(table, error, status, headers, frame, now_ms)
    if "result" in frame:
        status = read_status(http_status if http_status is not None else frame.get("status"))
        if "code" not in frame:  # a WebSocket API success: the status decides, or its leg results
            verdict = table.no_error.get(status, table.unexpected)
            result = frame.get("result")
            if _compound.has_legs(result):
                return _legs_of(
                    table, verdict, None, None, verdict.values, None, status, headers, frame, now_ms, result
                )
            return verdict
    else:
        status = read_status(http_status)
        if status is None and "code" not in frame:  # a WebSocket API frame with only its status
            own = frame.get("status")
            if isinstance(own, int) and own.__class__ is not bool and 100 <= own <= 599:
                return table.no_error.get(int(own), table.unexpected)
    # A REST body (a body code beats a `result`).
    if frame.get("code") is None:
        return _body_without_code(table, frame, status, headers, now_ms)
    return classify_error(table, frame, status, headers, now_ms=now_ms)


def classify_any(table: Table, frame: Any, http_status: Any, headers: Any, now_ms: Any = None) -> Verdict:
    """Any input at all, parsed or raw, of any type; never raises (rule 3)."""
    try:
        return _classify_any(table, frame, http_status, headers, now_ms)
    except Exception:  # an input whose own methods raise (a hostile mapping, header or status)
        try:
            status = read_status(http_status)
        except Exception:
            status = INVALID_STATUS
        return replace(table.malformed.get(status, table.malformed[None]), raw_text=raw_text(frame))


def _classify_any(table: Table, frame: Any, http_status: Any, headers: Any, now_ms: Any) -> Verdict:
    wired = read_wire(table, frame)  # FIX tag=value, a WebSocket Streams event: the frame they hold (_wire)
    if wired is not None:
        if wired[1] is None:  # in that format, but unreadable (rule 7)
            return _unreadable(wired[0], read_status(http_status), frame, headers, now_ms)
        table, frame = wired
    if isinstance(frame, dict):
        return classify_mapping(table, frame, http_status, headers, now_ms)
    status = read_status(http_status)
    if frame is None:
        return _timed(table.empty.get(status, table.malformed[None]), headers, now_ms)
    if isinstance(frame, _TEXT_TYPES):
        parsed = parse_text(frame)  # an SBE message (by its header) is its JSON-shaped frame, or UNREADABLE
        if binary.is_unreadable(parsed) or (  # unreadable SBE (rule 7): hex kept
            not isinstance(frame, str)
            and parsed is not _EMPTY
            and not isinstance(parsed, dict | list)
            and is_sbe_content_type(headers)
        ):
            malformed = table.malformed.get(status, table.malformed[None])
            return _timed(replace(malformed, raw_text=binary.raw_hex(frame)), headers, now_ms)
        if parsed is _EMPTY:
            return _timed(table.empty.get(status, table.malformed[None]), headers, now_ms)
        if isinstance(parsed, dict):
            return classify_mapping(table, parsed, http_status, headers, now_ms)
        if not isinstance(parsed, list):  # not JSON, or a JSON scalar: plain text, kept as received
            return _plain_text(table, status, frame, headers, now_ms)
        frame = parsed
    if isinstance(frame, list):
        return _list(table, frame, status, headers, now_ms)
    if isinstance(frame, BaseException) or (
        hasattr(frame, "headers") and (hasattr(frame, "status_code") or hasattr(frame, "status"))  # aiohttp: status
    ):
        from ._adapters import classify_object  # a client's response or exception (on first use: a cycle)

        return classify_object(frame, now_ms if now_ms.__class__ is int else None)
    return _unreadable(table, status, frame, headers, now_ms)


_EMPTY: Any = object()
_UNPARSED: Any = object()


def parse_text(raw: Any) -> Any:
    """The JSON value of raw text (a leading UTF-8 BOM stripped); one invalid UTF-8 byte does not make
    it unreadable (decoded with replacement); ``_EMPTY`` for blank text, ``_UNPARSED`` when it is not JSON.

    Binary input that starts with a spot SBE message header (schema id 3, a known template) is
    decoded instead (``_wire/binary.py``): its JSON-shaped frame, or ``UNREADABLE``."""
    try:
        found = binary.read(raw)  # an SBE message (never JSON: its header holds NUL or 0xEB bytes)
        if found is not None:
            return found
        text = bytes(raw) if isinstance(raw, memoryview | bytearray) else raw
        text = text.removeprefix(_BOM) if isinstance(text, str) else text.removeprefix(_BOM_BYTES)
        if not text.strip():
            return _EMPTY
        try:
            return ujson.loads(text)
        except ValueError:
            if isinstance(text, str):
                raise
            return ujson.loads(bytes(text).decode("utf-8", errors="replace"))
    except Exception:  # bad JSON, too deep, too large a number: unreadable, never raised
        return _UNPARSED


def _plain_text(table: Table, status: int | None, raw: Any, headers: Any, now_ms: Any) -> Verdict:
    """A body that is not JSON: what its text says (``message_rules``: "Too many requests", a
    deprecation notice, a ban), else unreadable; the text kept either way."""
    text = raw_text(raw)
    said = message_rule(table, text, ban_only=False)
    if said is None:
        return _unreadable(table, status, raw, headers, now_ms)
    verdict = table.message_rule_row(said[0], None)[table.bucket_of(status)]
    verdict = replace(verdict, raw_text=text, values=said[1] or verdict.values)
    return _timed(verdict, headers, now_ms)


def _list(table: Table, items: list[Any], status: int | None, headers: Any, now_ms: Any) -> Verdict:
    """A JSON list (``_compound.classify_list``); a non-2xx status decides as it does for any body."""
    verdict = table.no_error.get(status, table.unexpected) if status is not None else table.no_error[None]
    if verdict.status_class is not StatusClass.OK:
        return _timed(verdict, headers, now_ms)
    found = _compound.classify_list(table, items, status, lambda item: classify_item(table, item))
    return verdict if found is None else found
