"""SBE answers of the spot REST and WebSocket APIs (schema id 3) as the JSON-shaped frames the core reads.

Rules this module keeps:

1. Reading only: it says what the bytes say, in the shape the JSON API gives the same answer
   (``{"code", "msg", "data"}``, a WebSocket API frame with ``rateLimits``, the cancel/replace
   legs); every decision is the core's (``_decide.py``).
2. The layouts come from ``_tables/sbe_layout.py``, generated from Binance's published schemas
   by ``tools/gen_sbe.py``; only ``struct`` reads the bytes (no XML at run time).
3. Fixed fields are read by offset within the block length the message header gives, and the
   variable part starts after that block: a newer schema version with a longer block still reads
   (a field the block does not reach is absent, the SBE extension rule); a version newer than any
   known one is read with the newest layout.
4. Nothing raises: a truncated buffer, a length or count that points past its end, an unknown
   schema id or template give ``UNREADABLE``.

Times: SBE carries microseconds; the JSON API gives milliseconds. ``ErrorResponse.serverTime`` is
floored to a millisecond, ``retryAfter`` rounded up (nobody resends early); an order's times are
floored.
"""

from __future__ import annotations

from collections.abc import Mapping
from struct import Struct
from struct import error as StructError
from typing import Any, Final, cast

from .._parse import is_sbe_content_type
from .._tables import sbe_layout as _layout

__all__ = ["RAW_LIMIT", "UNREADABLE", "decimal_text", "decode", "is_sbe_content_type", "raw_hex", "read", "recognised"]

RAW_LIMIT = 4096  # bytes of an unreadable SBE answer kept, as hex, in ``Verdict.raw_text``
SCHEMA_ID: Final = _layout.SCHEMA_ID
_IDS = {name: template for template, name in _layout.TEMPLATES.items()}
ERROR_RESPONSE, WEBSOCKET_RESPONSE = _IDS["ErrorResponse"], _IDS["WebSocketResponse"]  # 100, 50
_READ_IN_FULL = (ERROR_RESPONSE, _IDS["CancelReplaceOrderResponse"])  # in a WebSocket result: see _at
_HEADER = Struct(_layout.HEADER_FORMAT)
_HEADER_SIZE = _layout.HEADER_SIZE
_TEMPLATES: Mapping[int, str] = _layout.TEMPLATES
_MAX_DEPTH = 4  # embedded messages: a WebSocket frame's result, an error's data, a leg


