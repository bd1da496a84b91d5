"""FIX tag=value (the spot FIX API: order entry, drop copy, market data) read into a frame.

Rules this module keeps:

1. Reading, not deciding: ``read_fields`` turns a message's fields into the JSON-shaped frame the
   rules classify (``_decide.classify_mapping``) with the ``fix`` table (``data/fix.yaml``, which
   falls back to spot for ``ErrorCode (25016)``). Which message types are rejections is read from
   the FIX page (upstream/fix/fix-api.md); what a rejection means is the table's.
2. The frame: ``ErrorCode (25016)`` present -> ``{"code": ErrorCode, "msg": Text (58), "data"}``;
   a rejection without it -> ``{"code": SessionRejectReason (373), ...}`` for a ``Reject <3>`` that
   has one, else ``{"success": False, "msg": Text, "data"}``; any other message -> ``{"data"}`` (a
   success), or ``{"msg": <its type's name>, "data"}`` when the table lists that name (``Logout``,
   ``News``: the message itself is the news). ``data`` holds the message type and the identifying
   fields (``KEPT``) by their dictionary names, values as sent, so they land in ``Verdict.data``.
3. ``parse`` checks the framing before anything is read: ``8`` first, ``9`` second, ``35`` third,
   ``10`` last; ``BodyLength`` and ``CheckSum`` right; printable ASCII only; a tag twice only inside
   a repeating group of that message type (``_tables/_fix_dictionary.py``, generated from the FIX
   dictionaries). Anything else is ``None`` (unreadable), never an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import repeat
from typing import TYPE_CHECKING, Any
from zlib import adler32

from .._tables import _fix_dictionary as dictionary

if TYPE_CHECKING:
    from .._table import Table

__all__ = ["KEPT", "parse", "read", "read_fields", "table"]

SOH = "\x01"
MSG_TYPE, ERROR_CODE, TEXT, SESSION_REJECT_REASON = "35", "25016", "58", "373"
# Always rejections: Reject, OrderCancelReject, OrderAmendReject, MarketDataRequestReject.
REJECTS = frozenset({"3", "9", "XAR", "Y"})
# Rejections when a field says so: ExecutionReport ExecType (150) = 8 REJECTED, ListStatus
# ListOrderStatus (431) = 7 REJECT, OrderMassCancelReport MassCancelResponse (531) = 0 REJECTED.
REJECTED_WHEN = {"8": ("150", "8"), "N": ("431", "7"), "r": ("531", "0")}
# The fields kept in the frame's `data` (by their dictionary names), when the message has them.
KEPT = (35, 11, 41, 45, 372, 371, 373, 37, 55, 66, 25014, 262, 281, 150, 39, 431, 531, 25016, 58, 148)
_NAMES: Mapping[int, str] = dictionary.FIELDS
_KEPT = {str(tag): _NAMES[tag] for tag in KEPT}
_GROUP_TAGS = {kind: frozenset(map(str, tags)) for kind, tags in dictionary.GROUP_TAGS.items()}
_NO_GROUPS: frozenset[str] = frozenset()
_KNOWN_TAGS = frozenset(map(str, _NAMES))  # the dictionary's tags as sent
_FRAMING = frozenset({"8", "9", "10"})  # once each, at their own places (MsgType is the body's first)
_PRINTABLE = bytes(range(32, 127)) + b"\x01"  # "Only printable ASCII characters and SOH are supported."
_PIPE_EXTRA = ord("|") - 1  # a `|`-separated copy counts its separators as SOH in the CheckSum
# Adler-32's low half is 1 + the byte sum mod 65521: the exact sum while it stays below 65521, which
# printable ASCII (at most 126 a byte) guarantees up to 519 bytes; longer messages are summed.
_ADLER_EXACT = 519
_TABLE: list[Table] = []  # the fix table, once loaded


def table() -> Table:
    """The ``fix`` table (spot's codes, FIX's session reject reasons)."""
    if not _TABLE:
        from .._table import load_table

        _TABLE.append(load_table("fix"))
    return _TABLE[0]


def read(raw: Any) -> dict[str, Any] | None:
    """The frame of one FIX message given as text or bytes, ``None`` when it is unreadable."""
    fields = _fields(raw)
    return None if fields is None else _frame(fields)


def parse(raw: Any) -> dict[int, str] | None:
    """The fields of one FIX message (SOH- or ``|``-separated ``str``/``bytes``), tag -> value, in
    message order; a tag repeated inside a repeating group keeps its first value. ``None`` when the
    framing is wrong (rule 3). A trailing newline (a line of a log) is allowed."""
    fields = _fields(raw)
    if fields is None:
        return None
    text = (raw if raw.__class__ is str else bytes(raw).decode("ascii")).rstrip("\r\n")
    parts = text[:-1].split(SOH if SOH in text else "|")
    return {8: parts[0][2:], 9: parts[1][2:], **{int(tag): value for tag, value in fields.items()}, 10: parts[-1][3:]}


def _fields(raw: Any) -> dict[str, str] | None:
    """``parse``, with the tags as sent (strings: no int() per field on the way to ``_frame``)."""
    try:
        if raw.__class__ is bytes:
            data = raw
            text = raw.decode("ascii")
        elif raw.__class__ is str:
            text = raw
            data = raw.encode("ascii")
        else:
            data = bytes(raw)
            text = data.decode("ascii")
    except (UnicodeError, TypeError, ValueError):
        return None
    if text[-1] == "\n":
        text = text[:-2] if text.endswith("\r\n") else text[:-1]
        data = data[: len(text)]
    if data.translate(None, _PRINTABLE):
        return None
    sep = SOH if SOH in text else "|"
    if not text.endswith(sep):
        return None
    parts = text[:-1].split(sep)
    if len(parts) < 4:
        return None
    begin, length, kind, trailer = parts[0], parts[1], parts[2], parts[-1]
    if not (begin.startswith("8=FIX") and length.startswith("9=") and kind.startswith("35=") and len(kind) > 3):
        return None
    if not (len(trailer) == 6 and trailer.startswith("10=") and trailer[3:].isdigit()):
        return None
    declared = length[2:]
    if (
        not declared.isdigit()
        or len(declared) > 12
        or int(declared) != len(text) - len(begin) - len(length) - len(trailer) - 3
    ):
        return None
    summed = data[: len(data) - 7]
    checksum = (adler32(summed) & 0xFFFF) - 1 if len(summed) <= _ADLER_EXACT else sum(summed)
    if sep != SOH:
        checksum -= _PIPE_EXTRA * summed.count(b"|")
    if checksum % 256 != int(trailer[3:]):
        return None
    body = parts[2:-1]  # MsgType (35) first
    try:
        fields = dict(map(str.split, body, repeat("="), repeat(1)))  # a part without "=" raises ValueError
    except ValueError:
        return None
    if (
        not (fields.keys() <= _KNOWN_TAGS or _numbers(fields))  # every tag a number
        or "" in fields.values()
        or (sep + "0") in text  # a tag with a leading zero
        or not fields.keys().isdisjoint(_FRAMING)  # BeginString, BodyLength, CheckSum in the body
    ):
        return None
    if len(fields) != len(body):  # a tag twice: only inside a repeating group; its first value kept
        repeatable = _GROUP_TAGS.get(kind[3:], _NO_GROUPS)
        fields = {}
        for part in body:
            tag, value = part.split("=", 1)
            if tag in fields:
                if tag not in repeatable:
                    return None
                continue
            fields[tag] = value
    return fields  # MsgType and the body; the framing fields were checked above


def _numbers(fields: Mapping[str, str]) -> bool:
    """Every tag a number of at most 10 digits (tags the dictionary does not name included)."""
    return all(tag.isdigit() and tag.isascii() and len(tag) <= 10 for tag in fields)


def _number(value: str) -> int | str:
    """An INT field as an int; anything else as sent (the rules read odd codes themselves)."""
    digits = value[1:] if value[:1] == "-" else value
    return int(value) if digits.isdigit() and digits.isascii() and len(digits) <= 20 else value


def read_fields(fields: Mapping[int, str]) -> dict[str, Any]:
    """The frame of one FIX message from its fields (tag -> value; rule 2)."""
    return _frame({str(tag): value for tag, value in fields.items()})


def _frame(fields: Mapping[str, str]) -> dict[str, Any]:
    """``read_fields`` with the tags as strings."""
    kept = _KEPT
    data = {kept[tag]: value for tag, value in fields.items() if tag in kept}
    msg_type = fields.get(MSG_TYPE, "")
    code = fields.get(ERROR_CODE)
    text = fields.get(TEXT)
    if code is None:
        rejected = msg_type in REJECTS
        if not rejected:
            when = REJECTED_WHEN.get(msg_type)
            rejected = when is not None and fields.get(when[0]) == when[1]
        if not rejected:
            name = dictionary.MESSAGES.get(msg_type)
            if name is not None and name in table().codeless:
                return {"msg": name, "data": data}
            return {"data": data}
        if msg_type == "3":
            code = fields.get(SESSION_REJECT_REASON)
        if code is None:
            frame: dict[str, Any] = {"success": False, "data": data}
            if text is not None:
                frame["msg"] = text
            return frame
    return {"code": _number(code), "msg": text, "data": data}
