"""The complete decision procedure (DESIGN.md sections 3 to 5), for every input shape.

``_classify.py`` answers the common shapes from prebuilt verdicts and falls through to here for
everything else: raw text, odd types, coerced codes and statuses, templated messages, unknown
codes, cancel/replace legs, retry timing. The result is the same either way (a property test
checks it). Nothing here raises on data: unreadable parts become a MALFORMED verdict that keeps
the raw value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ujson

from ._legs import LEG_KEYS, outer_advice, read_legs
from ._model import StatusClass, Verdict
from ._ratelimits import bucket_retry
from ._table import NORMALIZE_LIMIT, TEMPLATE_KEY, Row, Table, normalize_message
from ._timing import as_int, retry_timing
from ._verdicts import Maker, TemplateValues, lazily, maker, replace, replace_with

__all__ = ["RAW_TEXT_LIMIT", "classify_any", "classify_mapping"]

RAW_TEXT_LIMIT = 4096  # characters of unreadable input kept in `Verdict.raw_text`
FIELD_LIMIT = 256  # characters kept of one value pulled out of a templated message
FILTER_PREFIX = "Filter failure: "
INVALID_STATUS = -1  # a status that is present but not a number from 100 to 599
_TEXT_TYPES = (str, bytes, bytearray, memoryview)
_TIMED = (StatusClass.RATE_LIMITED, StatusClass.BANNED)


def read_status(value: Any) -> int | None:
    """The status as an int from 100 to 599, None when absent, INVALID_STATUS otherwise."""
    if value.__class__ is int and 100 <= value <= 599:
        return value
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


def _header_timing(verdict: Verdict, headers: Any) -> Verdict:
    """A status-only rate-limit or ban verdict with the ``Retry-After`` header's timing, if any."""
    if headers is None or verdict.status_class not in _TIMED:
        return verdict
    timing = retry_timing(None, headers, verdict.values)
    return verdict if timing is None else replace(verdict, retry=timing)


def _unreadable(table: Table, status: int | None, value: Any, empty: bool = False, headers: Any = None) -> Verdict:
    verdict = (table.empty if empty else table.malformed).get(status, table.malformed[None])
    if not empty:
        verdict = replace(verdict, raw_text=_raw_text(value))
    return _header_timing(verdict, headers)


def _field(value: str) -> Any:
    if 0 < len(value) <= 20 and value.isdigit() and value.isascii():  # as_int's common case, at once
        return int(value)
    number = as_int(value)
    return number if number is not None else value[:FIELD_LIMIT]


def _match_template(table: Table, code: int, msg: str) -> tuple[Row, Mapping[str, Any] | None] | None:
    """First template of ``code`` that ``msg`` fits; linear in ``len(msg)`` (no regex).

    One dict lookup by code and the message's first characters finds the few templates it may
    fit (``Table.template_index``); the values are slices of ``msg``, made into a mapping only
    when read (``TemplateValues``).
    """
    index = table.template_index
    candidates = index.get((code, msg[:TEMPLATE_KEY]))
    if candidates is None:
        candidates = index.get(code)
        if candidates is None:
            return None
    for prefix, start, middles, suffix, suffix_len, fields, row in candidates:
        end = len(msg) - suffix_len
        if end < start or not msg.startswith(prefix) or not msg.endswith(suffix):
            continue
        if not middles:
            return row, TemplateValues(fields, (msg[start:end],), _field) if fields else None
        pos, parts = start, []
        for middle in middles:
            found = msg.find(middle, pos, end)
            if found < 0:
                break
            parts.append(msg[pos:found])
            pos = found + len(middle)
        else:
            parts.append(msg[pos:end])
            return row, TemplateValues(fields, tuple(parts), _field) if fields else None
    return None


def lookup(table: Table, code: int, msg: str | None) -> tuple[Row, Mapping[str, Any] | None]:
    """The row for (code, msg): exact, template, loose, filter rule, then the code's own."""
    messages = table.built_exact.get(code)  # a plain dict of the codes built so far
    if messages is None:
        messages = table.exact.get(code)  # builds the code on its first lookup
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