class _Unreadable:
    """The answer of ``decode`` for bytes that claim to be SBE but cannot be read."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE: Final = _Unreadable()


class _Bad(Exception):
    """Raised inside the decoder only; ``decode`` turns it into UNREADABLE."""


# -- compiled layouts: a Struct per block, each version's enums resolved -------------------------

INT, ENUM, EXPONENT, DECIMAL, TIME_US = range(5)  # how a fixed field becomes its JSON value
_KINDS = {"int": INT, "enum": ENUM, "bool": ENUM, "exponent": EXPONENT, "decimal": DECIMAL, "time_us": TIME_US}
_ABSENT: Any = object()  # a field beyond the block an older version sent
Enums = Mapping[str, Mapping[int, Any]]


class _Block:
    """The fixed fields of a message or group entry: one Struct reads them all when the block reaches
    its known length; each field alone otherwise."""

    __slots__ = ("enums", "fields", "index", "length", "names", "plain", "specs", "whole")

    def __init__(self, length: int, fields: tuple[Any, ...], enums: Enums) -> None:
        self.length = length
        layout, position = "<", 0
        self.fields: list[tuple[int, int, Any]] = []
        self.specs: list[tuple[str, int, Any, Any, Any, Any]] = []
        for name, offset, code, kind, argument, null, default in fields:
            size = Struct("<" + code).size
            layout += "x" * (offset - position) + code
            position = offset + size
            self.fields.append((offset, offset + size, Struct("<" + code).unpack_from))
            values = enums[argument] if kind in ("enum", "bool") else None
            self.specs.append((name, _KINDS[kind], values, argument, null, default))
        self.whole = Struct(layout).unpack_from
        self.names = tuple(spec[0] for spec in self.specs)
        self.index = {name: i for i, name in enumerate(self.names)}
        self.enums = tuple((name, values) for name, kind, values, *_ in self.specs if kind == ENUM)
        # only plain integers and enums, none of them optional: a dict of the values at once
        self.plain = all(kind in (INT, ENUM) and null is None for _, kind, _, _, null, _ in self.specs)

    def raw(self, buf: bytes, base: int, block: int) -> tuple[Any, ...]:
        """Every field as sent (``_ABSENT`` beyond ``block``)."""
        if block >= self.length:
            return self.whole(buf, base)
        return tuple(unpack(buf, base + offset)[0] if end <= block else _ABSENT for offset, end, unpack in self.fields)

    def read(self, buf: bytes, base: int, block: int, exponents: dict[str, int]) -> dict[str, Any]:
        """The fields as the JSON API gives them: enums by name, decimals as text, times in ms; a null
        without a JSON default left out. ``exponents`` holds the decimal exponents read so far (a
        group's decimals may use its parent's)."""
        if self.plain and block >= self.length:  # the common case: one unpack, one dict, the enums named
            out = dict(zip(self.names, self.whole(buf, base), strict=True))
            for name, enum in self.enums:
                value = out[name]
                out[name] = enum.get(value, value)
            return out
        values = self.raw(buf, base, block)
        out = {}
        for (name, kind, enum, argument, null, default), value in zip(self.specs, values, strict=True):
            if value is _ABSENT:
                continue
            if null is not None and value == null:
                if default is not None:
                    out[name] = default
            elif kind == INT:
                out[name] = value
            elif kind == ENUM:
                out[name] = enum.get(value, value)  # an unknown value is kept as its number
            elif kind == EXPONENT:
                exponents[name] = value
            elif kind == DECIMAL:
                exponent = exponents.get(argument)
                out[name] = decimal_text(value, exponent) if exponent is not None else value
            else:  # TIME_US: microseconds, floored to the JSON API's milliseconds
                out[name] = value // 1000
        return out


def _data(data: tuple[Any, ...]) -> tuple[tuple[Any, ...], ...]:
    # (name, length unpack_from, length size, kind, optional)
    return tuple(
        (name, Struct("<" + code).unpack_from, Struct("<" + code).size, kind, optional)
        for name, code, kind, optional in data
    )


class _Layout:
    """A message of one version: its block, groups and data."""

    __slots__ = ("block", "data", "groups", "name")

    def __init__(self, layout: tuple[Any, ...], enums: Enums) -> None:
        self.name, length, fields, groups, data = layout
        self.block = _Block(length, fields, enums)
        self.groups = tuple(
            (
                group_name,
                Struct(dimension).unpack_from,
                dimension_size,
                _Block(group_length, group_fields, enums),
                _data(group_data),
                sum(Struct("<" + code).size for _, code, _, _ in group_data),
            )
            for group_name, dimension, dimension_size, group_length, group_fields, group_data in groups
        )
        self.data = _data(data)


def _compile_all() -> dict[int, dict[int, _Layout]]:
    enums: Mapping[int, Enums] = cast(Any, _layout.ENUMS)
    return {
        version: {template: _Layout(layout, enums[version]) for template, layout in by_template.items()}
        for version, by_template in _layout.LAYOUTS.items()
    }


_LAYOUTS = _compile_all()


def _version_of(version: int) -> int:
    """The known version whose layout reads ``version``: itself, else the newest older one."""
    if version in _LAYOUTS:
        return version
    older = [known for known in _LAYOUTS if known < version]
    return max(older) if older else min(_LAYOUTS)


# -- reading --------------------------------------------------------------------------------------


def decimal_text(mantissa: int, exponent: int) -> str:
    """A mantissa and exponent as the JSON API writes decimals ("0.00100000")."""
    if exponent >= 0:
        return str(mantissa * 10**exponent)
    digits = str(abs(mantissa)).rjust(1 - exponent, "0")
    text = f"{digits[:exponent]}.{digits[exponent:]}"
    return "-" + text if mantissa < 0 else text


def _read_data(
    buf: bytes,
    pos: int,
    end: int,
    data: tuple[Any, ...],
    depth: int,
    out: dict[str, Any],
    kinds: dict[str, int],
    summary: bool = False,
) -> int:
    """The variable-length data from ``pos`` into ``out``; the position after it. ``kinds`` gets the
    templateId of each embedded message; ``summary``: see ``_at``."""
    for name, unpack, size, kind, optional in data:
        if pos + size > end:
            raise _Bad
        length = unpack(buf, pos)[0]
        pos += size
        if pos + length > end:
            raise _Bad
        if length == 0 and optional:
            out[name] = None
        elif kind == "string":
            out[name] = buf[pos : pos + length].decode("utf-8", "replace")
        else:
            kinds[name], out[name] = _at(buf, pos, pos + length, depth + 1, summary)
        pos += length
    return pos


def _groups(
    buf: bytes,
    pos: int,
    end: int,
    groups: tuple[Any, ...],
    exponents: dict[str, int],
    depth: int,
    out: dict[str, Any],
    later: list[tuple[Any, ...]] | None = None,
) -> int:
    """The repeating groups from ``pos`` into ``out``, each entry by the blockLength its dimension gives.

    With ``later``, a group of fixed entries only is checked and skipped, and noted there to be read
    if the message needs it (``_entries``)."""
    for name, unpack_dimension, dimension_size, block, group_data, data_size in groups:
        if pos + dimension_size > end:
            raise _Bad
        entry_block, count = unpack_dimension(buf, pos)
        pos += dimension_size
        if count * max(entry_block + data_size, 1) > end - pos:  # a count past the buffer (or "negative")
            raise _Bad
        if later is not None and not group_data:
            later.append((name, pos, entry_block, count, block))
            pos += count * entry_block
            continue
        entries = []
        for _ in range(count):
            if pos + entry_block > end:
                raise _Bad
            entry = block.read(buf, pos, entry_block, exponents)  # an entry sets its own exponents first
            pos += entry_block
            if group_data:
                pos = _read_data(buf, pos, end, group_data, depth, entry, {})
            entries.append(entry)
        out[name] = entries
    return pos


def _at(buf: bytes, pos: int, end: int, depth: int, summary: bool = False) -> tuple[int, dict[str, Any]]:
    """(templateId, JSON-shaped fields) of the message whose header starts at ``pos`` (ending by ``end``).

    ``summary`` (what ``classify`` needs): a WebSocketResponse's result is read field by field only
    when it is an error or a cancel/replace, and its ``rateLimits`` only then or under a status other
    than 2xx; any other result is its success marker, and a 2xx success frame has no ``rateLimits``
    (its verdict never reads them; ``rate_limits()`` reads them with ``results=True``).
    """
    if depth > _MAX_DEPTH or pos + _HEADER_SIZE > end:
        raise _Bad
    block, template, schema, version = _HEADER.unpack_from(buf, pos)
    if schema != SCHEMA_ID or template not in _TEMPLATES:
        raise _Bad
    pos += _HEADER_SIZE
    if pos + block > end:
        raise _Bad
    layout = (_LAYOUTS.get(version) or _LAYOUTS[_version_of(version)]).get(template)
    if layout is None or (summary and depth and template not in _READ_IN_FULL):  # a success, named
        return template, {"sbeTemplateId": template, "sbeMessage": _TEMPLATES[template]}
    if template == ERROR_RESPONSE:
        return template, _error(buf, pos, end, block, layout, depth)
    exponents: dict[str, int] = {}
    message = layout.block.read(buf, pos, block, exponents)
    summary = summary and template == WEBSOCKET_RESPONSE
    later: list[tuple[Any, ...]] | None = [] if summary else None
    after = pos + block
    if layout.groups:
        after = _groups(buf, after, end, layout.groups, exponents, depth, message, later)
    kinds: dict[str, int] = {}
    _read_data(buf, after, end, layout.data, depth, message, kinds, summary)
    status = message.get("status")
    if later and (kinds.get("result") in _READ_IN_FULL or status.__class__ is not int or not 200 <= status < 300):
        # rateLimits: only an error's (or a failed status's) retry time reads them
        for name, start, entry_block, count, entry in later:
            message[name] = [entry.read(buf, start + i * entry_block, entry_block, {}) for i in range(count)]
    if template == WEBSOCKET_RESPONSE:
        return template, _websocket(message, kinds)
    return template, message


def _error(buf: bytes, pos: int, end: int, block: int, layout: _Layout, depth: int) -> dict[str, Any]:
    """An ErrorResponse as the JSON API's error object: ``{"code", "msg"}``, and ``data`` when it has any.

    ``serverTime``/``retryAfter`` (microseconds) become milliseconds: serverTime floored, retryAfter
    rounded up (never earlier than the server said). A CancelReplaceOrderResponse in ``data`` adds
    its four leg keys, as the JSON ``data`` has them (a failed leg's ErrorResponse is ``{code, msg}``,
    a successful one the order, an absent one None).
    """
    index = layout.block.index
    raw = layout.block.raw(buf, pos, block)
    error: dict[str, Any] = {"code": raw[index["code"]]}
    _read_data(buf, pos + block, end, layout.data, depth, error, {})
    server, retry = raw[index["serverTime"]], raw[index["retryAfter"]]
    if server is _ABSENT or server == _NULL:
        server = None
    if retry is _ABSENT or retry == _NULL:
        retry = None
    embedded = error.pop("data", None)
    if server is None and retry is None and embedded is None:
        return error
    data: dict[str, Any] = {}
    if server is not None:
        data["serverTime"] = server // 1000
    if retry is not None:
        data["retryAfter"] = -(-retry // 1000)
    if embedded is not None:
        data.update(embedded)
    error["data"] = data
    return error


_NULL = -(2**63)  # utcTimestampUs null (the schema's default null of an optional int64)


def _websocket(message: dict[str, Any], kinds: Mapping[str, int]) -> dict[str, Any]:
    """A WebSocketResponse as the JSON API's frame: ``id``, ``status``, ``rateLimits``, ``result`` or ``error``."""
    frame = {"id": message.get("id"), "status": message.get("status")}
    if "rateLimits" in message:
        frame["rateLimits"] = message["rateLimits"]
    result = message.get("result")
    if kinds.get("result") == ERROR_RESPONSE:
        frame["error"] = result
    elif result is not None:
        frame["result"] = result
    if message.get("sbeSchemaIdVersionDeprecated"):
        frame["sbeSchemaIdVersionDeprecated"] = True
    return frame


