"""aiohttp ``ClientResponseError``: ``status``, ``headers``, ``request_info``; the body is gone (its
deprecated ``code`` is the HTTP status, not a Binance code, and is never read)."""

from __future__ import annotations

from typing import Any

from .._model import Verdict
from ._common import get, has, status_only, text_of


def matches(exc: BaseException) -> bool:
    return has(exc, "request_info", "status", "headers") and not has(exc, "response")


def read(exc: BaseException, product: str | None, now_ms: int | None) -> Verdict:
    text: Any = f"{type(exc).__name__}: {text_of(exc)}"
    return status_only(get(exc, "status"), get(exc, "headers"), product, text, now_ms)
