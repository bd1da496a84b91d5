"""The complete decision procedure (DESIGN.md sections 3 to 5), for every input shape.

``_classify.py`` answers the common shapes from prebuilt verdicts and falls through to here for
everything else: raw text, odd types, coerced codes and statuses, templated messages, unknown
codes, cancel/replace legs, retry timing. The result is the same either way (a property test
checks it). Nothing here raises on data: unreadable parts become a MALFORMED verdict that keeps
the raw value.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import ujson

from ._legs import LEG_KEYS, outer_advice, read_legs
from ._model import StatusClass, Verdict
from ._table import NORMALIZE_LIMIT, Row, Table, normalize_message, replace
from ._timing import as_int, retry_timing

__all__ = ["RAW_TEXT_LIMIT", "classify_any", "classify_mapping"]

RAW_TEXT_LIMIT = 4096  # characters of unreadable input kept in `Verdict.raw_text`
FIELD_LIMIT = 256  # characters kept of one value pulled out of a templated message
FILTER_PREFIX = "Filter failure: "
INVALID_STATUS = -1  # a status that is present but not a number from 100 to 599
_TEXT_TYPES = (str, bytes, bytearray, memoryview)
_TIMED = (StatusClass.RATE_LIMITED, StatusClass.BANNED)


def read_status(value: Any) -> int | None:
    """The status as an int from 100 to 599, None when absent, INVALID_STATUS otherwise."""
    if value is None:
        return None
    status = as_int(value) if value.__class__ is not bool else None
    return status if status is not None and 100 <= status <= 599 else INVALID_STATUS


def _raw_text(value: Any) -> str:
    try:
        if isinstance(value, str):
            text = value
        elif isinstance(value, bytes | bytearray | memoryview):
            text = bytes(value[: RAW_TEXT_LIMIT * 4]).decode("utf-8", errors="replace")
        else:
            text = repr(value)
    except Exception:  # a repr that fails is as unreadable as the value
        text = f"<unreadable {type(value).__name__}>"
    return text[:RAW_TEXT_LIMIT]


def _unreadable(table: Table, status: int | None, value: Any, empty: bool = False) -> Verdict:
    verdict = (table.empty if empty else table.malformed).get(status, table.malformed[None])
    return verdict if empty else replace(verdict, raw_text=_raw_text(value))


def _field(value: str) -> Any:
    number = as_int(value)
    return number if number is not None else value[:FIELD_LIMIT]


def _match_template(table: Table, code: int, msg: str) -> tuple[Row, Mapping[str, Any]] | None:
    """First template of ``code`` that ``msg`` fits; linear in ``len(msg)`` (no regex)."""
    for prefix, middles, suffix, fields, row in table.templates.get(code, ()):
        end = len(msg) - len(suffix)
        if end < len(prefix) or not msg.startswith(prefix) or not msg.endswith(suffix):
            continue
        pos, parts = len(prefix), []
        for middle in middles:
            found = msg.find(middle, pos, end)
            if found < 0:
                break
            parts.append(msg[pos:found])
            pos = found + len(middle)
        else:
            parts.append(msg[pos:end])
            values = {name: _field(part) for name, part in zip(fields, parts, strict=True) if name != "_"}
            return row, MappingProxyType(values)
    return None


def lookup(table: Table, code: int, msg: str | None) -> tuple[Row, Mapping[str, Any] | None]:
    """The row for (code, msg): exact, template, loose, filter rule, then the code's own."""
    messages = table.exact.get(code)
    if messages is None:
        if msg is not None and msg.startswith(FILTER_PREFIX):
            return table.unknown_filter_row(code), _filter_values(msg)
        return table.unknown_code_row(code), None
    if msg is None:
        return table.defaults[code], None
    row = messages.get(msg)
    if row is not None:
        return row, None
    matched = _match_template(table, code, msg)
    if matched is not None:
        return matched
    if len(msg) <= NORMALIZE_LIMIT:
        row = table.normalized[code].get(normalize_message(msg))
        if row is not None:
            return row, None
    if msg.startswith(FILTER_PREFIX):
        return table.unknown_filter_row(code), _filter_values(msg)
    return table.defaults[code], None


