"""Retry hooks: should_retry/next_delay_ms, and the real tenacity and stamina driving real exceptions."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import binance_errors as be

from .cases import BAN_MSG, CASES
from .strategies import frames, statuses

tenacity = pytest.importorskip("tenacity")
stamina = pytest.importorskip("stamina")
connector_error = pytest.importorskip("binance.error")

RATE_LIMITED = {"code": -1015, "msg": "Too many new orders."}
INSUFFICIENT = {"code": -2010, "msg": "Account has insufficient balance for requested action."}


def _rate_limited(retry_after: str | None = "0.02") -> Exception:
    """binance-connector's ClientError for a 429 (a real exception object)."""
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return connector_error.ClientError(429, RATE_LIMITED["code"], RATE_LIMITED["msg"], headers)


def _server_error() -> Exception:
    return connector_error.ServerError(503, "<html>503 Service Unavailable</html>")


def _case_verdicts() -> list[be.Verdict]:
    return [be.classify(frame, status, headers) for _, frame, status, headers, _ in CASES]


def test_never_retry_what_may_have_executed() -> None:
    """No golden case with execution unknown or partly gets a retry or a delay, at any attempt."""
    unsafe = [v for v in _case_verdicts() if v.execution in (be.Execution.UNKNOWN, be.Execution.PARTLY)]
    assert unsafe
    assert [] == [v for v in unsafe for n in (1, 2, 9) if be.should_retry(v, n) or be.next_delay_ms(v, n) is not None]


@given(frames(), statuses, st.integers(min_value=1, max_value=50))
def test_retry_only_when_nothing_executed(frame: Any, status: Any, attempt: int) -> None:
    """For any input, should_retry implies execution `no` and an advice of now/after_delay."""
    verdict = be.classify(frame, status)
    if be.should_retry(verdict, attempt, max_attempts=None, max_delay_ms=None):
        assert be.Execution.NO == verdict.execution
        assert verdict.retry.action in (be.RetryAction.NOW, be.RetryAction.AFTER_DELAY)


def test_response_timing_wins_over_backoff() -> None:
    """A Retry-After of 3 s gives 3000 ms on every attempt; without timing the backoff is jittered."""
    timed = be.classify(RATE_LIMITED, 429, {"Retry-After": "3"})
    untimed = be.classify(RATE_LIMITED, 429)
    assert [3000, 3000, 3000] == [be.next_delay_ms(timed, n) for n in (1, 2, 5)]
    delays = {be.next_delay_ms(untimed, 4, base_ms=100, rng=random.Random(seed)) for seed in range(20)}
    assert len(delays) > 1 and all(d is not None and 0 <= d <= 800 for d in delays)


def test_backoff_grows_and_is_capped() -> None:
    """Backoff ceilings double per attempt up to the cap: attempt 20 never exceeds cap_ms."""
    rng = random.Random(1)
    assert max(be.backoff_ms(20, base_ms=100, cap_ms=1000, rng=rng) for _ in range(200)) <= 1000
    assert max(be.backoff_ms(1, base_ms=100, rng=rng) for _ in range(200)) <= 100


def test_absolute_time_needs_the_callers_clock() -> None:
    """A ban with only an end time waits until it, measured against now_ms; a past time is 0."""
    ban = be.classify(
        {
            "code": -1003,
            "msg": "Way too much request weight used; IP banned until 1700000060000. Please use "
            "WebSocket Streams for live updates to avoid bans.",
        },
        418,
    )
    assert (None, 1700000060000) == (ban.retry_after_ms, ban.retry_at_ms)
    assert 60_000 == be.next_delay_ms(ban, 1, now_ms=1700000000000)
    assert 0 == be.next_delay_ms(ban, 1, now_ms=1800000000000)
    assert not be.should_retry(ban, 1, now_ms=1700000000000, max_delay_ms=10_000)


def test_long_ban_and_attempt_limit_stop_retrying() -> None:
    """An 1-hour ban exceeds max_delay_ms; the 5th attempt is the last by default."""
    ban = be.classify(RATE_LIMITED, 418, {"Retry-After": "3600"})
    limited = be.classify(RATE_LIMITED, 429, {"Retry-After": "1"})
    assert (False, True) == (be.should_retry(ban, 1), be.should_retry(ban, 1, max_delay_ms=None))
    assert [True, True, True, True, False] == [be.should_retry(limited, n) for n in range(1, 6)]


