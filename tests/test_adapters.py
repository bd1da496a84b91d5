"""Adapters: real exceptions and responses from python-binance, binance-connector, binance-sdk-spot,
CCXT, requests, httpx and aiohttp, produced by those libraries' own code against a local server."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import binance_errors as be
from binance_errors._samples import SAMPLES

aiohttp = pytest.importorskip("aiohttp")
httpx = pytest.importorskip("httpx")
requests = pytest.importorskip("requests")

ROOT = Path(__file__).resolve().parent.parent
INSUFFICIENT = {"code": -2010, "msg": "Account has insufficient balance for requested action."}
LEGS = {
    "code": -2021,
    "msg": "Order cancel-replace partially failed.",
    "data": {
        "cancelResult": "SUCCESS",
        "newOrderResult": "FAILURE",
        "cancelResponse": {"symbol": "BTCUSDT", "orderId": 9, "status": "CANCELED"},
        "newOrderResponse": {"code": -2010, "msg": "Account has insufficient balance for requested action."},
    },
}
JSON = {"Content-Type": "application/json;charset=UTF-8"}
# path -> (status, headers, body): what the local server answers
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/ok": (200, {**JSON, "X-MBX-USED-WEIGHT-1M": "7"}, b'{"serverTime": 1700000000000}'),
    "/400": (400, JSON, json.dumps(INSUFFICIENT).encode()),
    "/429": (429, {**JSON, "Retry-After": "3"}, b'{"code":-1015,"msg":"Too many new orders."}'),
    "/418": (
        418,
        {**JSON, "Retry-After": "120"},
        b'{"code":-1003,"msg":"Way too much request weight used; IP banned until 1700000120000. '
        b'Please use WebSocket Streams for live updates to avoid bans."}',
    ),
    "/409": (409, JSON, json.dumps(LEGS).encode()),
    "/503": (503, {"Content-Type": "text/html"}, b"<html><body>503 Service Temporarily Unavailable</body></html>"),
    "/403": (403, {"Content-Type": "text/html"}, b"<html>403 Forbidden</html>"),
}


# request path -> (status, headers, body) of a code whose meaning depends on the product the URL addresses
PRODUCT_ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/sapi/v1/margin/loan": (400, JSON, b'{"code":-3006,"msg":"Your borrow amount has exceed maximum borrow amount."}'),
    "/eapi/v1/order": (400, JSON, b'{"code":-6058,"msg":"MMP triggered. Please reset MMP config"}'),
    "/papi/v1/repay-futures-negative-balance": (
        400,
        JSON,
        b'{"code":-51007,"msg":"You have pending borrow or repayment, please try again later"}',
    ),
    "/fapi/v1/order": (400, JSON, b'{"code":-2021,"msg":"Order would immediately trigger."}'),
    "/dapi/v1/order": (400, JSON, b'{"code":-4087,"msg":"Invalid pair"}'),
    "/api/v3/order": (400, JSON, b'{"code":-1008,"msg":"Server is busy"}'),
}
URL_PRODUCTS = {
    "/sapi/v1/margin/loan": "margin",
    "/eapi/v1/order": "options",
    "/papi/v1/repay-futures-negative-balance": "portfolio_margin",
    "/fapi/v1/order": "usdm",
    "/dapi/v1/order": "coinm",
    "/api/v3/order": "spot",
}


class _Handler(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        path = self.path.split("?")[0]
        status, headers, body = PRODUCT_ROUTES.get(path) or ROUTES[path.removeprefix("/api")]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_DELETE = _answer

    def log_message(self, *args: Any) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 answering ROUTES; stops after the module."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# path -> what the answer means, written from the documents (not from `classify`): class, execution,
# code, reason, retry action, retry delay (the Retry-After header; the 418's ban end is in the past,
# so the header's 120 s is the latest end).
EXPECTED: dict[str, tuple[str, str, int | None, str, str, int | None]] = {
    "/ok": ("ok", "yes", None, "OK", "no", None),
    "/400": ("client_error", "no", -2010, "INSUFFICIENT_BALANCE", "no", None),
    "/429": ("rate_limited", "no", -1015, "ORDER_RATE_LIMIT", "after_delay", 3000),
    "/418": ("banned", "no", -1003, "IP_BANNED_UNTIL", "after_delay", 120_000),
    "/409": ("partial", "partly", -2021, "CANCEL_REPLACE_PARTIAL", "after_reconcile", None),
    "/503": ("unknown_execution", "unknown", None, "SERVER_ERROR", "after_reconcile", None),
    "/403": ("banned", "no", None, "WAF", "after_delay", None),
}


def _summary(verdict: be.Verdict) -> tuple[str, str, int | None, str, str, int | None]:
    return (
        verdict.status_class.value,
        verdict.execution.value,
        verdict.code,
        verdict.reason,
        verdict.retry.action.value,
        verdict.retry_after_ms,
    )


class _Expected:
    """Compares equal to a verdict whose summary is the route's EXPECTED entry."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __eq__(self, other: object) -> bool:
        return isinstance(other, be.Verdict) and EXPECTED[self.path] == _summary(other)

    def __repr__(self) -> str:
        return f"EXPECTED[{self.path!r}] = {EXPECTED[self.path]!r}"