def _filter_values(msg: str) -> Mapping[str, Any]:
    return MappingProxyType({"filter": msg[len(FILTER_PREFIX) :].strip()[:FIELD_LIMIT]})


def classify_error(
    table: Table,
    error: Mapping[str, Any],
    status: int | None,
    headers: Any,
    nested: bool = False,
    is_error_object: bool = True,
) -> Verdict:
    """Classify an error object ``{code, msg|message, data}`` under ``status``."""
    raw_code = error.get("code")
    raw_msg = error.get("msg")
    if raw_msg is None:
        raw_msg = error.get("message")
    msg = raw_msg if raw_msg.__class__ is str else None
    data = error.get("data")
    if raw_code is None:
        if is_error_object:  # an error without a code: the status decides, or nothing does
            bucket = table.bucket_of(status)
            verdict = table.no_error[status] if bucket else _unreadable(table, status, error)
        elif error.get("success") is False:
            verdict = table.unsuccessful[table.bucket_of(status)]
        else:  # a REST success body
            return table.no_error.get(status, table.unexpected)
        return replace(verdict, message=msg, raw_message=None if msg is not None else raw_msg, data=data)
    code = as_int(raw_code) if raw_code.__class__ is not bool else None
    if code is None:
        verdict = _unreadable(table, status, raw_code)
        return replace(verdict, message=msg, raw_code=raw_code, raw_message=raw_msg, data=data)
    row, values = lookup(table, code, msg)
    verdict = row[table.bucket_of(status)]
    changes: dict[str, Any] = {}
    if not verdict.known or verdict.code != code:
        changes["code"] = code
    if verdict.message != msg:
        changes["message"] = msg
    if values:
        changes["values"] = values
    if raw_code.__class__ is not int:
        changes["raw_code"] = raw_code
    if msg is None and raw_msg is not None:
        changes["raw_message"] = raw_msg
    if data is not None and verdict.status_class is not StatusClass.OK:
        changes["data"] = data
    timing_data = data
    if not nested and code in table.legs_codes and isinstance(data, dict) and any(k in data for k in LEG_KEYS):
        legs = read_legs(data, lambda leg_error: classify_error(table, leg_error, None, None, nested=True))
        status_class, retry, reconcile = outer_advice(legs, verdict)
        changes.update(
            legs=legs,
            status_class=status_class,
            execution=table.execution_of(status_class),
            retry=retry,
            reconcile=reconcile,
        )
        timing_data = None
    else:
        status_class = verdict.status_class
    if status_class in _TIMED and not nested:
        timing = retry_timing(timing_data, headers, values or verdict.values)
        if timing is not None:
            changes["retry"] = timing
    return replace(verdict, **changes) if changes else verdict


def classify_mapping(table: Table, frame: Mapping[str, Any], http_status: Any, headers: Any) -> Verdict:
    """A parsed WebSocket API frame or REST body."""
    is_ws = "error" in frame or "result" in frame
    status = read_status(http_status if http_status is not None else frame.get("status") if is_ws else None)
    if not is_ws:
        return classify_error(table, frame, status, headers, is_error_object=False)
    error = frame.get("error")
    if error is None:
        return table.no_error.get(status, table.unexpected)
    if not isinstance(error, dict):
        return _unreadable(table, status, error)
    return classify_error(table, error, status, headers)


def classify_any(table: Table, frame: Any, http_status: Any, headers: Any, now_ms: Any = None) -> Verdict:
    """Any input at all: parsed or raw, of any type."""
    if isinstance(frame, dict):
        return classify_mapping(table, frame, http_status, headers)
    status = read_status(http_status)
    if frame is None:
        return _unreadable(table, status, None, empty=True)
    if isinstance(frame, _TEXT_TYPES):
        try:
            text = bytes(frame) if isinstance(frame, memoryview) else frame
            if not text.strip():
                return _unreadable(table, status, frame, empty=True)
            parsed = ujson.loads(text)
        except Exception:  # bad JSON, bad UTF-8, too deep: unreadable, never raised
            return _unreadable(table, status, frame)
        if isinstance(parsed, dict):
            return classify_mapping(table, parsed, http_status, headers)
        frame = parsed
    if isinstance(frame, list):
        return table.no_error.get(status, table.unexpected) if status is not None else table.no_error[None]
    return _unreadable(table, status, frame)
