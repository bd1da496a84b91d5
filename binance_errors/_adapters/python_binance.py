"""python-binance ``BinanceAPIException`` (``code``, ``message``, ``status_code``, ``response``: a
requests/aiohttp response for REST, the parsed frame for the WebSocket API)."""

from __future__ import annotations

from .._model import Verdict
from ._common import ask, get, has


def matches(exc: BaseException) -> bool:
    return has(exc, "code", "message", "status_code", "response")


def read(exc: BaseException, product: str | None, now_ms: int | None) -> Verdict:
    response = get(exc, "response")
    if isinstance(response, dict):  # WebSocket API: the parsed frame, status and error.data included
        return ask(response, None, None, product, now_ms)
    body = get(response, "text")  # requests: the body as text
    if not isinstance(body, str):
        body = get(response, "_body")  # aiohttp, already read by the client
    if not isinstance(body, str | bytes | bytearray):
        body = {"code": get(exc, "code"), "msg": get(exc, "message")}
    return ask(body, get(exc, "status_code"), get(response, "headers"), product, now_ms)