def _expected(path: str) -> Any:
    return _Expected(path)


def _raised(call: Any, *args: Any, **kw: Any) -> BaseException:
    with pytest.raises(Exception) as info:
        call(*args, **kw)
    return info.value


# -- responses ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(ROUTES))
def test_requests_response(server: str, path: str) -> None:
    """A requests.Response classifies like its status, headers and body."""
    assert _expected(path) == be.classify_response(requests.get(server + path, timeout=5))


@pytest.mark.parametrize("path", sorted(ROUTES))
def test_httpx_response(server: str, path: str) -> None:
    """An httpx.Response classifies like its status, headers and body."""
    assert _expected(path) == be.classify_response(httpx.get(server + path, timeout=5))


@pytest.mark.parametrize("path", sorted(ROUTES))
def test_aiohttp_response(server: str, path: str) -> None:
    """An aiohttp ClientResponse, once read, classifies like its status, headers and body."""

    async def fetch() -> be.Verdict:
        async with aiohttp.ClientSession() as session, session.get(server + path) as response:
            await response.read()
            return be.classify_response(response)

    assert _expected(path) == asyncio.run(fetch())


def test_unread_streamed_response_is_misuse(server: str) -> None:
    """A streamed httpx response whose body was never read raises ResponseNotReadError, not a guess."""
    with httpx.Client() as client, client.stream("GET", server + "/400") as response:
        with pytest.raises(be.ResponseNotReadError):
            be.classify_response(response)
        response.read()
        assert -2010 == be.classify_response(response).code


def test_http_error_exceptions(server: str) -> None:
    """requests' HTTPError and httpx's HTTPStatusError classify through their response."""
    requests_error = _raised(requests.get(server + "/429", timeout=5).raise_for_status)
    httpx_error = _raised(httpx.get(server + "/429", timeout=5).raise_for_status)
    assert [_expected("/429")] * 2 == [be.classify_exception(requests_error), be.classify_exception(httpx_error)]
    assert 3000 == be.classify_exception(httpx_error).retry_after_ms


