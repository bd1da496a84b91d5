"""WebSocket Streams answers (data/upstream/spot_web_socket_streams.md and the event pages), read with
``product="streams"``. The expected verdicts are written from the pages, not read from the code."""

from __future__ import annotations

from typing import Any

import pytest
import ujson

import binance_errors as be

from .invariants import check_verdict


def classify(frame: Any) -> be.Verdict:
    verdict = be.classify(frame, product="streams")
    check_verdict(verdict, "streams")
    return verdict


def summary(verdict: be.Verdict) -> tuple[Any, ...]:
    return (
        verdict.status_class.value,
        verdict.execution.value,
        verdict.retry.action.value,
        verdict.reconcile.value,
        verdict.reason,
        verdict.code,
        verdict.message,
    )


def rejected(reason: str, code: int, msg: str) -> tuple[Any, ...]:
    """A control request the server did not apply: fix it, do not resend it as it is."""
    return ("client_error", "no", "no", "fix_request", reason, code, msg)


UNKNOWN_VARIANT = (
    "Invalid request: unknown variant `SUBSCRIBEE`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, "
    "`LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY` at line 1 column 28"
)

# The page's "Error Messages" table, row by row (a %s filled in), as sent and nested under "error".
CONTROL_ERRORS = [
    ({"code": 0, "msg": "Unknown property", "id": 1}, rejected("UNKNOWN_PROPERTY", 0, "Unknown property")),
    (
        {"code": 1, "msg": "Invalid value type: expected Boolean"},
        rejected("INVALID_VALUE_TYPE", 1, "Invalid value type: expected Boolean"),
    ),
    (
        {"code": 2, "msg": "Invalid request: property name must be a string"},
        rejected("INVALID_REQUEST", 2, "Invalid request: property name must be a string"),
    ),
    (
        {"code": 2, "msg": "Invalid request: request ID must be an unsigned integer"},
        rejected("INVALID_REQUEST", 2, "Invalid request: request ID must be an unsigned integer"),
    ),
    ({"code": 2, "msg": UNKNOWN_VARIANT}, rejected("INVALID_REQUEST", 2, UNKNOWN_VARIANT)),
    (
        {"code": 2, "msg": "Invalid request: too many parameters"},
        rejected("INVALID_REQUEST", 2, "Invalid request: too many parameters"),
    ),
    (
        {"code": 2, "msg": "Invalid request: missing field `method` at line 1 column 73"},
        rejected("INVALID_REQUEST", 2, "Invalid request: missing field `method` at line 1 column 73"),
    ),
    (
        {"code": 3, "msg": "Invalid JSON: expected value at line 1 column 2"},
        rejected("INVALID_JSON", 3, "Invalid JSON: expected value at line 1 column 2"),
    ),
]


@pytest.mark.parametrize(("frame", "expected"), CONTROL_ERRORS, ids=[str(f["code"]) for f, _ in CONTROL_ERRORS])
def test_control_errors_are_never_ok(frame: dict[str, Any], expected: tuple[Any, ...]) -> None:
    """Each control error of the page is a rejection of the control request, as sent and nested."""
    assert expected == summary(classify(frame))
    nested = {"error": {"code": frame["code"], "msg": frame["msg"]}, "id": frame.get("id", 2)}
    assert expected == summary(classify(nested))
    assert expected == summary(classify(ujson.dumps(nested).encode()))


def test_the_values_in_a_control_error() -> None:
    """The templated control errors give their values (the JSON error's line and column, the bad method)."""
    assert {"line": 1, "column": 2} == dict(classify(CONTROL_ERRORS[-1][0]).values)
    assert {"variant": "`SUBSCRIBEE`"} == dict(classify(CONTROL_ERRORS[4][0]).values)
    moved = {"code": 2, "msg": "Invalid request: missing field `method` at line 1 column 9"}
    assert ("INVALID_REQUEST", {"line": 1, "column": 9}) == (classify(moved).reason, dict(classify(moved).values))