def test_fix_first_and_client_errors_are_not_retried() -> None:
    """-1021 (resync the clock first) and -2010 are never retried by the hooks."""
    stale = be.classify({"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}, 400)
    refused = be.classify(INSUFFICIENT, 400)
    assert (False, False, None, None) == (
        be.should_retry(stale, 1),
        be.should_retry(refused, 1),
        be.next_delay_ms(stale, 1),
        be.next_delay_ms(refused, 1),
    )


def test_tenacity_retries_rate_limit_then_succeeds() -> None:
    """Real tenacity: a 429 twice is retried with the Retry-After wait, then the call succeeds."""
    calls: list[int] = []
    waits: list[float] = []

    @tenacity.retry(
        retry=be.tenacity_retry(),
        wait=be.tenacity_wait(),
        stop=tenacity.stop_after_attempt(5),
        sleep=waits.append,
        reraise=True,
    )
    def place() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise _rate_limited("2")  # Retry-After is whole seconds (RFC 9110 delay-seconds)
        return "placed"

    assert ("placed", 3, [2.0, 2.0]) == (place(), len(calls), waits)


def test_tenacity_never_resends_an_unknown_outcome() -> None:
    """Real tenacity: a 503 (execution unknown) is raised after one attempt, not resent."""
    calls: list[int] = []

    @tenacity.retry(
        retry=be.tenacity_retry(), wait=be.tenacity_wait(), stop=tenacity.stop_after_attempt(5), reraise=True
    )
    def place() -> None:
        calls.append(1)
        raise _server_error()

    with pytest.raises(connector_error.ServerError):
        place()
    assert 1 == len(calls)


def test_tenacity_backoff_without_timing_and_on_returned_frames() -> None:
    """Real tenacity on returned WS frames: a 429 frame with no timing is retried with jittered backoff."""
    frames = [{"status": 429, "error": RATE_LIMITED}, {"status": 200, "result": {}}]
    waits: list[float] = []

    @tenacity.retry(
        retry=be.tenacity_retry(),
        wait=be.tenacity_wait(base_ms=100, rng=random.Random(3)),
        stop=tenacity.stop_after_attempt(3),
        sleep=waits.append,
    )
    def send() -> dict[str, Any]:
        return frames.pop(0)

    assert {"status": 200, "result": {}} == send()
    assert 1 == len(waits) and 0 <= waits[0] <= 0.1


def test_stamina_honours_retry_after() -> None:
    """Real stamina: the on= hook returns the Retry-After wait in seconds and stamina retries with it."""
    calls: list[int] = []
    waits: list[float] = []
    stamina.instrumentation.set_on_retry_hooks([lambda details: waits.append(details.wait_for)])
    try:

        @stamina.retry(on=be.stamina_on(), attempts=3, timeout=None)
        def place() -> str:
            calls.append(1)
            if len(calls) < 2:
                raise _rate_limited("1")
            return "placed"

        assert ("placed", 2, [1.0]) == (place(), len(calls), waits)
    finally:
        stamina.instrumentation.set_on_retry_hooks(None)


def test_stamina_hook_answers() -> None:
    """The stamina hook: a float for timed answers, True for untimed ones, False for unsafe ones."""
    on = be.stamina_on()
    assert (2.0, True, False, False, True) == (
        on(_rate_limited("2")),
        on(_rate_limited(None)),
        on(_server_error()),
        on(connector_error.ClientError(400, INSUFFICIENT["code"], INSUFFICIENT["msg"], {})),
        on(_rate_limited("0.5")),  # not whole seconds: no delay the header names, stamina's own backoff
    )


def test_stamina_gives_up_on_unsafe_errors() -> None:
    """Real stamina: a 503 is not retried (the hook says False)."""
    calls: list[int] = []

    @stamina.retry(on=be.stamina_on(), attempts=3, timeout=None)
    def place() -> None:
        calls.append(1)
        raise _server_error()

    with pytest.raises(connector_error.ServerError):
        place()
    assert 1 == len(calls)


# -- never into a ban; the product of the request URL -------------------------------------

BAN_UNTIL = 1_700_000_060_000
NOW = 1_700_000_000_000


def _ban_frame(until: int) -> dict[str, Any]:
    """A WebSocket API 418 whose only timing is the ban's end in the message (no error.data)."""
    msg = BAN_MSG.replace("1659146400000", str(until))
    return {"id": 1, "status": 418, "error": {"code": -1003, "msg": msg}}


def test_a_ban_with_no_known_end_is_given_up() -> None:
    """A 403 WAF page and a 418 with nothing: every hook gives up (no backoff into a ban)."""
    waf = be.classify(b"<html>403 Forbidden</html>", 403)
    bare_ban = be.classify(None, 418)
    assert [be.StatusClass.BANNED] * 2 == [waf.status_class, bare_ban.status_class]
    for verdict in (waf, bare_ban):
        assert (False, False, None) == (
            be.should_retry(verdict, 1),
            be.should_retry(verdict, 1, max_attempts=None, max_delay_ms=None),
            be.next_delay_ms(verdict, 1),
        )
    on = be.stamina_on()
    assert [False, False] == [on(connector_error.ServerError(403, "<html>403</html>")), on(_waf_client_error())]


def _waf_client_error() -> Exception:
    return connector_error.ClientError(418, None, "I'm a teapot", {})


@pytest.mark.slow  # reads the real clock: a stalled machine could move it past the window
def test_a_ban_end_is_read_against_the_clock_when_no_now_ms_is_given() -> None:
    """Only an absolute end (retry_at_ms): the hooks read the local clock; now_ms overrides it."""
    from binance_errors._hooks import clock_ms

    soon = clock_ms() + 30_000
    ban = be.classify(_ban_frame(soon))
    assert (be.StatusClass.BANNED, None, soon) == (ban.status_class, ban.retry_after_ms, ban.retry_at_ms)
    delay = be.next_delay_ms(ban, 1)
    assert delay is not None and 25_000 <= delay <= 30_000  # the ban's end, not a 200 ms backoff
    assert 60_000 == be.next_delay_ms(be.classify(_ban_frame(BAN_UNTIL)), 1, now_ms=NOW)
    far = be.classify(_ban_frame(clock_ms() + 3_600_000))
    assert (False, True) == (be.should_retry(far, 1), be.should_retry(far, 1, max_delay_ms=None))


def test_tenacity_waits_out_a_ban_to_its_end() -> None:
    """Real tenacity on returned frames: a ban ending in 60 s (injected clock) waits 60 s, then resends."""
    frames = [_ban_frame(BAN_UNTIL), {"id": 1, "status": 200, "result": {}}]
    waits: list[float] = []

    @tenacity.retry(
        retry=be.tenacity_retry(max_delay_ms=None, clock=lambda: NOW),
        wait=be.tenacity_wait(clock=lambda: NOW),
        stop=tenacity.stop_after_attempt(3),
        sleep=waits.append,
    )
    def send() -> dict[str, Any]:
        return frames.pop(0)

    assert ({"id": 1, "status": 200, "result": {}}, [60.0]) == (send(), waits)


def test_tenacity_and_stamina_give_up_on_a_waf_block() -> None:
    """Real tenacity and stamina: a 403 WAF page is raised after one attempt, never resent."""
    calls: list[int] = []

    def block() -> None:
        calls.append(1)
        raise connector_error.ServerError(403, "<html>403 Forbidden</html>")

    retrying = tenacity.retry(
        retry=be.tenacity_retry(), wait=be.tenacity_wait(), stop=tenacity.stop_after_attempt(5), reraise=True
    )
    for wrapped in (retrying(block), stamina.retry(on=be.stamina_on(), attempts=5, timeout=None)(block)):
        with pytest.raises(connector_error.ServerError):
            wrapped()
    assert 2 == len(calls)


def test_stamina_waits_out_a_ban_end_on_its_clock() -> None:
    """The stamina hook turns a ban's absolute end into the seconds left on its clock."""
    from binance.exceptions import BinanceAPIException

    frame = _ban_frame(BAN_UNTIL)
    exc = BinanceAPIException(frame, 418, json.dumps(frame["error"]))  # as python-binance's WebSocket API raises it
    assert (60.0, False) == (
        be.stamina_on(max_delay_ms=None, clock=lambda: NOW)(exc),
        be.stamina_on(max_delay_ms=59_999, clock=lambda: NOW)(exc),  # longer than max_delay_ms: give up
    )


requests = pytest.importorskip("requests")


def _margin_http_error() -> Exception:
    """requests' HTTPError for a /sapi/ (margin) URL with a margin code that is retryable there only."""
    response = requests.Response()
    response.status_code, response.url = 400, "https://api.binance.com/sapi/v1/portfolio/repay"
    response._content = b'{"code":-21006,"msg":"User had portfolio margin bankruptcy loan repayment in process"}'
    return requests.HTTPError("400 Client Error", response=response)


def test_hooks_read_the_product_off_the_url() -> None:
    """Without product=, the hooks classify under the product the request URL addresses (margin here)."""
    exc = _margin_http_error()
    state = type("State", (), {"attempt_number": 1, "outcome": None})()
    state.outcome = type("Outcome", (), {"failed": True, "exception": lambda self: exc})()
    assert "margin" == be.classify_exception(exc).product
    assert (True, False) == (be.tenacity_retry()(state), be.tenacity_retry("spot")(state))
    assert (True, False) == (be.stamina_on()(exc), be.stamina_on("spot")(exc))