def _filter_name(part: str) -> str:
    return part.strip()[:FIELD_LIMIT]


def _filter_values(msg: str) -> Mapping[str, Any]:
    return TemplateValues(_FILTER_FIELDS, (msg[len(FILTER_PREFIX) :],), _filter_name)


_FILTER_FIELDS = ("filter",)


def classify_error(
    table: Table,
    error: Mapping[str, Any],
    status: int | None,
    headers: Any,
    nested: bool = False,
    is_error_object: bool = True,
    frame: Mapping[str, Any] | None = None,
    now_ms: Any = None,
) -> Verdict:
    """Classify an error object ``{code, msg|message, data}`` under ``status``.

    ``frame`` is the whole WebSocket API frame (for its ``rateLimits``); ``nested`` marks a
    cancel/replace leg's own error (no legs, no timing of its own).
    """
    raw_code = error.get("code")
    raw_msg = error.get("msg")
    if raw_msg is None:
        raw_msg = error.get("message")
    msg = raw_msg if raw_msg.__class__ is str else None
    data = error.get("data")
    if raw_code is None:
        codeless = table.codeless.get(msg) if msg is not None else None
        if codeless is not None:  # a documented message that comes without a code (futures 503)
            verdict = codeless[table.bucket_of(status)]
        elif is_error_object:  # an error without a code: the status decides, or nothing does
            bucket = table.bucket_of(status)
            verdict = table.no_error[status] if bucket else _unreadable(table, status, error)
        elif error.get("success") is False:
            verdict = table.unsuccessful[table.bucket_of(status)]
        else:  # a REST success body (or no code under an error status): prebuilt unless msg/data to keep
            verdict = table.no_error.get(status, table.unexpected)
            if raw_msg is None and data is None:
                return _header_timing(verdict, headers)
        verdict = replace(verdict, message=msg, raw_message=None if msg is not None else raw_msg, data=data)
        return _header_timing(verdict, headers)
    code = raw_code if raw_code.__class__ is int else as_int(raw_code) if raw_code.__class__ is not bool else None
    if code is None:
        verdict = _unreadable(table, status, raw_code)
        return replace(verdict, message=msg, raw_code=raw_code, raw_message=raw_msg, data=data)
    row, values = lookup(table, code, msg)
    verdict = row[table.status_bucket.get(status, 0)]  # table.bucket_of(status), inline
    if (
        values is None
        and data is None
        and msg is not None
        and verdict.message == msg
        and raw_code.__class__ is int
        and verdict.known
        and verdict.code == code
        and (nested or verdict.status_class not in _TIMED)
    ):
        return verdict  # a documented message, nothing of its own (a leg's error): what `changes` finds
    if (
        values is not None
        and raw_code.__class__ is int
        and verdict.known
        and verdict.code == code
        and verdict.message != msg
        and code not in table.legs_codes
    ):
        # A templated message or an unlisted filter: the most frequent dynamic shapes, made
        # without a dict of changes (each maker gives what the general way below gives).
        if nested or verdict.status_class not in _TIMED:
            if data is None:
                return _with_message_values(verdict, msg, values)
        else:
            timing = retry_timing(data, headers, values)
            if timing is None and verdict.status_class is StatusClass.RATE_LIMITED:
                timing = bucket_retry(frame if frame is not None else error, headers, now_ms, data, values)
            if timing is None:
                if data is None:
                    return _with_message_values(verdict, msg, values)
                return _with_message_values_data(verdict, msg, values, data)
            if data is None:
                return _with_message_values_retry(verdict, msg, values, timing)
            return _with_message_values_data_retry(verdict, msg, values, data, timing)
    elif (
        data is not None
        and values is None
        and not nested
        and verdict.status_class in _TIMED
        and msg is not None
        and verdict.message == msg
        and raw_code.__class__ is int
        and verdict.known
        and verdict.code == code
        and code not in table.legs_codes
    ):
        # A documented message with data (the retry time) under a rate-limit or ban status.
        timing = retry_timing(data, headers, verdict.values)
        if timing is None and verdict.status_class is StatusClass.RATE_LIMITED:
            timing = bucket_retry(frame if frame is not None else error, headers, now_ms, data, verdict.values)
        return _with_data(verdict, data) if timing is None else _with_data_retry(verdict, data, timing)
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
    if data is not None:  # kept on success too ({"code": 0, "msg": "success", "data": ...})
        changes["data"] = data
    status_class = verdict.status_class
    if not nested and code in table.legs_codes and isinstance(data, dict) and any(k in data for k in LEG_KEYS):
        legs = read_legs(data, lambda leg_error: classify_error(table, leg_error, None, None, nested=True))
        by_status = table.no_error.get(status) if status is not None else None
        if by_status is not None and by_status.status_class not in _TIMED:
            by_status = None  # only a rate-limit or ban status adds to the legs' own failures
        status_class, retry, reconcile = outer_advice(legs, verdict, by_status)
        changes.update(
            legs=legs,
            status_class=status_class,
            execution=table.execution_of(status_class),
            retry=retry,
            reconcile=reconcile,
        )
        data = None  # the legs' data holds no retry hint
    if status_class in _TIMED and not nested:
        timing = retry_timing(data, headers, values or verdict.values)
        if timing is None and status_class is StatusClass.RATE_LIMITED:
            timing = bucket_retry(
                frame if frame is not None else error, headers, now_ms, data, values or verdict.values
            )
        if timing is not None:
            changes["retry"] = timing
    return replace_with(verdict, changes) if changes else verdict