def test_aiohttp_client_response_error(server: str) -> None:
    """aiohttp's ClientResponseError (a deprecated `.code` = the status) is an HTTP error: status and headers."""
    import warnings

    async def fail(path: str) -> BaseException:
        async with aiohttp.ClientSession(raise_for_status=True) as session:
            return _raised_async(await _capture(session.get(server + path)))

    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)  # `.code` is never read
        errors = {path: asyncio.run(fail(path)) for path in ("/429", "/418", "/400", "/503", "/sapi/v1/margin/loan")}
        verdicts = {path: be.classify_exception(exc) for path, exc in errors.items()}
    assert {type(exc).__name__ for exc in errors.values()} == {"ClientResponseError"}
    assert ("rate_limited", 3000) == (verdicts["/429"].status_class.value, verdicts["/429"].retry_after_ms)
    assert ("banned", 120_000) == (verdicts["/418"].status_class.value, verdicts["/418"].retry_after_ms)
    # The body is gone: a 400 no longer proves nothing executed (a 400 may carry -1007 or -1000).
    assert [("unknown_execution", be.BODY_DROPPED, "unknown"), ("unknown_execution", be.BODY_DROPPED, "unknown")] == [
        (verdicts[p].status_class.value, verdicts[p].reason, verdicts[p].execution.value) for p in ("/400", "/503")
    ]
    margin = verdicts["/sapi/v1/margin/loan"]
    assert ("margin", "unknown_execution") == (margin.product, margin.status_class.value)
    assert verdicts["/400"].raw_text is not None and "400" in verdicts["/400"].raw_text


@pytest.mark.parametrize("path", ["/429", "/418", "/400"])
def test_httpx_status_error_with_an_unread_body(server: str, path: str) -> None:
    """httpx's HTTPStatusError raised before the streamed body was read still uses its status and headers."""
    with httpx.Client() as client, client.stream("GET", server + path) as response:
        exc = _raised(response.raise_for_status)
    verdict = be.classify_exception(exc)
    # The body is gone: 429 and 418 decide by status (and Retry-After); a 400 leaves execution unknown.
    expected = {"/429": ("rate_limited", 3000), "/418": ("banned", 120_000), "/400": ("unknown_execution", None)}
    assert expected[path] == (verdict.status_class.value, verdict.retry_after_ms)


def test_a_success_code_on_an_exception_is_not_ok() -> None:
    """An exception whose code reads as success (0, 200) with a message is never `ok`: unreadable, text kept."""
    from binance.exceptions import BinanceOrderException

    errors = [
        BinanceOrderException(0, "Service unavailable"),
        BinanceOrderException(200, "Order rejected by the client"),
        ValueError({"code": 0, "msg": "success"}),  # binance-common's WebSocket API shape
    ]
    verdicts = [be.classify_exception(exc) for exc in errors]
    assert [("unknown_execution", "unknown", "MALFORMED")] * 3 == [
        (v.status_class.value, v.execution.value, v.reason) for v in verdicts
    ]
    assert [0, 200, 0] == [v.raw_code for v in verdicts]
    assert "Service unavailable" == verdicts[0].message and "Service unavailable" in (verdicts[0].raw_text or "")


# -- the product from the request URL -------------------------------------------------------


def _expected_for(path: str) -> be.Verdict:
    status, headers, body = PRODUCT_ROUTES[path]
    return be.classify(body, status, headers, product=URL_PRODUCTS[path])


@pytest.mark.parametrize("path", sorted(PRODUCT_ROUTES))
def test_product_from_the_url_of_a_response(server: str, path: str) -> None:
    """requests, httpx and aiohttp responses classify under the product their URL addresses."""

    async def fetch() -> be.Verdict:
        async with aiohttp.ClientSession() as session, session.get(server + path) as response:
            await response.read()
            return be.classify_response(response)

    expected = _expected_for(path)
    assert URL_PRODUCTS[path] == expected.product and expected.known
    assert [expected] * 3 == [
        be.classify_response(requests.get(server + path, timeout=5)),
        be.classify_response(httpx.get(server + path, timeout=5)),
        asyncio.run(fetch()),
    ]


@pytest.mark.parametrize("path", sorted(PRODUCT_ROUTES))
def test_product_from_the_url_of_an_exception(server: str, path: str) -> None:
    """requests' HTTPError, httpx's HTTPStatusError and python-binance's BinanceAPIException carry their URL."""
    from binance.client import Client

    errors = [
        _raised(requests.get(server + path, timeout=5).raise_for_status),
        _raised(httpx.get(server + path, timeout=5).raise_for_status),
        _raised(Client._handle_response, requests.get(server + path, timeout=5)),
    ]
    assert [_expected_for(path)] * 3 == [be.classify_exception(error) for error in errors]


