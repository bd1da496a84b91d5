"""The decision rules (DESIGN.md sections 3 to 5): the one home of every decision.

Rules this module keeps:

1. Every decision is made here, once: the frame-shape dispatch (``classify_any``,
   ``classify_mapping``), a row's advice under a status bucket (``advice_under``, which the table
   applies when it prebuilds its verdicts), the message lookup order (``lookup``) and what a
   message no row knows says (``_message_rule``: bans in any wording, rule 3; unknown codes,
   bodies without a code, plain text, rule 6), the cancel/replace legs and what they make of the
   answer (``read_answer_legs``, ``legs_advice``), list answers (``classify_list``, rule 8), and
   all retry timing (``retry_timing``, ``bucket_retry``, and ``may_resend``/``response_delay_ms``
   for the hooks).
2. The hot path (``_classify.py``) is a cache in front of this module: it answers only the shapes
   it reads exactly as ``classify_mapping`` does, in the same order, from verdicts prebuilt with
   ``advice_under``, and falls through to here for everything else (a property test checks that
   both agree on any input).
3. Reading is not deciding: parsing numbers and headers (``_parse.py``), rate-limit entries
   (``_ratelimits.py``) and leg structures (``_legs.py``) happen elsewhere; what they mean is
   decided here.
4. Nothing here raises on data: unreadable parts become a MALFORMED verdict that keeps the raw value.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import ujson

from . import _verdicts
from ._legs import LEG_KEYS, find_leg_data, read_legs
from ._model import Execution, Legs, LegsOutcome, Reconcile, Retry, RetryAction, StatusClass, Verdict
from ._parse import FIELD_LIMIT, as_int, field_value, retry_after_header
from ._ratelimits import bucket_end, parse_interval_text, rate_limits
from ._rows import RowSpec
from ._verdicts import AFTER_DELAY, TemplateValues, coded_verdict, lazily, maker, replace
from ._wire import read as read_wire

if TYPE_CHECKING:
    from ._table import Table

__all__ = [
    "NORMALIZE_LIMIT",
    "RAW_TEXT_LIMIT",
    "Row",
    "advice_under",
    "bucket_retry",
    "classify_any",
    "classify_mapping",
    "legs_advice",
    "lookup",
    "may_resend",
    "needs_clock",
    "normalize_message",
    "read_answer_legs",
    "response_delay_ms",
    "retry_timing",
]

RAW_TEXT_LIMIT = 4096  # characters of unreadable input kept in `Verdict.raw_text`
FILTER_PREFIX = "Filter failure: "
INVALID_STATUS = -1  # a status that is present but not a number from 100 to 599
_TEXT_TYPES = (str, bytes, bytearray, memoryview)
_TIMED = (StatusClass.RATE_LIMITED, StatusClass.BANNED)
RATE_LIMITED = StatusClass.RATE_LIMITED
BANNED = StatusClass.BANNED
# A row of prebuilt verdicts, one per status bucket: index 0 is "no decisive status" (none, 2xx,
# 1xx/3xx, unreadable), then the product's status buckets, in their order.
Row = tuple[Verdict, ...]
NORMALIZE_LIMIT = 1024  # longer messages are never compared loosely (no documented one is)
_OVERRIDABLE = ("class", "retry", "reconcile", "reason")  # what a row's `on_status` may change


# -- a row under a status (rules 4 and 5), applied by the table when it prebuilds verdicts ---------


# The classes that rules 1 and 2 give before any status is read: a status never replaces them.
_BEFORE_STATUS = ("unknown_execution", "partial")
Bucket = tuple[str, tuple[str, str, str], bool]  # name, (class, retry, reconcile), beats_rows


def advice_under(spec: RowSpec, bucket: Bucket | None) -> tuple[str, ...]:
    """(class, retry, reconcile, reason) of a row under a status bucket (None: no decisive status).

    The bucket's advice replaces the row's when their classes differ, unless the row beats any
    status (rules 1 to 3) and the bucket does not beat rows (a 418 does: rule 3; never the classes
    of rules 1 and 2); then the row's ``on_status`` for that bucket replaces what it names.
    """
    advice: tuple[str, ...] = (spec.status_class, spec.retry, spec.reconcile, spec.reason)
    if bucket is None:
        return advice
    name, (cls, retry, reconcile), beats_rows = bucket
    if cls != spec.status_class and (not spec.beats_status or (beats_rows and spec.status_class not in _BEFORE_STATUS)):
        advice = (cls, retry, reconcile, spec.reason)
    override = spec.on_status.get(name)
    if override:
        advice = tuple(override.get(key, advice[i]) for i, key in enumerate(_OVERRIDABLE))
    return advice


def normalize_message(text: str) -> str:
    """The loose form of a message: case, surrounding space and a final period ignored."""
    return " ".join(text.split()).rstrip(".").casefold()


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
    """A rate-limit or ban verdict without a code with its timing: ``Retry-After``, a ban's end."""
    if verdict.status_class not in _TIMED:
        return verdict
    timing = retry_timing(None, headers, verdict.values)
    return verdict if timing is None else replace(verdict, retry=timing)


