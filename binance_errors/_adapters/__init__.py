"""Adapters: classify the exceptions and response objects of the clients people already use.

Duck-typed: no client library is imported; attributes are read by name, so the libraries stay
optional and ``import binance_errors`` stays cheap. One module per client, each with ``matches``
and ``read``; ``READERS`` is the registry, tried in order (the first match reads). A reader only
extracts what the client kept (status, headers, body, URL) and asks the core; nothing is lost: the
code, message and ``data`` end up in the verdict, text that could not be read in ``raw_text``.
Where a client threw the body away, the verdict says so (reason ``BODY_DROPPED``, execution unknown
unless the status is a ban or rate limit) instead of guessing.

Without ``product=``, the product is the one the request URL addresses (the tables' ``url_prefix``),
read from the response or its request, CCXT's cause or its message; with none, the classifier of no
named product infers it from the answer. An exception is never a success: one whose code reads as
success (``code`` 0 or 200 with a message) is an unreadable answer (``MALFORMED``), its text kept.
See docs/adapters.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from .._errors import ResponseNotReadError
from .._model import Verdict
from . import aiohttp, binance_common, ccxt, connector, http_error, python_binance, python_binance_order
from ._common import get, keep_text, product_of, product_of_url, read_response, status_only, table_of, text_of

__all__ = ["BODY_DROPPED", "READERS", "classify_exception", "classify_object", "classify_response", "product_of_url"]

BODY_DROPPED = "BODY_DROPPED"  # the client library threw the response body away (or never read it)
Reader = tuple[Callable[[BaseException], bool], Callable[[BaseException, str | None, int | None], Verdict]]
# In order: aiohttp before python-binance (both have a `code`-like attribute), connector's ClientError
# before binance-common's, the generic `response` holder before CCXT and the catch-alls.
READERS: tuple[Reader, ...] = (
    (aiohttp.matches, aiohttp.read),
    (python_binance.matches, python_binance.read),
    (connector.matches, connector.read),
    (binance_common.matches, binance_common.read),
    (http_error.matches, http_error.read),
    (ccxt.matches, ccxt.read),
    (binance_common.matches_websocket, binance_common.read_websocket),
    (connector.matches_server_error, connector.read_server_error),
    (python_binance_order.matches, python_binance_order.read),
)


def classify_response(
    response: Any, product: str | None = None, body: Any = None, *, now_ms: int | None = None
) -> Verdict:
    """Classify a requests, httpx or aiohttp response object: its status, headers and body.

    ``body`` overrides the response's own (for a streamed response read elsewhere). Without
    ``product``, the product is read off the request URL (``product_of_url``), else inferred from
    the answer. ``now_ms`` (epoch ms) is the caller's clock, as for ``classify``. Raises
    :class:`ResponseNotReadError` only when the body was never read (aiohttp: await
    ``response.read()`` first), and :class:`UnknownProductError` for a bad ``product``.
    """
    return read_response(response, product, now_ms, body)


def classify_exception(exc: BaseException, product: str | None = None, *, now_ms: int | None = None) -> Verdict:
    """Classify an exception raised by python-binance, binance-connector, binance-sdk-spot, CCXT,
    requests, httpx or aiohttp.

    Anything else (a timeout, a connection reset) classifies as no response at all: execution
    unknown, query before resending; the exception's text is kept in ``raw_text``.
    """
    if product is None:
        product = _product(exc)
    verdict = None
    for matches, read in READERS:
        if matches(exc):
            verdict = read(exc, product, now_ms)
            break
    if verdict is None:
        return keep_text(table_of(product).empty[None], f"{type(exc).__name__}: {text_of(exc)}")
    return _never_ok(verdict, exc, product) if verdict.is_ok else verdict


def classify_object(obj: Any, now_ms: int | None = None) -> Verdict:
    """``classify`` of a response object or exception: never raises (an unread body: its status alone)."""
    if isinstance(obj, BaseException):
        return classify_exception(obj, now_ms=now_ms)
    try:
        return read_response(obj, None, now_ms)
    except ResponseNotReadError:
        status = get(obj, "status_code")
        status = status if status is not None else get(obj, "status")
        return status_only(status, get(obj, "headers"), product_of(obj), f"unread {type(obj).__name__}", now_ms)


def _product(exc: BaseException) -> str | None:
    links = [get(link, "response") for link in (exc.__cause__, exc.__context__) if link is not None]
    found = product_of(get(exc, "response"), exc, *links)
    if found is None and ccxt.matches(exc):
        return ccxt.product(exc)
    return found


def _never_ok(verdict: Verdict, exc: BaseException, product: str | None) -> Verdict:
    """An exception with a success code (0, 200): the code says nothing; an unreadable answer, text kept."""
    code = verdict.raw_code if verdict.raw_code is not None else verdict.code
    unreadable = attrs.evolve(table_of(product).malformed[None], message=verdict.message, raw_code=code)
    return keep_text(unreadable, f"{type(exc).__name__}: {text_of(exc)}")