# replace(verdict, message=..., values=..., ...) for the shapes above, in the order of `changes`.
def _maker(name: str, *fields: str) -> Maker:
    return lazily(globals(), name, lambda: maker(*fields))  # built on first use (import time)


_with_message_values = _maker("_with_message_values", "message", "values")
_with_message_values_data = _maker("_with_message_values_data", "message", "values", "data")
_with_message_values_retry = _maker("_with_message_values_retry", "message", "values", "retry")
_with_message_values_data_retry = _maker("_with_message_values_data_retry", "message", "values", "data", "retry")
_with_data = _maker("_with_data", "data")
_with_data_retry = _maker("_with_data_retry", "data", "retry")


def classify_mapping(
    table: Table, frame: Mapping[str, Any], http_status: Any, headers: Any, now_ms: Any = None
) -> Verdict:
    """A parsed WebSocket API frame or REST body."""
    ws_shaped = "error" in frame or "result" in frame
    status = read_status(http_status if http_status is not None else frame.get("status") if ws_shaped else None)
    if "error" not in frame and ("result" not in frame or "code" in frame):  # a body code beats `result`
        return classify_error(table, frame, status, headers, is_error_object=False, now_ms=now_ms)
    error = frame.get("error")
    if error is None:
        return table.no_error.get(status, table.unexpected)
    if not isinstance(error, dict):
        return _unreadable(table, status, error, headers=headers)
    return classify_error(table, error, status, headers, frame=frame, now_ms=now_ms)


def classify_any(table: Table, frame: Any, http_status: Any, headers: Any, now_ms: Any = None) -> Verdict:
    """Any input at all: parsed or raw, of any type."""
    if isinstance(frame, dict):
        return classify_mapping(table, frame, http_status, headers, now_ms)
    status = read_status(http_status)
    if frame is None:
        return _unreadable(table, status, None, empty=True, headers=headers)
    if isinstance(frame, _TEXT_TYPES):
        try:
            text = bytes(frame) if isinstance(frame, memoryview) else frame
            if not text.strip():
                return _unreadable(table, status, frame, empty=True, headers=headers)
            parsed = ujson.loads(text)
        except Exception:  # bad JSON, bad UTF-8, too deep: unreadable, never raised
            return _unreadable(table, status, frame, headers=headers)
        if isinstance(parsed, dict):
            return classify_mapping(table, parsed, http_status, headers, now_ms)
        if not isinstance(parsed, list):  # a JSON scalar: unreadable, keep the text as received
            return _unreadable(table, status, frame, headers=headers)
        frame = parsed
    if isinstance(frame, list):
        verdict = table.no_error.get(status, table.unexpected) if status is not None else table.no_error[None]
        return _header_timing(verdict, headers)
    return _unreadable(table, status, frame, headers=headers)