def _unreadable(table: Table, status: int | None, value: Any, headers: Any = None) -> Verdict:
    """A body that cannot be read (rule 7), its text kept."""
    verdict = replace(table.malformed.get(status, table.malformed[None]), raw_text=_raw_text(value))
    return _header_timing(verdict, headers)


def _empty(table: Table, status: int | None, headers: Any) -> Verdict:
    """No body at all (rule 7): the status decides, or nobody knows."""
    return _header_timing(table.empty.get(status, table.malformed[None]), headers)


def lookup(table: Table, code: int, msg: str | None) -> tuple[Row, Mapping[str, Any] | None]:
    """The row for (code, msg) and the values its message gives (``find``'s answer, values made)."""
    row, fields, parts, values = find(table, code, msg)
    return row, (TemplateValues(fields, parts, field_value) if fields else values)


# A row found for a message: (row, field names, slices) for a template with fields, else
# (row, None, (), values or None).
Found = tuple[Row, tuple[str, ...] | None, tuple[str, ...], Mapping[str, Any] | None]


def find(table: Table, code: int, msg: str | None) -> Found:
    """The row for (code, msg): exact, template, loose, a ban message, filter rule, then the code's own.

    A code the table lacks: what its message says (``message_rules``), the filter rule, then the
    conservative row of its number block. A template's values are the message's slices, with
    their names; a mapping is made of them only when read.
    """
    messages = table.built_exact.get(code)  # a plain dict of the codes built so far
    if messages is None:
        messages = table.exact.get(code)  # builds the code on its first lookup
    if messages is None:
        said = _message_rule(table, msg, ban_only=False) if msg is not None else None
        if said is not None:
            return table.message_rule_row(said[0], code), None, (), said[1]
        if msg is not None and msg.startswith(FILTER_PREFIX):
            return table.unknown_filter_row(code), None, (), _filter_values(msg)
        return table.unknown_code_row(code), None, (), None
    if msg is None:
        return table.defaults[code], None, (), None
    row = messages.get(msg)
    if row is not None:
        return row, None, (), None
    # Its templates, in table order (``Table.template_index``: one dict lookup by code finds its
    # few); linear in len(msg), no regex.
    candidates = table.template_index.get(code)
    if candidates is not None:
        size = len(msg)
        for prefix, start, middles, suffix, suffix_len, fields, row in candidates:
            end = size - suffix_len
            if end < start or not msg.startswith(prefix) or not msg.endswith(suffix):
                continue
            if not middles:
                return row, fields or None, (msg[start:end],), None
            pos, parts = start, []
            for middle in middles:
                found = msg.find(middle, pos, end)
                if found < 0:
                    break
                parts.append(msg[pos:found])
                pos = found + len(middle)
            else:
                parts.append(msg[pos:end])
                return row, fields or None, tuple(parts), None
    if len(msg) <= NORMALIZE_LIMIT:
        row = table.normalized[code].get(normalize_message(msg))
        if row is not None:
            return row, None, (), None
    said = _message_rule(table, msg, ban_only=True)  # a ban, in any wording, whatever the code (rule 3)
    if said is not None:
        return table.message_rule_row(said[0], code), None, (), said[1]
    own = table.defaults[code]
    if msg.startswith(FILTER_PREFIX) and own[0].status_class is not StatusClass.OK:  # a success code stays one
        return table.unknown_filter_row(code), None, (), _filter_values(msg)
    return own, None, (), None