def decode(buffer: Any, results: bool = True) -> dict[str, Any] | _Unreadable:
    """The JSON-shaped frame of one SBE message (spot schema 3), or UNREADABLE; never raises.

    ``ErrorResponse`` -> ``{"code", "msg", "data"?}``; ``WebSocketResponse`` -> ``{"id", "status",
    "rateLimits", "result" | "error"}``; a cancel/replace, order or other decoded message -> its
    fields; any other known message -> ``{"sbeTemplateId", "sbeMessage"}`` (a success). Bytes after
    the message are ignored (a newer version may append data). ``results=False`` reads a
    WebSocketResponse's successful result as its marker only (what ``classify`` needs), unless it
    is a cancel/replace.
    """
    last = _LAST
    if last[0] is buffer and last[1] is results:  # the same bytes object again (see _LAST)
        cached: dict[str, Any] | _Unreadable = last[2]
        return cached
    try:
        buf = buffer if buffer.__class__ is bytes else bytes(buffer)
        found: dict[str, Any] | _Unreadable = _at(buf, 0, len(buf), 0, not results)[1]
    except (_Bad, StructError, KeyError, TypeError, ValueError, IndexError, OverflowError, MemoryError, RecursionError):
        found = UNREADABLE
    if buffer.__class__ is bytes:
        _remember((buffer, results, found))
    return found