def test_an_unlisted_control_code_is_a_rejection() -> None:
    """A control code the page does not list (4) is still a rejection, known False."""
    verdict = classify({"code": 4, "msg": "Something new", "id": 9})
    assert ("client_error", "UNKNOWN_STREAMS_CODE", False) == (
        verdict.status_class.value,
        verdict.reason,
        verdict.known,
    )


@pytest.mark.parametrize(
    "frame",
    [{"result": None, "id": 1}, {"result": ["btcusdt@aggTrade"], "id": 3}, {"result": True, "id": 2}],
    ids=["subscribe", "list", "get-property"],
)
def test_control_successes_are_ok(frame: dict[str, Any]) -> None:
    """`result` answers (null for SUBSCRIBE/UNSUBSCRIBE/SET_PROPERTY, a list, a property value) are ok."""
    assert ("ok", "yes", "no", "none", "OK", None, None) == summary(classify(frame))


SHUTDOWN = {"e": "serverShutdown", "E": 1770123456789}
TERMINATED = {"subscriptionId": 0, "event": {"e": "eventStreamTerminated", "E": 1728973001334}}
EXPIRED = {"e": "listenKeyExpired", "E": "1736996475556", "listenKey": "WsCMN0a4KHUPTQuX6IUnqEZfB1inxmv1qR4kbf1"}

# Events that end the stream or the session (the pages say: reconnect, subscribe again).
ENDINGS = [
    ("raw-stream", SHUTDOWN, "serverShutdown", "SERVER_SHUTDOWN"),
    ("combined-stream", {"stream": "!serverShutdown", "data": SHUTDOWN}, "serverShutdown", "SERVER_SHUTDOWN"),
    ("websocket-api", {"event": SHUTDOWN}, "serverShutdown", "SERVER_SHUTDOWN"),
    ("user-data-stream", TERMINATED, "eventStreamTerminated", "EVENT_STREAM_TERMINATED"),
    ("futures-listen-key", EXPIRED, "listenKeyExpired", "LISTEN_KEY_EXPIRED"),
    ("futures-combined", {"stream": "abc", "data": EXPIRED}, "listenKeyExpired", "LISTEN_KEY_EXPIRED"),
]


@pytest.mark.parametrize(("frame", "event", "reason"), [e[1:] for e in ENDINGS], ids=[e[0] for e in ENDINGS])
def test_events_that_end_the_session_advise_reconnecting(frame: dict[str, Any], event: str, reason: str) -> None:
    """serverShutdown, eventStreamTerminated and listenKeyExpired are ok, with advice to reconnect;
    the frame is kept whole in `data`."""
    verdict = classify(frame)
    assert ("ok", "yes", "no", "reconnect", reason, None, event) == summary(verdict)
    assert frame == verdict.data
    assert summary(verdict) == summary(classify(ujson.dumps(frame)))


@pytest.mark.parametrize(
    "frame",
    [
        {"e": "trade", "E": 1672515782136, "s": "BNBBTC", "t": 12345, "p": "0.001", "q": "100"},
        {"stream": "bnbbtc@depth", "data": {"e": "depthUpdate", "E": 1672515782136, "s": "BNBBTC"}},
        {"subscriptionId": 0, "event": {"e": "executionReport", "E": 1499405658658, "X": "NEW"}},
        {"e": "ACCOUNT_UPDATE", "E": 1564745798939},
        [{"e": "24hrMiniTicker", "s": "BNBBTC"}, {"e": "24hrMiniTicker", "s": "ETHBTC"}],
    ],
    ids=["trade", "combined-depth", "user-data", "futures-account", "ticker-array"],
)
def test_every_other_event_is_ok(frame: Any) -> None:
    """Market data and account events are successes with nothing to do."""
    verdict = classify(frame)
    assert ("ok", "yes", "no", "none", "OK") == summary(verdict)[:5]


def test_spot_reads_code_zero_as_success_which_is_why_streams_is_a_product() -> None:
    """Under spot, code 0 is a success code; the streams table is needed to read "Unknown property"."""
    frame = {"code": 0, "msg": "Unknown property", "id": 1}
    assert ("ok", "client_error") == (be.classify(frame).status_class.value, classify(frame).status_class.value)