_DIGITS_AFTER = 24  # characters read after a rule's phrase for its number (spaces, sign, 20 digits)


def _message_rule(table: Table, text: str, ban_only: bool) -> tuple[int, Mapping[str, Any] | None] | None:
    """The first ``message_rules`` entry whose phrase the text contains (case-insensitive, within the
    rules' window: linear, no regex), with the number after the phrase when the rule names a field."""
    window = table.message_rules_window
    head = text[: window + _DIGITS_AFTER].lower()  # lower() maps character by character
    for index, phrase, field in table.ban_phrases if ban_only else table.rule_phrases:
        at = head.find(phrase, 0, window + len(phrase))
        if at < 0:
            continue
        if field is None:
            return index, None
        digits = head[at + len(phrase) : at + len(phrase) + _DIGITS_AFTER].lstrip(" :")
        end = 0
        while end < len(digits) and digits[end].isdigit() and digits[end].isascii():
            end += 1
        return index, (MappingProxyType({field: int(digits[:end])}) if end else None)
    return None


def _filter_name(part: str) -> str:
    return part.strip()[:FIELD_LIMIT]


def _filter_values(msg: str) -> Mapping[str, Any]:
    return TemplateValues(_FILTER_FIELDS, (msg[len(FILTER_PREFIX) :],), _filter_name)


_FILTER_FIELDS = ("filter",)


def _message_of(error: Mapping[str, Any]) -> tuple[Any, str | None]:
    """The message as received (``msg``, else ``message``) and as text (None when it is no str)."""
    raw_msg = error.get("msg")
    if raw_msg is None:
        raw_msg = error.get("message")
    return raw_msg, raw_msg if raw_msg.__class__ is str else None


def _known_message(table: Table, msg: str | None, status: int | None) -> Verdict | None:
    """A message sent without a code: a documented code-less message, a text the table knows under
    a code, or what the message says (``message_rules``); None when nothing knows it."""
    if msg is None:
        return None
    row = table.codeless.get(msg)
    if row is None:
        row = table.message_rows.get(msg)
    values = None
    if row is None:
        said = _message_rule(table, msg, ban_only=False)
        if said is None:
            return None
        row, values = table.message_rule_row(said[0], None), said[1]
    verdict = row[table.bucket_of(status)]
    return replace(verdict, values=values) if values else verdict


def _codeless(table: Table, error: Mapping[str, Any], status: int | None, headers: Any) -> Verdict:
    """A WebSocket API ``error`` object (or a leg's) without a code: its message if known, else the status."""
    raw_msg, msg = _message_of(error)
    verdict = _known_message(table, msg, status)
    if verdict is None:
        verdict = table.no_error[status] if table.bucket_of(status) else _unreadable(table, status, error)
    verdict = replace(verdict, message=msg, raw_message=None if msg is not None else raw_msg, data=error.get("data"))
    return _header_timing(verdict, headers)


def _body_without_code(table: Table, body: Mapping[str, Any], status: int | None, headers: Any) -> Verdict:
    """A REST body without a code: its message if known; ``success: false``; a body that is only a
    message (never a success: rule 6); else a success body."""
    raw_msg, msg = _message_of(body)
    data = body.get("data")
    verdict = _known_message(table, msg, status)
    if verdict is None:
        success = body.get("success")
        if success is False:
            verdict = table.unsuccessful[table.bucket_of(status)]
        elif raw_msg is not None and data is None and success is not True:
            verdict = table.message_only[table.bucket_of(status)]
        else:  # a success body (or no code under an error status): prebuilt unless msg/data to keep
            verdict = table.no_error.get(status, table.unexpected)
            if raw_msg is None and data is None:
                return _header_timing(verdict, headers)
    verdict = replace(verdict, message=msg, raw_message=None if msg is not None else raw_msg, data=data)
    return _header_timing(verdict, headers)


def classify_error(
    table: Table,
    error: Mapping[str, Any],
    status: int | None,
    headers: Any,
    frame: Mapping[str, Any] | None = None,
    now_ms: Any = None,
) -> Verdict:
    """Classify an error object ``{code, msg|message, data}`` (a REST body or ``error``) under ``status``.

    ``frame`` is the whole WebSocket API frame (for its ``rateLimits``).
    """
    return _read_coded(table, error, status, headers, frame if frame is not None else error, now_ms, False)