# The last bytes object decoded and its frame: classifying an answer of no named product reads it
# once per product reading (``_infer``), and bytes cannot change. One slot, replaced as a whole
# tuple (a reader sees one consistent entry from any thread); it keeps one buffer alive at most.
_LAST: tuple[Any, Any, Any] = (None, None, None)


def _remember(entry: tuple[Any, Any, Any]) -> None:
    global _LAST
    _LAST = entry


def recognised(buffer: Any) -> bool:
    """The buffer starts with a spot SBE message header: schema id 3 and a known template."""
    try:
        if len(buffer) < _HEADER_SIZE:
            return False
        _, template, schema, _ = _HEADER.unpack_from(buffer, 0)
    except (StructError, TypeError, ValueError):
        return False
    return schema == SCHEMA_ID and template in _TEMPLATES


def read(buffer: Any, headers: Any = None, results: bool = False) -> dict[str, Any] | _Unreadable | None:
    """The frame of an SBE answer: by its header (a binary WebSocket frame) or by the REST Content-Type.

    None when the bytes are not SBE (no spot SBE header, and no ``application/sbe`` header).
    ``results``: as for ``decode`` (False: what ``classify`` reads).
    """
    if recognised(buffer) or (headers is not None and is_sbe_content_type(headers)):
        return decode(buffer, results)
    return None


def raw_hex(buffer: Any) -> str:
    """The first RAW_LIMIT bytes as hex: what an unreadable SBE answer keeps."""
    try:
        return bytes(buffer[:RAW_LIMIT]).hex()
    except Exception:  # a buffer that cannot be sliced keeps its type's name
        return f"<unreadable {type(buffer).__name__}>"