def test_explicit_product_wins_and_no_url_is_spot(server: str) -> None:
    """product= given explicitly is used whatever the URL; with no URL to read, the product is spot."""
    response = requests.get(server + "/sapi/v1/margin/loan", timeout=5)
    assert "spot" == be.classify_response(response, product="spot").product
    assert "margin" == be.classify_response(response, body=b'{"code": -3006}').product
    from binance_errors._adapters import product_of_url

    assert [None, "margin", "usdm", "spot", None] == [
        product_of_url(url)
        for url in ("", "https://api.binance.com/sapi/v1/asset/x", "https://fapi.binance.com/fapi/v1/order?x=1",
                    "https://api.binance.com/api/v3/order", "wss://ws-api.binance.com/ws-api/v3")
    ]  # fmt: skip
    assert "spot" == be.classify_exception(ValueError("no url")).product


def test_ccxt_url_in_the_message() -> None:
    """CCXT's "binance GET <url> 503 ..." message names the URL: its product is used."""
    import ccxt

    exc = ccxt.ExchangeNotAvailable(
        'binance GET https://papi.binance.com/papi/v1/um/order 503 Service Unavailable {"code":-1001,'
        '"msg":"Internal error; unable to process your request. Please try again."}'
    )
    verdict = be.classify_exception(exc)
    assert ("portfolio_margin", "unknown_execution", -1001) == (
        verdict.product,
        verdict.status_class.value,
        verdict.code,
    )


# -- python-binance -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/400", "/409", "/418", "/429", "/503", "/403"])
def test_python_binance_rest(server: str, path: str) -> None:
    """BinanceAPIException from python-binance's own response handler keeps status, headers, body, data."""
    from binance.client import Client

    exc = _raised(Client._handle_response, requests.get(server + path, timeout=5))
    assert "BinanceAPIException" == type(exc).__name__
    assert _expected(path) == be.classify_exception(exc)


def test_python_binance_async_rest(server: str) -> None:
    """The async client's BinanceAPIException (an aiohttp response inside) classifies with its headers."""
    from binance.async_client import AsyncClient

    async def fail() -> BaseException:
        async with aiohttp.ClientSession() as session, session.get(server + "/429") as response:
            client = AsyncClient.__new__(AsyncClient)
            return _raised_async(await _capture(client._handle_response(response)))

    exc = asyncio.run(fail())
    assert "BinanceAPIException" == type(exc).__name__
    assert _expected("/429") == be.classify_exception(exc)


async def _capture(awaitable: Any) -> BaseException | None:
    try:
        await awaitable
    except Exception as error:
        return error
    return None


def _raised_async(error: BaseException | None) -> BaseException:
    assert error is not None
    return error


def test_python_binance_websocket_api() -> None:
    """python-binance's WebSocket API exception carries the frame: status and error.data survive."""
    from binance.exceptions import BinanceAPIException

    frame = SAMPLES[2][1]  # the documented 418 ban frame, with error.data
    exc = BinanceAPIException(frame, frame["status"], json.dumps(frame["error"]))  # as binance/ws/websocket_api.py
    verdict = be.classify_exception(exc)
    assert be.classify(frame) == verdict
    assert (3_492_469, frame["error"]["data"]) == (verdict.retry_after_ms, verdict.data)


def test_python_binance_order_exception() -> None:
    """BinanceOrderException is raised before sending: a client error that did not execute."""
    from binance.exceptions import BinanceOrderMinAmountException

    verdict = be.classify_exception(BinanceOrderMinAmountException("0.001"))
    assert (-1013, "Amount must be a multiple of 0.001", be.Execution.NO) == (
        verdict.code,
        verdict.message,
        verdict.execution,
    )


