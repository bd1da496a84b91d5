"""Any exception carrying a ``response`` object: requests' ``HTTPError``, httpx's ``HTTPStatusError``
(its status and headers still count when its body was never read)."""

from __future__ import annotations

from .._errors import ResponseNotReadError
from .._model import Verdict
from ._common import get, is_response, read_response, status_only, text_of


def matches(exc: BaseException) -> bool:
    return is_response(get(exc, "response"))


def read(exc: BaseException, product: str | None, now_ms: int | None) -> Verdict:
    response = get(exc, "response")
    try:
        return read_response(response, product, now_ms)
    except ResponseNotReadError:
        status = get(response, "status_code")
        status = status if status is not None else get(response, "status")
        return status_only(status, get(response, "headers"), product, f"{type(exc).__name__}: {text_of(exc)}", now_ms)
