"""CCXT exceptions: the message is ``"<exchange id> <text>"`` where the text embeds the raw body
(``binance {"code":-2010,...}``), sometimes the HTTP status (``binance 418 I'm a teapot {...}``,
``binance GET <url> 503 Service Unavailable <body>``), and sometimes only the Binance message; when
CCXT raised it while handling requests' ``HTTPError``, that response (headers and all) wins. The
exchange id ``binanceusdm``/``binancecoinm`` names the product."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import attrs
import ujson

from .._errors import ResponseNotReadError
from .._lookup import message_alone
from .._model import Verdict
from ._common import ask, get, is_response, product_of_url, read_response, table_of, text_of

CODE_FROM_MESSAGE = "code_from_message"  # `values` key: codes whose message matched
EXCHANGE_PRODUCTS = MappingProxyType({"binanceusdm": "usdm", "binancecoinm": "coinm"})
_HTTP_METHODS = frozenset({"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})


def matches(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] == "ccxt"


def product(exc: BaseException) -> str | None:
    """The product CCXT's message names: its exchange id, or the URL after the HTTP method."""
    words = text_of(exc).split(" ", 3)
    named = EXCHANGE_PRODUCTS.get(words[0])
    if named is not None:
        return named
    if len(words) > 2 and words[1] in _HTTP_METHODS:  # binance GET <url> 503 ...
        return product_of_url(words[2])
    return None


def read(exc: BaseException, product: str | None, now_ms: int | None) -> Verdict:
    for link in (exc.__cause__, exc.__context__):  # CCXT raises while handling requests' HTTPError
        response = get(link, "response")
        if is_response(response):
            try:
                return read_response(response, product, now_ms)
            except ResponseNotReadError:
                pass
    text = text_of(exc)
    rest = text.partition(" ")[2]
    status = _status(rest.split(" ", 3)[:3])
    body = _embedded_body(rest)
    if body is not None:
        return ask(body, status, None, product, now_ms)
    if status is None:
        found = _by_message(rest, product)
        if found is not None:
            return found
    return ask(text, status, None, product, now_ms)  # unreadable: the status decides, text kept


def _status(words: list[str]) -> int | None:
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


def _by_message(message: str, product: str | None) -> Verdict | None:
    """A CCXT message without its code: the verdict its codes agree on (``_lookup.message_alone``)."""
    found = message_alone(table_of(product), message)
    if found is None:
        return None
    verdict, codes = found
    values = MappingProxyType({**verdict.values, CODE_FROM_MESSAGE: list(codes)})
    if len(codes) == 1:
        return attrs.evolve(verdict, values=values)
    return attrs.evolve(verdict, code=None, name=None, values=values)
