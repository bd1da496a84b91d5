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

from .._parse import header
from .._tables import sbe_layout as _layout

__all__ = ["RAW_LIMIT", "UNREADABLE", "decode", "is_sbe_content_type", "raw_hex", "read", "recognised"]

RAW_LIMIT = 4096  # bytes of an unreadable SBE answer kept, as hex, in ``Verdict.raw_text``
SCHEMA_ID: Final = _layout.SCHEMA_ID
_IDS = {name: template for template, name in _layout.TEMPLATES.items()}
ERROR_RESPONSE, WEBSOCKET_RESPONSE = _IDS["ErrorResponse"], _IDS["WebSocketResponse"]  # 100, 50
_HEADER = Struct(_layout.HEADER_FORMAT)
_HEADER_SIZE = _layout.HEADER_SIZE
_TEMPLATES: Mapping[int, str] = _layout.TEMPLATES
_NEWEST = max(_layout.VERSIONS)
_MAX_DEPTH = 4  # embedded messages: a WebSocket frame's result, an error's data, a leg


class _Unreadable:
    """The answer of ``decode`` for bytes that claim to be SBE but cannot be read."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE: Final = _Unreadable()


class _Bad(Exception):
    """Raised inside the decoder only; ``decode`` turns it into UNREADABLE."""


# -- compiled layouts: each field with its Struct, each version's templates ----------------------

_STRUCTS: dict[str, Struct] = {}


def _struct(code: str) -> Struct:
    found = _STRUCTS.get(code)
    if found is None:
        found = _STRUCTS[code] = Struct("<" + code)
    return found


def _fields(fields: tuple[Any, ...]) -> tuple[tuple[Any, ...], ...]:
    # (name, offset, end, unpack_from, kind, argument, null, default)
    return tuple(
        (name, offset, offset + _struct(code).size, _struct(code).unpack_from, kind, argument, null, default)
        for name, offset, code, kind, argument, null, default in fields
    )


def _data(data: tuple[Any, ...]) -> tuple[tuple[Any, ...], ...]:
    # (name, length unpack_from, length size, kind, optional)
    return tuple(
        (name, _struct(code).unpack_from, _struct(code).size, kind, optional) for name, code, kind, optional in data
    )


def _compile(layout: tuple[Any, ...]) -> tuple[Any, ...]:
    name, block_length, fields, groups, data = layout
    compiled_groups = tuple(
        (
            group_name,
            Struct(dimension).unpack_from,
            dimension_size,
            _fields(group_fields),
            _data(group_data),
            sum(_struct(code).size for _, code, _, _ in group_data),
        )
        for group_name, dimension, dimension_size, _, group_fields, group_data in groups
    )
    return name, block_length, _fields(fields), compiled_groups, _data(data)


def _compile_all() -> dict[int, dict[int, tuple[Any, ...]]]:
    done: dict[int, tuple[Any, ...]] = {}
    out: dict[int, dict[int, tuple[Any, ...]]] = {}
    for version, by_template in _layout.LAYOUTS.items():
        out[version] = {}
        for template, layout in by_template.items():
            key = id(layout)
            if key not in done:
                done[key] = _compile(layout)
            out[version][template] = done[key]
    return out


_LAYOUTS = _compile_all()
_ENUMS: Mapping[int, Mapping[str, Mapping[int, Any]]] = cast(Any, _layout.ENUMS)


def _version_of(version: int) -> int:
    """The known version whose layout reads ``version``: itself, else the newest older one."""
    if version in _LAYOUTS:
        return version
    older = [known for known in _LAYOUTS if known < version]
    return max(older) if older else min(_LAYOUTS)


# -- reading --------------------------------------------------------------------------------------


def _decimal(mantissa: int, exponent: int) -> str:
    """A mantissa and exponent as the JSON API writes decimals ("0.00100000")."""
    if exponent >= 0:
        return str(mantissa * 10**exponent)
    digits = str(abs(mantissa)).rjust(1 - exponent, "0")
    text = f"{digits[:exponent]}.{digits[exponent:]}"
    return "-" + text if mantissa < 0 else text


Enums = Mapping[str, Mapping[int, Any]]


def _read_fields(
    buf: bytes, base: int, block: int, fields: tuple[Any, ...], enums: Enums, exponents: dict[str, int]
) -> dict[str, Any]:
    """The fixed fields the block reaches (JSON names and values; a null without a JSON default left out).

    ``exponents`` holds the decimal exponents read so far (a group's decimals may use its parent's).
    """
    out: dict[str, Any] = {}
    for name, offset, end, unpack, kind, argument, null, default in fields:
        if end > block:
            continue  # an older version's block: the field is not there
        value = unpack(buf, base + offset)[0]
        if null is not None and value == null:
            if default is not None:
                out[name] = default
        elif kind == "int":
            out[name] = value
        elif kind == "enum" or kind == "bool":
            out[name] = enums[argument].get(value, value)  # an unknown value is kept as its number
        elif kind == "exponent":
            exponents[name] = value
        elif kind == "decimal":
            exponent = exponents.get(argument)
            out[name] = _decimal(value, exponent) if exponent is not None else value
        else:  # time_us: microseconds, floored to the JSON API's milliseconds
            out[name] = value // 1000
    return out


def _read_data(
    buf: bytes, pos: int, end: int, data: tuple[Any, ...], depth: int, out: dict[str, Any], kinds: dict[str, int]
) -> int:
    """The variable-length data from ``pos`` into ``out``; the position after it. ``kinds`` gets the
    templateId of each embedded message."""
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
            kinds[name], out[name] = _at(buf, pos, pos + length, depth + 1)
        pos += length
    return pos


def _groups(
    buf: bytes, pos: int, end: int, groups: tuple[Any, ...], enums: Enums, exponents: dict[str, int], depth: int
) -> tuple[dict[str, list[dict[str, Any]]], int]:
    out: dict[str, list[dict[str, Any]]] = {}
    for name, unpack_dimension, dimension_size, group_fields, group_data, data_size in groups:
        if pos + dimension_size > end:
            raise _Bad
        entry_block, count = unpack_dimension(buf, pos)
        pos += dimension_size
        if count * max(entry_block + data_size, 1) > end - pos:  # a count past the buffer (or "negative")
            raise _Bad
        entries = []
        for _ in range(count):
            if pos + entry_block > end:
                raise _Bad
            entry = _read_fields(buf, pos, entry_block, group_fields, enums, dict(exponents))
            pos = _read_data(buf, pos + entry_block, end, group_data, depth, entry, {})
            entries.append(entry)
        out[name] = entries
    return out, pos


def _at(buf: bytes, pos: int, end: int, depth: int) -> tuple[int, dict[str, Any]]:
    """(templateId, JSON-shaped fields) of the message whose header starts at ``pos`` (ending by ``end``)."""
    if depth > _MAX_DEPTH or pos + _HEADER_SIZE > end:
        raise _Bad
    block, template, schema, version = _HEADER.unpack_from(buf, pos)
    if schema != SCHEMA_ID or template not in _TEMPLATES:
        raise _Bad
    pos += _HEADER_SIZE
    if pos + block > end:
        raise _Bad
    known = _version_of(version)
    layout = _LAYOUTS[known].get(template)
    if layout is None:  # a known message this library does not read field by field: a success
        return template, {"sbeTemplateId": template, "sbeMessage": _TEMPLATES[template]}
    _, _, fields, groups, data = layout
    enums = _ENUMS[known]
    exponents: dict[str, int] = {}
    message = _read_fields(buf, pos, block, fields, enums, exponents)
    found, after = _groups(buf, pos + block, end, groups, enums, exponents, depth)
    message.update(found)
    kinds: dict[str, int] = {}
    _read_data(buf, after, end, data, depth, message, kinds)
    if template == ERROR_RESPONSE:
        return template, _error(message, buf, pos, block, fields)
    if template == WEBSOCKET_RESPONSE:
        return template, _websocket(message, kinds)
    return template, message


def _raw(buf: bytes, pos: int, block: int, fields: tuple[Any, ...], name: str) -> int | None:
    """One fixed field as sent (None when null or beyond the block)."""
    for field_name, offset, stop, unpack, _, _, null, _ in fields:
        if field_name == name and stop <= block:
            value: int = unpack(buf, pos + offset)[0]
            return None if value == null else value
    return None


def _error(message: dict[str, Any], buf: bytes, pos: int, block: int, fields: tuple[Any, ...]) -> dict[str, Any]:
    """An ErrorResponse as the JSON API's error object: ``{"code", "msg"}``, and ``data`` when it has any.

    ``serverTime``/``retryAfter`` (microseconds) become milliseconds: serverTime floored, retryAfter
    rounded up (never earlier than the server said). A CancelReplaceOrderResponse in ``data`` adds
    its four leg keys, as the JSON ``data`` has them (a failed leg's ErrorResponse is ``{code, msg}``,
    a successful one the order, an absent one None).
    """
    error = {"code": message.get("code"), "msg": message.get("msg")}
    data: dict[str, Any] = {}
    server, retry = _raw(buf, pos, block, fields, "serverTime"), _raw(buf, pos, block, fields, "retryAfter")
    if server is not None:
        data["serverTime"] = server // 1000
    if retry is not None:
        data["retryAfter"] = -(-retry // 1000)
    embedded = message.get("data")
    if embedded is not None:
        data.update(embedded)
    if data:
        error["data"] = data
    return error


def _websocket(message: dict[str, Any], kinds: Mapping[str, int]) -> dict[str, Any]:
    """A WebSocketResponse as the JSON API's frame: ``id``, ``status``, ``rateLimits``, ``result`` or ``error``."""
    frame = {"id": message.get("id"), "status": message.get("status"), "rateLimits": message.get("rateLimits")}
    result = message.get("result")
    if kinds.get("result") == ERROR_RESPONSE:
        frame["error"] = result
    elif result is not None:
        frame["result"] = result
    if message.get("sbeSchemaIdVersionDeprecated"):
        frame["sbeSchemaIdVersionDeprecated"] = True
    return frame


