"""binance-sdk-spot / binance-common errors: the 4xx classes carry the Binance code in
``status_code`` and the HTTP status only in their class name; ``ServerError`` (5xx) and the catch-all
``ClientError`` (any other 4xx, e.g. a 409 cancel/replace) drop the body; the WebSocket API raises
``ValueError(error_object)`` without the status."""

from __future__ import annotations

from types import MappingProxyType

import attrs

from .._model import Verdict
from ._common import ask, get, has, keep_text, status_only, table_of

# binance-common raises one class per HTTP status; the status itself is not kept.
STATUS_OF_CLASS = MappingProxyType(
    {
        "BadRequestError": 400,
        "UnauthorizedError": 401,
        "ForbiddenError": 403,
        "NotFoundError": 404,
        "RateLimitBanError": 418,
        "TooManyRequestsError": 429,
    }
)


def matches(exc: BaseException) -> bool:
    return has(exc, "error_message", "status_code")


def read(exc: BaseException, product: str | None, now_ms: int | None) -> Verdict:
    kind = type(exc).__name__
    message = get(exc, "error_message")
    status = STATUS_OF_CLASS.get(kind)
    if status is not None:  # a 4xx class: `status_code` holds the Binance code
        code = get(exc, "status_code")
        retry_after = get(exc, "retry_after")
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
        if code is None:  # no JSON body: the message is the library's default text
            verdict = ask(None, status, headers, product, now_ms)
            return keep_text(verdict, message) if isinstance(message, str) else verdict
        return ask({"code": code, "msg": message}, status, headers, product, now_ms)
    text = message if isinstance(message, str) else f"{kind}"
    if kind == "ServerError":  # 5xx: `status_code` is the HTTP status, the body is gone
        return status_only(get(exc, "status_code"), None, product, text, now_ms)
    table = table_of(product)
    if kind == "ClientError":  # any other 4xx (a 409 among them): status, code and data are gone
        dropped = attrs.evolve(table.dropped, message=message if isinstance(message, str) else None)
        return keep_text(dropped, text)
    return keep_text(table.empty[None], f"{kind}: {message}")  # NetworkError and the like: no response


def matches_websocket(exc: BaseException) -> bool:
    args = get(exc, "args")
    return isinstance(args, tuple) and len(args) == 1 and isinstance(args[0], dict) and "code" in args[0]


def read_websocket(exc: BaseException, product: str | None, now_ms: int | None) -> Verdict:
    return ask({"error": get(exc, "args")[0]}, None, None, product, now_ms)  # the status was dropped