# -- binance-connector ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/400", "/409", "/418", "/429", "/503", "/403"])
def test_binance_connector(server: str, path: str) -> None:
    """binance-connector's ClientError/ServerError from its own request code classify like the response."""
    from binance.api import API

    exc = _raised(API(base_url=server).query, path)
    assert type(exc).__name__ in ("ClientError", "ServerError")
    assert _expected(path) == be.classify_exception(exc)


def test_binance_connector_keeps_data(server: str) -> None:
    """The cancel/replace legs in the connector's error_data reach the verdict."""
    from binance.api import API

    verdict = be.classify_exception(_raised(API(base_url=server).query, "/409"))
    assert (be.StatusClass.PARTIAL, LEGS["data"]) == (verdict.status_class, verdict.data)
    assert verdict.legs is not None and be.LegResult.SUCCESS == verdict.legs.cancel.result


# -- binance-sdk-spot / binance-common ------------------------------------------------------


def _sdk_error(server: str, path: str) -> BaseException:
    from binance_common.configuration import ConfigurationRestAPI
    from binance_common.utils import send_request

    configuration = ConfigurationRestAPI(base_path=server, retries=0, backoff=0)
    return _raised(send_request, requests.Session(), configuration, "GET", path)


@pytest.mark.parametrize("path", ["/400", "/418", "/429"])
def test_sdk_4xx_code_in_status_code(server: str, path: str) -> None:
    """binance-common's 4xx classes put the Binance code in `status_code`; the verdict has it right."""
    exc = _sdk_error(server, path)
    assert ROUTES[path][0] != exc.status_code  # type: ignore[attr-defined]
    assert _expected(path) == be.classify_exception(exc)


def test_sdk_403_html_page(server: str) -> None:
    """A 403 HTML page through binance-common is the WAF block (the class says 403, no body kept)."""
    verdict = be.classify_exception(_sdk_error(server, "/403"))
    assert ("banned", "WAF") == (verdict.status_class.value, verdict.reason)


def test_sdk_5xx_body_dropped(server: str) -> None:
    """binance-common drops a 5xx body: execution unknown, reason BODY_DROPPED, its text kept."""
    verdict = be.classify_exception(_sdk_error(server, "/503"))
    assert ("unknown_execution", be.BODY_DROPPED, "Server error: 503") == (
        verdict.status_class.value,
        verdict.reason,
        verdict.raw_text,
    )
    assert be.RetryAction.AFTER_RECONCILE == verdict.retry.action


def test_sdk_409_body_dropped(server: str) -> None:
    """binance-common's catch-all ClientError loses the 409 status, code and legs: no guess, BODY_DROPPED."""
    exc = _sdk_error(server, "/409")
    assert "ClientError" == type(exc).__name__
    verdict = be.classify_exception(exc)
    assert (be.Execution.UNKNOWN, be.BODY_DROPPED, LEGS["msg"], None) == (
        verdict.execution,
        verdict.reason,
        verdict.message,
        verdict.code,
    )


def test_sdk_websocket_api_error() -> None:
    """binance-common's WebSocket API raises ValueError(error object): the code decides."""
    assert be.classify({"error": INSUFFICIENT}) == be.classify_exception(ValueError(INSUFFICIENT))


# -- CCXT -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/400", "/409", "/418", "/429", "/503", "/403"])
def test_ccxt_fetch(server: str, path: str) -> None:
    """CCXT exceptions from its own fetch/handle_errors classify like the response they came from."""
    import ccxt

    exc = _raised(ccxt.binance().fetch, server + path)
    assert isinstance(exc, ccxt.BaseError)
    assert _expected(path) == be.classify_exception(exc)


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/400", "INSUFFICIENT_BALANCE"), ("/418", "IP_BANNED_UNTIL"), ("/409", "CANCEL_REPLACE_PARTIAL")],
)
def test_ccxt_message_only(path: str, reason: str) -> None:
    """Without the HTTP response, the body embedded in CCXT's message is read (or its bare message)."""
    import ccxt

    exchange = ccxt.binance()
    status, headers, body = ROUTES[path]
    text = body.decode()
    exc = _raised(exchange.handle_errors, status, "x", "u", "GET", headers, text, json.loads(text), None, None)
    assert exc.__context__ is None
    assert reason == be.classify_exception(exc).reason


