"""Reading the request a client sent, in the shape it already has, for ``plan``.

Three shapes, told apart by what they hold:

- REST: a mapping with an HTTP ``method`` and a ``path`` (or a full ``url``); the parameters in
  ``params`` (a mapping or a query string), the URL's query string, or a form ``data``/``body``;
- WebSocket API: a mapping ``{"id", "method", "params"}`` whose ``method`` is an API method name
  (``order.place``);
- FIX: tag=value text (SOH or ``|`` between fields) or a mapping of tag numbers, with ``35``
  (MsgType).

Only what a plan needs is read: the transport, the endpoint and the parameters as a flat mapping.
Anything else gives a reason (a string), never an exception. Nothing here reads a clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlsplit

__all__ = ["MAX_FIELDS", "SECRETS", "Sent", "read_request", "venue_of"]

MAX_FIELDS = 512  # parameters (or FIX fields) read from one request; the rest are ignored
HTTP_METHODS = frozenset({"GET", "POST", "PUT", "DELETE", "PATCH"})
# Never copied into a follow-up step: the caller signs the step anew.
SECRETS = frozenset({"signature", "timestamp", "apiKey", "recvWindow"})

# Path prefix -> venue: which family of endpoints (and which product table) a REST path belongs to.
# Only /sapi/v1/margin/ of the /sapi tree is read (the other /sapi endpoints place no orders this
# library can query).
_PREFIXES = (
    ("/api/v3/", "spot"),
    ("/sapi/v1/margin/", "margin"),
    ("/fapi/", "usdm"),
    ("/dapi/", "coinm"),
    ("/eapi/", "options"),
    ("/papi/v1/um/", "pm_um"),
    ("/papi/v1/cm/", "pm_cm"),
    ("/papi/v1/margin/", "pm_margin"),
)


class Sent(NamedTuple):
    """One request as sent: ``transport`` is ``rest``, ``ws_api`` or ``fix``; ``verb`` the HTTP
    method, the WebSocket API method or the FIX MsgType; ``path`` the REST path (else ``""``);
    ``params`` the parameters (FIX: tag number as a string -> value). A tuple: it is made per call."""

    transport: str
    verb: str
    path: str
    params: Mapping[str, Any]


def venue_of(path: str) -> str | None:
    """The venue of a REST path (``/fapi/v1/order`` -> ``usdm``), or None."""
    for prefix, venue in _PREFIXES:
        if path.startswith(prefix):
            return venue
    return None


def read_request(request: Any) -> Sent | str:
    """The request as a :class:`Sent`, or the reason it cannot be read."""
    if request.__class__ is dict and "35" not in request and 35 not in request:  # the common case first
        method = request.get("method")
        if method.__class__ is str and method:
            verb = method.upper()
            return _rest(verb, request) if verb in HTTP_METHODS else _ws(method, request)
    if isinstance(request, bytes | bytearray | memoryview):
        try:
            request = bytes(request).decode("utf-8")
        except UnicodeDecodeError:
            return "the request is bytes that are not UTF-8"
    if isinstance(request, str):
        if "35=" not in request:
            return "a request given as text must be a FIX message (tag=value with 35=MsgType)"
        return _fix(_fix_fields(request))
    if not isinstance(request, Mapping):
        return f"a request must be a mapping (REST or WebSocket API) or a FIX message, not {type(request).__name__}"
    if 35 in request or "35" in request:
        return _fix(_tag_fields(request))
    method = request.get("method")
    if not isinstance(method, str) or not method:
        return "the request has no 'method' (an HTTP method for REST, an API method for the WebSocket API)"
    if method.upper() in HTTP_METHODS:
        return _rest(method.upper(), request)
    return _ws(method, request)


def _rest(method: str, request: Mapping[str, Any]) -> Sent | str:
    params: dict[str, Any] = {}
    path = request.get("path")
    if path.__class__ is not str:
        url = request.get("url")
        if isinstance(url, str):
            parts = urlsplit(url)
            path = parts.path
            _merge(params, parts.query)
    if not isinstance(path, str) or not path.startswith("/"):
        return "a REST request needs a 'path' (/api/v3/order) or a full 'url'"
    if "?" in path:
        path, _, query = path.partition("?")
        _merge(params, query)
    if path.endswith("/"):
        path = path.rstrip("/") or "/"
    if not _merge(params, request.get("params")):
        return "the REST request's 'params' must be a mapping or a query string"
    if "data" in request or "body" in request:
        for key in ("data", "body"):
            if key in request and not _merge(params, request[key]):
                return f"the REST request's {key!r} must be a mapping or a query string"
    return Sent("rest", method, path, params)


def _ws(method: str, request: Mapping[str, Any]) -> Sent | str:
    params: dict[str, Any] = {}
    if not _merge(params, request.get("params", {})) or isinstance(request.get("params"), str):
        return "a WebSocket API request's 'params' must be a mapping"
    return Sent("ws_api", method, "", params)


def _merge(into: dict[str, Any], source: Any) -> bool:
    """Add ``source`` (a mapping, or a query string) to ``into``; False when it is neither."""
    if source.__class__ is dict and len(source) <= MAX_FIELDS:
        into.update(source)  # a plain dict: a key that is not a string is never looked up
        return True
    if isinstance(source, bytes | bytearray):
        source = bytes(source).decode("utf-8", "replace")
    if isinstance(source, str):
        if source:
            into.update(islice(parse_qsl(source, keep_blank_values=True), MAX_FIELDS))
        return True
    if source is None:
        return True
    if not isinstance(source, Mapping):
        return False
    for key in islice(source, MAX_FIELDS):
        if isinstance(key, str):
            into[key] = source[key]
    return True


def _fix_fields(text: str) -> dict[str, str]:
    """The fields of tag=value text (SOH or ``|`` between fields); a repeated tag keeps its last value."""
    separator = "\x01" if "\x01" in text else "|"
    return dict(part.partition("=")[::2] for part in islice(text.split(separator), MAX_FIELDS))


def _tag_fields(message: Mapping[Any, Any]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for tag in islice(message, MAX_FIELDS):
        value = message[tag]
        if isinstance(tag, bool) or not isinstance(value, str | int | float) or isinstance(value, bool):
            continue
        if isinstance(tag, int) or (isinstance(tag, str) and tag.isdigit() and tag.isascii()):
            fields[str(int(tag))] = str(value)
    return fields


def _fix(fields: dict[str, str]) -> Sent | str:
    msg_type = fields.get("35")
    if not msg_type:
        return "the FIX message has no MsgType (35)"
    return Sent("fix", msg_type, "", fields)
