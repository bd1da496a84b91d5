"""Adapters: classify the exceptions and response objects of the clients people already use.

Duck-typed: this module imports none of those libraries; it reads attributes by name, so the
libraries stay optional and ``import binance_errors`` stays cheap. Nothing is lost: the code,
message and ``data`` the client kept end up in the verdict, and text that could not be read is
kept in ``raw_text``. Where a client threw the body away, the verdict says so (reason
``BODY_DROPPED``) instead of guessing. Keep in sync with docs/adapters.md "Adapters".

Recognised (see ``classify_exception``), besides any exception carrying a ``response`` object
(requests' ``HTTPError``, httpx's ``HTTPStatusError``: its status and headers still count when
its body was never read):

- aiohttp ``ClientResponseError`` (``status``, ``headers``, ``request_info``; its deprecated
  ``code`` is the HTTP status, not a Binance code): the body is gone, the status decides.

- python-binance ``BinanceAPIException`` (``code``, ``message``, ``status_code``, ``response``:
  a requests/aiohttp response for REST, the parsed frame for the WebSocket API);
  ``BinanceOrderException`` (``code``, ``message``; raised before anything is sent).
- binance-connector ``ClientError`` (``status_code``, ``error_code``, ``error_message``,
  ``header``, ``error_data``) and ``ServerError`` (``status_code``, ``message`` = the body).
- binance-sdk-spot / binance-common errors: the 4xx classes carry the Binance code in
  ``status_code`` and the HTTP status only in their class name; ``ServerError`` (5xx) and the
  catch-all ``ClientError`` (any other 4xx, e.g. a 409 cancel/replace) drop the body; the
  WebSocket API raises ``ValueError(error_object)`` without the status.
- CCXT exceptions: the message is ``"<exchange id> <text>"`` where the text embeds the raw body
  (``binance {"code":-2010,...}``), sometimes the HTTP status (``binance 418 I'm a teapot {...}``,
  ``binance GET <url> 503 Service Unavailable <body>``), and sometimes only the Binance message;
  when CCXT raised it while handling requests' ``HTTPError``, that response (headers and all) wins.

Without ``product=``, the product is the one the request URL addresses (``URL_PRODUCTS``: ``/sapi/``
margin, ``/eapi/`` options, ``/papi/`` portfolio margin, ``/fapi/`` usdm, ``/dapi/`` coinm, ``/api/``
spot), read from the response or its request, CCXT's cause or its message; spot when none is found.

An exception is never a success: one whose code reads as success (``code`` 0 or 200 with a
message) classifies as an unreadable answer (``MALFORMED``, execution unknown), its text kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs
import ujson

from ._classify import classify
from ._decide import RAW_TEXT_LIMIT
from ._errors import ResponseNotReadError
from ._model import StatusClass, Verdict
from ._table import load_table

__all__ = ["BODY_DROPPED", "classify_exception", "classify_response"]

BODY_DROPPED = "BODY_DROPPED"  # the client library threw the response body away (or never read it)
CODE_FROM_MESSAGE = "code_from_message"  # `values` key: codes whose message matched (CCXT)

# binance-common raises one class per HTTP status; the status itself is not kept.
_COMMON_STATUS = MappingProxyType(
    {
        "BadRequestError": 400,
        "UnauthorizedError": 401,
        "ForbiddenError": 403,
        "NotFoundError": 404,
        "RateLimitBanError": 418,
        "TooManyRequestsError": 429,
    }
)
# The REST path prefix of each Binance API -> its product (keep in sync with README.md "Adapters").
URL_PRODUCTS = MappingProxyType(
    {"sapi": "margin", "eapi": "options", "papi": "portfolio_margin", "fapi": "usdm", "dapi": "coinm", "api": "spot"}
)
_URL_PREFIX = re.compile(r"/(sapi|eapi|papi|fapi|dapi|api)/")
_URL_LIMIT = 4096  # characters of a URL searched
_HTTP_METHODS = frozenset({"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})
_TEXT_LIMIT = 1 << 20  # characters of an exception message searched for an embedded body
# CCXT's exchange ids whose name says the product (its message starts with the id).
_CCXT_EXCHANGES = MappingProxyType({"binanceusdm": "usdm", "binancecoinm": "coinm"})


def _get(obj: Any, name: str) -> Any:
    """``getattr`` that treats a raising property as a missing attribute."""
    try:
        return getattr(obj, name, None)
    except Exception:
        return None


def _has(obj: Any, *names: str) -> bool:
    try:
        return all(hasattr(obj, name) for name in names)
    except Exception:  # a property raising something other than AttributeError
        return False


def _text_of(exc: BaseException) -> str:
    try:
        return str(exc)[:_TEXT_LIMIT]
    except Exception:  # a __str__ that fails leaves the class name
        return f"<unprintable {type(exc).__name__}>"


def _keep_text(verdict: Verdict, text: str) -> Verdict:
    return attrs.evolve(verdict, raw_text=text[:RAW_TEXT_LIMIT])


def _body_of(response: Any) -> Any:
    """The body of a requests/httpx response (``content``) or a read aiohttp one (``_body``)."""
    try:
        content = response.content
    except AttributeError:
        content = None
    except Exception as error:  # httpx.ResponseNotRead, requests' consumed stream
        raise ResponseNotReadError(f"the response body was not read ({type(error).__name__}); read it first") from error
    if isinstance(content, bytes | bytearray | str):
        return content
    body = _get(response, "_body")  # aiohttp keeps the body here once read()/text()/json() ran
    if isinstance(body, bytes | bytearray):
        return body
    raise ResponseNotReadError(
        f"no body on this {type(response).__name__}: read it first (aiohttp: `await response.read()`) or pass body="
    )


def product_of_url(url: Any) -> str | None:
    """The product a request URL addresses (``/sapi/`` margin, ``/fapi/`` usdm, ...), or None.

    ``url`` is anything whose ``str()`` is the URL (a ``str``, httpx's ``URL``, yarl's ``URL``).
    """
    try:
        text = url if isinstance(url, str) else str(url)
    except Exception:  # a __str__ that fails: no URL
        return None
    found = _URL_PREFIX.search(text[:_URL_LIMIT])
    return URL_PRODUCTS[found.group(1)] if found else None


def _product_of(*objects: Any) -> str | None:
    """The product of the first request URL found on these responses/requests/exceptions; else None
    (the classifier of no named product infers it from the answer)."""
    for obj in objects:
        for holder in (obj, _get(obj, "request"), _get(obj, "request_info")):  # request_info: aiohttp
            url = _get(holder, "url") if holder is not None else None
            found = product_of_url(url) if url is not None else None
            if found is not None:
                return found
    return None


def classify_response(
    response: Any, product: str | None = None, body: Any = None, *, now_ms: int | None = None
) -> Verdict:
    """Classify a requests, httpx or aiohttp response object: its status, headers and body.

    ``body`` overrides the response's own (for a streamed response read elsewhere). Without
    ``product``, the product is read off the request URL (``product_of_url``), spot when there is
    none. Raises :class:`ResponseNotReadError` only when the body was never read (aiohttp: await
    ``response.read()`` first), and :class:`UnknownProductError` for a bad ``product``.
    """
    if product is None:
        product = _product_of(response)
    status = _get(response, "status_code")
    if status is None:
        status = _get(response, "status")  # aiohttp
    return classify(
        _body_of(response) if body is None else body, status, _get(response, "headers"), product=product, now_ms=now_ms
    )


def _is_response(obj: Any) -> bool:
    return obj is not None and hasattr(obj, "headers") and (hasattr(obj, "status_code") or hasattr(obj, "status"))


def _read_response(response: Any, product: str | None, now_ms: int | None) -> Verdict | None:
    """``classify_response``, or None when the body was never read (an exception must not raise)."""
    try:
        return classify_response(response, product, now_ms=now_ms)
    except ResponseNotReadError:
        return None


def classify_exception(exc: BaseException, product: str | None = None, *, now_ms: int | None = None) -> Verdict:
    """Classify an exception raised by python-binance, binance-connector, binance-sdk-spot or CCXT.

    Anything else (a timeout, a connection reset) classifies as no response at all: execution
    unknown, query before resending; the exception's text is kept in ``raw_text``. Without
    ``product``, the product is read off the request URL the exception carries (its response or
    request, the response CCXT raised from, or the URL in CCXT's message); spot when it has none.
    """
    if product is None:
        product = _exception_product(exc)
    verdict = _classify_exception(exc, product, now_ms)
    return _never_ok(verdict, exc, product) if verdict.is_ok else verdict


def _never_ok(verdict: Verdict, exc: BaseException, product: str | None) -> Verdict:
    """An exception with a success code (0, 200): the code says nothing; an unreadable answer, text kept."""
    code = verdict.raw_code if verdict.raw_code is not None else verdict.code
    unreadable = attrs.evolve(_table_of(product).malformed[None], message=verdict.message, raw_code=code)
    return _keep_text(unreadable, f"{type(exc).__name__}: {_text_of(exc)}")


def _status_only(status: Any, headers: Any, product: str | None, text: str, now_ms: int | None) -> Verdict:
    """An HTTP error whose body is gone: only a ban or rate-limit status (403, 418, 429) decides on
    its own; any other status leaves execution unknown (``BODY_DROPPED``: query before resending)."""
    verdict = classify(None, status, headers, product=product, now_ms=now_ms)
    if verdict.status_class not in (StatusClass.BANNED, StatusClass.RATE_LIMITED):
        verdict = _table_of(product).dropped
    return _keep_text(verdict, text)


def _classify_exception(exc: BaseException, product: str | None, now_ms: int | None) -> Verdict:
    kind = type(exc).__name__
    if _has(exc, "request_info", "status", "headers") and not _has(exc, "response"):  # aiohttp, before `code`
        return _status_only(_get(exc, "status"), _get(exc, "headers"), product, f"{kind}: {_text_of(exc)}", now_ms)
    if _has(exc, "code", "message", "status_code", "response"):
        return _python_binance(exc, product, now_ms)
    if _has(exc, "error_code", "error_message", "status_code", "header"):
        return _connector_client_error(exc, product, now_ms)
    if _has(exc, "error_message", "status_code"):
        return _binance_common(exc, kind, product, now_ms)
    response = _get(exc, "response")
    if _is_response(response):  # requests.HTTPError, httpx.HTTPStatusError
        found = _read_response(response, product, now_ms)
        if found is not None:
            return found
        status = _get(response, "status_code")
        return _status_only(status if status is not None else _get(response, "status"), _get(response, "headers"),
                            product, f"{kind}: {_text_of(exc)}", now_ms)  # fmt: skip
    if type(exc).__module__.split(".")[0] == "ccxt":
        for link in (exc.__cause__, exc.__context__):  # CCXT raises while handling requests' HTTPError
            found = (
                _read_response(_get(link, "response"), product, now_ms)
                if _is_response(_get(link, "response"))
                else None
            )
            if found is not None:
                return found
        return _ccxt(_text_of(exc), product, now_ms)
    args = _get(exc, "args")
    if isinstance(args, tuple) and len(args) == 1 and isinstance(args[0], dict) and "code" in args[0]:
        return classify(
            {"error": args[0]}, product=product, now_ms=now_ms
        )  # binance-common WebSocket API: status dropped
    if _has(exc, "status_code", "message"):  # binance-connector ServerError: message is the body
        return classify(_get(exc, "message"), _get(exc, "status_code"), product=product, now_ms=now_ms)
    if _has(exc, "code", "message"):  # python-binance BinanceOrderException: refused before sending
        return classify({"code": _get(exc, "code"), "msg": _get(exc, "message")}, product=product, now_ms=now_ms)
    return _keep_text(_table_of(product).empty[None], f"{kind}: {_text_of(exc)}")


def _exception_product(exc: BaseException) -> str | None:
    links = [_get(link, "response") for link in (exc.__cause__, exc.__context__) if link is not None]
    found = _product_of(_get(exc, "response"), exc, *links)
    if found is None and type(exc).__module__.split(".")[0] == "ccxt":
        words = _text_of(exc).split(" ", 3)
        named = _CCXT_EXCHANGES.get(words[0])  # binanceusdm, binancecoinm: the exchange id names the product
        if named is not None:
            return named
        if len(words) > 2 and words[1] in _HTTP_METHODS:  # binance GET <url> 503 ...
            return product_of_url(words[2])
    return found


def _table_of(product: str | None) -> Any:
    return load_table(product or "spot")


def _python_binance(exc: BaseException, product: str | None, now_ms: int | None) -> Verdict:
    response = _get(exc, "response")
    status = _get(exc, "status_code")
    if isinstance(response, dict):  # WebSocket API: the parsed frame, status and error.data included
        return classify(response, product=product, now_ms=now_ms)
    body = _get(response, "text")  # requests: the body as text
    if not isinstance(body, str):
        body = _get(response, "_body")  # aiohttp, already read by the client
    if not isinstance(body, str | bytes | bytearray):
        body = {"code": _get(exc, "code"), "msg": _get(exc, "message")}
    return classify(body, status, _get(response, "headers"), product=product, now_ms=now_ms)


def _connector_client_error(exc: BaseException, product: str | None, now_ms: int | None) -> Verdict:
    code, message, data = _get(exc, "error_code"), _get(exc, "error_message"), _get(exc, "error_data")
    status, headers = _get(exc, "status_code"), _get(exc, "header")
    if code is None:  # the body was not JSON: error_message holds it as text
        return classify(message, status, headers, product=product, now_ms=now_ms)
    body: dict[str, Any] = {"code": code, "msg": message}
    if data is not None:
        body["data"] = data
    return classify(body, status, headers, product=product, now_ms=now_ms)


def _binance_common(exc: BaseException, kind: str, product: str | None, now_ms: int | None) -> Verdict:
    message = _get(exc, "error_message")
    status = _COMMON_STATUS.get(kind)
    if status is not None:  # a 4xx class: `status_code` holds the Binance code
        code = _get(exc, "status_code")
        retry_after = _get(exc, "retry_after")
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
        if code is None:  # no JSON body: the message is the library's default text
            verdict = classify(None, status, headers, product=product, now_ms=now_ms)
            return _keep_text(verdict, message) if isinstance(message, str) else verdict
        return classify({"code": code, "msg": message}, status, headers, product=product, now_ms=now_ms)
    table = _table_of(product)
    if kind == "ServerError":  # 5xx: `status_code` is the HTTP status, the body is gone
        verdict = classify(None, _get(exc, "status_code"), product=product, now_ms=now_ms)
    elif kind == "ClientError":  # any other 4xx (a 409 among them): status, code and data are gone
        verdict = attrs.evolve(table.empty[None], message=message if isinstance(message, str) else None)
    else:  # NetworkError and the like: no response at all
        return _keep_text(table.empty[None], f"{kind}: {message}")
    dropped = attrs.evolve(verdict, reason=BODY_DROPPED)
    return _keep_text(dropped, message) if isinstance(message, str) else dropped


def _ccxt_status(words: list[str]) -> int | None:
    """The HTTP status CCXT put in front of the body, if it did."""
    if words and len(words[0]) == 3 and words[0].isdigit():  # binance 418 I'm a teapot {...}
        return int(words[0])
    if len(words) > 2 and words[0] in _HTTP_METHODS and len(words[2]) == 3 and words[2].isdigit():
        return int(words[2])  # binance GET <url> 503 Service Unavailable <body>
    return None


def _embedded_body(text: str) -> Any:
    """The JSON object embedded in ``text`` (from the first ``{``), or None."""
    start = text.find("{")
    if start < 0:
        return None
    for end in (len(text), text.rfind("}") + 1):
        try:
            parsed = ujson.loads(text[start:end])
        except ValueError:
            continue
        if isinstance(parsed, dict):
            return parsed
    return None


def _ccxt(text: str, product: str | None, now_ms: int | None) -> Verdict:
    rest = text.partition(" ")[2]
    status = _ccxt_status(rest.split(" ", 3)[:3])
    body = _embedded_body(rest)
    if body is not None:
        return classify(body, status, product=product, now_ms=now_ms)
    if status is None:
        found = _by_message(rest, product or "spot")
        if found is not None:
            return found
    return classify(text, status, product=product, now_ms=now_ms)  # unreadable: the status decides, text kept


_MESSAGE_CODES: dict[str, Mapping[str, tuple[int, ...]]] = {}


def _message_codes(product: str) -> Mapping[str, tuple[int, ...]]:
    """Every documented message of ``product`` -> the codes that send it (built on first use)."""
    found = _MESSAGE_CODES.get(product)
    if found is None:
        index: dict[str, list[int]] = {}
        for code, info in load_table(product).codes.items():
            for text, _, _ in info.messages:
                index.setdefault(text, []).append(code)
        found = _MESSAGE_CODES.setdefault(product, {text: tuple(codes) for text, codes in index.items()})
    return found


def _by_message(message: str, product: str) -> Verdict | None:
    """A CCXT message without its code: the codes that send it, when they all advise the same."""
    codes = _message_codes(product).get(message)
    if not codes:
        return None
    verdicts = [classify({"code": code, "msg": message}, product=product) for code in codes]
    advice = {(v.status_class, v.retry.action, v.reconcile, v.reason) for v in verdicts}
    if len(advice) != 1 or verdicts[0].status_class is StatusClass.OK:
        return None
    values = {**verdicts[0].values, CODE_FROM_MESSAGE: list(codes)}
    if len(codes) == 1:
        return attrs.evolve(verdicts[0], values=MappingProxyType(values))
    return attrs.evolve(verdicts[0], code=None, name=None, values=MappingProxyType(values))