def test_ccxt_bare_message_names_the_candidate_codes() -> None:
    """A CCXT message with no body keeps the message and says which codes send it."""
    import ccxt

    verdict = be.classify_exception(ccxt.InsufficientFunds("binance " + INSUFFICIENT["msg"]))
    assert ("INSUFFICIENT_BALANCE", be.Execution.NO, INSUFFICIENT["msg"]) == (
        verdict.reason,
        verdict.execution,
        verdict.message,
    )
    assert -2010 in verdict.values["code_from_message"]


def test_ccxt_timeout_is_unknown_execution() -> None:
    """A CCXT RequestTimeout has no answer: execution unknown, its text kept."""
    import ccxt

    verdict = be.classify_exception(ccxt.RequestTimeout("binance POST https://api.binance.com/api/v3/order"))
    assert (be.Execution.UNKNOWN, "binance POST https://api.binance.com/api/v3/order") == (
        verdict.execution,
        verdict.raw_text,
    )


def test_unrelated_exception_is_no_response() -> None:
    """Any other exception (a timeout) is no answer: execution unknown, never a crash."""
    verdict = be.classify_exception(TimeoutError("read timed out"))
    assert (be.StatusClass.UNKNOWN_EXECUTION, "TimeoutError: read timed out") == (
        verdict.status_class,
        verdict.raw_text,
    )


# -- no import at runtime -------------------------------------------------------------------

LOOK_ALIKES = textwrap.dedent(
    """
    import sys
    import binance_errors as be

    class BinanceAPIException(Exception):
        def __init__(self):
            self.code, self.message, self.status_code = -2010, "x", 400
            msg = "Account has insufficient balance for requested action."
            self.response = {"status": 400, "error": {"code": -2010, "msg": msg}}

    class ClientError(Exception):
        def __init__(self):
            self.status_code, self.error_code, self.error_message = 429, -1015, "Too many new orders."
            self.header, self.error_data = {"Retry-After": "2"}, None

    class TooManyRequestsError(Exception):
        def __init__(self):
            self.error_message, self.status_code, self.retry_after = "Too many new orders.", -1015, 4

    class InsufficientFunds(Exception):
        pass
    InsufficientFunds.__module__ = "ccxt.base.errors"

    class Response:
        status_code, headers, content = 503, {}, b"<html>503</html>"

    verdicts = [
        be.classify_exception(BinanceAPIException()),
        be.classify_exception(ClientError()),
        be.classify_exception(TooManyRequestsError()),
        be.classify_exception(InsufficientFunds('binance {"code":-1013,"msg":"Filter failure: LOT_SIZE"}')),
        be.classify_response(Response()),
    ]
    be.should_retry(verdicts[1], 1); be.next_delay_ms(verdicts[1], 1); be.tenacity_retry(); be.stamina_on()
    print([v.reason for v in verdicts], verdicts[1].retry_after_ms, verdicts[2].retry_after_ms)
    names = ("binance", "binance_common", "binance_sdk_spot", "ccxt", "requests", "httpx", "aiohttp",
             "tenacity", "stamina", "cattrs", "yaml")
    print(sorted(n for n in names if n in sys.modules))
    """
)


def test_look_alikes_classify_without_importing_the_libraries() -> None:
    """Duck-typed look-alikes classify in a fresh interpreter that never imports any client library."""
    result = subprocess.run([sys.executable, "-c", LOOK_ALIKES], capture_output=True, text=True, cwd=ROOT)
    assert 0 == result.returncode, result.stderr
    reasons, imported = result.stdout.strip().splitlines()
    assert (
        "['INSUFFICIENT_BALANCE', 'ORDER_RATE_LIMIT', 'ORDER_RATE_LIMIT', 'FILTER_FAILURE', 'SERVER_ERROR'] 2000 4000"
        == reasons
    )
    assert "[]" == imported
