"""python-binance ``BinanceOrderException`` (``code``, ``message``): refused before anything was sent."""

from __future__ import annotations

from .._model import Verdict
from ._common import ask, get, has


def matches(exc: BaseException) -> bool:
    return has(exc, "code", "message")


def read(exc: BaseException, product: str | None, now_ms: int | None) -> Verdict:
    return ask({"code": get(exc, "code"), "msg": get(exc, "message")}, None, None, product, now_ms)