def classify_leg(table: Table, error: Mapping[str, Any]) -> Verdict:
    """A cancel/replace leg's own ``{code, msg}`` (or a batch item's): its row, no legs and no timing
    of its own."""
    code = error.get("code")
    if code is None:
        return _codeless(table, error, None, None)
    if code.__class__ is int and error.__class__ is dict and "data" not in error:
        # A documented message: the prebuilt verdict of its row with no status, as classify_code finds it.
        messages = table.built_exact.get(code)
        msg = error.get("msg")
        if messages is not None and msg.__class__ is str:
            row = messages.get(msg)
            if row is not None:
                return row[0]
    return _read_coded(table, error, None, None, error, None, True)


def _read_coded(
    table: Table, error: Mapping[str, Any], status: int | None, headers: Any, source: Any, now_ms: Any, leg: bool
) -> Verdict:
    """An error object with a code: its code and message read as sent, then ``classify_code``."""
    raw_code = error.get("code")
    raw_msg, msg = _message_of(error)
    data = error.get("data")
    if raw_code.__class__ is int:
        verdict = classify_code(table, raw_code, msg, status, data, headers, source, now_ms, leg)
        return verdict if msg is not None or raw_msg is None else replace(verdict, raw_message=raw_msg)
    code = as_int(raw_code) if raw_code.__class__ is not bool else None
    if code is None:
        verdict = _unreadable(table, status, raw_code)
        return replace(verdict, message=msg, raw_code=raw_code, raw_message=raw_msg, data=data)
    verdict = classify_code(table, code, msg, status, data, headers, source, now_ms, leg)
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
    leg: bool = False,
) -> Verdict:
    """An error with an int ``code`` and its message (None when it sent none readable) under
    ``status``: its row (``find``), the legs of a cancel/replace answer, the retry timing.

    ``source`` holds the ``rateLimits`` (the WebSocket API frame, else the body); a ``leg`` has no
    legs and no timing of its own. The hot path calls this directly for a message it does not
    know exactly; the prebuilt verdict comes back when the answer changes nothing on it.
    """
    row, fields, parts, values = find(table, code, msg)
    verdict = row[table.status_bucket.get(status, 0)]  # table.bucket_of(status), inline
    timing = retry = None
    if not leg:
        status_class = verdict.status_class
        if (
            data is not None
            and code in table.legs_codes
            and isinstance(data, dict)
            and not data.keys().isdisjoint(LEG_KEYS)
        ):
            if fields:
                values = TemplateValues(fields, parts, field_value)
            return _with_legs(
                table, verdict, code, msg, values or verdict.values, data, status, headers, source, now_ms
            )
        if status_class is RATE_LIMITED or status_class is BANNED:
            if fields:
                until = field_value(parts[fields.index(BAN_FIELD)]) if BAN_FIELD in fields else None
            else:
                until = values.get(BAN_FIELD) if values else None
            timing = timing_of(data, headers, until)
            if timing is None and status_class is RATE_LIMITED:
                if fields:
                    values = TemplateValues(fields, parts, field_value)
                retry = bucket_retry(source, headers, now_ms, data, values or verdict.values)
    changed = timing is not None or retry is not None or data is not None or fields is not None or values is not None
    if not changed and verdict.known and verdict.code == code and verdict.message == msg:
        return verdict  # nothing this answer says changes its row's verdict
    return coded_verdict(verdict, code, msg, data, fields, parts, values, timing, retry)


def _with_legs(
    table: Table,
    verdict: Verdict,
    code: int,
    msg: str | None,
    values: Any,
    data: Any,
    status: Any,
    headers: Any,
    source: Any,
    now_ms: Any,
) -> Verdict:
    """A cancel/replace answer with its legs: the legs decide the class and advice (rule 2)."""
    legs = read_legs(data, lambda leg_error: classify_leg(table, leg_error))
    by_status = table.no_error.get(status) if status is not None else None
    if by_status is not None and by_status.status_class not in _TIMED:
        by_status = None  # only a rate-limit or ban status adds to the legs' own failures
    status_class, retry, reconcile = legs_advice(legs, verdict, by_status)
    if status_class in _TIMED:  # the legs' data holds no retry hint
        timing = retry_timing(None, headers, values)
        if timing is None and status_class is RATE_LIMITED:
            timing = bucket_retry(source, headers, now_ms, None, values)
        if timing is not None:
            retry = timing
    execution = table.execution_of(status_class)
    return _legged(verdict, code, msg, values, data, legs, status_class, execution, retry, reconcile)


