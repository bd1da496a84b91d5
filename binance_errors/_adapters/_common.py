"""What every adapter shares: safe attribute reads, the product of a request URL, and the few ways
an adapter hands an answer to the core (``ask``, ``status_only``, ``keep_text``).

An adapter extracts (status, headers, body, URL) from a client's exception or response and asks the
core (``binance_errors.classify``); it decides nothing of its own.
"""

from __future__ import annotations

from typing import Any

import attrs

from .._classify import classify
from .._decide import RAW_TEXT_LIMIT
from .._errors import ResponseNotReadError
from .._model import StatusClass, Verdict
from .._table import Table, load_table
from .._tables import URL_PREFIXES

__all__ = [
    "ask",
    "body_of",
    "get",
    "has",
    "is_response",
    "keep_text",
    "product_of",
    "product_of_url",
    "read_response",
    "status_only",
    "table_of",
    "text_of",
]

_URL_LIMIT = 4096  # characters of a URL searched
_TEXT_LIMIT = 1 << 20  # characters of an exception message searched for an embedded body
_RATE_OR_BAN = (StatusClass.BANNED, StatusClass.RATE_LIMITED)


def get(obj: Any, name: str) -> Any:
    """``getattr`` that treats a raising property as a missing attribute."""
    try:
        return getattr(obj, name, None)
    except Exception:
        return None


def has(obj: Any, *names: str) -> bool:
    """True when ``obj`` has every attribute (a property raising anything counts as missing)."""
    try:
        return all(hasattr(obj, name) for name in names)
    except Exception:
        return False


def text_of(exc: BaseException) -> str:
    """The exception's text, bounded; the class name when its ``__str__`` fails."""
    try:
        return str(exc)[:_TEXT_LIMIT]
    except Exception:
        return f"<unprintable {type(exc).__name__}>"


def keep_text(verdict: Verdict, text: str) -> Verdict:
    return attrs.evolve(verdict, raw_text=text[:RAW_TEXT_LIMIT])


def table_of(product: str | None) -> Table:
    """The table whose plain verdicts (unreadable, empty, dropped) an adapter answers with."""
    return load_table(product or "spot")


def ask(body: Any, status: Any, headers: Any, product: str | None, now_ms: int | None) -> Verdict:
    """The core's verdict of what an adapter extracted."""
    return classify(body, status, headers, product=product, now_ms=now_ms)


def status_only(status: Any, headers: Any, product: str | None, text: str, now_ms: int | None) -> Verdict:
    """An HTTP error whose body is gone: only a ban or rate-limit status (403, 418, 429) decides on
    its own; any other status leaves execution unknown (``BODY_DROPPED``: query before resending)."""
    verdict = ask(None, status, headers, product, now_ms)
    if verdict.status_class not in _RATE_OR_BAN:
        verdict = table_of(product).dropped
    return keep_text(verdict, text)


def body_of(response: Any) -> Any:
    """The body of a requests/httpx response (``content``) or a read aiohttp one (``_body``)."""
    try:
        content = response.content
    except AttributeError:
        content = None
    except Exception as error:  # httpx.ResponseNotRead, requests' consumed stream
        raise ResponseNotReadError(f"the response body was not read ({type(error).__name__}); read it first") from error
    if isinstance(content, bytes | bytearray | str):
        return content
    body = get(response, "_body")  # aiohttp keeps the body here once read()/text()/json() ran
    if isinstance(body, bytes | bytearray):
        return body
    raise ResponseNotReadError(
        f"no body on this {type(response).__name__}: read it first (aiohttp: `await response.read()`) or pass body="
    )


def product_of_url(url: Any) -> str | None:
    """The product a request URL addresses (``/sapi/`` margin, ``/fapi/`` usdm, ...), or None.

    ``url`` is anything whose ``str()`` is the URL (a ``str``, httpx's ``URL``, yarl's ``URL``). The
    prefixes are the tables' ``url_prefix`` (``data/<product>.yaml``); the first one in the URL wins.
    """
    try:
        text = url if isinstance(url, str) else str(url)
    except Exception:  # a __str__ that fails: no URL
        return None
    text = text[:_URL_LIMIT]
    start = text.find("/")
    while start >= 0:
        end = text.find("/", start + 1)
        if end < 0:
            return None
        found = URL_PREFIXES.get(text[start + 1 : end])
        if found is not None:
            return found
        start = end
    return None


def product_of(*objects: Any) -> str | None:
    """The product of the first request URL found on these responses/requests/exceptions; else None
    (the classifier of no named product infers it from the answer)."""
    for obj in objects:
        for holder in (obj, get(obj, "request"), get(obj, "request_info")):  # request_info: aiohttp
            url = get(holder, "url") if holder is not None else None
            found = product_of_url(url) if url is not None else None
            if found is not None:
                return found
    return None


def is_response(obj: Any) -> bool:
    return obj is not None and hasattr(obj, "headers") and (hasattr(obj, "status_code") or hasattr(obj, "status"))


def read_response(response: Any, product: str | None, now_ms: int | None, body: Any = None) -> Verdict:
    """A requests, httpx or aiohttp response: its status, headers and body (raises ResponseNotReadError)."""
    if product is None:
        product = product_of(response)
    status = get(response, "status_code")
    if status is None:
        status = get(response, "status")  # aiohttp
    return ask(body_of(response) if body is None else body, status, get(response, "headers"), product, now_ms)
