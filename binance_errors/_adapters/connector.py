"""binance-connector ``ClientError`` (``status_code``, ``error_code``, ``error_message``, ``header``,
``error_data``) and ``ServerError`` (``status_code``, ``message`` = the body)."""

from __future__ import annotations

from typing import Any

from .._model import Verdict
from ._common import ask, get, has


def matches(exc: BaseException) -> bool:
    return has(exc, "error_code", "error_message", "status_code", "header")


def read(exc: BaseException, product: str | None, now_ms: int | None) -> Verdict:
    code, message, data = get(exc, "error_code"), get(exc, "error_message"), get(exc, "error_data")
    status, headers = get(exc, "status_code"), get(exc, "header")
    if code is None:  # the body was not JSON: error_message holds it as text
        return ask(message, status, headers, product, now_ms)
    body: dict[str, Any] = {"code": code, "msg": message}
    if data is not None:
        body["data"] = data
    return ask(body, status, headers, product, now_ms)


def matches_server_error(exc: BaseException) -> bool:
    return has(exc, "status_code", "message")


def read_server_error(exc: BaseException, product: str | None, now_ms: int | None) -> Verdict:
    return ask(get(exc, "message"), get(exc, "status_code"), None, product, now_ms)