# The fields a cancel/replace answer changes on its code's prebuilt verdict.
_legged = lazily(
    globals(),
    "_legged",
    lambda: maker("code", "message", "values", "data", "legs", "status_class", "execution", "retry", "reconcile"),
)


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
            return _unreadable(table, status, error, headers)
        if error.get("code") is None:
            return _codeless(table, error, status, headers)
        return classify_error(table, error, status, headers, frame, now_ms)
    if "result" in frame:
        status = read_status(http_status if http_status is not None else frame.get("status"))
        if "code" not in frame:  # a WebSocket API success: the status decides
            return table.no_error.get(status, table.unexpected)
    else:
        status = read_status(http_status)
        if status is None and "code" not in frame:  # a WebSocket API frame with only its status
            own = frame.get("status")
            if isinstance(own, int) and own.__class__ is not bool and 100 <= own <= 599:
                return table.no_error.get(int(own), table.unexpected)
    # A REST body (a body code beats a `result`).
    if frame.get("code") is None:
        return _body_without_code(table, frame, status, headers)
    return classify_error(table, frame, status, headers, now_ms=now_ms)


def classify_any(table: Table, frame: Any, http_status: Any, headers: Any, now_ms: Any = None) -> Verdict:
    """Any input at all: parsed or raw, of any type."""
    wired = read_wire(table, frame)  # FIX tag=value, a WebSocket Streams event: the frame they hold (_wire)
    if wired is not None:
        if wired[1] is None:  # in that format, but unreadable (rule 7)
            return _unreadable(wired[0], read_status(http_status), frame, headers)
        table, frame = wired
    if isinstance(frame, dict):
        return classify_mapping(table, frame, http_status, headers, now_ms)
    status = read_status(http_status)
    if frame is None:
        return _empty(table, status, headers)
    if isinstance(frame, _TEXT_TYPES):
        parsed = _parse_text(frame)
        if parsed is _EMPTY:
            return _empty(table, status, headers)
        if isinstance(parsed, dict):
            return classify_mapping(table, parsed, http_status, headers, now_ms)
        if not isinstance(parsed, list):  # not JSON, or a JSON scalar: plain text, kept as received
            return _plain_text(table, status, frame, headers)
        frame = parsed
    if isinstance(frame, list):
        return classify_list(table, frame, status, headers)
    return _unreadable(table, status, frame, headers)


_EMPTY: Any = object()
_UNPARSED: Any = object()


def _parse_text(raw: Any) -> Any:
    """The JSON value of raw text; one invalid UTF-8 byte does not make it unreadable (decoded with
    replacement); ``_EMPTY`` for blank text, ``_UNPARSED`` when it is not JSON."""
    try:
        text = bytes(raw) if isinstance(raw, memoryview) else raw
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


def _plain_text(table: Table, status: int | None, raw: Any, headers: Any) -> Verdict:
    """A body that is not JSON: what its text says (``message_rules``: "Too many requests", a
    deprecation notice, a ban), else unreadable; the text kept either way."""
    text = _raw_text(raw)
    said = _message_rule(table, text, ban_only=False)
    if said is None:
        return _unreadable(table, status, raw, headers)
    verdict = table.message_rule_row(said[0], None)[table.bucket_of(status)]
    verdict = replace(verdict, raw_text=text, values=said[1] or verdict.values)
    if verdict.status_class in _TIMED:
        timing = retry_timing(None, headers, verdict.values)
        if timing is not None:
            verdict = replace(verdict, retry=timing)
    return verdict


# -- list answers: batch orders (rule 8) ------------------------------------------------------