def decode(buffer: Any) -> dict[str, Any] | _Unreadable:
    """The JSON-shaped frame of one SBE message (spot schema 3), or UNREADABLE; never raises.

    ``ErrorResponse`` -> ``{"code", "msg", "data"?}``; ``WebSocketResponse`` -> ``{"id", "status",
    "rateLimits", "result" | "error"}``; a cancel/replace, order or other decoded message -> its
    fields; any other known message -> ``{"sbeTemplateId", "sbeMessage"}`` (a success). Bytes after
    the message are ignored (a newer version may append data).
    """
    try:
        buf = buffer if buffer.__class__ is bytes else bytes(buffer)
        return _at(buf, 0, len(buf), 0)[1]
    except (_Bad, StructError, KeyError, TypeError, ValueError, IndexError, OverflowError, MemoryError, RecursionError):
        return UNREADABLE


def recognised(buffer: Any) -> bool:
    """The buffer starts with a spot SBE message header: schema id 3 and a known template."""
    try:
        if len(buffer) < _HEADER_SIZE:
            return False
        _, template, schema, _ = _HEADER.unpack_from(buffer, 0)
    except (StructError, TypeError, ValueError):
        return False
    return schema == SCHEMA_ID and template in _TEMPLATES


def is_sbe_content_type(headers: Any) -> bool:
    """``Content-Type: application/sbe`` (any case, any parameters) is among the headers."""
    value = header(headers, "content-type")
    return isinstance(value, str) and value.strip().lower().startswith("application/sbe")


def read(buffer: Any, headers: Any = None) -> dict[str, Any] | _Unreadable | None:
    """The frame of an SBE answer: by its header (a binary WebSocket frame) or by the REST Content-Type.

    None when the bytes are not SBE (no spot SBE header, and no ``application/sbe`` header).
    """
    if recognised(buffer) or (headers is not None and is_sbe_content_type(headers)):
        return decode(buffer)
    return None


def raw_hex(buffer: Any) -> str:
    """The first RAW_LIMIT bytes as hex: what an unreadable SBE answer keeps."""
    try:
        return bytes(buffer[:RAW_LIMIT]).hex()
    except Exception:  # a buffer that cannot be sliced keeps its type's name
        return f"<unreadable {type(buffer).__name__}>"