def classify_list(table: Table, items: list[Any], status: int | None, headers: Any) -> Verdict:
    """A JSON list: a batch answer (futures ``batchOrders``) when an item is an error, item by item.

    All items succeeded (orders, or a plain list) -> the status decides (``ok`` under 2xx); some
    failed -> ``partial`` (execution ``partly``), inspect the items; none succeeded -> the most
    severe item's class and advice. Each item's own verdict is in ``Verdict.items``. A non-2xx
    status decides the way it does for any body.
    """
    verdict = table.no_error.get(status, table.unexpected) if status is not None else table.no_error[None]
    if verdict.status_class is not StatusClass.OK or not any(
        isinstance(item, dict) and "code" in item for item in items
    ):
        return _header_timing(verdict, headers)
    judged = tuple(_item(table, item) for item in items)
    failed = [item for item in judged if item.status_class is not StatusClass.OK]
    if len(failed) < len(judged):
        status_class, retry, reconcile = StatusClass.PARTIAL, PARTIAL_RETRY, Reconcile.INSPECT_ITEMS
    else:
        worst = max(failed, key=lambda v: SEVERITY[v.status_class])  # ties: the first item
        status_class, retry, reconcile = worst.status_class, worst.retry, worst.reconcile
    return replace(
        table.batch_partial if status_class is StatusClass.PARTIAL else table.batch_failed,
        status_class=status_class,
        execution=table.execution_of(status_class),
        retry=retry,
        reconcile=reconcile,
        items=judged,
    )


def _item(table: Table, item: Any) -> Verdict:
    """One item of a batch answer: an order (ok), an error ``{code, msg}``, or unreadable."""
    if not isinstance(item, dict):
        return _unreadable(table, None, item)
    if "code" not in item:
        return table.no_error[None]
    return classify_leg(table, item)


# -- cancel/replace legs (rule 2) -------------------------------------------------------------

# Worst first: how a failed leg's class ranks when no leg succeeded.
SEVERITY = {
    StatusClass.UNKNOWN_EXECUTION: 5,
    StatusClass.BANNED: 4,
    StatusClass.RATE_LIMITED: 3,
    StatusClass.PARTIAL: 2,
    StatusClass.CLIENT_ERROR: 1,
    StatusClass.OK: 0,
}
PARTIAL_RETRY = Retry(RetryAction.AFTER_RECONCILE)
_SOME_LEG_SUCCEEDED = (LegsOutcome.CANCELED_NOT_REPLACED, LegsOutcome.PLACED_NOT_CANCELED, LegsOutcome.REPLACED)


def legs_advice(legs: Legs, own: Verdict, status: Verdict | None) -> tuple[StatusClass, Retry, Reconcile]:
    """The outer class and advice the legs decide.

    ``own`` is the code's own verdict; ``status`` the verdict a rate-limit or ban status (418,
    429, 403) gives on its own, which counts as one more failure when no leg succeeded.
    """
    if legs.outcome in _SOME_LEG_SUCCEEDED:
        return StatusClass.PARTIAL, PARTIAL_RETRY, Reconcile.INSPECT_LEGS
    if legs.outcome is LegsOutcome.UNCLEAR:
        # No leg says it succeeded, but one says nothing readable: do not assume nothing changed.
        return StatusClass.UNKNOWN_EXECUTION, PARTIAL_RETRY, Reconcile.INSPECT_LEGS
    failed = [leg.verdict for leg in (legs.cancel, legs.new_order) if leg.verdict is not None]
    if status is not None:
        failed.append(status)
    if not failed:
        return own.status_class, own.retry, own.reconcile
    worst = max(failed, key=lambda v: SEVERITY[v.status_class])  # ties: the cancel leg first
    return worst.status_class, worst.retry, worst.reconcile


def read_answer_legs(table: Table, frame: Any) -> Legs | None:
    """Both legs of any cancel/replace answer (success or error, any shape), each leg's error
    classified as ``classify`` classifies it inside an answer (``classify_leg``); None without legs."""
    data = find_leg_data(frame)
    if data is None:
        return None
    return read_legs(data, lambda leg_error: classify_leg(table, leg_error))


# -- retry timing (DESIGN.md section 4) -------------------------------------------------------


def retry_timing(data: Any, headers: Any, values: Mapping[str, Any]) -> Retry | None:
    """The most precise retry time the response carries (``timing_of``), or None when it carries none."""
    timing = timing_of(data, headers, values.get(BAN_FIELD) if values else None)
    return None if timing is None else _verdicts.make_retry(AFTER_DELAY, *timing)


BAN_FIELD = "banned_until_ms"  # the value of a message that gives a ban's end


def timing_of(data: Any, headers: Any, until: Any) -> tuple[int | None, int | None, str] | None:
    """``(after_ms, at_ms, source)`` of the most precise retry time the response carries, or None.

    Sources, most precise first: ``error.data.retryAfter - serverTime`` (a delay on the server's
    clock, immune to local clock skew; ``retryAfter`` is also the absolute time); the
    ``Retry-After`` header (seconds, or an HTTP date: an absolute time, and a delay against the
    ``Date`` header when there is one); ``until``, the ban's end the message gives. Nothing is
    clamped: a delay that comes out negative is reported as the source said it.
    """
    server_time = retry_after = None
    if data is not None and isinstance(data, dict):
        server_time = data.get("serverTime")  # an int as sent, else as_int reads it
        if server_time.__class__ is not int:
            server_time = as_int(server_time)
        retry_after = data.get("retryAfter")
        if retry_after.__class__ is not int:
            retry_after = as_int(retry_after)
    if retry_after is not None:
        return (retry_after - server_time if server_time is not None else None), retry_after, "server_retry_after"
    if until.__class__ is not int and not isinstance(until, int):
        until = None
    if headers is not None:
        after_ms, at_ms = retry_after_header(headers)
        if after_ms is not None or at_ms is not None:  # seconds, or an HTTP date (RFC 9110)
            return after_ms, (at_ms if at_ms is not None else until), "retry_after_header"
    if until is not None:
        return (until - server_time if server_time is not None else None), until, "ban_message"
    return None


def bucket_retry(frame: Any, headers: Any, now_ms: Any, data: Any, values: Mapping[str, Any]) -> Retry | None:
    """Retry timing for a rate-limited answer with no hint: the end of the exhausted bucket.

    The bucket is the full limiter in ``rateLimits``/headers, else the interval named in the
    message ("current limit is 50 orders per 10 SECOND"). Needs a time reference
    (``error.data.serverTime`` or ``now_ms``); returns None without one.
    """
    now = as_int(data.get("serverTime")) if isinstance(data, dict) else None
    if now is None:
        now = as_int(now_ms)
    if now is None:
        return None
    exhausted = rate_limits(frame, headers, now).exhausted()
    if exhausted is not None and exhausted.resets_at_ms is not None:
        return Retry(RetryAction.AFTER_DELAY, exhausted.resets_in_ms, exhausted.resets_at_ms, "rate_limit_bucket")
    length = parse_interval_text(values.get("interval"))
    if length is None:
        return None
    end = bucket_end(now, length)
    return Retry(RetryAction.AFTER_DELAY, end - now, end, "rate_limit_bucket")


def may_resend(verdict: Verdict) -> bool:
    """For the retry hooks: resending is safe (advice ``now``/``after_delay``, nothing executed).

    Never into a ban with no known end (a 403 WAF page, a 418 with no time): only a ban whose
    end the response gave (``retry_after_ms`` or ``retry_at_ms``) may be waited out and resent.
    """
    if not verdict.is_retryable or verdict.execution is not Execution.NO:
        return False
    retry = verdict.retry
    return verdict.status_class is not StatusClass.BANNED or retry.after_ms is not None or retry.at_ms is not None


def response_delay_ms(verdict: Verdict, now_ms: int | None) -> int | None:
    """For the retry hooks: the wait the response itself asked for (never negative), None when it gave none.

    Its delay (``retry_after_ms``), else its absolute time (``retry_at_ms``) against the caller's
    clock ``now_ms`` (the hooks read the clock when the caller gives none; this module reads none).
    """
    if verdict.retry.after_ms is not None:
        return max(verdict.retry.after_ms, 0)
    if verdict.retry.at_ms is not None and now_ms is not None:
        return max(verdict.retry.at_ms - now_ms, 0)
    return None


def needs_clock(verdict: Verdict) -> bool:
    """For the retry hooks: the response's only timing is an absolute time (read the clock for it)."""
    return verdict.retry.after_ms is None and verdict.retry.at_ms is not None
